//! Giving a case to a Case Manager, and moving it through its stages.

#[cfg(feature = "ssr")]
use super::support;
#[cfg(feature = "ssr")]
use crate::domain::timeline::ChangeKind;
use crate::error::AppError;
use leptos::prelude::*;

/// Gives a case to a Case Manager (`case_manager` empty: to nobody), made on `version`.
#[server(name = AssignCase, endpoint = "assign_case")]
pub async fn assign_case(id: String, version: i64, case_manager: String, reason: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::cases::{self, Author};
    use crate::domain::casework::SHORT_MAX;
    use crate::domain::policy::{Action, Resource, StaffRole};
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::ViewCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let Some(c) = cases::get(state.db.read(), &id).await? else { return Err(AppError::NotFound.respond()) };
    authorize(&current.actor, Action::AssignCase, Resource::Case(c.policy_ref()))?;
    let reason = reason.trim();
    if reason.chars().count() > SHORT_MAX {
        return Err(support::refused(&id, "case_assign", "assign", Some("assign-reason"), K::ErrorTooLong));
    }
    let target = Some(case_manager.trim()).filter(|s| !s.is_empty());
    if let Some(user) = target {
        let ok = crate::db::users::get(state.db.read(), user)
            .await?
            .is_some_and(|u| u.staff_role == Some(StaffRole::CaseManager) && !u.disabled);
        if !ok {
            return Err(support::refused(
                &id,
                "case_assign",
                "assign",
                Some("case_manager"),
                K::CaseErrorNotACaseManager,
            ));
        }
    }
    authorize(&current.actor, Action::AssignCase, Resource::Assignment { case: c.policy_ref(), to: target })?;
    support::fresh(&c, version, "case_assign", "assign")?;
    let mut tx = state.db.write().begin().await?;
    let author = Author::now(current.actor.user_id.as_deref(), reason);
    match cases::assign(&mut tx, &id, version, target, author).await? {
        Ok(c) => support::done(tx, &state, &c, ChangeKind::Assigned, "assign").await,
        Err(r) => Err(support::not_written(&id, "case_assign", "assign", r)),
    }
}

/// Moves a case: `action` is a stage key, `hold` (with `until`, a date), `resume` or `close`
/// (with `outcome`); made on `version`. A refused move says why and changes nothing.
#[server(name = MoveCase, endpoint = "move_case")]
pub async fn move_case(
    id: String,
    version: i64,
    action: String,
    outcome: Option<String>,
    until: Option<String>,
    reason: String,
) -> Result<(), AppError> {
    use crate::db::cases::{self, Author};
    use crate::domain::case::{CaseStage, Move, Outcome};
    use crate::domain::casework::SHORT_MAX;
    use crate::i18n::K;
    let (state, current, c) = support::workable(&id).await?;
    let bad = |field: &str, key: K| support::refused(&id, "case_move", "move", Some(field), key);
    let mv = match action.as_str() {
        "hold" => match until.as_deref().and_then(crate::domain::time::day_number) {
            Some(day) => Move::Hold { until_day: day },
            None => return Err(bad("until", K::CaseErrorBadDate)),
        },
        "resume" => Move::Resume,
        "close" => match outcome.as_deref().and_then(Outcome::from_key) {
            Some(o) => Move::Close(o),
            None => return Err(bad("outcome", K::ErrorUnknownOption)),
        },
        stage => match CaseStage::from_key(stage) {
            Some(s) => Move::To(s),
            None => return Err(bad("action", K::ErrorUnknownOption)),
        },
    };
    let reason = reason.trim();
    if reason.chars().count() > SHORT_MAX {
        // each move's form has its own reason field
        let field = match mv {
            Move::Hold { .. } => "hold-reason",
            Move::Close(_) => "close-reason",
            _ => "move-reason",
        };
        return Err(bad(field, K::ErrorTooLong));
    }
    support::fresh(&c, version, "case_move", "move")?;
    let mut tx = state.db.write().begin().await?;
    // the guards read the case's facts in the transaction that moves it
    let facts = cases::facts(&mut tx, &c).await?;
    let author = Author::now(current.actor.user_id.as_deref(), reason);
    match cases::move_case(&mut tx, &id, version, mv, &facts, support::today(), author).await? {
        Ok(c) => support::done(tx, &state, &c, ChangeKind::Stage, "move").await,
        Err(r) => Err(support::not_written(&id, "case_move", "move", r)),
    }
}
