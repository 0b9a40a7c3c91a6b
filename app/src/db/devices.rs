//! Known browsers of an account (a device cookie, stored as its SHA-256): set after a complete
//! sign-in, or by following an e-mailed unlock link. Wrong passwords typed in a known browser
//! count against that browser, not against the account, so strangers guessing an account's
//! password cannot lock its owner out.

use super::{now_ms, Db, Tx};
use crate::auth::session::{hash_token, new_token};

/// How long a browser stays known after it was last confirmed: a year.
pub const DEVICE_TTL_MS: i64 = 365 * 24 * 60 * 60 * 1000;
/// How long an e-mailed unlock link works: an hour.
pub const UNLOCK_TTL_MS: i64 = 60 * 60 * 1000;

async fn insert(tx: &mut Tx, user_id: &str, confirmed: bool, ttl_ms: i64) -> Result<String, sqlx::Error> {
    let (token, hash) = new_token();
    let now = now_ms();
    crate::execute!(
        tx,
        "INSERT INTO known_devices (token_hash, user_id, confirmed, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5)",
        &hash,
        user_id,
        confirmed,
        now,
        now + ttl_ms,
    )
    .map(|_| ())?;
    Ok(token)
}

/// Remembers this browser for the account; returns the device cookie's value.
pub async fn remember(tx: &mut Tx, user_id: &str) -> Result<String, sqlx::Error> {
    insert(tx, user_id, true, DEVICE_TTL_MS).await
}

/// An unlock link's token for the account (unconfirmed until followed).
pub async fn create_unlock(tx: &mut Tx, user_id: &str) -> Result<String, sqlx::Error> {
    insert(tx, user_id, false, UNLOCK_TTL_MS).await
}

/// A browser made known by an unlock link.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unlocked {
    pub user_id: String,
    /// The new device cookie's value.
    pub device: String,
}

/// Follows an unlock link: the link's token is used up and the browser becomes known. `None`
/// for an unknown or expired link.
pub async fn confirm_unlock(tx: &mut Tx, token: &str) -> Result<Option<Unlocked>, sqlx::Error> {
    let hash = hash_token(token);
    let user: Option<String> = crate::scalar!(
        fetch_optional,
        tx,
        "DELETE FROM known_devices WHERE token_hash = $1 AND NOT confirmed AND expires_at > $2 RETURNING user_id",
        &hash,
        now_ms(),
    )?;
    let Some(user) = user else { return Ok(None) };
    let device = remember(tx, &user).await?;
    Ok(Some(Unlocked { user_id: user, device }))
}

/// The account a device cookie is known for, if it is live.
pub async fn known_user(db: &Db, token: &str) -> Result<Option<String>, sqlx::Error> {
    let hash = hash_token(token);
    crate::scalar!(
        fetch_optional,
        db,
        "SELECT user_id FROM known_devices WHERE token_hash = $1 AND confirmed AND expires_at > $2",
        &hash,
        now_ms(),
    )
}
