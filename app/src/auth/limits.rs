//! The rate limits and lockout thresholds (documented in the README, ASVS 2.2.1 / 6.3):
//! counted in the database per client address, per account and per known browser, answered
//! with 429 and `Retry-After`. The account limits apply to any address typed, so they reveal
//! nothing about which accounts exist.
//!
//! Every attempt is counted *before* its password or code is checked, in one statement, so
//! parallel guesses cannot all pass a limit that is checked first and counted after.

use crate::db::rate_limits::{self, Limit};
use crate::error::AppError;

const MINUTE: i64 = 60_000;

/// Failed sign-ins from one client address before it must wait: 50 per 15 minutes (a shared
/// office address signs in often, so only failures count).
pub const SIGN_IN_FAILURES_PER_IP: Limit = Limit { max: 50, window_ms: 15 * MINUTE };
/// Failed sign-ins for one account from browsers it has not signed in from before: 10 per 15
/// minutes, then new browsers wait until the window ends (the owner's known browsers, and a
/// browser unlocked by the e-mailed link, are not locked out; a complete sign-in resets the
/// count).
pub const SIGN_IN_FAILURES_PER_ACCOUNT: Limit = Limit { max: 10, window_ms: 15 * MINUTE };
/// Failed sign-ins from one known browser of an account: 10 per 15 minutes.
pub const SIGN_IN_FAILURES_PER_DEVICE: Limit = Limit { max: 10, window_ms: 15 * MINUTE };
/// Wrong two-factor codes for one account, across sign-in attempts: 10 per hour (cleared only
/// by a complete sign-in).
pub const TWO_FACTOR_FAILURES_PER_ACCOUNT: Limit = Limit { max: 10, window_ms: 60 * MINUTE };
/// Wrong current passwords when changing the password: 5 per 15 minutes per account.
pub const PASSWORD_CHANGE_FAILURES: Limit = Limit { max: 5, window_ms: 15 * MINUTE };
/// Mail that anyone can make the app send (resume links, the answer to an anonymous
/// submission): 20 per hour per client address and 5 per hour per recipient.
pub const MAIL_PER_SENDER: Limit = Limit { max: 20, window_ms: 60 * MINUTE };
/// See [`MAIL_PER_SENDER`].
pub const MAIL_PER_RECIPIENT: Limit = Limit { max: 5, window_ms: 60 * MINUTE };
/// Password-reset requests: 5 per hour per account, 20 per hour per client address.
pub const RESET_PER_ACCOUNT: Limit = Limit { max: 5, window_ms: 60 * MINUTE };
/// See [`RESET_PER_ACCOUNT`].
pub const RESET_PER_IP: Limit = Limit { max: 20, window_ms: 60 * MINUTE };
/// Messages through the contact form (and the visitor's replies) from one client address: 5
/// per hour; the rest of the world is not affected by one address's flood.
pub const CONTACT_PER_IP: Limit = Limit { max: 5, window_ms: 60 * MINUTE };
/// News subscriptions asked from one client address: 10 per hour.
pub const NEWS_PER_IP: Limit = Limit { max: 10, window_ms: 60 * MINUTE };
/// Invitations sent by one person: 50 per day.
pub const INVITATIONS_PER_USER: Limit = Limit { max: 50, window_ms: 24 * 60 * MINUTE };

/// Counts a hit and refuses with `RateLimited` (status 429, `Retry-After`) over the limit.
pub async fn enforce(key: &str, limit: Limit) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    match rate_limits::hit(state.db.write(), key, limit, crate::db::now_ms()).await? {
        Ok(()) => Ok(()),
        Err(retry_after_secs) => Err(limited(retry_after_secs)),
    }
}

/// Refuses when `key` is already over its limit, without counting.
pub async fn ensure_below(key: &str, limit: Limit) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    match rate_limits::check(state.db.read(), key, limit, crate::db::now_ms()).await? {
        Ok(()) => Ok(()),
        Err(retry_after_secs) => Err(limited(retry_after_secs)),
    }
}

fn limited(retry_after_secs: u64) -> AppError {
    tracing::warn!(retry_after_secs, "rate limit reached");
    if let (Some(res), Ok(v)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        http::HeaderValue::from_str(&retry_after_secs.to_string()),
    ) {
        res.insert_header(http::header::RETRY_AFTER, v);
    }
    AppError::RateLimited { retry_after_secs }
}

/// Counts a hit on `key` before the work it guards (see the module header); `Ok(hits)` with the
/// window's count, or `RateLimited` over the limit.
pub async fn count(key: &str, limit: Limit) -> Result<i64, AppError> {
    let state = crate::state::app_state()?;
    let counted = rate_limits::count(state.db.write(), key, limit, crate::db::now_ms()).await?;
    counted.verdict.map(|()| counted.hits).map_err(limited)
}

/// Takes back a hit counted by [`count`] once the attempt proved legitimate.
pub async fn give_back(key: &str) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    Ok(rate_limits::release(state.db.write(), key).await?)
}

/// Forgets a key's count (after a complete sign-in).
pub async fn reset(key: &str) -> Result<(), AppError> {
    let state = crate::state::app_state()?;
    Ok(rate_limits::clear(state.db.write(), key).await?)
}

/// Whether anyone may make the app mail `recipient` now: counts one mail for the caller's
/// address and one for the recipient, and refuses over either limit.
pub async fn allow_mail(recipient: &str) -> Result<(), AppError> {
    count(&format!("mail:ip:{}", super::client_ip()), MAIL_PER_SENDER).await?;
    count(&format!("mail:to:{}", recipient.to_lowercase()), MAIL_PER_RECIPIENT).await?;
    Ok(())
}

/// The keys a sign-in attempt is counted under: the client's address always, and either the
/// account (from a browser the account does not know) or the known browser.
#[derive(Clone, Debug)]
pub struct SignInKeys {
    ip: String,
    lock: String,
    /// The attempt comes from a browser the account knows.
    pub known_device: bool,
}

impl SignInKeys {
    /// The keys for an attempt on `email` from `ip`, with the hash of the device cookie when the
    /// browser is known for that account.
    pub fn new(ip: &str, email: &str, known_device: Option<&str>) -> Self {
        Self {
            ip: format!("sign_in:ip:{ip}"),
            lock: match known_device {
                Some(hash) => format!("sign_in:device:{hash}"),
                None => format!("sign_in:account:{email}"),
            },
            known_device: known_device.is_some(),
        }
    }

    /// Counts the attempt before the password is checked. `Ok(true)` when this attempt is the
    /// last one allowed from unknown browsers (the moment to tell the owner).
    pub async fn count(&self) -> Result<bool, AppError> {
        count(&self.ip, SIGN_IN_FAILURES_PER_IP).await?;
        let limit = if self.known_device { SIGN_IN_FAILURES_PER_DEVICE } else { SIGN_IN_FAILURES_PER_ACCOUNT };
        let hits = count(&self.lock, limit).await?;
        Ok(!self.known_device && hits == limit.max)
    }

    /// The password was right: the attempt is given back (only failures count). Earlier
    /// failures stay counted until every factor passed ([`Self::complete`]).
    pub async fn password_correct(&self) -> Result<(), AppError> {
        give_back(&self.ip).await?;
        give_back(&self.lock).await
    }

    /// The sign-in is complete (every factor passed): the account's or browser's count resets.
    pub async fn complete(&self) -> Result<(), AppError> {
        reset(&self.lock).await
    }
}
