//! Two-factor data: each user's TOTP secret (pending until confirmed), recovery codes (hashed,
//! single use) and sign-in challenges (the step between a correct password and the code).

use super::{Db, Tx};
use crate::tx_run;

/// A user's TOTP: the secret (pending until enabled) and when it was enabled.
#[derive(Clone, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct Totp {
    pub secret: Option<String>,
    pub enabled_at: Option<i64>,
}

/// A user's TOTP (nothing for an unknown user).
pub async fn totp_state(db: &Db, user_id: &str) -> Result<Totp, sqlx::Error> {
    let row: Option<Totp> = crate::fetch!(
        fetch_optional,
        db,
        "SELECT totp_secret AS secret, totp_enabled_at AS enabled_at FROM users WHERE id = $1",
        user_id,
    )?;
    Ok(row.unwrap_or_default())
}

/// Stores a new secret awaiting confirmation (never replaces an enabled one).
pub async fn set_pending_secret(tx: &mut Tx, user_id: &str, secret: &str) -> Result<(), sqlx::Error> {
    crate::execute!(tx, "UPDATE users SET totp_secret = $2 WHERE id = $1 AND totp_enabled_at IS NULL", user_id, secret,)
        .map(|_| ())
}

/// Turns two-factor on with the pending secret and replaces the recovery codes.
pub async fn enable(tx: &mut Tx, user_id: &str, now: i64, recovery_hashes: &[String]) -> Result<(), sqlx::Error> {
    tx_run!(tx, |conn| {
        sqlx::query("UPDATE users SET totp_enabled_at = $2 WHERE id = $1")
            .bind(user_id)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
        for hash in recovery_hashes {
            sqlx::query("INSERT INTO recovery_codes (user_id, code_hash) VALUES ($1, $2)")
                .bind(user_id)
                .bind(hash)
                .execute(&mut *conn)
                .await?;
        }
        Ok::<(), sqlx::Error>(())
    })
}

/// Uses a recovery code; whether it was valid and unused.
pub async fn use_recovery_code(tx: &mut Tx, user_id: &str, hash: &str, now: i64) -> Result<bool, sqlx::Error> {
    tx_run!(tx, |conn| {
        sqlx::query("UPDATE recovery_codes SET used_at = $3 WHERE user_id = $1 AND code_hash = $2 AND used_at IS NULL")
            .bind(user_id)
            .bind(hash)
            .bind(now)
            .execute(conn)
            .await
            .map(|r| r.rows_affected() == 1)
    })
}

/// Opens a sign-in challenge.
pub async fn create_challenge(
    tx: &mut Tx,
    hash: &str,
    user_id: &str,
    next: &str,
    expires_at: i64,
) -> Result<(), sqlx::Error> {
    crate::execute!(
        tx,
        "INSERT INTO mfa_challenges (token_hash, user_id, next_path, expires_at) VALUES ($1, $2, $3, $4)",
        hash,
        user_id,
        next,
        expires_at,
    )
    .map(|_| ())
}

/// A live sign-in challenge, with the attempts made on it so far.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Challenge {
    pub user_id: String,
    /// Where the person goes once signed in.
    pub next_path: String,
    pub attempts: i64,
}

/// Counts an attempt on a live challenge and returns it.
pub async fn attempt_challenge(tx: &mut Tx, hash: &str, now: i64) -> Result<Option<Challenge>, sqlx::Error> {
    crate::fetch!(
        fetch_optional,
        tx,
        "UPDATE mfa_challenges SET attempts = attempts + 1 WHERE token_hash = $1 AND expires_at > $2 \
             RETURNING user_id, next_path, attempts",
        hash,
        now,
    )
}

/// Closes a challenge.
pub async fn delete_challenge(tx: &mut Tx, hash: &str) -> Result<(), sqlx::Error> {
    crate::execute!(tx, "DELETE FROM mfa_challenges WHERE token_hash = $1", hash).map(|_| ())
}

/// Uses a TOTP time step: true when it is later than the last step this account used (each code
/// signs in once; a replay within its 30 seconds is refused).
pub async fn claim_totp_step(tx: &mut Tx, user_id: &str, step: i64) -> Result<bool, sqlx::Error> {
    tx_run!(tx, |conn| {
        sqlx::query("UPDATE users SET totp_last_step = $2 WHERE id = $1 AND totp_last_step < $2")
            .bind(user_id)
            .bind(step)
            .execute(conn)
            .await
            .map(|r| r.rows_affected() == 1)
    })
}
