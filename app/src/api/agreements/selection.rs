//! Compare and select: the providers who accepted an introduction in a case, side by side, and
//! the government's choice among them. The choice is recorded on the timeline, is the fact
//! behind the Selection guard, and moves the case on to Agreement; the providers not chosen are
//! thanked in their conversation.

use crate::error::AppError;
use crate::model::SelectionPage;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

/// The comparison for case `id`, for the government and its case team; anyone else gets 404.
#[server(name = SelectionDetail, endpoint = "selection_detail", input = GetUrl)]
pub async fn selection_detail(id: String) -> Result<SelectionPage, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{can, Action, Resource};
    let actor = current_session().actor;
    authorize(&actor, Action::FollowCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let Some(listed) = crate::db::cases::get_listed(db, &id).await? else { return Err(AppError::NotFound.respond()) };
    let case = Resource::Case(listed.case.policy_ref());
    if !can(&actor, Action::ViewSelection, case) {
        return Err(AppError::NotFound.respond());
    }
    let cards = super::compare::cards(db, &listed.case).await?;
    Ok(SelectionPage {
        case_id: listed.case.id.clone(),
        government: listed.organisation.clone(),
        stage: listed.case.stage,
        decided: cards.iter().any(|c| c.selected),
        can_select: can(&actor, Action::SelectProviders, case) && super::compare::selectable(listed.case.stage),
        cards,
    })
}

/// The government selects, in case `id`, one or more `provider` ids (repeated) among those who
/// accepted an introduction. A multipart post (the providers repeat their name).
#[server(name = SelectProviders, endpoint = "select_providers", input = MultipartFormData)]
pub async fn select_providers(data: MultipartData) -> Result<(), AppError> {
    use crate::api::introductions::support::refused;
    use crate::auth::{authorize, current_session};
    use crate::db::cases::{self, Author};
    use crate::db::{agreements, introductions};
    use crate::domain::case::{CaseStage, Move};
    use crate::domain::introductions::Answer;
    use crate::domain::policy::{Action, Resource};
    use crate::domain::selection::{check_selection, Candidate};
    use crate::domain::timeline::ChangeKind;
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::FollowCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let fields = crate::forms::multipart_fields(data, 16 * 1024).await?;
    let id = fields.iter().find(|(k, _)| k == "id").map(|(_, v)| v.clone()).unwrap_or_default();
    let Some(c) = cases::get(state.db.read(), &id).await? else { return Err(AppError::NotFound.respond()) };
    authorize(&current.actor, Action::SelectProviders, Resource::Case(c.policy_ref()))?;
    let back = format!("/cases/{id}/selection");
    let bad = |key: K| refused(&back, "selection", Some("providers"), key);
    if !super::compare::selectable(c.stage) {
        return Err(bad(K::SelectionErrorStage));
    }
    let chosen: Vec<String> = fields.iter().filter(|(k, _)| k == "provider").map(|(_, v)| v.clone()).collect();
    let user = current.actor.user_id.clone().unwrap_or_default();
    let now = crate::db::now_ms();
    let mut tx = state.db.write().begin().await?;
    agreements::lock_case(&mut tx, &id).await?;
    // who may be chosen, read after the lock: an answer given meanwhile counts
    let intros = introductions::of_case(&mut tx, &id).await?;
    let mut candidates: Vec<Candidate> = Vec::new();
    for p in intros.iter().filter(|i| i.sent_at.is_some()).flat_map(|i| i.parties.iter()) {
        let accepted = p.answer == Some(Answer::Accepted);
        match candidates.iter_mut().find(|c| c.provider == p.organisation_id) {
            Some(c) => c.accepted |= accepted,
            None => candidates.push(Candidate { provider: p.organisation_id.clone(), accepted }),
        }
    }
    let providers = match check_selection(&candidates, &chosen) {
        Ok(p) => p,
        Err(r) => return Err(bad(r.key())),
    };
    let author = Author { actor: Some(&user), reason: "", at: now };
    let mut after = match agreements::select(&mut tx, &id, &providers, author).await? {
        Ok(c) => c,
        Err(r) => return Err(crate::api::cases::support::not_written(&id, "selection", "selection", r)),
    };
    // the choice moves the case on to the agreement, one recorded stage at a time
    for to in [CaseStage::Selection, CaseStage::Agreement] {
        if after.stage == to
            || !matches!(
                (after.stage, to),
                (CaseStage::Introductions, CaseStage::Selection) | (CaseStage::Selection, CaseStage::Agreement)
            )
        {
            continue;
        }
        let facts = cases::facts(&mut tx, &after).await?;
        let today = crate::api::cases::support::today();
        match cases::move_case(&mut tx, &id, after.version, Move::To(to), &facts, today, author).await? {
            Ok(moved) => after = moved,
            Err(r) => return Err(crate::api::cases::support::not_written(&id, "selection", "selection", r)),
        }
    }
    let locale = current.user.as_ref().and_then(|u| crate::i18n::Locale::from_code(&u.locale)).unwrap_or_default();
    let thanked = super::compare::thank_the_others(&mut tx, &after, &intros, &providers, &user, locale, now).await?;
    super::compare::tell_selected(&mut tx, &state, &after, &providers, &user, now).await?;
    tx.commit().await?;
    state.mailer.wake();
    for event in thanked {
        state.events.publish(event).await;
    }
    state.events.publish(after.changed(ChangeKind::Selection)).await;
    leptos_axum::redirect(&format!("/cases/{id}/agreement"));
    Ok(())
}
