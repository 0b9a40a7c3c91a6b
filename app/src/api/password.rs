//! Forgotten passwords: an e-mailed, single-use link valid for one hour. The answer to a reset
//! request is the same whether or not the address has an account.

use crate::error::AppError;
use leptos::prelude::*;

/// How long a reset link works.
pub const RESET_TTL_MS: i64 = 60 * 60 * 1000;

/// Sends a reset link to the address if it belongs to an enabled account.
#[server(name = RequestPasswordReset, endpoint = "request_password_reset")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session, limits};
    use crate::db::{audit, outbox, tokens, users};
    use crate::domain::account::validate_email;
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, refuse_with, FormFlash};
    use crate::i18n::{Locale, K};

    authorize(&current_session().actor, Action::Authenticate, Resource::Platform)?;
    let flash = FormFlash::new("forgot").value("email", &email);
    let ip = client_ip();
    limits::enforce(&format!("reset:ip:{ip}"), limits::RESET_PER_IP)
        .await
        .map_err(|e| refuse_with(flash.clone(), e))?;
    let email = validate_email(&email).map_err(|k| refuse(flash.clone().error(k, Some("email"))))?;
    limits::enforce(&format!("reset:account:{email}"), limits::RESET_PER_ACCOUNT)
        .await
        .map_err(|e| refuse_with(flash, e))?;
    let state = crate::state::app_state()?;
    if let Some(user) = users::find_by_email(state.db.read(), &email).await?.map(|f| f.user).filter(|u| !u.disabled) {
        let locale = Locale::from_code(&user.locale).unwrap_or_default();
        let mut tx = state.db.write().begin().await?;
        let grant = tokens::TokenGrant {
            email: user.email.clone(),
            user_id: Some(user.user_id.clone()),
            organisation_id: None,
            staff_role: None,
            created_by: None,
        };
        let token = tokens::create(&mut tx, tokens::TokenKind::ResetPassword, &grant, RESET_TTL_MS).await?;
        let link = state.mailer.link(&format!("/reset-password?token={token}"));
        let body = locale.tf(K::MailResetBody, &[("name", &user.name), ("link", &link)]);
        outbox::enqueue(&mut tx, &user.email, locale.t(K::MailResetSubject), &body).await?;
        let event = audit::AuditEvent {
            action: "password_reset.requested",
            subject: &user.user_id,
            ip: &ip,
            ..Default::default()
        };
        audit::record(&mut tx, &event).await?;
        tx.commit().await?;
        state.mailer.wake();
    }
    leptos_axum::redirect("/forgot-password?sent=1");
    Ok(())
}

/// Whether a reset link still works (to show the form or an explanation).
#[server(name = ResetLinkValid, endpoint = "reset_link_valid", input = leptos::server_fn::codec::GetUrl)]
pub async fn reset_link_valid(token: String) -> Result<bool, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::Authenticate, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let grant = crate::db::tokens::peek(
        state.db.read(),
        crate::db::tokens::TokenKind::ResetPassword,
        &token,
        crate::db::now_ms(),
    )
    .await?;
    Ok(grant.is_some())
}

/// Sets a new password through a reset link: uses the link, stores the new hash, confirms the
/// address (the link proved the mailbox) and ends every session of the account.
#[server(name = ResetPassword, endpoint = "reset_password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, now_ms, sessions, tokens, users};
    use crate::domain::account::validate_password;
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::K;

    authorize(&current_session().actor, Action::Authenticate, Resource::Platform)?;
    let flash = FormFlash::new("reset");
    let state = crate::state::app_state()?;
    let now = now_ms();
    let Some(grant) = tokens::peek(state.db.read(), tokens::TokenKind::ResetPassword, &token, now).await? else {
        return Err(refuse(flash.error(K::ErrorLinkInvalid, None)));
    };
    validate_password(&password, &grant.email).map_err(|k| refuse(flash.clone().error(k, Some("password"))))?;
    let hash = crate::auth::password::hash(password).await?;
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    let Some(grant) = tokens::consume(&mut tx, tokens::TokenKind::ResetPassword, &token, now).await? else {
        return Err(refuse(flash.error(K::ErrorLinkInvalid, None)));
    };
    let user_id = grant.user_id.unwrap_or_default();
    users::set_password(&mut tx, &user_id, &hash, now).await?;
    sessions::delete_all_for_user(&mut tx, &user_id).await?;
    let event =
        audit::AuditEvent { action: "password_reset.completed", subject: &user_id, ip: &ip, ..Default::default() };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    leptos_axum::redirect("/sign-in?reset=1");
    Ok(())
}
