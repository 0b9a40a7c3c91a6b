//! The rate limits and lockout thresholds (documented in the README, ASVS 2.2.1 / 6.3):
//! counted in the database per client address and per account, answered with 429 and
//! `Retry-After`. The account limits apply to any address typed, so they reveal nothing about
//! which accounts exist.

use crate::db::rate_limits::{self, Limit};
use crate::error::AppError;

const MINUTE: i64 = 60_000;

/// Failed sign-ins from one client address before it must wait: 50 per 15 minutes (a shared
/// office address signs in often, so only failures count).
pub const SIGN_IN_FAILURES_PER_IP: Limit = Limit { max: 50, window_ms: 15 * MINUTE };
/// Failed sign-ins for one account before it is locked: 10 per 15 minutes (lock lifts when the
/// window ends; a successful sign-in resets the count).
pub const SIGN_IN_FAILURES_PER_ACCOUNT: Limit = Limit { max: 10, window_ms: 15 * MINUTE };
/// Password-reset requests: 5 per hour per account, 20 per hour per client address.
pub const RESET_PER_ACCOUNT: Limit = Limit { max: 5, window_ms: 60 * MINUTE };
/// See [`RESET_PER_ACCOUNT`].
pub const RESET_PER_IP: Limit = Limit { max: 20, window_ms: 60 * MINUTE };
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
