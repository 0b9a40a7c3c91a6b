//! Stopping and starting: on SIGTERM the binary stops taking requests, finishes the one in
//! flight, closes live streams with a reconnect hint, stops its workers and exits long before
//! its grace period; several instances migrating one database at once all start, and each
//! migration is applied once.

use crate::harness::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigterm_finishes_the_request_in_flight_closes_live_streams_and_exits_cleanly() {
    let app = spawn(Engine::Sqlite).await;
    let port = free_port();
    let mut served = serve_binary(&app, port, &[("OGPNM_SHUTDOWN_GRACE_SECS", "30")]).await;
    let participant = signed_in(&app, "judicial.data@demo.ogpnm.example").await;
    let mut live = participant.get(format!("{}/events?topic=threads", served.base)).send().await.expect("subscribe");
    assert_eq!(live.status(), StatusCode::OK);

    // a request in flight: its headers and half its body sent, the rest after the signal
    let body = "lang=fr&next=%2Fstories";
    let mut slow = tokio::net::TcpStream::connect(("127.0.0.1", port)).await.expect("connect");
    let head = format!(
        "POST /language HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    slow.write_all(head.as_bytes()).await.expect("head");
    slow.write_all(&body.as_bytes()[..8]).await.expect("half");
    tokio::time::sleep(Duration::from_millis(300)).await;
    let signalled = std::time::Instant::now();
    served.terminate();

    // new connections are refused at once
    let mut refused = false;
    for _ in 0..40 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port)).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(refused, "still accepting connections after SIGTERM");

    // the live stream ends with a hint to reconnect soon
    let mut said = String::new();
    while let Ok(Ok(Some(chunk))) = tokio::time::timeout(Duration::from_secs(5), live.chunk()).await {
        said.push_str(&String::from_utf8_lossy(&chunk));
    }
    assert!(said.contains("retry: 2000"), "a reconnect hint: {said:?}");

    // the request in flight is finished and answered
    slow.write_all(&body.as_bytes()[8..]).await.expect("rest");
    let mut answer = String::new();
    slow.read_to_string(&mut answer).await.expect("answer");
    assert!(answer.starts_with("HTTP/1.1 303"), "{answer}");
    assert!(answer.to_ascii_lowercase().contains("location: /stories"), "{answer}");

    // and the process ends by itself, its workers stopped, well within its 30 s of grace
    let status = served.wait(Duration::from_secs(10)).await.expect("exited after SIGTERM");
    assert!(status.success(), "{status}: {}", served.log());
    assert!(signalled.elapsed() < Duration::from_secs(10));
    let log = served.log();
    assert!(log.contains("shutting down") && log.contains("stopped") && !log.contains("grace period over"), "{log}");
    app.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_starting_at_once_on_one_database_apply_each_migration_once() {
    for engine in engines() {
        let db = TestDb::new(engine).await;
        let url = db.url.clone();
        // four instances migrate the same empty database at the same moment
        let runs: Vec<_> = (0..4)
            .map(|_| {
                let url = url.clone();
                std::thread::spawn(move || ogpnm(&["migrate"], &[("DATABASE_URL", &url)]))
            })
            .collect();
        for run in runs {
            let (ok, said) = run.join().expect("join");
            assert!(ok, "{engine:?}: {said}");
        }
        let migrations = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../migrations"))
            .expect("migrations")
            .filter(|e| e.as_ref().is_ok_and(|e| e.path().extension().is_some_and(|x| x == "sql")))
            .count() as i64;
        let open = db.open().await;
        let (applied, distinct): (i64, i64) = app::fetch!(
            fetch_one,
            open.read(),
            "SELECT CAST(COUNT(*) AS BIGINT), CAST(COUNT(DISTINCT version) AS BIGINT) FROM _sqlx_migrations WHERE success"
        )
        .expect("count");
        assert_eq!((applied, distinct), (migrations, migrations), "{engine:?}: each migration applied once");
        // the append-only guard was installed, once
        let (sql, expected) = match engine {
            Engine::Sqlite => (
                "SELECT CAST(COUNT(*) AS BIGINT) FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'agreement_acceptances_no_%'",
                2,
            ),
            Engine::Postgres => (
                "SELECT CAST(COUNT(*) AS BIGINT) FROM pg_trigger WHERE tgname = 'agreement_acceptances_append_only'",
                1,
            ),
        };
        let guards: i64 = app::scalar!(fetch_one, open.read(), sql).expect("count");
        assert_eq!(guards, expected, "{engine:?}");
        open.close().await;
        db.cleanup().await;
    }
}
