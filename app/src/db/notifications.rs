//! Notifications: what needs someone, stored per person (shown in the app) in the transaction
//! of the change they are about; their mails go through the outbox in the same transaction.

use super::{new_id, Conn, Db, Tx};
use crate::domain::notices::NoticeKind;
use crate::i18n::Locale;

/// Someone to notify, with where and in which language to write.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Recipient {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub locale: String,
}

impl Recipient {
    /// Their language (the default for a code that is not one).
    pub fn language(&self) -> Locale {
        Locale::from_code(&self.locale).unwrap_or_default()
    }
}

/// The active members of organisations (each person once).
pub async fn members(conn: impl Into<Conn<'_>>, organisations: &[String]) -> Result<Vec<Recipient>, sqlx::Error> {
    if organisations.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=organisations.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT DISTINCT u.id AS user_id, u.name, u.email, u.locale FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.organisation_id IN ({}) AND u.disabled_at IS NULL ORDER BY u.id",
        placeholders.join(", ")
    );
    crate::conn_run!(conn.into(), |c| {
        let mut q = sqlx::query_as(&sql);
        for o in organisations {
            q = q.bind(o);
        }
        q.fetch_all(c).await
    })
}

/// One person, if active.
pub async fn person(conn: impl Into<Conn<'_>>, user_id: &str) -> Result<Option<Recipient>, sqlx::Error> {
    crate::conn_run!(conn.into(), |c| {
        sqlx::query_as("SELECT id AS user_id, name, email, locale FROM users WHERE id = $1 AND disabled_at IS NULL")
            .bind(user_id)
            .fetch_optional(c)
            .await
    })
}

/// The active members of the steering committee.
pub async fn steering(conn: impl Into<Conn<'_>>) -> Result<Vec<Recipient>, sqlx::Error> {
    crate::conn_run!(conn.into(), |c| {
        sqlx::query_as(
            "SELECT id AS user_id, name, email, locale FROM users \
                 WHERE staff_role = 'steering' AND disabled_at IS NULL ORDER BY id",
        )
        .fetch_all(c)
        .await
    })
}

/// A notification for one person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice<'a> {
    pub kind: NoticeKind,
    pub case_id: Option<&'a str>,
    /// Where it leads (a path on this site).
    pub link: &'a str,
    pub at: i64,
}

/// Stores a notification for `user_id`.
pub async fn insert(tx: &mut Tx, user_id: &str, notice: &Notice<'_>) -> Result<(), sqlx::Error> {
    crate::execute!(
        tx,
        "INSERT INTO notifications (id, user_id, kind, case_id, link, at) VALUES ($1, $2, $3, $4, $5, $6)",
        new_id(),
        user_id,
        notice.kind.key(),
        notice.case_id,
        notice.link,
        notice.at,
    )
    .map(|_| ())
}

/// A stored notification.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stored {
    pub id: String,
    pub kind: NoticeKind,
    pub case_id: Option<String>,
    pub link: String,
    pub at: i64,
    pub read: bool,
}

/// `user_id`'s notifications, unread first, newest first.
pub async fn recent(db: &Db, user_id: &str, limit: i64) -> Result<Vec<Stored>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: String,
        kind: String,
        case_id: Option<String>,
        link: String,
        at: i64,
        read_at: Option<i64>,
    }
    let rows: Vec<Row> = crate::fetch!(
        fetch_all,
        db,
        "SELECT id, kind, case_id, link, at, read_at FROM notifications WHERE user_id = $1 \
             ORDER BY CASE WHEN read_at IS NULL THEN 0 ELSE 1 END, at DESC, id LIMIT $2",
        user_id,
        limit,
    )?;
    rows.into_iter()
        .map(|r| {
            let kind = crate::db::decode::stored("notifications", "kind", &r.id).key(&r.kind, NoticeKind::from_key)?;
            Ok(Stored { id: r.id, kind, case_id: r.case_id, link: r.link, at: r.at, read: r.read_at.is_some() })
        })
        .collect()
}

/// How many notifications `user_id` has not read.
pub async fn unread(db: &Db, user_id: &str) -> Result<i64, sqlx::Error> {
    crate::scalar!(
        fetch_one,
        db,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM notifications WHERE user_id = $1 AND read_at IS NULL",
        user_id,
    )
}

/// Marks every notification of `user_id` read.
pub async fn mark_all_read(tx: &mut Tx, user_id: &str, at: i64) -> Result<u64, sqlx::Error> {
    crate::execute!(tx, "UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL", user_id, at)
}

/// One person's unread messages in one thread, not yet mailed (for the digests).
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct DigestLine {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub locale: String,
    pub message_mail: String,
    pub digest_sent_at: Option<i64>,
    pub thread_id: String,
    /// The requesting government's name (for those who may know it), and its country.
    pub government: Option<String>,
    pub country: String,
    pub unread: i64,
    pub oldest: i64,
    pub newest: i64,
}

/// Everyone's unread, not yet mailed messages in the threads written to since `since`, by
/// person and thread (those who turned mail about messages off are left out).
pub async fn digest_lines(db: &Db, since: i64) -> Result<Vec<DigestLine>, sqlx::Error> {
    let knows = crate::db::threads::KNOWS_GOVERNMENT.replace("$1", "u.id");
    let sql = format!(
        "WITH recent AS (SELECT id, case_id FROM threads WHERE last_message_at > $1), \
         people AS ( \
             SELECT r.id AS thread_id, c.case_manager_id AS user_id FROM recent r JOIN cases c ON c.id = r.case_id \
                 WHERE c.case_manager_id IS NOT NULL \
             UNION SELECT p.thread_id, p.user_id FROM thread_participants p JOIN recent r ON r.id = p.thread_id \
                 WHERE p.removed_at IS NULL AND p.user_id IS NOT NULL \
             UNION SELECT p.thread_id, ms.user_id FROM thread_participants p JOIN recent r ON r.id = p.thread_id \
                 JOIN memberships ms ON ms.organisation_id = p.organisation_id WHERE p.removed_at IS NULL) \
         SELECT u.id AS user_id, u.name, u.email, u.locale, u.message_mail, u.digest_sent_at, t.id AS thread_id, \
             CASE WHEN {knows} THEN o.name END AS government, o.country, CAST(COUNT(m.id) AS BIGINT) AS unread, MIN(m.at) AS oldest, MAX(m.at) AS newest \
         FROM people pp JOIN users u ON u.id = pp.user_id JOIN threads t ON t.id = pp.thread_id \
         JOIN cases c ON c.id = t.case_id JOIN organisations o ON o.id = c.organisation_id \
         LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = u.id \
         JOIN messages m ON m.thread_id = t.id AND m.at > u.digest_upto AND m.seq > COALESCE(r.last_seq, 0) \
             AND (m.author_user_id IS NULL OR m.author_user_id <> u.id) \
         WHERE u.disabled_at IS NULL AND u.message_mail <> 'off' \
         GROUP BY u.id, u.name, u.email, u.locale, u.message_mail, u.digest_sent_at, t.id, o.name, o.country, \
             c.case_manager_id, c.organisation_id \
         ORDER BY u.id, MAX(m.at) DESC"
    );
    crate::fetch!(fetch_all, db, &sql, since)
}

/// Notes that a digest covering messages up to `upto` goes to `user_id` at `at`; `false` if one
/// covering them already went (another instance's sweep).
pub async fn digest_sent(tx: &mut Tx, user_id: &str, upto: i64, at: i64) -> Result<bool, sqlx::Error> {
    let n = crate::execute!(
        tx,
        "UPDATE users SET digest_upto = $2, digest_sent_at = $3 WHERE id = $1 AND digest_upto < $2",
        user_id,
        upto,
        at,
    )?;
    Ok(n == 1)
}

/// How `user_id` hears of messages by mail.
pub async fn message_mail(db: &Db, user_id: &str) -> Result<crate::domain::notices::MessageMail, sqlx::Error> {
    use crate::domain::notices::MessageMail;
    let key: String = crate::scalar!(fetch_one, db, "SELECT message_mail FROM users WHERE id = $1", user_id)?;
    crate::db::decode::stored("users", "message_mail", user_id).key(&key, MessageMail::from_key)
}

/// Sets how `user_id` hears of messages by mail.
pub async fn set_message_mail(
    tx: &mut Tx,
    user_id: &str,
    mode: crate::domain::notices::MessageMail,
) -> Result<(), sqlx::Error> {
    crate::execute!(tx, "UPDATE users SET message_mail = $2 WHERE id = $1", user_id, mode.key()).map(|_| ())
}
