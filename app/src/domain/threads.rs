//! Messaging threads, as pure rules: what a message may be, when its author may still edit it,
//! what a retried post is, and how many messages a person has not read.

use crate::i18n::K;

/// Longest message, in characters.
pub const MESSAGE_MAX: usize = 10_000;
/// How long after posting its author may edit a message.
pub const EDIT_WINDOW_MS: i64 = 15 * 60 * 1000;
/// Longest idempotency key a browser may send.
pub const KEY_MAX: usize = 64;

/// A message's text, trimmed, or why it is refused.
pub fn check_body(body: &str) -> Result<String, K> {
    let body = body.trim();
    if body.is_empty() {
        return Err(K::ErrorRequired);
    }
    if body.chars().count() > MESSAGE_MAX {
        return Err(K::ErrorTooLong);
    }
    if body.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(K::ErrorValidation);
    }
    Ok(body.to_string())
}

/// An idempotency key the browser made (letters, digits, `-` and `_`), or `None`: a post
/// without a usable key gets one of its own (it cannot be retried as the same message).
pub fn check_key(key: &str) -> Option<&str> {
    let key = key.trim();
    let ok = !key.is_empty()
        && key.len() <= KEY_MAX
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then_some(key)
}

/// Why a message cannot be edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EditRefusal {
    /// Only its author edits a message.
    NotAuthor,
    /// The window to edit it has closed.
    TooLate,
}

impl EditRefusal {
    pub fn key(self) -> K {
        match self {
            EditRefusal::NotAuthor => K::ThreadErrorNotAuthor,
            EditRefusal::TooLate => K::ThreadErrorEditTooLate,
        }
    }
}

/// Whether `user` may edit a message `author` posted `at` (ms), at `now`.
pub fn check_edit(author: Option<&str>, user: &str, at: i64, now: i64) -> Result<(), EditRefusal> {
    if author != Some(user) {
        return Err(EditRefusal::NotAuthor);
    }
    if now - at > EDIT_WINDOW_MS {
        return Err(EditRefusal::TooLate);
    }
    Ok(())
}

/// Messages not read: those after `read_seq` not written by the reader (`own_after`: how many
/// of them the reader wrote).
pub fn unread(last_seq: i64, read_seq: i64, own_after: i64) -> i64 {
    (last_seq - read_seq - own_after).max(0)
}

/// A short excerpt of a message for lists: the first line, at most `max` characters.
pub fn excerpt(body: &str, max: usize) -> String {
    let line = body.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("");
    let mut out: String = line.chars().take(max).collect();
    if line.chars().count() > max {
        out.push('…');
    }
    out
}

/// Most words of one message kept for search.
pub const WORDS_MAX: usize = 300;
/// Longest word kept for search (longer ones are cut).
pub const WORD_MAX: usize = 40;

/// The words a message is found by: letters and digits, lower-cased, two characters or more,
/// each once, in order of appearance (at most [`WORDS_MAX`], each at most [`WORD_MAX`]
/// characters). A search looks up the same words of its own text.
pub fn words(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for raw in text.split(|c: char| !c.is_alphanumeric()) {
        if raw.chars().count() < 2 {
            continue;
        }
        let word: String = raw.to_lowercase().chars().take(WORD_MAX).collect();
        if !out.contains(&word) {
            out.push(word);
            if out.len() == WORDS_MAX {
                break;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_found_by_their_words_in_any_case_and_script() {
        assert_eq!(words("Budget **data**, budget DATA: 2026 plan; a"), vec!["budget", "data", "2026", "plan"]);
        assert_eq!(
            words("Presupuesto y período — données publiques"),
            vec!["presupuesto", "período", "données", "publiques"]
        );
        assert!(words("<script>alert(1)</script>").contains(&"script".to_string()));
        assert_eq!(words(&"x".repeat(100))[0].chars().count(), WORD_MAX);
        let many: String = (0..1000).map(|i| format!("w{i} ")).collect();
        assert_eq!(words(&many).len(), WORDS_MAX);
    }

    #[test]
    fn a_message_is_trimmed_and_bounded() {
        assert_eq!(check_body("  hello \n"), Ok("hello".into()));
        assert_eq!(check_body(" \n "), Err(K::ErrorRequired));
        assert_eq!(check_body(&"é".repeat(MESSAGE_MAX)).map(|b| b.chars().count()), Ok(MESSAGE_MAX));
        assert_eq!(check_body(&"é".repeat(MESSAGE_MAX + 1)), Err(K::ErrorTooLong));
        assert_eq!(check_body("a\u{0}b"), Err(K::ErrorValidation));
        assert_eq!(check_body("line\n\tindented"), Ok("line\n\tindented".into()));
    }

    #[test]
    fn only_plain_keys_are_kept() {
        assert_eq!(check_key(" 0193-ab_C "), Some("0193-ab_C"));
        for bad in ["", "a b", "x'--", &"a".repeat(KEY_MAX + 1), "é"] {
            assert_eq!(check_key(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn the_author_edits_within_the_window() {
        assert_eq!(check_edit(Some("u"), "u", 0, EDIT_WINDOW_MS), Ok(()));
        assert_eq!(check_edit(Some("u"), "u", 0, EDIT_WINDOW_MS + 1), Err(EditRefusal::TooLate));
        assert_eq!(check_edit(Some("v"), "u", 0, 1), Err(EditRefusal::NotAuthor));
        assert_eq!(check_edit(None, "u", 0, 1), Err(EditRefusal::NotAuthor));
    }

    #[test]
    fn unread_counts_others_messages_only() {
        assert_eq!(unread(10, 4, 2), 4);
        assert_eq!(unread(10, 10, 0), 0);
        assert_eq!(unread(3, 5, 0), 0);
    }

    #[test]
    fn excerpts_take_the_first_line() {
        assert_eq!(excerpt("\n  Hello there\nsecond", 40), "Hello there");
        assert_eq!(excerpt("abcdef", 3), "abc…");
        assert_eq!(excerpt("", 3), "");
    }
}
