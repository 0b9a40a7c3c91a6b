//! Messages in a thread, in order (`seq`), and how far each person has read.

use crate::db::{new_id, Db, Tx};

/// A message as stored, with its author's name.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Message {
    pub id: String,
    pub thread_id: String,
    pub seq: i64,
    pub author_user_id: Option<String>,
    pub author_name: Option<String>,
    pub body: String,
    pub at: i64,
    pub edited_at: Option<i64>,
}

/// A post, answered: the message, and whether it was already posted with the same key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Posted {
    pub message: Message,
    pub repeated: bool,
}

const COLUMNS: &str = "m.id, m.thread_id, m.seq, m.author_user_id, u.name AS author_name, m.body, m.at, m.edited_at";

async fn by_key(tx: &mut Tx, thread_id: &str, author: &str, key: &str) -> Result<Option<Message>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM messages m LEFT JOIN users u ON u.id = m.author_user_id \
             WHERE m.thread_id = $1 AND m.author_user_id = $2 AND m.idempotency_key = $3"
    );
    crate::fetch!(fetch_optional, tx, &sql, thread_id, author, key)
}

/// Posts a message as the thread's next; a post repeated with the same `key` by the same author
/// is the message already posted (nothing is added).
pub async fn post(
    tx: &mut Tx,
    thread_id: &str,
    author: &str,
    key: &str,
    body: &str,
    at: i64,
) -> Result<Posted, sqlx::Error> {
    // the thread's row first: two posts of one key (two tabs sending one outbox) queue here, and
    // the second finds the first's message
    crate::execute!(tx, "UPDATE threads SET last_seq = last_seq WHERE id = $1", thread_id)?;
    if let Some(message) = by_key(tx, thread_id, author, key).await? {
        return Ok(Posted { message, repeated: true });
    }
    let seq: i64 = crate::scalar!(
        fetch_one,
        tx,
        "UPDATE threads SET last_seq = last_seq + 1, last_message_at = $2 WHERE id = $1 RETURNING last_seq",
        thread_id,
        at,
    )?;
    let id = new_id();
    crate::execute!(
        tx,
        "INSERT INTO messages (id, thread_id, seq, author_user_id, body, idempotency_key, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &id,
        thread_id,
        seq,
        author,
        body,
        key,
        at,
    )?;
    index_words(tx, thread_id, &id, body).await?;
    mark_read(tx, thread_id, author, seq, at).await?;
    let message = by_key(tx, thread_id, author, key).await?.ok_or(sqlx::Error::RowNotFound)?;
    Ok(Posted { message, repeated: false })
}

/// One message.
pub async fn message(db: &Db, id: &str) -> Result<Option<Message>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM messages m LEFT JOIN users u ON u.id = m.author_user_id WHERE m.id = $1");
    crate::fetch!(fetch_optional, db, &sql, id)
}

/// Replaces a message's text (its author, within the window: checked by the caller), and the
/// words it is found by.
pub async fn edit(tx: &mut Tx, message: &Message, body: &str, at: i64) -> Result<(), sqlx::Error> {
    crate::execute!(tx, "UPDATE messages SET body = $2, edited_at = $3 WHERE id = $1", &message.id, body, at)?;
    crate::execute!(tx, "DELETE FROM message_words WHERE message_id = $1", &message.id)?;
    index_words(tx, &message.thread_id, &message.id, body).await
}

/// Keeps the words of a message for the inbox's search (many rows per statement).
async fn index_words(tx: &mut Tx, thread_id: &str, message_id: &str, body: &str) -> Result<(), sqlx::Error> {
    let words = crate::domain::threads::words(body);
    for chunk in words.chunks(100) {
        let rows: Vec<String> = (0..chunk.len()).map(|i| format!("($1, ${}, $2)", i + 3)).collect();
        let sql = format!("INSERT INTO message_words (thread_id, word, message_id) VALUES {}", rows.join(", "));
        crate::conn_run!(tx.conn(), |c| {
            let mut q = sqlx::query(&sql).bind(thread_id).bind(message_id);
            for w in chunk {
                q = q.bind(w);
            }
            q.execute(c).await.map(|r| r.rows_affected())
        })?;
    }
    Ok(())
}

/// The messages after `after_seq`, in order (at most `limit`).
pub async fn after(db: &Db, thread_id: &str, after_seq: i64, limit: i64) -> Result<Vec<Message>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM messages m LEFT JOIN users u ON u.id = m.author_user_id \
             WHERE m.thread_id = $1 AND m.seq > $2 ORDER BY m.seq LIMIT $3"
    );
    crate::fetch!(fetch_all, db, &sql, thread_id, after_seq, limit)
}

/// Notes that `user` has read the thread up to `seq` (never moving the mark back).
pub async fn mark_read(tx: &mut Tx, thread_id: &str, user: &str, seq: i64, at: i64) -> Result<(), sqlx::Error> {
    crate::execute!(
        tx,
        "INSERT INTO thread_reads (thread_id, user_id, last_seq, at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (thread_id, user_id) DO UPDATE SET \
             last_seq = CASE WHEN excluded.last_seq > thread_reads.last_seq THEN excluded.last_seq ELSE thread_reads.last_seq END, \
             at = excluded.at",
        thread_id,
        user,
        seq,
        at,
    )
    .map(|_| ())
}

/// How far someone has read a thread.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct ReadMark {
    pub user_id: String,
    pub name: String,
    pub last_seq: i64,
}

/// Everyone's read marks in a thread.
pub async fn read_marks(db: &Db, thread_id: &str) -> Result<Vec<ReadMark>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT r.user_id, u.name, r.last_seq FROM thread_reads r JOIN users u ON u.id = r.user_id \
             WHERE r.thread_id = $1 ORDER BY u.name",
        thread_id,
    )
}
