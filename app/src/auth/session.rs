//! Server-side sessions. The browser holds a random 256-bit token in an HttpOnly cookie; the
//! database holds only its SHA-256, so a leaked database cannot be replayed as cookies. Staff
//! sessions end after 30 minutes idle or 12 hours in all; participants' last longer. Both are
//! settings ([`SessionPolicy`]).

use crate::db::{sessions, users::SessionUser, Database, Tx};
use crate::domain::policy::StaffRole;
use crate::error::AppError;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// Cookie name over plain HTTP (development).
pub const COOKIE: &str = "ogpnm_session";
/// Cookie name over TLS: the `__Host-` prefix pins it to this host, path `/`, Secure.
pub const COOKIE_TLS: &str = "__Host-ogpnm_session";

/// How long sessions last.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionPolicy {
    /// Staff: idle limit, in milliseconds.
    pub staff_idle_ms: i64,
    /// Staff: absolute limit, in milliseconds.
    pub staff_absolute_ms: i64,
    /// Participants: idle limit, in milliseconds.
    pub participant_idle_ms: i64,
    /// Participants: absolute limit, in milliseconds.
    pub participant_absolute_ms: i64,
    /// Served over TLS: `Secure` cookies with the `__Host-` prefix.
    pub tls: bool,
}

const MINUTE: i64 = 60_000;
const HOUR: i64 = 60 * MINUTE;
const DAY: i64 = 24 * HOUR;

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            staff_idle_ms: 30 * MINUTE,
            staff_absolute_ms: 12 * HOUR,
            participant_idle_ms: 7 * DAY,
            participant_absolute_ms: 30 * DAY,
            tls: false,
        }
    }
}

impl SessionPolicy {
    /// (idle, absolute) limits for a user with `role`.
    pub fn limits(&self, role: Option<StaffRole>) -> (i64, i64) {
        match role {
            Some(_) => (self.staff_idle_ms, self.staff_absolute_ms),
            None => (self.participant_idle_ms, self.participant_absolute_ms),
        }
    }

    /// The cookie name in use.
    pub fn cookie_name(&self) -> &'static str {
        if self.tls {
            COOKIE_TLS
        } else {
            COOKIE
        }
    }

    /// `Set-Cookie` value carrying `token` for `max_age_ms`.
    pub fn set_cookie(&self, token: &str, max_age_ms: i64) -> String {
        super::cookie(self.cookie_name(), token, max_age_ms / 1000, self.tls)
    }

    /// `Set-Cookie` value that removes the session cookie.
    pub fn clear_cookie(&self) -> String {
        self.set_cookie("", 0)
    }
}

/// A new random token (URL-safe base64 of 32 bytes) and its stored hash.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = hash_token(&token);
    (token, hash)
}

/// The stored form of a token: hex SHA-256.
pub fn hash_token(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The session token from a request's `Cookie` header, if any.
pub fn token_from_headers(headers: &http::HeaderMap, tls: bool) -> Option<String> {
    let name = if tls { COOKIE_TLS } else { COOKIE };
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|h| crate::i18n::cookie_value(h, name))
        .filter(|t| !t.is_empty() && t.len() <= 64)
        .map(str::to_string)
}

/// Starts a session for `user` in the caller's transaction and returns the token for the
/// cookie. Rotation at sign-in is the caller's: it ends the session it had before.
pub async fn start(
    tx: &mut Tx,
    user: &SessionUser,
    policy: &SessionPolicy,
    ip: &str,
    user_agent: &str,
    now: i64,
) -> Result<String, sqlx::Error> {
    let (token, hash) = new_token();
    let (_, absolute) = policy.limits(user.staff_role);
    sessions::insert(tx, &hash, &user.user_id, now, now + absolute, ip, user_agent).await?;
    Ok(token)
}

/// The signed-in user for `token`, if the session exists, the account is enabled and neither
/// limit has passed. Expired sessions are deleted; live ones have their idle clock reset (at
/// most once a minute, to spare the database).
pub async fn resume(
    db: &Database,
    token: &str,
    policy: &SessionPolicy,
    now: i64,
) -> Result<Option<SessionUser>, AppError> {
    let hash = hash_token(token);
    let Some(sessions::Found { user, last_seen_at: last_seen, expires_at }) = sessions::find(db.read(), &hash).await?
    else {
        return Ok(None);
    };
    let (idle, _) = policy.limits(user.staff_role);
    if user.disabled || now >= expires_at || now - last_seen >= idle {
        sessions::delete(db.write(), &hash).await?;
        return Ok(None);
    }
    if now - last_seen >= MINUTE {
        sessions::touch(db.write(), &hash, now).await?;
    }
    Ok(Some(user))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let (a, ha) = new_token();
        let (b, hb) = new_token();
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(ha, hash_token(&a));
        assert_ne!(ha, hb);
        assert_eq!(ha.len(), 64);
        assert!(!ha.contains(&a));
    }

    #[test]
    fn staff_sessions_are_shorter_than_participants() {
        let p = SessionPolicy::default();
        assert_eq!(p.limits(Some(StaffRole::Admin)), (30 * MINUTE, 12 * HOUR));
        assert!(p.limits(None).0 > p.limits(Some(StaffRole::Steering)).0);
    }

    #[test]
    fn cookies_are_http_only_lax_and_host_prefixed_over_tls() {
        let plain = SessionPolicy::default().set_cookie("t", 60_000);
        assert_eq!(plain, "ogpnm_session=t; Path=/; Max-Age=60; HttpOnly; SameSite=Lax");
        let tls = SessionPolicy { tls: true, ..Default::default() }.set_cookie("t", 60_000);
        assert!(tls.starts_with("__Host-ogpnm_session=t;") && tls.ends_with("; Secure"), "{tls}");
        let mut headers = http::HeaderMap::new();
        headers.insert(http::header::COOKIE, http::HeaderValue::from_static("a=b; ogpnm_session=tok"));
        assert_eq!(token_from_headers(&headers, false).as_deref(), Some("tok"));
        assert_eq!(token_from_headers(&headers, true), None);
    }
}
