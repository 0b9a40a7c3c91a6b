//! Cases: the staff board and case view, the government's view, and the live change event.

use serde::{Deserialize, Serialize};

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

/// How many cases a stage holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageCount {
    pub stage: crate::domain::case::CaseStage,
    pub cases: usize,
}

/// A Case Manager and their open caseload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct CaseManagerLoad {
    pub user_id: String,
    pub name: String,
    pub open_cases: i64,
}

/// A shortlisted provider, with why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShortlistEntry {
    pub provider_id: String,
    pub name: String,
    pub reason: String,
}

/// The staff case board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseBoard {
    /// The cases passing the filters.
    pub cases: Vec<CaseSummary>,
    /// Cases in each stage (unfiltered).
    pub counts: Vec<StageCount>,
    /// Overdue cases (unfiltered).
    pub overdue: usize,
    /// Cases in all.
    pub total: usize,
    /// Case Managers with their open caseload.
    pub case_managers: Vec<CaseManagerLoad>,
    /// The viewer's user id (for "my cases").
    pub me: Option<String>,
}

/// One entry of a case's timeline, as shown.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: i64,
    /// Who did it (a name), `None` for the platform.
    pub actor: Option<String>,
    pub change: crate::domain::timeline::Change,
    pub reason: String,
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
    pub kind: crate::domain::timeline::NoteKind,
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
    /// The earlier cases of this government that this one follows, nearest first.
    #[serde(default)]
    pub earlier: Vec<EarlierCase>,
    pub request: crate::domain::survey::Answers,
    /// The written scope, or (`scope_is_draft`) a first one read from the request.
    pub scope: crate::domain::casework::CaseScope,
    pub scope_is_draft: bool,
    pub scope_confirmed_at: Option<i64>,
    pub timeline: Vec<TimelineEntry>,
    /// The moves the viewer may make now.
    pub moves: Vec<crate::domain::case::Move>,
    pub can_assign: bool,
    /// The viewer may give the case to any Case Manager or to nobody (not only take it).
    pub assign_others: bool,
    /// The viewer works the case (scope, next step, notes, decisions).
    pub can_work: bool,
    /// Case Managers with their open caseload, for assignment.
    pub case_managers: Vec<CaseManagerLoad>,
    /// The best-ranked providers for the scope with why, pinned and shortlisted ones included
    /// (only for those who may see a case's internals).
    pub matches: Option<Vec<MatchView>>,
    /// Providers excluded, with the reasons.
    pub excluded: Vec<MatchView>,
    /// The shortlist.
    pub shortlist: Vec<ShortlistEntry>,
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
    /// Its earlier requests that this one follows, nearest first.
    #[serde(default)]
    pub earlier: Vec<EarlierCase>,
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

impl CasePage {
    /// The version of the case shown.
    pub fn version(&self) -> i64 {
        match self {
            CasePage::Staff(v) => v.summary.version,
            CasePage::Government(v) => v.version,
        }
    }
}

/// A case changed (a live event): boards and case pages showing it reload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseChanged {
    pub case_id: String,
    /// The requesting organisation (its members hear of their own cases only).
    pub organisation_id: String,
    /// Its Case Manager (the case team hears of everything).
    pub case_manager_id: Option<String>,
    pub stage: crate::domain::case::CaseStage,
    pub version: i64,
    pub kind: crate::domain::timeline::ChangeKind,
}

/// Where a request's case stands (its stage, and its outcome once closed).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseStanding {
    pub stage: crate::domain::case::CaseStage,
    pub outcome: Option<crate::domain::case::Outcome>,
}

/// An earlier case a request follows (a government that came back).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EarlierCase {
    pub id: String,
    pub stage: crate::domain::case::CaseStage,
    pub outcome: Option<crate::domain::case::Outcome>,
    /// The start of what was asked then.
    pub need: String,
    pub updated_at: i64,
}
