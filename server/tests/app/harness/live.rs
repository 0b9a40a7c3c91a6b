//! The live channel in tests: a second app instance on the same database (PostgreSQL: the
//! events cross through NOTIFY), and a reader of a server-sent events stream.

use super::{options, site_dir, Database, PoolSettings, Settings, TestApp};
use app::state::AppState;
use std::time::Duration;

/// Another instance of the app on `app`'s database, with its own event hub (as a second
/// process would have); its base URL, and its hub.
pub async fn second_instance(app: &TestApp) -> (String, app::events::Events, tempfile::TempDir) {
    let db = Database::connect(&app.test_db.url, &PoolSettings::default()).await.expect("connect");
    let site = site_dir();
    let leptos = options(&site.path().display().to_string(), false);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let settings = Settings {
        database_url: app.test_db.url.clone(),
        db_max_connections: 5,
        public_url: Some(format!("http://{addr}")),
        body_limit: 64 * 1024,
        shutdown_grace: Duration::from_secs(1),
        live_stream: Duration::from_secs(300),
        sessions: app::auth::session::SessionPolicy::default(),
        trusted_proxies: 0,
        smtp_url: None,
        mail_from: "OGP NM <nm@test.example>".into(),
        mail_dir: site.path().join("mail"),
        introductions: Default::default(),
        digest_after: Duration::from_secs(15 * 60),
        files: app::files::FilesConfig::Directory(site.path().join("files")),
        attachment_max: super::ATTACHMENT_MAX,
        board: Default::default(),
        metrics_access: Default::default(),
        leptos: leptos.clone(),
    };
    let events = app::events::Events::start(&db).await;
    let state = AppState {
        leptos_options: leptos,
        db: db.clone(),
        sessions: settings.sessions.clone(),
        mailer: settings.mailer().expect("mailer"),
        trusted_proxies: 0,
        introductions: settings.introductions,
        board: settings.board,
        events: events.clone(),
        files: settings.files().expect("files"),
    };
    let router = server::router(state, &settings);
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
            .await
            .expect("serve");
    });
    (format!("http://{addr}"), events, site)
}

/// One server-sent event: its name and data.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sse {
    pub name: String,
    pub data: String,
}

/// Reads a live stream event by event.
pub struct LiveStream {
    res: reqwest::Response,
    buffer: String,
}

impl LiveStream {
    /// Opens `url` (a `/events?…` address) with `client`; panics unless it answers 200.
    pub async fn open(client: &reqwest::Client, url: &str) -> LiveStream {
        let res = client.get(url).send().await.expect("subscribe");
        assert_eq!(res.status(), 200, "subscribe to {url}");
        LiveStream { res, buffer: String::new() }
    }

    /// The next event (keep-alive comments skipped), or `None` after `wait`.
    pub async fn next(&mut self, wait: Duration) -> Option<Sse> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            if let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut name = String::from("message");
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("event:") {
                        name = v.trim().to_string();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data.push_str(v.trim_start());
                    }
                }
                if block.lines().all(|l| l.starts_with(':') || l.is_empty()) {
                    continue;
                }
                return Some(Sse { name, data });
            }
            match tokio::time::timeout_at(deadline, self.res.chunk()).await {
                Ok(Ok(Some(chunk))) => self.buffer.push_str(&String::from_utf8_lossy(&chunk)),
                _ => return None,
            }
        }
    }

    /// The next live event that `pick` accepts, within `wait`.
    pub async fn until<T>(&mut self, wait: Duration, pick: impl Fn(app::model::LiveEvent) -> Option<T>) -> Option<T> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            let left = deadline.saturating_duration_since(tokio::time::Instant::now());
            let e = self.next(left).await?;
            if e.name != "live" {
                continue;
            }
            if let Some(t) = serde_json::from_str(&e.data).ok().and_then(&pick) {
                return Some(t);
            }
        }
    }
}
