//! Session rows: token hash, owner, timestamps, and where the session was started from.

use super::users::SessionUser;
use super::{Db, Tx};

/// Stores a new session.
#[allow(clippy::too_many_arguments)]
pub async fn insert(
    tx: &mut Tx,
    token_hash: &str,
    user_id: &str,
    now: i64,
    expires_at: i64,
    ip: &str,
    user_agent: &str,
) -> Result<(), sqlx::Error> {
    let user_agent: String = user_agent.chars().take(300).collect();
    crate::execute!(
        tx,
        "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent) \
             VALUES ($1, $2, $3, $3, $4, $5, $6)",
        token_hash,
        user_id,
        now,
        expires_at,
        ip,
        &user_agent,
    )
    .map(|_| ())
}

type SessionRow = (String, String, String, String, Option<String>, Option<i64>, bool, i64, i64);

/// A session found by its token, with its user.
#[derive(Clone, Debug)]
pub struct Found {
    pub user: SessionUser,
    pub last_seen_at: i64,
    pub expires_at: i64,
}

/// The session's user and its clock, in one query.
pub async fn find(db: &Db, token_hash: &str) -> Result<Option<Found>, sqlx::Error> {
    let row: Option<SessionRow> = crate::fetch!(
        fetch_optional,
        db,
        "SELECT u.id, u.name, u.email, u.locale, u.staff_role, u.disabled_at, u.totp_enabled_at IS NOT NULL, \
             s.last_seen_at, s.expires_at \
             FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = $1",
        token_hash,
    )?;
    Ok(row.map(|(user_id, name, email, locale, role, disabled_at, two_factor, last_seen, expires_at)| {
        let user = SessionUser::from_columns(user_id, name, email, locale, role, disabled_at, two_factor);
        Found { user, last_seen_at: last_seen, expires_at }
    }))
}

/// Resets the idle clock.
pub async fn touch(db: &Db, token_hash: &str, now: i64) -> Result<(), sqlx::Error> {
    crate::execute!(db, "UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1", token_hash, now).map(|_| ())
}

/// Ends one session.
pub async fn delete(db: &Db, token_hash: &str) -> Result<(), sqlx::Error> {
    crate::execute!(db, "DELETE FROM sessions WHERE token_hash = $1", token_hash).map(|_| ())
}

/// Ends every session of a user ("sign out everywhere", account disabled); returns how many.
pub async fn delete_all_for_user(tx: &mut Tx, user_id: &str) -> Result<u64, sqlx::Error> {
    crate::execute!(tx, "DELETE FROM sessions WHERE user_id = $1", user_id)
}

/// Number of live session rows of a user (tests and the account page).
pub async fn count_for_user(db: &Db, user_id: &str) -> Result<i64, sqlx::Error> {
    crate::scalar!(fetch_one, db, "SELECT CAST(COUNT(*) AS BIGINT) FROM sessions WHERE user_id = $1", user_id)
}

/// One of a user's sessions (identified by its token's hash).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Listed {
    pub token_hash: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub ip: String,
    pub user_agent: String,
}

/// A user's sessions, most recently active first.
pub async fn list_for_user(db: &Db, user_id: &str) -> Result<Vec<Listed>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT token_hash, created_at, last_seen_at, ip, user_agent FROM sessions WHERE user_id = $1 \
             ORDER BY last_seen_at DESC",
        user_id,
    )
}

/// Ends one of a user's sessions; 0 when it is not theirs (or already gone).
pub async fn delete_for_user(tx: &mut Tx, user_id: &str, token_hash: &str) -> Result<u64, sqlx::Error> {
    crate::execute!(tx, "DELETE FROM sessions WHERE user_id = $1 AND token_hash = $2", user_id, token_hash)
}

/// Ends every session of a user but one (after a password change).
pub async fn delete_others_for_user(tx: &mut Tx, user_id: &str, keep_hash: &str) -> Result<u64, sqlx::Error> {
    crate::execute!(tx, "DELETE FROM sessions WHERE user_id = $1 AND token_hash <> $2", user_id, keep_hash)
}
