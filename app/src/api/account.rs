//! The signed-in person's own account: sessions, name and language, password.

use crate::error::AppError;
use crate::model::SessionInfo;
use leptos::prelude::*;

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
    audit::note(&mut tx, Some(&user_id), "session.ended", &user_id, &ip).await?;
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
        .map(|s| SessionInfo {
            current: current.token_hash.as_deref() == Some(s.token_hash.as_str()),
            id: s.token_hash,
            created_at: s.created_at,
            last_seen_at: s.last_seen_at,
            ip: s.ip,
            user_agent: s.user_agent,
        })
        .collect())
}

/// Changes the signed-in person's name and language (the language of their e-mails and, from
/// now on, of the pages).
#[server(name = UpdateProfile, endpoint = "update_profile")]
pub async fn update_profile(name: String, locale: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
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
    audit::note(&mut tx, Some(&user_id), "profile.updated", &user_id, &ip).await?;
    tx.commit().await?;
    crate::auth::set_app_cookie(LOCALE_COOKIE, locale.code(), 31_536_000);
    leptos_axum::redirect("/account?saved=profile");
    Ok(())
}

/// Changes the password after checking the current one; every other session ends.
#[server(name = ChangePassword, endpoint = "change_password")]
pub async fn change_password(current_password: String, new_password: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session, limits, password};
    use crate::db::{audit, now_ms, sessions, users};
    use crate::domain::account::validate_password;
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, refuse_with, FormFlash};
    use crate::i18n::K;
    let current = current_session();
    let user = current.user.clone().unwrap_or_default();
    authorize(&current.actor, Action::ManageOwnAccount, Resource::User(&user.user_id))?;
    let flash = FormFlash::new("password");
    let state = crate::state::app_state()?;
    // counted before the check, like every guess (a stolen session cannot try passwords freely)
    let tries = format!("password_change:user:{}", user.user_id);
    limits::count(&tries, limits::PASSWORD_CHANGE_FAILURES).await.map_err(|e| refuse_with(flash.clone(), e))?;
    let stored = users::find_by_email(state.db.read(), &user.email).await?.and_then(|f| f.password_hash);
    if !password::verify(current_password, stored).await {
        return Err(refuse(flash.error(K::ErrorCurrentPassword, Some("current_password"))));
    }
    limits::reset(&tries).await?;
    validate_password(&new_password, &user.email).map_err(|k| refuse(flash.error(k, Some("new_password"))))?;
    let hash = password::hash(new_password).await?;
    let ip = client_ip();
    let now = now_ms();
    let mut tx = state.db.write().begin().await?;
    users::set_password(&mut tx, &user.user_id, &hash, now).await?;
    sessions::delete_others_for_user(&mut tx, &user.user_id, current.token_hash.as_deref().unwrap_or("")).await?;
    audit::note(&mut tx, Some(&user.user_id), "password.changed", &user.user_id, &ip).await?;
    tx.commit().await?;
    leptos_axum::redirect("/account?saved=password");
    Ok(())
}
