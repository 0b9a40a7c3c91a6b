//! Survey drafts, the keys that open them, the idempotent save log, provider profiles (every
//! version kept) and requests.

use super::{new_id, now_ms, Db, Tx};
use crate::auth::session::{hash_token, new_token};
use crate::domain::survey::{Answers, SurveyKind};
use crate::{db_run, tx_run};

/// How long the key in a respondent's cookie opens the draft.
pub const COOKIE_KEY_TTL_MS: i64 = 90 * 24 * 60 * 60 * 1000;
/// How long an e-mailed resume link works.
pub const RESUME_LINK_TTL_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// A draft as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub id: String,
    pub kind: SurveyKind,
    pub user_id: Option<String>,
    pub organisation_id: Option<String>,
    pub answers: Answers,
    pub seq: i64,
    pub reached_step: i64,
    pub submitted_at: Option<i64>,
    pub result_id: Option<String>,
    pub updated_at: i64,
}

type DraftRow = (String, String, Option<String>, Option<String>, String, i64, i64, Option<i64>, Option<String>, i64);

const DRAFT_COLUMNS: &str =
    "d.id, d.kind, d.user_id, d.organisation_id, d.answers, d.seq, CAST(d.reached_step AS BIGINT), d.submitted_at, d.result_id, d.updated_at";

fn draft(row: DraftRow) -> Draft {
    let (id, kind, user_id, organisation_id, answers, seq, reached_step, submitted_at, result_id, updated_at) = row;
    Draft {
        id,
        kind: SurveyKind::from_key(&kind).unwrap_or(SurveyKind::Supply),
        user_id,
        organisation_id,
        answers: serde_json::from_str(&answers).unwrap_or_default(),
        seq,
        reached_step,
        submitted_at,
        result_id,
        updated_at,
    }
}

/// Creates a draft (optionally owned by a signed-in user, prefilled) and returns it with the
/// raw key for the respondent's cookie.
pub async fn create(
    tx: &mut Tx,
    kind: SurveyKind,
    user_id: Option<&str>,
    organisation_id: Option<&str>,
    answers: &Answers,
    reached_step: i64,
) -> Result<(String, String), sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    let json = serde_json::to_string(answers).unwrap_or_else(|_| "{}".into());
    tx_run!(tx, |conn| {
        sqlx::query(
            "INSERT INTO survey_drafts (id, kind, user_id, organisation_id, answers, seq, reached_step, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $7)",
        )
        .bind(&id)
        .bind(kind.key())
        .bind(user_id)
        .bind(organisation_id)
        .bind(&json)
        .bind(reached_step as i32)
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    let key = add_key(tx, &id, COOKIE_KEY_TTL_MS).await?;
    Ok((id, key))
}

/// Adds a key that opens `draft_id` for `ttl_ms` and returns it (raw).
pub async fn add_key(tx: &mut Tx, draft_id: &str, ttl_ms: i64) -> Result<String, sqlx::Error> {
    let (key, hash) = new_token();
    let now = now_ms();
    tx_run!(tx, |conn| {
        sqlx::query(
            "INSERT INTO survey_draft_keys (key_hash, draft_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&hash)
        .bind(draft_id)
        .bind(now)
        .bind(now + ttl_ms)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(key)
}

/// The draft a live key opens.
pub async fn by_key(db: &Db, kind: SurveyKind, key: &str) -> Result<Option<Draft>, sqlx::Error> {
    let hash = hash_token(key);
    let sql = format!(
        "SELECT {DRAFT_COLUMNS} FROM survey_draft_keys k JOIN survey_drafts d ON d.id = k.draft_id \
         WHERE k.key_hash = $1 AND k.expires_at > $2 AND d.kind = $3"
    );
    let row: Option<DraftRow> = db_run!(db, |pool| {
        sqlx::query_as(&sql).bind(&hash).bind(now_ms()).bind(kind.key()).fetch_optional(pool).await
    })?;
    Ok(row.map(draft))
}

/// A signed-in user's latest draft of a survey that is not submitted yet.
pub async fn open_of_user(db: &Db, kind: SurveyKind, user_id: &str) -> Result<Option<Draft>, sqlx::Error> {
    let sql = format!(
        "SELECT {DRAFT_COLUMNS} FROM survey_drafts d WHERE d.user_id = $1 AND d.kind = $2 AND d.submitted_at IS NULL \
         ORDER BY d.updated_at DESC LIMIT 1"
    );
    let row: Option<DraftRow> =
        db_run!(db, |pool| sqlx::query_as(&sql).bind(user_id).bind(kind.key()).fetch_optional(pool).await)?;
    Ok(row.map(draft))
}

/// A draft by id, read in the caller's transaction.
pub async fn get_tx(tx: &mut Tx, id: &str) -> Result<Option<Draft>, sqlx::Error> {
    let sql = format!("SELECT {DRAFT_COLUMNS} FROM survey_drafts d WHERE d.id = $1");
    let row: Option<DraftRow> = tx_run!(tx, |conn| sqlx::query_as(&sql).bind(id).fetch_optional(conn).await)?;
    Ok(row.map(draft))
}

/// Whether a save with this idempotency key was already applied to the draft.
pub async fn save_seen(tx: &mut Tx, draft_id: &str, key: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = tx_run!(tx, |conn| {
        sqlx::query_scalar(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM survey_saves WHERE draft_id = $1 AND idempotency_key = $2",
        )
        .bind(draft_id)
        .bind(key)
        .fetch_one(conn)
        .await
    })?;
    Ok(n > 0)
}

/// Writes new answers if the draft is still at `expected_seq` (compare and swap) and logs the
/// save's idempotency key. `false` when another save got there first.
pub async fn write_answers(
    tx: &mut Tx,
    draft: &Draft,
    expected_seq: i64,
    seq: i64,
    reached_step: i64,
    idempotency_key: &str,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let json = serde_json::to_string(&draft.answers).unwrap_or_else(|_| "{}".into());
    let updated = tx_run!(tx, |conn| {
        sqlx::query(
            "UPDATE survey_drafts SET answers = $1, seq = $2, reached_step = $3, updated_at = $4 \
             WHERE id = $5 AND seq = $6 AND submitted_at IS NULL",
        )
        .bind(&json)
        .bind(seq)
        .bind(reached_step)
        .bind(now)
        .bind(&draft.id)
        .bind(expected_seq)
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    if updated == 0 {
        return Ok(false);
    }
    tx_run!(tx, |conn| {
        sqlx::query("INSERT INTO survey_saves (draft_id, idempotency_key, seq, created_at) VALUES ($1, $2, $3, $4)")
            .bind(&draft.id)
            .bind(idempotency_key)
            .bind(seq)
            .bind(now)
            .execute(conn)
            .await
            .map(|_| ())
    })?;
    Ok(true)
}

/// Gives an anonymous draft that is still being answered to `user_id` (a signed-in respondent
/// who continued it from a resume link); an owned or submitted draft is left as it is.
pub async fn take_over_anonymous(tx: &mut Tx, draft_id: &str, user_id: &str) -> Result<(), sqlx::Error> {
    tx_run!(tx, |conn| {
        sqlx::query(
            "UPDATE survey_drafts SET user_id = $2, updated_at = $3 \
             WHERE id = $1 AND user_id IS NULL AND submitted_at IS NULL",
        )
        .bind(draft_id)
        .bind(user_id)
        .bind(now_ms())
        .execute(conn)
        .await
        .map(|_| ())
    })
}

/// Marks a draft submitted with what it produced; `false` if it already was.
pub async fn mark_submitted(
    tx: &mut Tx,
    draft_id: &str,
    user_id: Option<&str>,
    result_id: &str,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let n = tx_run!(tx, |conn| {
        sqlx::query(
            "UPDATE survey_drafts SET submitted_at = $1, result_id = $2, user_id = COALESCE(user_id, $3), updated_at = $1 \
             WHERE id = $4 AND submitted_at IS NULL",
        )
        .bind(now)
        .bind(result_id)
        .bind(user_id)
        .bind(draft_id)
        .execute(conn)
        .await
        .map(|r| r.rows_affected())
    })?;
    Ok(n == 1)
}

/// Adds a version of an organisation's provider profile and makes it current; returns the
/// version number.
pub async fn add_profile_version(
    tx: &mut Tx,
    organisation_id: &str,
    answers: &Answers,
    submitted_by: Option<&str>,
    listed: bool,
) -> Result<i64, sqlx::Error> {
    let now = now_ms();
    let json = serde_json::to_string(answers).unwrap_or_else(|_| "{}".into());
    let version: i64 = tx_run!(tx, |conn| {
        sqlx::query_scalar(
            "SELECT CAST(COALESCE(MAX(version), 0) + 1 AS BIGINT) FROM provider_profile_versions WHERE organisation_id = $1",
        )
        .bind(organisation_id)
        .fetch_one(&mut *conn)
        .await
    })?;
    tx_run!(tx, |conn| {
        sqlx::query(
            "INSERT INTO provider_profile_versions (organisation_id, version, answers, submitted_by, created_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(organisation_id)
        .bind(version as i32)
        .bind(&json)
        .bind(submitted_by)
        .bind(now)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO provider_profiles (organisation_id, current_version, listed, confirmed_at, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $4, $4) \
             ON CONFLICT (organisation_id) DO UPDATE SET current_version = $2, listed = $3, confirmed_at = $4, updated_at = $4",
        )
        .bind(organisation_id)
        .bind(version as i32)
        .bind(listed)
        .bind(now)
        .execute(&mut *conn)
        .await
        .map(|_| ())
    })?;
    Ok(version)
}

/// The current version of an organisation's profile: (version, answers, submitted at).
pub async fn current_profile(db: &Db, organisation_id: &str) -> Result<Option<(i64, Answers, i64)>, sqlx::Error> {
    let row: Option<(i64, String, i64)> = db_run!(db, |pool| {
        sqlx::query_as(
            "SELECT CAST(v.version AS BIGINT), v.answers, v.created_at FROM provider_profiles p \
             JOIN provider_profile_versions v ON v.organisation_id = p.organisation_id AND v.version = p.current_version \
             WHERE p.organisation_id = $1",
        )
        .bind(organisation_id)
        .fetch_optional(pool)
        .await
    })?;
    Ok(row.map(|(v, a, t)| (v, serde_json::from_str(&a).unwrap_or_default(), t)))
}

/// Every version of a profile: (version, answers, submitted at), oldest first.
pub async fn profile_versions(db: &Db, organisation_id: &str) -> Result<Vec<(i64, Answers, i64)>, sqlx::Error> {
    let rows: Vec<(i64, String, i64)> = db_run!(db, |pool| {
        sqlx::query_as(
            "SELECT CAST(version AS BIGINT), answers, created_at FROM provider_profile_versions \
             WHERE organisation_id = $1 ORDER BY version",
        )
        .bind(organisation_id)
        .fetch_all(pool)
        .await
    })?;
    Ok(rows.into_iter().map(|(v, a, t)| (v, serde_json::from_str(&a).unwrap_or_default(), t)).collect())
}

/// Stores a submitted request and returns its id.
pub async fn insert_request(
    tx: &mut Tx,
    organisation_id: &str,
    submitted_by: Option<&str>,
    country: &str,
    answers: &Answers,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    let json = serde_json::to_string(answers).unwrap_or_else(|_| "{}".into());
    tx_run!(tx, |conn| {
        sqlx::query(
            "INSERT INTO requests (id, organisation_id, submitted_by, status, country, answers, created_at, updated_at) \
             VALUES ($1, $2, $3, 'submitted', $4, $5, $6, $6)",
        )
        .bind(&id)
        .bind(organisation_id)
        .bind(submitted_by)
        .bind(country)
        .bind(&json)
        .bind(now)
        .execute(conn)
        .await
        .map(|_| ())
    })?;
    Ok(id)
}

/// A request: (id, organisation id, status, answers, created at).
pub type RequestRow = (String, String, String, Answers, i64);

/// The requests of the given organisations, newest first.
pub async fn requests_of(db: &Db, organisation_ids: &[String]) -> Result<Vec<RequestRow>, sqlx::Error> {
    let mut out = Vec::new();
    for org in organisation_ids {
        let rows: Vec<(String, String, String, String, i64)> = db_run!(db, |pool| {
            sqlx::query_as(
                "SELECT id, organisation_id, status, answers, created_at FROM requests WHERE organisation_id = $1 \
                 ORDER BY created_at DESC",
            )
            .bind(org)
            .fetch_all(pool)
            .await
        })?;
        out.extend(
            rows.into_iter().map(|(id, o, s, a, t)| (id, o, s, serde_json::from_str(&a).unwrap_or_default(), t)),
        );
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.4));
    Ok(out)
}
