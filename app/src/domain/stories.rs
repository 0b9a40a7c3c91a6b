//! Success stories, as pure rules: a short public text the Case Manager drafts from a successful
//! case; every party (the government, each selected provider, the Case Manager) approves its
//! exact text (an approval is bound to the text's hash, so any edit asks everyone again); it is
//! public only while every party's approval of the current text stands (a withdrawn consent
//! takes it down).

use super::agreements::Party;
use crate::i18n::K;
use serde::{Deserialize, Serialize};

pub const TITLE_MAX: usize = 120;
pub const SUMMARY_MAX: usize = 300;
pub const BODY_MAX: usize = 6_000;

/// The text of a story.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryText {
    pub title: String,
    /// One or two sentences: the page's description and social card.
    pub summary: String,
    pub body: String,
}

fn clean(value: &str, field: &'static str, max: usize) -> Result<String, (&'static str, K)> {
    let value = value.trim();
    if value.is_empty() {
        return Err((field, K::ErrorRequired));
    }
    if value.chars().count() > max {
        return Err((field, K::ErrorTooLong));
    }
    if value.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err((field, K::ErrorValidation));
    }
    Ok(value.replace("\r\n", "\n"))
}

/// The text trimmed, or which field is wrong and why. A title and a summary are one line.
pub fn check_story(t: &StoryText) -> Result<StoryText, (&'static str, K)> {
    let title = clean(&t.title, "story-title", TITLE_MAX)?;
    let summary = clean(&t.summary, "story-summary", SUMMARY_MAX)?;
    if title.contains('\n') {
        return Err(("story-title", K::ErrorValidation));
    }
    Ok(StoryText { title, summary: summary.replace('\n', " "), body: clean(&t.body, "story-body", BODY_MAX)? })
}

impl StoryText {
    /// The text an approval is bound to (the server hashes it).
    pub fn canonical(&self) -> String {
        format!("{}\n\n{}\n\n{}", self.title, self.summary, self.body)
    }
}

/// A party's consent as recorded: the text it approved, and whether it withdrew it since.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Consent {
    pub party: Party,
    pub sha256: String,
    pub withdrawn: bool,
}

/// The parties whose standing approval of the text hashed `sha256` is missing.
pub fn awaiting(parties: &[Party], consents: &[Consent], sha256: &str) -> Vec<Party> {
    parties
        .iter()
        .filter(|p| !consents.iter().any(|c| &c.party == *p && c.sha256 == sha256 && !c.withdrawn))
        .cloned()
        .collect()
}

/// Whether the story may be public: it has parties and every one of them approves this text.
pub fn publishable(parties: &[Party], consents: &[Consent], sha256: &str) -> bool {
    !parties.is_empty() && awaiting(parties, consents, sha256).is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parties() -> Vec<Party> {
        vec![Party::Government("g".into()), Party::Provider("p".into()), Party::CaseManager("cm".into())]
    }

    fn approved(sha: &str) -> Vec<Consent> {
        parties().into_iter().map(|party| Consent { party, sha256: sha.into(), withdrawn: false }).collect()
    }

    #[test]
    fn a_story_is_public_only_while_every_party_approves_its_exact_text() {
        assert!(publishable(&parties(), &approved("v1"), "v1"));
        assert!(!publishable(&parties(), &approved("v1")[..2], "v1"), "one approval missing");
        assert!(!publishable(&parties(), &approved("v1"), "v2"), "an edit asks everyone again");
        let mut withdrawn = approved("v1");
        withdrawn[1].withdrawn = true;
        assert!(!publishable(&parties(), &withdrawn, "v1"), "a withdrawn consent takes it down");
        assert_eq!(awaiting(&parties(), &withdrawn, "v1"), vec![Party::Provider("p".into())]);
        assert!(!publishable(&[], &[], "v1"));
    }

    #[test]
    fn a_story_needs_a_one_line_title_a_summary_and_a_body_within_bounds() {
        let ok = StoryText { title: " Open courts ".into(), summary: "Two\nlines".into(), body: "Body".into() };
        let t = check_story(&ok).expect("valid");
        assert_eq!((t.title.as_str(), t.summary.as_str()), ("Open courts", "Two lines"));
        let bad = |t: StoryText| check_story(&t).expect_err("refused").0;
        assert_eq!(bad(StoryText { title: "".into(), ..ok.clone() }), "story-title");
        assert_eq!(bad(StoryText { title: "a\nb".into(), ..ok.clone() }), "story-title");
        assert_eq!(bad(StoryText { summary: "x".repeat(SUMMARY_MAX + 1), ..ok.clone() }), "story-summary");
        assert_eq!(bad(StoryText { body: "\u{1b}[31m".into(), ..ok.clone() }), "story-body");
        assert_ne!(ok.canonical(), StoryText { body: "Body!".into(), ..ok.clone() }.canonical());
    }
}
