//! What the benchmarks share: the engines measured (SQLite always; PostgreSQL when
//! `BENCH_PG_URL` or `TEST_DATABASE_URL` answers, on a throwaway database) and the real router
//! served in this process on a loopback port.

#![allow(dead_code)]

use app::auth::session::SessionPolicy;
use app::db::Database;
use app::state::AppState;
use leptos::config::LeptosOptions;
use server::Settings;
use std::time::Duration;

/// A database engine to measure.
pub struct Engine {
    pub name: &'static str,
    pub url: String,
    /// The admin URL and the throwaway database's name, dropped by [`drop_engine`].
    pub pg: Option<(String, String)>,
    pub _dir: tempfile::TempDir,
}

/// SQLite, and PostgreSQL when it answers (a database named after `label` and this process).
pub async fn engines(label: &str) -> Vec<Engine> {
    let mut out = Vec::new();
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("bench.db").display());
    out.push(Engine { name: "SQLite", url, pg: None, _dir: dir });
    let admin = std::env::var("BENCH_PG_URL").or_else(|_| std::env::var("TEST_DATABASE_URL")).unwrap_or_default();
    if !admin.is_empty() {
        match sqlx::PgPool::connect(&admin).await {
            Ok(pool) => {
                let name = format!("ogpnm_bench_{label}_{}", std::process::id());
                sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\"")).execute(&pool).await.expect("drop");
                sqlx::query(&format!("CREATE DATABASE \"{name}\"")).execute(&pool).await.expect("create");
                pool.close().await;
                let base = admin.rsplit_once('/').map_or(admin.as_str(), |(b, _)| b);
                let url = format!("{base}/{name}");
                out.push(Engine {
                    name: "PostgreSQL",
                    url,
                    pg: Some((admin.clone(), name)),
                    _dir: tempfile::tempdir().expect("dir"),
                });
            }
            Err(e) => eprintln!("PostgreSQL at {admin} does not answer ({e}); measuring SQLite only"),
        }
    }
    out
}

/// The `p` quantile of sorted values.
pub fn percentile(sorted: &[f64], p: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// Prints a Markdown table's head, a column per engine measured, and returns the printer of
/// its rows: a label and what each engine's run gives.
pub fn table<'a, R>(runs: &'a [(&'static str, R)]) -> impl Fn(&str, &dyn Fn(&R) -> String) + 'a {
    let cols: Vec<&str> = runs.iter().map(|(n, _)| *n).collect();
    println!("| | {} |", cols.join(" | "));
    println!("|---|{}", "---|".repeat(cols.len()));
    move |label, f| println!("| {label} | {} |", runs.iter().map(|(_, r)| f(r)).collect::<Vec<_>>().join(" | "))
}

/// Drops an engine's throwaway PostgreSQL database.
pub async fn drop_engine(engine: &Engine) {
    if let Some((admin, name)) = &engine.pg {
        if let Ok(pool) = sqlx::PgPool::connect(admin).await {
            let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).execute(&pool).await;
        }
    }
}

/// Serves the app on `db` on a loopback port; returns its base URL, the app's state (its event
/// hub and mailer) and the site folder to keep while it runs.
pub async fn serve_with_state(db: &Database, url: &str) -> (String, AppState, tempfile::TempDir) {
    let site = tempfile::tempdir().expect("site");
    std::fs::create_dir_all(site.path().join("pkg")).expect("pkg");
    let leptos = LeptosOptions::builder()
        .output_name("ogpnm")
        .site_root(site.path().display().to_string())
        .site_pkg_dir("pkg")
        .hash_files(false)
        .env(leptos::config::Env::PROD)
        .build();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let settings = Settings {
        database_url: url.to_string(),
        db_max_connections: 10,
        public_url: Some(format!("http://{addr}")),
        body_limit: 1024 * 1024,
        shutdown_grace: Duration::from_secs(1),
        live_stream: Duration::from_secs(300),
        sessions: SessionPolicy::default(),
        trusted_proxies: 0,
        smtp_url: None,
        mail_from: "OGP NM <nm@bench.example>".into(),
        mail_dir: site.path().join("mail"),
        introductions: Default::default(),
        digest_after: Duration::from_secs(15 * 60),
        files: app::files::FilesConfig::Directory(site.path().join("files")),
        attachment_max: app::domain::attachments::DEFAULT_FILE_MAX,
        board: Default::default(),
        metrics_access: Default::default(),
        leptos: leptos.clone(),
    };
    let state = AppState {
        leptos_options: leptos,
        db: db.clone(),
        sessions: settings.sessions.clone(),
        mailer: settings.mailer().expect("mailer"),
        trusted_proxies: 0,
        introductions: Default::default(),
        events: app::events::Events::start(db).await,
        files: settings.files().expect("files"),
        board: settings.board,
    };
    let router = server::router(state.clone(), &settings);
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>())
            .await
            .expect("serve");
    });
    (format!("http://{addr}"), state, site)
}

/// A file store for the demo's files, in a folder of the system's temporary directory.
pub fn files() -> app::files::Files {
    let dir = std::env::temp_dir().join("ogpnm-bench-files");
    app::files::Files::open(&app::files::FilesConfig::Directory(dir), app::domain::attachments::DEFAULT_FILE_MAX)
        .expect("files")
}

/// Serves the app on `db`; returns its base URL and the site folder to keep while it runs.
pub async fn serve(db: &Database, url: &str) -> (String, tempfile::TempDir) {
    let (base, _, site) = serve_with_state(db, url).await;
    (base, site)
}

/// A client signed in as a demo staff member `email` (password, then the demo two-factor code),
/// following no redirects.
pub async fn staff_client(base: &str, email: &str) -> reqwest::Client {
    use app::db::seed;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .cookie_store(true)
        .build()
        .expect("client");
    let form = |path: &str, fields: Vec<(&str, String)>| {
        client
            .post(format!("{base}{path}"))
            .header(reqwest::header::ACCEPT, "text/html")
            .header(reqwest::header::REFERER, format!("{base}/sign-in"))
            .form(&fields)
            .send()
    };
    form(
        "/api/sign_in",
        vec![("email", email.into()), ("password", seed::DEMO_PASSWORD.into()), ("next", "/account".into())],
    )
    .await
    .expect("sign in");
    let code = app::auth::totp::code_at(seed::DEMO_TOTP_SECRET, app::db::now_ms() / 1000).expect("code");
    let res = form("/api/verify_sign_in_code", vec![("code", code)]).await.expect("code");
    assert_eq!(res.headers()[reqwest::header::LOCATION], "/account", "signed in as {email}");
    client
}
