//! Roster benchmark (`cargo bench -p server --bench roster`, run by `make bench`).
//!
//! For each engine (SQLite always; PostgreSQL when `BENCH_PG_URL` or `TEST_DATABASE_URL` is
//! set): a fresh database with the demo data and `BENCH_PROVIDERS` (default 10,000) synthetic
//! providers, the real router in this process on a loopback port, a Case Manager signed in
//! (with the demo two-factor key). Then:
//! - the roster page (server-rendered HTML, the same request a browser makes) with three
//!   facets applied, rotating over issue area × language × region, one request at a time:
//!   p50/p95/p99 of the time from sending the request to the last byte of the page;
//! - the same for the unfiltered first page and a text search with one facet;
//! - the CSV export of every provider, streamed: time to first byte, total time, size, and how
//!   much the process's peak memory grew while it ran (Linux `VmHWM`, reset before the export).
//!
//! Prints a Markdown table on standard output.

use app::db::{seed, synthetic, Database, PoolSettings};
use app::domain::taxonomy::{IssueArea, Region};
use common::{engines, percentile, Engine};
use std::time::Instant;

mod common;

const ROUNDS: usize = 300;

fn proc_status(field: &str) -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with(field)).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}

struct Timings {
    p50: f64,
    p95: f64,
    p99: f64,
    found: String,
}

async fn time_pages(client: &reqwest::Client, base: &str, paths: &[String]) -> Timings {
    let mut ms = Vec::with_capacity(paths.len());
    let mut found = String::new();
    for path in paths {
        let start = Instant::now();
        let res = client.get(format!("{base}{path}")).send().await.expect("get");
        assert!(res.status().is_success(), "{path}: {}", res.status());
        let body = res.text().await.expect("body");
        ms.push(start.elapsed().as_secs_f64() * 1000.0);
        if found.is_empty() {
            found = body
                .split("id=\"roster-count\"")
                .nth(1)
                .and_then(|s| s.split('>').nth(1))
                .and_then(|s| s.split('<').next())
                .unwrap_or("")
                .to_string();
        }
    }
    ms.sort_by(|a, b| a.total_cmp(b));
    Timings { p50: percentile(&ms, 0.5), p95: percentile(&ms, 0.95), p99: percentile(&ms, 0.99), found }
}

struct Run {
    providers: i64,
    facets: Timings,
    unfiltered: Timings,
    search: Timings,
    csv_ttfb: f64,
    csv_total: f64,
    csv_bytes: u64,
    csv_rows: usize,
    peak_growth_kb: u64,
}

async fn run(engine: &Engine, synthetic_providers: usize) -> Run {
    let db = Database::connect(&engine.url, &PoolSettings::default()).await.expect("connect");
    db.migrate().await.expect("migrate");
    seed::seed_demo(&db, &common::files()).await.expect("seed");
    synthetic::seed_providers(&db, synthetic_providers, 1).await.expect("synthetic");
    let providers: i64 = match db.read() {
        app::db::Db::Sqlite(p) => sqlx::query_scalar("SELECT COUNT(*) FROM provider_profiles").fetch_one(p).await,
        app::db::Db::Postgres(p) => sqlx::query_scalar("SELECT COUNT(*) FROM provider_profiles").fetch_one(p).await,
    }
    .expect("count");
    if let app::db::Db::Postgres(p) = db.read() {
        sqlx::query("ANALYZE").execute(p).await.expect("analyze");
    }

    let (base, _site) = common::serve(&db, &engine.url).await;
    let client = common::staff_client(&base, "case.manager@demo.ogpnm.example").await;

    let languages = ["en", "fr", "es"];
    let facet_paths: Vec<String> = (0..ROUNDS)
        .map(|i| {
            let area = IssueArea::ALL[i % IssueArea::ALL.len()].key();
            let language = languages[(i / IssueArea::ALL.len()) % languages.len()];
            let region = Region::ALL[i % Region::ALL.len()].key();
            format!("/roster/providers?area={area}&language={language}&region={region}")
        })
        .collect();
    // warm the caches and the connection pools
    time_pages(&client, &base, &facet_paths[..30]).await;
    let facets = time_pages(&client, &base, &facet_paths).await;
    let unfiltered = time_pages(&client, &base, &vec!["/roster/providers".to_string(); ROUNDS / 3]).await;
    let search_paths: Vec<String> = (0..ROUNDS / 3)
        .map(|i| format!("/roster/providers?q=reform+projects&area={}", IssueArea::ALL[i % IssueArea::ALL.len()].key()))
        .collect();
    let search = time_pages(&client, &base, &search_paths).await;

    // the whole roster as CSV, streamed; peak memory measured from a reset high-water mark
    let _ = std::fs::write("/proc/self/clear_refs", "5");
    let rss_before = proc_status("VmRSS:");
    let start = Instant::now();
    let mut res = client.get(format!("{base}/roster/providers.csv")).send().await.expect("csv");
    assert!(res.status().is_success(), "csv: {}", res.status());
    let mut ttfb = None;
    let mut bytes = 0u64;
    let mut newlines = 0usize;
    while let Some(chunk) = res.chunk().await.expect("chunk") {
        ttfb.get_or_insert_with(|| start.elapsed().as_secs_f64() * 1000.0);
        bytes += chunk.len() as u64;
        newlines += chunk.iter().filter(|b| **b == b'\n').count();
    }
    let csv_total = start.elapsed().as_secs_f64() * 1000.0;
    let peak = proc_status("VmHWM:");
    db.close().await;
    Run {
        providers,
        facets,
        unfiltered,
        search,
        csv_ttfb: ttfb.unwrap_or(csv_total),
        csv_total,
        csv_bytes: bytes,
        csv_rows: newlines.saturating_sub(1),
        peak_growth_kb: peak.saturating_sub(rss_before),
    }
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let total: usize = std::env::var("BENCH_PROVIDERS").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let demo = 41;
    let mut runs = Vec::new();
    for engine in engines("roster").await {
        eprintln!("roster bench: {} with {total} providers…", engine.name);
        let r = run(&engine, total.saturating_sub(demo)).await;
        common::drop_engine(&engine).await;
        runs.push((engine.name, r));
    }
    let row = common::table(&runs);
    row("providers in the roster", &|r| r.providers.to_string());
    row("**3 facets (area, language, region): p50 / p95 / p99**", &|r| {
        format!("{:.1} / {:.1} / **{:.1} ms**", r.facets.p50, r.facets.p95, r.facets.p99)
    });
    row("3 facets: results on the first request", &|r| r.facets.found.clone());
    row("no filter, first page: p50 / p99", &|r| format!("{:.1} / {:.1} ms", r.unfiltered.p50, r.unfiltered.p99));
    row("text search + 1 facet: p50 / p99", &|r| format!("{:.1} / {:.1} ms", r.search.p50, r.search.p99));
    row("CSV of every provider: rows, size", &|r| format!("{} rows, {:.1} MB", r.csv_rows, r.csv_bytes as f64 / 1e6));
    row("CSV: first byte / complete", &|r| format!("{:.0} ms / {:.0} ms", r.csv_ttfb, r.csv_total));
    row("CSV: peak memory growth of the process", &|r| format!("{:.1} MB", r.peak_growth_kb as f64 / 1024.0));
}
