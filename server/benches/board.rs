//! Case board load benchmark (`cargo bench -p server --bench board`, run by `make bench`).
//!
//! One app instance (the real router on SQLite with the demo data) runs in a child process of
//! its own, so its memory is its own to measure. This process then opens `BENCH_SUBSCRIBERS`
//! (default 5,000) board subscribers, each on its own connection as a signed-in Case Manager's
//! open board would be (`/events?topic=cases&here=board`: the cases and who is looking), a
//! hundred connecting at a time. Once every subscriber is held and idle:
//! - memory: the server's resident memory with them, less before them, per subscriber;
//! - moves: `BENCH_MOVES` (default 20) moves through `/api/board_move`, one after another,
//!   each timed from sending it to each subscriber reading its event off its stream: p50/p99
//!   of every delivery, and p50/p99/max of the last subscriber's time per move;
//! - a board read (`/api/board`) while they are all held.
//!
//! Then the same at twice the subscribers, to show how it degrades. Prints a Markdown table.

use app::auth::session::{self, SessionPolicy};
use app::db::{seed, Database, PoolSettings};
use common::percentile;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;

const SERVE: &str = "BOARD_BENCH_SERVE";
const STAFF: [&str; 3] =
    ["case.manager@demo.ogpnm.example", "case.manager2@demo.ogpnm.example", "steering@demo.ogpnm.example"];

/// What a subscriber heard: (case version, when).
type Heard = Arc<Mutex<Vec<(i64, Instant)>>>;

struct Run {
    asked: usize,
    held: usize,
    failed: usize,
    rss_before_kb: u64,
    rss_after_kb: u64,
    deliveries: usize,
    expected: usize,
    all: [f64; 2],
    last: [f64; 3],
    read_ms: [f64; 2],
}

/// The child: serves the app on `url` and prints its address; runs until killed.
async fn serve(url: &str) {
    let db = Database::connect(url, &PoolSettings { max_connections: 10, ..PoolSettings::default() })
        .await
        .expect("connect");
    let (base, _state, _site) = common::serve_with_state(&db, url).await;
    println!("{base}");
    std::future::pending::<()>().await;
}

fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

async fn cookies(db: &Database, count: usize) -> Vec<String> {
    let mut people = Vec::new();
    for email in STAFF {
        people.push(app::db::users::find_by_email(db.read(), email).await.expect("q").expect("staff").user);
    }
    let mut out = Vec::new();
    let mut tx = db.write().begin().await.expect("begin");
    for i in 0..count {
        let token = session::start(
            &mut tx,
            &people[i % people.len()],
            &SessionPolicy::default(),
            "127.0.0.1",
            "bench",
            app::db::now_ms(),
        )
        .await
        .expect("session");
        out.push(format!("{}={token}", session::COOKIE));
    }
    tx.commit().await.expect("commit");
    out
}

/// Holds one board subscription, noting each case event's version and when it was read.
async fn subscribe(client: reqwest::Client, url: String, cookie: String, heard: Heard, held: Arc<AtomicUsize>) -> bool {
    let Ok(mut res) = client.get(&url).header(reqwest::header::COOKIE, cookie).send().await else { return false };
    if !res.status().is_success() {
        return false;
    }
    held.fetch_add(1, Ordering::Relaxed);
    let mut buffer = String::new();
    while let Ok(Some(chunk)) = res.chunk().await {
        let at = Instant::now();
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            let Some(data) = event.lines().find_map(|l| l.strip_prefix("data:")) else { continue };
            if let Ok(app::model::LiveEvent::Case(c)) = serde_json::from_str(data.trim()) {
                heard.lock().expect("lock").push((c.version, at));
            }
        }
    }
    true
}

async fn run(subscribers: usize, moves: usize) -> Run {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("board.db").display());
    let db = Database::connect(&url, &PoolSettings::default()).await.expect("connect");
    db.migrate().await.expect("migrate");
    seed::seed_demo(&db, &common::files()).await.expect("seed");
    let cookies = cookies(&db, subscribers).await;
    let admin = {
        let user =
            app::db::users::find_by_email(db.read(), "admin@demo.ogpnm.example").await.expect("q").expect("admin").user;
        let mut tx = db.write().begin().await.expect("begin");
        let token =
            session::start(&mut tx, &user, &SessionPolicy::default(), "127.0.0.1", "bench-admin", app::db::now_ms())
                .await
                .expect("session");
        tx.commit().await.expect("commit");
        format!("{}={token}", session::COOKIE)
    };
    db.close().await;

    // the instance, in a process of its own
    let mut child = tokio::process::Command::new(std::env::current_exe().expect("exe"))
        .env(SERVE, &url)
        .env("RUST_LOG", "error")
        .stdout(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("spawn the server");
    let pid = child.id().expect("pid");
    let mut out = tokio::io::BufReader::new(child.stdout.take().expect("stdout"));
    let mut base = String::new();
    tokio::io::AsyncBufReadExt::read_line(&mut out, &mut base).await.expect("address");
    let base = base.trim().to_string();
    let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().expect("client");
    let board_url = format!("{base}/api/board?query=");
    let read = client.get(&board_url).header(reqwest::header::COOKIE, &admin).send().await.expect("board");
    let board: app::model::BoardView = read.json().await.expect("json");
    let card = board.columns.iter().find(|c| c.stage == app::domain::case::CaseStage::Matching).expect("column").cards
        [0]
    .clone();
    tokio::time::sleep(Duration::from_millis(500)).await;
    let rss_before_kb = rss_kb(pid);

    // every subscriber connects, a hundred at a time
    let held = Arc::new(AtomicUsize::new(0));
    let failed = Arc::new(AtomicUsize::new(0));
    let gate = Arc::new(tokio::sync::Semaphore::new(100));
    let mut logs: Vec<Heard> = Vec::new();
    let events_url = format!("{base}/events?topic=cases&here=board");
    for cookie in cookies {
        let log: Heard = Arc::new(Mutex::new(Vec::new()));
        logs.push(log.clone());
        let (client, url, held, failed, gate) =
            (client.clone(), events_url.clone(), held.clone(), failed.clone(), gate.clone());
        tokio::spawn(async move {
            let permit = gate.acquire_owned().await.expect("gate");
            let before = held.load(Ordering::Relaxed);
            let task = tokio::spawn(subscribe(client, url, cookie, log, held.clone()));
            // the permit goes back once this one is held (or refused)
            let deadline = Instant::now() + Duration::from_secs(20);
            while held.load(Ordering::Relaxed) == before && !task.is_finished() && Instant::now() < deadline {
                tokio::time::sleep(Duration::from_millis(5)).await;
            }
            drop(permit);
            if !task.await.unwrap_or(false) {
                failed.fetch_add(1, Ordering::Relaxed);
            }
        });
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    while held.load(Ordering::Relaxed) + failed.load(Ordering::Relaxed) < subscribers && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    // idle: the greetings and presence reports settle
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss_after_kb = rss_kb(pid);
    let held_now = held.load(Ordering::Relaxed);

    // moves, one after another: the card goes back and forth between two columns
    let mut sent: Vec<(i64, Instant)> = Vec::new();
    let mut version = card.version;
    for n in 0..moves {
        let to = if n % 2 == 0 { "scoping" } else { "matching" };
        let start = Instant::now();
        let res = client
            .post(format!("{base}/api/board_move"))
            .header(reqwest::header::COOKIE, &admin)
            .form(&[("id", card.id.as_str()), ("version", &version.to_string()), ("to", to), ("back", "")])
            .send()
            .await
            .expect("move");
        assert!(res.status().is_success(), "move: {}", res.status());
        let moved: app::model::BoardMoved = res.json().await.expect("moved");
        version = moved.version;
        sent.push((version, start));
        tokio::time::sleep(Duration::from_millis(1500)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut all = Vec::new();
    let mut last = Vec::new();
    for (v, start) in &sent {
        let mut latest: f64 = 0.0;
        for log in &logs {
            if let Some((_, at)) = log.lock().expect("lock").iter().find(|(hv, _)| hv == v) {
                let ms = at.duration_since(*start).as_secs_f64() * 1000.0;
                all.push(ms);
                latest = latest.max(ms);
            }
        }
        last.push(latest);
    }
    all.sort_by(|a, b| a.total_cmp(b));
    last.sort_by(|a, b| a.total_cmp(b));
    // a board read while everyone is held
    let mut reads = Vec::new();
    for _ in 0..30 {
        let start = Instant::now();
        let res = client.get(&board_url).header(reqwest::header::COOKIE, &admin).send().await.expect("board");
        let _ = res.bytes().await;
        reads.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    reads.sort_by(|a, b| a.total_cmp(b));
    let _ = child.kill().await;
    let or0 = |v: &[f64], p: f64| if v.is_empty() { f64::NAN } else { percentile(v, p) };
    Run {
        asked: subscribers,
        held: held_now,
        failed: failed.load(Ordering::Relaxed),
        rss_before_kb,
        rss_after_kb,
        deliveries: all.len(),
        expected: held_now * moves,
        all: [or0(&all, 0.5), or0(&all, 0.99)],
        last: [or0(&last, 0.5), or0(&last, 0.99), last.last().copied().unwrap_or(f64::NAN)],
        read_ms: [or0(&reads, 0.5), or0(&reads, 0.99)],
    }
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("runtime");
    if let Ok(url) = std::env::var(SERVE) {
        rt.block_on(serve(&url));
        return;
    }
    let var = |name: &str, default: usize| std::env::var(name).ok().and_then(|n| n.parse().ok()).unwrap_or(default);
    let (subscribers, moves) = (var("BENCH_SUBSCRIBERS", 5000), var("BENCH_MOVES", 20));
    let mut runs = Vec::new();
    for (label, n) in [("one instance", subscribers), ("at twice the load", subscribers * 2)] {
        eprintln!("board bench: {n} subscribers, {moves} moves…");
        runs.push((label, rt.block_on(run(n, moves))));
    }
    let row = common::table(&runs);
    row("board subscribers asked / held / refused", &|r| format!("{} / {} / {}", r.asked, r.held, r.failed));
    row("server memory before → with them (resident)", &|r| {
        format!("{:.1} MB → {:.1} MB", r.rss_before_kb as f64 / 1024.0, r.rss_after_kb as f64 / 1024.0)
    });
    row("**memory per idle subscriber**", &|r| {
        let per = (r.rss_after_kb.saturating_sub(r.rss_before_kb)) as f64 / r.held.max(1) as f64;
        format!("**{per:.1} KB**")
    });
    row("deliveries read / expected", &|r| format!("{} / {}", r.deliveries, r.expected));
    row("move → each subscriber: p50 / p99", &|r| format!("{:.0} / {:.0} ms", r.all[0], r.all[1]));
    row("**move → last subscriber: p50 / p99 / worst**", &|r| {
        format!("{:.0} / **{:.0}** / {:.0} ms", r.last[0], r.last[1], r.last[2])
    });
    row("a board read meanwhile: p50 / p99", &|r| format!("{:.1} / {:.1} ms", r.read_ms[0], r.read_ms[1]));
}
