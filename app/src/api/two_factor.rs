//! Two-factor authentication: enrolment (secret, QR code, confirmation, recovery codes) and
//! the code step of signing in.

use crate::error::AppError;
use crate::model::TwoFactorView;
use leptos::prelude::*;

/// Name of the cookie holding the sign-in challenge between password and code.
pub const MFA_COOKIE: &str = "ogpnm_mfa";
/// How long the code step may take.
pub const CHALLENGE_TTL_MS: i64 = 5 * 60 * 1000;
/// Wrong codes allowed per challenge.
pub const CHALLENGE_ATTEMPTS: i64 = 5;

/// The signed-in person's two-factor state, with the QR code while enrolling.
#[server(name = TwoFactorStatus, endpoint = "two_factor_status", input = leptos::server_fn::codec::GetUrl)]
pub async fn two_factor_status() -> Result<TwoFactorView, AppError> {
    use crate::auth::{authorize, current_session, totp};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    let user = current.user.clone().unwrap_or_default();
    authorize(&current.actor, Action::ManageOwnAccount, Resource::User(&user.user_id))?;
    let state = crate::state::app_state()?;
    let crate::db::mfa::Totp { secret, enabled_at } =
        crate::db::mfa::totp_state(state.db.read(), &user.user_id).await?;
    let pending = match (secret, enabled_at) {
        (Some(secret), None) => {
            let svg = totp::qr_svg(&totp::otpauth_uri(&secret, &user.email));
            Some(crate::model::PendingSecret { secret, qr_svg: svg })
        }
        _ => None,
    };
    Ok(TwoFactorView { enabled: enabled_at.is_some(), pending })
}

/// Starts enrolment: a new secret awaiting confirmation.
#[server(name = BeginTwoFactor, endpoint = "begin_two_factor")]
pub async fn begin_two_factor() -> Result<(), AppError> {
    use crate::auth::{authorize, current_session, totp};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    let user = current.user.clone().unwrap_or_default();
    authorize(&current.actor, Action::ManageOwnAccount, Resource::User(&user.user_id))?;
    let state = crate::state::app_state()?;
    let mut tx = state.db.write().begin().await?;
    crate::db::mfa::set_pending_secret(&mut tx, &user.user_id, &totp::new_secret()).await?;
    tx.commit().await?;
    leptos_axum::redirect("/account/two-factor");
    Ok(())
}

/// Confirms enrolment with a code from the app; shows the recovery codes once.
#[server(name = ConfirmTwoFactor, endpoint = "confirm_two_factor")]
pub async fn confirm_two_factor(code: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session, session::hash_token, totp};
    use crate::db::{audit, mfa, now_ms};
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, FormFlash, FLASH_COOKIE};
    use crate::i18n::K;
    let current = current_session();
    let user = current.user.clone().unwrap_or_default();
    authorize(&current.actor, Action::ManageOwnAccount, Resource::User(&user.user_id))?;
    let state = crate::state::app_state()?;
    let mfa::Totp { secret, enabled_at: enabled } = mfa::totp_state(state.db.read(), &user.user_id).await?;
    let now = now_ms();
    let Some(secret) = secret.filter(|_| enabled.is_none()) else {
        return Err(AppError::Conflict.respond());
    };
    if !totp::verify(&secret, &code, now / 1000) {
        return Err(refuse(FormFlash::new("two_factor").error(K::ErrorCodeInvalid, Some("code"))));
    }
    let codes = totp::new_recovery_codes();
    let hashes: Vec<String> = codes.iter().map(|c| hash_token(&totp::normalise_recovery_code(c))).collect();
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    mfa::enable(&mut tx, &user.user_id, now, &hashes).await?;
    audit::note(&mut tx, Some(&user.user_id), "two_factor.enabled", &user.user_id, &ip).await?;
    tx.commit().await?;
    let mut flash = FormFlash::new("recovery_codes");
    for (i, c) in codes.iter().enumerate() {
        flash = flash.value(&format!("code{i}"), c);
    }
    crate::auth::set_app_cookie(FLASH_COOKIE, &flash.encode(), 60);
    leptos_axum::redirect("/account/two-factor");
    Ok(())
}

/// The code step of signing in: checks the challenge cookie, then the TOTP code or a
/// recovery code, and starts the session.
#[server(name = VerifySignInCode, endpoint = "verify_sign_in_code")]
pub async fn verify_sign_in_code(code: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session, limits, session, set_cookie, totp, user_agent};
    use crate::db::{audit, mfa, now_ms, users};
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, refuse_with, FormFlash};
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::Authenticate, Resource::Platform)?;
    let flash = FormFlash::new("sign_in_code");
    let state = crate::state::app_state()?;
    let token = use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers
                .get(http::header::COOKIE)
                .and_then(|v| v.to_str().ok())
                .and_then(|c| crate::i18n::cookie_value(c, MFA_COOKIE).map(str::to_string))
        })
        .unwrap_or_default();
    let hash = session::hash_token(&token);
    let now = now_ms();
    let mut tx = state.db.write().begin().await?;
    let Some(mfa::Challenge { user_id, next_path: next, attempts }) =
        mfa::attempt_challenge(&mut tx, &hash, now).await?
    else {
        tx.commit().await?;
        return Err(refuse(flash.error(K::ErrorChallengeExpired, None)));
    };
    if attempts > CHALLENGE_ATTEMPTS {
        mfa::delete_challenge(&mut tx, &hash).await?;
        tx.commit().await?;
        return Err(refuse(flash.error(K::ErrorChallengeExpired, None)));
    }
    tx.commit().await?;
    // wrong codes count per account across challenges, before the code is checked; only a
    // complete sign-in clears them
    let code_key = format!("two_factor:account:{user_id}");
    if let Err(e) = limits::count(&code_key, limits::TWO_FACTOR_FAILURES_PER_ACCOUNT).await {
        let mut tx = state.db.write().begin().await?;
        mfa::delete_challenge(&mut tx, &hash).await?;
        tx.commit().await?;
        return Err(refuse_with(flash, e));
    }
    let mut tx = state.db.write().begin().await?;
    let secret = mfa::totp_state(state.db.read(), &user_id).await?.secret;
    // a code is accepted once: its time step must be later than the last one used
    let by_totp = match secret.as_deref().and_then(|s| totp::matching_step(s, &code, now / 1000)) {
        Some(step) => mfa::claim_totp_step(&mut tx, &user_id, step).await?,
        None => false,
    };
    let by_recovery = !by_totp
        && mfa::use_recovery_code(&mut tx, &user_id, &session::hash_token(&totp::normalise_recovery_code(&code)), now)
            .await?;
    let ip = client_ip();
    if !(by_totp || by_recovery) {
        let event =
            audit::AuditEvent { action: "sign_in.code_failed", subject: &user_id, ip: &ip, ..Default::default() };
        audit::record(&mut tx, &event).await?;
        tx.commit().await?;
        return Err(refuse(flash.error(K::ErrorCodeInvalid, Some("code"))));
    }
    mfa::delete_challenge(&mut tx, &hash).await?;
    // rotation: the session this browser had (if any) ends with the new sign-in
    if let (Some(old_user), Some(old_hash)) = (&current.user, &current.token_hash) {
        crate::db::sessions::delete_for_user(&mut tx, &old_user.user_id, old_hash).await?;
    }
    let user = users::get(state.db.read(), &user_id).await?.ok_or(AppError::NotFound)?;
    let session_token = session::start(&mut tx, &user, &state.sessions, &ip, &user_agent(), now).await?;
    let detail = if by_recovery { "recovery code" } else { "totp" };
    let event =
        audit::AuditEvent { actor_user_id: Some(&user_id), action: "sign_in", subject: &user_id, ip: &ip, detail };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    limits::reset(&code_key).await?;
    let device = crate::api::sign_in::known_device(&state, &user_id).await?;
    limits::SignInKeys::new(&ip, &user.email, device.as_deref()).complete().await?;
    crate::api::sign_in::remember_device(&state, &user_id).await?;
    crate::api::survey::adopt_browser_drafts(&state, &user_id).await?;
    let (_, absolute) = state.sessions.limits(user.staff_role);
    set_cookie(&state.sessions.set_cookie(&session_token, absolute));
    crate::auth::set_app_cookie(MFA_COOKIE, "", 0);
    leptos_axum::redirect(&next);
    Ok(())
}
