//! Data shapes shared by client and server (what server functions return).

use crate::domain::taxonomy::OrgKind;
use serde::{Deserialize, Serialize};

/// Public figures about the network, shown on the landing page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkSummary {
    /// Organisations listed, all kinds.
    pub organisations: i64,
    /// Distinct countries those organisations are based in.
    pub countries: i64,
    /// Organisations whose identity staff have verified.
    pub verified: i64,
    /// Count per organisation kind, in `OrgKind::ALL` order, zero counts included.
    pub by_kind: Vec<(OrgKind, i64)>,
}

/// The signed-in person, as pages show them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub name: String,
    pub email: String,
    pub staff_role: Option<crate::domain::policy::StaffRole>,
    /// A staff member who must set up two-factor authentication before acting as staff.
    pub needs_two_factor: bool,
}

/// One of the signed-in user's sessions, for the account page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// Opaque identifier to end it with (the stored hash, never the token).
    pub id: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub ip: String,
    pub user_agent: String,
    /// The session this request uses.
    pub current: bool,
}

/// An organisation's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationView {
    pub id: String,
    pub name: String,
    pub kind: crate::domain::taxonomy::OrgKind,
    pub country: String,
    pub website: Option<String>,
    pub description: String,
    pub verified: bool,
    pub members: Vec<MemberView>,
    /// Whether the viewer may invite and remove people.
    pub can_manage: bool,
}

/// A person in an organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub is_owner: bool,
}

/// What an invitation link offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub email: String,
    pub organisation_name: Option<String>,
    pub staff_role: Option<crate::domain::policy::StaffRole>,
    /// An account with this e-mail already exists (accepting adds to it).
    pub existing_account: bool,
}

/// An organisation the signed-in person belongs to (account page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyOrganisation {
    pub id: String,
    pub name: String,
    pub is_owner: bool,
}

/// A row of the admin list of people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminUserRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub staff_role: Option<crate::domain::policy::StaffRole>,
    pub disabled: bool,
}

/// A row of the admin list of organisations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOrgRow {
    pub id: String,
    pub name: String,
    pub kind: crate::domain::taxonomy::OrgKind,
    pub country: String,
    pub verified: bool,
}

/// An audit log entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditRow {
    pub at: i64,
    pub actor: Option<String>,
    pub action: String,
    pub subject: String,
    pub ip: String,
    pub detail: String,
}

/// What an admin list page shows, with whether the viewer may change things.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminList<T> {
    pub rows: Vec<T>,
    pub can_change: bool,
}

/// The two-factor page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorView {
    pub enabled: bool,
    /// A secret awaiting confirmation, with its QR code (SVG).
    pub pending: Option<(String, String)>,
}

/// A mail in the outbox, as admins see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailRow {
    pub created_at: i64,
    pub to: String,
    pub subject: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i64,
    pub last_error: String,
}

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
