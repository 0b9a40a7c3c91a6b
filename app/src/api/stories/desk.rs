//! A successful case's story, as its parties and case team work on it: the Case Manager drafts
//! and edits it, each party approves its exact text (or withdraws its consent); it goes public
//! when every party approves the current text and comes down when one withdraws or it changes.

use crate::error::AppError;
use crate::model::StoryDesk;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The story desk of case `id`, for the agreement's parties and the case team; else 404.
#[server(name = StoryDeskDetail, endpoint = "story_desk", input = GetUrl)]
pub async fn story_desk(id: String) -> Result<StoryDesk, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{can, Action, Resource};
    let actor = current_session().actor;
    authorize(&actor, Action::FollowCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let loaded = crate::api::agreements::terms::load(db, &id).await?;
    if !can(&actor, Action::ViewAgreement, Resource::Agreement(loaded.policy_ref())) {
        return Err(AppError::NotFound.respond());
    }
    let story = crate::db::stories::of_case(db, &id).await?;
    let consents = match &story {
        Some(s) => crate::db::stories::consents(db, &s.id).await?,
        None => Vec::new(),
    };
    Ok(super::support::desk(&actor, &loaded, story, &consents))
}

/// The Case Manager writes the story of case `id` (a draft, or an edit that asks every party
/// again).
#[server(name = WriteStory, endpoint = "write_story")]
pub async fn write_story(id: String, title: String, summary: String, body: String) -> Result<(), AppError> {
    use crate::api::introductions::support::refused;
    use crate::db::stories;
    use crate::domain::stories::{check_story, StoryText};
    use crate::domain::timeline::{Change, ChangeKind};
    use crate::i18n::K;
    let (state, current, c) = crate::api::cases::support::workable(&id).await?;
    crate::auth::authorize(
        &current.actor,
        crate::domain::policy::Action::WriteStory,
        crate::domain::policy::Resource::Case(c.policy_ref()),
    )?;
    let back = format!("/cases/{id}/story");
    if !super::support::eligible(&c) {
        return Err(refused(&back, "story_write", None, K::StoryErrorNotSuccessful));
    }
    let text = match check_story(&StoryText { title, summary, body }) {
        Ok(t) => t,
        Err((field, key)) => return Err(refused(&back, "story_write", Some(field), key)),
    };
    let user = current.actor.user_id.clone().unwrap_or_default();
    let now = crate::db::now_ms();
    let mut tx = state.db.write().begin().await?;
    crate::db::agreements::lock_case(&mut tx, &id).await?;
    let was = stories::of_case(&mut tx, &id).await?;
    let story = stories::write(&mut tx, &id, &text, &user, now).await?;
    let changed = was.as_ref().is_none_or(|w| w.sha256 != story.sha256);
    if changed {
        // a published story whose text changed is down until everyone approves the new text
        if was.as_ref().is_some_and(|w| w.published_at.is_some()) {
            let author = crate::db::cases::Author { actor: Some(&user), reason: "", at: now };
            crate::db::cases::record(&mut tx, &id, author, Change::Story { published: false }).await?.ok();
        }
        super::support::ask_parties(&mut tx, &state, &c, &user, now).await?;
    }
    let after = crate::db::cases::get(&mut tx, &id).await?.ok_or(AppError::Internal)?;
    tx.commit().await?;
    state.mailer.wake();
    state.events.publish(after.changed(ChangeKind::Story)).await;
    leptos_axum::redirect(&back);
    Ok(())
}

/// A party approves the story of case `id` as shown (`sha256` of its text), or withdraws its
/// consent (`withdraw` = `1`); `party` is `role:id`.
#[server(name = ConsentStory, endpoint = "consent_story")]
pub async fn consent_story(id: String, sha256: String, party: String, withdraw: String) -> Result<(), AppError> {
    use crate::api::introductions::support::refused;
    use crate::auth::{authorize, current_session};
    use crate::db::stories;
    use crate::domain::agreements::{Party, PartyRole};
    use crate::domain::policy::{can, Action, Resource};
    use crate::domain::stories::publishable;
    use crate::domain::timeline::{Change, ChangeKind};
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::FollowCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let loaded = crate::api::agreements::terms::load(state.db.read(), &id).await?;
    let r = Resource::Agreement(loaded.policy_ref());
    if !can(&current.actor, Action::ViewAgreement, r) {
        return Err(AppError::NotFound.respond());
    }
    authorize(&current.actor, Action::ApproveStory, r)?;
    let back = format!("/cases/{id}/story");
    let bad = |key: K| refused(&back, "story_consent", None, key);
    let Some(party) = party.split_once(':').and_then(|(k, v)| Some(Party::of(PartyRole::from_key(k)?, v.to_string())))
    else {
        return Err(bad(K::ErrorUnknownOption));
    };
    if !crate::api::agreements::terms::acts_for(&current.actor, &party) || !loaded.parties().contains(&party) {
        return Err(bad(K::AgreementErrorNotAParty));
    }
    let user = current.actor.user_id.clone().unwrap_or_default();
    let now = crate::db::now_ms();
    let mut tx = state.db.write().begin().await?;
    crate::db::agreements::lock_case(&mut tx, &id).await?;
    let Some(story) = stories::of_case(&mut tx, &id).await? else { return Err(AppError::NotFound.respond()) };
    if withdraw == "1" {
        stories::withdraw(&mut tx, &story.id, &party, &user, now).await?;
    } else if sha256.trim() != story.sha256 {
        // the text changed since the page was read: read the new text, then approve it
        return Err(bad(K::StoryErrorOutdated));
    } else {
        stories::approve(&mut tx, &story.id, &party, &story.sha256, &user, now).await?;
    }
    let consents = stories::consents(&mut tx, &story.id).await?;
    let public = publishable(&loaded.parties(), &consents, &story.sha256);
    let author = crate::db::cases::Author { actor: Some(&user), reason: "", at: now };
    if public != story.published_at.is_some() {
        stories::set_published(&mut tx, &story.id, public.then_some(now)).await?;
        crate::db::cases::record(&mut tx, &id, author, Change::Story { published: public }).await?.ok();
    }
    let after = crate::db::cases::get(&mut tx, &id).await?.ok_or(AppError::Internal)?;
    tx.commit().await?;
    state.events.publish(after.changed(ChangeKind::Story)).await;
    leptos_axum::redirect(&back);
    Ok(())
}
