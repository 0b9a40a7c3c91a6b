//! Signing in and out, and the signed-in user's own sessions.

use crate::error::AppError;
use crate::model::SessionInfo;
use leptos::prelude::*;

/// Where to go after signing in: a local path, or the account page.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/\\") && !n.contains(['\r', '\n']) => {
            n.to_string()
        }
        _ => "/account".to_string(),
    }
}

/// Signs in with e-mail and password. The same message answers an unknown e-mail, a wrong
/// password and a disabled account, and an unknown e-mail costs the same time (dummy hash).
/// A new session replaces any the browser had (rotation).
#[server(name = SignIn, endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session, limits, password, session, set_cookie, user_agent};
    use crate::db::{audit, now_ms, sessions, users};
    use crate::domain::account::validate_email;
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, refuse_with, FormFlash};
    use crate::i18n::K;

    let current = current_session();
    authorize(&current.actor, Action::Authenticate, Resource::Platform)?;
    let flash = FormFlash::new("sign_in").value("email", &email);
    let ip = client_ip();
    let ip_key = format!("sign_in:ip:{ip}");
    limits::ensure_below(&ip_key, limits::SIGN_IN_FAILURES_PER_IP).await.map_err(|e| refuse_with(flash.clone(), e))?;
    let email = validate_email(&email).map_err(|k| refuse(flash.clone().error(k, Some("email"))))?;
    let account_key = format!("sign_in:account:{email}");
    limits::ensure_below(&account_key, limits::SIGN_IN_FAILURES_PER_ACCOUNT)
        .await
        .map_err(|e| refuse_with(flash.clone(), e))?;
    let state = crate::state::app_state()?;
    let found = users::find_by_email(state.db.read(), &email).await?;
    let (user, stored) = match found {
        Some((user, hash)) => (Some(user), hash),
        None => (None, None),
    };
    let verified = password::verify(password, stored).await;
    let Some(user) = user.filter(|u| verified && !u.disabled) else {
        let mut tx = state.db.write().begin().await?;
        let event = audit::AuditEvent { action: "sign_in.failed", subject: &email, ip: &ip, ..Default::default() };
        audit::record(&mut tx, &event).await?;
        tx.commit().await?;
        let limit = limits::SIGN_IN_FAILURES_PER_ACCOUNT;
        // counts the failure; the lock itself is checked before the next attempt
        let _locked = crate::db::rate_limits::hit(state.db.write(), &account_key, limit, now_ms()).await?;
        let ip_limit = limits::SIGN_IN_FAILURES_PER_IP;
        let _slowed = crate::db::rate_limits::hit(state.db.write(), &ip_key, ip_limit, now_ms()).await?;
        return Err(refuse(flash.error(K::ErrorSignInFailed, None)));
    };
    crate::db::rate_limits::clear(state.db.write(), &account_key).await?;
    let now = now_ms();
    // with two-factor on, the password opens a short challenge; the code step signs in
    if crate::db::mfa::totp_state(state.db.read(), &user.user_id).await?.1.is_some() {
        use crate::api::two_factor::{CHALLENGE_TTL_MS, MFA_COOKIE};
        let (challenge, hash) = session::new_token();
        let mut tx = state.db.write().begin().await?;
        let next = safe_next(next.as_deref());
        crate::db::mfa::create_challenge(&mut tx, &hash, &user.user_id, &next, now + CHALLENGE_TTL_MS).await?;
        tx.commit().await?;
        set_cookie(&format!("{MFA_COOKIE}={challenge}; Path=/; Max-Age=300; HttpOnly; SameSite=Lax"));
        leptos_axum::redirect("/sign-in/code");
        return Ok(());
    }
    let mut tx = state.db.write().begin().await?;
    if let Some(old) = &current.token_hash {
        sessions::delete_for_user(&mut tx, &user.user_id, old).await?;
    }
    let token = session::start(&mut tx, &user, &state.sessions, &ip, &user_agent(), now).await?;
    let event = audit::AuditEvent {
        actor_user_id: Some(&user.user_id),
        action: "sign_in",
        subject: &user.user_id,
        ip: &ip,
        ..Default::default()
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    let (_, absolute) = state.sessions.limits(user.staff_role);
    set_cookie(&state.sessions.set_cookie(&token, absolute));
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(())
}

/// Ends this browser's session.
#[server(name = SignOut, endpoint = "sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session, set_cookie};
    use crate::db::{audit, sessions};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    authorize(&current.actor, Action::Authenticate, Resource::Platform)?;
    let state = crate::state::app_state()?;
    if let (Some(user), Some(hash)) = (&current.user, &current.token_hash) {
        let ip = client_ip();
        let mut tx = state.db.write().begin().await?;
        sessions::delete_for_user(&mut tx, &user.user_id, hash).await?;
        let event = audit::AuditEvent {
            actor_user_id: Some(&user.user_id),
            action: "sign_out",
            subject: &user.user_id,
            ip: &ip,
            ..Default::default()
        };
        audit::record(&mut tx, &event).await?;
        tx.commit().await?;
    }
    set_cookie(&state.sessions.clear_cookie());
    leptos_axum::redirect("/");
    Ok(())
}

/// Ends every session of the signed-in user, this one included.
#[server(name = SignOutEverywhere, endpoint = "sign_out_everywhere")]
pub async fn sign_out_everywhere() -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session, set_cookie};
    use crate::db::{audit, sessions};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    let user_id = current.user.as_ref().map(|u| u.user_id.clone()).unwrap_or_default();
    authorize(&current.actor, Action::ManageOwnAccount, Resource::User(&user_id))?;
    let state = crate::state::app_state()?;
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    let ended = sessions::delete_all_for_user(&mut tx, &user_id).await?;
    let detail = ended.to_string();
    let event = audit::AuditEvent {
        actor_user_id: Some(&user_id),
        action: "sign_out.everywhere",
        subject: &user_id,
        ip: &ip,
        detail: &detail,
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    set_cookie(&state.sessions.clear_cookie());
    leptos_axum::redirect("/sign-in");
    Ok(())
}

/// Ends one of the signed-in user's sessions.
#[server(name = EndSession, endpoint = "end_session")]
pub async fn end_session(id: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, sessions};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    let user_id = current.user.as_ref().map(|u| u.user_id.clone()).unwrap_or_default();
    authorize(&current.actor, Action::ManageOwnAccount, Resource::User(&user_id))?;
    let state = crate::state::app_state()?;
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    if sessions::delete_for_user(&mut tx, &user_id, &id).await? == 0 {
        return Err(AppError::NotFound.respond());
    }
    let event = audit::AuditEvent {
        actor_user_id: Some(&user_id),
        action: "session.ended",
        subject: &user_id,
        ip: &ip,
        ..Default::default()
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    if current.token_hash.as_deref() == Some(id.as_str()) {
        crate::auth::set_cookie(&state.sessions.clear_cookie());
        leptos_axum::redirect("/sign-in");
    } else {
        leptos_axum::redirect("/account");
    }
    Ok(())
}

/// The signed-in user's sessions, most recently active first.
#[server(name = MySessions, endpoint = "my_sessions", input = leptos::server_fn::codec::GetUrl)]
pub async fn my_sessions() -> Result<Vec<SessionInfo>, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    let user_id = current.user.as_ref().map(|u| u.user_id.clone()).unwrap_or_default();
    authorize(&current.actor, Action::ManageOwnAccount, Resource::User(&user_id))?;
    let state = crate::state::app_state()?;
    let rows = crate::db::sessions::list_for_user(state.db.read(), &user_id).await?;
    Ok(rows
        .into_iter()
        .map(|(id, created_at, last_seen_at, ip, user_agent)| SessionInfo {
            current: current.token_hash.as_deref() == Some(id.as_str()),
            id,
            created_at,
            last_seen_at,
            ip,
            user_agent,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn after_sign_in_only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/survey/demand")), "/survey/demand");
        assert_eq!(safe_next(Some("//evil.example")), "/account");
        assert_eq!(safe_next(Some("https://evil.example")), "/account");
        assert_eq!(safe_next(None), "/account");
    }
}

/// Changes the signed-in person's name and language (the language of their e-mails and, from
/// now on, of the pages).
#[server(name = UpdateProfile, endpoint = "update_profile")]
pub async fn update_profile(name: String, locale: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session, set_cookie};
    use crate::db::{audit, users};
    use crate::domain::account::validate_name;
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::{Locale, K, LOCALE_COOKIE};
    let current = current_session();
    let user_id = current.user.as_ref().map(|u| u.user_id.clone()).unwrap_or_default();
    authorize(&current.actor, Action::ManageOwnAccount, Resource::User(&user_id))?;
    let flash = FormFlash::new("profile").value("name", &name);
    let name = validate_name(&name).map_err(|k| refuse(flash.clone().error(k, Some("name"))))?;
    let locale =
        Locale::from_code(&locale).ok_or_else(|| refuse(flash.error(K::ErrorUnknownOption, Some("locale"))))?;
    let state = crate::state::app_state()?;
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    users::set_profile(&mut tx, &user_id, &name, locale.code()).await?;
    let event = audit::AuditEvent {
        actor_user_id: Some(&user_id),
        action: "profile.updated",
        subject: &user_id,
        ip: &ip,
        ..Default::default()
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    set_cookie(&format!("{LOCALE_COOKIE}={}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly", locale.code()));
    leptos_axum::redirect("/account?saved=profile");
    Ok(())
}

/// Changes the password after checking the current one; every other session ends.
#[server(name = ChangePassword, endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session, password};
    use crate::db::{audit, now_ms, sessions, users};
    use crate::domain::account::validate_password;
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::K;
    let current = current_session();
    let user = current.user.clone().unwrap_or_default();
    authorize(&current.actor, Action::ManageOwnAccount, Resource::User(&user.user_id))?;
    let flash = FormFlash::new("password");
    let state = crate::state::app_state()?;
    let stored = users::find_by_email(state.db.read(), &user.email).await?.and_then(|(_, h)| h);
    if !password::verify(current_password, stored).await {
        return Err(refuse(flash.error(K::ErrorCurrentPassword, Some("current_password"))));
    }
    validate_password(&new_password, &user.email).map_err(|k| refuse(flash.error(k, Some("new_password"))))?;
    let hash = password::hash(new_password).await?;
    let ip = client_ip();
    let now = now_ms();
    let mut tx = state.db.write().begin().await?;
    users::set_password(&mut tx, &user.user_id, &hash, now).await?;
    sessions::delete_others_for_user(&mut tx, &user.user_id, current.token_hash.as_deref().unwrap_or("")).await?;
    let event = audit::AuditEvent {
        actor_user_id: Some(&user.user_id),
        action: "password.changed",
        subject: &user.user_id,
        ip: &ip,
        ..Default::default()
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    leptos_axum::redirect("/account?saved=password");
    Ok(())
}
