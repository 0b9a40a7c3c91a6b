//! The database's outages, as the app lives through them. A watcher asks the database every
//! half second whether it answers; while it does not, every request that would need it gets a
//! quick 503 with `Retry-After` (a translated page, or the server function's error) instead of
//! queueing for a connection that cannot come, so nothing piles up. The first answer after an
//! outage lifts it: the pool replaces its dead connections as it hands them out, and the live
//! channel's listener reconnects and tells open pages to refetch (`app::events`).

use super::request::RequestId;
use app::db::Database;
use app::error::AppError;
use app::i18n::{cookie_value, negotiate, K, LOCALE_COOKIE};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::server_fn::error::FromServerFnError;
use std::sync::atomic::{AtomicI64, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How often the database is asked, and how long an answer may take.
pub const PROBE_EVERY: Duration = Duration::from_millis(500);
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(1);
/// What a refused request is told: try again after this many seconds.
pub const RETRY_AFTER_SECS: u64 = 2;

/// Whether the database answers, as last asked. Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct Outage {
    /// When the current outage began (ms since the epoch), or 0 while the database answers.
    down_since: Arc<AtomicI64>,
    /// Outages seen since the start (for the metrics).
    seen: Arc<AtomicU64>,
}

impl Outage {
    /// Whether the database failed to answer the last time it was asked.
    pub fn is_down(&self) -> bool {
        self.down_since.load(Ordering::Relaxed) != 0
    }

    /// How many outages began since the start.
    pub fn outages(&self) -> u64 {
        self.seen.load(Ordering::Relaxed)
    }

    /// Notes one answer (or its absence) of the database.
    fn observe(&self, answered: bool, now: i64) {
        let since = self.down_since.load(Ordering::Relaxed);
        if !answered && since == 0 {
            tracing::error!("the database does not answer; requests get 503 until it does");
            self.down_since.store(now.max(1), Ordering::Relaxed);
            self.seen.fetch_add(1, Ordering::Relaxed);
        } else if answered && since != 0 {
            tracing::warn!(after_ms = now - since, "the database answers again");
            self.down_since.store(0, Ordering::Relaxed);
        }
    }

    /// Starts asking the database, until `shutdown`.
    pub fn watch(&self, db: Database, shutdown: &super::Shutdown) -> tokio::task::JoinHandle<()> {
        let outage = self.clone();
        shutdown.every("database watch", PROBE_EVERY, move || {
            let (db, outage) = (db.clone(), outage.clone());
            async move {
                let answered = matches!(tokio::time::timeout(PROBE_TIMEOUT, db.ping()).await, Ok(Ok(())));
                outage.observe(answered, app::db::now_ms());
            }
        })
    }
}

/// Paths served without the database: the health check (which says it is down), the metrics
/// and the built assets.
fn needs_database(path: &str) -> bool {
    !(path == "/healthz" || path == "/metrics" || path.starts_with("/pkg/") || path == "/favicon.ico")
}

/// Middleware: while the database is down, answers 503 at once.
pub async fn refuse_while_down(State(outage): State<Outage>, req: Request, next: Next) -> Response {
    if !outage.is_down() || !needs_database(req.uri().path()) {
        return next.run(req).await;
    }
    unavailable(&req)
}

/// The quick 503 for a request the database cannot serve now: the server function's error
/// ("unavailable") to a script, a short translated page (with the request's reference) to a
/// browser; `Retry-After` either way.
pub fn unavailable(req: &Request) -> Response {
    let get = |name| req.headers().get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let locale =
        negotiate(get(header::COOKIE).and_then(|c| cookie_value(c, LOCALE_COOKIE)), get(header::ACCEPT_LANGUAGE));
    let wants_page = get(header::ACCEPT).is_some_and(|a| a.contains("text/html"));
    let is_api = req.uri().path().starts_with("/api/");
    let id = req.extensions().get::<RequestId>().map(|r| r.0.clone()).unwrap_or_default();
    let retry = [(header::RETRY_AFTER, RETRY_AFTER_SECS.to_string())];
    if is_api && !wants_page {
        let body = AppError::Unavailable.ser();
        return (StatusCode::SERVICE_UNAVAILABLE, retry, [(header::CONTENT_TYPE, "application/json")], body)
            .into_response();
    }
    let (title, body, reference) =
        (locale.t(K::ErrorTitle), locale.t(K::ErrorUnavailable), locale.t(K::ErrorReference));
    let esc = |s: &str| html_escape::encode_text(s).to_string();
    let page = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{t}</title></head>\
         <body><main><h1>{t}</h1><p>{b}</p><p>{r} <code>{id}</code></p></main></body></html>",
        lang = locale.code(),
        t = esc(title),
        b = esc(body),
        r = esc(reference),
        id = esc(&id),
    );
    (StatusCode::SERVICE_UNAVAILABLE, retry, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], page).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_outage_begins_once_and_ends_at_the_first_answer() {
        let o = Outage::default();
        o.observe(true, 10);
        assert!(!o.is_down());
        o.observe(false, 20);
        o.observe(false, 30);
        assert!(o.is_down() && o.outages() == 1);
        o.observe(true, 40);
        assert!(!o.is_down());
        o.observe(false, 50);
        assert_eq!(o.outages(), 2);
    }

    #[test]
    fn the_health_check_metrics_and_assets_do_not_wait_for_the_database() {
        for path in ["/healthz", "/metrics", "/pkg/ogpnm.css", "/favicon.ico"] {
            assert!(!needs_database(path), "{path}");
        }
        for path in ["/", "/api/post_message", "/cases", "/events"] {
            assert!(needs_database(path), "{path}");
        }
    }
}
