//! The test harness: the real app on a random port with a fresh database (a temp SQLite file;
//! a throwaway PostgreSQL database too when `TEST_DATABASE_URL` is set), a local SMTP sink, and
//! the helpers every feature's tests share.

pub use app::auth::session::{self, SessionPolicy};
pub use app::db::{seed, Database, PoolSettings};
pub use app::state::AppState;
pub use leptos::config::LeptosOptions;
pub use reqwest::header::{
    ACCEPT_ENCODING, ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE,
};
pub use reqwest::{redirect, StatusCode};
pub use server::Settings;
pub use std::time::Duration;

mod binary;
mod clients;
mod cluster;
mod live;
mod smtp;
mod surveys;

pub use binary::*;
pub use clients::*;
pub use cluster::*;
pub use live::*;
pub use smtp::*;
pub use surveys::*;

/// A database engine under test.
#[derive(Clone, Copy, Debug)]
pub enum Engine {
    Sqlite,
    Postgres,
}

pub fn engines() -> Vec<Engine> {
    let mut v = vec![Engine::Sqlite];
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty()) {
        v.push(Engine::Postgres);
    }
    v
}

/// A fresh database: a temp SQLite file, or a throwaway PostgreSQL database dropped by `cleanup`.
pub struct TestDb {
    pub url: String,
    pub pg_name: Option<String>,
    pub _dir: tempfile::TempDir,
}

impl TestDb {
    pub async fn new(engine: Engine) -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        match engine {
            Engine::Sqlite => {
                let url = format!("sqlite://{}", dir.path().join("test.db").display());
                TestDb { url, pg_name: None, _dir: dir }
            }
            Engine::Postgres => {
                let admin_url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL");
                let name = format!("ogpnm_test_{}", uuid::Uuid::now_v7().simple());
                let admin = sqlx::PgPool::connect(&admin_url).await.expect("connect to TEST_DATABASE_URL");
                sqlx::query(&format!("CREATE DATABASE \"{name}\""))
                    .execute(&admin)
                    .await
                    .expect("create test database");
                admin.close().await;
                TestDb { url: with_database(&admin_url, &name), pg_name: Some(name), _dir: dir }
            }
        }
    }

    pub async fn open(&self) -> Database {
        let db = Database::connect(&self.url, &PoolSettings::default()).await.expect("connect");
        db.migrate().await.expect("migrate");
        db
    }

    pub async fn cleanup(self) {
        if let Some(name) = &self.pg_name {
            let admin_url = std::env::var("TEST_DATABASE_URL").expect("TEST_DATABASE_URL");
            if let Ok(admin) = sqlx::PgPool::connect(&admin_url).await {
                let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).execute(&admin).await;
                admin.close().await;
            }
        }
    }
}

/// Replaces the database name in a PostgreSQL URL.
pub fn with_database(url: &str, name: &str) -> String {
    let (base, query) = url.split_once('?').map_or((url, None), |(b, q)| (b, Some(q)));
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..].find('/').map_or(base.len(), |i| scheme_end + i);
    let mut out = format!("{}/{name}", &base[..host_end]);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    out
}

/// A running app.
pub struct TestApp {
    pub base: String,
    pub events: app::events::Events,
    pub client: reqwest::Client,
    pub db: Database,
    pub test_db: TestDb,
    pub site: tempfile::TempDir,
    pub smtp: SmtpSink,
    /// The app's mailer (waking it delivers the outbox at once).
    pub mailer: app::mail::Mailer,
}

pub fn options(site_root: &str, hash_files: bool) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("ogpnm")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .hash_files(hash_files)
        .env(leptos::config::Env::PROD)
        .build()
}

/// A site root with a stand-in built asset (and its brotli variant).
pub fn site_dir() -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("site dir");
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg dir");
    std::fs::write(pkg.join("ogpnm.abc123.css"), "body{color:#16222c}".repeat(50)).expect("css");
    std::fs::write(pkg.join("ogpnm.abc123.css.br"), b"\x1b\x00brotli-bytes").expect("css.br");
    std::fs::write(site.path().join("favicon.ico"), b"ico").expect("favicon");
    site
}

/// How a test app is set up beyond the defaults.
#[derive(Clone, Debug)]
pub struct Setup {
    pub hash_files: bool,
    pub seed_demo: bool,
    /// `OGPNM_TRUSTED_PROXIES`.
    pub trusted_proxies: usize,
    /// Served as `https://` (HSTS, `Secure` cookies, the `__Host-` session cookie).
    pub https: bool,
    /// Introductions wait for a steering committee member's approval (`OGPNM_INTRO_APPROVAL`).
    pub intro_approval: bool,
    /// Where attachments go (default: a folder beside the site).
    pub files: Option<app::files::FilesConfig>,
}

impl Default for Setup {
    fn default() -> Self {
        Setup {
            hash_files: false,
            seed_demo: true,
            trusted_proxies: 0,
            https: false,
            intro_approval: false,
            files: None,
        }
    }
}

/// A file store in a folder of its own (kept while the folder is).
pub fn temp_files() -> (app::files::Files, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let files = app::files::Files::open(&app::files::FilesConfig::Directory(dir.path().to_path_buf()), ATTACHMENT_MAX)
        .expect("files");
    (files, dir)
}

/// The largest attachment in tests (small, so a test can send one too large).
pub const ATTACHMENT_MAX: usize = 256 * 1024;

pub async fn spawn_with(engine: Engine, hash_files: bool, seed_demo: bool) -> TestApp {
    spawn_setup(engine, Setup { hash_files, seed_demo, ..Setup::default() }).await
}

pub async fn spawn_setup(engine: Engine, setup: Setup) -> TestApp {
    spawn_on(TestDb::new(engine).await, setup).await
}

/// The app on an existing database (one a test restored, say).
pub async fn spawn_on(test_db: TestDb, setup: Setup) -> TestApp {
    let Setup { hash_files, seed_demo, trusted_proxies, https, intro_approval, files } = setup;
    let db = test_db.open().await;
    let site = site_dir();
    let files = files.unwrap_or_else(|| app::files::FilesConfig::Directory(site.path().join("files")));
    let store = app::files::Files::open(&files, ATTACHMENT_MAX).expect("files");
    if seed_demo {
        seed::seed_demo(&db, &store).await.expect("seed");
    }
    let smtp = SmtpSink::start().await;
    let leptos = options(&site.path().display().to_string(), hash_files);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let settings = Settings {
        database_url: test_db.url.clone(),
        db_max_connections: 5,
        public_url: Some(format!("{}://{addr}", if https { "https" } else { "http" })),
        body_limit: 64 * 1024,
        shutdown_grace: Duration::from_secs(1),
        live_stream: Duration::from_secs(300),
        sessions: SessionPolicy { tls: https, ..SessionPolicy::default() },
        trusted_proxies,
        smtp_url: Some(smtp.url.clone()),
        mail_from: "OGP NM <nm@test.example>".into(),
        mail_dir: site.path().join("mail"),
        introductions: app::state::IntroSettings { needs_approval: intro_approval, ..Default::default() },
        digest_after: Duration::from_secs(15 * 60),
        files,
        attachment_max: ATTACHMENT_MAX,
        board: Default::default(),
        metrics_access: Default::default(),
        leptos: leptos.clone(),
    };
    let mailer = settings.mailer().expect("mailer");
    let events = app::events::Events::start(&db).await;
    let state = AppState {
        leptos_options: leptos,
        db: db.clone(),
        sessions: settings.sessions.clone(),
        mailer: mailer.clone(),
        trusted_proxies,
        introductions: settings.introductions,
        board: settings.board,
        events: events.clone(),
        files: store,
    };
    app::mail::spawn_worker(db.clone(), mailer.clone());
    let router = server::router(state, &settings);
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
            .await
            .expect("serve");
    });
    let client =
        reqwest::Client::builder().redirect(redirect::Policy::none()).cookie_store(true).build().expect("client");
    TestApp { base: format!("http://{addr}"), events, client, db, test_db, site, smtp, mailer }
}

pub async fn spawn(engine: Engine) -> TestApp {
    spawn_with(engine, false, true).await
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    pub async fn stop(self) {
        // closing waits for every connection to come back; a background task (the mail worker)
        // that still holds one must not hang the test run, so the wait is bounded
        if tokio::time::timeout(Duration::from_secs(10), self.db.close()).await.is_err() {
            eprintln!("the database pool did not close within 10 s; going on");
        }
        drop(self.site);
        self.test_db.cleanup().await;
    }
}

pub fn csp_nonce(csp: &str) -> Option<String> {
    let start = csp.find("'nonce-")? + "'nonce-".len();
    let end = csp[start..].find('\'')? + start;
    Some(csp[start..end].to_string())
}

/// Runs the real binary and returns (success, stderr).
pub fn ogpnm(args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ogpnm"))
        .args(args)
        .envs(env.iter().copied())
        .env("RUST_LOG", "off")
        .output()
        .expect("run ogpnm");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).trim().to_string())
}

/// Runs the real binary with `stdin` piped in; returns (success, stdout + stderr).
pub fn ogpnm_with_stdin(args: &[&str], env: &[(&str, &str)], stdin: &str) -> (bool, String) {
    use std::io::Write;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ogpnm"))
        .args(args)
        .envs(env.iter().copied())
        .env("RUST_LOG", "off")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run ogpnm");
    child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
    let out = child.wait_with_output().expect("wait");
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    (out.status.success(), text.trim().to_string())
}
