//! Conversations opened through the contact form (the visitor's messages and the team's
//! replies, the visitor's secret link kept hashed), and the news subscribers' double opt-in.

use super::{new_id, Db, Tx};
use crate::domain::contact::{Enquiry, EnquiryStatus, Topic};

/// A conversation's header.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct EnquiryRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub topic: String,
    pub locale: String,
    pub status: String,
    pub handled_by: Option<String>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

impl EnquiryRow {
    pub fn topic(&self) -> Topic {
        Topic::from_key(&self.topic).unwrap_or(Topic::Other)
    }

    pub fn status(&self) -> EnquiryStatus {
        EnquiryStatus::from_key(&self.status).unwrap_or(EnquiryStatus::Open)
    }
}

/// One message of a conversation.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct MessageRow {
    pub id: String,
    pub from_visitor: bool,
    pub author: Option<String>,
    pub body: String,
    pub at: i64,
}

const COLUMNS: &str =
    "id, name, email, organisation, topic, locale, status, handled_by, version, created_at, updated_at";

/// Opens a conversation with the visitor's first message; returns its id.
pub async fn open(tx: &mut Tx, e: &Enquiry, locale: &str, link_hash: &str, at: i64) -> Result<String, sqlx::Error> {
    let id = new_id();
    crate::execute!(
        tx,
        "INSERT INTO enquiries (id, name, email, organisation, topic, locale, status, link_hash, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, 'open', $7, $8, $8)",
        &id,
        &e.name,
        &e.email,
        &e.organisation,
        e.topic.key(),
        locale,
        link_hash,
        at,
    )?;
    add_message(tx, &id, None, &e.message, at).await?;
    Ok(id)
}

/// Adds a message: the visitor's (`author` `None`) or a team member's.
pub async fn add_message(
    tx: &mut Tx,
    enquiry_id: &str,
    author: Option<&str>,
    body: &str,
    at: i64,
) -> Result<(), sqlx::Error> {
    crate::execute!(
        tx,
        "INSERT INTO enquiry_messages (id, enquiry_id, author_user_id, from_visitor, body, at) VALUES ($1, $2, $3, $4, $5, $6)",
        new_id(),
        enquiry_id,
        author,
        author.is_none(),
        body,
        at,
    )
    .map(|_| ())
}

/// Moves a conversation to `status` if it is still at `version` (one of two replies at once
/// wins); `false` when someone else changed it first.
pub async fn set_status(
    tx: &mut Tx,
    id: &str,
    version: i64,
    status: EnquiryStatus,
    handled_by: Option<&str>,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let n = crate::execute!(
        tx,
        "UPDATE enquiries SET status = $1, handled_by = COALESCE($2, handled_by), version = version + 1, updated_at = $3 \
             WHERE id = $4 AND version = $5",
        status.key(),
        handled_by,
        at,
        id,
        version,
    )?;
    Ok(n == 1)
}

/// Gives a conversation a new secret link (each answer mails a fresh one).
pub async fn set_link(tx: &mut Tx, id: &str, link_hash: &str) -> Result<(), sqlx::Error> {
    crate::execute!(tx, "UPDATE enquiries SET link_hash = $1 WHERE id = $2", link_hash, id).map(|_| ())
}

/// A conversation by id.
pub async fn get(db: &Db, id: &str) -> Result<Option<EnquiryRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM enquiries WHERE id = $1");
    crate::fetch!(fetch_optional, db, &sql, id)
}

/// The conversation a visitor's link opens.
pub async fn by_link(db: &Db, link_hash: &str) -> Result<Option<EnquiryRow>, sqlx::Error> {
    let sql = format!("SELECT {COLUMNS} FROM enquiries WHERE link_hash = $1");
    crate::fetch!(fetch_optional, db, &sql, link_hash)
}

/// Its messages, oldest first, with each team member's name.
pub async fn messages(db: &Db, id: &str) -> Result<Vec<MessageRow>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT m.id, m.from_visitor, u.name AS author, m.body, m.at FROM enquiry_messages m \
             LEFT JOIN users u ON u.id = m.author_user_id WHERE m.enquiry_id = $1 ORDER BY m.at, m.id",
        id,
    )
}

/// Conversations in `status` (all when `None`), the most recently active first, at most 200.
pub async fn list(db: &Db, status: Option<EnquiryStatus>) -> Result<Vec<EnquiryRow>, sqlx::Error> {
    let sql = format!(
        "SELECT {COLUMNS} FROM enquiries WHERE ($1 = '' OR status = $1) ORDER BY updated_at DESC, id LIMIT 200"
    );
    crate::fetch!(fetch_all, db, &sql, status.map(|s| s.key()).unwrap_or(""))
}

/// Conversations waiting on the team.
pub async fn open_count(db: &Db) -> Result<i64, sqlx::Error> {
    crate::scalar!(fetch_one, db, "SELECT CAST(COUNT(*) AS BIGINT) FROM enquiries WHERE status = 'open'")
}

/// Asks for a news subscription: a new address, or one not confirmed yet, or one that left,
/// gets a fresh link (`token_hash`); an address already subscribed is left as it is. Returns
/// whether a confirmation should be mailed.
pub async fn request_news(
    tx: &mut Tx,
    email: &str,
    locale: &str,
    token_hash: &str,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let n = crate::execute!(
        tx,
        "INSERT INTO news_subscribers (email, locale, token_hash, requested_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (email) DO UPDATE SET locale = $2, token_hash = $3, requested_at = $4, confirmed_at = NULL, \
             unsubscribed_at = NULL WHERE news_subscribers.confirmed_at IS NULL OR news_subscribers.unsubscribed_at IS NOT NULL",
        email,
        locale,
        token_hash,
        at,
    )?;
    Ok(n == 1)
}

/// Confirms the subscription whose link this is (requested since `since`); the address, or
/// `None` for an unknown or expired link.
pub async fn confirm_news(tx: &mut Tx, token_hash: &str, since: i64, at: i64) -> Result<Option<String>, sqlx::Error> {
    let email: Option<String> = crate::scalar!(
        fetch_optional,
        tx,
        "SELECT email FROM news_subscribers WHERE token_hash = $1 AND unsubscribed_at IS NULL \
             AND (confirmed_at IS NOT NULL OR requested_at >= $2)",
        token_hash,
        since,
    )?;
    if let Some(email) = &email {
        crate::execute!(
            tx,
            "UPDATE news_subscribers SET confirmed_at = COALESCE(confirmed_at, $1) WHERE email = $2",
            at,
            email,
        )?;
    }
    Ok(email)
}

/// Unsubscribes the address whose link this is; `false` for an unknown link.
pub async fn unsubscribe_news(tx: &mut Tx, token_hash: &str, at: i64) -> Result<bool, sqlx::Error> {
    let n = crate::execute!(
        tx,
        "UPDATE news_subscribers SET unsubscribed_at = COALESCE(unsubscribed_at, $1) WHERE token_hash = $2",
        at,
        token_hash,
    )?;
    Ok(n == 1)
}

/// How many addresses are subscribed now (confirmed, not left).
pub async fn news_subscribers(db: &Db) -> Result<i64, sqlx::Error> {
    crate::scalar!(
        fetch_one,
        db,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM news_subscribers WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NULL",
    )
}
