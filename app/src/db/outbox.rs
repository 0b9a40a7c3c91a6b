//! The e-mail outbox: mails are stored in the transaction that decides to send them, then
//! delivered by the mail worker, retried with backoff when SMTP fails.

use super::{new_id, now_ms, Db, Tx};

/// A stored mail.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxMail {
    pub id: String,
    pub to_addr: String,
    pub subject: String,
    pub body_text: String,
    pub status: String,
    pub attempts: i64,
    pub last_error: String,
}

/// Queues a mail in the caller's transaction; it is sent once the transaction commits.
pub async fn enqueue(tx: &mut Tx, to: &str, subject: &str, body: &str) -> Result<String, sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    crate::execute!(
        tx,
        "INSERT INTO outbox (id, to_addr, subject, body_text, next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $5)",
        &id,
        to,
        subject,
        body,
        now,
    ).map(|_| ())?;
    Ok(id)
}

/// Pending mails whose time has come, oldest first.
pub async fn due(db: &Db, now: i64, limit: i64) -> Result<Vec<OutboxMail>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT id, to_addr, subject, body_text, status, attempts, last_error FROM outbox \
             WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY created_at LIMIT $2",
        now,
        limit,
    )
}

/// How long a claimed mail is this worker's to send: another instance's worker takes it over
/// after that (this one died while sending).
pub const LEASE_MS: i64 = 10 * 60_000;

/// Claims a due mail for this worker before sending it, so that with several instances each
/// mail is sent once: true when this worker won it (its next attempt moved past the lease, so
/// no other worker sees it due), false when another worker claimed it first.
pub async fn claim(db: &Db, id: &str, now: i64) -> Result<bool, sqlx::Error> {
    crate::execute!(
        db,
        "UPDATE outbox SET next_attempt_at = $2 WHERE id = $1 AND status = 'pending' AND next_attempt_at <= $3",
        id,
        now + LEASE_MS,
        now,
    )
    .map(|changed| changed == 1)
}

/// Records a successful delivery.
pub async fn mark_sent(db: &Db, id: &str, now: i64) -> Result<(), sqlx::Error> {
    crate::execute!(
        db,
        "UPDATE outbox SET status = 'sent', sent_at = $2, attempts = attempts + 1 WHERE id = $1",
        id,
        now,
    )
    .map(|_| ())
}

/// Records a failed attempt: retried at `next_attempt_at`, or given up (`failed`) when `give_up`.
pub async fn mark_attempt_failed(
    db: &Db,
    id: &str,
    error: &str,
    next_attempt_at: i64,
    give_up: bool,
) -> Result<(), sqlx::Error> {
    let status = if give_up { "failed" } else { "pending" };
    let error: String = error.chars().take(500).collect();
    crate::execute!(
        db,
        "UPDATE outbox SET status = $2, attempts = attempts + 1, last_error = $3, next_attempt_at = $4 WHERE id = $1",
        id,
        status,
        &error,
        next_attempt_at,
    )
    .map(|_| ())
}

/// Every mail to an address, newest first (tests and the admin view).
pub async fn for_address(db: &Db, to: &str) -> Result<Vec<OutboxMail>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT id, to_addr, subject, body_text, status, attempts, last_error FROM outbox \
             WHERE to_addr = $1 ORDER BY created_at DESC",
        to,
    )
}

/// The most recent mails, newest first.
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<crate::model::MailRow>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT created_at, to_addr AS \"to\", subject, status, attempts, last_error FROM outbox ORDER BY created_at DESC LIMIT $1",
        limit,
    )
}

/// What the outbox holds that is not yet delivered (for the metrics).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, sqlx::FromRow)]
pub struct OutboxCounts {
    /// Never tried yet.
    pub waiting: i64,
    /// Failed at least once, to be tried again.
    pub retrying: i64,
    /// Given up on.
    pub failed: i64,
}

/// Counts the mails not yet delivered, by state.
pub async fn counts(db: &Db) -> Result<OutboxCounts, sqlx::Error> {
    crate::fetch!(
        fetch_one,
        db,
        "SELECT CAST(COALESCE(SUM(CASE WHEN status = 'pending' AND attempts = 0 THEN 1 ELSE 0 END), 0) AS BIGINT) AS waiting, \
                CAST(COALESCE(SUM(CASE WHEN status = 'pending' AND attempts > 0 THEN 1 ELSE 0 END), 0) AS BIGINT) AS retrying, \
                CAST(COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0) AS BIGINT) AS failed \
         FROM outbox WHERE status IN ('pending', 'failed')",
    )
}
