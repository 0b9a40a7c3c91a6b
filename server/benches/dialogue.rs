//! Dialogue benchmark (`cargo bench -p server --bench dialogue`, run by `make bench`).
//!
//! For each engine (SQLite always; PostgreSQL when `BENCH_PG_URL` or `TEST_DATABASE_URL`
//! answers): a fresh database with the demo data, the real router in this process on a
//! loopback port, and `BENCH_THREADS` (default 200) threads in a demo case, each with one
//! organisation of five members taking part: 1,000 participants, each signed in and following
//! their thread on the live channel (`GET /events?topic=thread:…`, one connection each). Then:
//! - delivery: messages posted one after another through `/api/send_message`, each by a member
//!   of its thread; every open subscriber of that thread notes when it heard of it; p50/p95/p99
//!   of the time from sending the post to each subscriber hearing it;
//! - posting throughput: 16 posters at once for five seconds, messages per second;
//! - the inbox with a search, once the threads hold `BENCH_MESSAGES` (default 100,000) messages:
//!   the Case Manager's `/api/inbox?q=…` (every thread is theirs), p50/p99 of the request.
//!
//! Prints a Markdown table on standard output.

use app::auth::session::{self, SessionPolicy};
use app::db::{organisations, seed, threads, users, Database, PoolSettings};
use common::{engines, percentile, Engine};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;

const MEMBERS: usize = 5;
const DELIVERY_POSTS: usize = 400;
const WORDS: [&str; 12] = [
    "budget",
    "contracts",
    "datasets",
    "training",
    "workshop",
    "portal",
    "audit",
    "judgments",
    "licences",
    "consultation",
    "procurement",
    "registry",
];

/// What one subscriber heard: (message number in its thread, when).
type Heard = Arc<Mutex<Vec<(i64, Instant)>>>;

struct Participant {
    cookie: String,
    thread: String,
}

struct Run {
    participants: usize,
    threads: usize,
    delivered: usize,
    delivery: [f64; 3],
    posts_per_sec: f64,
    messages: i64,
    search: [f64; 2],
    search_found: usize,
}

/// 200 organisations of five members, a thread for each in the case of `government`, and a
/// session for every member.
async fn participants(db: &Database, case_id: &str, count: usize) -> Vec<Participant> {
    let mut out = Vec::new();
    let now = app::db::now_ms();
    let mut tx = db.write().begin().await.expect("begin");
    for i in 0..count {
        let org = organisations::NewOrganisation {
            name: format!("Bench Partner {i}"),
            kind: app::domain::taxonomy::OrgKind::Ngo,
            country: "KE".into(),
            website: None,
            description: String::new(),
            verified: false,
        };
        let org_id = organisations::insert(&mut tx, &org).await.expect("org");
        let thread =
            threads::open(&mut tx, case_id, None, std::slice::from_ref(&org_id), None, now).await.expect("thread");
        for m in 0..MEMBERS {
            let user = users::NewUser {
                email: format!("bench.{i}.{m}@example.org"),
                name: format!("Member {m} of partner {i}"),
                locale: "en".into(),
                password_hash: None,
                staff_role: None,
                email_verified: true,
            };
            let user_id = users::insert(&mut tx, &user).await.expect("user");
            users::add_membership(&mut tx, &user_id, &org_id, false).await.expect("member");
            let who = app::db::users::SessionUser {
                user_id,
                name: user.name.clone(),
                email: user.email.clone(),
                locale: "en".into(),
                staff_role: None,
                disabled: false,
                two_factor: false,
            };
            let token = session::start(&mut tx, &who, &SessionPolicy::default(), "127.0.0.1", "bench", now)
                .await
                .expect("session");
            out.push(Participant { cookie: format!("{}={token}", session::COOKIE), thread: thread.clone() });
        }
    }
    tx.commit().await.expect("commit");
    out
}

/// Follows a thread's live events; notes (message number, when) for each message heard.
async fn follow(base: String, p: &Participant, heard: Heard, ready: tokio::sync::mpsc::Sender<()>) {
    let client = reqwest::Client::new();
    let mut res = client
        .get(format!("{base}/events?topic=thread:{}", p.thread))
        .header(reqwest::header::COOKIE, &p.cookie)
        .send()
        .await
        .expect("subscribe");
    assert!(res.status().is_success(), "subscribe: {}", res.status());
    let _ = ready.send(()).await;
    let mut buffer = String::new();
    while let Ok(Some(chunk)) = res.chunk().await {
        let at = Instant::now();
        buffer.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buffer.find("\n\n") {
            let event: String = buffer.drain(..end + 2).collect();
            let Some(data) = event.lines().find_map(|l| l.strip_prefix("data:")) else { continue };
            if let Ok(app::model::LiveEvent::Thread(t)) = serde_json::from_str(data.trim()) {
                if t.what == app::model::ThreadChange::Message {
                    heard.lock().expect("lock").push((t.last_seq, at));
                }
            }
        }
    }
}

async fn send(client: &reqwest::Client, base: &str, p: &Participant, key: &str, body: &str) -> i64 {
    let res = client
        .post(format!("{base}/api/send_message"))
        .header(reqwest::header::COOKIE, &p.cookie)
        .form(&[("id", p.thread.as_str()), ("key", key), ("body", body)])
        .send()
        .await
        .expect("send");
    assert!(res.status().is_success(), "send: {}", res.status());
    res.json().await.expect("seq")
}

async fn run(engine: &Engine, thread_count: usize, messages: usize) -> Run {
    let db = Database::connect(&engine.url, &PoolSettings { max_connections: 20, ..PoolSettings::default() })
        .await
        .expect("connect");
    db.migrate().await.expect("migrate");
    seed::seed_demo(&db, &common::files()).await.expect("seed");
    let mut tx = db.write().begin().await.expect("begin");
    let gov = organisations::id_by_name(&mut tx, "National Treasury, Budget Transparency Office")
        .await
        .expect("q")
        .expect("org");
    drop(tx);
    let case = app::db::cases::of_organisation(db.read(), &gov).await.expect("case").remove(0).case;
    let people = Arc::new(participants(&db, &case.id, thread_count).await);
    let (base, _state, _site) = common::serve_with_state(&db, &engine.url).await;

    // everyone follows their thread
    let (ready_tx, mut ready_rx) = tokio::sync::mpsc::channel(people.len());
    let mut heard: Vec<Heard> = Vec::new();
    for i in 0..people.len() {
        let log = Arc::new(Mutex::new(Vec::new()));
        heard.push(log.clone());
        let (base, people, ready) = (base.clone(), people.clone(), ready_tx.clone());
        tokio::spawn(async move { follow(base, &people[i], log, ready).await });
    }
    for _ in 0..people.len() {
        ready_rx.recv().await.expect("subscribed");
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    // delivery: one post at a time, each thread in turn, by one of its members
    let client = reqwest::Client::new();
    let mut sent: HashMap<(String, i64), Instant> = HashMap::new();
    for n in 0..DELIVERY_POSTS {
        let author = &people[(n * MEMBERS + n % MEMBERS) % people.len()];
        let start = Instant::now();
        let seq = send(&client, &base, author, &format!("d-{n}"), "Here is the list of datasets we discussed.").await;
        sent.insert((author.thread.clone(), seq), start);
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let mut delivery: Vec<f64> = Vec::new();
    for (i, p) in people.iter().enumerate() {
        for (seq, at) in heard[i].lock().expect("lock").iter() {
            if let Some(start) = sent.get(&(p.thread.clone(), *seq)) {
                delivery.push(at.duration_since(*start).as_secs_f64() * 1000.0);
            }
        }
    }
    delivery.sort_by(|a, b| a.total_cmp(b));
    let delivered = delivery.len();

    // throughput: 16 posters at once for five seconds
    let posted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let until = Instant::now() + Duration::from_secs(5);
    let mut posters = Vec::new();
    for w in 0..16 {
        let (base, people, posted) = (base.clone(), people.clone(), posted.clone());
        posters.push(tokio::spawn(async move {
            let client = reqwest::Client::new();
            let mut n = 0;
            while Instant::now() < until {
                let author = &people[(w * 61 + n * 7) % people.len()];
                send(&client, &base, author, &format!("t-{w}-{n}"), "Thank you, noted for the next call.").await;
                posted.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                n += 1;
            }
        }));
    }
    for p in posters {
        p.await.expect("poster");
    }
    let posts_per_sec = posted.load(std::sync::atomic::Ordering::Relaxed) as f64 / 5.0;

    // the inbox at 100,000 messages: filled through the data layer, in large transactions
    let have: i64 = app::db_run!(db.read(), |p| sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM messages")
        .fetch_one(p)
        .await)
    .expect("count");
    let missing = messages.saturating_sub(have as usize);
    let authors: Vec<String> = app::db_run!(db.read(), |p| {
        sqlx::query_scalar("SELECT user_id FROM sessions WHERE user_agent = 'bench' ORDER BY user_id")
            .fetch_all(p)
            .await
    })
    .expect("authors");
    let started = app::db::now_ms();
    for batch in 0..missing.div_ceil(2000) {
        let mut tx = db.write().begin().await.expect("begin");
        for k in 0..2000.min(missing - batch * 2000) {
            let n = batch * 2000 + k;
            let person = n % people.len();
            let body = format!(
                "Notes from call {n}: the {} and the {} come next; see the {} by Friday.",
                WORDS[n % WORDS.len()],
                WORDS[(n / 7) % WORDS.len()],
                WORDS[(n / 3) % WORDS.len()]
            );
            threads::post(
                &mut tx,
                &people[person].thread,
                &authors[person % authors.len()],
                &format!("f-{n}"),
                &body,
                started + n as i64,
            )
            .await
            .expect("post");
        }
        tx.commit().await.expect("commit");
    }
    if let app::db::Db::Postgres(p) = db.read() {
        sqlx::query("ANALYZE").execute(p).await.expect("analyze");
    }
    let total: i64 = app::db_run!(db.read(), |p| sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM messages")
        .fetch_one(p)
        .await)
    .expect("count");
    // the Case Manager of the case: every thread is theirs
    let cm =
        app::db::users::find_by_email(db.read(), "case.manager@demo.ogpnm.example").await.expect("q").expect("cm").user;
    let mut tx = db.write().begin().await.expect("begin");
    let token = session::start(&mut tx, &cm, &SessionPolicy::default(), "127.0.0.1", "bench-cm", app::db::now_ms())
        .await
        .expect("session");
    tx.commit().await.expect("commit");
    let cookie = format!("{}={token}", session::COOKIE);
    let mut search = Vec::new();
    let mut found = 0;
    for i in 0..60 {
        let q = format!("{} {}", WORDS[i % WORDS.len()], WORDS[(i + 5) % WORDS.len()]);
        let start = Instant::now();
        let res = client
            .get(format!("{base}/api/inbox?q={}", q.replace(' ', "+")))
            .header(reqwest::header::COOKIE, &cookie)
            .send()
            .await
            .expect("inbox");
        assert!(res.status().is_success(), "inbox: {}", res.status());
        let view: app::model::InboxView = res.json().await.expect("json");
        if i >= 10 {
            search.push(start.elapsed().as_secs_f64() * 1000.0);
        }
        found = found.max(view.threads.len());
    }
    search.sort_by(|a, b| a.total_cmp(b));
    db.close().await;
    Run {
        participants: people.len(),
        threads: thread_count,
        delivered,
        delivery: [percentile(&delivery, 0.5), percentile(&delivery, 0.95), percentile(&delivery, 0.99)],
        posts_per_sec,
        messages: total,
        search: [percentile(&search, 0.5), percentile(&search, 0.99)],
        search_found: found,
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let var = |name: &str, default: usize| std::env::var(name).ok().and_then(|n| n.parse().ok()).unwrap_or(default);
    let (thread_count, messages) = (var("BENCH_THREADS", 200), var("BENCH_MESSAGES", 100_000));
    let mut runs = Vec::new();
    for engine in engines("dialogue").await {
        eprintln!("dialogue bench: {} with {thread_count} threads, {messages} messages…", engine.name);
        let r = run(&engine, thread_count, messages).await;
        common::drop_engine(&engine).await;
        runs.push((engine.name, r));
    }
    let row = common::table(&runs);
    row("participants following live / threads", &|r| format!("{} / {}", r.participants, r.threads));
    row("**delivery, post to every subscriber: p50 / p95 / p99**", &|r| {
        format!(
            "{:.1} / {:.1} / **{:.1} ms** ({} deliveries)",
            r.delivery[0], r.delivery[1], r.delivery[2], r.delivered
        )
    });
    row("posting throughput (16 posters)", &|r| format!("{:.0} messages/s", r.posts_per_sec));
    row("messages stored", &|r| r.messages.to_string());
    row("**inbox with a two-word search: p50 / p99**", &|r| {
        format!("{:.1} / **{:.1} ms** ({} threads found)", r.search[0], r.search[1], r.search_found)
    });
}
