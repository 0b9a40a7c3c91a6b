//! A case's append-only timeline: typed changes stored as JSON, appended in the transaction
//! of the change they record, typed once at start-up when written before changes were typed.

use super::Author;
use crate::db::{new_id, Database, Db, Tx};
use crate::domain::case::CaseStage;
use crate::domain::timeline::Change;

/// One entry of a case's timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub at: i64,
    pub actor_user_id: Option<String>,
    /// The actor's name.
    pub actor_name: Option<String>,
    pub change: Change,
    pub reason: String,
}

/// Appends `change` to the timeline: typed, as JSON, with its kind and stages also in their
/// own columns for queries that count moves.
pub(crate) async fn append(tx: &mut Tx, case_id: &str, author: Author<'_>, change: &Change) -> Result<(), sqlx::Error> {
    let json = serde_json::to_string(change).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let (from, to) = change.stages();
    crate::execute!(
        tx,
        "INSERT INTO case_events (id, case_id, at, actor_user_id, kind, from_stage, to_stage, reason, change) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        new_id(),
        case_id,
        author.at,
        author.actor,
        change.kind().key(),
        from.map(CaseStage::key),
        to.map(CaseStage::key),
        author.reason,
        &json,
    )
    .map(|_| ())
}

/// Types the timeline entries written before changes were typed (their `kind` and `detail`
/// text), once, at start-up; returns how many. An entry that cannot be read is logged and left
/// untyped, so reading its case's timeline fails loudly rather than showing a guess.
pub async fn type_legacy_timeline(db: &Database) -> Result<usize, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Legacy {
        id: String,
        kind: String,
        from_stage: Option<String>,
        to_stage: Option<String>,
        detail: String,
    }
    let rows: Vec<Legacy> = crate::fetch!(
        fetch_all,
        db.read(),
        "SELECT id, kind, from_stage, to_stage, detail FROM case_events WHERE change IS NULL",
    )?;
    let mut typed = 0;
    let mut tx = db.write().begin().await?;
    for row in &rows {
        let Some(change) =
            Change::from_legacy(&row.kind, row.from_stage.as_deref(), row.to_stage.as_deref(), &row.detail)
        else {
            tracing::error!(row = %row.id, kind = %row.kind, "a timeline entry cannot be typed; its case's timeline will not read");
            continue;
        };
        let json = serde_json::to_string(&change).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
        crate::execute!(
            &mut tx,
            "UPDATE case_events SET change = $1 WHERE id = $2 AND change IS NULL",
            &json,
            &row.id,
        )
            .map(|_| ())?;
        typed += 1;
    }
    tx.commit().await?;
    Ok(typed)
}

/// The timeline of a case, oldest first.
pub async fn timeline(db: &Db, case_id: &str) -> Result<Vec<Event>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct EventRecord {
        id: String,
        at: i64,
        actor_user_id: Option<String>,
        actor_name: Option<String>,
        change: Option<String>,
        reason: String,
    }
    let rows: Vec<EventRecord> = crate::fetch!(
        fetch_all,
        db,
        "SELECT e.id, e.at, e.actor_user_id, u.name AS actor_name, e.change, e.reason \
             FROM case_events e LEFT JOIN users u ON u.id = e.actor_user_id WHERE e.case_id = $1 ORDER BY e.at, e.id",
        case_id,
    )?;
    rows.into_iter()
        .map(|r| {
            let at = crate::db::decode::stored("case_events", "change", &r.id);
            // an entry left untyped at start-up is as corrupt as one that does not parse
            let change = at.json(r.change.as_deref().unwrap_or(""))?;
            Ok(Event { at: r.at, actor_user_id: r.actor_user_id, actor_name: r.actor_name, change, reason: r.reason })
        })
        .collect()
}
