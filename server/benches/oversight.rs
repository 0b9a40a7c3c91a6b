//! Oversight and open-data benchmark (`cargo bench -p server --bench oversight`, run by
//! `make bench`).
//!
//! For each engine (SQLite always; PostgreSQL when `BENCH_PG_URL` or `TEST_DATABASE_URL` is
//! set): a fresh database with the demo data and `ogpnm seed --scale N`'s volumes
//! (`BENCH_SCALE`, default 5,000: 10,000 providers, 5,000 cases at every stage, about 100,000
//! messages), the real router in this process on loopback, the steering committee signed in.
//! Then, one request at a time:
//! - the oversight figures over the last three years (`/api/oversight`, the server function
//!   the page loads) and the whole server-rendered `/oversight` page: p50/p95/p99 from sending
//!   the request to its last byte;
//! - the gap map page;
//! - the open-data ZIP (`/open-data/ogpnm-open-data.zip`, made on request): time and size, and
//!   the public directory's CSV.
//!
//! Prints a Markdown table on standard output.

use app::db::{scale, seed, Database, PoolSettings};
use common::{engines, percentile, Engine};
use std::time::Instant;

mod common;

const ROUNDS: usize = 60;

struct Timings {
    p50: f64,
    p95: f64,
    p99: f64,
}

async fn time(client: &reqwest::Client, url: &str, rounds: usize) -> (Timings, usize) {
    let mut ms = Vec::with_capacity(rounds);
    let mut bytes = 0;
    for _ in 0..rounds {
        let start = Instant::now();
        let res = client.get(url).send().await.expect("get");
        assert!(res.status().is_success(), "{url}: {}", res.status());
        bytes = res.bytes().await.expect("body").len();
        ms.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    (Timings { p50: percentile(&ms, 0.5), p95: percentile(&ms, 0.95), p99: percentile(&ms, 0.99) }, bytes)
}

struct Run {
    made: scale::Scaled,
    seed_s: f64,
    opened: i64,
    figures: Timings,
    page: Timings,
    gaps: Timings,
    zip_ms: [f64; 2],
    zip_bytes: usize,
    csv_ms: f64,
    csv_bytes: usize,
}

async fn run(engine: &Engine, n: usize) -> Run {
    let db = Database::connect(&engine.url, &PoolSettings::default()).await.expect("connect");
    db.migrate().await.expect("migrate");
    seed::seed_demo(&db, &common::files()).await.expect("seed");
    let started = Instant::now();
    let made = scale::seed_scale(&db, n, 1).await.expect("scale");
    let seed_s = started.elapsed().as_secs_f64();
    if let app::db::Db::Postgres(p) = db.read() {
        sqlx::query("ANALYZE").execute(p).await.expect("analyze");
    }
    let (base, _site) = common::serve(&db, &engine.url).await;
    let client = common::staff_client(&base, "steering@demo.ogpnm.example").await;

    let today = app::domain::time::day_of(app::db::now_ms());
    let range = format!(
        "from={}&to={}",
        app::domain::time::format_day(today - 3 * 365 - 2),
        app::domain::time::format_day(today)
    );
    let api =
        format!("{base}/api/oversight?query={}", form_urlencoded::byte_serialize(range.as_bytes()).collect::<String>());
    let view: app::model::OversightView = client.get(&api).send().await.expect("get").json().await.expect("json");
    // warm up, then measure
    time(&client, &api, 5).await;
    let (figures, _) = time(&client, &api, ROUNDS).await;
    let (page, _) = time(&client, &format!("{base}/oversight?{range}"), ROUNDS).await;
    let (gaps, _) = time(&client, &format!("{base}/oversight/gaps"), ROUNDS / 3).await;
    let (zip, zip_bytes) = time(&client, &format!("{base}/open-data/ogpnm-open-data.zip"), 5).await;
    let (csv, csv_bytes) = time(&client, &format!("{base}/open-data/directory.csv"), 5).await;
    db.close().await;
    Run {
        made,
        seed_s,
        opened: view.figures.opened,
        figures,
        page,
        gaps,
        zip_ms: [zip.p50, zip.p99],
        zip_bytes,
        csv_ms: csv.p50,
        csv_bytes,
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let n: usize = std::env::var("BENCH_SCALE").ok().and_then(|n| n.parse().ok()).unwrap_or(5_000);
    let mut runs = Vec::new();
    for engine in engines("oversight").await {
        eprintln!("oversight bench: {} at scale {n}…", engine.name);
        let r = run(&engine, n).await;
        common::drop_engine(&engine).await;
        runs.push((engine.name, r));
    }
    let row = common::table(&runs);
    row("made by `seed --scale` (providers / cases / messages)", &|r| {
        format!("{} / {} / {}", r.made.providers, r.made.cases, r.made.messages)
    });
    row("`seed --scale` took", &|r| format!("{:.0} s", r.seed_s));
    row("cases in the three-year range", &|r| r.opened.to_string());
    row("**oversight figures (`/api/oversight`): p50 / p95 / p99**", &|r| {
        format!("{:.1} / {:.1} / **{:.1} ms**", r.figures.p50, r.figures.p95, r.figures.p99)
    });
    row("`/oversight` page, server-rendered: p50 / p95 / p99", &|r| {
        format!("{:.1} / {:.1} / {:.1} ms", r.page.p50, r.page.p95, r.page.p99)
    });
    row("`/oversight/gaps` page: p50 / p99", &|r| format!("{:.1} / {:.1} ms", r.gaps.p50, r.gaps.p99));
    row("**open-data ZIP: made and sent (p50 / max of 5)**", &|r| {
        format!("**{:.0} ms** / {:.0} ms", r.zip_ms[0], r.zip_ms[1])
    });
    row("**open-data ZIP: size**", &|r| format!("**{:.2} MB**", r.zip_bytes as f64 / 1e6));
    row("`directory.csv` (the public directory): time, size", &|r| {
        format!("{:.0} ms, {:.2} MB", r.csv_ms, r.csv_bytes as f64 / 1e6)
    });
}
