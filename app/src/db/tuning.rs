//! The mechanism's settings as the steering committee tunes them: one row per version, the
//! latest applying; a change is an insert of the next version (two at once: one wins).

use crate::db::{Db, Tx};
use crate::domain::matching::Weights;
use crate::domain::oversight::tuning::Tuning;

/// One version of the settings, with who changed them and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub version: i64,
    pub tuning: Tuning,
    pub reason: String,
    /// The name of the person who made the change.
    pub changed_by: Option<String>,
    pub changed_at: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    version: i64,
    weights: String,
    window_days: i64,
    reason: String,
    changed_by: Option<String>,
    changed_at: i64,
}

fn change(r: Row) -> Result<Change, sqlx::Error> {
    let weights: Weights =
        crate::db::decode::stored("mechanism_settings", "weights", &r.version.to_string()).json(&r.weights)?;
    Ok(Change {
        version: r.version,
        tuning: Tuning { weights, window_days: r.window_days.clamp(1, 60) as u32 },
        reason: r.reason,
        changed_by: r.changed_by,
        changed_at: r.changed_at,
    })
}

const SELECT: &str = "SELECT s.version, s.weights, s.window_days, s.reason, u.name AS changed_by, s.changed_at \
    FROM mechanism_settings s LEFT JOIN users u ON u.id = s.changed_by";

/// The settings in force (`None`: never tuned, the built-in ones apply), with their version.
pub async fn current(db: &Db) -> Result<Option<Change>, sqlx::Error> {
    let sql = format!("{SELECT} ORDER BY s.version DESC LIMIT 1");
    let row: Option<Row> = crate::fetch!(fetch_optional, db, &sql)?;
    row.map(change).transpose()
}

/// Every change, the latest first (`changed_by` is the person's name).
pub async fn history(db: &Db) -> Result<Vec<Change>, sqlx::Error> {
    let sql = format!("{SELECT} ORDER BY s.version DESC LIMIT 100");
    let rows: Vec<Row> = crate::fetch!(fetch_all, db, &sql)?;
    rows.into_iter().map(change).collect()
}

/// Saves `tuning` as `version` (the one after the version the person saw); `false` when that
/// version exists already (someone changed the settings first).
pub async fn save(
    tx: &mut Tx,
    version: i64,
    tuning: &Tuning,
    reason: &str,
    by: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let weights = serde_json::to_string(&tuning.weights).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let n = crate::execute!(
        tx,
        "INSERT INTO mechanism_settings (version, weights, window_days, reason, changed_by, changed_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (version) DO NOTHING",
        version,
        weights,
        i64::from(tuning.window_days),
        reason,
        by,
        at,
    )?;
    Ok(n == 1)
}
