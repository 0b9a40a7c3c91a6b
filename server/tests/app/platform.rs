//! Serving, settings, the command line, demo data, migrations and the mail outbox.

use crate::harness::*;

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
        assert!(html.contains("<dd>57<"), "{engine:?}: demo figures missing");

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
        assert_eq!(summary.organisations, 57);
        assert_eq!(summary.countries, 53);
        assert_eq!(summary.verified, 36);
        assert_eq!(summary.by_kind.iter().map(|c| c.organisations).sum::<i64>(), 57);
        assert_eq!(
            summary.by_kind[0],
            app::model::KindCount { kind: app::domain::taxonomy::OrgKind::Government, organisations: 25 }
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn every_response_carries_the_security_headers_and_pages_use_the_header_nonce() {
    let app = spawn(Engine::Sqlite).await;
    // (a built asset answers with `nosniff` only: `hashed_assets_are_served_…` below; a missing
    // one is an error page like any other)
    for path in ["/", "/survey/demand", "/healthz", "/pkg/ogpnm.nope.css", "/nope", "/api/network_summary"] {
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
    // what applies to a file loaded by a page, not the page's own policies (sent with the page)
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    for document_only in ["content-security-policy", "x-frame-options", "referrer-policy", "permissions-policy"] {
        assert!(res.headers().get(document_only).is_none(), "{document_only} on a built asset");
    }
    let missing = app.get("/pkg/ogpnm.nope.js").await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(missing.headers().get("content-security-policy").is_some(), "an error page keeps its policy");
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
        let (files, _dir) = temp_files();
        assert_eq!(
            seed::seed_demo(&db, &files).await.expect("seed"),
            seed::Seeded {
                organisations: 57,
                accounts: 25,
                surveys: 57,
                outreach: 1,
                cases: 10,
                introductions: 5,
                agreements: 4,
            }
        );
        assert_eq!(
            seed::seed_demo(&db, &files).await.expect("seed again"),
            seed::Seeded::default(),
            "{engine:?}: only an empty database is seeded"
        );
        assert_eq!(app::db::organisations::count(db.read()).await.expect("count"), 57);

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
            57,
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

    let files = dir.path().join("files").display().to_string();
    let (ok, out) = ogpnm(&["seed", "--demo"], &[("DATABASE_URL", &sqlite), ("OGPNM_FILES_DIR", &files)]);
    assert!(ok, "{out}");
    let (ok, err) = ogpnm(&["seed"], &[("DATABASE_URL", &sqlite), ("OGPNM_FILES_DIR", &files)]);
    assert!(!ok && err.contains("--demo"), "{err}");
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
        let found =
            app::db::users::find_by_email(db.read(), "ANA.ADMIN@example.org").await.expect("query").expect("user");
        assert_eq!(found.user.staff_role, Some(app::domain::policy::StaffRole::Admin));
        let hash = found.password_hash.expect("password set");
        assert!(hash.starts_with("$argon2id$") && !hash.contains("river"), "only a hash is stored");
        assert!(app::auth::password::verify("river stones at dawn".into(), Some(hash)).await);
        let audit = app::db::audit::recent(db.read(), 10).await.expect("audit");
        assert_eq!(audit.len(), 1, "{engine:?}: failed attempts changed nothing");
        assert_eq!(
            (audit[0].action.as_str(), audit[0].subject.as_str()),
            ("user.created", found.user.user_id.as_str())
        );
        db.close().await;
        test_db.cleanup().await;
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

#[tokio::test]
async fn two_instances_mail_workers_send_each_mail_once() {
    for engine in engines() {
        let test_db = TestDb::new(engine).await;
        // two instances: a pool each on the one database, and their workers at the same moment
        let (one, two) = (test_db.open().await, test_db.open().await);
        let sink = SmtpSink::start().await;
        let mailer = || {
            app::mail::Mailer::new(Some(&sink.url), "nm@test.example", "http://x", std::env::temp_dir())
                .expect("mailer")
        };
        let mut tx = one.write().begin().await.expect("begin");
        for n in 0..8 {
            let to = format!("reader{n}@example.org");
            app::db::outbox::enqueue(&mut tx, &to, "Your reset link", "Body").await.expect("enqueue");
        }
        tx.commit().await.expect("commit");
        let (m1, m2) = (mailer(), mailer());
        let (a, b) = tokio::join!(app::mail::deliver_due(&one, &m1), app::mail::deliver_due(&two, &m2));
        let sent = a.expect("deliver") + b.expect("deliver");
        assert_eq!(sent, 8, "{engine:?}: each mail by one worker");
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(sink.received.lock().await.len(), 8, "{engine:?}: and received once");
        one.close().await;
        two.close().await;
        test_db.cleanup().await;
    }
}
