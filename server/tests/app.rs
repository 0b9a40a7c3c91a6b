//! Integration tests: the real router on a random port with a fresh database per test, on
//! SQLite always and on PostgreSQL too when `TEST_DATABASE_URL` is set.

use app::auth::session::{self, SessionPolicy};
use app::db::{seed, Database, PoolSettings};
use app::state::AppState;
use leptos::config::LeptosOptions;
use reqwest::header::{
    ACCEPT_ENCODING, ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_ENCODING, COOKIE, LOCATION, SET_COOKIE,
};
use reqwest::{redirect, StatusCode};
use server::Settings;
use std::time::Duration;

/// A database engine under test.
#[derive(Clone, Copy, Debug)]
enum Engine {
    Sqlite,
    Postgres,
}

fn engines() -> Vec<Engine> {
    let mut v = vec![Engine::Sqlite];
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|u| !u.is_empty()) {
        v.push(Engine::Postgres);
    }
    v
}

/// A fresh database: a temp SQLite file, or a throwaway PostgreSQL database dropped by `cleanup`.
struct TestDb {
    url: String,
    pg_name: Option<String>,
    _dir: tempfile::TempDir,
}

impl TestDb {
    async fn new(engine: Engine) -> TestDb {
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

    async fn open(&self) -> Database {
        let db = Database::connect(&self.url, &PoolSettings::default()).await.expect("connect");
        db.migrate().await.expect("migrate");
        db
    }

    async fn cleanup(self) {
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
fn with_database(url: &str, name: &str) -> String {
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
struct TestApp {
    base: String,
    events: app::events::Events,
    client: reqwest::Client,
    db: Database,
    test_db: TestDb,
    site: tempfile::TempDir,
    smtp: SmtpSink,
}

/// A local SMTP server that accepts every message and keeps it for assertions.
struct SmtpSink {
    url: String,
    received: std::sync::Arc<tokio::sync::Mutex<Vec<String>>>,
}

impl SmtpSink {
    async fn start() -> SmtpSink {
        use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind smtp");
        let url = format!("smtp://{}", listener.local_addr().expect("addr"));
        let received = std::sync::Arc::new(tokio::sync::Mutex::new(Vec::new()));
        let store = received.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let store = store.clone();
                tokio::spawn(async move {
                    let (read, mut write) = stream.into_split();
                    let mut lines = BufReader::new(read).lines();
                    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
                    let mut in_data = false;
                    let mut message = String::new();
                    while let Ok(Some(line)) = lines.next_line().await {
                        if in_data {
                            if line == "." {
                                in_data = false;
                                store.lock().await.push(std::mem::take(&mut message));
                                let _ = write.write_all(b"250 queued\r\n").await;
                            } else {
                                message.push_str(line.strip_prefix('.').unwrap_or(&line));
                                message.push('\n');
                            }
                            continue;
                        }
                        let verb = line.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
                        let reply: &[u8] = match verb.as_str() {
                            "EHLO" | "HELO" => b"250-sink\r\n250 8BITMIME\r\n",
                            "DATA" => {
                                in_data = true;
                                b"354 go ahead\r\n"
                            }
                            "QUIT" => {
                                let _ = write.write_all(b"221 bye\r\n").await;
                                break;
                            }
                            _ => b"250 ok\r\n",
                        };
                        let _ = write.write_all(reply).await;
                    }
                });
            }
        });
        SmtpSink { url, received }
    }

    /// Waits up to five seconds for a message to `to` containing `needle`, and returns it.
    async fn wait_for(&self, to: &str, needle: &str) -> String {
        for _ in 0..100 {
            if let Some(m) = self.received.lock().await.iter().find(|m| m.contains(to) && m.contains(needle)) {
                return m.clone();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no mail to {to} containing {needle:?}; got {:?}", self.received.lock().await);
    }
}

fn options(site_root: &str, hash_files: bool) -> LeptosOptions {
    LeptosOptions::builder()
        .output_name("ogpnm")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .hash_files(hash_files)
        .env(leptos::config::Env::PROD)
        .build()
}

/// A site root with a stand-in built asset (and its brotli variant).
fn site_dir() -> tempfile::TempDir {
    let site = tempfile::tempdir().expect("site dir");
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).expect("pkg dir");
    std::fs::write(pkg.join("ogpnm.abc123.css"), "body{color:#16222c}".repeat(50)).expect("css");
    std::fs::write(pkg.join("ogpnm.abc123.css.br"), b"\x1b\x00brotli-bytes").expect("css.br");
    std::fs::write(site.path().join("favicon.ico"), b"ico").expect("favicon");
    site
}

async fn spawn_with(engine: Engine, hash_files: bool, seed_demo: bool) -> TestApp {
    let test_db = TestDb::new(engine).await;
    let db = test_db.open().await;
    if seed_demo {
        seed::seed_demo(&db).await.expect("seed");
    }
    let site = site_dir();
    let smtp = SmtpSink::start().await;
    let leptos = options(&site.path().display().to_string(), hash_files);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let settings = Settings {
        database_url: test_db.url.clone(),
        db_max_connections: 5,
        public_url: Some(format!("http://{addr}")),
        body_limit: 64 * 1024,
        shutdown_grace: Duration::from_secs(1),
        sessions: SessionPolicy::default(),
        trusted_proxies: 0,
        smtp_url: Some(smtp.url.clone()),
        mail_from: "OGP NM <nm@test.example>".into(),
        mail_dir: site.path().join("mail"),
        leptos: leptos.clone(),
    };
    let mailer = settings.mailer().expect("mailer");
    let events = app::events::Events::start(&db).await;
    let state = AppState {
        leptos_options: leptos,
        db: db.clone(),
        sessions: settings.sessions.clone(),
        mailer: mailer.clone(),
        trusted_proxies: 0,
        events: events.clone(),
    };
    app::mail::spawn_worker(db.clone(), mailer);
    let router = server::router(state, &settings);
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
            .await
            .expect("serve");
    });
    let client =
        reqwest::Client::builder().redirect(redirect::Policy::none()).cookie_store(true).build().expect("client");
    TestApp { base: format!("http://{addr}"), events, client, db, test_db, site, smtp }
}

async fn spawn(engine: Engine) -> TestApp {
    spawn_with(engine, false, true).await
}

impl TestApp {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    async fn stop(self) {
        // closing waits for every connection to come back; a background task (the mail worker)
        // that still holds one must not hang the test run, so the wait is bounded
        if tokio::time::timeout(Duration::from_secs(10), self.db.close()).await.is_err() {
            eprintln!("the database pool did not close within 10 s; going on");
        }
        drop(self.site);
        self.test_db.cleanup().await;
    }
}

fn csp_nonce(csp: &str) -> Option<String> {
    let start = csp.find("'nonce-")? + "'nonce-".len();
    let end = csp[start..].find('\'')? + start;
    Some(csp[start..end].to_string())
}

#[tokio::test]
async fn health_is_ok_with_a_database_and_503_without() {
    for engine in engines() {
        let app = spawn(engine).await;
        let res = app.get("/healthz").await;
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        let body: serde_json::Value = res.json().await.expect("json");
        assert_eq!(body, serde_json::json!({"status": "ok", "db": "ok"}));

        app.db.close().await;
        let res = app.get("/healthz").await;
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE, "{engine:?}");
        let body: serde_json::Value = res.json().await.expect("json");
        assert_eq!(body["db"], "error");
        app.stop().await;
    }
}

#[tokio::test]
async fn the_landing_page_is_rendered_in_the_negotiated_language_with_live_figures() {
    for engine in engines() {
        let app = spawn(engine).await;
        let res =
            app.client.get(app.url("/")).header(ACCEPT_LANGUAGE, "de-DE,fr;q=0.8,en;q=0.5").send().await.expect("get");
        assert_eq!(res.status(), StatusCode::OK);
        let html = res.text().await.expect("body");
        assert!(html.contains("<html lang=\"fr\""), "{engine:?}: {}", &html[..200.min(html.len())]);
        assert!(html.contains("Trouvez la bonne expertise"));
        assert!(html.contains("href=\"/survey/demand\"") && html.contains("href=\"/survey/supply\""));
        // the figures are rendered on the server (in order), so they show without WASM
        assert!(html.contains("<dd>53<"), "{engine:?}: demo figures missing");

        let res = app
            .client
            .get(app.url("/"))
            .header(COOKIE, "ogpnm_lang=es")
            .header(ACCEPT_LANGUAGE, "fr")
            .send()
            .await
            .expect("get");
        let html = res.text().await.expect("body");
        assert!(html.contains("<html lang=\"es\""), "the cookie wins over Accept-Language");
        assert!(html.contains("Encuentre el conocimiento experto adecuado"));

        let html = app.get("/").await.text().await.expect("body");
        assert!(html.contains("<html lang=\"en\""), "English without any preference");
        app.stop().await;
    }
}

#[tokio::test]
async fn an_empty_network_says_so_instead_of_showing_zeros() {
    let app = spawn_with(Engine::Sqlite, false, false).await;
    let html = app.get("/").await.text().await.expect("body");
    assert!(html.contains("No organisation has joined yet."));
    let summary: serde_json::Value = app.get("/api/network_summary").await.json().await.expect("json");
    assert_eq!(summary["organisations"], 0);
    app.stop().await;
}

#[tokio::test]
async fn the_network_summary_server_function_counts_by_kind() {
    for engine in engines() {
        let app = spawn(engine).await;
        let res = app.get("/api/network_summary").await;
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        let summary: app::model::NetworkSummary = res.json().await.expect("json");
        assert_eq!(summary.organisations, 53);
        assert_eq!(summary.countries, 52);
        assert_eq!(summary.verified, 33);
        assert_eq!(summary.by_kind.iter().map(|(_, n)| n).sum::<i64>(), 53);
        assert_eq!(summary.by_kind[0], (app::domain::taxonomy::OrgKind::Government, 21));
        app.stop().await;
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_pages_use_the_header_nonce() {
    let app = spawn(Engine::Sqlite).await;
    for path in ["/", "/survey/demand", "/healthz", "/pkg/ogpnm.abc123.css", "/nope", "/api/network_summary"] {
        let res = app.get(path).await;
        let h = res.headers();
        let csp = h.get("content-security-policy").and_then(|v| v.to_str().ok()).unwrap_or_default().to_string();
        assert!(csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert!(!csp.contains("unsafe-inline"), "{path}");
        assert_eq!(h.get("x-content-type-options").map(|v| v.as_bytes()), Some(&b"nosniff"[..]), "{path}");
        assert!(h.get("referrer-policy").is_some(), "{path}");
        assert!(h.get("strict-transport-security").is_none(), "no HSTS without TLS");
    }
    let first = app.get("/").await;
    let nonce = csp_nonce(first.headers()["content-security-policy"].to_str().expect("ascii")).expect("nonce");
    let html = first.text().await.expect("body");
    assert!(html.contains(&format!("nonce=\"{nonce}\"")), "the hydration script carries the header's nonce");
    let second = app.get("/").await;
    let other = csp_nonce(second.headers()["content-security-policy"].to_str().expect("ascii")).expect("nonce");
    assert_ne!(nonce, other, "a fresh nonce per request");
    app.stop().await;
}

#[tokio::test]
async fn unknown_pages_are_404_in_the_visitors_language() {
    let app = spawn(Engine::Sqlite).await;
    let res = app.client.get(app.url("/no/such/page")).header(ACCEPT_LANGUAGE, "es").send().await.expect("get");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    assert!(res.text().await.expect("body").contains("Página no encontrada"));
    app.stop().await;
}

#[tokio::test]
async fn the_language_form_sets_a_cookie_and_returns_only_to_local_paths() {
    let app = spawn(Engine::Sqlite).await;
    let post =
        |lang: &str, next: &str| app.client.post(app.url("/language")).form(&[("lang", lang), ("next", next)]).send();
    let res = post("fr", "/survey/demand").await.expect("post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert_eq!(res.headers()[LOCATION], "/survey/demand");
    let cookie = res.headers()[SET_COOKIE].to_str().expect("ascii").to_string();
    assert!(
        cookie.starts_with("ogpnm_lang=fr;") && cookie.contains("SameSite=Lax") && cookie.contains("HttpOnly"),
        "{cookie}"
    );
    // the client keeps the cookie: the next page is French
    let html = app.get("/survey/demand").await.text().await.expect("body");
    assert!(html.contains("<html lang=\"fr\"") && html.contains("Demander une expertise"));

    let res = post("es", "//evil.example/").await.expect("post");
    assert_eq!(res.headers()[LOCATION], "/");
    let res = post("klingon", "/").await.expect("post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    assert!(res.headers().get(SET_COOKIE).is_none(), "an unknown language changes nothing");

    let huge = "x".repeat(200 * 1024);
    let res = app
        .client
        .post(app.url("/language"))
        .form(&[("lang", "fr"), ("next", huge.as_str())])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    app.stop().await;
}

#[tokio::test]
async fn hashed_assets_are_served_precompressed_with_long_lived_caching() {
    let app = spawn_with(Engine::Sqlite, true, false).await;
    let res = app.client.get(app.url("/pkg/ogpnm.abc123.css")).header(ACCEPT_ENCODING, "br").send().await.expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[CONTENT_ENCODING], "br");
    assert_eq!(res.headers()[CACHE_CONTROL], "public, max-age=31536000, immutable");
    let missing = app.get("/pkg/ogpnm.nope.js").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(missing.headers().get(CACHE_CONTROL).is_none_or(|v| v != "public, max-age=31536000, immutable"));
    app.stop().await;
}

#[tokio::test]
async fn pages_are_compressed_on_the_fly() {
    let app = spawn(Engine::Sqlite).await;
    let res = app.client.get(app.url("/")).header(ACCEPT_ENCODING, "gzip").send().await.expect("get");
    assert_eq!(res.headers()[CONTENT_ENCODING], "gzip");
    assert_eq!(res.headers()[CACHE_CONTROL], "private, no-cache");
    app.stop().await;
}

#[tokio::test]
async fn demo_data_is_loaded_once_and_duplicates_are_conflicts() {
    for engine in engines() {
        let test_db = TestDb::new(engine).await;
        let db = test_db.open().await;
        assert_eq!(
            seed::seed_demo(&db).await.expect("seed"),
            seed::Seeded { organisations: 53, accounts: 7, surveys: 53, outreach: 1, cases: 10 }
        );
        assert_eq!(
            seed::seed_demo(&db).await.expect("seed again"),
            seed::Seeded::default(),
            "{engine:?}: only an empty database is seeded"
        );
        assert_eq!(app::db::organisations::count(db.read()).await.expect("count"), 53);

        let org = app::db::organisations::NewOrganisation {
            name: "CIVIC DATA COMMONS".into(),
            kind: app::domain::taxonomy::OrgKind::Ngo,
            country: "US".into(),
            website: None,
            description: String::new(),
            verified: false,
        };
        let mut tx = db.write().begin().await.expect("begin");
        let err = app::db::organisations::insert(&mut tx, &org).await.expect_err("same name and country");
        assert_eq!(app::AppError::from(err), app::AppError::Conflict, "{engine:?}");
        drop(tx);
        // a CHECK violation rolls back the whole transaction
        let mut tx = db.write().begin().await.expect("begin");
        let ok =
            app::db::organisations::NewOrganisation { name: "New Org".into(), country: "FR".into(), ..org.clone() };
        app::db::organisations::insert(&mut tx, &ok).await.expect("valid insert");
        let bad = app::db::organisations::NewOrganisation { name: String::new(), ..org };
        assert!(app::db::organisations::insert(&mut tx, &bad).await.is_err(), "empty name refused");
        drop(tx);
        assert_eq!(
            app::db::organisations::count(db.read()).await.expect("count"),
            53,
            "{engine:?}: nothing half-written"
        );
        db.close().await;
        test_db.cleanup().await;
    }
}

#[tokio::test]
async fn a_failing_migration_leaves_nothing_half_written() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("broken.db").display());
    // a table of that name already exists, so the first migration fails midway
    let pool = sqlx::SqlitePool::connect(&format!("{url}?mode=rwc")).await.expect("connect");
    sqlx::query("CREATE TABLE organisations_kind_probe (x INTEGER)").execute(&pool).await.expect("probe");
    sqlx::query("CREATE INDEX organisations_kind ON organisations_kind_probe (x)").execute(&pool).await.expect("clash");
    pool.close().await;
    let db = Database::connect(&url, &PoolSettings::default()).await.expect("connect");
    let err = db.migrate().await.expect_err("migration must fail");
    assert!(err.to_string().contains("migration failed"), "{err}");
    let db_read = match db.read() {
        app::db::Db::Sqlite(p) => p.clone(),
        app::db::Db::Postgres(_) => unreachable!(),
    };
    let tables: Vec<String> =
        sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'organisations'")
            .fetch_all(&db_read)
            .await
            .expect("query");
    assert!(tables.is_empty(), "the failed migration's table was rolled back");
    db.close().await;
}

/// Runs the real binary and returns (success, stderr).
fn ogpnm(args: &[&str], env: &[(&str, &str)]) -> (bool, String) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_ogpnm"))
        .args(args)
        .envs(env.iter().copied())
        .env("RUST_LOG", "off")
        .output()
        .expect("run ogpnm");
    (out.status.success(), String::from_utf8_lossy(&out.stderr).trim().to_string())
}

#[test]
fn bad_settings_fail_with_one_line_naming_the_variable() {
    let site = site_dir();
    let site_root = site.path().display().to_string();
    let dir = tempfile::tempdir().expect("dir");
    let sqlite = format!("sqlite://{}", dir.path().join("cli.db").display());

    let (ok, err) = ogpnm(&["migrate"], &[("DATABASE_URL", "mysql://nope")]);
    assert!(!ok && err.contains("DATABASE_URL") && err.lines().count() == 1, "{err}");

    let (ok, err) = ogpnm(&["migrate"], &[("DATABASE_URL", "postgres://u:secret@127.0.0.1:1/db")]);
    assert!(!ok && err.contains("DATABASE_URL") && err.lines().count() == 1, "{err}");
    assert!(!err.contains("secret"), "passwords never printed: {err}");

    let (ok, err) = ogpnm(&["serve"], &[("DATABASE_URL", &sqlite), ("LEPTOS_SITE_ROOT", "/nonexistent/site")]);
    assert!(!ok && err.contains("LEPTOS_SITE_ROOT") && err.lines().count() == 1, "{err}");

    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = taken.local_addr().expect("addr").to_string();
    let (ok, err) =
        ogpnm(&["serve"], &[("DATABASE_URL", &sqlite), ("LEPTOS_SITE_ROOT", &site_root), ("LEPTOS_SITE_ADDR", &addr)]);
    assert!(!ok && err.contains("LEPTOS_SITE_ADDR") && err.lines().count() == 1, "{err}");

    let (ok, err) = ogpnm(&["serve"], &[("LEPTOS_SITE_ADDR", "not-an-address")]);
    assert!(!ok && err.contains("LEPTOS_SITE_ADDR"), "{err}");

    let (ok, out) = ogpnm(&["seed", "--demo"], &[("DATABASE_URL", &sqlite)]);
    assert!(ok, "{out}");
    let (ok, err) = ogpnm(&["seed"], &[("DATABASE_URL", &sqlite)]);
    assert!(!ok && err.contains("--demo"), "{err}");
}

/// Runs the real binary with `stdin` piped in; returns (success, stdout + stderr).
fn ogpnm_with_stdin(args: &[&str], env: &[(&str, &str)], stdin: &str) -> (bool, String) {
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

#[tokio::test]
async fn create_user_makes_a_staff_account_with_a_hashed_password_and_an_audit_entry() {
    for engine in engines() {
        let test_db = TestDb::new(engine).await;
        let url = test_db.url.clone();
        let env = [("DATABASE_URL", url.as_str())];
        let args = ["create-user", "--email", " Ana.Admin@Example.org ", "--name", "Ana Admin", "--role", "admin"];
        let (ok, out) = ogpnm_with_stdin(&args, &env, "river stones at dawn\n");
        assert!(ok, "{engine:?}: {out}");
        assert!(out.contains("Created admin account for ana.admin@example.org"), "{out}");

        let (ok, out) = ogpnm_with_stdin(&args, &env, "river stones at dawn\n");
        assert!(!ok && out.contains("already exists") && out.lines().count() == 1, "{engine:?}: {out}");
        let weak = ["create-user", "--email", "cm@example.org", "--name", "Case Manager", "--role", "case-manager"];
        let (ok, out) = ogpnm_with_stdin(&weak, &env, "password1234");
        assert!(!ok && out.contains("too common"), "{out}");
        let (ok, out) = ogpnm_with_stdin(
            &["create-user", "--email", "x@example.org", "--name", "X", "--role", "root"],
            &env,
            "river stones at dawn",
        );
        assert!(!ok && out.contains("--role"), "{out}");

        let db = test_db.open().await;
        let (user, hash) =
            app::db::users::find_by_email(db.read(), "ANA.ADMIN@example.org").await.expect("query").expect("user");
        assert_eq!(user.staff_role, Some(app::domain::policy::StaffRole::Admin));
        let hash = hash.expect("password set");
        assert!(hash.starts_with("$argon2id$") && !hash.contains("river"), "only a hash is stored");
        assert!(app::auth::password::verify("river stones at dawn".into(), Some(hash)).await);
        let audit = app::db::audit::recent(db.read(), 10).await.expect("audit");
        assert_eq!(audit.len(), 1, "{engine:?}: failed attempts changed nothing");
        assert_eq!((audit[0].2.as_str(), audit[0].3.as_str()), ("user.created", user.user_id.as_str()));
        db.close().await;
        test_db.cleanup().await;
    }
}

#[tokio::test]
async fn sessions_end_when_idle_too_long_past_their_limit_or_when_the_account_is_disabled() {
    for engine in engines() {
        let test_db = TestDb::new(engine).await;
        let db = test_db.open().await;
        let policy = SessionPolicy::default();
        let mut tx = db.write().begin().await.expect("begin");
        let new_user = |email: &str, role| app::db::users::NewUser {
            email: email.into(),
            name: "Someone".into(),
            locale: "fr".into(),
            password_hash: None,
            staff_role: role,
            email_verified: true,
        };
        app::db::users::insert(&mut tx, &new_user("cm@example.org", Some(app::domain::policy::StaffRole::CaseManager)))
            .await
            .expect("cm");
        app::db::users::insert(&mut tx, &new_user("gov@example.org", None)).await.expect("participant");
        tx.commit().await.expect("commit");
        let (cm, _) = app::db::users::find_by_email(db.read(), "cm@example.org").await.expect("q").expect("cm");
        let (gov, _) = app::db::users::find_by_email(db.read(), "gov@example.org").await.expect("q").expect("gov");

        let t0 = 1_800_000_000_000_i64;
        let minute = 60_000;
        let start = |user: app::db::users::SessionUser| {
            let db = db.clone();
            let policy = policy.clone();
            async move {
                let mut tx = db.write().begin().await.expect("begin");
                let token = session::start(&mut tx, &user, &policy, "127.0.0.1", "test", t0).await.expect("start");
                tx.commit().await.expect("commit");
                token
            }
        };
        let staff_token = start(cm.clone()).await;
        // used every 20 minutes, a staff session lives until its 12-hour limit
        let mut t = t0;
        while t + 20 * minute < t0 + 12 * 60 * minute {
            t += 20 * minute;
            assert!(
                session::resume(&db, &staff_token, &policy, t).await.expect("resume").is_some(),
                "{engine:?} at {t}"
            );
        }
        assert!(
            session::resume(&db, &staff_token, &policy, t0 + 12 * 60 * minute).await.expect("resume").is_none(),
            "absolute limit"
        );
        assert!(
            session::resume(&db, &staff_token, &policy, t0).await.expect("resume").is_none(),
            "an ended session stays ended"
        );

        let staff_token = start(cm.clone()).await;
        assert!(
            session::resume(&db, &staff_token, &policy, t0 + 31 * minute).await.expect("resume").is_none(),
            "staff idle limit"
        );

        let gov_token = start(gov.clone()).await;
        assert_eq!(
            session::resume(&db, &gov_token, &policy, t0 + 31 * minute).await.expect("resume").map(|u| u.email),
            Some("gov@example.org".to_string()),
            "participants may idle longer"
        );
        let mut tx = db.write().begin().await.expect("begin");
        app::db::users::set_disabled(&mut tx, &gov.user_id, true).await.expect("disable");
        app::db::sessions::delete_all_for_user(&mut tx, &gov.user_id).await.expect("end sessions");
        tx.commit().await.expect("commit");
        assert!(
            session::resume(&db, &gov_token, &policy, t0 + 32 * minute).await.expect("resume").is_none(),
            "disabled"
        );
        assert_eq!(app::db::sessions::count_for_user(db.read(), &gov.user_id).await.expect("count"), 0);
        assert!(session::resume(&db, "forged-token", &policy, t0).await.expect("resume").is_none());
        db.close().await;
        test_db.cleanup().await;
    }
}

#[tokio::test]
async fn cross_site_posts_are_refused_before_they_change_anything() {
    let app = spawn(Engine::Sqlite).await;
    let res = app
        .client
        .post(app.url("/language"))
        .header("sec-fetch-site", "cross-site")
        .header(ACCEPT_LANGUAGE, "fr")
        .form(&[("lang", "es"), ("next", "/")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers().get(SET_COOKIE).is_none(), "nothing changed");
    assert!(res.text().await.expect("body").contains("autre site"), "refusal in the visitor's language");

    let res = app
        .client
        .post(app.url("/language"))
        .header("origin", "https://evil.example")
        .form(&[("lang", "es"), ("next", "/")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let same_origin = app.base.clone();
    let res = app
        .client
        .post(app.url("/language"))
        .header("origin", same_origin)
        .header("sec-fetch-site", "same-origin")
        .form(&[("lang", "es"), ("next", "/")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.client.get(app.url("/healthz")).header("sec-fetch-site", "cross-site").send().await.expect("get");
    assert_eq!(res.status(), StatusCode::OK, "reads are not affected");
    app.stop().await;
}

#[tokio::test]
async fn signing_in_and_out_with_plain_forms_on_both_engines() {
    use reqwest::header::{ACCEPT, REFERER};
    for engine in engines() {
        let app = spawn(engine).await;
        let form_post = |path: &str, fields: &[(&str, &str)]| {
            app.client
                .post(app.url(path))
                .header(ACCEPT, "text/html,application/xhtml+xml")
                .header(REFERER, app.url("/sign-in"))
                .form(fields)
                .send()
        };
        let page = app.get("/sign-in").await.text().await.expect("page");
        assert!(page.contains("action=\"/api/sign_in\"") && page.contains("autocomplete=\"current-password\""));

        // a wrong password: back to the form, with the message and the e-mail kept
        let res = form_post(
            "/api/sign_in",
            &[("email", "admin@demo.ogpnm.example"), ("password", "not the password"), ("next", "")],
        )
        .await
        .expect("post");
        assert_eq!(res.status(), StatusCode::FOUND, "{engine:?}");
        assert!(res.headers()[LOCATION].to_str().expect("ascii").contains("/sign-in"), "{:?}", res.headers());
        let page = app.get("/sign-in").await.text().await.expect("page");
        assert!(page.contains("The e-mail address or the password is not right."), "{engine:?}");
        assert!(page.contains("value=\"admin@demo.ogpnm.example\""), "the e-mail typed is kept");
        let page = app.get("/sign-in").await.text().await.expect("page");
        assert!(!page.contains("is not right"), "a flash is shown once");

        // an unknown e-mail gets the very same answer
        form_post("/api/sign_in", &[("email", "nobody@example.org"), ("password", "whatever it is"), ("next", "")])
            .await
            .expect("post");
        let page = app.get("/sign-in").await.text().await.expect("page");
        assert!(page.contains("The e-mail address or the password is not right."));

        // the right password: a session cookie and the account page
        let res = form_post(
            "/api/sign_in",
            &[("email", "Admin@Demo.ogpnm.example"), ("password", seed::DEMO_PASSWORD), ("next", "/account")],
        )
        .await
        .expect("post");
        assert_eq!(res.headers()[LOCATION], "/sign-in/code", "{engine:?}: staff give a code next");
        let res = form_post("/api/verify_sign_in_code", &[("code", &demo_code())]).await.expect("code");
        assert_eq!(res.status(), StatusCode::FOUND);
        assert_eq!(res.headers()[LOCATION], "/account");
        let cookie = res
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().expect("ascii").to_string())
            .find(|c| c.starts_with("ogpnm_session="))
            .expect("session cookie");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        let page = app.get("/account").await.text().await.expect("page");
        assert!(
            page.contains("Amara Okafor") && page.contains("Administrator") && page.contains("This device"),
            "{engine:?}"
        );

        // signing in again rotates the session: still one session
        form_post(
            "/api/sign_in",
            &[("email", "admin@demo.ogpnm.example"), ("password", seed::DEMO_PASSWORD), ("next", "")],
        )
        .await
        .expect("post");
        form_post("/api/verify_sign_in_code", &[("code", &demo_code())]).await.expect("code");
        let (admin, _) =
            app::db::users::find_by_email(app.db.read(), "admin@demo.ogpnm.example").await.expect("q").expect("admin");
        assert_eq!(
            app::db::sessions::count_for_user(app.db.read(), &admin.user_id).await.expect("count"),
            1,
            "{engine:?}"
        );

        // a JSON client (the hydrated page) gets a 422 with the translated error
        let res = app
            .client
            .post(app.url("/api/sign_in"))
            .form(&[("email", "not-an-email"), ("password", "x")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // sign out everywhere ends every session and the account page asks to sign in again
        let res = form_post("/api/sign_out_everywhere", &[]).await.expect("post");
        assert_eq!(res.headers()[LOCATION], "/sign-in");
        assert_eq!(app::db::sessions::count_for_user(app.db.read(), &admin.user_id).await.expect("count"), 0);
        let res = app.client.get(app.url("/account")).header(ACCEPT, "text/html").send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FOUND);
        assert_eq!(res.headers()[LOCATION], "/sign-in?next=/account");

        let audit: Vec<String> =
            app::db::audit::recent(app.db.read(), 20).await.expect("audit").into_iter().map(|e| e.2).collect();
        for action in ["sign_in.failed", "sign_in", "sign_out.everywhere"] {
            assert!(audit.iter().any(|a| a == action), "{engine:?}: {action} missing from {audit:?}");
        }
        app.stop().await;
    }
}

/// The link in a mail body that starts with `prefix` (quoted-printable soft breaks removed).
fn link_in(mail: &str, prefix: &str) -> String {
    let flat = mail.replace("=\n", "").replace("=3D", "=");
    let start = flat.find(prefix).unwrap_or_else(|| panic!("no link {prefix} in mail:\n{flat}"));
    flat[start..].split_whitespace().next().expect("link").to_string()
}

#[tokio::test]
async fn a_forgotten_password_is_reset_through_a_single_use_mailed_link() {
    use reqwest::header::{ACCEPT, REFERER};
    for engine in engines() {
        let app = spawn(engine).await;
        let post = |path: &str, referer: &str, fields: &[(&str, &str)]| {
            app.client
                .post(app.url(path))
                .header(ACCEPT, "text/html")
                .header(REFERER, app.url(referer))
                .form(fields)
                .send()
        };
        let res = post("/api/request_password_reset", "/forgot-password", &[("email", "steering@demo.ogpnm.example")])
            .await
            .expect("post");
        assert_eq!(res.headers()[LOCATION], "/forgot-password?sent=1");
        // an unknown address gets the same answer and no mail
        let res = post("/api/request_password_reset", "/forgot-password", &[("email", "nobody@example.org")])
            .await
            .expect("post");
        assert_eq!(res.headers()[LOCATION], "/forgot-password?sent=1");

        let mail = app.smtp.wait_for("steering@demo.ogpnm.example", "Reset your password").await;
        let link = link_in(&mail, &app.url("/reset-password?token="));
        let token = link.split("token=").nth(1).expect("token").to_string();
        let path = link.trim_start_matches(&app.base).to_string();
        let page = app.get(&path).await.text().await.expect("page");
        assert!(page.contains("name=\"password\""), "{engine:?}: the link opens the form");

        // a weak password is refused and the link still works
        post("/api/reset_password", &path, &[("token", &token), ("password", "short")]).await.expect("post");
        let page = app.get(&path).await.text().await.expect("page");
        assert!(page.contains("Use at least 12 characters"), "{engine:?}");

        let res = post("/api/reset_password", &path, &[("token", &token), ("password", "a brand new phrase")])
            .await
            .expect("post");
        assert_eq!(res.headers()[LOCATION], "/sign-in?reset=1");
        let res = post(
            "/api/sign_in",
            "/sign-in",
            &[("email", "steering@demo.ogpnm.example"), ("password", "a brand new phrase")],
        )
        .await
        .expect("post");
        assert_eq!(
            res.headers()[LOCATION],
            "/sign-in/code",
            "{engine:?}: the new password works (staff give a code next)"
        );

        // the link works once
        let page = app.get(&path).await.text().await.expect("page");
        assert!(page.contains("has expired or has already been used"), "{engine:?}");
        let mails = app::db::outbox::for_address(app.db.read(), "nobody@example.org").await.expect("outbox");
        assert!(mails.is_empty(), "nothing is sent to unknown addresses");
        app.stop().await;
    }
}

#[tokio::test]
async fn mail_waits_in_the_outbox_while_smtp_is_down_and_is_sent_later() {
    let test_db = TestDb::new(Engine::Sqlite).await;
    let db = test_db.open().await;
    let dead = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let dead_url = format!("smtp://{}", dead.local_addr().expect("addr"));
    drop(dead);
    let down =
        app::mail::Mailer::new(Some(&dead_url), "nm@test.example", "http://x", std::env::temp_dir()).expect("mailer");
    let mut tx = db.write().begin().await.expect("begin");
    app::db::outbox::enqueue(&mut tx, "ana@example.org", "Hello", "Body").await.expect("enqueue");
    tx.commit().await.expect("commit");
    assert_eq!(app::mail::deliver_due(&db, &down).await.expect("deliver"), 0);
    let mails = app::db::outbox::for_address(db.read(), "ana@example.org").await.expect("outbox");
    assert_eq!((mails[0].status.as_str(), mails[0].attempts), ("pending", 1));
    assert!(!mails[0].last_error.is_empty(), "the failure is visible");

    // SMTP is back; the retry is due once its backoff has passed
    let sink = SmtpSink::start().await;
    let up =
        app::mail::Mailer::new(Some(&sink.url), "nm@test.example", "http://x", std::env::temp_dir()).expect("mailer");
    match db.write() {
        app::db::Db::Sqlite(p) => {
            sqlx::query("UPDATE outbox SET next_attempt_at = 0").execute(p).await.expect("fast-forward");
        }
        app::db::Db::Postgres(_) => unreachable!(),
    }
    assert_eq!(app::mail::deliver_due(&db, &up).await.expect("deliver"), 1);
    sink.wait_for("ana@example.org", "Body").await;
    let mails = app::db::outbox::for_address(db.read(), "ana@example.org").await.expect("outbox");
    assert_eq!(mails[0].status, "sent");
    db.close().await;
}

/// Signs `client` in as `email` with the demo password through the plain form.
async fn sign_in_as(app: &TestApp, client: &reqwest::Client, email: &str) {
    use reqwest::header::{ACCEPT, REFERER};
    let res = client
        .post(app.url("/api/sign_in"))
        .header(ACCEPT, "text/html")
        .header(REFERER, app.url("/sign-in"))
        .form(&[("email", email), ("password", seed::DEMO_PASSWORD), ("next", "/account")])
        .send()
        .await
        .expect("sign in");
    if res.headers()[LOCATION] == "/sign-in/code" {
        // demo staff have two-factor authentication with the demo key
        let res = client
            .post(app.url("/api/verify_sign_in_code"))
            .header(ACCEPT, "text/html")
            .header(REFERER, app.url("/sign-in/code"))
            .form(&[("code", demo_code())])
            .send()
            .await
            .expect("code");
        assert_eq!(res.headers()[LOCATION], "/account", "code step for {email}");
        return;
    }
    assert_eq!(res.headers()[LOCATION], "/account", "sign in as {email}");
}

/// The current code of the demo staff accounts.
fn demo_code() -> String {
    app::auth::totp::code_at(seed::DEMO_TOTP_SECRET, app::db::now_ms() / 1000).expect("code")
}

fn new_client() -> reqwest::Client {
    reqwest::Client::builder().redirect(redirect::Policy::none()).cookie_store(true).build().expect("client")
}

#[tokio::test]
async fn an_owner_invites_a_colleague_who_joins_through_the_mailed_link() {
    use reqwest::header::{ACCEPT, REFERER};
    for engine in engines() {
        let app = spawn(engine).await;
        let mut tx = app.db.write().begin().await.expect("begin");
        let org_id = app::db::organisations::id_by_name(&mut tx, "Civic Data Commons").await.expect("q").expect("org");
        let other_org = app::db::organisations::id_by_name(&mut tx, "Secretariat for Digital Government")
            .await
            .expect("q")
            .expect("org");
        drop(tx);
        let owner = new_client();
        sign_in_as(&app, &owner, "provider@demo.ogpnm.example").await;
        let org_path = format!("/organisations/{org_id}");
        let page = owner.get(app.url(&org_path)).send().await.expect("get").text().await.expect("page");
        assert!(
            page.contains("Civic Data Commons")
                && page.contains("Daniel Mensah")
                && page.contains("Invite a colleague"),
            "{engine:?}"
        );

        // another organisation's page does not exist for this owner
        let res = owner.get(app.url(&format!("/organisations/{other_org}"))).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{engine:?}");

        let res = owner
            .post(app.url("/api/invite_member"))
            .header(ACCEPT, "text/html")
            .header(REFERER, app.url(&org_path))
            .form(&[("organisation_id", org_id.as_str()), ("email", "Colleague@Example.org")])
            .send()
            .await
            .expect("invite");
        assert_eq!(res.headers()[LOCATION].to_str().expect("ascii"), format!("{org_path}?invited=1"));
        let mail = app.smtp.wait_for("colleague@example.org", "Civic Data Commons").await;
        let link = link_in(&mail, &app.url("/invitation?token="));
        let path = link.trim_start_matches(&app.base).to_string();
        let token = link.split("token=").nth(1).expect("token").to_string();

        let invitee = new_client();
        let page = invitee.get(app.url(&path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("You are invited to act for Civic Data Commons"), "{engine:?}");
        let accept = |fields: Vec<(&'static str, String)>| {
            invitee
                .post(app.url("/api/accept_invitation"))
                .header(ACCEPT, "text/html")
                .header(REFERER, app.url(&path))
                .form(&fields)
                .send()
        };
        accept(vec![("token", token.clone()), ("name", "Kwame Boateng".into()), ("password", "short".into())])
            .await
            .expect("post");
        let page = invitee.get(app.url(&path)).send().await.expect("get").text().await.expect("page");
        assert!(
            page.contains("Use at least 12 characters") && page.contains("value=\"Kwame Boateng\""),
            "{engine:?}: error shown, name kept"
        );
        let res = accept(vec![
            ("token", token.clone()),
            ("name", "Kwame Boateng".into()),
            ("password", "maps of open contracts".into()),
        ])
        .await
        .expect("post");
        assert_eq!(res.headers()[LOCATION], "/account", "{engine:?}");
        let page = invitee.get(app.url("/account")).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("Kwame Boateng") && page.contains("Civic Data Commons"), "{engine:?}: signed in, member");

        // the link is used up
        let res = accept(vec![
            ("token", token.clone()),
            ("name", "Someone Else".into()),
            ("password", "another long phrase".into()),
        ])
        .await
        .expect("post");
        assert!(res.headers()[LOCATION].to_str().expect("ascii").contains("/invitation"), "back to the page");
        assert_eq!(
            app::db::users::count(app.db.read()).await.expect("count"),
            seed::DEMO_ACCOUNTS.len() as i64 + 1,
            "{engine:?}: exactly one new account"
        );

        // the owner removes the colleague; the last owner cannot be removed
        let (kwame, _) =
            app::db::users::find_by_email(app.db.read(), "colleague@example.org").await.expect("q").expect("user");
        let (daniel, _) = app::db::users::find_by_email(app.db.read(), "provider@demo.ogpnm.example")
            .await
            .expect("q")
            .expect("user");
        for (user, expected) in [(kwame.user_id.as_str(), 0), (daniel.user_id.as_str(), 1)] {
            owner
                .post(app.url("/api/remove_member"))
                .header(ACCEPT, "text/html")
                .header(REFERER, app.url(&org_path))
                .form(&[("organisation_id", org_id.as_str()), ("user_id", user)])
                .send()
                .await
                .expect("remove");
            assert_eq!(
                app::db::organisations::of_user(app.db.read(), user).await.expect("q").len(),
                expected,
                "{engine:?}"
            );
        }
        // a member of another organisation cannot invite here
        let outsider = new_client();
        sign_in_as(&app, &outsider, "focal.point@demo.ogpnm.example").await;
        let res = outsider
            .post(app.url("/api/invite_member"))
            .form(&[("organisation_id", org_id.as_str()), ("email", "x@example.org")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");
        app.stop().await;
    }
}

/// Every server function called by every kind of caller: allowed calls never answer 401/403,
/// refused ones answer 401 (anonymous) or 403 (signed in), and an organisation a caller may not
/// see answers 404.
#[tokio::test]
async fn every_server_function_enforces_the_authorization_policy() {
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Who {
        Anonymous,
        MemberA,
        MemberB,
        CaseManager,
        Steering,
        Admin,
    }
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Expect {
        Allow,
        Deny,
        Hidden,
    }
    use Expect::*;
    use Who::*;
    let everyone = [Anonymous, MemberA, MemberB, CaseManager, Steering, Admin];
    for engine in engines() {
        let app = spawn(engine).await;
        let mut tx = app.db.write().begin().await.expect("begin");
        let org_a = app::db::organisations::id_by_name(&mut tx, "Secretariat for Digital Government")
            .await
            .expect("q")
            .expect("a");
        let target = app::db::users::insert(
            &mut tx,
            &app::db::users::NewUser {
                email: "target@example.org".into(),
                name: "Target Person".into(),
                locale: "en".into(),
                password_hash: None,
                staff_role: None,
                email_verified: true,
            },
        )
        .await
        .expect("target");
        tx.commit().await.expect("commit");

        // (endpoint, GET?, form fields, expectation per caller)
        let signed_in = |w: Who| if w == Anonymous { Deny } else { Allow };
        let admin_only = |w: Who| if w == Admin { Allow } else { Deny };
        let owner_a_or_admin = |w: Who| if matches!(w, MemberA | Admin) { Allow } else { Deny };
        let staff = |w: Who| if matches!(w, CaseManager | Steering | Admin) { Allow } else { Deny };
        let outreach = |w: Who| if matches!(w, CaseManager | Admin) { Allow } else { Deny };
        /// (endpoint, is a GET, form fields, expectation per caller)
        type Call = (&'static str, bool, Vec<(&'static str, String)>, Box<dyn Fn(Who) -> Expect>);
        let calls: Vec<Call> = vec![
            ("network_summary", true, vec![], Box::new(|_| Allow)),
            (
                "sign_in",
                false,
                vec![("email", "nobody@example.org".into()), ("password", "wrong password!".into())],
                Box::new(|_| Allow),
            ),
            ("request_password_reset", false, vec![("email", "nobody@example.org".into())], Box::new(|_| Allow)),
            ("reset_link_valid", true, vec![("token", "x".into())], Box::new(|_| Allow)),
            (
                "reset_password",
                false,
                vec![("token", "x".into()), ("password", "long enough phrase".into())],
                Box::new(|_| Allow),
            ),
            ("invitation_details", true, vec![("token", "x".into())], Box::new(|_| Allow)),
            ("accept_invitation", false, vec![("token", "x".into())], Box::new(|_| Allow)),
            ("my_sessions", true, vec![], Box::new(signed_in)),
            ("end_session", false, vec![("id", "unknown".into())], Box::new(signed_in)),
            ("my_organisations", true, vec![], Box::new(signed_in)),
            ("two_factor_status", true, vec![], Box::new(signed_in)),
            ("begin_two_factor", false, vec![], Box::new(signed_in)),
            ("confirm_two_factor", false, vec![("code", "000000".into())], Box::new(signed_in)),
            ("verify_sign_in_code", false, vec![("code", "000000".into())], Box::new(|_| Allow)),
            ("update_profile", false, vec![("name", "".into()), ("locale", "en".into())], Box::new(signed_in)),
            (
                "change_password",
                false,
                vec![("current_password", "wrong".into()), ("new_password", "x".into())],
                Box::new(signed_in),
            ),
            (
                "organisation_detail",
                true,
                vec![("id", org_a.clone())],
                Box::new(|w| match w {
                    Anonymous => Deny,
                    MemberB => Hidden,
                    _ => Allow,
                }),
            ),
            (
                "invite_member",
                false,
                vec![("organisation_id", org_a.clone()), ("email", "new.person@example.org".into())],
                Box::new(owner_a_or_admin),
            ),
            (
                "remove_member",
                false,
                vec![("organisation_id", org_a.clone()), ("user_id", "nobody".into())],
                Box::new(owner_a_or_admin),
            ),
            (
                "invite_staff",
                false,
                vec![("email", "staff.person@example.org".into()), ("role", "steering".into())],
                Box::new(admin_only),
            ),
            ("admin_users", true, vec![], Box::new(|w| if matches!(w, Admin | Steering) { Allow } else { Deny })),
            (
                "admin_organisations",
                true,
                vec![],
                Box::new(|w| if matches!(w, Admin | Steering) { Allow } else { Deny }),
            ),
            ("set_user_role", false, vec![("user_id", target.clone()), ("role", "".into())], Box::new(admin_only)),
            (
                "set_user_disabled",
                false,
                vec![("user_id", target.clone()), ("disabled", "false".into())],
                Box::new(admin_only),
            ),
            (
                "set_organisation_verified",
                false,
                vec![("organisation_id", org_a.clone()), ("verified", "true".into())],
                Box::new(admin_only),
            ),
            ("audit_log", true, vec![], Box::new(admin_only)),
            ("admin_mail", true, vec![], Box::new(admin_only)),
            ("survey_state", true, vec![("kind", "supply".into())], Box::new(|_| Allow)),
            (
                "survey_step",
                true,
                vec![("kind", "supply".into()), ("step", "1".into()), ("check", "false".into())],
                Box::new(|_| Allow),
            ),
            ("survey_start", false, vec![("kind", "demand".into())], Box::new(|_| Allow)),
            ("survey_resume_link", false, vec![("kind", "supply".into())], Box::new(|_| Allow)),
            ("survey_resume", true, vec![("kind", "supply".into()), ("key", "x".into())], Box::new(|_| Allow)),
            ("survey_submit", false, vec![("kind", "supply".into()), ("draft", "x".into())], Box::new(|_| Allow)),
            ("roster_search", true, vec![("roster", "providers".into()), ("query", "".into())], Box::new(staff)),
            (
                "provider_profile",
                true,
                vec![("organisation_id", org_a.clone())],
                Box::new(|w| if matches!(w, Anonymous | MemberB) { Deny } else { Allow }),
            ),
            (
                "request_detail",
                true,
                vec![("id", "unknown".into())],
                Box::new(|w| if w == Anonymous { Deny } else { Hidden }),
            ),
            ("confirm_profile", false, vec![("organisation_id", org_a.clone())], Box::new(owner_a_or_admin)),
            (
                "set_profile_listed",
                false,
                vec![("organisation_id", org_a.clone()), ("listed", "true".into())],
                Box::new(owner_a_or_admin),
            ),
            ("outreach_campaigns", true, vec![], Box::new(staff)),
            ("outreach_campaign", true, vec![("id", "unknown".into())], Box::new(staff)),
            ("create_campaign", false, vec![("name", "".into()), ("survey", "supply".into())], Box::new(outreach)),
            (
                "outreach_send",
                false,
                vec![("campaign", "unknown".into()), ("reminder", "false".into())],
                Box::new(outreach),
            ),
            ("outreach_open", true, vec![("t", "unknown".into())], Box::new(|_| Allow)),
            ("unsubscribe_info", true, vec![("t", "unknown".into())], Box::new(|_| Allow)),
            ("unsubscribe", false, vec![("t", "unknown".into())], Box::new(|_| Allow)),
            ("case_list", true, vec![("query", "".into())], Box::new(staff)),
            ("my_cases", true, vec![], Box::new(signed_in)),
            (
                "case_detail",
                true,
                vec![("id", "unknown".into())],
                Box::new(|w| match w {
                    Anonymous => Deny,
                    MemberA | MemberB => Hidden,
                    _ => Allow,
                }),
            ),
            (
                "confirm_scope",
                false,
                vec![("id", "unknown".into()), ("version", "1".into())],
                Box::new(|w| if w == Anonymous { Deny } else { Hidden }),
            ),
            (
                "set_next_step",
                false,
                vec![("id", "unknown".into()), ("version", "1".into()), ("next_step", "x".into()), ("due", "".into())],
                Box::new(staff),
            ),
            (
                "add_case_note",
                false,
                vec![("id", "unknown".into()), ("kind", "internal".into()), ("body", "x".into())],
                Box::new(staff),
            ),
            (
                "decide_match",
                false,
                vec![
                    ("id", "unknown".into()),
                    ("version", "1".into()),
                    ("provider", "x".into()),
                    ("decision", "shortlisted".into()),
                    ("reason", "".into()),
                ],
                Box::new(staff),
            ),
            (
                "assign_case",
                false,
                vec![
                    ("id", "unknown".into()),
                    ("version", "1".into()),
                    ("case_manager", "".into()),
                    ("reason", "".into()),
                ],
                Box::new(staff),
            ),
            (
                "move_case",
                false,
                vec![
                    ("id", "unknown".into()),
                    ("version", "1".into()),
                    ("action", "scoping".into()),
                    ("reason", "".into()),
                ],
                Box::new(staff),
            ),
            ("sign_out", false, vec![], Box::new(|_| Allow)),
        ];
        for who in everyone {
            let client = new_client();
            let email = match who {
                Anonymous => None,
                MemberA => Some("focal.point@demo.ogpnm.example"),
                MemberB => Some("provider@demo.ogpnm.example"),
                CaseManager => Some("case.manager@demo.ogpnm.example"),
                Steering => Some("steering@demo.ogpnm.example"),
                Admin => Some("admin@demo.ogpnm.example"),
            };
            if let Some(email) = email {
                sign_in_as(&app, &client, email).await;
            }
            for (endpoint, get, fields, expect) in &calls {
                if *endpoint == "sign_in" || *endpoint == "sign_out" {
                    // these change who the client is; they are checked after the others
                    continue;
                }
                let url = app.url(&format!("/api/{endpoint}"));
                let res = if *get {
                    client.get(&url).query(fields).send().await
                } else {
                    client.post(&url).form(fields).send().await
                }
                .expect("call");
                let status = res.status();
                let expected = expect(who);
                let ok = match expected {
                    Allow => status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                    Deny => status == if who == Anonymous { StatusCode::UNAUTHORIZED } else { StatusCode::FORBIDDEN },
                    Hidden => status == StatusCode::NOT_FOUND,
                };
                assert!(ok, "{engine:?} {who:?} {endpoint}: expected {expected:?}, got {status}");
            }
            for endpoint in ["sign_out", "sign_in"] {
                let (_, _, fields, _) = calls.iter().find(|c| c.0 == endpoint).expect("call");
                let res = client.post(app.url(&format!("/api/{endpoint}"))).form(fields).send().await.expect("call");
                assert!(
                    ![401, 403].contains(&res.status().as_u16()),
                    "{engine:?} {who:?} {endpoint}: {}",
                    res.status()
                );
            }
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn an_admin_disables_an_account_changes_a_role_and_verifies_an_organisation() {
    use reqwest::header::{ACCEPT, REFERER};
    for engine in engines() {
        let app = spawn(engine).await;
        let admin = new_client();
        sign_in_as(&app, &admin, "admin@demo.ogpnm.example").await;
        let victim = new_client();
        sign_in_as(&app, &victim, "focal.point@demo.ogpnm.example").await;
        let (focal, _) = app::db::users::find_by_email(app.db.read(), "focal.point@demo.ogpnm.example")
            .await
            .expect("q")
            .expect("u");
        let (cm, _) = app::db::users::find_by_email(app.db.read(), "case.manager@demo.ogpnm.example")
            .await
            .expect("q")
            .expect("u");
        let page = admin.get(app.url("/admin/users?q=demo")).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("Sofía Pereira") && page.contains("Lucía Fernández"), "{engine:?}");
        let page =
            admin.get(app.url("/admin/users?q=zzz-nobody")).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("Nothing matches this search."));

        let post = |path: &str, fields: Vec<(&str, String)>| {
            admin
                .post(app.url(path))
                .header(ACCEPT, "text/html")
                .header(REFERER, app.url("/admin/users"))
                .form(&fields)
                .send()
        };
        post("/api/set_user_disabled", vec![("user_id", focal.user_id.clone()), ("disabled", "true".into())])
            .await
            .expect("disable");
        let res = victim.get(app.url("/account")).header(ACCEPT, "text/html").send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FOUND, "{engine:?}: a disabled account's sessions end");
        let res = app
            .client
            .post(app.url("/api/sign_in"))
            .form(&[("email", "focal.point@demo.ogpnm.example"), ("password", seed::DEMO_PASSWORD)])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "a disabled account cannot sign in");

        post("/api/set_user_role", vec![("user_id", cm.user_id.clone()), ("role", "steering".into())])
            .await
            .expect("role");
        let (cm_after, _) = app::db::users::find_by_email(app.db.read(), "case.manager@demo.ogpnm.example")
            .await
            .expect("q")
            .expect("u");
        assert_eq!(cm_after.staff_role, Some(app::domain::policy::StaffRole::Steering));
        let res = admin
            .post(app.url("/api/set_user_role"))
            .form(&[("user_id", cm.user_id.as_str()), ("role", "emperor")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "an unknown role changes nothing");

        let mut tx = app.db.write().begin().await.expect("begin");
        let org = app::db::organisations::id_by_name(&mut tx, "Directorate of Public Procurement")
            .await
            .expect("q")
            .expect("org");
        drop(tx);
        post("/api/set_organisation_verified", vec![("organisation_id", org.clone()), ("verified", "true".into())])
            .await
            .expect("verify");
        let summary: app::model::NetworkSummary = app.get("/api/network_summary").await.json().await.expect("json");
        assert_eq!(summary.verified, 34, "{engine:?}");

        let page = admin.get(app.url("/admin/audit")).send().await.expect("get").text().await.expect("page");
        for action in ["account.disabled", "role.changed", "organisation.verified", "sign_in"] {
            assert!(page.contains(action), "{engine:?}: audit page lacks {action}");
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn repeated_failed_sign_ins_lock_the_account_with_retry_after() {
    for engine in engines() {
        let app = spawn(engine).await;
        let attempt = |password: &'static str| {
            app.client
                .post(app.url("/api/sign_in"))
                .form(&[("email", "steering@demo.ogpnm.example"), ("password", password)])
                .send()
        };
        for i in 0..10 {
            let res = attempt("wrong password here").await.expect("post");
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}: attempt {i}");
        }
        // locked now, even with the right password, and told when to retry
        let res = attempt("open government demo").await.expect("post");
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{engine:?}");
        let retry: u64 = res.headers()["retry-after"].to_str().expect("ascii").parse().expect("seconds");
        assert!((1..=900).contains(&retry), "{retry}");
        // other accounts are not affected
        let res = app
            .client
            .post(app.url("/api/sign_in"))
            .form(&[("email", "admin@demo.ogpnm.example"), ("password", seed::DEMO_PASSWORD)])
            .send()
            .await
            .expect("post");
        assert!(res.status().is_redirection() || res.status().is_success(), "{engine:?}: {}", res.status());
        app.stop().await;
    }
}

#[tokio::test]
async fn people_change_their_name_language_and_password() {
    use reqwest::header::{ACCEPT, REFERER};
    for engine in engines() {
        let app = spawn(engine).await;
        let me = new_client();
        sign_in_as(&app, &me, "case.manager@demo.ogpnm.example").await;
        let other_device = new_client();
        sign_in_as(&app, &other_device, "case.manager@demo.ogpnm.example").await;
        let post = |path: &str, fields: Vec<(&str, &str)>| {
            me.post(app.url(path)).header(ACCEPT, "text/html").header(REFERER, app.url("/account")).form(&fields).send()
        };
        let res =
            post("/api/update_profile", vec![("name", "Lucía Fernández Ruiz"), ("locale", "es")]).await.expect("post");
        assert_eq!(res.headers()[LOCATION], "/account?saved=profile");
        let page = me.get(app.url("/account")).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("<html lang=\"es\"") && page.contains("Lucía Fernández Ruiz"), "{engine:?}");

        post(
            "/api/change_password",
            vec![("current_password", "not it at all"), ("new_password", "a new long phrase")],
        )
        .await
        .expect("post");
        let page = me.get(app.url("/account")).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("La contraseña actual no es correcta."), "{engine:?}: refused in the person's language");
        let res = post(
            "/api/change_password",
            vec![("current_password", seed::DEMO_PASSWORD), ("new_password", "a new long phrase")],
        )
        .await
        .expect("post");
        assert_eq!(res.headers()[LOCATION], "/account?saved=password");
        let res = other_device.get(app.url("/account")).header(ACCEPT, "text/html").send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FOUND, "{engine:?}: other sessions end");
        let res = me.get(app.url("/account")).header(ACCEPT, "text/html").send().await.expect("get");
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}: this session stays");
        app.stop().await;
    }
}

#[tokio::test]
async fn staff_enrol_two_factor_and_then_need_a_code_or_a_recovery_code_to_sign_in() {
    use reqwest::header::{ACCEPT, REFERER};
    for engine in engines() {
        let app = spawn(engine).await;
        // a new staff member, without two-factor yet: their staff role waits for it
        let hash = app::auth::password::hash(seed::DEMO_PASSWORD.to_string()).await.expect("hash");
        let mut tx = app.db.write().begin().await.expect("begin");
        let new_staff = app::db::users::NewUser {
            email: "new.staff@example.org".into(),
            name: "Nadia Haddad".into(),
            locale: "en".into(),
            password_hash: Some(hash),
            staff_role: Some(app::domain::policy::StaffRole::Steering),
            email_verified: true,
        };
        app::db::users::insert(&mut tx, &new_staff).await.expect("insert");
        tx.commit().await.expect("commit");
        let admin = new_client();
        sign_in_as(&app, &admin, "new.staff@example.org").await;
        let page = admin.get(app.url("/account")).send().await.expect("get").text().await.expect("page");
        assert!(
            page.contains("Your staff role becomes active once two-factor authentication is set up."),
            "{engine:?}"
        );
        let res = admin.get(app.url("/api/admin_users")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}: no staff powers before two-factor");
        let form = |client: &reqwest::Client, path: &str, fields: Vec<(&str, String)>| {
            client
                .post(app.url(path))
                .header(ACCEPT, "text/html")
                .header(REFERER, app.url("/account/two-factor"))
                .form(&fields)
                .send()
        };
        form(&admin, "/api/begin_two_factor", vec![]).await.expect("begin");
        let page = admin.get(app.url("/account/two-factor")).send().await.expect("get").text().await.expect("page");
        assert!(
            page.contains("<svg") && page.contains("autocomplete=\"one-time-code\""),
            "{engine:?}: QR code and code field"
        );
        let status: app::model::TwoFactorView =
            admin.get(app.url("/api/two_factor_status")).send().await.expect("get").json().await.expect("json");
        let secret = status.pending.expect("pending secret").0;
        let now = || app::db::now_ms() / 1000;
        form(&admin, "/api/confirm_two_factor", vec![("code", "123456".into())]).await.expect("wrong");
        let page = admin.get(app.url("/account/two-factor")).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("This code is not right."), "{engine:?}");
        let code = app::auth::totp::code_at(&secret, now()).expect("code");
        form(&admin, "/api/confirm_two_factor", vec![("code", code)]).await.expect("confirm");
        let page = admin.get(app.url("/account/two-factor")).send().await.expect("get").text().await.expect("page");
        assert!(
            page.contains("Your recovery codes") && page.contains("Two-factor authentication is on."),
            "{engine:?}"
        );
        let recovery =
            page.split("<li><code>").nth(1).and_then(|s| s.split('<').next()).expect("a recovery code").to_string();
        let page = admin.get(app.url("/account/two-factor")).send().await.expect("get").text().await.expect("page");
        assert!(!page.contains("Your recovery codes"), "shown only once");
        let res = admin.get(app.url("/api/admin_users")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}: the staff role is active once two-factor is on");

        // signing in now takes a code
        let fresh = new_client();
        let res = form(
            &fresh,
            "/api/sign_in",
            vec![("email", "new.staff@example.org".into()), ("password", seed::DEMO_PASSWORD.into())],
        )
        .await
        .expect("post");
        assert_eq!(res.headers()[LOCATION], "/sign-in/code", "{engine:?}");
        let res = fresh.get(app.url("/account")).header(ACCEPT, "text/html").send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FOUND, "no session before the code");
        form(&fresh, "/api/verify_sign_in_code", vec![("code", "000000".into())]).await.expect("wrong code");
        let page = fresh.get(app.url("/sign-in/code")).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("This code is not right."));
        let code = app::auth::totp::code_at(&secret, now()).expect("code");
        let res = form(&fresh, "/api/verify_sign_in_code", vec![("code", code)]).await.expect("code");
        assert_eq!(res.headers()[LOCATION], "/account", "{engine:?}");

        // a recovery code works once
        for expected_ok in [true, false] {
            let other = new_client();
            form(
                &other,
                "/api/sign_in",
                vec![("email", "new.staff@example.org".into()), ("password", seed::DEMO_PASSWORD.into())],
            )
            .await
            .expect("post");
            let res = form(&other, "/api/verify_sign_in_code", vec![("code", recovery.to_uppercase())])
                .await
                .expect("recovery");
            let ok = res.headers()[LOCATION] == "/account";
            assert_eq!(ok, expected_ok, "{engine:?}: recovery code use");
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn a_cross_site_post_to_any_server_function_is_refused() {
    let app = spawn(Engine::Sqlite).await;
    let client = new_client();
    sign_in_as(&app, &client, "admin@demo.ogpnm.example").await;
    let endpoints = [
        "sign_in",
        "sign_out",
        "sign_out_everywhere",
        "end_session",
        "request_password_reset",
        "reset_password",
        "invite_member",
        "remove_member",
        "invite_staff",
        "accept_invitation",
        "set_user_role",
        "set_user_disabled",
        "set_organisation_verified",
        "update_profile",
        "change_password",
        "begin_two_factor",
        "confirm_two_factor",
        "verify_sign_in_code",
        "survey_start",
        "survey_save_step",
        "survey_autosave",
        "survey_resume_link",
        "survey_submit",
        "confirm_profile",
        "set_profile_listed",
        "create_campaign",
        "outreach_import",
        "outreach_send",
        "unsubscribe",
        "assign_case",
        "move_case",
        "write_scope",
        "confirm_scope",
        "set_next_step",
        "add_case_note",
        "decide_match",
    ];
    for endpoint in endpoints {
        for (header, value) in [("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")] {
            let res = client
                .post(app.url(&format!("/api/{endpoint}")))
                .header(header, value)
                .form(&[("x", "y")])
                .send()
                .await
                .expect("post");
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{endpoint} with {header}: {value}");
        }
    }
    let res = client.get(app.url("/account")).send().await.expect("get");
    assert_eq!(res.status(), StatusCode::OK, "the admin's session survived every refused request");
    app.stop().await;
}

/// The value of the form control named `name` in a rendered page.
fn field_value(page: &str, name: &str) -> String {
    let at = page.find(&format!("name=\"{name}\"")).unwrap_or_else(|| panic!("no field {name}"));
    let tag_end = page[at..].find('>').expect("tag end") + at;
    let tag = &page[at..tag_end];
    let start = tag.find("value=\"").expect("value") + "value=\"".len();
    tag[start..].split('"').next().expect("quoted").to_string()
}

/// Posts one wizard step as the browser's form would (multipart, no JavaScript).
async fn post_step(
    app: &TestApp,
    client: &reqwest::Client,
    kind: &str,
    step: usize,
    answers: &[(&str, &str)],
    nav: &str,
) -> reqwest::Response {
    use reqwest::header::{ACCEPT, REFERER};
    let page_url = app.url(&format!("/survey/{kind}/step/{step}"));
    let page = client.get(&page_url).send().await.expect("page").text().await.expect("text");
    let mut form = reqwest::multipart::Form::new();
    for name in ["kind", "draft", "step", "seq", "key"] {
        form = form.text(name, field_value(&page, name));
    }
    for (name, value) in answers {
        form = form.text(name.to_string(), value.to_string());
    }
    form = form.text("nav", nav.to_string());
    client
        .post(app.url("/api/survey_save_step"))
        .header(ACCEPT, "text/html")
        .header(REFERER, page_url)
        .multipart(form)
        .send()
        .await
        .expect("post step")
}

/// Submits the draft shown on the review page, as its "Submit" button does; returns where the
/// browser is sent.
async fn submit_survey(app: &TestApp, client: &reqwest::Client, kind: &str) -> String {
    let review = client.get(app.url(&format!("/survey/{kind}/review"))).send().await.expect("review");
    submit_draft(app, client, kind, &field_value(&review.text().await.expect("text"), "draft")).await
}

/// Posts the review page's submit form for `draft`.
async fn submit_draft(app: &TestApp, client: &reqwest::Client, kind: &str, draft: &str) -> String {
    let res = client
        .post(app.url("/api/survey_submit"))
        .header(reqwest::header::ACCEPT, "text/html")
        .header(reqwest::header::REFERER, app.url(&format!("/survey/{kind}/review")))
        .form(&[("kind", kind), ("draft", draft)])
        .send()
        .await
        .expect("submit");
    location(&res)
}

fn location(res: &reqwest::Response) -> String {
    res.headers().get(LOCATION).map(|v| v.to_str().expect("ascii").to_string()).unwrap_or_default()
}

async fn start_survey(app: &TestApp, client: &reqwest::Client, kind: &str) -> String {
    use reqwest::header::{ACCEPT, REFERER};
    let res = client
        .post(app.url("/api/survey_start"))
        .header(ACCEPT, "text/html")
        .header(REFERER, app.url(&format!("/survey/{kind}")))
        .form(&[("kind", kind)])
        .send()
        .await
        .expect("start");
    assert_eq!(res.status(), StatusCode::FOUND);
    location(&res)
}

const SUPPLY_STEPS: [&[(&str, &str)]; 5] = [
    &[
        ("respondent_name", "Aïcha Diallo"),
        ("respondent_email", "aicha.diallo@example.org"),
        ("org_name", "Budget Ouvert Sahel"),
        ("org_kind", "ngo"),
        ("org_country", "SN"),
        ("website", "https://budget-ouvert.example.org"),
        ("org_description", "We help ministries publish citizens' budgets."),
    ],
    &[
        ("areas.fiscal_openness", "expert"),
        ("areas.citizen_participation", "experienced"),
        ("past_work", "Citizens' budget for the Ministry of Finance of Senegal, 2023."),
    ],
    &[
        ("assistance", "training"),
        ("assistance", "strategy_advice"),
        ("cost_basis", "paid"),
        ("rate_range", "300 to 400 EUR a day"),
        ("delivery", "remote"),
        ("languages", "fr"),
        ("languages", "en"),
    ],
    &[("regions", "africa_middle_east"), ("countries", "SN"), ("countries", "ML")],
    &[
        ("capacity", "part_time"),
        ("references", "https://a.example.org/report\nhttps://b.example.org"),
        ("consent_listing", "yes"),
    ],
];

#[tokio::test]
async fn a_provider_completes_the_supply_survey_with_plain_forms_and_gets_a_profile_and_an_account() {
    for engine in engines() {
        let app = spawn(engine).await;
        let client = new_client();
        let page = app.get("/survey/supply").await.text().await.expect("intro");
        assert!(page.contains("action=\"/api/survey_start\""), "{engine:?}");
        assert_eq!(start_survey(&app, &client, "supply").await, "/survey/supply/step/1");

        // skipping ahead is sent back to the step reached
        let res = client.get(app.url("/survey/supply/step/3")).send().await.expect("get");
        let page = res.text().await.expect("page");
        assert!(!page.contains("name=\"cost_basis\""), "step 3 is not shown before step 1 is complete");

        // an incomplete step is stored, and shown again with its errors
        let res = post_step(&app, &client, "supply", 1, &SUPPLY_STEPS[0][..3], "next").await;
        assert_eq!(location(&res), "/survey/supply/step/1?check=1#errors", "{engine:?}");
        let page =
            client.get(app.url("/survey/supply/step/1?check=1")).send().await.expect("get").text().await.expect("t");
        assert!(page.contains("class=\"error-summary\"") && page.contains("This answer is required."), "{engine:?}");
        assert!(page.contains("value=\"Budget Ouvert Sahel\""), "what was typed is kept");

        // a forged option is refused whole and changes nothing
        let res = post_step(&app, &client, "supply", 1, &[("org_kind", "secret_society")], "next").await;
        assert_eq!(location(&res), "/survey/supply/step/1");
        let page = client.get(app.url("/survey/supply/step/1")).send().await.expect("get").text().await.expect("t");
        assert!(page.contains("This option is not one of the choices."), "{engine:?}");
        assert!(page.contains("value=\"Budget Ouvert Sahel\""), "the stored answers are untouched");

        for (i, answers) in SUPPLY_STEPS.iter().enumerate() {
            let res = post_step(&app, &client, "supply", i + 1, answers, "next").await;
            let expected = if i + 1 < SUPPLY_STEPS.len() {
                format!("/survey/supply/step/{}", i + 2)
            } else {
                "/survey/supply/review".into()
            };
            assert_eq!(location(&res), expected, "{engine:?} step {}", i + 1);
        }
        // back keeps the answers and goes one step back
        let res = post_step(&app, &client, "supply", 3, SUPPLY_STEPS[2], "back").await;
        assert_eq!(location(&res), "/survey/supply/step/2");

        let review = client.get(app.url("/survey/supply/review")).send().await.expect("get").text().await.expect("t");
        for shown in
            ["Budget Ouvert Sahel", "Senegal", "Fiscal openness", "300 to 400 EUR a day", "https://b.example.org"]
        {
            assert!(review.contains(shown), "{engine:?}: review lacks {shown}");
        }
        let draft = field_value(&review, "draft");
        assert_eq!(submit_draft(&app, &client, "supply", &draft).await, "/survey/supply/done?account=1", "{engine:?}");
        assert_eq!(
            submit_draft(&app, &client, "supply", &draft).await,
            "/survey/supply/done",
            "submitting twice is answered like the first time"
        );

        let mut tx = app.db.write().begin().await.expect("begin");
        let org =
            app::db::organisations::id_by_name(&mut tx, "Budget Ouvert Sahel").await.expect("q").expect("org created");
        drop(tx);
        let versions = app::db::surveys::profile_versions(app.db.read(), &org).await.expect("versions");
        assert_eq!(versions.len(), 1, "{engine:?}: one profile version");
        let answers = &versions[0].1;
        assert_eq!(answers.values("areas"), ["fiscal_openness:expert", "citizen_participation:experienced"]);
        assert_eq!(answers.values("languages"), ["fr", "en"]);
        assert_eq!(answers.first("rate_range"), "300 to 400 EUR a day");
        assert_eq!(answers.values("references"), ["https://a.example.org/report", "https://b.example.org"]);
        assert_eq!(answers.first("consent_listing"), "yes");
        let (user, _) = app::db::users::find_by_email(app.db.read(), "aicha.diallo@example.org")
            .await
            .expect("q")
            .expect("an account for the respondent");
        assert_eq!(user.name, "Aïcha Diallo");
        let mail = app.smtp.wait_for("aicha.diallo@example.org", "/reset-password?token=").await;
        assert!(mail.contains("Offer expertise"), "{mail}");
        let done =
            client.get(app.url("/survey/supply/done?account=1")).send().await.expect("get").text().await.expect("t");
        assert!(done.contains("aicha.diallo@example.org"));

        // naming an organisation already listed does not take it over
        let intruder = new_client();
        start_survey(&app, &intruder, "supply").await;
        for (i, answers) in SUPPLY_STEPS.iter().enumerate() {
            let answers: Vec<(&str, &str)> = answers
                .iter()
                .map(|(k, v)| if *k == "respondent_email" { (*k, "someone.else@example.org") } else { (*k, *v) })
                .collect();
            post_step(&app, &intruder, "supply", i + 1, &answers, "next").await;
        }
        assert_eq!(submit_survey(&app, &intruder, "supply").await, "/survey/supply/review", "{engine:?}");
        let review = intruder.get(app.url("/survey/supply/review")).send().await.expect("get").text().await.expect("t");
        assert!(review.contains("already registered in this country"), "{engine:?}");
        assert_eq!(app::db::surveys::profile_versions(app.db.read(), &org).await.expect("versions").len(), 1);
        assert!(app::db::users::find_by_email(app.db.read(), "someone.else@example.org").await.expect("q").is_none());
        app.stop().await;
    }
}

/// Calls the autosave as the WASM does.
async fn autosave(
    app: &TestApp,
    client: &reqwest::Client,
    draft: &str,
    step: usize,
    seq: i64,
    key: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, serde_json::Value) {
    let body = serde_json::json!({
        "kind": "demand", "draft": draft, "step": step, "seq": seq, "key": key,
        "fields": fields.iter().map(|(a, b)| [a.to_string(), b.to_string()]).collect::<Vec<_>>(),
    });
    let res = client.post(app.url("/api/survey_autosave")).json(&body).send().await.expect("autosave");
    let status = res.status();
    let text = res.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)))
}

#[tokio::test]
async fn autosaves_are_sequenced_idempotent_and_refuse_forged_input_without_changing_anything() {
    for engine in engines() {
        let app = spawn(engine).await;
        let client = new_client();
        start_survey(&app, &client, "demand").await;
        let page = client.get(app.url("/survey/demand/step/1")).send().await.expect("get").text().await.expect("t");
        let draft = field_value(&page, "draft");
        let government = [
            ("country", "KE"),
            ("agency", "Ministry of ICT"),
            ("respondent_name", "Wanjiru Kamau"),
            ("respondent_email", "w.kamau@example.org"),
        ];
        let saved = |seq: i64| serde_json::json!({ "Saved": { "seq": seq } });
        let stale = |seq: i64| serde_json::json!({ "Stale": { "seq": seq } });
        assert_eq!(
            autosave(&app, &client, &draft, 1, 1, "key-0001", &government[..1]).await,
            (StatusCode::OK, saved(1))
        );
        // a replay of the same save: answered, not applied again
        assert_eq!(
            autosave(&app, &client, &draft, 1, 1, "key-0001", &government[..1]).await,
            (StatusCode::OK, saved(1))
        );
        assert_eq!(autosave(&app, &client, &draft, 1, 3, "key-0003", &government).await, (StatusCode::OK, saved(3)));
        // a stale tab (older number, new key) is refused and changes nothing
        let (status, body) = autosave(&app, &client, &draft, 1, 2, "key-0002", &[("country", "UG")]).await;
        assert_eq!((status, body), (StatusCode::OK, stale(3)), "{engine:?}");
        // forged input: unknown country, oversized text, a step not reached, a malformed key
        let long = "x".repeat(5000);
        for (step, fields, what) in [
            (1, vec![("country", "XX")], "unknown country"),
            (1, vec![("agency", long.as_str())], "oversized text"),
            (3, vec![("budget", "funded")], "a step not reached"),
        ] {
            let (status, _) = autosave(&app, &client, &draft, step, 9, "key-0009", &fields).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}: {what}");
        }
        let (status, _) = autosave(&app, &client, &draft, 1, 9, "k", &government).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a malformed idempotency key");
        // another browser cannot write to this draft
        let (status, _) = autosave(&app, &new_client(), &draft, 1, 10, "key-0010", &government).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{engine:?}");

        let page = client.get(app.url("/survey/demand/step/1")).send().await.expect("get").text().await.expect("t");
        assert_eq!(field_value(&page, "seq"), "4", "{engine:?}: the next save must carry 4");
        assert!(page.contains("value=\"Ministry of ICT\"") && page.contains("value=\"KE\" selected"), "{engine:?}");

        // continue on another device through an e-mailed link
        let res = client
            .post(app.url("/api/survey_resume_link"))
            .header(reqwest::header::ACCEPT, "text/html")
            .header(reqwest::header::REFERER, app.url("/survey/demand/step/1"))
            .form(&[("kind", "demand")])
            .send()
            .await
            .expect("resume link");
        assert_eq!(location(&res), "/survey/demand/step/1?sent=1");
        let mail = app.smtp.wait_for("w.kamau@example.org", "/api/survey_resume?").await;
        let link = link_in(&mail, "http");
        let other = new_client();
        let res = other.get(&link).send().await.expect("resume");
        assert_eq!(location(&res), "/survey/demand/step/1", "{engine:?}");
        let page = other.get(app.url("/survey/demand/step/1")).send().await.expect("get").text().await.expect("t");
        assert!(page.contains("value=\"Ministry of ICT\""), "{engine:?}: the other device sees the answers");
        let res = new_client().get(app.url("/api/survey_resume?kind=demand&key=forged")).send().await.expect("get");
        assert_eq!(location(&res), "/survey/demand?expired=1");

        // the other device completes the request with plain forms
        let res = post_step(&app, &other, "demand", 1, &government, "next").await;
        assert_eq!(location(&res), "/survey/demand/step/2", "{engine:?}");
        let need = [
            ("areas", "fiscal_openness"),
            ("areas", "open_data"),
            ("stage", "refining"),
            ("need", "We want county budgets published in one open format."),
        ];
        assert_eq!(location(&post_step(&app, &other, "demand", 2, &need, "next").await), "/survey/demand/step/3");
        let assistance = [
            ("assistance", "strategy_advice"),
            ("languages", "en"),
            ("languages", "sw"),
            ("timeline", "next_months"),
            ("budget", "pro_bono_expected"),
            ("consent_share", "yes"),
        ];
        assert_eq!(location(&post_step(&app, &other, "demand", 3, &assistance, "next").await), "/survey/demand/review");
        assert_eq!(submit_survey(&app, &other, "demand").await, "/survey/demand/done?account=1", "{engine:?}");
        // the first browser's stale tab cannot change the submitted draft
        let (_, body) = autosave(&app, &client, &draft, 1, 50, "key-0050", &[("country", "UG")]).await;
        assert_eq!(body, stale(6), "{engine:?}");
        let mut tx = app.db.write().begin().await.expect("begin");
        let org = app::db::organisations::id_by_name(&mut tx, "Ministry of ICT").await.expect("q").expect("government");
        drop(tx);
        let requests = app::db::surveys::requests_of(app.db.read(), &[org]).await.expect("requests");
        assert_eq!(requests.len(), 1);
        let (_, _, status, answers, _) = &requests[0];
        assert_eq!(status, "submitted");
        assert_eq!(answers.first("country"), "KE");
        assert_eq!(answers.values("areas"), ["fiscal_openness", "open_data"]);
        assert_eq!(answers.values("languages"), ["en", "sw"]);
        assert_eq!(answers.first("need"), "We want county budgets published in one open format.");
        // the request opened its case, at Intake, with the opening on its timeline
        let case = app::db::cases::of_request(app.db.read(), &requests[0].0).await.expect("q").expect("a case");
        assert_eq!((case.stage, case.version), (app::domain::case::CaseStage::Intake, 1), "{engine:?}");
        let timeline = app::db::cases::timeline(app.db.read(), &case.id).await.expect("timeline");
        assert_eq!(timeline.iter().map(|e| e.kind.as_str()).collect::<Vec<_>>(), ["opened"], "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_signed_in_provider_updates_their_profile_as_a_new_version() {
    for engine in engines() {
        let app = spawn(engine).await;
        let client = new_client();
        sign_in_as(&app, &client, "provider@demo.ogpnm.example").await;
        let intro = client.get(app.url("/survey/supply")).send().await.expect("get").text().await.expect("t");
        assert!(
            intro.contains("Civic Data Commons") && intro.contains("Version 1"),
            "{engine:?}: the current profile is shown"
        );
        assert_eq!(
            start_survey(&app, &client, "supply").await,
            "/survey/supply/review",
            "a complete profile opens on review"
        );
        let page = client.get(app.url("/survey/supply/step/1")).send().await.expect("get").text().await.expect("t");
        assert!(page.contains("value=\"Civic Data Commons\""), "{engine:?}: prefilled from the current profile");
        assert!(!page.contains("name=\"respondent_email\""), "the account's e-mail is not asked again");
        // every step as prefilled, except a new example of past work
        for step in 1..=5 {
            let res = if step == 2 {
                post_step(
                    &app,
                    &client,
                    "supply",
                    step,
                    &[("areas.open_data", "expert"), ("past_work", "A new example of our work.")],
                    "next",
                )
                .await
            } else {
                post_prefilled(&app, &client, step).await
            };
            assert!(location(&res).starts_with("/survey/supply/"), "{engine:?} step {step}: {}", location(&res));
            assert!(!location(&res).contains("check"), "{engine:?} step {step}: {}", location(&res));
        }
        assert_eq!(submit_survey(&app, &client, "supply").await, "/survey/supply/done", "{engine:?}");
        let mut tx = app.db.write().begin().await.expect("begin");
        let org = app::db::organisations::id_by_name(&mut tx, "Civic Data Commons").await.expect("q").expect("org");
        drop(tx);
        let versions = app::db::surveys::profile_versions(app.db.read(), &org).await.expect("versions");
        assert_eq!(versions.len(), 2, "{engine:?}: the first version is kept");
        assert_eq!(versions[1].1.first("past_work"), "A new example of our work.");
        assert_eq!(versions[1].1.values("areas"), ["open_data:expert"]);
        assert_eq!(versions[1].1.first("respondent_email"), "provider@demo.ogpnm.example");
        assert_ne!(versions[0].1.first("past_work"), versions[1].1.first("past_work"));
        app.stop().await;
    }
}

/// Re-posts a step with the answers the page shows (as a browser would when nothing changed).
async fn post_prefilled(app: &TestApp, client: &reqwest::Client, step: usize) -> reqwest::Response {
    let draft = app::db::surveys::open_of_user(
        app.db.read(),
        app::domain::survey::SurveyKind::Supply,
        &app::db::users::find_by_email(app.db.read(), "provider@demo.ogpnm.example")
            .await
            .expect("q")
            .expect("u")
            .0
            .user_id,
    )
    .await
    .expect("q")
    .expect("draft");
    let kind = app::domain::survey::SurveyKind::Supply;
    let questions = kind.step(step).expect("step").questions;
    let mut pairs: Vec<(String, String)> = Vec::new();
    for q in questions {
        for v in draft.answers.values(q.id) {
            match (q.kind, v.split_once(':')) {
                (app::domain::survey::QuestionKind::AreasWithDepth, Some((a, d))) => {
                    pairs.push((format!("{}.{a}", q.id), d.to_string()))
                }
                _ => pairs.push((q.id.to_string(), v.clone())),
            }
        }
    }
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    post_step(app, client, "supply", step, &borrowed, "next").await
}

/// A mail's text with quoted-printable encoding undone (soft breaks and `=XX` bytes).
fn decoded(mail: &str) -> String {
    let flat = mail.replace("=\n", "");
    let bytes = flat.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

async fn form_as(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    use reqwest::header::{ACCEPT, REFERER};
    client
        .post(app.url(&format!("/api/{endpoint}")))
        .header(ACCEPT, "text/html")
        .header(REFERER, app.url("/"))
        .form(fields)
        .send()
        .await
        .expect("post")
}

#[tokio::test]
async fn staff_find_a_new_provider_in_the_filtered_roster_and_export_the_filtered_list() {
    for engine in engines() {
        let app = spawn(engine).await;
        // a provider answers the survey
        let client = new_client();
        start_survey(&app, &client, "supply").await;
        for (i, answers) in SUPPLY_STEPS.iter().enumerate() {
            post_step(&app, &client, "supply", i + 1, answers, "next").await;
        }
        assert!(submit_survey(&app, &client, "supply").await.starts_with("/survey/supply/done"), "{engine:?}");

        let cm = new_client();
        sign_in_as(&app, &cm, "case.manager@demo.ogpnm.example").await;
        let page = |path: &'static str| {
            let cm = cm.clone();
            let url = app.url(path);
            async move {
                let res = cm.get(url).send().await.expect("get");
                (res.status(), res.text().await.expect("page"))
            }
        };
        let (status, filtered) = page("/roster/providers?area=fiscal_openness&language=fr").await;
        assert_eq!(status, StatusCode::OK, "{engine:?}");
        assert!(filtered.contains("Budget Ouvert Sahel"), "{engine:?}: the new provider is found");
        assert!(!filtered.contains("Civic Data Commons"), "{engine:?}: no French, no fiscal openness");
        assert!(filtered.contains("provider surveys started and not yet submitted"), "{engine:?}");
        let found: usize = filtered
            .split("id=\"roster-count\"")
            .nth(1)
            .and_then(|s| s.split('>').nth(1))
            .and_then(|s| s.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .expect("count");
        assert!(found >= 1, "{engine:?}");
        let (_, searched) = page("/roster/providers?q=citizens+BUDGETS").await;
        assert!(searched.contains("Budget Ouvert Sahel"), "{engine:?}: text search, any case");

        // the export holds exactly the filtered list
        let res = cm.get(app.url("/roster/providers.csv?area=fiscal_openness&language=fr")).send().await.expect("csv");
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        assert!(res.headers()[reqwest::header::CONTENT_TYPE].to_str().expect("ct").starts_with("text/csv"));
        assert!(res.headers()[reqwest::header::CONTENT_DISPOSITION].to_str().expect("cd").contains("attachment"));
        let csv = res.text().await.expect("csv");
        let mut lines = csv.trim_start_matches('\u{feff}').lines();
        let header = lines.next().expect("header");
        assert!(header.starts_with("Id,Organisation,Kind,Country"), "{header}");
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows.len(), found, "{engine:?}: one row per provider found");
        let row = rows.iter().find(|r| r.contains("Budget Ouvert Sahel")).expect("new provider exported");
        assert!(row.contains("Senegal") && row.contains("French") && row.contains("aicha.diallo@example.org"), "{row}");

        // bad input: a value that does not exist, a page past the end
        let (status, body) = page("/roster/providers?area=open_data&language=klingon").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{engine:?}");
        assert!(body.contains("klingon") && body.contains("Clear all filters"), "{engine:?}");
        let res = cm.get(app.url("/roster/providers.csv?cost=free")).send().await.expect("csv");
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{engine:?}");
        let (status, body) = page("/roster/providers?page=99").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{engine:?}");
        assert!(body.contains("There is no page 99"), "{engine:?}");

        // the requests roster
        let (_, requests) = page("/roster/requests?stage=implementing").await;
        assert!(requests.contains("Directorate of Public Procurement"), "{engine:?}");
        assert!(!requests.contains("National Treasury, Budget Transparency Office"), "{engine:?}: refining");

        // only staff see rosters
        let anonymous = new_client();
        let res = anonymous.get(app.url("/roster/providers.csv")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{engine:?}");
        let provider = new_client();
        sign_in_as(&app, &provider, "provider@demo.ogpnm.example").await;
        let res = provider.get(app.url("/roster/providers")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");
        let res = provider.get(app.url("/roster/providers.csv")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn outreach_imports_a_list_invites_each_recipient_in_their_language_and_follows_them() {
    use app::i18n::{Locale, K};
    for engine in engines() {
        let app = spawn(engine).await;
        let staff = new_client();
        sign_in_as(&app, &staff, "case.manager@demo.ogpnm.example").await;
        let res =
            form_as(&app, &staff, "create_campaign", &[("name", "West Africa, spring round"), ("survey", "supply")])
                .await;
        let campaign = location(&res).trim_start_matches("/outreach/").to_string();
        assert!(!campaign.is_empty() && !campaign.contains('/'), "{engine:?}: {}", location(&res));

        let import = |csv: &'static str| {
            let staff = staff.clone();
            let url = app.url("/api/outreach_import");
            let campaign = campaign.clone();
            async move {
                let part = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("contacts.csv");
                let form = reqwest::multipart::Form::new().text("campaign", campaign).part("file", part);
                staff
                    .post(url)
                    .header(reqwest::header::ACCEPT, "text/html")
                    .multipart(form)
                    .send()
                    .await
                    .expect("import")
            }
        };
        let res = import(
            "name,email,organisation,kind,country,language\n\
             Aminata Sow,aminata@ong-dakar.example,ONG Dakar Ouverte,ngo,SN,fr\n\
             Luis Rojas,luis.rojas@datos-claros.example,Datos Claros,ngo,Peru,es\n\
             Bad Row,not-an-email,Somewhere,ngo,SN,fr\n",
        )
        .await;
        assert!(location(&res).ends_with("#import-report"), "{engine:?}");
        let page_path = format!("/outreach/{campaign}");
        let page = staff.get(app.url(&page_path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("2 contacts added."), "{engine:?}");
        assert!(page.contains("Line 4:") && page.contains("not-an-email"), "{engine:?}: the bad line is reported");
        assert!(page.contains("Send invitations to 2 new contacts"), "{engine:?}");

        // invitations, each in its recipient's language, sent once
        let res = form_as(&app, &staff, "outreach_send", &[("campaign", &campaign), ("reminder", "false")]).await;
        assert!(location(&res).ends_with("?sent=2"), "{engine:?}: {}", location(&res));
        let res = form_as(&app, &staff, "outreach_send", &[("campaign", &campaign), ("reminder", "false")]).await;
        assert!(location(&res).ends_with("?sent=0"), "{engine:?}: nobody is invited twice");
        let french = decoded(&app.smtp.wait_for("aminata@ong-dakar.example", "outreach_open").await);
        let spanish = decoded(&app.smtp.wait_for("luis.rojas@datos-claros.example", "outreach_open").await);
        let greeting = |l: Locale, name: &str| {
            l.tf(K::MailInviteSupplyBody, &[("name", name)]).lines().next().expect("first line").to_string()
        };
        assert!(french.contains(&greeting(Locale::Fr, "Aminata Sow")), "{engine:?}: {french}");
        assert!(spanish.contains(&greeting(Locale::Es, "Luis Rojas")), "{engine:?}: {spanish}");

        // the recipient opens the survey: prefilled, in French, and the status moves
        let recipient = new_client();
        let open = link_in(&french, &app.url("/api/outreach_open"));
        let res = recipient.get(&open).send().await.expect("open");
        assert_eq!(location(&res), "/survey/supply/step/1", "{engine:?}");
        let step =
            recipient.get(app.url("/survey/supply/step/1")).send().await.expect("step").text().await.expect("page");
        assert!(step.contains("lang=\"fr\"") && step.contains("ONG Dakar Ouverte"), "{engine:?}");
        let page = staff.get(app.url(&page_path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("Opened the survey"), "{engine:?}");
        post_step(&app, &recipient, "supply", 1, &SUPPLY_STEPS[0][..3], "next").await;
        let page = staff.get(app.url(&page_path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("status-started"), "{engine:?}");

        // Luis unsubscribes: no reminder for him, ever, even when imported again
        let unsubscribe = link_in(&spanish, &app.url("/unsubscribe?t="));
        let token = unsubscribe.split("t=").nth(1).expect("token").to_string();
        let page = new_client().get(&unsubscribe).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("l••@datos-claros.example"), "{engine:?}");
        let res = form_as(&app, &new_client(), "unsubscribe", &[("t", &token)]).await;
        assert!(location(&res).contains("done=1"), "{engine:?}");
        let res = form_as(&app, &staff, "outreach_send", &[("campaign", &campaign), ("reminder", "true")]).await;
        assert!(location(&res).ends_with("?sent=1"), "{engine:?}: only Aminata is reminded");
        let res = form_as(&app, &staff, "outreach_send", &[("campaign", &campaign), ("reminder", "true")]).await;
        assert!(location(&res).ends_with("?sent=0"), "{engine:?}: one reminder only");
        app.smtp.wait_for("aminata@ong-dakar.example", "Rappel").await;
        let to_luis =
            app.smtp.received.lock().await.iter().filter(|m| m.contains("luis.rojas@datos-claros.example")).count();
        assert_eq!(to_luis, 1, "{engine:?}");
        import("name,email,organisation,kind,country,language\nLuis Rojas,LUIS.ROJAS@datos-claros.example,Datos Claros,ngo,PE,es\n")
            .await;
        let page = staff.get(app.url(&page_path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("asked not to receive our e-mails"), "{engine:?}");

        // a whole file refused: nothing imported, the reason shown
        import("nom,courriel\nA,a@b.example\n").await;
        let page = staff.get(app.url(&page_path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("Nothing was imported.") && page.contains("lacks the columns"), "{engine:?}");

        // steering reads outreach but does not run it
        let steering = new_client();
        sign_in_as(&app, &steering, "steering@demo.ogpnm.example").await;
        let res = form_as(&app, &steering, "outreach_send", &[("campaign", &campaign), ("reminder", "false")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");
        let res = steering.get(app.url(&page_path)).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_provider_sees_its_profile_history_confirms_it_and_gets_the_yearly_reminder() {
    use app::i18n::{Locale, K};
    for engine in engines() {
        let app = spawn(engine).await;
        let mut tx = app.db.write().begin().await.expect("begin");
        let org = app::db::organisations::id_by_name(&mut tx, "Civic Data Commons").await.expect("q").expect("org");
        drop(tx);
        let provider = new_client();
        sign_in_as(&app, &provider, "provider@demo.ogpnm.example").await;
        let path = format!("/roster/providers/{org}");
        let page = provider.get(app.url(&path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("Version history") && page.contains("First version."), "{engine:?}");

        // a second version, with one more language
        assert_eq!(start_survey(&app, &provider, "supply").await, "/survey/supply/review", "{engine:?}");
        let step3 = [
            ("assistance", "strategy_advice"),
            ("assistance", "data_tools"),
            ("cost_basis", "pro_bono"),
            ("delivery", "remote"),
            ("languages", "en"),
            ("languages", "es"),
            ("languages", "fr"),
        ];
        post_step(&app, &provider, "supply", 3, &step3, "next").await;
        submit_survey(&app, &provider, "supply").await;
        let page = provider.get(app.url(&path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("Changed answers:"), "{engine:?}");
        assert!(page.contains(Locale::En.t(K::SurveyQLanguages)), "{engine:?}");
        let staff = new_client();
        sign_in_as(&app, &staff, "case.manager@demo.ogpnm.example").await;
        let roster = staff.get(app.url("/roster/providers?language=fr&q=civic+data")).send().await.expect("get");
        assert!(roster.text().await.expect("page").contains("Civic Data Commons"), "{engine:?}: re-indexed");

        // confirm, withdraw (gone from the roster), list again
        let res = form_as(&app, &provider, "confirm_profile", &[("organisation_id", &org)]).await;
        assert!(location(&res).ends_with("?confirmed=1"), "{engine:?}");
        form_as(&app, &provider, "set_profile_listed", &[("organisation_id", &org), ("listed", "false")]).await;
        let roster = staff.get(app.url("/roster/providers?q=civic+data")).send().await.expect("get");
        assert!(!roster.text().await.expect("page").contains("Civic Data Commons"), "{engine:?}: withdrawn");
        form_as(&app, &provider, "set_profile_listed", &[("organisation_id", &org), ("listed", "true")]).await;

        // another organisation's member may not see it
        let other = new_client();
        sign_in_as(&app, &other, "focal.point@demo.ogpnm.example").await;
        let res = other.get(app.url(&path)).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");

        // a year later, one reminder per profile
        let mailer =
            app::mail::Mailer::new(Some(&app.smtp.url), "OGP NM <nm@test.example>", &app.base, app.site.path().into())
                .expect("mailer");
        let year = app::domain::roster::CONFIRM_EVERY_MS;
        let later = app::db::now_ms() + year + 60_000;
        let profiles: i64 = match app.db.read() {
            app::db::Db::Sqlite(p) => sqlx::query_scalar("SELECT COUNT(*) FROM provider_profiles").fetch_one(p).await,
            app::db::Db::Postgres(p) => sqlx::query_scalar("SELECT COUNT(*) FROM provider_profiles").fetch_one(p).await,
        }
        .expect("count");
        let sent = app::api::roster::send_profile_reminders(&app.db, &mailer, later).await.expect("reminders");
        assert_eq!(sent as i64, profiles, "{engine:?}");
        assert_eq!(app::api::roster::send_profile_reminders(&app.db, &mailer, later).await.expect("again"), 0);
        app::mail::deliver_due(&app.db, &mailer).await.expect("deliver");
        let mail = decoded(&app.smtp.wait_for("provider@demo.ogpnm.example", "still accurate").await);
        assert!(mail.contains(&path), "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn cases_move_only_as_the_state_machine_allows_and_a_stale_writer_changes_nothing() {
    use app::db::cases::{self, Author, Refused};
    use app::domain::case::{CaseFacts, CaseStage, Move, Outcome, Refusal};
    for engine in engines() {
        let app = spawn(engine).await;
        // every demo request has its case
        let mut tx = app.db.write().begin().await.expect("begin");
        let org = app::db::organisations::id_by_name(&mut tx, "Directorate of Public Procurement")
            .await
            .expect("q")
            .expect("org");
        drop(tx);
        let requests = app::db::surveys::requests_of(app.db.read(), &[org]).await.expect("requests");
        let case = cases::of_request(app.db.read(), &requests[0].0).await.expect("q").expect("case");
        let (cm, _) = app::db::users::find_by_email(app.db.read(), "case.manager@demo.ogpnm.example")
            .await
            .expect("q")
            .expect("cm");
        let loads_before = cases::caseloads(app.db.read()).await.expect("loads");
        let facts = CaseFacts::default();
        let mv = |version: i64, to: CaseStage| {
            let db = app.db.clone();
            let id = case.id.clone();
            let cm = cm.user_id.clone();
            async move {
                let mut tx = db.write().begin().await.expect("begin");
                let out = cases::move_case(
                    &mut tx,
                    &id,
                    version,
                    Move::To(to),
                    &facts,
                    20_000,
                    Author { actor: Some(&cm), reason: "test" },
                )
                .await
                .expect("move");
                tx.commit().await.expect("commit");
                out
            }
        };
        // no Case Manager yet: scoping is refused, nothing changes
        assert_eq!(mv(1, CaseStage::Scoping).await, Err(Refused::Move(Refusal::NeedsCaseManager)), "{engine:?}");
        let mut tx = app.db.write().begin().await.expect("begin");
        let assigned = cases::assign(
            &mut tx,
            &case.id,
            1,
            Some(&cm.user_id),
            Author { actor: Some(&cm.user_id), reason: "takes it" },
        )
        .await
        .expect("assign")
        .expect("assigned");
        tx.commit().await.expect("commit");
        assert_eq!(assigned.version, 2);
        let moved = mv(2, CaseStage::Scoping).await.expect("scoping");
        assert_eq!((moved.stage, moved.version), (CaseStage::Scoping, 3), "{engine:?}");
        // a second writer who read version 2 gets the current case back, and nothing changes
        match mv(2, CaseStage::Intake).await {
            Err(Refused::Stale(now)) => assert_eq!((now.stage, now.version), (CaseStage::Scoping, 3)),
            other => panic!("{engine:?}: expected stale, got {other:?}"),
        }
        // an illegal jump is refused by name
        assert_eq!(mv(3, CaseStage::Active).await, Err(Refused::Move(Refusal::NotAllowed)), "{engine:?}");
        // hold and resume where it was, then withdraw
        let mut tx = app.db.write().begin().await.expect("begin");
        let held = cases::move_case(
            &mut tx,
            &case.id,
            3,
            Move::Hold { until_day: 20_010 },
            &facts,
            20_000,
            Author { actor: None, reason: "elections" },
        )
        .await
        .expect("q")
        .expect("held");
        assert_eq!((held.stage, held.held_from), (CaseStage::OnHold, Some(CaseStage::Scoping)));
        let back = cases::move_case(&mut tx, &case.id, 4, Move::Resume, &facts, 20_011, Author::default())
            .await
            .expect("q")
            .expect("back");
        assert_eq!(back.stage, CaseStage::Scoping);
        let closed =
            cases::move_case(&mut tx, &case.id, 5, Move::Close(Outcome::Withdrawn), &facts, 20_011, Author::default())
                .await
                .expect("q")
                .expect("closed");
        tx.commit().await.expect("commit");
        assert_eq!((closed.stage, closed.outcome), (CaseStage::Closed, Some(Outcome::Withdrawn)));
        let timeline = cases::timeline(app.db.read(), &case.id).await.expect("timeline");
        let kinds: Vec<_> = timeline.iter().map(|e| (e.kind.as_str(), e.to_stage.as_deref().unwrap_or(""))).collect();
        assert_eq!(
            kinds,
            [
                ("opened", "intake"),
                ("assigned", ""),
                ("stage", "scoping"),
                ("stage", "on_hold"),
                ("stage", "scoping"),
                ("stage", "closed")
            ],
            "{engine:?}: every change, in order, and no refused one"
        );
        let mut after = cases::caseloads(app.db.read()).await.expect("loads");
        let mut before = loads_before.clone();
        after.sort();
        before.sort();
        assert_eq!(after, before, "{engine:?}: a closed case is no load");
        app.stop().await;
    }
}

/// Posts a plain form to a server function as the browser would without JavaScript would not:
/// the default `Accept` makes refusals come back as status codes with their message keys.
async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    client.post(app.url(&format!("/api/{endpoint}"))).form(fields).send().await.expect("post")
}

fn ok(res: &reqwest::Response) -> bool {
    res.status().is_success() || res.status().is_redirection()
}

/// A member account for an organisation, signed in on a new client.
async fn member_of(app: &TestApp, organisation: &str, email: &str) -> reqwest::Client {
    let hash = app::auth::password::hash(seed::DEMO_PASSWORD.to_string()).await.expect("hash");
    let mut tx = app.db.write().begin().await.expect("begin");
    let org = app::db::organisations::id_by_name(&mut tx, organisation).await.expect("q").expect("org");
    let user = app::db::users::NewUser {
        email: email.into(),
        name: "Olena Kovalenko".into(),
        locale: "en".into(),
        password_hash: Some(hash),
        staff_role: None,
        email_verified: true,
    };
    let id = app::db::users::insert(&mut tx, &user).await.expect("user");
    app::db::users::add_membership(&mut tx, &id, &org, true).await.expect("member");
    tx.commit().await.expect("commit");
    let client = new_client();
    sign_in_as(app, &client, email).await;
    client
}

#[tokio::test]
async fn a_request_is_scoped_confirmed_by_its_government_and_shortlisted_from_explained_matches() {
    use app::domain::case::CaseStage;
    use app::domain::casework::Decision;
    use app::model::{CaseBoard, CasePage, CaseView, GovCaseView};
    for engine in engines() {
        let app = spawn(engine).await;
        let mut heard = app.events.subscribe();
        let cm = new_client();
        sign_in_as(&app, &cm, "case.manager@demo.ogpnm.example").await;

        // the board: the demo has cases in every stage, and its filters work
        let board = |client: reqwest::Client, query: &'static str| {
            let url = app.url(&format!("/api/case_list?query={}", urlencoding(query)));
            async move { client.get(url).send().await.expect("get") }
        };
        let all: CaseBoard = board(cm.clone(), "").await.json().await.expect("json");
        assert_eq!(all.total, 12, "{engine:?}: a case per demo request");
        assert!(all.counts.iter().all(|(_, n)| *n > 0), "{engine:?}: every stage has a case: {:?}", all.counts);
        let intake: CaseBoard = board(cm.clone(), "stage=intake").await.json().await.expect("json");
        assert!(intake.cases.iter().all(|c| c.stage == CaseStage::Intake) && intake.cases.len() == 2, "{engine:?}");
        let mine: CaseBoard = board(cm.clone(), "mine=1").await.json().await.expect("json");
        assert!(
            !mine.cases.is_empty() && mine.cases.iter().all(|c| c.case_manager.as_deref() == Some("Lucía Fernández"))
        );
        let overdue: CaseBoard = board(cm.clone(), "overdue=1").await.json().await.expect("json");
        assert_eq!(overdue.cases.len(), 2, "{engine:?}: two demo cases are past their next step");
        let mining: CaseBoard =
            board(cm.clone(), "area=extractive_industries&region=africa_middle_east").await.json().await.expect("json");
        assert!(mining.cases.iter().any(|c| c.organisation.starts_with("National Mining Cadastre")), "{engine:?}");
        let res = board(cm.clone(), "stage=limbo").await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}: an unknown filter value is refused");

        let case =
            all.cases.iter().find(|c| c.organisation == "Directorate of Public Procurement").expect("case").clone();
        let id = case.id.clone();
        let detail = |client: reqwest::Client| {
            let url = app.url(&format!("/api/case_detail?id={id}"));
            async move { client.get(url).send().await.expect("get") }
        };
        let staff = |page: CasePage| match page {
            CasePage::Staff(v) => *v,
            CasePage::Government(_) => panic!("a staff view was expected"),
        };
        let view: CaseView = staff(detail(cm.clone()).await.json().await.expect("json"));
        assert!(view.moves.is_empty() && view.can_assign && view.matches.is_none(), "{engine:?}: not theirs yet");
        assert!(
            view.scope_is_draft && !view.scope.scope.areas.is_empty(),
            "{engine:?}: a first scope from the request"
        );

        // the Case Manager takes the case and starts scoping
        let (me, _) = app::db::users::find_by_email(app.db.read(), "case.manager@demo.ogpnm.example")
            .await
            .expect("q")
            .expect("cm");
        let res = post_form(
            &app,
            &cm,
            "assign_case",
            &[("id", &id), ("version", "1"), ("case_manager", &me.user_id), ("reason", "")],
        )
        .await;
        assert!(ok(&res), "{engine:?}: {}", res.status());
        let mv = |version: &'static str, action: &'static str| {
            let (cm, id) = (cm.clone(), id.clone());
            let app = &app;
            async move {
                post_form(
                    app,
                    &cm,
                    "move_case",
                    &[("id", &id), ("version", version), ("action", action), ("reason", "")],
                )
                .await
            }
        };
        assert!(ok(&mv("2", "scoping").await), "{engine:?}");
        let res = mv("3", "matching").await;
        assert!(
            res.text().await.expect("body").contains("case.refused_needs_scope"),
            "{engine:?}: a written scope first"
        );

        // another Case Manager sees the case but neither its matches nor its notes, and cannot work it
        let other_cm = new_client();
        sign_in_as(&app, &other_cm, "case.manager2@demo.ogpnm.example").await;
        let theirs: CaseView = staff(detail(other_cm.clone()).await.json().await.expect("json"));
        assert!(theirs.matches.is_none() && theirs.notes.is_none() && !theirs.can_work, "{engine:?}");
        let res =
            post_form(&app, &other_cm, "add_case_note", &[("id", &id), ("kind", "internal"), ("body", "mine now")])
                .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");
        let form =
            reqwest::multipart::Form::new().text("id", id.clone()).text("version", "3").text("areas", "open_data");
        let res = other_cm.post(app.url("/api/write_scope")).multipart(form).send().await.expect("post");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}: only its Case Manager writes the scope");
        // live events are for people signed in
        let res = new_client().get(app.url(app::api::cases::CASE_EVENTS_PATH)).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{engine:?}");

        // the structured scope: an empty one is refused and changes nothing
        let scope = |version: &'static str, areas: &'static [&'static str]| {
            let mut form = reqwest::multipart::Form::new().text("id", id.clone()).text("version", version);
            for a in areas {
                form = form.text("areas", *a);
            }
            form = form
                .text("languages", "uk")
                .text("languages", "en")
                .text("regions", "europe")
                .text("countries", "UA")
                .text("assistance", "training")
                .text("budget", "funded")
                .text("timeline", "next_months")
                .text(
                    "objectives",
                    "Civil society monitors tenders in three pilot regions using the open contracting data.",
                )
                .text("deliverables", "A monitoring method, training for 30 monitors, a public dashboard.");
            cm.post(app.url("/api/write_scope")).multipart(form).send()
        };
        let res = scope("3", &[]).await.expect("post");
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}");
        assert!(res.text().await.expect("body").contains("case.error_empty_scope"), "{engine:?}");
        let res = scope("3", &["open_contracting", "anti_corruption"]).await.expect("post");
        assert!(ok(&res), "{engine:?}: {}", res.status());
        assert!(ok(&mv("4", "matching").await), "{engine:?}");

        // explained matches for the scope; decisions on them
        let view: CaseView = staff(detail(cm.clone()).await.json().await.expect("json"));
        assert!(!view.scope_is_draft && view.scope.scope.areas.len() == 2 && view.scope_confirmed_at.is_none());
        let matches = view.matches.clone().expect("the Case Manager sees the matches");
        assert_eq!(matches.len(), 10, "{engine:?}");
        assert!(matches.iter().all(|m| {
            let r = &m.arranged.ranked;
            !m.name.is_empty() && r.score == r.factors.iter().map(|f| f.points).sum::<u32>()
        }));
        assert!(matches.windows(2).all(|w| w[0].arranged.ranked.score >= w[1].arranged.ranked.score), "best first");
        let ids: Vec<String> = matches.iter().map(|m| m.arranged.ranked.id.clone()).collect();
        // each decision is made on the case's version and moves it on
        let decide = |version: &'static str, provider: String, decision: &'static str, reason: &'static str| {
            let (cm, id) = (cm.clone(), id.clone());
            let app = &app;
            async move {
                let fields = [
                    ("id", id.as_str()),
                    ("version", version),
                    ("provider", &provider),
                    ("decision", decision),
                    ("reason", reason),
                ];
                post_form(app, &cm, "decide_match", &fields).await
            }
        };
        let res = decide("5", "no-such-provider".into(), "shortlisted", "").await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}");
        assert!(res.text().await.expect("body").contains("case.error_unknown_provider"), "{engine:?}");
        let res = decide("5", ids[2].clone(), "excluded", " ").await;
        assert!(res.text().await.expect("body").contains("case.error_reason_required"), "{engine:?}");
        assert!(ok(&decide("5", ids[0].clone(), "shortlisted", "").await), "{engine:?}");
        assert!(ok(&decide("6", ids[1].clone(), "shortlisted", "Peer who did the same").await), "{engine:?}");
        assert!(ok(&decide("7", ids[2].clone(), "excluded", "Conflict of interest: advises a bidder").await));
        assert!(ok(&decide("8", ids[3].clone(), "pinned", "Ask about their capacity").await));
        let res = decide("8", ids[4].clone(), "shortlisted", "").await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{engine:?}: a decision on a stale version changes nothing");
        let res = mv("9", "introductions").await;
        assert!(res.text().await.expect("body").contains("case.refused_needs_confirmed_scope"), "{engine:?}");

        // the government sees its own case in plain terms and confirms the scope it read
        let government = member_of(&app, "Directorate of Public Procurement", "olena@procurement.example").await;
        let gov = |page: CasePage| match page {
            CasePage::Government(v) => *v,
            CasePage::Staff(_) => panic!("a government view was expected"),
        };
        let mine: GovCaseView = gov(detail(government.clone()).await.json().await.expect("json"));
        assert_eq!((mine.stage, mine.can_confirm, mine.scope_confirmed_at), (CaseStage::Matching, true, None));
        assert_eq!(mine.scope.as_ref().map(|s| s.scope.areas.len()), Some(2));
        assert!(mine.introduced.is_empty(), "{engine:?}: no introductions before the stage");
        let res = post_form(&app, &government, "confirm_scope", &[("id", &id), ("version", "4")]).await;
        assert_eq!(
            res.status(),
            StatusCode::CONFLICT,
            "{engine:?}: a scope changed since it was read is not confirmed"
        );
        // the same from a plain form: back to the case page, which shows the conflict and the scope as it now is
        let res = government
            .post(app.url("/api/confirm_scope"))
            .header(reqwest::header::ACCEPT, "text/html")
            .header(reqwest::header::REFERER, app.url(&format!("/cases/{id}")))
            .form(&[("id", id.as_str()), ("version", "4")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.headers()[LOCATION], format!("/cases/{id}#scope").as_str(), "{engine:?}");
        let page = government.get(app.url(&format!("/cases/{id}"))).send().await.expect("get").text().await.expect("t");
        assert!(page.contains("Someone else changed this in the meantime"), "{engine:?}: the conflict is said");
        assert!(page.contains("Confirm this scope"), "{engine:?}: and the current scope is there to confirm");
        let res = post_form(&app, &government, "confirm_scope", &[("id", &id), ("version", "9")]).await;
        assert!(ok(&res), "{engine:?}: {}", res.status());
        let res = government.get(app.url("/api/case_list?query=")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}: the board is for staff");
        let theirs: Vec<app::model::GovCaseSummary> =
            government.get(app.url("/api/my_cases")).send().await.expect("get").json().await.expect("json");
        assert_eq!(theirs.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), [id.as_str()], "{engine:?}");

        // with a confirmed scope and a shortlist, introductions may begin
        assert!(ok(&mv("10", "introductions").await), "{engine:?}");
        let mine: GovCaseView = gov(detail(government.clone()).await.json().await.expect("json"));
        assert_eq!(mine.stage, CaseStage::Introductions, "{engine:?}");
        assert_eq!(mine.introduced.len(), 2, "{engine:?}: the shortlisted providers are introduced");
        assert!(mine.scope_confirmed_at.is_some());

        // providers and other governments see no case; anonymous visitors must sign in
        let provider = new_client();
        sign_in_as(&app, &provider, "provider@demo.ogpnm.example").await;
        assert_eq!(detail(provider.clone()).await.status(), StatusCode::NOT_FOUND, "{engine:?}");
        let none: Vec<app::model::GovCaseSummary> =
            provider.get(app.url("/api/my_cases")).send().await.expect("get").json().await.expect("json");
        assert!(none.is_empty(), "{engine:?}: a provider has no cases");
        let other_government = new_client();
        sign_in_as(&app, &other_government, "finance.ministry@demo.ogpnm.example").await;
        assert_eq!(detail(other_government.clone()).await.status(), StatusCode::NOT_FOUND, "{engine:?}");
        assert_eq!(detail(new_client()).await.status(), StatusCode::UNAUTHORIZED, "{engine:?}");

        // notes and the next step
        let res = post_form(
            &app,
            &cm,
            "add_case_note",
            &[("id", &id), ("kind", "scoping"), ("body", "90-minute call held.")],
        )
        .await;
        assert!(ok(&res), "{engine:?}");
        let res = post_form(
            &app,
            &cm,
            "set_next_step",
            &[("id", &id), ("version", "11"), ("next_step", "Calls"), ("due", "2001-01-01")],
        )
        .await;
        assert!(res.text().await.expect("body").contains("case.error_due_in_past"), "{engine:?}");
        let res = post_form(
            &app,
            &cm,
            "set_next_step",
            &[("id", &id), ("version", "11"), ("next_step", "First calls with both providers"), ("due", "2099-01-31")],
        )
        .await;
        assert!(ok(&res), "{engine:?}");
        let view: CaseView = staff(detail(cm.clone()).await.json().await.expect("json"));
        assert_eq!((view.summary.stage, view.summary.version), (CaseStage::Introductions, 12), "{engine:?}");
        assert_eq!(view.shortlist.len(), 2);
        assert_eq!(view.excluded.len(), 1);
        assert_eq!(view.excluded[0].arranged.decision.as_ref().map(|d| d.0), Some(Decision::Excluded));
        let pinned = view.matches.as_ref().expect("matches").first().expect("first").clone();
        assert_eq!(pinned.arranged.decision.map(|d| d.0), Some(Decision::Pinned), "{engine:?}: pinned first");
        assert_eq!(view.notes.as_ref().map(Vec::len), Some(1));
        assert_eq!(view.summary.next_step, "First calls with both providers");
        let kinds: Vec<&str> = view.timeline.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(
            kinds,
            [
                "opened",
                "assigned",
                "stage",
                "scope",
                "stage",
                "decision",
                "decision",
                "decision",
                "decision",
                "scope_confirmed",
                "stage",
                "next_step"
            ],
            "{engine:?}: every change in order, no refused one"
        );
        assert!(!view.similar.is_empty(), "{engine:?}: a similar past case is suggested");
        // steering reads the internals; the other Case Manager still does not
        let steering = new_client();
        sign_in_as(&app, &steering, "steering@demo.ogpnm.example").await;
        let seen: CaseView = staff(detail(steering.clone()).await.json().await.expect("json"));
        assert!(seen.matches.is_some() && seen.notes.as_ref().map(Vec::len) == Some(1) && !seen.can_work);
        let theirs: CaseView = staff(detail(other_cm.clone()).await.json().await.expect("json"));
        assert!(theirs.notes.is_none() && theirs.timeline.iter().all(|e| e.kind != "decision"), "{engine:?}");

        // every change was published as a live event
        let mut kinds = Vec::new();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        while kinds.len() < 12 {
            match tokio::time::timeout_at(deadline, heard.recv()).await {
                Ok(Ok(e)) if e.case_id == id => kinds.push(e.kind),
                Ok(Ok(_)) => {}
                _ => break,
            }
        }
        for kind in ["assigned", "stage", "scope", "decision", "scope_confirmed", "note", "next_step"] {
            assert!(kinds.iter().any(|k| k == kind), "{engine:?}: no {kind} event in {kinds:?}");
        }
        app.stop().await;
    }
}

/// Percent-encodes a query string value.
fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}
