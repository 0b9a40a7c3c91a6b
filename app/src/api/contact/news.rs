//! News by e-mail with a double opt-in: asking mails a link; the address is subscribed only
//! once that link's page is confirmed (a button, so a mail scanner following links subscribes
//! no one); the same link's unsubscribe page ends it. Whether an address was already subscribed
//! is never said.

use crate::error::AppError;
use leptos::prelude::*;

/// Asks for the news at `email`: a confirmation link is mailed (rate-limited per address and
/// per recipient); the answer is the same whether or not the address was subscribed.
#[server(name = SubscribeNews, endpoint = "subscribe_news")]
pub async fn subscribe_news(email: String, website: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session, limits};
    use crate::domain::account::validate_email;
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, refuse_with, FormFlash};
    use crate::i18n::K;
    authorize(&current_session().actor, Action::SubscribeNews, Resource::Platform)?;
    let flash = FormFlash::new("news").value("email", &email);
    limits::enforce(&format!("news:ip:{}", client_ip()), limits::NEWS_PER_IP)
        .await
        .map_err(|e| refuse_with(flash.clone(), e))?;
    let email = validate_email(&email).map_err(|k| refuse(flash.clone().error(k, Some("email"))))?;
    if !website.trim().is_empty() {
        leptos_axum::redirect("/news?sent=1");
        return Ok(());
    }
    limits::allow_mail(&email).await.map_err(|e| refuse_with(flash, e))?;
    let state = crate::state::app_state()?;
    let locale = crate::i18n::use_locale();
    let (token, hash) = crate::auth::session::new_token();
    let mut tx = state.db.write().begin().await?;
    if crate::db::enquiries::request_news(&mut tx, &email, locale.code(), &hash, crate::db::now_ms()).await? {
        let confirm = state.mailer.link(&format!("/news/confirm?t={token}"));
        let leave = state.mailer.link(&format!("/news/unsubscribe?t={token}"));
        let body = locale.tf(K::MailNewsConfirmBody, &[("link", &confirm), ("unsubscribe", &leave)]);
        crate::db::outbox::enqueue(&mut tx, &email, locale.t(K::MailNewsConfirmSubject), &body).await?;
    }
    tx.commit().await?;
    state.mailer.wake();
    leptos_axum::redirect("/news?sent=1");
    Ok(())
}

/// Confirms a subscription from its link (7 days to follow it); an unknown or expired link is
/// refused with a message saying how to ask again.
#[server(name = ConfirmNews, endpoint = "confirm_news")]
pub async fn confirm_news(t: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::contact::NEWS_CONFIRM_TTL_MS;
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::K;
    authorize(&current_session().actor, Action::SubscribeNews, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let now = crate::db::now_ms();
    let hash = crate::auth::session::hash_token(t.trim());
    let mut tx = state.db.write().begin().await?;
    if crate::db::enquiries::confirm_news(&mut tx, &hash, now - NEWS_CONFIRM_TTL_MS, now).await?.is_none() {
        leptos_axum::redirect("/news");
        return Err(refuse(FormFlash::new("news").error(K::ErrorLinkInvalid, None)));
    }
    tx.commit().await?;
    leptos_axum::redirect("/news?confirmed=1");
    Ok(())
}

/// Ends a subscription from its link.
#[server(name = LeaveNews, endpoint = "leave_news")]
pub async fn leave_news(t: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::K;
    authorize(&current_session().actor, Action::SubscribeNews, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let hash = crate::auth::session::hash_token(t.trim());
    let mut tx = state.db.write().begin().await?;
    if !crate::db::enquiries::unsubscribe_news(&mut tx, &hash, crate::db::now_ms()).await? {
        leptos_axum::redirect("/news");
        return Err(refuse(FormFlash::new("news").error(K::ErrorLinkInvalid, None)));
    }
    tx.commit().await?;
    leptos_axum::redirect("/news?left=1");
    Ok(())
}
