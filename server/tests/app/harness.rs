//! The test harness: the real app on a random port with a fresh database (a temp SQLite file;
//! a throwaway PostgreSQL database too when `TEST_DATABASE_URL` is set), a local SMTP sink, and
//! the helpers every feature's tests share.

pub use app::auth::session::{self, SessionPolicy};
pub use app::db::{seed, Database, PoolSettings};
pub use app::state::AppState;
pub use leptos::config::LeptosOptions;
pub use reqwest::header::{
    ACCEPT_ENCODING, ACCEPT_LANGUAGE, CACHE_CONTROL, CONTENT_ENCODING, COOKIE, LOCATION, SET_COOKIE,
};
pub use reqwest::{redirect, StatusCode};
pub use server::Settings;
pub use std::time::Duration;

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
}

/// A local SMTP server that accepts every message and keeps it for assertions.
pub struct SmtpSink {
    pub url: String,
    pub received: std::sync::Arc<tokio::sync::Mutex<Vec<String>>>,
}

impl SmtpSink {
    pub async fn start() -> SmtpSink {
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
    pub async fn wait_for(&self, to: &str, needle: &str) -> String {
        for _ in 0..100 {
            if let Some(m) = self.received.lock().await.iter().find(|m| m.contains(to) && m.contains(needle)) {
                return m.clone();
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("no mail to {to} containing {needle:?}; got {:?}", self.received.lock().await);
    }
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
#[derive(Clone, Copy, Debug)]
pub struct Setup {
    pub hash_files: bool,
    pub seed_demo: bool,
    /// `OGPNM_TRUSTED_PROXIES`.
    pub trusted_proxies: usize,
    /// Served as `https://` (HSTS, `Secure` cookies, the `__Host-` session cookie).
    pub https: bool,
}

impl Default for Setup {
    fn default() -> Self {
        Setup { hash_files: false, seed_demo: true, trusted_proxies: 0, https: false }
    }
}

pub async fn spawn_with(engine: Engine, hash_files: bool, seed_demo: bool) -> TestApp {
    spawn_setup(engine, Setup { hash_files, seed_demo, ..Setup::default() }).await
}

pub async fn spawn_setup(engine: Engine, setup: Setup) -> TestApp {
    let Setup { hash_files, seed_demo, trusted_proxies, https } = setup;
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
        public_url: Some(format!("{}://{addr}", if https { "https" } else { "http" })),
        body_limit: 64 * 1024,
        shutdown_grace: Duration::from_secs(1),
        live_stream: Duration::from_secs(300),
        sessions: SessionPolicy { tls: https, ..SessionPolicy::default() },
        trusted_proxies,
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
        trusted_proxies,
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

/// The link in a mail body that starts with `prefix` (quoted-printable soft breaks removed).
pub fn link_in(mail: &str, prefix: &str) -> String {
    let flat = mail.replace("=\n", "").replace("=3D", "=");
    let start = flat.find(prefix).unwrap_or_else(|| panic!("no link {prefix} in mail:\n{flat}"));
    flat[start..].split_whitespace().next().expect("link").to_string()
}

/// Signs `client` in as `email` with the demo password through the plain form.
pub async fn sign_in_as(app: &TestApp, client: &reqwest::Client, email: &str) {
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
        forget_used_codes(app, email).await;
        return;
    }
    assert_eq!(res.headers()[LOCATION], "/account", "sign in as {email}");
}

/// Lets the demo key's current code sign `email` in again. The app accepts each code once (a
/// replay within its 30 seconds is refused); tests that sign the same staff member in several
/// times within one step stand for sign-ins 30 seconds apart.
pub async fn forget_used_codes(app: &TestApp, email: &str) {
    app::db_run!(app.db.write(), |pool| {
        sqlx::query("UPDATE users SET totp_last_step = 0 WHERE email = $1")
            .bind(email)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })
    .expect("forget used codes");
}

/// The current code of the demo staff accounts.
pub fn demo_code() -> String {
    app::auth::totp::code_at(seed::DEMO_TOTP_SECRET, app::db::now_ms() / 1000).expect("code")
}

pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder().redirect(redirect::Policy::none()).cookie_store(true).build().expect("client")
}

/// The value of the form control named `name` in a rendered page.
pub fn field_value(page: &str, name: &str) -> String {
    let at = page.find(&format!("name=\"{name}\"")).unwrap_or_else(|| panic!("no field {name}"));
    let tag_end = page[at..].find('>').expect("tag end") + at;
    let tag = &page[at..tag_end];
    let start = tag.find("value=\"").expect("value") + "value=\"".len();
    tag[start..].split('"').next().expect("quoted").to_string()
}

/// Posts one wizard step as the browser's form would (multipart, no JavaScript).
pub async fn post_step(
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
pub async fn submit_survey(app: &TestApp, client: &reqwest::Client, kind: &str) -> String {
    let review = client.get(app.url(&format!("/survey/{kind}/review"))).send().await.expect("review");
    submit_draft(app, client, kind, &field_value(&review.text().await.expect("text"), "draft")).await
}

/// Posts the review page's submit form for `draft`.
pub async fn submit_draft(app: &TestApp, client: &reqwest::Client, kind: &str, draft: &str) -> String {
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

pub fn location(res: &reqwest::Response) -> String {
    res.headers().get(LOCATION).map(|v| v.to_str().expect("ascii").to_string()).unwrap_or_default()
}

pub async fn start_survey(app: &TestApp, client: &reqwest::Client, kind: &str) -> String {
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

pub const SUPPLY_STEPS: [&[(&str, &str)]; 5] = [
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

/// Calls the autosave as the WASM does.
pub async fn autosave(
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

/// Re-posts a step with the answers the page shows (as a browser would when nothing changed).
pub async fn post_prefilled(app: &TestApp, client: &reqwest::Client, step: usize) -> reqwest::Response {
    let draft = app::db::surveys::open_of_user(
        app.db.read(),
        app::domain::survey::SurveyKind::Supply,
        &account(app, "provider@demo.ogpnm.example").await.user_id,
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
pub fn decoded(mail: &str) -> String {
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

pub async fn form_as(
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

/// Posts a plain form to a server function as the browser would without JavaScript would not:
/// the default `Accept` makes refusals come back as status codes with their message keys.
pub async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    client.post(app.url(&format!("/api/{endpoint}"))).form(fields).send().await.expect("post")
}

pub fn ok(res: &reqwest::Response) -> bool {
    res.status().is_success() || res.status().is_redirection()
}

/// A member account for an organisation, signed in on a new client.
pub async fn member_of(app: &TestApp, organisation: &str, email: &str) -> reqwest::Client {
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

/// Percent-encodes a query string value.
pub fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The staff case board as `client` sees it, filtered by `query` (the page's URL query).
pub async fn case_board(app: &TestApp, client: &reqwest::Client, query: &str) -> app::model::CaseBoard {
    let url = app.url(&format!("/api/case_list?query={}", urlencoding(query)));
    client.get(url).send().await.expect("get").json().await.expect("board")
}

/// The account of `email` (it must exist).
pub async fn account(app: &TestApp, email: &str) -> app::db::users::SessionUser {
    app::db::users::find_by_email(app.db.read(), email).await.expect("query").expect("an account").user
}
