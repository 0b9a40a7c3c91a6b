//! Graceful shutdown: one token cancelled when SIGTERM (or Ctrl-C) arrives. Live streams end on
//! it with a reconnect hint, background workers stop between two runs, and axum stops accepting
//! connections and lets the requests in flight finish.

use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// How soon a browser whose live stream was closed by a shutdown reconnects (to another
/// instance, or this one restarted).
pub const RECONNECT_HINT: Duration = Duration::from_secs(2);

/// The app's shutdown token. Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct Shutdown(CancellationToken);

impl Shutdown {
    pub fn new() -> Shutdown {
        Shutdown::default()
    }

    /// Starts the shutdown (idempotent).
    pub fn begin(&self) {
        self.0.cancel();
    }

    /// Whether the shutdown has begun.
    pub fn is_stopping(&self) -> bool {
        self.0.is_cancelled()
    }

    /// Resolves once the shutdown has begun.
    pub async fn stopping(&self) {
        self.0.cancelled().await
    }

    /// Runs `job` every `period` (the first run at once) until the shutdown begins; a run in
    /// progress is finished, never cut off half way.
    pub fn every<F, Fut>(&self, name: &'static str, period: Duration, mut job: F) -> tokio::task::JoinHandle<()>
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: std::future::Future<Output = ()> + Send + 'static,
    {
        let token = self.0.clone();
        tokio::spawn(async move {
            let mut every = tokio::time::interval(period);
            every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = token.cancelled() => break,
                    _ = every.tick() => job().await,
                }
            }
            tracing::debug!(job = name, "background job stopped");
        })
    }
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
