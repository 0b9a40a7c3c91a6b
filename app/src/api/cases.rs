//! Cases for staff: the list, a case with its timeline and explained matches, assignment and
//! moves through the stages. Each write names the version it was made on; a stale one is
//! answered with a conflict and changes nothing.

use crate::error::AppError;
use crate::model::{CaseSummary, CaseView};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// How many explained matches a case page shows.
pub const MATCHES_SHOWN: usize = 10;

#[cfg(feature = "ssr")]
fn summary(listed: crate::db::cases::Listed) -> CaseSummary {
    let (c, organisation, country, case_manager) = listed;
    CaseSummary {
        id: c.id,
        request_id: c.request_id,
        organisation,
        country,
        stage: c.stage,
        outcome: c.outcome,
        case_manager,
        case_manager_id: c.case_manager_id,
        version: c.version,
        updated_at: c.updated_at,
    }
}

/// Every case, most recently changed first (staff).
#[server(name = CaseList, endpoint = "case_list", input = GetUrl)]
pub async fn case_list() -> Result<Vec<CaseSummary>, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::ViewCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    Ok(crate::db::cases::all_listed(state.db.read()).await?.into_iter().map(summary).collect())
}

/// One case: its request, timeline, the moves the viewer may make and, for those who may see
/// them, the best-ranked providers with their explanations.
#[server(name = CaseDetail, endpoint = "case_detail", input = GetUrl)]
pub async fn case_detail(id: String) -> Result<CaseView, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::{cases, roster};
    use crate::domain::case::moves_from;
    use crate::domain::matching::{rank, scope_from_request, Weights};
    use crate::domain::policy::{can, Action, Resource};
    let actor = current_session().actor;
    authorize(&actor, Action::ViewCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let Some(listed) = cases::get_listed(db, &id).await? else { return Err(AppError::NotFound.respond()) };
    let c = listed.0.clone();
    let resource = Resource::Case { manager: c.case_manager_id.as_deref() };
    let request = roster::request(db, &c.request_id).await?.map(|r| r.2).unwrap_or_default();
    let timeline = cases::timeline(db, &c.id)
        .await?
        .into_iter()
        .map(|e| crate::model::TimelineEntry {
            at: e.at,
            actor: e.actor_name,
            kind: e.kind,
            from_stage: e.from_stage,
            to_stage: e.to_stage,
            reason: e.reason,
            detail: e.detail,
        })
        .collect();
    let matches = if can(&actor, Action::ViewCaseInternals, resource) {
        let named = cases::candidates_named(db).await?;
        let (names, candidates): (Vec<String>, Vec<_>) = named.into_iter().unzip();
        let ranked = rank(&scope_from_request(&request), &candidates, &Weights::default());
        Some(
            ranked
                .into_iter()
                .take(MATCHES_SHOWN)
                .map(|ranked| {
                    let name =
                        candidates.iter().position(|c| c.id == ranked.id).map(|i| names[i].clone()).unwrap_or_default();
                    crate::model::MatchView { name, ranked }
                })
                .collect(),
        )
    } else {
        None
    };
    let loads = cases::caseloads(db).await?;
    let case_managers = cases::case_managers(db)
        .await?
        .into_iter()
        .map(|(id, name)| {
            let load = loads.iter().find(|(u, _)| *u == id).map_or(0, |(_, n)| *n);
            (id, name, load)
        })
        .collect();
    Ok(CaseView {
        moves: if can(&actor, Action::MoveCase, resource) { moves_from(c.stage, c.held_from) } else { Vec::new() },
        can_assign: can(&actor, Action::AssignCase, resource),
        summary: summary(listed),
        held_from: c.held_from,
        hold_until_day: c.hold_until_day,
        request,
        timeline,
        case_managers,
        matches,
    })
}

/// Gives a case to a Case Manager (`case_manager` empty: to nobody), made on `version`.
#[server(name = AssignCase, endpoint = "assign_case")]
pub async fn assign_case(id: String, version: i64, case_manager: String, reason: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::cases::{self, Author, Refused};
    use crate::domain::policy::{Action, Resource, StaffRole};
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::ViewCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let Some(c) = cases::get(state.db.read(), &id).await? else { return Err(AppError::NotFound.respond()) };
    authorize(&current.actor, Action::AssignCase, Resource::Case { manager: c.case_manager_id.as_deref() })?;
    let reason: String = reason.trim().chars().take(500).collect();
    let target = Some(case_manager.trim()).filter(|s| !s.is_empty());
    if let Some(user) = target {
        let ok = crate::db::users::get(state.db.read(), user)
            .await?
            .is_some_and(|u| u.staff_role == Some(StaffRole::CaseManager));
        if !ok {
            return Err(AppError::invalid("case_manager", K::CaseErrorNotACaseManager).respond());
        }
    }
    // a Case Manager may only take an unassigned case for themselves
    if current.actor.staff_role == Some(StaffRole::CaseManager) && target != current.actor.user_id.as_deref() {
        return Err(AppError::Forbidden.respond());
    }
    let mut tx = state.db.write().begin().await?;
    let author = Author { actor: current.actor.user_id.as_deref(), reason: &reason };
    match cases::assign(&mut tx, &id, version, target, author).await? {
        Ok(_) => {
            tx.commit().await?;
            leptos_axum::redirect(&format!("/cases/{id}"));
            Ok(())
        }
        Err(Refused::Stale(_)) => Err(AppError::Conflict.respond()),
        Err(_) => Err(AppError::NotFound.respond()),
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
    use crate::auth::{authorize, current_session};
    use crate::db::cases::{self, Author, Refused};
    use crate::domain::case::{CaseFacts, CaseStage, Move, Outcome, Refusal};
    use crate::domain::policy::{Action, Resource};
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::ViewCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let Some(c) = cases::get(state.db.read(), &id).await? else { return Err(AppError::NotFound.respond()) };
    authorize(&current.actor, Action::MoveCase, Resource::Case { manager: c.case_manager_id.as_deref() })?;
    let mv = match action.as_str() {
        "hold" => {
            let day = until.as_deref().and_then(crate::domain::time::day_number);
            Move::Hold { until_day: day.ok_or_else(|| AppError::invalid("until", K::CaseErrorBadDate).respond())? }
        }
        "resume" => Move::Resume,
        "close" => Move::Close(
            outcome
                .as_deref()
                .and_then(Outcome::from_key)
                .ok_or_else(|| AppError::invalid("outcome", K::ErrorUnknownOption).respond())?,
        ),
        stage => Move::To(
            CaseStage::from_key(stage).ok_or_else(|| AppError::invalid("action", K::ErrorUnknownOption).respond())?,
        ),
    };
    let reason: String = reason.trim().chars().take(500).collect();
    let request = crate::db::roster::request(state.db.read(), &c.request_id).await?.map(|r| r.2).unwrap_or_default();
    // what later issues record (confirmed scope, shortlist, selection, agreement) is not stored
    // yet: the guards that need them refuse, with their reason
    let facts = CaseFacts {
        has_scope: crate::domain::matching::scope_from_request(&request).is_matchable(),
        ..CaseFacts::default()
    };
    let today = crate::domain::time::day_of(crate::db::now_ms());
    let mut tx = state.db.write().begin().await?;
    let author = Author { actor: current.actor.user_id.as_deref(), reason: &reason };
    match cases::move_case(&mut tx, &id, version, mv, &facts, today, author).await? {
        Ok(_) => {
            tx.commit().await?;
            leptos_axum::redirect(&format!("/cases/{id}"));
            Ok(())
        }
        Err(Refused::Stale(_)) => Err(AppError::Conflict.respond()),
        Err(Refused::NotFound) => Err(AppError::NotFound.respond()),
        Err(Refused::Move(refusal)) => {
            let key = match refusal {
                Refusal::NotAllowed => K::CaseRefusedNotAllowed,
                Refusal::NeedsCaseManager => K::CaseRefusedNeedsCaseManager,
                Refusal::NeedsScope => K::CaseRefusedNeedsScope,
                Refusal::NeedsConfirmedScope => K::CaseRefusedNeedsConfirmedScope,
                Refusal::NeedsShortlist => K::CaseRefusedNeedsShortlist,
                Refusal::NeedsSelection => K::CaseRefusedNeedsSelection,
                Refusal::NeedsAcceptedAgreement => K::CaseRefusedNeedsAgreement,
                Refusal::HoldDateInPast => K::CaseRefusedHoldDateInPast,
            };
            Err(AppError::invalid("action", key).respond())
        }
    }
}
