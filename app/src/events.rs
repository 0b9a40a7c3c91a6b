//! The live channel's hub: every change (a [`LiveEvent`]: cases now, and each later feature's
//! own kind) is published after its transaction commits, and every open page that follows it
//! hears of it over the one server-sent events route, filtered by the policy for its viewer.
//!
//! On SQLite (one instance) events go through an in-process channel. On PostgreSQL, where
//! several instances may serve the same database, they go through `NOTIFY`, and each instance
//! listens and forwards what it hears to its own channel, so a change made through one instance
//! reaches the boards open on every other.

use crate::db::{Database, Db};
use crate::model::LiveEvent;
use crate::presence::Presence;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::broadcast;

/// How many events the channel holds for its slowest subscriber; one further behind is told
/// to refetch (`resync`) instead of holding up anyone else or growing memory.
pub const BUFFER: usize = 1024;

/// What every subscriber receives.
#[derive(Debug)]
pub enum Heard {
    /// A change, written as JSON once and shared by all.
    Change { event: LiveEvent, json: String },
    /// Changes may have been missed: this instance's listener lost its database connection and
    /// is back (a database restart). Every open page refetches what it shows.
    Missed,
}

impl Heard {
    fn new(event: LiveEvent) -> Arc<Heard> {
        let json = serde_json::to_string(&event).unwrap_or_default();
        Arc::new(Heard::Change { event, json })
    }
}

/// The PostgreSQL notification channel.
pub const CHANNEL: &str = "ogpnm_live";

/// The event hub of one instance.
#[derive(Clone, Debug)]
pub struct Events {
    tx: broadcast::Sender<Arc<Heard>>,
    postgres: Option<sqlx::PgPool>,
    /// Who is looking at the board and at each case through this instance.
    pub presence: Presence,
}

impl Events {
    /// Starts the hub; on PostgreSQL, returns once this instance listens for notifications.
    pub async fn start(db: &Database) -> Events {
        let (tx, _) = broadcast::channel(BUFFER);
        let postgres = match db.write() {
            Db::Postgres(pool) => Some(pool.clone()),
            Db::Sqlite(_) => None,
        };
        let presence = Presence::new();
        if let Some(pool) = &postgres {
            let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
            tokio::spawn(listen(pool.clone(), tx.clone(), presence.clone(), ready_tx));
            // without a listener the board is merely not live; never block start-up for long
            let _ = tokio::time::timeout(Duration::from_secs(5), ready_rx).await;
        }
        let events = Events { tx, postgres, presence };
        tokio::spawn(report_presence(events.clone()));
        events
    }

    /// Publishes a change (after its transaction committed). Losing an event never loses
    /// data: a board that misses one is only late until the next change or reload.
    pub async fn publish(&self, event: LiveEvent) {
        match &self.postgres {
            Some(pool) => {
                let json = serde_json::to_string(&event).unwrap_or_default();
                if let Err(e) = sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(&json).execute(pool).await {
                    tracing::warn!(error = %e, "cannot publish a live event; telling this instance only");
                    let _ = self.tx.send(Arc::new(Heard::Change { event, json }));
                }
            }
            None => {
                let _ = self.tx.send(Heard::new(event));
            }
        }
    }

    /// Hears every change from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<Heard>> {
        self.tx.subscribe()
    }

    /// How many streams listen through this instance now.
    pub fn listeners(&self) -> usize {
        self.tx.receiver_count()
    }
}

/// Publishes this instance's presence reports: after each change (gathered) and, for every
/// place someone looks at, every heartbeat (so other instances keep them). Ends when the
/// instance's last handle on the hub is gone.
async fn report_presence(events: Events) {
    let mut beat = tokio::time::interval(crate::presence::HEARTBEAT);
    beat.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        let reports = tokio::select! {
            changed = events.presence.changes() => changed,
            _ = beat.tick() => events.presence.all(),
        };
        if events.postgres.as_ref().is_some_and(|p| p.is_closed()) {
            return;
        }
        for report in reports {
            events.publish(LiveEvent::Presence(report)).await;
        }
    }
}

/// Forwards PostgreSQL notifications to the local channel, reconnecting after a failure.
async fn listen(
    pool: sqlx::PgPool,
    tx: broadcast::Sender<Arc<Heard>>,
    presence: Presence,
    ready: tokio::sync::oneshot::Sender<()>,
) {
    let mut ready = Some(ready);
    let mut lost = false;
    loop {
        let listener = async {
            let mut l = sqlx::postgres::PgListener::connect_with(&pool).await?;
            l.listen(CHANNEL).await?;
            Ok::<_, sqlx::Error>(l)
        }
        .await;
        match listener {
            Ok(mut l) => {
                if let Some(r) = ready.take() {
                    let _ = r.send(());
                }
                if std::mem::take(&mut lost) {
                    tracing::info!("live event listener reconnected; open pages refetch what they show");
                    let _ = tx.send(Arc::new(Heard::Missed));
                }
                loop {
                    // `try_recv` (not `recv`, which reconnects silently) says when the
                    // connection was lost: notifications sent meanwhile are gone
                    match l.try_recv().await {
                        Ok(Some(n)) => match serde_json::from_str::<LiveEvent>(n.payload()) {
                            Ok(event) => {
                                if let LiveEvent::Presence(report) = &event {
                                    presence.heard(report);
                                }
                                let _ = tx.send(Arc::new(Heard::Change { event, json: n.payload().to_string() }));
                            }
                            Err(e) => tracing::warn!(error = %e, "unreadable live event"),
                        },
                        Ok(None) => {
                            tracing::warn!("live event listener lost its connection; reconnecting");
                            lost = true;
                            break;
                        }
                        Err(e) => {
                            tracing::warn!(error = %e, "live event listener lost its connection");
                            lost = true;
                            break;
                        }
                    }
                }
            }
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for live events; retrying");
                lost = lost || ready.is_none();
            }
        }
        if pool.is_closed() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}
