//! Cases: opened for every submitted request, assigned to a Case Manager and moved through
//! their stages. Every write is a compare-and-swap on the case's version, and every change is
//! appended to the case's timeline in the same transaction.

use super::{new_id, now_ms, Database, Db, Tx};
use crate::domain::case::{apply, CaseFacts, CaseStage, Move, Outcome, Refusal};
use crate::domain::casework::{CaseScope, Decision};
use crate::domain::taxonomy::{IssueArea, Region};
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

fn case(r: CaseRecord) -> Case {
    Case {
        id: r.id,
        request_id: r.request_id,
        organisation_id: r.organisation_id,
        stage: CaseStage::from_key(&r.stage).unwrap_or(CaseStage::Intake),
        held_from: r.held_from.as_deref().and_then(CaseStage::from_key),
        hold_until_day: r.hold_until_day,
        outcome: r.outcome.as_deref().and_then(Outcome::from_key),
        case_manager_id: r.case_manager_id,
        scope: r.scope.as_deref().and_then(|s| serde_json::from_str(s).ok()),
        scope_confirmed_at: r.scope_confirmed_at,
        scope_confirmed_by: r.scope_confirmed_by,
        next_step: r.next_step,
        next_step_due_day: r.next_step_due_day,
        version: r.version,
        updated_at: r.updated_at,
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
    let row: Option<CaseRecord> = db_run!(db, |pool| sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?;
    Ok(row.map(case))
}

/// The case of a request.
pub async fn of_request(db: &Db, request_id: &str) -> Result<Option<Case>, sqlx::Error> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE request_id = $1");
    let row: Option<CaseRecord> = db_run!(db, |pool| sqlx::query_as(&sql).bind(request_id).fetch_optional(pool).await)?;
    Ok(row.map(case))
}

async fn get_tx(tx: &mut Tx, id: &str) -> Result<Option<Case>, sqlx::Error> {
    let sql = format!("SELECT {CASE_COLUMNS} FROM cases WHERE id = $1");
    let row: Option<CaseRecord> = tx_run!(tx, |conn| sqlx::query_as(&sql).bind(id).fetch_optional(conn).await)?;
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

/// Writes the mutable state of `case` if it is still at `expected_version`.
async fn swap(tx: &mut Tx, case: &Case, expected_version: i64) -> Result<bool, sqlx::Error> {
    let scope = case.scope.as_ref().map(|s| serde_json::to_string(s).unwrap_or_default());
    let n = tx_run!(tx, |conn| {
        sqlx::query(
            "UPDATE cases SET stage = $1, held_from = $2, hold_until_day = $3, outcome = $4, case_manager_id = $5, \
             scope = $6, scope_confirmed_at = $7, scope_confirmed_by = $8, next_step = $9, next_step_due_day = $10, \
             version = version + 1, updated_at = $11 WHERE id = $12 AND version = $13",
        )
        .bind(case.stage.key())
        .bind(case.held_from.map(CaseStage::key))
        .bind(case.hold_until_day)
        .bind(case.outcome.map(Outcome::key))
        .bind(&case.case_manager_id)
        .bind(scope)
        .bind(case.scope_confirmed_at)
        .bind(&case.scope_confirmed_by)
        .bind(&case.next_step)
        .bind(case.next_step_due_day)
        .bind(now_ms())
        .bind(&case.id)
        .bind(expected_version)
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// What a change puts on the timeline: its kind, the stages from and to, and a detail.
type Entry = (&'static str, Option<&'static str>, Option<&'static str>, String);

/// Reads the case, checks the version, lets `edit` change it (or refuse), writes it back with
/// its version moved on and appends what `describe` says to the timeline. Returns the case as
/// it now is.
async fn change(
    tx: &mut Tx,
    id: &str,
    expected_version: i64,
    author: Author<'_>,
    edit: impl FnOnce(&mut Case) -> Result<(), Refusal>,
    describe: impl FnOnce(&Case, &Case) -> Entry,
) -> Result<Result<Case, Refused>, sqlx::Error> {
    let Some(before) = get_tx(tx, id).await? else { return Ok(Err(Refused::NotFound)) };
    if before.version != expected_version {
        return Ok(Err(Refused::Stale(Box::new(before))));
    }
    let mut after = before.clone();
    if let Err(refusal) = edit(&mut after) {
        return Ok(Err(Refused::Move(refusal)));
    }
    if !swap(tx, &after, expected_version).await? {
        let now = get_tx(tx, id).await?.map(Box::new);
        return Ok(Err(now.map_or(Refused::NotFound, Refused::Stale)));
    }
    after.version = expected_version + 1;
    after.updated_at = now_ms();
    let (kind, from, to, detail) = describe(&before, &after);
    append(tx, id, author, kind, from, to, &detail).await?;
    Ok(Ok(after))
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
    let edit = |c: &mut Case| {
        let facts = CaseFacts { has_case_manager: c.case_manager_id.is_some(), ..*facts };
        let to = apply(c.stage, c.held_from, mv, &facts, today)?;
        match mv {
            Move::Hold { until_day } => {
                c.held_from = Some(c.stage);
                c.hold_until_day = Some(until_day);
            }
            Move::Resume => {
                c.held_from = None;
                c.hold_until_day = None;
            }
            Move::Close(outcome) => c.outcome = Some(outcome),
            Move::To(_) => {}
        }
        c.stage = to;
        Ok(())
    };
    let detail = match mv {
        Move::Hold { until_day } => until_day.to_string(),
        Move::Close(outcome) => outcome.key().to_string(),
        _ => String::new(),
    };
    change(tx, id, expected_version, author, edit, |before, after| {
        ("stage", Some(before.stage.key()), Some(after.stage.key()), detail)
    })
    .await
}

/// Assigns a Case Manager (or takes the case away from one, `None`), recording who had it.
pub async fn assign(
    tx: &mut Tx,
    id: &str,
    expected_version: i64,
    case_manager_id: Option<&str>,
    author: Author<'_>,
) -> Result<Result<Case, Refused>, sqlx::Error> {
    let edit = |c: &mut Case| {
        c.case_manager_id = case_manager_id.map(str::to_string);
        Ok(())
    };
    change(tx, id, expected_version, author, edit, |before, _| {
        let from = before.case_manager_id.clone().unwrap_or_default();
        ("assigned", None, None, format!("{from}→{}", case_manager_id.unwrap_or_default()))
    })
    .await
}

/// Writes the structured scope. A scope that differs from the one confirmed clears the
/// confirmation: the government confirms what it reads.
pub async fn write_scope(
    tx: &mut Tx,
    id: &str,
    expected_version: i64,
    scope: &CaseScope,
    author: Author<'_>,
) -> Result<Result<Case, Refused>, sqlx::Error> {
    let edit = |c: &mut Case| {
        if c.scope.as_ref() != Some(scope) {
            c.scope_confirmed_at = None;
            c.scope_confirmed_by = None;
        }
        c.scope = Some(scope.clone());
        Ok(())
    };
    let areas: Vec<&str> = scope.scope.areas.iter().map(|a| a.key()).collect();
    change(tx, id, expected_version, author, edit, |_, _| ("scope", None, None, areas.join(","))).await
}

/// The government confirms the scope it read at `expected_version`.
pub async fn confirm_scope(
    tx: &mut Tx,
    id: &str,
    expected_version: i64,
    author: Author<'_>,
) -> Result<Result<Case, Refused>, sqlx::Error> {
    let edit = |c: &mut Case| {
        if c.scope.is_none() {
            return Err(Refusal::NeedsScope);
        }
        c.scope_confirmed_at = Some(now_ms());
        c.scope_confirmed_by = author.actor.map(str::to_string);
        Ok(())
    };
    change(tx, id, expected_version, author, edit, |_, _| ("scope_confirmed", None, None, String::new())).await
}

/// Sets the next step and the day it is due (`None`: no date).
pub async fn set_next_step(
    tx: &mut Tx,
    id: &str,
    expected_version: i64,
    next_step: &str,
    due_day: Option<i64>,
    author: Author<'_>,
) -> Result<Result<Case, Refused>, sqlx::Error> {
    let edit = |c: &mut Case| {
        c.next_step = next_step.to_string();
        c.next_step_due_day = due_day;
        Ok(())
    };
    let detail = match due_day {
        Some(day) => format!("{next_step} ({})", crate::domain::time::format_day(day)),
        None => next_step.to_string(),
    };
    change(tx, id, expected_version, author, edit, |_, _| ("next_step", None, None, detail)).await
}

/// A note on a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub at: i64,
    /// `scoping` or `internal`.
    pub kind: String,
    pub author_name: Option<String>,
    pub body: String,
}

/// Adds a note (notes are never edited).
pub async fn add_note(
    tx: &mut Tx,
    case_id: &str,
    kind: &str,
    author: Option<&str>,
    body: &str,
) -> Result<(), sqlx::Error> {
    tx_run!(tx, |conn| {
        sqlx::query(
            "INSERT INTO case_notes (id, case_id, kind, author_user_id, body, at) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(new_id())
        .bind(case_id)
        .bind(kind)
        .bind(author)
        .bind(body)
        .bind(now_ms())
        .execute(conn)
        .await
        .map(|_| ())
    })
}

/// A case's notes, newest first.
pub async fn notes(db: &Db, case_id: &str) -> Result<Vec<Note>, sqlx::Error> {
    let rows: Vec<(i64, String, Option<String>, String)> = db_run!(db, |pool| {
        sqlx::query_as(
            "SELECT n.at, n.kind, u.name, n.body FROM case_notes n LEFT JOIN users u ON u.id = n.author_user_id \
             WHERE n.case_id = $1 ORDER BY n.at DESC, n.id",
        )
        .bind(case_id)
        .fetch_all(pool)
        .await
    })?;
    Ok(rows.into_iter().map(|(at, kind, author_name, body)| Note { at, kind, author_name, body }).collect())
}

/// Whether `provider_id` is a listed provider (one a case may shortlist).
pub async fn is_listed_provider(tx: &mut Tx, provider_id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = tx_run!(tx, |conn| {
        sqlx::query_as("SELECT organisation_id FROM provider_profiles WHERE organisation_id = $1 AND listed = TRUE")
            .bind(provider_id)
            .fetch_optional(conn)
            .await
    })?;
    Ok(row.is_some())
}

/// Records a decision on a provider for a case (`None` clears it) if the case is still at
/// `expected_version`: a decision moves the version on, so a move whose guards counted the
/// shortlist cannot pass over a decision made meanwhile. On the timeline too.
pub async fn decide(
    tx: &mut Tx,
    case_id: &str,
    expected_version: i64,
    provider_id: &str,
    decision: Option<Decision>,
    author: Author<'_>,
) -> Result<Result<Case, Refused>, sqlx::Error> {
    let detail = format!("{provider_id}:{}", decision.map_or("cleared", Decision::key));
    let changed =
        change(tx, case_id, expected_version, author, |_| Ok(()), |_, _| ("decision", None, None, detail)).await?;
    if changed.is_err() {
        return Ok(changed);
    }
    let now = now_ms();
    tx_run!(tx, |conn| {
        sqlx::query("DELETE FROM case_decisions WHERE case_id = $1 AND provider_id = $2")
            .bind(case_id)
            .bind(provider_id)
            .execute(&mut *conn)
            .await?;
        if let Some(d) = decision {
            sqlx::query(
                "INSERT INTO case_decisions (case_id, provider_id, decision, reason, by_user_id, at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(case_id)
            .bind(provider_id)
            .bind(d.key())
            .bind(author.reason)
            .bind(author.actor)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(changed)
}

/// Whether the case has a decision on this provider (one that may be cleared even if the
/// provider has since left the roster).
pub async fn has_decision(tx: &mut Tx, case_id: &str, provider_id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = tx_run!(tx, |conn| {
        sqlx::query_as("SELECT provider_id FROM case_decisions WHERE case_id = $1 AND provider_id = $2")
            .bind(case_id)
            .bind(provider_id)
            .fetch_optional(conn)
            .await
    })?;
    Ok(row.is_some())
}

/// The decisions on a case: (provider id, its name, decision, reason), shortlisted first.
pub async fn decisions(db: &Db, case_id: &str) -> Result<Vec<(String, String, Decision, String)>, sqlx::Error> {
    let rows: Vec<(String, String, String, String)> = db_run!(db, |pool| {
        sqlx::query_as(
            "SELECT d.provider_id, o.name, d.decision, d.reason FROM case_decisions d \
             JOIN organisations o ON o.id = d.provider_id WHERE d.case_id = $1 ORDER BY d.decision DESC, o.name",
        )
        .bind(case_id)
        .fetch_all(pool)
        .await
    })?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, name, d, reason)| Decision::from_key(&d).map(|d| (id, name, d, reason)))
        .collect())
}

/// What the stage guards need to know of a case, read in the transaction that moves it.
pub async fn facts(tx: &mut Tx, case: &Case) -> Result<CaseFacts, sqlx::Error> {
    let (shortlisted,): (i64,) = tx_run!(tx, |conn| {
        sqlx::query_as(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM case_decisions WHERE case_id = $1 AND decision = 'shortlisted'",
        )
        .bind(&case.id)
        .fetch_one(conn)
        .await
    })?;
    Ok(CaseFacts {
        has_case_manager: case.case_manager_id.is_some(),
        has_scope: case.scope.as_ref().is_some_and(|s| s.scope.is_matchable()),
        scope_confirmed: case.scope_confirmed_at.is_some(),
        shortlisted: shortlisted as usize,
        // selections and agreements are recorded by the agreement workflow (a later issue)
        selected: 0,
        agreement_accepted: false,
    })
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

/// Every listed provider as a matching candidate (from its current profile), each with its
/// organisation's name: (name, candidate).
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
     c.outcome, c.case_manager_id, c.scope, c.scope_confirmed_at, c.scope_confirmed_by, c.next_step, c.next_step_due_day, c.version, \
     c.updated_at, o.name AS org_name, o.country AS org_country, u.name AS manager_name \
     FROM cases c JOIN organisations o ON o.id = c.organisation_id LEFT JOIN users u ON u.id = c.case_manager_id";

#[derive(sqlx::FromRow)]
struct ListedRecord {
    #[sqlx(flatten)]
    case: CaseRecord,
    org_name: String,
    org_country: String,
    manager_name: Option<String>,
}

fn listed(r: ListedRecord) -> Listed {
    (case(r.case), r.org_name, r.org_country, r.manager_name)
}

/// Every case with its names, most recently changed first (one query).
pub async fn all_listed(db: &Db) -> Result<Vec<Listed>, sqlx::Error> {
    let sql = format!("{LISTED_SQL} ORDER BY c.updated_at DESC, c.id");
    let rows: Vec<ListedRecord> = db_run!(db, |pool| sqlx::query_as(&sql).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(listed).collect())
}

/// The cases of one organisation with their names, newest first.
pub async fn of_organisation(db: &Db, organisation_id: &str) -> Result<Vec<Listed>, sqlx::Error> {
    let sql = format!("{LISTED_SQL} WHERE c.organisation_id = $1 ORDER BY c.updated_at DESC, c.id");
    let rows: Vec<ListedRecord> = db_run!(db, |pool| sqlx::query_as(&sql).bind(organisation_id).fetch_all(pool).await)?;
    Ok(rows.into_iter().map(listed).collect())
}

/// One case with its names.
pub async fn get_listed(db: &Db, id: &str) -> Result<Option<Listed>, sqlx::Error> {
    let sql = format!("{LISTED_SQL} WHERE c.id = $1");
    let row: Option<ListedRecord> = db_run!(db, |pool| sqlx::query_as(&sql).bind(id).fetch_optional(pool).await)?;
    Ok(row.map(listed))
}

/// The issue areas and regions of every request, from the requests roster's index:
/// request id → (areas, regions). A case without a written scope is filtered by these.
pub async fn request_facets(
    db: &Db,
) -> Result<std::collections::HashMap<String, (Vec<IssueArea>, Vec<Region>)>, sqlx::Error> {
    let rows: Vec<(String, String, String)> = db_run!(db, |pool| {
        sqlx::query_as(
            "SELECT id, facet, value FROM roster_facets WHERE roster = 'requests' AND facet IN ('area', 'region')",
        )
        .fetch_all(pool)
        .await
    })?;
    let mut out: std::collections::HashMap<String, (Vec<IssueArea>, Vec<Region>)> = Default::default();
    for (id, facet, value) in rows {
        let entry = out.entry(id).or_default();
        if facet == "area" {
            entry.0.extend(IssueArea::from_key(&value));
        } else {
            entry.1.extend(Region::from_key(&value));
        }
    }
    Ok(out)
}

/// The active Case Managers with their open caseload: (user id, name, open cases), by name.
pub async fn case_managers(db: &Db) -> Result<Vec<(String, String, i64)>, sqlx::Error> {
    db_run!(db, |pool| {
        sqlx::query_as(
            "SELECT u.id, u.name, CAST(COUNT(c.id) AS BIGINT) FROM users u \
             LEFT JOIN cases c ON c.case_manager_id = u.id AND c.stage <> 'closed' \
             WHERE u.staff_role = 'case_manager' AND u.disabled_at IS NULL GROUP BY u.id, u.name ORDER BY u.name",
        )
        .fetch_all(pool)
        .await
    })
}
