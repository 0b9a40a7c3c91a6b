//! Writes to a case: each a compare-and-swap on the case's version that appends what changed to
//! the timeline in the same transaction; a stale writer gets the case as it now is.

use super::timeline::append;
use super::{get, Author, Case};
use crate::db::Tx;
use crate::domain::case::{apply, CaseFacts, CaseStage, Move, Outcome, Refusal};
use crate::domain::casework::CaseScope;
use crate::domain::timeline::Change;

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
    // a scope that cannot be written as JSON is refused, never stored as an empty one
    let scope =
        case.scope.as_ref().map(serde_json::to_string).transpose().map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let n = crate::execute!(
        tx,
        "UPDATE cases SET stage = $1, held_from = $2, hold_until_day = $3, outcome = $4, case_manager_id = $5, \
             scope = $6, scope_confirmed_at = $7, scope_confirmed_by = $8, next_step = $9, next_step_due_day = $10, \
             version = version + 1, updated_at = $11 WHERE id = $12 AND version = $13",
        case.stage.key(),
        case.held_from.map(CaseStage::key),
        case.hold_until_day,
        case.outcome.map(Outcome::key),
        &case.case_manager_id,
        scope,
        case.scope_confirmed_at,
        &case.scope_confirmed_by,
        &case.next_step,
        case.next_step_due_day,
        case.updated_at,
        &case.id,
        expected_version,
    )?;
    Ok(n == 1)
}

/// Reads the case, checks the version, lets `edit` change it (or refuse), writes it back with
/// its version moved on and appends what `describe` says to the timeline. Returns the case as
/// it now is.
pub(super) async fn change(
    tx: &mut Tx,
    id: &str,
    expected_version: i64,
    author: Author<'_>,
    edit: impl FnOnce(&mut Case) -> Result<(), Refusal>,
    describe: impl FnOnce(&Case, &Case) -> Change,
) -> Result<Result<Case, Refused>, sqlx::Error> {
    let Some(before) = get(&mut *tx, id).await? else { return Ok(Err(Refused::NotFound)) };
    if before.version != expected_version {
        return Ok(Err(Refused::Stale(Box::new(before))));
    }
    let mut after = before.clone();
    if let Err(refusal) = edit(&mut after) {
        return Ok(Err(Refused::Move(refusal)));
    }
    after.updated_at = author.at;
    if !swap(tx, &after, expected_version).await? {
        let now = get(&mut *tx, id).await?.map(Box::new);
        return Ok(Err(now.map_or(Refused::NotFound, Refused::Stale)));
    }
    after.version = expected_version + 1;
    append(tx, id, author, &describe(&before, &after)).await?;
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
    change(tx, id, expected_version, author, edit, |before, after| Change::Stage {
        from: before.stage,
        to: after.stage,
        hold_until_day: after.hold_until_day.filter(|_| after.stage == CaseStage::OnHold),
        outcome: after.outcome.filter(|_| after.stage == CaseStage::Closed),
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
    change(tx, id, expected_version, author, edit, |before, after| Change::Assigned {
        from: before.case_manager_id.clone(),
        to: after.case_manager_id.clone(),
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
    let areas = scope.scope.areas.clone();
    let written = change(tx, id, expected_version, author, edit, |_, _| Change::Scope { areas }).await?;
    if let Ok(case) = &written {
        super::facets::index(tx, case).await?;
    }
    Ok(written)
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
        c.scope_confirmed_at = Some(author.at);
        c.scope_confirmed_by = author.actor.map(str::to_string);
        Ok(())
    };
    change(tx, id, expected_version, author, edit, |_, _| Change::ScopeConfirmed).await
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
    let step = Change::NextStep { step: next_step.to_string(), due_day };
    change(tx, id, expected_version, author, edit, |_, _| step).await
}

/// Records a change made through another part of the case (an introduction made, answered or
/// lapsed) on the case as it now is: the version moves on and the timeline says what happened.
pub async fn record(
    tx: &mut Tx,
    id: &str,
    author: Author<'_>,
    what: Change,
) -> Result<Result<Case, Refused>, sqlx::Error> {
    let Some(now) = get(&mut *tx, id).await? else { return Ok(Err(Refused::NotFound)) };
    change(tx, id, now.version, author, |_| Ok(()), |_, _| what).await
}
