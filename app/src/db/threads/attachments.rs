//! Files attached to messages: their rows (the bytes are in the file store, under
//! `storage_key`).

use crate::db::{Db, Tx};

/// An attachment as stored.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Attachment {
    pub id: String,
    pub message_id: String,
    pub thread_id: String,
    pub name: String,
    pub kind: String,
    pub media_type: String,
    pub size: i64,
    pub storage_key: String,
}

/// A file stored for a message being posted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAttachment {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub media_type: String,
    pub size: i64,
    pub sha256: String,
    pub storage_key: String,
}

const COLUMNS: &str = "a.id, a.message_id, a.thread_id, a.name, a.kind, a.media_type, a.size, a.storage_key";

/// Records `files` (already in the store) as message `message_id`'s, in order.
pub async fn attach(
    tx: &mut Tx,
    thread_id: &str,
    message_id: &str,
    files: &[NewAttachment],
    at: i64,
) -> Result<(), sqlx::Error> {
    for (position, f) in files.iter().enumerate() {
        crate::execute!(
            tx,
            "INSERT INTO attachments (id, message_id, thread_id, position, name, kind, media_type, size, sha256, \
                 storage_key, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            &f.id,
            message_id,
            thread_id,
            position as i32,
            &f.name,
            &f.kind,
            &f.media_type,
            f.size,
            &f.sha256,
            &f.storage_key,
            at,
        )?;
    }
    Ok(())
}

/// The attachments of a thread's messages after `after_seq`, in message and file order.
pub async fn attachments_after(db: &Db, thread_id: &str, after_seq: i64) -> Result<Vec<Attachment>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM attachments a JOIN messages m ON m.id = a.message_id \
             WHERE a.thread_id = $1 AND m.seq > $2 ORDER BY m.seq, a.position"
    );
    crate::fetch!(fetch_all, db, &sql, thread_id, after_seq)
}

/// One attachment.
pub async fn attachment(db: &Db, id: &str) -> Result<Option<Attachment>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM attachments a WHERE a.id = $1");
    crate::fetch!(fetch_optional, db, &sql, id)
}

/// Which of `keys` some attachment names.
pub async fn named_keys(db: &Db, keys: &[String]) -> Result<Vec<String>, sqlx::Error> {
    let mut named = Vec::new();
    for chunk in keys.chunks(100) {
        let marks: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
        let sql = format!("SELECT storage_key FROM attachments WHERE storage_key IN ({})", marks.join(", "));
        let found: Vec<String> = crate::conn_run!(db.conn(), |c| {
            let mut q = sqlx::query_scalar(&sql);
            for k in chunk {
                q = q.bind(k);
            }
            q.fetch_all(c).await
        })?;
        named.extend(found);
    }
    Ok(named)
}
