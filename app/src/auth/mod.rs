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

/// The client's address as the server saw it (the trusted-proxy setting comes with rate limits).
pub fn client_ip() -> String {
    use_context::<http::request::Parts>()
        .and_then(|p| {
            p.extensions.get::<axum::extract::ConnectInfo<std::net::SocketAddr>>().map(|c| c.0.ip().to_string())
        })
        .unwrap_or_default()
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

/// Appends a `Set-Cookie` header to the current response.
pub fn set_cookie(value: &str) {
    if let (Some(res), Ok(v)) = (use_context::<leptos_axum::ResponseOptions>(), http::HeaderValue::from_str(value)) {
        res.append_header(http::header::SET_COOKIE, v);
    }
}
