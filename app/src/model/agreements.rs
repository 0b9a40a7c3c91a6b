//! Selection and agreement pages, as their readers get them. The parties of a case (its
//! government, the selected providers, its Case Manager) read the same agreement; nothing here
//! carries a case's internal notes or another case's data.

use crate::domain::agreements::{Change, Terms};
use crate::domain::case::CaseStage;
use crate::domain::matching::{Candidate, Ranked};
use serde::{Deserialize, Serialize};

/// The latest words of a conversation, for comparing providers side by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessagePreview {
    pub author: String,
    pub at: i64,
    /// The text, cut to a few hundred characters (plain text: rendered escaped).
    pub text: String,
}

/// A provider who accepted an introduction in the case, as the comparison shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompareCard {
    pub provider_id: String,
    pub name: String,
    pub country: String,
    /// Its profile's essentials (kind, areas and depth, cost basis, capacity, languages).
    pub profile: Option<Candidate>,
    /// How it matches the confirmed scope, factor by factor.
    pub matched: Option<Ranked>,
    /// Its conversation in the case, if any: how many messages, the latest ones.
    pub thread_id: Option<String>,
    pub messages: i64,
    pub latest: Vec<MessagePreview>,
    /// How long it took to answer the introduction, in milliseconds.
    pub answered_in_ms: Option<i64>,
    pub selected: bool,
}

/// `/cases/{id}/selection`: the providers to choose from, side by side.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SelectionPage {
    pub case_id: String,
    pub government: String,
    pub stage: CaseStage,
    pub cards: Vec<CompareCard>,
    /// Whether the caller may choose now (the government's members while the case is in
    /// Introductions or Selection).
    pub can_select: bool,
    /// Whether a selection was already made.
    pub decided: bool,
}

/// A party of the agreement and where it stands on the current version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyStanding {
    pub name: String,
    pub role: crate::domain::agreements::PartyRole,
    /// When it accepted the current version, and who clicked.
    pub accepted_at: Option<i64>,
    pub accepted_by: Option<String>,
}

/// An acceptance as recorded (never changed): what the record of the agreement lists.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AcceptanceRecord {
    pub version: i64,
    pub party: String,
    pub by: String,
    pub at: i64,
    pub sha256: String,
}

/// A version of the terms.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermsVersion {
    pub version: i64,
    pub terms: Terms,
    pub sha256: String,
    pub written_by: Option<String>,
    pub written_at: i64,
}

/// `/cases/{id}/agreement`: the current terms, the difference from the previous version, who
/// accepted what, and what the caller may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgreementPage {
    pub case_id: String,
    pub government: String,
    pub country: String,
    pub stage: CaseStage,
    pub current: Option<TermsVersion>,
    /// The difference from the previous version (empty for the first).
    pub changes: Vec<Change>,
    pub previous: Option<i64>,
    pub parties: Vec<PartyStanding>,
    pub record: Vec<AcceptanceRecord>,
    /// The terms the draft form starts from: the current version, or a draft from the
    /// confirmed scope and the selection.
    pub draft: Terms,
    /// The Case Manager (or an admin) may write a new version now.
    pub can_write: bool,
    /// The parties the caller may accept the current version for (names), if any.
    pub accept_as: Vec<String>,
    pub selected: Vec<String>,
}

/// A follow-up asked of one of the caller's organisations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpView {
    pub case_id: String,
    pub months: i64,
    pub organisation_id: String,
    pub organisation: String,
    /// The requesting government of the case.
    pub government: String,
    pub asked_at: i64,
    pub rating: Option<i64>,
    pub comment: String,
    pub answered_at: Option<i64>,
}

/// `/follow-ups`: what the caller's organisations were asked, answered or not.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUpsPage {
    pub items: Vec<FollowUpView>,
}

/// A party of a story and where its consent stands on the current text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentStanding {
    pub name: String,
    pub role: crate::domain::agreements::PartyRole,
    pub approved: bool,
    pub withdrawn: bool,
}

/// `/cases/{id}/story`: a successful case's story as its parties and case team work on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryDesk {
    pub case_id: String,
    pub government: String,
    /// The story's id and its current text's hash, once drafted.
    pub story_id: Option<String>,
    pub sha256: String,
    pub text: crate::domain::stories::StoryText,
    pub published_at: Option<i64>,
    pub parties: Vec<ConsentStanding>,
    /// The case closed successfully (a story may be drafted).
    pub eligible: bool,
    pub can_write: bool,
    /// The parties (`role:id`) the caller may approve the current text for, or withdraw for.
    pub approve_as: Vec<String>,
    pub withdraw_as: Vec<String>,
}

/// A published story, as anyone reads it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicStory {
    pub id: String,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub country: String,
    pub government: String,
    pub providers: Vec<String>,
    pub areas: Vec<crate::domain::taxonomy::IssueArea>,
    pub regions: Vec<crate::domain::taxonomy::Region>,
    pub published_at: i64,
}

/// `/stories`: the published stories, filtered by issue area and region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoriesPage {
    pub stories: Vec<PublicStory>,
    pub area: Option<crate::domain::taxonomy::IssueArea>,
    pub region: Option<crate::domain::taxonomy::Region>,
}
