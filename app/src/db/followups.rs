//! Follow-up requests and their answers. One row per case, milestone and side: the primary key
//! makes a request exactly once, whatever the number of instances or restarts (the insert that
//! finds one already there adds nothing, and its caller tells nobody).

use super::{Conn, Db, Tx};

/// When each case's agreement was made: the moment it first moved to Active.
pub async fn agreed(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT case_id, MIN(at) FROM case_events WHERE kind = 'stage' AND to_stage = 'active' GROUP BY case_id",
    )
}

/// The milestones already asked, as (case, months): every side of one is asked in one
/// transaction, so one row means all of them.
pub async fn asked(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    crate::fetch!(fetch_all, db, "SELECT DISTINCT case_id, months FROM follow_ups",)
}

/// Records the request for `organisation` at milestone `months` of case `case_id`; `false` when
/// it was already made (by this instance or another).
pub async fn ask(tx: &mut Tx, case_id: &str, months: i64, organisation: &str, at: i64) -> Result<bool, sqlx::Error> {
    let n = crate::execute!(
        tx,
        "INSERT INTO follow_ups (case_id, months, organisation_id, asked_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (case_id, months, organisation_id) DO NOTHING",
        case_id,
        months,
        organisation,
        at,
    )?;
    Ok(n == 1)
}

/// A follow-up request with its answer, if given.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct FollowUp {
    pub case_id: String,
    pub months: i64,
    pub organisation_id: String,
    /// The organisation asked.
    pub organisation: String,
    /// The requesting government of the case.
    pub government: String,
    pub asked_at: i64,
    pub rating: Option<i64>,
    pub comment: String,
    pub answered_at: Option<i64>,
}

const SELECT: &str = "SELECT f.case_id, f.months, f.organisation_id, o.name AS organisation, g.name AS government, \
         f.asked_at, f.rating, f.comment, f.answered_at FROM follow_ups f \
         JOIN organisations o ON o.id = f.organisation_id JOIN cases c ON c.id = f.case_id \
         JOIN organisations g ON g.id = c.organisation_id";

/// The follow-ups asked of these organisations, newest first.
pub async fn of_organisations(db: &Db, organisations: &[String]) -> Result<Vec<FollowUp>, sqlx::Error> {
    let mut out = Vec::new();
    for org in organisations {
        let sql = format!("{SELECT} WHERE f.organisation_id = $1 ORDER BY f.asked_at DESC");
        let rows: Vec<FollowUp> = crate::fetch!(fetch_all, db, &sql, org)?;
        out.extend(rows);
    }
    out.sort_by_key(|f| std::cmp::Reverse(f.asked_at));
    Ok(out)
}

/// A case's follow-ups (kept for oversight).
pub async fn of_case(conn: impl Into<Conn<'_>>, case_id: &str) -> Result<Vec<FollowUp>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE f.case_id = $1 ORDER BY f.months, o.name");
    crate::fetch!(fetch_all, Into::<Conn<'_>>::into(conn), &sql, case_id)
}

/// One follow-up request.
pub async fn get(tx: &mut Tx, case_id: &str, months: i64, organisation: &str) -> Result<Option<FollowUp>, sqlx::Error> {
    let sql = format!("{SELECT} WHERE f.case_id = $1 AND f.months = $2 AND f.organisation_id = $3");
    crate::fetch!(fetch_optional, tx, &sql, case_id, months, organisation)
}

/// Records the answer, once: `false` when it was already answered.
#[allow(clippy::too_many_arguments)]
pub async fn answer(
    tx: &mut Tx,
    case_id: &str,
    months: i64,
    organisation: &str,
    rating: i64,
    comment: &str,
    by: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let n = crate::execute!(
        tx,
        "UPDATE follow_ups SET rating = $1, comment = $2, answered_by = $3, answered_at = $4 \
             WHERE case_id = $5 AND months = $6 AND organisation_id = $7 AND answered_at IS NULL",
        rating,
        comment,
        by,
        at,
        case_id,
        months,
        organisation,
    )?;
    Ok(n == 1)
}
