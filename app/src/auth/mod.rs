//! Authentication on the server: password hashing, session cookies, and the current session of
//! a request (who is asking). The session is resolved once per request by the server's session
//! middleware and handed to pages and server functions through context; every server function
//! passes its actor to the policy first.

pub mod limits;
pub mod password;
pub mod session;
pub mod totp;

use crate::db::users::SessionUser;
use crate::domain::policy::{can, Action, Actor, Resource};
use crate::error::AppError;
use leptos::prelude::use_context;

/// The caller of the current request, resolved from the session cookie.
#[derive(Clone, Debug, Default)]
pub struct CurrentSession {
    /// Who is asking (anonymous when there is no valid session).
    pub actor: Actor,
    /// The signed-in user.
    pub user: Option<SessionUser>,
    /// Hash of the session token in use (to end or rotate it).
    pub token_hash: Option<String>,
}

/// The current request's session (anonymous outside a request).
pub fn current_session() -> CurrentSession {
    use_context::<CurrentSession>().unwrap_or_default()
}

/// Asks the policy; `Unauthenticated` for an anonymous caller (who might be allowed after
/// signing in), `Forbidden` otherwise.
pub fn authorize(actor: &Actor, action: Action, resource: Resource<'_>) -> Result<(), AppError> {
    if can(actor, action, resource) {
        Ok(())
    } else if actor.is_signed_in() {
        Err(AppError::Forbidden.respond())
    } else {
        Err(AppError::Unauthenticated.respond())
    }
}

/// The client's address: the connection's peer, or behind `OGPNM_TRUSTED_PROXIES` reverse
/// proxies the right-most `X-Forwarded-For` hop they did not add. Rate limits, lockout and the
/// audit log all use it.
pub fn client_ip() -> String {
    let Some(parts) = use_context::<http::request::Parts>() else { return String::new() };
    let peer = parts
        .extensions
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|c| c.0.ip().to_string())
        .unwrap_or_default();
    let trusted = use_context::<crate::state::AppState>().map_or(0, |s| s.trusted_proxies);
    let forwarded: Vec<&str> =
        parts.headers.get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
    crate::domain::net::client_address(&peer, &forwarded, trusted)
}

/// A cookie of the current request.
pub fn request_cookie(name: &str) -> Option<String> {
    use_context::<http::request::Parts>().and_then(|p| {
        p.headers
            .get_all(http::header::COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .find_map(|h| crate::i18n::cookie_value(h, name).map(str::to_string))
    })
}

/// The request's `User-Agent`, shortened for the session list.
pub fn user_agent() -> String {
    use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers.get(http::header::USER_AGENT).and_then(|v| v.to_str().ok()).map(|s| s.chars().take(300).collect())
        })
        .unwrap_or_default()
}

/// Whether the current request is a plain HTML form post (no WASM yet): the browser then
/// follows a redirect, and errors travel in the flash cookie.
pub fn is_plain_form_post() -> bool {
    use_context::<http::request::Parts>()
        .and_then(|p| {
            p.headers.get(http::header::ACCEPT).and_then(|v| v.to_str().ok()).map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}

/// The one shape of every cookie the app sets: site-wide, `HttpOnly`, `SameSite=Lax`, and
/// `Secure` when the site is served over HTTPS. A `max_age_secs` of 0 removes the cookie.
pub fn cookie(name: &str, value: &str, max_age_secs: i64, secure: bool) -> String {
    format!(
        "{name}={value}; Path=/; Max-Age={max_age_secs}; HttpOnly; SameSite=Lax{}",
        if secure { "; Secure" } else { "" }
    )
}

/// Sets one of the app's cookies on the current response (see [`cookie`]).
pub fn set_app_cookie(name: &str, value: &str, max_age_secs: i64) {
    let secure = use_context::<crate::state::AppState>().is_some_and(|s| s.sessions.tls);
    set_cookie(&cookie(name, value, max_age_secs, secure));
}

/// Appends a `Set-Cookie` header to the current response.
pub fn set_cookie(value: &str) {
    if let (Some(res), Ok(v)) = (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(value)) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}
