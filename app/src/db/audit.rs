//! The append-only audit log: sign-ins, failures, role changes, invitations, account changes.
//! Rows are only ever inserted; nothing in the application updates or deletes them.

use super::{new_id, now_ms, Db, Tx};

/// One event to record.
#[derive(Clone, Debug, Default)]
pub struct AuditEvent<'a> {
    /// The user who acted, `None` for anonymous attempts and the command line.
    pub actor_user_id: Option<&'a str>,
    /// Stable action key, e.g. `user.created`, `sign_in.failed`.
    pub action: &'a str,
    /// What it was about (a user id, an e-mail, an organisation id).
    pub subject: &'a str,
    /// Client address as seen by the server.
    pub ip: &'a str,
    /// Short free text (never a secret).
    pub detail: &'a str,
}

/// Appends an event in the caller's transaction, so it commits with the change it records.
pub async fn record(tx: &mut Tx, event: &AuditEvent<'_>) -> Result<(), sqlx::Error> {
    let id = new_id();
    let at = now_ms();
    crate::execute!(
        tx,
        "INSERT INTO audit_log (id, at, actor_user_id, action, subject, ip, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &id,
        at,
        event.actor_user_id,
        event.action,
        event.subject,
        event.ip,
        event.detail,
    ).map(|_| ())
}

/// Records `action` on `subject` by `actor` from `ip`, with no detail (the common case).
pub async fn note(tx: &mut Tx, actor: Option<&str>, action: &str, subject: &str, ip: &str) -> Result<(), sqlx::Error> {
    record(tx, &AuditEvent { actor_user_id: actor, action, subject, ip, ..Default::default() }).await
}

/// The most recent events, newest first (the actor by name, or by id once the account is gone).
pub async fn recent(db: &Db, limit: i64) -> Result<Vec<crate::model::AuditRow>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT a.at, COALESCE(u.name, a.actor_user_id) AS actor, a.action, a.subject, a.ip, a.detail \
             FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id ORDER BY a.at DESC, a.id DESC LIMIT $1",
        limit,
    )
}
