//! Cases: opened for every submitted request, assigned to a Case Manager and moved through
//! their stages. Every write is a compare-and-swap on the case's version, and every change is
//! appended to the case's timeline in the same transaction.

mod decisions;
mod facets;
mod listed;
mod notes;
mod timeline;
mod writes;

pub use decisions::*;
pub use facets::*;
pub use listed::*;
pub use notes::*;
pub use timeline::*;
pub use writes::*;

use super::{new_id, now_ms, Conn, Database, Db, Tx};
use crate::conn_run;
use crate::domain::case::{CaseStage, Outcome};
use crate::domain::casework::CaseScope;
use crate::domain::timeline::Change;

/// A case as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Case {
    pub id: String,
    pub request_id: String,
    pub organisation_id: String,
    pub stage: CaseStage,
    pub held_from: Option<CaseStage>,
    pub hold_until_day: Option<i64>,
    pub outcome: Option<Outcome>,
    pub case_manager_id: Option<String>,
    /// The structured scope, once written.
    pub scope: Option<CaseScope>,
    /// When the government confirmed the scope as it now is, and who.
    pub scope_confirmed_at: Option<i64>,
    pub scope_confirmed_by: Option<String>,
    pub next_step: String,
    pub next_step_due_day: Option<i64>,
    pub version: i64,
    pub updated_at: i64,
}

impl Case {
    /// What the policy needs to know of it.
    pub fn policy_ref(&self) -> crate::domain::policy::CaseRef<'_> {
        crate::domain::policy::CaseRef { organisation: &self.organisation_id, manager: self.case_manager_id.as_deref() }
    }

    /// The live event saying it changed (as it now is).
    pub fn changed(&self, kind: crate::domain::timeline::ChangeKind) -> crate::model::LiveEvent {
        crate::model::LiveEvent::Case(crate::model::CaseChanged {
            case_id: self.id.clone(),
            organisation_id: self.organisation_id.clone(),
            case_manager_id: self.case_manager_id.clone(),
            stage: self.stage,
            version: self.version,
            kind,
        })
    }
}

/// The columns of a case, as read.
#[derive(sqlx::FromRow)]
struct CaseRecord {
    id: String,
    request_id: String,
    organisation_id: String,
    stage: String,
    held_from: Option<String>,
    hold_until_day: Option<i64>,
    outcome: Option<String>,
    case_manager_id: Option<String>,
    scope: Option<String>,
    scope_confirmed_at: Option<i64>,
    scope_confirmed_by: Option<String>,
    next_step: String,
    next_step_due_day: Option<i64>,
    version: i64,
    updated_at: i64,
}

const CASE_COLUMNS: &str = "id, request_id, organisation_id, stage, held_from, hold_until_day, outcome, \
     case_manager_id, scope, scope_confirmed_at, scope_confirmed_by, next_step, next_step_due_day, version, updated_at";

fn case(r: CaseRecord) -> Result<Case, sqlx::Error> {
    let at = |column| crate::db::decode::stored("cases", column, &r.id);
    Ok(Case {
        stage: at("stage").key(&r.stage, CaseStage::from_key)?,
        held_from: at("held_from").key_opt(r.held_from.as_deref(), CaseStage::from_key)?,
        outcome: at("outcome").key_opt(r.outcome.as_deref(), Outcome::from_key)?,
        scope: at("scope").json_opt(r.scope.as_deref())?,
        id: r.id,
        request_id: r.request_id,
        organisation_id: r.organisation_id,
        hold_until_day: r.hold_until_day,
        case_manager_id: r.case_manager_id,
        scope_confirmed_at: r.scope_confirmed_at,
        scope_confirmed_by: r.scope_confirmed_by,
        next_step: r.next_step,
        next_step_due_day: r.next_step_due_day,
        version: r.version,
        updated_at: r.updated_at,
    })
}

/// Who asks for a change, why and when; all three go on the timeline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Author<'a> {
    /// The user, `None` for the system.
    pub actor: Option<&'a str>,
    /// The reason given (may be empty).
    pub reason: &'a str,
    /// When, in Unix milliseconds: now for a person's request; the demo's history gives the
    /// moment each change happened (the timeline is never rewritten afterwards).
    pub at: i64,
}

impl<'a> Author<'a> {
    /// `actor` asking now, for `reason`.
    pub fn now(actor: Option<&'a str>, reason: &'a str) -> Self {
        Author { actor, reason, at: now_ms() }
    }
}

/// Records that case `case_id` follows `earlier`, when both are `organisation_id`'s.
pub async fn set_follows(tx: &mut Tx, case_id: &str, earlier: &str, organisation_id: &str) -> Result<(), sqlx::Error> {
    crate::execute!(
        tx,
        "UPDATE cases SET follows_case_id = $1 WHERE id = $2 AND EXISTS \
             (SELECT 1 FROM cases e WHERE e.id = $1 AND e.organisation_id = $3)",
        earlier,
        case_id,
        organisation_id,
    )
    .map(|_| ())
}

/// The earlier cases case `case_id` follows, nearest first (a chain of returns).
pub async fn earlier_cases(conn: impl Into<Conn<'_>>, case_id: &str) -> Result<Vec<String>, sqlx::Error> {
    let mut conn = conn.into();
    let mut out: Vec<String> = Vec::new();
    let mut at = case_id.to_string();
    // a chain is short; the bound stops a cycle written by hand
    while out.len() < 20 {
        let next: Option<(Option<String>,)> =
            crate::fetch!(fetch_optional, conn.reborrow(), "SELECT follows_case_id FROM cases WHERE id = $1", &at)?;
        match next.and_then(|n| n.0) {
            Some(e) if !out.contains(&e) && e != case_id => {
                out.push(e.clone());
                at = e;
            }
            _ => break,
        }
    }
    Ok(out)
}

/// Opens the case of a request (stage Intake) at `at` (the request's time) and returns its id.
pub async fn open(tx: &mut Tx, request_id: &str, organisation_id: &str, at: i64) -> Result<String, sqlx::Error> {
    let id = new_id();
    let now = at;
    crate::execute!(
        tx,
        "INSERT INTO cases (id, request_id, organisation_id, stage, version, created_at, updated_at) \
             VALUES ($1, $2, $3, 'intake', 1, $4, $4)",
        &id,
        request_id,
        organisation_id,
        now,
    )
    .map(|_| ())?;
    let platform = Author { actor: None, reason: "", at };
    timeline::append(tx, &id, platform, &Change::Opened).await?;
    // the government ↔ Case Manager thread exists from the start
    crate::db::threads::open(tx, &id, None, &[organisation_id.to_string()], None, at).await?;
    // what the case is about, from its request (indexed in this transaction before it)
    if let Some(case) = get(&mut *tx, &id).await? {
        facets::index(tx, &case).await?;
    }
    Ok(id)
}

/// Opens a case for every request that has none (requests from before cases existed, the
/// demo seed); returns how many.
pub async fn open_missing(db: &Database) -> Result<usize, sqlx::Error> {
    let missing: Vec<(String, String, i64)> = crate::fetch!(
        fetch_all,
        db.read(),
        "SELECT r.id, r.organisation_id, r.created_at FROM requests r \
             WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.request_id = r.id) ORDER BY r.created_at",
    )?;
    let mut tx = db.write().begin().await?;
    // a case exists since its request was submitted
    for (request, organisation, submitted_at) in &missing {
        open(&mut tx, request, organisation, *submitted_at).await?;
    }
    tx.commit().await?;
    Ok(missing.len())
}

/// A case by id, on a pool or in the caller's transaction.
pub async fn get(conn: impl Into<Conn<'_>>, id: &str) -> Result<Option<Case>, sqlx::Error> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1");
    let row: Option<CaseRecord> = conn_run!(conn.into(), |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
    row.map(case).transpose()
}

/// The case of a request.
pub async fn of_request(db: &Db, request_id: &str) -> Result<Option<Case>, sqlx::Error> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE request_id = $1");
    let row: Option<CaseRecord> = crate::fetch!(fetch_optional, db, &sql, request_id)?;
    row.map(case).transpose()
}
