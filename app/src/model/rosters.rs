//! Rosters of providers and requests, profiles and outreach campaigns.

use crate::domain::taxonomy::OrgKind;
use serde::{Deserialize, Serialize};

/// One page of a roster, as the roster page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterPage {
    /// The query as the server understood it.
    pub query: crate::domain::roster::RosterQuery,
    pub rows: Vec<RosterRow>,
    /// Entries matching, all pages.
    pub total: i64,
    /// Pages in all (at least 1).
    pub pages: u32,
    /// Surveys started and not submitted: (supply, demand).
    pub drafts_in_progress: DraftsInProgress,
}

/// A provider or a request in a roster list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterRow {
    /// Organisation id (providers) or request id.
    pub id: String,
    pub name: String,
    pub kind: OrgKind,
    pub country: String,
    pub summary: String,
    pub updated_at: i64,
    /// Issue area keys.
    pub areas: Vec<String>,
    /// Language keys.
    pub languages: Vec<String>,
}

/// A provider profile page: the organisation, the current answers and every version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileView {
    pub organisation_id: String,
    pub name: String,
    pub kind: OrgKind,
    pub country: String,
    pub verified: bool,
    pub version: i64,
    pub listed: bool,
    /// When the profile was last submitted or confirmed as accurate.
    pub confirmed_at: i64,
    /// When the yearly reminder was last sent.
    pub reminded_at: Option<i64>,
    /// Not confirmed for a year: the page asks for a confirmation.
    pub confirmation_due: bool,
    pub answers: crate::domain::survey::Answers,
    /// Newest first.
    pub history: Vec<VersionView>,
    /// Whether the viewer may confirm it and change its listing.
    pub can_manage: bool,
    /// Whether the viewer is a member of the organisation (may update it through the survey).
    pub is_member: bool,
}

/// One version of a profile and the questions whose answers changed from the one before.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionView {
    pub version: i64,
    pub created_at: i64,
    /// Question ids; empty for the first version.
    pub changed: Vec<String>,
}

/// A request's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestView {
    pub id: String,
    pub organisation_id: String,
    pub organisation: String,
    pub status: String,
    pub answers: crate::domain::survey::Answers,
    pub created_at: i64,
    /// The case the request opened.
    pub case_id: Option<String>,
    /// Where that case stands (and its outcome once closed).
    pub case_stage: Option<super::CaseStanding>,
}

/// An outreach campaign with where its recipients stand.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignSummary {
    pub id: String,
    pub name: String,
    pub survey: crate::domain::survey::SurveyKind,
    pub created_at: i64,
    pub recipients: i64,
    pub invited: i64,
    pub started: i64,
    pub submitted: i64,
}

/// The outreach page: campaigns, and whether the viewer may run them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignList {
    pub campaigns: Vec<CampaignSummary>,
    pub can_manage: bool,
}

/// A campaign's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CampaignView {
    pub summary: CampaignSummary,
    pub recipients: Vec<RecipientView>,
    pub last_import: Option<ImportReport>,
    pub can_manage: bool,
    /// Recipients who would get an invitation now.
    pub to_invite: i64,
    /// Recipients who would get a reminder now.
    pub to_remind: i64,
}

/// A recipient on the campaign page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecipientView {
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub country: String,
    pub language: String,
    pub status: crate::domain::outreach::RecipientStatus,
    pub reminded: bool,
    pub last_activity: i64,
}

/// What an import did, line by line.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub file_name: String,
    pub at: i64,
    pub added: i64,
    /// Lines refused, with why.
    pub problems: Vec<crate::domain::outreach::LineProblem>,
    /// Why the whole file was refused, if it was.
    pub file_problem: Option<crate::domain::outreach::FileProblem>,
}

/// Survey drafts with answers saved and not yet submitted, per survey.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftsInProgress {
    pub supply: i64,
    pub demand: i64,
}
