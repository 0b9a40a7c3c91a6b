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
    pub drafts_in_progress: (i64, i64),
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

/// A case in the staff list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseSummary {
    pub id: String,
    pub request_id: String,
    /// The requesting government body.
    pub organisation: String,
    pub country: String,
    pub stage: crate::domain::case::CaseStage,
    /// The stage an On hold case returns to.
    pub held_from: Option<crate::domain::case::CaseStage>,
    pub outcome: Option<crate::domain::case::Outcome>,
    /// The Case Manager's name.
    pub case_manager: Option<String>,
    pub case_manager_id: Option<String>,
    pub scope_confirmed: bool,
    pub next_step: String,
    /// Day number the next step is due.
    pub next_step_due_day: Option<i64>,
    /// Day number an On hold case is due back.
    pub hold_until_day: Option<i64>,
    pub overdue: bool,
    /// The issue areas and regions it is about (its scope's, else its request's).
    pub areas: Vec<crate::domain::taxonomy::IssueArea>,
    pub regions: Vec<crate::domain::taxonomy::Region>,
    pub version: i64,
    pub updated_at: i64,
}

/// The staff case board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseBoard {
    /// The cases passing the filters.
    pub cases: Vec<CaseSummary>,
    /// Cases in each stage (unfiltered).
    pub counts: Vec<(crate::domain::case::CaseStage, usize)>,
    /// Overdue cases (unfiltered).
    pub overdue: usize,
    /// Cases in all.
    pub total: usize,
    /// Case Managers with their open caseload: (user id, name, open cases).
    pub case_managers: Vec<(String, String, i64)>,
    /// The viewer's user id (for "my cases").
    pub me: Option<String>,
}

/// One entry of a case's timeline, as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: i64,
    /// Who did it (a name), `None` for the platform.
    pub actor: Option<String>,
    pub kind: String,
    pub from_stage: Option<String>,
    pub to_stage: Option<String>,
    pub reason: String,
    pub detail: String,
    /// Whom it is about, by name: the Case Manager assigned, or the provider decided on.
    pub subject: Option<String>,
}

/// A provider in a case's match list, with its explanation and the decision taken on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchView {
    pub name: String,
    pub arranged: crate::domain::casework::Arranged,
}

/// A note on a case, as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteView {
    pub at: i64,
    /// `scoping` or `internal`.
    pub kind: String,
    pub author: Option<String>,
    pub body: String,
}

/// A similar case suggested on a case page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimilarCase {
    pub id: String,
    pub organisation: String,
    pub country: String,
    pub stage: crate::domain::case::CaseStage,
    pub outcome: Option<crate::domain::case::Outcome>,
    pub shared: Vec<crate::domain::taxonomy::IssueArea>,
}

/// A case's page for staff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseView {
    pub summary: CaseSummary,
    pub request: crate::domain::survey::Answers,
    /// The written scope, or (`scope_is_draft`) a first one read from the request.
    pub scope: crate::domain::casework::CaseScope,
    pub scope_is_draft: bool,
    pub scope_confirmed_at: Option<i64>,
    pub timeline: Vec<TimelineEntry>,
    /// The moves the viewer may make now.
    pub moves: Vec<crate::domain::case::Move>,
    pub can_assign: bool,
    /// The viewer works the case (scope, next step, notes, decisions).
    pub can_work: bool,
    /// Case Managers with their open caseload, for assignment.
    pub case_managers: Vec<(String, String, i64)>,
    /// The best-ranked providers for the scope with why, pinned and shortlisted ones included
    /// (only for those who may see a case's internals).
    pub matches: Option<Vec<MatchView>>,
    /// Providers excluded, with the reasons.
    pub excluded: Vec<MatchView>,
    /// The shortlist: (provider id, name, reason).
    pub shortlist: Vec<(String, String, String)>,
    /// Scoping and internal notes, newest first (internals only).
    pub notes: Option<Vec<NoteView>>,
    pub similar: Vec<SimilarCase>,
    /// The viewer's user id (a Case Manager takes a case for themselves).
    pub viewer_id: Option<String>,
}

/// A case as its government sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GovCaseView {
    pub id: String,
    pub request_id: String,
    pub organisation: String,
    pub stage: crate::domain::case::CaseStage,
    pub held_from: Option<crate::domain::case::CaseStage>,
    pub hold_until_day: Option<i64>,
    pub outcome: Option<crate::domain::case::Outcome>,
    pub case_manager: Option<String>,
    pub scope: Option<crate::domain::casework::CaseScope>,
    pub scope_confirmed_at: Option<i64>,
    pub can_confirm: bool,
    /// Providers the government is introduced to (from Introductions on).
    pub introduced: Vec<String>,
    pub version: i64,
    pub updated_at: i64,
}

/// A case in a government's own list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GovCaseSummary {
    pub id: String,
    pub organisation: String,
    pub stage: crate::domain::case::CaseStage,
    pub outcome: Option<crate::domain::case::Outcome>,
    pub updated_at: i64,
}

/// A case page: the staff view or the government's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CasePage {
    Staff(Box<CaseView>),
    Government(Box<GovCaseView>),
}

/// A case changed (a live event): boards and case pages showing it reload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseChanged {
    pub case_id: String,
    /// The requesting organisation (its members hear of their own cases only).
    pub organisation_id: String,
    pub stage: crate::domain::case::CaseStage,
    pub version: i64,
    /// What changed: `stage`, `assigned`, `scope`, `scope_confirmed`, `next_step`, `decision`,
    /// `note` or `opened`.
    pub kind: String,
}
