//! Survey drafts, steps and what a respondent submitted.

use serde::{Deserialize, Serialize};

/// A survey draft as the wizard sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftView {
    pub id: String,
    pub kind: crate::domain::survey::SurveyKind,
    /// The last accepted save's sequence number; the next save must carry a larger one.
    pub seq: i64,
    /// The furthest step the respondent may open (1-based; one past the last step = review).
    pub reached_step: i64,
    pub answers: crate::domain::survey::Answers,
    /// Signed in: name and e-mail come from the account.
    pub signed_in: bool,
    pub submitted: bool,
    /// A fresh idempotency key for the next form post of this page.
    pub next_key: String,
}

/// A submitted provider profile, as its organisation sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileSummary {
    pub organisation_id: String,
    pub organisation_name: String,
    pub version: i64,
    pub submitted_at: i64,
}

/// A government's own request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestSummary {
    pub id: String,
    pub status: String,
    pub areas: Vec<String>,
    pub need: String,
    pub created_at: i64,
    /// Where its case stands (and its outcome once closed).
    pub case_stage: Option<super::CaseStanding>,
}

/// What a survey's pages need: the respondent's draft, and what they submitted before.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyOverview {
    pub draft: Option<DraftView>,
    pub profile: Option<ProfileSummary>,
    pub requests: Vec<RequestSummary>,
    /// The e-mail a "continue later" link would go to (account or answer), if known.
    pub email: Option<String>,
}

/// The answer to an autosave.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SaveOutcome {
    /// Stored (or already stored: a replay); the draft is at this sequence number.
    Saved { seq: i64 },
    /// Refused: a newer save exists (another tab or device); the draft is at this number.
    Stale { seq: i64 },
}

/// A wizard step: the survey's state and the step's form, rendered by the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SurveyStepView {
    pub overview: SurveyOverview,
    /// The step's form (and, when checked, the summary of what is missing) as HTML.
    pub form_html: String,
}
