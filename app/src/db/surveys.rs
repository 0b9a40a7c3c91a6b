//! Survey drafts, the keys that open them, the idempotent save log, provider profiles (every
//! version kept) and requests.

use super::{new_id, now_ms, Db, Tx};
use crate::auth::session::{hash_token, new_token};
use crate::domain::case::{CaseStage, Outcome};
use crate::domain::survey::{Answers, SurveyKind};
use crate::tx_run;

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

fn draft(row: DraftRow) -> Result<Draft, sqlx::Error> {
    let (id, kind, user_id, organisation_id, answers, seq, reached_step, submitted_at, result_id, updated_at) = row;
    let at = |column| super::decode::stored("survey_drafts", column, &id);
    Ok(Draft {
        kind: at("kind").key(&kind, SurveyKind::from_key)?,
        answers: at("answers").json(&answers)?,
        id,
        user_id,
        organisation_id,
        seq,
        reached_step,
        submitted_at,
        result_id,
        updated_at,
    })
}

/// A new draft, with the raw key that opens it (for the respondent's cookie).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Created {
    pub id: String,
    pub key: String,
}

/// Creates a draft (optionally owned by a signed-in user, prefilled).
pub async fn create(
    tx: &mut Tx,
    kind: SurveyKind,
    user_id: Option<&str>,
    organisation_id: Option<&str>,
    answers: &Answers,
    reached_step: i64,
) -> Result<Created, sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    let json = serde_json::to_string(answers).unwrap_or_else(|_| "{}".into());
    crate::execute!(
        tx,
        "INSERT INTO survey_drafts (id, kind, user_id, organisation_id, answers, seq, reached_step, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, 0, $6, $7, $7)",
        &id,
        kind.key(),
        user_id,
        organisation_id,
        &json,
        reached_step as i32,
        now,
    ).map(|_| ())?;
    let key = add_key(tx, &id, COOKIE_KEY_TTL_MS).await?;
    Ok(Created { id, key })
}

/// Adds a key that opens `draft_id` for `ttl_ms` and returns it (raw).
pub async fn add_key(tx: &mut Tx, draft_id: &str, ttl_ms: i64) -> Result<String, sqlx::Error> {
    let (key, hash) = new_token();
    let now = now_ms();
    crate::execute!(
        tx,
        "INSERT INTO survey_draft_keys (key_hash, draft_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
        &hash,
        draft_id,
        now,
        now + ttl_ms,
    )
    .map(|_| ())?;
    Ok(key)
}

/// The draft a live key opens.
pub async fn by_key(db: &Db, kind: SurveyKind, key: &str) -> Result<Option<Draft>, sqlx::Error> {
    let hash = hash_token(key);
    let sql = format!(
        "SELECT {DRAFT_COLUMNS} FROM survey_draft_keys k JOIN survey_drafts d ON d.id = k.draft_id \
         WHERE k.key_hash = $1 AND k.expires_at > $2 AND d.kind = $3"
    );
    let row: Option<DraftRow> = crate::fetch!(fetch_optional, db, &sql, &hash, now_ms(), kind.key())?;
    row.map(draft).transpose()
}

/// A signed-in user's latest draft of a survey that is not submitted yet.
pub async fn open_of_user(db: &Db, kind: SurveyKind, user_id: &str) -> Result<Option<Draft>, sqlx::Error> {
    let sql = format!(
        "SELECT {DRAFT_COLUMNS} FROM survey_drafts d WHERE d.user_id = $1 AND d.kind = $2 AND d.submitted_at IS NULL \
         ORDER BY d.updated_at DESC LIMIT 1"
    );
    let row: Option<DraftRow> = crate::fetch!(fetch_optional, db, &sql, user_id, kind.key())?;
    row.map(draft).transpose()
}

/// A draft by id, read in the caller's transaction.
pub async fn get_tx(tx: &mut Tx, id: &str) -> Result<Option<Draft>, sqlx::Error> {
    let sql = format!("SELECT {DRAFT_COLUMNS} FROM survey_drafts d WHERE d.id = $1");
    let row: Option<DraftRow> = crate::fetch!(fetch_optional, tx, &sql, id)?;
    row.map(draft).transpose()
}

/// Whether a save with this idempotency key was already applied to the draft.
pub async fn save_seen(tx: &mut Tx, draft_id: &str, key: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = crate::scalar!(
        fetch_one,
        tx,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM survey_saves WHERE draft_id = $1 AND idempotency_key = $2",
        draft_id,
        key,
    )?;
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
    let updated = crate::execute!(
        tx,
        "UPDATE survey_drafts SET answers = $1, seq = $2, reached_step = $3, updated_at = $4 \
             WHERE id = $5 AND seq = $6 AND submitted_at IS NULL",
        &json,
        seq,
        reached_step,
        now,
        &draft.id,
        expected_seq,
    )?;
    if updated == 0 {
        return Ok(false);
    }
    crate::execute!(
        tx,
        "INSERT INTO survey_saves (draft_id, idempotency_key, seq, created_at) VALUES ($1, $2, $3, $4)",
        &draft.id,
        idempotency_key,
        seq,
        now,
    )
    .map(|_| ())?;
    Ok(true)
}

/// Gives an anonymous draft that is still being answered to `user_id` (a signed-in respondent
/// who continued it from a resume link); an owned or submitted draft is left as it is.
pub async fn take_over_anonymous(tx: &mut Tx, draft_id: &str, user_id: &str) -> Result<(), sqlx::Error> {
    crate::execute!(
        tx,
        "UPDATE survey_drafts SET user_id = $2, updated_at = $3 \
             WHERE id = $1 AND user_id IS NULL AND submitted_at IS NULL",
        draft_id,
        user_id,
        now_ms(),
    )
    .map(|_| ())
}

/// Marks a draft submitted with what it produced; `false` if it already was.
pub async fn mark_submitted(
    tx: &mut Tx,
    draft_id: &str,
    user_id: Option<&str>,
    result_id: &str,
) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let n = crate::execute!(
        tx,
        "UPDATE survey_drafts SET submitted_at = $1, result_id = $2, user_id = COALESCE(user_id, $3), updated_at = $1 \
             WHERE id = $4 AND submitted_at IS NULL",
        now,
        result_id,
        user_id,
        draft_id,
    )?;
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

/// One version of a provider profile.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProfileVersion {
    pub version: i64,
    pub answers: Answers,
    /// When it was submitted.
    pub at: i64,
}

fn profile_version(
    organisation_id: &str,
    (version, answers, at): (i64, String, i64),
) -> Result<ProfileVersion, sqlx::Error> {
    let answers = super::decode::stored("provider_profile_versions", "answers", organisation_id).json(&answers)?;
    Ok(ProfileVersion { version, answers, at })
}

/// The current version of an organisation's profile.
pub async fn current_profile(db: &Db, organisation_id: &str) -> Result<Option<ProfileVersion>, sqlx::Error> {
    let row: Option<(i64, String, i64)> = crate::fetch!(
        fetch_optional,
        db,
        "SELECT CAST(v.version AS BIGINT), v.answers, v.created_at FROM provider_profiles p \
             JOIN provider_profile_versions v ON v.organisation_id = p.organisation_id AND v.version = p.current_version \
             WHERE p.organisation_id = $1",
        organisation_id,
    )?;
    row.map(|r| profile_version(organisation_id, r)).transpose()
}

/// Every version of a profile, oldest first.
pub async fn profile_versions(db: &Db, organisation_id: &str) -> Result<Vec<ProfileVersion>, sqlx::Error> {
    let rows: Vec<(i64, String, i64)> = crate::fetch!(
        fetch_all,
        db,
        "SELECT CAST(version AS BIGINT), answers, created_at FROM provider_profile_versions \
             WHERE organisation_id = $1 ORDER BY version",
        organisation_id,
    )?;
    rows.into_iter().map(|r| profile_version(organisation_id, r)).collect()
}

/// Stores a submitted request and returns its id.
pub async fn insert_request(
    tx: &mut Tx,
    organisation_id: &str,
    submitted_by: Option<&str>,
    country: &str,
    answers: &Answers,
    at: i64,
) -> Result<String, sqlx::Error> {
    let id = new_id();
    let now = at;
    let json = serde_json::to_string(answers).unwrap_or_else(|_| "{}".into());
    crate::execute!(
        tx,
        "INSERT INTO requests (id, organisation_id, submitted_by, status, country, answers, created_at, updated_at) \
             VALUES ($1, $2, $3, 'submitted', $4, $5, $6, $6)",
        &id,
        organisation_id,
        submitted_by,
        country,
        &json,
        now,
    )
    .map(|_| ())?;
    Ok(id)
}

/// A submitted request, with where its case stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub id: String,
    pub organisation_id: String,
    pub status: String,
    pub answers: Answers,
    pub created_at: i64,
    /// The stage of the case it opened (and its outcome once closed).
    pub case_stage: Option<crate::model::CaseStanding>,
}

/// The columns [`request_of`] reads, from `requests r LEFT JOIN cases c ON c.request_id = r.id`.
pub(crate) const REQUEST_COLUMNS: &str =
    "r.id, r.organisation_id, r.status, r.answers, r.created_at, c.stage, c.outcome";

type RequestRow = (String, String, String, String, i64, Option<String>, Option<String>);

/// Reads a request's columns ([`REQUEST_COLUMNS`]).
pub(crate) fn request_of(row: RequestRow) -> Result<Request, sqlx::Error> {
    let (id, organisation_id, status, answers, created_at, stage, outcome) = row;
    let answers = super::decode::stored("requests", "answers", &id).json(&answers)?;
    let case = |column| super::decode::stored("cases", column, &id);
    let case_stage = match case("stage").key_opt(stage.as_deref(), CaseStage::from_key)? {
        Some(stage) => Some(crate::model::CaseStanding {
            stage,
            outcome: case("outcome").key_opt(outcome.as_deref(), Outcome::from_key)?,
        }),
        None => None,
    };
    Ok(Request { id, organisation_id, status, answers, created_at, case_stage })
}

/// The requests of the given organisations, newest first.
pub async fn requests_of(db: &Db, organisation_ids: &[String]) -> Result<Vec<Request>, sqlx::Error> {
    let mut out = Vec::new();
    for org in organisation_ids {
        let sql = format!(
            "SELECT {REQUEST_COLUMNS} FROM requests r LEFT JOIN cases c ON c.request_id = r.id \
             WHERE r.organisation_id = $1 ORDER BY r.created_at DESC"
        );
        let rows: Vec<RequestRow> = crate::fetch!(fetch_all, db, &sql, org)?;
        for row in rows {
            out.push(request_of(row)?);
        }
    }
    out.sort_by_key(|r| std::cmp::Reverse(r.created_at));
    Ok(out)
}

/// Records that draft `draft_id` follows case `case_id` (a government asking again).
pub async fn set_follows(tx: &mut Tx, draft_id: &str, case_id: &str) -> Result<(), sqlx::Error> {
    crate::execute!(tx, "UPDATE survey_drafts SET follows_case_id = $1 WHERE id = $2", case_id, draft_id).map(|_| ())
}

/// The case draft `draft_id` follows, if any.
pub async fn follows_of(tx: &mut Tx, draft_id: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(Option<String>,)> =
        crate::fetch!(fetch_optional, tx, "SELECT follows_case_id FROM survey_drafts WHERE id = $1", draft_id)?;
    Ok(row.and_then(|r| r.0))
}
