//! What an administrator may add to a vocabulary: the key's shape, the three labels, and the
//! limits that keep the registry small. Each refusal names its field.

use super::{OpenKind, TermRecord};
use crate::domain::taxonomy::{IssueArea, Language};
use crate::i18n::K;

/// Longest label.
pub const LABEL_MAX: usize = 80;
/// Most added values per vocabulary (the registry only grows; see `vocabulary`).
pub const PER_KIND_MAX: usize = 100;

/// A value as the administrator typed it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TermForm {
    pub kind: String,
    pub key: String,
    pub label_en: String,
    pub label_fr: String,
    pub label_es: String,
}

/// Why a value was refused: the field and the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub field: &'static str,
    pub key: K,
}

/// Whether `key` has the shape its vocabulary's keys have: an issue area is snake_case
/// (3 to 40 characters, starting with a letter); a language is its ISO 639 code (2 or 3 letters).
pub fn key_shape_ok(kind: OpenKind, key: &str) -> bool {
    match kind {
        OpenKind::IssueArea => {
            (3..=40).contains(&key.len())
                && key.starts_with(|c: char| c.is_ascii_lowercase())
                && key.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                && !key.ends_with('_')
                && !key.contains("__")
        }
        OpenKind::Language => (2..=3).contains(&key.len()) && key.chars().all(|c| c.is_ascii_lowercase()),
    }
}

/// Whether `key` is one of the vocabulary's built-in terms.
pub fn is_built_in(kind: OpenKind, key: &str) -> bool {
    match kind {
        OpenKind::IssueArea => IssueArea::ALL.iter().any(|a| a.key() == key),
        OpenKind::Language => Language::ALL.iter().any(|a| a.key() == key),
    }
}

/// A label as kept: on one line, trimmed, 2 to [`LABEL_MAX`] characters, no control characters.
pub fn check_label(field: &'static str, text: &str) -> Result<String, Refusal> {
    if text.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Err(Refusal { field, key: K::VocabErrorLabel });
    }
    let label = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let n = label.chars().count();
    if !(2..=LABEL_MAX).contains(&n) {
        return Err(Refusal { field, key: K::VocabErrorLabel });
    }
    Ok(label)
}

/// The three labels, checked, in `Locale::ALL` order.
pub fn check_labels(en: &str, fr: &str, es: &str) -> Result<[String; 3], Refusal> {
    Ok([check_label("label_en", en)?, check_label("label_fr", fr)?, check_label("label_es", es)?])
}

/// Checks a new value against the vocabulary's built-in terms and the `existing` added ones
/// (`(kind, key)` of each, retired included).
pub fn check_new(form: &TermForm, existing: &[(OpenKind, String)]) -> Result<TermRecord, Refusal> {
    let kind = OpenKind::from_key(form.kind.trim()).ok_or(Refusal { field: "kind", key: K::VocabErrorKind })?;
    let key = form.key.trim().to_ascii_lowercase();
    if !key_shape_ok(kind, &key) {
        let message = match kind {
            OpenKind::IssueArea => K::VocabErrorAreaKey,
            OpenKind::Language => K::VocabErrorLanguageKey,
        };
        return Err(Refusal { field: "key", key: message });
    }
    if is_built_in(kind, &key) || existing.iter().any(|(k, v)| *k == kind && *v == key) {
        return Err(Refusal { field: "key", key: K::VocabErrorTaken });
    }
    if existing.iter().filter(|(k, _)| *k == kind).count() >= PER_KIND_MAX {
        return Err(Refusal { field: "kind", key: K::VocabErrorFull });
    }
    let labels = check_labels(&form.label_en, &form.label_fr, &form.label_es)?;
    Ok(TermRecord { kind, key, labels, retired: false })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> TermForm {
        TermForm {
            kind: "issue_area".into(),
            key: " Open_Parliament ".into(),
            label_en: " Open  parliaments ".into(),
            label_fr: "Parlements ouverts".into(),
            label_es: "Parlamentos abiertos".into(),
        }
    }

    #[test]
    fn a_new_value_is_accepted_tidied() {
        let r = check_new(&form(), &[]).expect("accepted");
        assert_eq!(r.kind, OpenKind::IssueArea);
        assert_eq!(r.key, "open_parliament");
        assert_eq!(r.labels[0], "Open parliaments");
        assert!(!r.retired);
        let lang = TermForm { kind: "language".into(), key: "qu".into(), ..form() };
        assert_eq!(check_new(&lang, &[]).expect("a language").key, "qu");
    }

    #[test]
    fn each_bad_field_is_named() {
        let bad = |f: fn(&mut TermForm)| {
            let mut x = form();
            f(&mut x);
            check_new(&x, &[]).err()
        };
        assert_eq!(bad(|f| f.kind = "region".into()).map(|r| r.field), Some("kind"));
        assert_eq!(bad(|f| f.key = "a".into()).map(|r| r.key), Some(K::VocabErrorAreaKey));
        assert_eq!(bad(|f| f.key = "open data".into()).map(|r| r.field), Some("key"));
        assert_eq!(bad(|f| f.key = "<b>".into()).map(|r| r.field), Some("key"));
        assert_eq!(bad(|f| f.key = "open__data".into()).map(|r| r.field), Some("key"));
        assert_eq!(bad(|f| f.key = "open_data".into()).map(|r| r.key), Some(K::VocabErrorTaken), "built-in");
        assert_eq!(
            bad(|f| {
                f.kind = "language".into();
                f.key = "english".into()
            })
            .map(|r| r.key),
            Some(K::VocabErrorLanguageKey)
        );
        assert_eq!(bad(|f| f.label_en = " ".into()).map(|r| r.field), Some("label_en"));
        assert_eq!(bad(|f| f.label_fr = "x".repeat(LABEL_MAX + 1)).map(|r| r.field), Some("label_fr"));
        assert_eq!(bad(|f| f.label_es = "Agua\u{0}".into()).map(|r| r.field), Some("label_es"));
    }

    #[test]
    fn a_key_is_added_once_and_each_vocabulary_has_a_limit() {
        let existing = vec![(OpenKind::IssueArea, "open_parliament".to_string())];
        assert_eq!(check_new(&form(), &existing).err().map(|r| r.key), Some(K::VocabErrorTaken));
        let lang = TermForm { kind: "language".into(), key: "open_parliament".into(), ..form() };
        assert_eq!(check_new(&lang, &existing).err().map(|r| r.field), Some("key"), "a language's key is a code");
        let full: Vec<_> = (0..PER_KIND_MAX).map(|i| (OpenKind::IssueArea, format!("area_{i}"))).collect();
        assert_eq!(check_new(&form(), &full).err().map(|r| r.key), Some(K::VocabErrorFull));
        let other: Vec<_> = (0..PER_KIND_MAX).map(|i| (OpenKind::Language, format!("l{i}"))).collect();
        assert!(check_new(&form(), &other).is_ok(), "the other vocabulary's values do not count");
    }
}
