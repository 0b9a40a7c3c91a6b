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
use std::time::Duration;
use tokio::sync::broadcast;

/// The PostgreSQL notification channel.
pub const CHANNEL: &str = "ogpnm_live";

/// The event hub of one instance.
#[derive(Clone, Debug)]
pub struct Events {
    tx: broadcast::Sender<LiveEvent>,
    postgres: Option<sqlx::PgPool>,
}

impl Events {
    /// Starts the hub; on PostgreSQL, returns once this instance listens for notifications.
    pub async fn start(db: &Database) -> Events {
        let (tx, _) = broadcast::channel(256);
        let postgres = match db.write() {
            Db::Postgres(pool) => Some(pool.clone()),
            Db::Sqlite(_) => None,
        };
        if let Some(pool) = &postgres {
            let (ready_tx, ready_rx) = tokio::sync::oneshot::channel();
            tokio::spawn(listen(pool.clone(), tx.clone(), ready_tx));
            // without a listener the board is merely not live; never block start-up for long
            let _ = tokio::time::timeout(Duration::from_secs(5), ready_rx).await;
        }
        Events { tx, postgres }
    }

    /// Publishes a change (after its transaction committed). Losing an event never loses
    /// data: a board that misses one is only late until the next change or reload.
    pub async fn publish(&self, event: LiveEvent) {
        match &self.postgres {
            Some(pool) => {
                let payload = serde_json::to_string(&event).unwrap_or_default();
                if let Err(e) = sqlx::query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(payload).execute(pool).await
                {
                    tracing::warn!(error = %e, "cannot publish a live event; telling this instance only");
                    let _ = self.tx.send(event);
                }
            }
            None => {
                let _ = self.tx.send(event);
            }
        }
    }

    /// Hears every change from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<LiveEvent> {
        self.tx.subscribe()
    }
}

/// Forwards PostgreSQL notifications to the local channel, reconnecting after a failure.
async fn listen(pool: sqlx::PgPool, tx: broadcast::Sender<LiveEvent>, ready: tokio::sync::oneshot::Sender<()>) {
    let mut ready = Some(ready);
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
                loop {
                    match l.recv().await {
                        Ok(n) => match serde_json::from_str::<LiveEvent>(n.payload()) {
                            Ok(event) => {
                                let _ = tx.send(event);
                            }
                            Err(e) => tracing::warn!(error = %e, "unreadable live event"),
                        },
                        Err(e) => {
                            tracing::warn!(error = %e, "live event listener lost its connection");
                            break;
                        }
                    }
                }
            }
            Err(e) => tracing::warn!(error = %e, "cannot listen for live events; retrying"),
        }
        if pool.is_closed() {
            return;
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    }
}
