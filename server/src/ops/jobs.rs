//! The background jobs, each run at its period until the shutdown begins (a run in progress
//! is finished, never cut off) and counted in the metrics by outcome:
//! - every minute: reminders to providers whose window to answer an introduction closes within
//!   a day and lapses once it has closed; the digests of unread messages that are due;
//! - every hour: the follow-ups whose three- or six-month milestone has come (once per side,
//!   whatever the number of instances), the removal of stored files no message names (left by
//!   a post that stopped half way), and the yearly "is this profile still accurate?" reminders.
//!
//! The mail worker is the other background worker (`app::mail`), stopped by the same token.

use super::Ops;
use app::state::AppState;
use std::future::Future;
use std::time::Duration;
use tokio::task::JoinHandle;

const MINUTE: Duration = Duration::from_secs(60);
const HOUR: Duration = Duration::from_secs(3600);

/// What the jobs work with.
#[derive(Clone)]
pub struct JobContext {
    pub state: AppState,
    /// `OGPNM_DIGEST_MINUTES`: how long messages wait unread before they are mailed.
    pub digest_after: Duration,
}

/// Starts every job; their handles end once the shutdown has begun and their run is over.
pub fn spawn_all(ops: &Ops, context: JobContext) -> Vec<JoinHandle<()>> {
    vec![
        spawn(ops, &context, "introduction_sweep", MINUTE, introduction_sweep),
        spawn(ops, &context, "message_digests", MINUTE, message_digests),
        spawn(ops, &context, "follow_ups", HOUR, follow_ups),
        spawn(ops, &context, "orphan_files", HOUR, orphan_files),
        spawn(ops, &context, "profile_reminders", HOUR, profile_reminders),
    ]
}

fn spawn<Fut>(
    ops: &Ops,
    context: &JobContext,
    name: &'static str,
    period: Duration,
    run: fn(JobContext) -> Fut,
) -> JoinHandle<()>
where
    Fut: Future<Output = bool> + Send + 'static,
{
    let (metrics, context) = (ops.metrics.clone(), context.clone());
    ops.shutdown.every(name, period, move || {
        let (metrics, context) = (metrics.clone(), context.clone());
        async move {
            let ok = run(context).await;
            metrics.job_ran(name, ok);
        }
    })
}

async fn introduction_sweep(c: JobContext) -> bool {
    let s = &c.state;
    match app::api::introductions::sweep_introductions(&s.db, &s.mailer, &s.events, app::db::now_ms()).await {
        Ok(swept) => {
            if swept.reminded + swept.lapsed > 0 {
                tracing::info!(reminded = swept.reminded, lapsed = swept.lapsed, "introductions swept");
            }
            true
        }
        Err(e) => {
            tracing::error!(error = %e, "cannot sweep the introductions");
            false
        }
    }
}

async fn message_digests(c: JobContext) -> bool {
    let delay = c.digest_after.as_millis() as i64;
    let sent = app::api::threads::send_digests(&c.state.db, &c.state.mailer, app::db::now_ms(), delay).await;
    counted(sent, "message digests queued")
}

async fn follow_ups(c: JobContext) -> bool {
    counted(
        app::api::followups::ask_follow_ups(&c.state.db, &c.state.mailer, app::db::now_ms()).await,
        "follow-ups asked",
    )
}

async fn orphan_files(c: JobContext) -> bool {
    let removed = app::api::threads::sweep_orphan_files(&c.state.db, &c.state.files, app::db::now_ms()).await;
    counted(removed, "stored files no message names removed")
}

async fn profile_reminders(c: JobContext) -> bool {
    let sent = app::api::roster::send_profile_reminders(&c.state.db, &c.state.mailer, app::db::now_ms()).await;
    counted(sent, "yearly profile reminders queued")
}

/// Logs what a job that counts its work did; true when it succeeded.
fn counted<E: std::fmt::Display>(result: Result<usize, E>, what: &'static str) -> bool {
    match result {
        Ok(0) => true,
        Ok(n) => {
            tracing::info!(n, "{what}");
            true
        }
        Err(e) => {
            tracing::error!(error = %e, "job failed: {what}");
            false
        }
    }
}
