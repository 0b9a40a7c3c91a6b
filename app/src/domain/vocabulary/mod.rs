//! Values an administrator added to the open vocabularies (issue areas, working languages)
//! without a release.
//!
//! The built-in terms are enum variants (`taxonomy`); an added one is `Added`, a cheap handle to
//! a term held in this process-wide registry. The server fills the registry from the
//! `vocabulary_values` table at start-up and on every request (so several instances agree).
//! Pages are rendered on the server only, so the browser needs no copy.
//!
//! The registry only grows: a retired term stays known (old answers keep their label) but is no
//! longer offered. Should a later release make an added key built-in, the built-in wins and every
//! stored answer stays valid, since the key is the same.

pub mod rules;

use crate::i18n::Locale;
use serde::{Deserialize, Serialize};
use std::sync::RwLock;

/// The vocabularies an administrator can extend.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum OpenKind {
    #[serde(rename = "issue_area")]
    IssueArea,
    #[serde(rename = "language")]
    Language,
}

impl OpenKind {
    /// Both, in the order the administration page shows them.
    pub const ALL: [OpenKind; 2] = [OpenKind::IssueArea, OpenKind::Language];

    /// The stable key (stored, and in the form).
    pub fn key(self) -> &'static str {
        match self {
            OpenKind::IssueArea => "issue_area",
            OpenKind::Language => "language",
        }
    }

    /// Parses a key; `None` for an unknown one.
    pub fn from_key(key: &str) -> Option<OpenKind> {
        OpenKind::ALL.into_iter().find(|k| k.key() == key)
    }
}

/// An added term as stored and as sent to the browser.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermRecord {
    pub kind: OpenKind,
    pub key: String,
    /// The label in English, French and Spanish (`Locale::ALL` order).
    pub labels: [String; 3],
    /// No longer offered for new answers; existing answers keep it.
    pub retired: bool,
}

/// One registered term. Never freed: the registry is small and only grows (see the limits in
/// `rules`), and handles to it are `Copy`.
#[derive(Debug)]
pub struct AddedTerm {
    kind: OpenKind,
    key: &'static str,
    labels: [&'static str; 3],
    retired: bool,
}

/// A handle to an added term, compared by its vocabulary and key.
#[derive(Clone, Copy, Debug)]
pub struct Added(&'static AddedTerm);

impl Added {
    /// The stable key.
    pub fn key(self) -> &'static str {
        self.0.key
    }

    /// The label in `locale`.
    pub fn label(self, locale: Locale) -> &'static str {
        let i = Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0);
        self.0.labels[i]
    }

    /// Whether it is still offered for new answers.
    pub fn is_offered(self) -> bool {
        !self.0.retired
    }
}

impl PartialEq for Added {
    fn eq(&self, other: &Self) -> bool {
        self.0.kind == other.0.kind && self.0.key == other.0.key
    }
}
impl Eq for Added {}
impl std::hash::Hash for Added {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.0.kind.hash(state);
        self.0.key.hash(state);
    }
}
impl PartialOrd for Added {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Added {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.0.kind, self.0.key).cmp(&(other.0.kind, other.0.key))
    }
}

static TERMS: RwLock<Vec<&'static AddedTerm>> = RwLock::new(Vec::new());

fn read() -> std::sync::RwLockReadGuard<'static, Vec<&'static AddedTerm>> {
    TERMS.read().unwrap_or_else(|e| e.into_inner())
}

/// The registered term of `kind` with `key`, retired or not.
pub fn find(kind: OpenKind, key: &str) -> Option<Added> {
    read().iter().find(|t| t.kind == kind && t.key == key).map(|t| Added(t))
}

/// The terms of `kind` still offered, in the order they were added.
pub fn offered(kind: OpenKind) -> Vec<Added> {
    read().iter().filter(|t| t.kind == kind && !t.retired).map(|t| Added(t)).collect()
}

/// Every registered term, as records.
pub fn records() -> Vec<TermRecord> {
    read()
        .iter()
        .map(|t| TermRecord {
            kind: t.kind,
            key: t.key.to_string(),
            labels: t.labels.map(str::to_string),
            retired: t.retired,
        })
        .collect()
}

/// Adds or updates terms. A term whose record is unchanged costs a comparison; a changed one is
/// replaced (the old copy stays valid for handles still held). Terms not in `records` are left
/// alone: the registry never shrinks.
pub fn register(records: &[TermRecord]) {
    let changed: Vec<&TermRecord> = {
        let terms = read();
        records
            .iter()
            .filter(|r| {
                !terms.iter().any(|t| {
                    t.kind == r.kind
                        && t.key == r.key
                        && t.retired == r.retired
                        && t.labels.iter().zip(&r.labels).all(|(a, b)| *a == b.as_str())
                })
            })
            .collect()
    };
    if changed.is_empty() {
        return;
    }
    let mut terms = TERMS.write().unwrap_or_else(|e| e.into_inner());
    for r in changed {
        let leak = |s: &str| -> &'static str { Box::leak(s.to_string().into_boxed_str()) };
        let term: &'static AddedTerm = Box::leak(Box::new(AddedTerm {
            kind: r.kind,
            key: leak(&r.key),
            labels: [leak(&r.labels[0]), leak(&r.labels[1]), leak(&r.labels[2])],
            retired: r.retired,
        }));
        match terms.iter_mut().find(|t| t.kind == r.kind && t.key == r.key) {
            Some(slot) => *slot = term,
            None => terms.push(term),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: OpenKind, key: &str, en: &str, retired: bool) -> TermRecord {
        TermRecord { kind, key: key.into(), labels: [en.into(), format!("{en} (fr)"), format!("{en} (es)")], retired }
    }

    #[test]
    fn registered_terms_are_found_by_kind_and_key_and_updates_replace_them() {
        register(&[record(OpenKind::IssueArea, "test_registry_area", "Water", false)]);
        let a = find(OpenKind::IssueArea, "test_registry_area").expect("registered");
        assert_eq!(a.label(Locale::Fr), "Water (fr)");
        assert!(find(OpenKind::Language, "test_registry_area").is_none(), "another vocabulary");
        assert!(offered(OpenKind::IssueArea).contains(&a));

        register(&[record(OpenKind::IssueArea, "test_registry_area", "Water and sanitation", true)]);
        let b = find(OpenKind::IssueArea, "test_registry_area").expect("still known");
        assert_eq!(a, b, "the same term");
        assert_eq!(b.label(Locale::En), "Water and sanitation");
        assert!(!offered(OpenKind::IssueArea).contains(&b), "retired: no longer offered");
        assert!(records().iter().any(|r| r.key == "test_registry_area" && r.retired));
    }
}
