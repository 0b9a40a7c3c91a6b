//! The Case Manager adds an organisation to a thread (the government, a shortlisted provider) or
//! removes a participant; the thread shows who was removed.

use crate::error::AppError;
use leptos::prelude::*;

/// Adds `organisation` to thread `id`: the case's government or one of its shortlisted
/// providers (a provider is never added to a thread it could not otherwise learn of).
#[server(name = AddThreadParticipant, endpoint = "add_thread_participant")]
pub async fn add_thread_participant(id: String, organisation: String) -> Result<(), AppError> {
    use super::support::{changed, thread_for};
    use crate::api::introductions::support::refused;
    use crate::domain::casework::Decision;
    use crate::domain::policy::{Action, CaseRef, Resource};
    use crate::i18n::K;
    let (state, current, t) = thread_for(&id, Action::ViewThread).await?;
    let case = CaseRef { organisation: &t.case_organisation, manager: t.case_manager_id.as_deref() };
    crate::auth::authorize(&current.actor, Action::ManageThread, Resource::Case(case))?;
    let back = format!("/threads/{id}#participants");
    let shortlisted = crate::db::cases::decisions(state.db.read(), &t.case_id)
        .await?
        .into_iter()
        .any(|d| d.provider_id == organisation && d.decision == Decision::Shortlisted);
    // the government's own thread is the government's and its Case Manager's: providers meet it
    // through an introduction they accept
    let provider_here = t.introduction_id.is_some() && shortlisted;
    if organisation != t.case_organisation && !provider_here {
        return Err(refused(&back, "thread_people", Some("add-organisation"), K::ErrorUnknownOption));
    }
    if t.organisations().contains(&organisation) {
        return Err(refused(&back, "thread_people", Some("add-organisation"), K::ThreadErrorAlreadyIn));
    }
    let user = current.actor.user_id.clone();
    let now = crate::db::now_ms();
    let mut tx = state.db.write().begin().await?;
    crate::db::threads::add_participant(&mut tx, &id, Some(&organisation), None, user.as_deref(), now).await?;
    crate::db::audit::note(&mut tx, user.as_deref(), "thread.participant_added", &id, "").await?;
    tx.commit().await?;
    let after = crate::db::threads::get(state.db.read(), &id).await?.ok_or(AppError::Internal)?;
    state.events.publish(changed(&after, after.last_seq, crate::model::ThreadChange::Participants)).await;
    leptos_axum::redirect(&back);
    Ok(())
}

/// Removes participant `participant` from thread `id` (kept, shown as removed).
#[server(name = RemoveThreadParticipant, endpoint = "remove_thread_participant")]
pub async fn remove_thread_participant(id: String, participant: String) -> Result<(), AppError> {
    use super::support::{changed, thread_for};
    use crate::api::introductions::support::refused;
    use crate::domain::policy::{Action, CaseRef, Resource};
    use crate::i18n::K;
    let (state, current, t) = thread_for(&id, Action::ViewThread).await?;
    let case = CaseRef { organisation: &t.case_organisation, manager: t.case_manager_id.as_deref() };
    crate::auth::authorize(&current.actor, Action::ManageThread, Resource::Case(case))?;
    let back = format!("/threads/{id}#participants");
    let user = current.actor.user_id.clone();
    let now = crate::db::now_ms();
    let mut tx = state.db.write().begin().await?;
    if !crate::db::threads::remove_participant(&mut tx, &id, &participant, now).await? {
        return Err(refused(&back, "thread_people", None, K::ErrorUnknownOption));
    }
    crate::db::audit::note(&mut tx, user.as_deref(), "thread.participant_removed", &id, "").await?;
    tx.commit().await?;
    // those still in hear of it; the one removed no longer can
    let after = crate::db::threads::get(state.db.read(), &id).await?.ok_or(AppError::Internal)?;
    state.events.publish(changed(&after, after.last_seq, crate::model::ThreadChange::Participants)).await;
    leptos_axum::redirect(&back);
    Ok(())
}
