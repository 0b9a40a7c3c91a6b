//! What the case server functions share: summaries, refusals and the answer to a write.

use crate::db::cases::{Case, Listed, Refused};
use crate::domain::casework::{is_overdue, CaseScope};
use crate::domain::taxonomy::{IssueArea, Region};
use crate::domain::timeline::ChangeKind;
use crate::error::AppError;
use crate::forms::{refuse, refuse_with, FormFlash};
use crate::i18n::K;
use crate::model::CaseSummary;
use std::collections::HashMap;

/// What each case is about, by case id.
pub type Facets = HashMap<String, crate::db::cases::Facets>;

/// The areas and regions a case is about (its written scope's, else its request's).
pub fn areas_regions(c: &Case, facets: &Facets) -> (Vec<IssueArea>, Vec<Region>) {
    facets.get(&c.id).map(|f| (f.areas.clone(), f.regions.clone())).unwrap_or_default()
}

pub fn summary(listed: Listed, facets: &Facets, today: i64) -> CaseSummary {
    let Listed { case: c, organisation, country, case_manager } = listed;
    let (areas, regions) = areas_regions(&c, facets);
    CaseSummary {
        overdue: is_overdue(c.stage, c.next_step_due_day, c.hold_until_day, today),
        id: c.id,
        request_id: c.request_id,
        organisation,
        country,
        stage: c.stage,
        held_from: c.held_from,
        outcome: c.outcome,
        case_manager,
        case_manager_id: c.case_manager_id,
        scope_confirmed: c.scope_confirmed_at.is_some(),
        next_step: c.next_step,
        next_step_due_day: c.next_step_due_day,
        hold_until_day: c.hold_until_day,
        areas,
        regions,
        version: c.version,
        updated_at: c.updated_at,
    }
}

pub fn today() -> i64 {
    crate::domain::time::day_of(crate::db::now_ms())
}

pub fn scope_of(c: &Case, request: &crate::domain::survey::Answers) -> (CaseScope, bool) {
    match &c.scope {
        Some(s) => (s.clone(), false),
        None => (CaseScope::from_request(request), true),
    }
}

/// Sends the browser back to the case page (`#anchor`) with the refusal shown by `form`.
pub fn refused(id: &str, form: &str, anchor: &str, field: Option<&str>, key: K) -> AppError {
    leptos_axum::redirect(&format!("/cases/{id}#{anchor}"));
    refuse(FormFlash::new(form).error(key, field))
}

/// The answer to a write that did not happen: a stale version is a conflict (the page
/// reloads with the case as it now is), a refused move says why.
pub fn not_written(id: &str, form: &str, anchor: &str, refused_: Refused) -> AppError {
    match refused_ {
        Refused::Stale(_) => {
            leptos_axum::redirect(&format!("/cases/{id}#{anchor}"));
            refuse_with(FormFlash::new(form), AppError::Conflict)
        }
        Refused::NotFound => AppError::NotFound.respond(),
        Refused::Move(r) => refused(id, form, anchor, None, r.key()),
    }
}

/// The case `id` and who asks, if the caller may work it: staff first (anyone else is
/// refused before the case is read), then its Case Manager or an admin.
#[allow(clippy::type_complexity)]
pub async fn workable(id: &str) -> Result<(crate::state::AppState, crate::auth::CurrentSession, Case), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    authorize(&current.actor, Action::ViewCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let Some(c) = crate::db::cases::get(state.db.read(), id).await? else {
        return Err(AppError::NotFound.respond());
    };
    authorize(&current.actor, Action::MoveCase, Resource::Case(c.policy_ref()))?;
    Ok((state, current, c))
}

/// Refuses, as a conflict, a write made on a version other than the case the caller was
/// authorized on: the compare-and-swap then guarantees the row written is the one checked.
pub fn fresh(c: &Case, version: i64, form: &str, anchor: &str) -> Result<(), AppError> {
    if c.version == version {
        Ok(())
    } else {
        Err(not_written(&c.id, form, anchor, Refused::Stale(Box::new(c.clone()))))
    }
}

/// Commits, publishes the change and sends the browser back to the case page.
pub async fn done(
    tx: crate::db::Tx,
    state: &crate::state::AppState,
    c: &Case,
    kind: ChangeKind,
    anchor: &str,
) -> Result<(), AppError> {
    tx.commit().await?;
    state.events.publish(c.changed(kind)).await;
    leptos_axum::redirect(&format!("/cases/{}#{anchor}", c.id));
    Ok(())
}

/// Tells `who` (in the app and by mail, each in their language) that something about case
/// `path` needs them; the person who acted is left out.
pub async fn tell_case(
    tx: &mut crate::db::Tx,
    state: &crate::state::AppState,
    who: &[crate::db::notifications::Recipient],
    actor: Option<&str>,
    kind: crate::domain::notices::NoticeKind,
    path: &str,
    at: i64,
) -> Result<(), AppError> {
    use crate::domain::notices::NoticeKind;
    let (subject, body) = match kind {
        NoticeKind::ScopeReady => (K::MailScopeReadySubject, K::MailScopeReadyBody),
        _ => (K::MailScopeConfirmedSubject, K::MailScopeConfirmedBody),
    };
    let case_id = path.trim_start_matches("/cases/").split('#').next().unwrap_or_default();
    let what = crate::api::notify::Tell { kind, case_id: Some(case_id), path, subject, body, vars: &[], at };
    crate::api::notify::tell(tx, &state.mailer, who, actor, &what).await?;
    state.mailer.wake();
    Ok(())
}
