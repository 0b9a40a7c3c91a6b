//! Success stories as stored: one per case, its text and the hash approvals are bound to, each
//! party's consent (approval of a text, or its withdrawal), and when it went public.

use super::{new_id, Conn, Db, Tx};
use crate::domain::agreements::{Party, PartyRole};
use crate::domain::stories::{Consent, StoryText};

/// A story as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Story {
    pub id: String,
    pub case_id: String,
    pub text: StoryText,
    pub sha256: String,
    pub published_at: Option<i64>,
    pub updated_at: i64,
}

#[derive(sqlx::FromRow)]
struct StoryRecord {
    id: String,
    case_id: String,
    title: String,
    summary: String,
    body: String,
    sha256: String,
    published_at: Option<i64>,
    updated_at: i64,
}

fn story(r: StoryRecord) -> Story {
    Story {
        id: r.id,
        case_id: r.case_id,
        text: StoryText { title: r.title, summary: r.summary, body: r.body },
        sha256: r.sha256,
        published_at: r.published_at,
        updated_at: r.updated_at,
    }
}

const COLUMNS: &str = "id, case_id, title, summary, body, sha256, published_at, updated_at";

/// The SHA-256 of a story's canonical text, in hex.
pub fn hash(text: &StoryText) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.canonical().as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// The story of a case, if one was drafted.
pub async fn of_case(conn: impl Into<Conn<'_>>, case_id: &str) -> Result<Option<Story>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM stories WHERE case_id = $1");
    let row: Option<StoryRecord> = crate::fetch!(fetch_optional, Into::<Conn<'_>>::into(conn), &sql, case_id)?;
    Ok(row.map(story))
}

/// A published story, by id (`None` when there is none, or it is not public).
pub async fn published(db: &Db, id: &str) -> Result<Option<Story>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM stories WHERE id = $1 AND published_at IS NOT NULL");
    let row: Option<StoryRecord> = crate::fetch!(fetch_optional, db, &sql, id)?;
    Ok(row.map(story))
}

/// The published stories, newest first, about `area` and in `region` when given.
pub async fn list_published(db: &Db, area: Option<&str>, region: Option<&str>) -> Result<Vec<Story>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM stories s WHERE published_at IS NOT NULL \
             AND ($1 = '' OR EXISTS (SELECT 1 FROM case_facets f WHERE f.case_id = s.case_id AND f.facet = 'area' AND f.value = $1)) \
             AND ($2 = '' OR EXISTS (SELECT 1 FROM case_facets f WHERE f.case_id = s.case_id AND f.facet = 'region' AND f.value = $2)) \
             ORDER BY published_at DESC LIMIT 200"
    );
    let rows: Vec<StoryRecord> = crate::fetch!(fetch_all, db, &sql, area.unwrap_or(""), region.unwrap_or(""))?;
    Ok(rows.into_iter().map(story).collect())
}

/// Writes the story of a case (its first draft, or an edit). An edit of the text takes the story
/// down until every party approves the new text. Returns the story as it now is.
pub async fn write(tx: &mut Tx, case_id: &str, text: &StoryText, by: &str, at: i64) -> Result<Story, sqlx::Error> {
    let sha = hash(text);
    match of_case(&mut *tx, case_id).await? {
        Some(s) if s.sha256 == sha => return Ok(s),
        Some(s) => {
            crate::execute!(
                tx,
                "UPDATE stories SET title = $1, summary = $2, body = $3, sha256 = $4, text_version = text_version + 1, \
                     published_at = NULL, written_by = $5, updated_at = $6 WHERE id = $7",
                &text.title,
                &text.summary,
                &text.body,
                &sha,
                by,
                at,
                &s.id,
            )?;
        }
        None => {
            crate::execute!(
                tx,
                "INSERT INTO stories (id, case_id, title, summary, body, sha256, written_by, updated_at) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                new_id(),
                case_id,
                &text.title,
                &text.summary,
                &text.body,
                &sha,
                by,
                at,
            )?;
        }
    }
    of_case(&mut *tx, case_id).await?.ok_or(sqlx::Error::RowNotFound)
}

/// Every party's consent to a story.
pub async fn consents(conn: impl Into<Conn<'_>>, story_id: &str) -> Result<Vec<Consent>, sqlx::Error> {
    let rows: Vec<(String, String, String, Option<i64>)> = crate::fetch!(
        fetch_all,
        Into::<Conn<'_>>::into(conn),
        "SELECT party_kind, party_id, sha256, withdrawn_at FROM story_approvals WHERE story_id = $1",
        story_id,
    )?;
    let at = crate::db::decode::stored("story_approvals", "party_kind", story_id);
    rows.into_iter()
        .map(|(kind, id, sha256, withdrawn_at)| {
            let party = Party::of(at.key(&kind, PartyRole::from_key)?, id);
            Ok(Consent { party, sha256, withdrawn: withdrawn_at.is_some() })
        })
        .collect()
}

/// Records `party`'s approval of the text hashed `sha256` (replacing an earlier approval or
/// withdrawal of the same party).
pub async fn approve(
    tx: &mut Tx,
    story_id: &str,
    party: &Party,
    sha256: &str,
    by: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    let (role, id) = party.role();
    crate::execute!(
        tx,
        "INSERT INTO story_approvals (story_id, party_kind, party_id, sha256, approved_by, approved_at) \
             VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (story_id, party_kind, party_id) DO UPDATE SET \
             sha256 = excluded.sha256, approved_by = excluded.approved_by, approved_at = excluded.approved_at, \
             withdrawn_at = NULL",
        story_id,
        role.key(),
        id,
        sha256,
        by,
        at,
    )
    .map(|_| ())
}

/// Records that `party` withdrew its consent.
pub async fn withdraw(tx: &mut Tx, story_id: &str, party: &Party, by: &str, at: i64) -> Result<(), sqlx::Error> {
    let (role, id) = party.role();
    crate::execute!(
        tx,
        "INSERT INTO story_approvals (story_id, party_kind, party_id, sha256, approved_by, approved_at, withdrawn_at) \
             VALUES ($1, $2, $3, '', $4, $5, $5) ON CONFLICT (story_id, party_kind, party_id) DO UPDATE SET \
             withdrawn_at = excluded.withdrawn_at",
        story_id,
        role.key(),
        id,
        by,
        at,
    )
    .map(|_| ())
}

/// Publishes the story at `at`, or takes it down (`None`).
pub async fn set_published(tx: &mut Tx, story_id: &str, at: Option<i64>) -> Result<(), sqlx::Error> {
    crate::execute!(tx, "UPDATE stories SET published_at = $1 WHERE id = $2", at, story_id).map(|_| ())
}
