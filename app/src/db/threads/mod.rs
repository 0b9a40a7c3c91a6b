//! Messaging threads: every case's government ↔ Case Manager thread (opened with the case) and
//! the thread each accepted introduction opens; who takes part (organisations or single people,
//! with removals kept); the case's Case Manager is always in.

mod attachments;
mod inbox;
mod messages;

pub use attachments::*;
pub use inbox::*;
pub use messages::*;

use super::{new_id, Conn, Database, Tx};
use crate::domain::case::CaseStage;

/// A thread with what the policy and its page need to know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Thread {
    pub id: String,
    pub case_id: String,
    /// `None`: the government ↔ Case Manager thread.
    pub introduction_id: Option<String>,
    pub last_seq: i64,
    pub last_message_at: Option<i64>,
    /// The requesting government (the case's organisation).
    pub case_organisation: String,
    pub case_manager_id: Option<String>,
    pub case_stage: CaseStage,
    pub participants: Vec<Participant>,
}

/// Someone taking part in a thread: a whole organisation or one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Participant {
    pub id: String,
    pub organisation_id: Option<String>,
    pub user_id: Option<String>,
    /// The organisation's or the person's name.
    pub name: String,
    pub removed_at: Option<i64>,
}

impl Thread {
    /// The organisations taking part now.
    pub fn organisations(&self) -> Vec<String> {
        self.participants.iter().filter(|p| p.removed_at.is_none()).filter_map(|p| p.organisation_id.clone()).collect()
    }

    /// The people taking part by name now.
    pub fn users(&self) -> Vec<String> {
        self.participants.iter().filter(|p| p.removed_at.is_none()).filter_map(|p| p.user_id.clone()).collect()
    }
}

#[derive(sqlx::FromRow)]
struct ThreadRecord {
    id: String,
    case_id: String,
    introduction_id: Option<String>,
    last_seq: i64,
    last_message_at: Option<i64>,
    organisation_id: String,
    case_manager_id: Option<String>,
    stage: String,
}

#[derive(sqlx::FromRow)]
struct ParticipantRecord {
    id: String,
    organisation_id: Option<String>,
    user_id: Option<String>,
    name: String,
    removed_at: Option<i64>,
}

/// Opens a thread in a case (for an introduction, or the case's own when `None`) with these
/// organisations taking part; returns its id.
pub async fn open(
    tx: &mut Tx,
    case_id: &str,
    introduction_id: Option<&str>,
    organisations: &[String],
    by: Option<&str>,
    at: i64,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    crate::execute!(
        tx,
        "INSERT INTO threads (id, case_id, introduction_id, created_at) VALUES ($1, $2, $3, $4)",
        &id,
        case_id,
        introduction_id,
        at,
    )?;
    for organisation in organisations {
        add_participant(tx, &id, Some(organisation), None, by, at).await?;
    }
    Ok(id)
}

/// Adds an organisation or a person to a thread (again, after a removal).
pub async fn add_participant(
    tx: &mut Tx,
    thread_id: &str,
    organisation_id: Option<&str>,
    user_id: Option<&str>,
    by: Option<&str>,
    at: i64,
) -> Result<(), sqlx::Error> {
    crate::execute!(
        tx,
        "INSERT INTO thread_participants (id, thread_id, organisation_id, user_id, added_by, added_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        new_id(),
        thread_id,
        organisation_id,
        user_id,
        by,
        at,
    )
    .map(|_| ())
}

/// Removes a participant (kept, marked removed); `false` if it was not taking part.
pub async fn remove_participant(
    tx: &mut Tx,
    thread_id: &str,
    participant_id: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let n = crate::execute!(
        tx,
        "UPDATE thread_participants SET removed_at = $3 WHERE thread_id = $1 AND id = $2 AND removed_at IS NULL",
        thread_id,
        participant_id,
        at,
    )?;
    Ok(n == 1)
}

/// Opens the government ↔ Case Manager thread of every case that has none (cases opened before
/// threads existed); returns how many.
pub async fn open_missing(db: &Database) -> Result<usize, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Missing {
        id: String,
        organisation_id: String,
        created_at: i64,
    }
    let missing: Vec<Missing> = crate::fetch!(
        fetch_all,
        db.read(),
        "SELECT c.id, c.organisation_id, c.created_at FROM cases c WHERE NOT EXISTS \
             (SELECT 1 FROM threads t WHERE t.case_id = c.id AND t.introduction_id IS NULL)",
    )?;
    let mut tx = db.write().begin().await?;
    for m in &missing {
        open(&mut tx, &m.id, None, std::slice::from_ref(&m.organisation_id), None, m.created_at).await?;
    }
    tx.commit().await?;
    Ok(missing.len())
}

const COLUMNS: &str = "t.id, t.case_id, t.introduction_id, t.last_seq, t.last_message_at, c.organisation_id, \
     c.case_manager_id, c.stage";

async fn with_participants(mut conn: Conn<'_>, r: ThreadRecord) -> Result<Thread, sqlx::Error> {
    let participants: Vec<ParticipantRecord> = crate::conn_run!(conn.reborrow(), |c| {
        sqlx::query_as(
            "SELECT p.id, p.organisation_id, p.user_id, COALESCE(o.name, u.name, '') AS name, p.removed_at \
                 FROM thread_participants p LEFT JOIN organisations o ON o.id = p.organisation_id \
                 LEFT JOIN users u ON u.id = p.user_id WHERE p.thread_id = $1 ORDER BY p.added_at, p.id",
        )
        .bind(&r.id)
        .fetch_all(c)
        .await
    })?;
    let stage = crate::db::decode::stored("cases", "stage", &r.case_id).key(&r.stage, CaseStage::from_key)?;
    Ok(Thread {
        id: r.id,
        case_id: r.case_id,
        introduction_id: r.introduction_id,
        last_seq: r.last_seq,
        last_message_at: r.last_message_at,
        case_organisation: r.organisation_id,
        case_manager_id: r.case_manager_id,
        case_stage: stage,
        participants: participants
            .into_iter()
            .map(|p| Participant {
                id: p.id,
                organisation_id: p.organisation_id,
                user_id: p.user_id,
                name: p.name,
                removed_at: p.removed_at,
            })
            .collect(),
    })
}

/// One thread, on a pool or in the caller's transaction.
pub async fn get(conn: impl Into<Conn<'_>>, id: &str) -> Result<Option<Thread>, sqlx::Error> {
    let mut conn = conn.into();
    let sql = format!("SELECT {COLUMNS} FROM threads t JOIN cases c ON c.id = t.case_id WHERE t.id = $1");
    let row: Option<ThreadRecord> =
        crate::conn_run!(conn.reborrow(), |c| sqlx::query_as(&sql).bind(id).fetch_optional(c).await)?;
    match row {
        Some(r) => Ok(Some(with_participants(conn, r).await?)),
        None => Ok(None),
    }
}

/// A case's threads: its own first, then the introductions', oldest first.
pub async fn of_case(conn: impl Into<Conn<'_>>, case_id: &str) -> Result<Vec<Thread>, sqlx::Error> {
    let mut conn = conn.into();
    let sql = format!(
        "SELECT {COLUMNS} FROM threads t JOIN cases c ON c.id = t.case_id WHERE t.case_id = $1 \
             ORDER BY CASE WHEN t.introduction_id IS NULL THEN 0 ELSE 1 END, t.created_at, t.id"
    );
    let rows: Vec<ThreadRecord> =
        crate::conn_run!(conn.reborrow(), |c| sqlx::query_as(&sql).bind(case_id).fetch_all(c).await)?;
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        out.push(with_participants(conn.reborrow(), r).await?);
    }
    Ok(out)
}

/// The thread an introduction opened, if any.
pub async fn of_introduction(conn: impl Into<Conn<'_>>, introduction_id: &str) -> Result<Option<String>, sqlx::Error> {
    let mut conn = conn.into();
    crate::conn_run!(conn.reborrow(), |c| {
        sqlx::query_scalar("SELECT id FROM threads WHERE introduction_id = $1")
            .bind(introduction_id)
            .fetch_optional(c)
            .await
    })
}
