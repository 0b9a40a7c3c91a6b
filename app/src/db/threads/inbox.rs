//! A person's inbox: every thread they take part in (through an organisation, by name, or as
//! the case's Case Manager), unread first, optionally only those whose messages contain a text.

use crate::db::Db;

/// The threads `$1` takes part in now (a removed participant no longer does).
pub const TAKES_PART: &str = "(c.case_manager_id = $1 OR EXISTS (SELECT 1 FROM thread_participants p \
     WHERE p.thread_id = t.id AND p.removed_at IS NULL AND (p.user_id = $1 OR p.organisation_id IN \
     (SELECT ms.organisation_id FROM memberships ms WHERE ms.user_id = $1))))";

/// Whether `$1` may know the requesting government's name in thread `t` of case `c`: its Case
/// Manager, its members, or anyone in a thread the government takes part in (providers
/// introduced to each other see the country only).
pub const KNOWS_GOVERNMENT: &str = "(c.case_manager_id = $1 OR EXISTS (SELECT 1 FROM thread_participants gp \
     WHERE gp.thread_id = t.id AND gp.removed_at IS NULL AND gp.organisation_id = c.organisation_id) \
     OR EXISTS (SELECT 1 FROM memberships gm WHERE gm.user_id = $1 AND gm.organisation_id = c.organisation_id))";

/// Most words of a search looked up.
pub const SEARCH_WORDS: usize = 5;

/// One line of the inbox.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct InboxRow {
    pub thread_id: String,
    pub case_id: String,
    pub introduction_id: Option<String>,
    /// The requesting government's name (for those who may know it: see [`KNOWS_GOVERNMENT`])
    /// and country.
    pub government: Option<String>,
    pub country: String,
    pub last_seq: i64,
    pub read_seq: i64,
    pub last_message_at: Option<i64>,
    pub last_body: Option<String>,
    pub last_author: Option<String>,
}

/// `user`'s threads, unread first, then the most recent; with `search`, only those with a
/// message holding every word of it (looked up by index in `message_words`; a search with no
/// word of two letters or more matches the text itself, in the user's threads only).
pub async fn inbox(db: &Db, user: &str, search: &str, limit: i64) -> Result<Vec<InboxRow>, sqlx::Error> {
    let words: Vec<String> = crate::domain::threads::words(search).into_iter().take(SEARCH_WORDS).collect();
    let mut binds: Vec<String> = vec![user.to_string()];
    let mut filter = String::new();
    if !words.is_empty() {
        for w in words {
            binds.push(w);
            filter.push_str(&format!(
                " AND EXISTS (SELECT 1 FROM message_words mw WHERE mw.thread_id = t.id AND mw.word = ${})",
                binds.len()
            ));
        }
    } else if !search.trim().is_empty() {
        binds.push(format!("%{}%", escape_like(&search.trim().to_lowercase())));
        filter = format!(
            " AND EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = t.id AND LOWER(m.body) LIKE ${} ESCAPE '\\')",
            binds.len()
        );
    }
    let sql = format!(
        "SELECT t.id AS thread_id, t.case_id, t.introduction_id, CASE WHEN {KNOWS_GOVERNMENT} THEN o.name END AS government, \
             o.country, t.last_seq, \
             COALESCE(r.last_seq, 0) AS read_seq, t.last_message_at, \
             (SELECT m.body FROM messages m WHERE m.thread_id = t.id AND m.seq = t.last_seq) AS last_body, \
             (SELECT u.name FROM messages m JOIN users u ON u.id = m.author_user_id \
                 WHERE m.thread_id = t.id AND m.seq = t.last_seq) AS last_author \
         FROM threads t JOIN cases c ON c.id = t.case_id JOIN organisations o ON o.id = c.organisation_id \
         LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = $1 \
         WHERE {TAKES_PART}{filter} \
         ORDER BY CASE WHEN t.last_seq > COALESCE(r.last_seq, 0) THEN 0 ELSE 1 END, \
             COALESCE(t.last_message_at, t.created_at) DESC, t.id LIMIT {limit}"
    );
    crate::conn_run!(db.conn(), |c| {
        let mut q = sqlx::query_as(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        q.fetch_all(c).await
    })
}

/// How many messages `user` has not read, over all their threads.
pub async fn unread_total(db: &Db, user: &str) -> Result<i64, sqlx::Error> {
    let sql = format!(
        "SELECT CAST(COALESCE(SUM(t.last_seq - COALESCE(r.last_seq, 0)), 0) AS BIGINT) FROM threads t \
             JOIN cases c ON c.id = t.case_id LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = $1 \
             WHERE t.last_seq > COALESCE(r.last_seq, 0) AND {TAKES_PART}"
    );
    crate::scalar!(fetch_one, db, &sql, user)
}

/// Escapes `%`, `_` and the escape character itself for a `LIKE … ESCAPE '\'` pattern.
fn escape_like(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        if matches!(ch, '%' | '_' | '\\') {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn like_patterns_match_the_text_literally() {
        assert_eq!(super::escape_like(r"50% of a_b\c"), r"50\% of a\_b\\c");
    }
}
