//! Values administrators added to the open vocabularies (`vocabulary_values`), and the
//! process-wide registry they fill (`domain::vocabulary`).

use crate::db::{Db, Tx};
use crate::domain::vocabulary::{register, OpenKind, TermRecord};

/// An added value as the administration page lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredValue {
    pub id: String,
    pub version: i64,
    pub record: TermRecord,
    /// The name of whoever added it, and when.
    pub created_by: Option<String>,
    pub created_at: i64,
    /// The name of whoever changed it last, and when.
    pub updated_by: Option<String>,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    version: i64,
    kind: String,
    key: String,
    label_en: String,
    label_fr: String,
    label_es: String,
    retired: bool,
    created_by: Option<String>,
    created_at: i64,
    updated_by: Option<String>,
    updated_at: i64,
}

impl Row {
    fn stored(self) -> Option<StoredValue> {
        // a kind this release does not know (a later one's) is skipped, not an error
        let kind = OpenKind::from_key(&self.kind)?;
        Some(StoredValue {
            id: self.id,
            version: self.version,
            record: TermRecord {
                kind,
                key: self.key,
                labels: [self.label_en, self.label_fr, self.label_es],
                retired: self.retired,
            },
            created_by: self.created_by,
            created_at: self.created_at,
            updated_by: self.updated_by,
            updated_at: self.updated_at,
        })
    }
}

const SELECT: &str = "SELECT v.id, v.version, v.kind, v.key, v.label_en, v.label_fr, v.label_es, v.retired, \
    c.name AS created_by, v.created_at, u.name AS updated_by, v.updated_at \
    FROM vocabulary_values v LEFT JOIN users c ON c.id = v.created_by LEFT JOIN users u ON u.id = v.updated_by";

/// Every added value, by vocabulary and in the order they were added.
pub async fn list(db: &Db) -> Result<Vec<StoredValue>, sqlx::Error> {
    let sql = format!("{SELECT} ORDER BY v.kind, v.created_at, v.id");
    let rows: Vec<Row> = crate::fetch!(fetch_all, db, &sql)?;
    Ok(rows.into_iter().filter_map(Row::stored).collect())
}

/// One added value.
pub async fn get(db: &Db, id: &str) -> Result<Option<StoredValue>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE v.id = $1");
    let row: Option<Row> = crate::fetch!(fetch_optional, db, &sql, id)?;
    Ok(row.and_then(Row::stored))
}

/// Fills the registry from the table: at start-up, after seeding and as requests come in (at
/// most once a second), so every instance offers what any of them added.
pub async fn refresh(db: &Db) -> Result<(), sqlx::Error> {
    let records: Vec<TermRecord> = list(db).await?.into_iter().map(|v| v.record).collect();
    register(&records);
    Ok(())
}

/// Adds a value; `false` when its vocabulary has that key already (two at once: one wins).
pub async fn insert(tx: &mut Tx, id: &str, term: &TermRecord, by: &str, at: i64) -> Result<bool, sqlx::Error> {
    let [en, fr, es] = &term.labels;
    let n = crate::execute!(
        tx,
        "INSERT INTO vocabulary_values (id, kind, key, label_en, label_fr, label_es, retired, version, \
             created_by, created_at, updated_by, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $9, $8, $9) ON CONFLICT (kind, key) DO NOTHING",
        id,
        term.kind.key(),
        &term.key,
        en,
        fr,
        es,
        term.retired,
        by,
        at,
    )?;
    Ok(n == 1)
}

/// Changes a value's labels and whether it is offered, if it is still at `version`; `false`
/// when someone changed it first.
pub async fn update(
    tx: &mut Tx,
    id: &str,
    version: i64,
    labels: &[String; 3],
    retired: bool,
    by: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let [en, fr, es] = labels;
    let n = crate::execute!(
        tx,
        "UPDATE vocabulary_values SET label_en = $1, label_fr = $2, label_es = $3, retired = $4, \
             version = version + 1, updated_by = $5, updated_at = $6 WHERE id = $7 AND version = $8",
        en,
        fr,
        es,
        retired,
        by,
        at,
        id,
        version,
    )?;
    Ok(n == 1)
}

/// `(kind, key)` of every added value, retired included (what a new key is checked against).
pub async fn keys(tx: &mut Tx) -> Result<Vec<(OpenKind, String)>, sqlx::Error> {
    let rows: Vec<(String, String)> = crate::fetch!(fetch_all, tx, "SELECT kind, key FROM vocabulary_values")?;
    Ok(rows.into_iter().filter_map(|(k, key)| Some((OpenKind::from_key(&k)?, key))).collect())
}
