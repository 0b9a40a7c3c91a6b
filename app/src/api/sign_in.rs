//! Signing in (password, then the code step of two-factor in `two_factor.rs`), the browsers an
//! account knows, and the e-mailed link that unlocks a browser while strangers' guesses have
//! locked the account for new browsers. The lockout policy is in `auth::limits` and the README.

use crate::error::AppError;
use leptos::prelude::*;

/// The cookie that marks a browser as known to the accounts that signed in with it.
pub const DEVICE_COOKIE: &str = "ogpnm_device";

/// Where to go after signing in: a local path, or the account page.
pub fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(n) if crate::domain::net::is_local_path(n) => n.to_string(),
        _ => "/account".to_string(),
    }
}

/// The hash of this browser's device cookie when it is known for `user_id`.
#[cfg(feature = "ssr")]
pub(crate) async fn known_device(state: &crate::state::AppState, user_id: &str) -> Result<Option<String>, AppError> {
    let Some(token) = crate::auth::request_cookie(DEVICE_COOKIE).filter(|t| !t.is_empty() && t.len() <= 100) else {
        return Ok(None);
    };
    let known = crate::db::devices::known_user(state.db.read(), &token).await?;
    Ok((known.as_deref() == Some(user_id)).then(|| crate::auth::session::hash_token(&token)))
}

/// Remembers this browser for `user_id` after a complete sign-in (unless it already is known).
#[cfg(feature = "ssr")]
pub(crate) async fn remember_device(state: &crate::state::AppState, user_id: &str) -> Result<(), AppError> {
    if known_device(state, user_id).await?.is_some() {
        return Ok(());
    }
    let mut tx = state.db.write().begin().await?;
    let token = crate::db::devices::remember(&mut tx, user_id).await?;
    tx.commit().await?;
    crate::auth::set_app_cookie(DEVICE_COOKIE, &token, crate::db::devices::DEVICE_TTL_MS / 1000);
    Ok(())
}

/// Signs in with e-mail and password. The same message answers an unknown e-mail, a wrong
/// password and a disabled account, and an unknown e-mail costs the same time (dummy hash).
/// The attempt is counted before the password is checked. A new session replaces any the
/// browser had (rotation).
#[server(name = SignIn, endpoint = "sign_in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::auth::limits::SignInKeys;
    use crate::auth::{authorize, client_ip, current_session, password, session, set_cookie, user_agent};
    use crate::db::{audit, now_ms, sessions, users};
    use crate::domain::account::validate_email;
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, refuse_with, FormFlash};
    use crate::i18n::K;

    let current = current_session();
    authorize(&current.actor, Action::Authenticate, Resource::Platform)?;
    let flash = FormFlash::new("sign_in").value("email", &email);
    let email = validate_email(&email).map_err(|k| refuse(flash.clone().error(k, Some("email"))))?;
    let state = crate::state::app_state()?;
    let ip = client_ip();
    let found = users::find_by_email(state.db.read(), &email).await?;
    let device = match &found {
        Some(found) => known_device(&state, &found.user.user_id).await?,
        None => None,
    };
    let keys = SignInKeys::new(&ip, &email, device.as_deref());
    let last_allowed = keys.count().await.map_err(|e| refuse_with(flash.clone(), e))?;
    let (user, stored) = match found {
        Some(found) => (Some(found.user), found.password_hash),
        None => (None, None),
    };
    let verified = password::verify(password, stored).await;
    let Some(user) = user.filter(|u| verified && !u.disabled) else {
        let mut tx = state.db.write().begin().await?;
        let event = audit::AuditEvent { action: "sign_in.failed", subject: &email, ip: &ip, ..Default::default() };
        audit::record(&mut tx, &event).await?;
        tx.commit().await?;
        if last_allowed {
            if let Some(owner) = users::find_by_email(state.db.read(), &email).await?.map(|f| f.user) {
                mail_unlock_link(&state, &owner).await?;
            }
        }
        return Err(refuse(flash.error(K::ErrorSignInFailed, None)));
    };
    keys.password_correct().await?;
    let now = now_ms();
    // with two-factor on, the password opens a short challenge; the code step signs in (and
    // only then resets the account's count)
    if crate::db::mfa::totp_state(state.db.read(), &user.user_id).await?.enabled_at.is_some() {
        use crate::api::two_factor::{CHALLENGE_TTL_MS, MFA_COOKIE};
        let (challenge, hash) = session::new_token();
        let mut tx = state.db.write().begin().await?;
        let next = safe_next(next.as_deref());
        crate::db::mfa::create_challenge(&mut tx, &hash, &user.user_id, &next, now + CHALLENGE_TTL_MS).await?;
        tx.commit().await?;
        crate::auth::set_app_cookie(MFA_COOKIE, &challenge, CHALLENGE_TTL_MS / 1000);
        leptos_axum::redirect("/sign-in/code");
        return Ok(());
    }
    keys.complete().await?;
    let mut tx = state.db.write().begin().await?;
    if let Some(old) = &current.token_hash {
        sessions::delete_for_user(&mut tx, &user.user_id, old).await?;
    }
    let token = session::start(&mut tx, &user, &state.sessions, &ip, &user_agent(), now).await?;
    audit::note(&mut tx, Some(&user.user_id), "sign_in", &user.user_id, &ip).await?;
    tx.commit().await?;
    remember_device(&state, &user.user_id).await?;
    crate::api::survey::adopt_browser_drafts(&state, &user.user_id).await?;
    let (_, absolute) = state.sessions.limits(user.staff_role);
    set_cookie(&state.sessions.set_cookie(&token, absolute));
    leptos_axum::redirect(&safe_next(next.as_deref()));
    Ok(())
}

/// Tells an account's owner that new browsers are locked out for a while, with a link that
/// unlocks the browser they open it in. Sent once per lockout window.
#[cfg(feature = "ssr")]
async fn mail_unlock_link(
    state: &crate::state::AppState,
    owner: &crate::db::users::SessionUser,
) -> Result<(), AppError> {
    use crate::i18n::{Locale, K};
    let locale = Locale::from_code(&owner.locale).unwrap_or_default();
    let mut tx = state.db.write().begin().await?;
    let token = crate::db::devices::create_unlock(&mut tx, &owner.user_id).await?;
    let link = state.mailer.link(&format!("/sign-in/unlock?token={token}"));
    let vars = [("email", owner.email.as_str()), ("link", link.as_str())];
    crate::db::outbox::enqueue(
        &mut tx,
        &owner.email,
        locale.t(K::MailUnlockSubject),
        &locale.tf(K::MailUnlockBody, &vars),
    )
    .await?;
    tx.commit().await?;
    state.mailer.wake();
    Ok(())
}

/// Follows an unlock link (a form on `/sign-in/unlock`, so following a link changes nothing by
/// itself): this browser becomes known to the account and may sign in at once.
#[server(name = UnlockBrowser, endpoint = "unlock_browser")]
pub async fn unlock_browser(token: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, devices};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::Authenticate, Resource::Platform)?;
    let state = crate::state::app_state()?;
    if token.is_empty() || token.len() > 100 {
        leptos_axum::redirect("/sign-in/unlock?expired=1");
        return Ok(());
    }
    let mut tx = state.db.write().begin().await?;
    let Some(devices::Unlocked { user_id, device }) = devices::confirm_unlock(&mut tx, &token).await? else {
        drop(tx);
        leptos_axum::redirect("/sign-in/unlock?expired=1");
        return Ok(());
    };
    let ip = client_ip();
    audit::note(&mut tx, Some(&user_id), "sign_in.unlocked", &user_id, &ip).await?;
    tx.commit().await?;
    crate::auth::set_app_cookie(DEVICE_COOKIE, &device, devices::DEVICE_TTL_MS / 1000);
    leptos_axum::redirect("/sign-in?unlocked=1");
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
        audit::note(&mut tx, Some(&user.user_id), "sign_out", &user.user_id, &ip).await?;
        tx.commit().await?;
    }
    set_cookie(&state.sessions.clear_cookie());
    leptos_axum::redirect("/");
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn after_sign_in_only_local_paths_are_followed() {
        assert_eq!(safe_next(Some("/survey/demand")), "/survey/demand");
        assert_eq!(safe_next(Some("//evil.example")), "/account");
        assert_eq!(safe_next(Some("https://evil.example")), "/account");
        assert_eq!(safe_next(Some("/\t/evil.example")), "/account");
        assert_eq!(safe_next(None), "/account");
    }
}
