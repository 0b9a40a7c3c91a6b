//! Cases: opened for every submitted request, assigned to a Case Manager and moved through
//! their stages. Every write is a compare-and-swap on the case's version, and every change is
//! appended to the case's timeline in the same transaction.

use super::{new_id, now_ms, Database, Db, Tx};
use crate::domain::case::{apply, CaseFacts, CaseStage, Move, Outcome, Refusal};
use crate::{db_run, tx_run};

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
    pub version: i64,
    pub updated_at: i64,
}

type CaseRow = (String, String, String, String, Option<String>, Option<i64>, Option<String>, Option<String>, i64, i64);

const CASE_COLUMNS: &str = "id, request_id, organisation_id, stage, held_from, hold_until_day, outcome, \
     case_manager_id, version, updated_at";

fn case(row: CaseRow) -> Case {
    let (
        id,
        request_id,
        organisation_id,
        stage,
        held_from,
        hold_until_day,
        outcome,
        case_manager_id,
        version,
        updated_at,
    ) = row;
    Case {
        id,
        request_id,
        organisation_id,
        stage: CaseStage::from_key(&stage).unwrap_or(CaseStage::Intake),
        held_from: held_from.as_deref().and_then(CaseStage::from_key),
        hold_until_day,
        outcome: outcome.as_deref().and_then(Outcome::from_key),
        case_manager_id,
        version,
        updated_at,
    }
}

/// Who asks for a change and why; both go on the timeline.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Author<'a> {
    /// The user, `None` for the system.
    pub actor: Option<&'a str>,
    /// The reason given (may be empty).
    pub reason: &'a str,
}

/// One entry of a case's timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub at: i64,
    pub actor_user_id: Option<String>,
    /// The actor's name.
    pub actor_name: Option<String>,
    /// `opened`, `stage` or `assigned`.
    pub kind: String,
    pub from_stage: Option<String>,
    pub to_stage: Option<String>,
    pub reason: String,
    pub detail: String,
}

async fn append(
    tx: &mut Tx,
    case_id: &str,
    author: Author<'_>,
    kind: &str,
    from: Option<&str>,
    to: Option<&str>,
    detail: &str,
) -> Result<(), sqlx::Error> {
    tx_run!(tx, |conn| {
        sqlx::query(
            "INSERT INTO case_events (id, case_id, at, actor_user_id, kind, from_stage, to_stage, reason, detail) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(new_id())
        .bind(case_id)
        .bind(now_ms())
        .bind(author.actor)
        .bind(kind)
        .bind(from)
        .bind(to)
        .bind(author.reason)
        .bind(detail)
        .execute(conn)
        .await
        .map(|_| ())
    })
}

/// Opens the case of a request (stage Intake) and returns its id.
pub async fn open(tx: &mut Tx, request_id: &str, organisation_id: &str) -> Result<String, sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    tx_run!(tx, |conn| {
        sqlx::query(
            "INSERT INTO cases (id, request_id, organisation_id, stage, version, created_at, updated_at) \
             VALUES ($1, $2, $3, 'intake', 1, $4, $4)",
        )
        .bind(&id)
        .bind(request_id)
        .bind(organisation_id)
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    append(tx, &id, Author::default(), "opened", None, Some(CaseStage::Intake.key()), request_id).await?;
    Ok(id)
}

/// Opens a case for every request that has none (requests from before cases existed, the
/// demo seed); returns how many.
pub async fn open_missing(db: &Database) -> Result<usize, sqlx::Error> {
    let missing: Vec<(String, String)> = db_run!(db.read(), |pool| {
        sqlx::query_as(
            "SELECT r.id, r.organisation_id FROM requests r WHERE NOT EXISTS (SELECT 1 FROM cases c WHERE c.request_id = r.id) \
             ORDER BY r.created_at",
        )
        .fetch_all(pool)
        .await
    })?;
    let mut tx = db.write().begin().await?;
    for (request, organisation) in &missing {
        open(&mut tx, request, organisation).await?;
    }
    tx.commit().await?;
    Ok(missing.len())
}

/// A case by id.
pub async fn get(db: &Db, id: &str) -> Result<Option<Case>, sqlx::Error> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1");
    let row: Option<CaseRow> = db_run!(db, |pool| sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?;
    Ok(row.map(case))
}

/// The case of a request.
pub async fn of_request(db: &Db, request_id: &str) -> Result<Option<Case>, sqlx::Error> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE request_id = $1");
    let row: Option<CaseRow> = db_run!(db, |pool| sqlx::query_as(&sql).bind(request_id).fetch_optional(pool).await)?;
    Ok(row.map(case))
}

async fn get_tx(tx: &mut Tx, id: &str) -> Result<Option<Case>, sqlx::Error> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1");
    let row: Option<CaseRow> = tx_run!(tx, |conn| sqlx::query_as(&sql).bind(id).fetch_optional(conn).await)?;
    Ok(row.map(case))
}

/// The timeline of a case, oldest first.
pub async fn timeline(db: &Db, case_id: &str) -> Result<Vec<Event>, sqlx::Error> {
    type EventRow = (i64, Option<String>, Option<String>, String, Option<String>, Option<String>, String, String);
    let rows: Vec<EventRow> = db_run!(db, |pool| {
        sqlx::query_as(
            "SELECT e.at, e.actor_user_id, u.name, e.kind, e.from_stage, e.to_stage, e.reason, e.detail \
             FROM case_events e LEFT JOIN users u ON u.id = e.actor_user_id WHERE e.case_id = $1 ORDER BY e.at, e.id",
        )
        .bind(case_id)
        .fetch_all(pool)
        .await
    })?;
    Ok(rows
        .into_iter()
        .map(|(at, actor_user_id, actor_name, kind, from_stage, to_stage, reason, detail)| Event {
            at,
            actor_user_id,
            actor_name,
            kind,
            from_stage,
            to_stage,
            reason,
            detail,
        })
        .collect())
}

/// Why a write to a case did not happen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// No such case.
    NotFound,
    /// Someone changed the case since the caller read it: here it is now.
    Stale(Box<Case>),
    /// The state machine refuses the move.
    Move(Refusal),
}

/// Writes `case` with a new stage (or Case Manager) if it is still at `expected_version`.
async fn swap(tx: &mut Tx, case: &Case, expected_version: i64) -> Result<bool, sqlx::Error> {
    let n = tx_run!(tx, |conn| {
        sqlx::query(
            "UPDATE cases SET stage = $1, held_from = $2, hold_until_day = $3, outcome = $4, case_manager_id = $5, \
             version = version + 1, updated_at = $6 WHERE id = $7 AND version = $8",
        )
        .bind(case.stage.key())
        .bind(case.held_from.map(CaseStage::key))
        .bind(case.hold_until_day)
        .bind(case.outcome.map(Outcome::key))
        .bind(&case.case_manager_id)
        .bind(now_ms())
        .bind(&case.id)
        .bind(expected_version)
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// Moves a case, if the state machine allows it with `facts` and nobody changed the case since
/// `expected_version`; records the move on the timeline. Returns the case as it now is.
pub async fn move_case(
    tx: &mut Tx,
    id: &str,
    expected_version: i64,
    mv: Move,
    facts: &CaseFacts,
    today: i64,
    author: Author<'_>,
) -> Result<Result<Case, Refused>, sqlx::Error> {
    let Some(mut current) = get_tx(tx, id).await? else { return Ok(Err(Refused::NotFound)) };
    if current.version != expected_version {
        return Ok(Err(Refused::Stale(Box::new(current))));
    }
    let facts = CaseFacts { has_case_manager: current.case_manager_id.is_some(), ..*facts };
    let to = match apply(current.stage, current.held_from, mv, &facts, today) {
        Ok(to) => to,
        Err(refusal) => return Ok(Err(Refused::Move(refusal))),
    };
    let from = current.stage;
    match mv {
        Move::Hold { until_day } => {
            current.held_from = Some(from);
            current.hold_until_day = Some(until_day);
        }
        Move::Resume => {
            current.held_from = None;
            current.hold_until_day = None;
        }
        Move::Close(outcome) => current.outcome = Some(outcome),
        Move::To(_) => {}
    }
    current.stage = to;
    if !swap(tx, &current, expected_version).await? {
        let now = get_tx(tx, id).await?.map(Box::new);
        return Ok(Err(now.map_or(Refused::NotFound, Refused::Stale)));
    }
    let detail = match mv {
        Move::Hold { until_day } => until_day.to_string(),
        Move::Close(outcome) => outcome.key().to_string(),
        _ => String::new(),
    };
    append(tx, id, author, "stage", Some(from.key()), Some(to.key()), &detail).await?;
    current.version = expected_version + 1;
    Ok(Ok(current))
}

/// Assigns a Case Manager (or takes the case away from one, `None`), recording who had it.
pub async fn assign(
    tx: &mut Tx,
    id: &str,
    expected_version: i64,
    case_manager_id: Option<&str>,
    author: Author<'_>,
) -> Result<Result<Case, Refused>, sqlx::Error> {
    let Some(mut current) = get_tx(tx, id).await? else { return Ok(Err(Refused::NotFound)) };
    if current.version != expected_version {
        return Ok(Err(Refused::Stale(Box::new(current))));
    }
    let before = current.case_manager_id.clone().unwrap_or_default();
    current.case_manager_id = case_manager_id.map(str::to_string);
    if !swap(tx, &current, expected_version).await? {
        let now = get_tx(tx, id).await?.map(Box::new);
        return Ok(Err(now.map_or(Refused::NotFound, Refused::Stale)));
    }
    let detail = format!("{before}→{}", case_manager_id.unwrap_or_default());
    append(tx, id, author, "assigned", None, None, &detail).await?;
    current.version = expected_version + 1;
    Ok(Ok(current))
}

/// Open cases per Case Manager (their current caseload): (user id, cases).
pub async fn caseloads(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    db_run!(db, |pool| {
        sqlx::query_as(
            "SELECT case_manager_id, CAST(COUNT(*) AS BIGINT) FROM cases \
             WHERE case_manager_id IS NOT NULL AND stage <> 'closed' GROUP BY case_manager_id",
        )
        .fetch_all(pool)
        .await
    })
}

/// Every listed provider as a matching candidate (from its current profile).
pub async fn candidates(db: &Db) -> Result<Vec<crate::domain::matching::Candidate>, sqlx::Error> {
    Ok(candidates_named(db).await?.into_iter().map(|(_, c)| c).collect())
}

/// The same, each with its organisation's name: (name, candidate).
pub async fn candidates_named(db: &Db) -> Result<Vec<(String, crate::domain::matching::Candidate)>, sqlx::Error> {
    use crate::domain::matching::candidate_from_profile;
    let rows: Vec<(String, String, String, String, String)> = db_run!(db, |pool| {
        sqlx::query_as(
            "SELECT p.organisation_id, o.name, o.kind, o.country, v.answers FROM provider_profiles p \
             JOIN organisations o ON o.id = p.organisation_id \
             JOIN provider_profile_versions v ON v.organisation_id = p.organisation_id AND v.version = p.current_version \
             WHERE p.listed = TRUE",
        )
        .fetch_all(pool)
        .await
    })?;
    Ok(rows
        .into_iter()
        .map(|(id, name, kind, country, answers)| {
            let answers = serde_json::from_str(&answers).unwrap_or_default();
            (name, candidate_from_profile(&id, &kind, &country, &answers))
        })
        .collect())
}

/// A case with the names it is shown with: the case, its government body and country, and its
/// Case Manager's name.
pub type Listed = (Case, String, String, Option<String>);

const LISTED_SQL: &str = "SELECT c.id, c.request_id, c.organisation_id, c.stage, c.held_from, c.hold_until_day, \
     c.outcome, c.case_manager_id, c.version, c.updated_at, o.name, o.country, u.name \
     FROM cases c JOIN organisations o ON o.id = c.organisation_id LEFT JOIN users u ON u.id = c.case_manager_id";

type ListedRow = (
    String,
    String,
    String,
    String,
    Option<String>,
    Option<i64>,
    Option<String>,
    Option<String>,
    i64,
    i64,
    String,
    String,
    Option<String>,
);

fn listed(row: ListedRow) -> Listed {
    let (id, request, org, stage, held, until, outcome, manager, version, updated, org_name, country, manager_name) =
        row;
    (case((id, request, org, stage, held, until, outcome, manager, version, updated)), org_name, country, manager_name)
}

/// Every case with its names, most recently changed first (one query).
pub async fn all_listed(db: &Db) -> Result<Vec<Listed>, sqlx::Error> {
    let sql = format!("{LISTED_SQL} ORDER BY c.updated_at DESC, c.id");
    let rows: Vec<ListedRow> = db_run!(db, |pool| sqlx::query_as(&sql).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(listed).collect())
}

/// One case with its names.
pub async fn get_listed(db: &Db, id: &str) -> Result<Option<Listed>, sqlx::Error> {
    let sql = format!("{LISTED_SQL} WHERE c.id = $1");
    let row: Option<ListedRow> = db_run!(db, |pool| sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?;
    Ok(row.map(listed))
}

/// The active Case Managers: (user id, name), by name.
pub async fn case_managers(db: &Db) -> Result<Vec<(String, String)>, sqlx::Error> {
    db_run!(db, |pool| {
        sqlx::query_as(
            "SELECT id, name FROM users WHERE staff_role = 'case_manager' AND disabled_at IS NULL ORDER BY name",
        )
        .fetch_all(pool)
        .await
    })
}
