//! Text typed by visitors, made fit to store and compare: display names cleaned of invisible
//! characters and stray spacing, and the key that decides whether two organisation names are
//! the same (so "Open  Data Lab", "open data lab" and "Open Data\u{200b} Lab" are one name).

use unicode_normalization::UnicodeNormalization;

/// Characters that render as nothing (or reorder text) and so let two names look identical:
/// zero-width spaces and joiners, bidirectional controls, the soft hyphen, the BOM.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{180B}'
            ..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{206F}' | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{E0000}'..='\u{E007F}'
    ) || c.is_control()
}

/// A name as it is stored and shown: Unicode NFC, invisible and control characters removed,
/// runs of whitespace made one space, trimmed.
pub fn clean_name(input: &str) -> String {
    let visible: String = input.nfc().filter(|c| !is_invisible(*c) || c.is_whitespace()).collect();
    visible.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The key two names are compared by: the cleaned name in compatibility form (NFKC, so
/// full-width letters and ligatures match their plain forms), lower-cased.
pub fn name_key(input: &str) -> String {
    let cleaned = clean_name(input);
    let folded: String = cleaned.nfkc().collect::<String>().to_lowercase();
    clean_name(&folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_differ_only_by_spacing_case_or_invisible_characters_share_a_key() {
        let key = name_key("Open Data Lab");
        for same in [
            "open data lab",
            "  Open   Data\tLab ",
            "Open Data\u{200B} Lab",
            "Open\u{00A0}Data Lab",
            "\u{202E}Open Data Lab",
            "Ｏｐｅｎ Data Lab",
            "Open Data La\u{00AD}b",
        ] {
            assert_eq!(name_key(same), key, "{same:?}");
        }
        assert_ne!(name_key("Open Data Labs"), key);
    }

    #[test]
    fn accents_are_kept_and_composed_forms_match() {
        assert_eq!(name_key("Ministère"), name_key("Ministe\u{0300}re"));
        assert_ne!(name_key("Ministère"), name_key("Ministere"));
        assert_eq!(clean_name("  Ministe\u{0300}re  des   Finances "), "Ministère des Finances");
    }
}
