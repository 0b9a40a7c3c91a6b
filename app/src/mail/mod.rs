//! Sending e-mail. Mails are written to the outbox inside the transaction that decides to send
//! them ([`crate::db::outbox::enqueue`]); this worker delivers them through SMTP (`SMTP_URL`,
//! with `lettre`), retrying with exponential backoff, so no acknowledged mail is lost while SMTP
//! is down. Without `SMTP_URL` (development) mails are written to the log and appended to a
//! file, so a newcomer can follow the links.

use crate::db::{now_ms, outbox, Database};
use lettre::message::{header::ContentType, Mailbox};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;

/// Attempts before a mail is marked failed.
pub const MAX_ATTEMPTS: i64 = 8;

/// Where mail goes.
#[derive(Clone)]
pub enum Transport {
    /// A real SMTP server.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Development: the log and a file.
    File(PathBuf),
}

/// The mail service shared by request handlers (to wake the worker) and the worker.
#[derive(Clone)]
pub struct Mailer {
    pub transport: Transport,
    pub from: Mailbox,
    /// Base URL for links in mails, e.g. `http://127.0.0.1:3000`.
    pub base_url: String,
    wake: Arc<Notify>,
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match &self.transport {
            Transport::Smtp(_) => "smtp".to_string(),
            Transport::File(p) => format!("file {}", p.display()),
        };
        f.debug_struct("Mailer").field("transport", &kind).field("from", &self.from.to_string()).finish()
    }
}

impl Mailer {
    /// Builds the mailer: SMTP when `smtp_url` is set (`smtp://host:port` plain,
    /// `smtp://…?tls=required` STARTTLS, `smtps://` implicit TLS, credentials in the URL),
    /// otherwise the file at `dir/outbox.log`.
    pub fn new(smtp_url: Option<&str>, from: &str, base_url: &str, dir: PathBuf) -> Result<Mailer, String> {
        let from: Mailbox = from.parse().map_err(|e| format!("OGPNM_MAIL_FROM={from:?} is not an address: {e}"))?;
        let transport = match smtp_url {
            Some(url) => Transport::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| format!("SMTP_URL is malformed: {e}"))?
                    .timeout(Some(Duration::from_secs(10)))
                    .build(),
            ),
            None => Transport::File(dir.join("outbox.log")),
        };
        Ok(Mailer {
            transport,
            from,
            base_url: base_url.trim_end_matches('/').to_string(),
            wake: Arc::new(Notify::new()),
        })
    }

    /// Tells the worker there is mail (call after the enqueuing transaction commits).
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    /// A link to `path` on this site.
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    async fn send(&self, mail: &outbox::OutboxMail) -> Result<(), String> {
        match &self.transport {
            Transport::Smtp(smtp) => {
                let to: Mailbox = mail.to_addr.parse().map_err(|e| format!("bad recipient: {e}"))?;
                let message = Message::builder()
                    .from(self.from.clone())
                    .to(to)
                    .subject(mail.subject.clone())
                    .header(ContentType::TEXT_PLAIN)
                    .body(mail.body_text.clone())
                    .map_err(|e| format!("cannot build the message: {e}"))?;
                smtp.send(message).await.map(|_| ()).map_err(|e| e.to_string())
            }
            Transport::File(path) => {
                use tokio::io::AsyncWriteExt;
                tracing::info!(to = %mail.to_addr, subject = %mail.subject, "mail (no SMTP_URL): {}", mail.body_text);
                if let Some(dir) = path.parent() {
                    tokio::fs::create_dir_all(dir).await.map_err(|e| e.to_string())?;
                }
                let entry = format!(
                    "---- {}\nTo: {}\nSubject: {}\n\n{}\n\n",
                    crate::domain::time::format_utc(now_ms()),
                    mail.to_addr,
                    mail.subject,
                    mail.body_text
                );
                let mut file = tokio::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .await
                    .map_err(|e| e.to_string())?;
                file.write_all(entry.as_bytes()).await.map_err(|e| e.to_string())
            }
        }
    }
}

/// Delay before the next attempt after `attempts` failures: 30 s, 1 min, 2 min, … capped at 1 h.
pub fn backoff_ms(attempts: i64) -> i64 {
    let exp = attempts.clamp(0, 7) as u32;
    (30_000_i64 << exp).min(3_600_000)
}

/// Sends every due mail once; returns how many were delivered.
pub async fn deliver_due(db: &Database, mailer: &Mailer) -> Result<usize, sqlx::Error> {
    let now = now_ms();
    let mut delivered = 0;
    for mail in outbox::due(db.read(), now, 50).await? {
        // another instance's worker may have read the same mail: only the one that claims it sends
        if !outbox::claim(db.write(), &mail.id, now_ms()).await? {
            continue;
        }
        match mailer.send(&mail).await {
            Ok(()) => {
                outbox::mark_sent(db.write(), &mail.id, now_ms()).await?;
                delivered += 1;
            }
            Err(error) => {
                let attempts = mail.attempts + 1;
                let give_up = attempts >= MAX_ATTEMPTS;
                tracing::warn!(to = %mail.to_addr, attempts, give_up, %error, "mail not sent");
                outbox::mark_attempt_failed(db.write(), &mail.id, &error, now_ms() + backoff_ms(attempts), give_up)
                    .await?;
            }
        }
    }
    Ok(delivered)
}

/// The worker: delivers due mail when woken and every few seconds, until the process ends.
pub fn spawn_worker(db: Database, mailer: Mailer) -> tokio::task::JoinHandle<()> {
    spawn_worker_until(db, mailer, std::future::pending())
}

/// The worker, until `stop` resolves: a delivery in progress is finished first (a mail sent is
/// marked sent), so stopping never makes it send a mail twice.
pub fn spawn_worker_until<F>(db: Database, mailer: Mailer, stop: F) -> tokio::task::JoinHandle<()>
where
    F: std::future::Future<Output = ()> + Send + 'static,
{
    tokio::spawn(async move {
        tokio::pin!(stop);
        loop {
            if let Err(e) = deliver_due(&db, &mailer).await {
                tracing::error!(error = %e, "mail worker cannot read the outbox");
            }
            tokio::select! {
                _ = &mut stop => break,
                _ = mailer.wake.notified() => {}
                _ = tokio::time::sleep(Duration::from_secs(5)) => {}
            }
        }
        tracing::debug!("mail worker stopped");
    })
}

#[cfg(test)]
mod tests {
    use super::backoff_ms;

    #[test]
    fn retries_back_off_exponentially_up_to_an_hour() {
        assert_eq!(backoff_ms(1), 60_000);
        assert_eq!(backoff_ms(2), 120_000);
        assert!(backoff_ms(7) <= 3_600_000);
        assert_eq!(backoff_ms(100), backoff_ms(7));
    }
}
