//! Digests: a person's unread messages become one mail (never one per message), once they have
//! waited the digest delay unread, or once a day for those who chose so; each message is
//! mailed once. Run every minute by the server with the messages' threads read first.

use crate::db::notifications::{self, DigestLine};
use crate::db::{outbox, Database};
use crate::domain::notices::{digest_due, MessageMail};
use crate::i18n::{Locale, K};
use crate::mail::Mailer;

/// How far back a digest looks for threads written to.
const LOOK_BACK_MS: i64 = 3 * 24 * 3600 * 1000;

/// Sends the digests due at `now` (messages unread for `delay_ms` at least); returns how many.
pub async fn send_digests(db: &Database, mailer: &Mailer, now: i64, delay_ms: i64) -> Result<usize, sqlx::Error> {
    let lines = notifications::digest_lines(db.read(), now - LOOK_BACK_MS).await?;
    let mut sent = 0;
    let mut start = 0;
    while start < lines.len() {
        let end =
            lines[start..].iter().position(|l| l.user_id != lines[start].user_id).map_or(lines.len(), |n| start + n);
        let mine = &lines[start..end];
        start = end;
        let first = &mine[0];
        let mode = crate::db::decode::stored("users", "message_mail", &first.user_id)
            .key(&first.message_mail, MessageMail::from_key)?;
        let oldest = mine.iter().map(|l| l.oldest).min().unwrap_or(now);
        if !digest_due(mode, oldest, first.digest_sent_at, now, delay_ms) {
            continue;
        }
        let locale = Locale::from_code(&first.locale).unwrap_or_default();
        let (subject, body) = compose(locale, mailer, mine);
        let upto = mine.iter().map(|l| l.newest).max().unwrap_or(now);
        let mut tx = db.write().begin().await?;
        if !notifications::digest_sent(&mut tx, &first.user_id, upto, now).await? {
            continue;
        }
        outbox::enqueue(&mut tx, &first.email, &subject, &body).await?;
        tx.commit().await?;
        sent += 1;
    }
    if sent > 0 {
        mailer.wake();
    }
    Ok(sent)
}

/// The digest's subject and text, in the reader's language: each conversation with its number of
/// unread messages, and the link to the inbox.
fn compose(l: Locale, mailer: &Mailer, lines: &[DigestLine]) -> (String, String) {
    let total: i64 = lines.iter().map(|l| l.unread).sum();
    let list: Vec<String> = lines
        .iter()
        .map(|line| {
            let link = mailer.link(&format!("/threads/{}", line.thread_id));
            let country = crate::domain::countries::Country::by_code(&line.country).map(|c| c.name(l)).unwrap_or("");
            let who = line.government.clone().unwrap_or_else(|| l.tf(K::IntroForCountry, &[("country", country)]));
            let what = l.tf(K::MailDigestLine, &[("government", &who), ("count", &line.unread.to_string())]);
            format!("- {what}\n  {link}")
        })
        .collect();
    let (count, threads, inbox) = (total.to_string(), list.join("\n"), mailer.link("/inbox"));
    let vars = [
        ("name", lines[0].name.as_str()),
        ("count", count.as_str()),
        ("threads", threads.as_str()),
        ("link", inbox.as_str()),
    ];
    (l.tf(K::MailDigestSubject, &vars), l.tf(K::MailDigestBody, &vars))
}
