//! Posting to a thread, editing one's own message, and saying one is typing.

use crate::error::AppError;
use leptos::prelude::*;

/// Posts `body` (Markdown) to thread `id` from its form. `key` is the idempotency key: the same
/// post sent again (a resubmitted form) is the message already posted. The browser comes back
/// to the thread at the message.
#[server(name = PostMessage, endpoint = "post_message")]
pub async fn post_message(id: String, key: String, body: String) -> Result<(), AppError> {
    let seq = post(&id, &key, &body, true).await?;
    leptos_axum::redirect(&format!("/threads/{id}#m{seq}"));
    Ok(())
}

/// Sends a message from the browser's outbox (with JavaScript): as [`post_message`], answering
/// with the message's place in the thread instead of a redirect.
#[server(name = SendMessage, endpoint = "send_message")]
pub async fn send_message(id: String, key: String, body: String) -> Result<i64, AppError> {
    post(&id, &key, &body, false).await
}

/// Posts a message; the government writing in its thread tells its Case Manager. A refusal
/// goes back to the form when `from_form`.
#[cfg(feature = "ssr")]
async fn post(id: &str, key: &str, body: &str, from_form: bool) -> Result<i64, AppError> {
    use super::support::{changed, thread_for};
    use crate::api::introductions::support::refused;
    use crate::api::notify::{tell, Tell};
    use crate::domain::case::CaseStage;
    use crate::domain::notices::NoticeKind;
    use crate::domain::policy::Action;
    use crate::domain::threads::{check_body, check_key};
    use crate::i18n::K;
    use crate::model::ThreadChange;
    let (state, current, t) = thread_for(id, Action::PostMessage).await?;
    let back = format!("/threads/{id}#compose");
    let refuse = |field: Option<&str>, key: K| {
        if from_form {
            refused(&back, "thread_post", field, key)
        } else {
            AppError::Validation { field: field.unwrap_or_default().to_string(), key: key.name().to_string() }.respond()
        }
    };
    let body = check_body(body).map_err(|key| refuse(Some("message-body"), key))?;
    if t.case_stage == CaseStage::Closed {
        return Err(refuse(None, K::ThreadErrorClosed));
    }
    let user = current.actor.user_id.clone().unwrap_or_default();
    // a post without a usable key cannot be repeated: it gets one of its own
    let key = check_key(key).map(str::to_string).unwrap_or_else(crate::db::new_id);
    let now = crate::db::now_ms();
    let from_government = current.actor.member_of.contains(&t.case_organisation);
    let government = if from_government && t.introduction_id.is_none() {
        crate::api::introductions::support::government(&state, &t.case_id).await?.0
    } else {
        String::new()
    };
    let mut tx = state.db.write().begin().await?;
    let posted = crate::db::threads::post(&mut tx, id, &user, &key, &body, now).await?;
    if !posted.repeated && t.introduction_id.is_none() && from_government {
        if let Some(manager) = &t.case_manager_id {
            let told: Vec<_> = crate::db::notifications::person(&mut tx, manager).await?.into_iter().collect();
            let path = format!("/threads/{id}");
            let vars = [("government", government.as_str())];
            let what = Tell {
                kind: NoticeKind::GovernmentWrote,
                case_id: Some(&t.case_id),
                path: &path,
                subject: K::MailGovernmentWroteSubject,
                body: K::MailGovernmentWroteBody,
                vars: &vars,
                at: now,
            };
            tell(&mut tx, &state.mailer, &told, Some(&user), &what).await?;
        }
    }
    tx.commit().await?;
    if !posted.repeated {
        state.mailer.wake();
        state.events.publish(changed(&t, posted.message.seq, ThreadChange::Message)).await;
    }
    Ok(posted.message.seq)
}

/// Replaces the text of one's own message `id`, within the edit window; the thread shows it
/// as edited.
#[server(name = EditMessage, endpoint = "edit_message")]
pub async fn edit_message(id: String, body: String) -> Result<(), AppError> {
    use super::support::{changed, thread_for};
    use crate::api::introductions::support::refused;
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    use crate::domain::threads::{check_body, check_edit};
    use crate::model::ThreadChange;
    let current = current_session();
    authorize(&current.actor, Action::ViewInbox, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let Some(m) = crate::db::threads::message(state.db.read(), &id).await? else {
        return Err(AppError::NotFound.respond());
    };
    let (state, current, t) = thread_for(&m.thread_id, Action::PostMessage).await?;
    let back = format!("/threads/{}#m{}", t.id, m.seq);
    let user = current.actor.user_id.clone().unwrap_or_default();
    let now = crate::db::now_ms();
    if let Err(r) = check_edit(m.author_user_id.as_deref(), &user, m.at, now) {
        return Err(refused(&back, "thread_edit", None, r.key()));
    }
    let body = match check_body(&body) {
        Ok(b) => b,
        Err(key) => return Err(refused(&back, "thread_edit", Some(&format!("edit-{}", m.id)), key)),
    };
    let mut tx = state.db.write().begin().await?;
    crate::db::threads::edit(&mut tx, &m, &body, now).await?;
    tx.commit().await?;
    state.events.publish(changed(&t, t.last_seq, ThreadChange::Message)).await;
    leptos_axum::redirect(&back);
    Ok(())
}

/// Tells the thread's other open pages that the caller is typing (nothing is stored).
#[server(name = ThreadTyping, endpoint = "thread_typing")]
pub async fn thread_typing(id: String) -> Result<(), AppError> {
    use super::support::{changed, thread_for};
    use crate::domain::policy::Action;
    let (state, current, t) = thread_for(&id, Action::PostMessage).await?;
    let name = current.user.map(|u| u.name).unwrap_or_default();
    state.events.publish(changed(&t, t.last_seq, crate::model::ThreadChange::Typing(name))).await;
    Ok(())
}
