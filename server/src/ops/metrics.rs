//! `GET /metrics`: the Prometheus text format (OpenMetrics), answered only to direct requests
//! from the addresses in `OGPNM_METRICS_ALLOW` (default: this machine). A request that came
//! through a reverse proxy (it carries `X-Forwarded-For` or `Forwarded`) is refused whatever
//! its peer, so a proxy on the same machine never exposes it.
//!
//! Counted as they happen: requests by method, route and status, their latency by route, the
//! background jobs' runs and failures. Read when scraped: live connections, the mail outbox
//! (waiting, retrying, given up), the database pools (open, idle, most) and whether the
//! database answers.

use super::Ops;
use app::state::AppState;
use axum::extract::{ConnectInfo, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use ipnet::IpNet;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::Histogram;
use prometheus_client::registry::Registry;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

/// Latency buckets, in seconds: 5 ms to 10 s.
const BUCKETS: [f64; 12] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 7.5, 10.0];

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct JobLabels {
    job: &'static str,
    outcome: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabels {
    state: &'static str,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    pool: &'static str,
    state: &'static str,
}

type LatencyFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

fn latency_histogram() -> Histogram {
    Histogram::new(BUCKETS)
}

/// The app's metrics. Cheap to clone.
#[derive(Clone)]
pub struct Metrics {
    registry: Arc<Registry>,
    requests: Family<RequestLabels, Counter>,
    latency: LatencyFamily,
    jobs: Family<JobLabels, Counter>,
    live: Gauge,
    outbox: Family<StateLabels, Gauge>,
    pools: Family<PoolLabels, Gauge>,
    database_up: Gauge,
    outages: Gauge,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Metrics")
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("ogpnm");
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = LatencyFamily::new_with_constructor(latency_histogram);
        let jobs = Family::<JobLabels, Counter>::default();
        let (live, database_up, outages) = (Gauge::default(), Gauge::default(), Gauge::default());
        let outbox = Family::<StateLabels, Gauge>::default();
        let pools = Family::<PoolLabels, Gauge>::default();
        registry.register("http_requests", "HTTP requests answered, by method, route and status", requests.clone());
        registry.register("http_request_duration_seconds", "Time to answer a request, by route", latency.clone());
        registry.register("live_connections", "Live event streams open on this instance", live.clone());
        registry.register(
            "outbox_mails",
            "Mails in the outbox: waiting, retrying after a failure, given up",
            outbox.clone(),
        );
        registry.register(
            "db_pool_connections",
            "Database connections by pool: open, idle and the most allowed",
            pools.clone(),
        );
        registry.register("database_up", "1 while the database answers, 0 during an outage", database_up.clone());
        registry.register("database_outages", "Database outages seen since this instance started", outages.clone());
        registry.register("background_job_runs", "Background job runs, by job and outcome", jobs.clone());
        Metrics { registry: Arc::new(registry), requests, latency, jobs, live, outbox, pools, database_up, outages }
    }

    /// Counts one answered request.
    pub fn observe_request(&self, method: &str, route: &str, status: u16, seconds: f64) {
        let labels = RequestLabels { method: method.to_string(), route: route.to_string(), status };
        self.requests.get_or_create(&labels).inc();
        self.latency.get_or_create(&RouteLabels { route: route.to_string() }).observe(seconds);
    }

    /// Counts one run of a background job.
    pub fn job_ran(&self, job: &'static str, ok: bool) {
        self.jobs.get_or_create(&JobLabels { job, outcome: if ok { "ok" } else { "error" } }).inc();
    }

    /// Reads what is read at scrape time, then writes every metric out.
    async fn render(&self, state: &AppState, ops: &Ops) -> String {
        self.live.set(state.events.listeners() as i64);
        let up = !ops.outage.is_down();
        self.database_up.set(i64::from(up));
        self.outages.set(ops.outage.outages() as i64);
        for pool in state.db.pool_stats() {
            for (what, n) in [("open", pool.open), ("idle", pool.idle), ("max", pool.max)] {
                self.pools.get_or_create(&PoolLabels { pool: pool.name, state: what }).set(i64::from(n));
            }
        }
        if up {
            let counting = app::db::outbox::counts(state.db.read());
            match tokio::time::timeout(std::time::Duration::from_secs(1), counting).await {
                Ok(Ok(c)) => {
                    for (what, n) in [("waiting", c.waiting), ("retrying", c.retrying), ("failed", c.failed)] {
                        self.outbox.get_or_create(&StateLabels { state: what }).set(n);
                    }
                }
                Ok(Err(e)) => tracing::warn!(error = %e, "cannot count the outbox for the metrics"),
                Err(_) => tracing::warn!("counting the outbox for the metrics took over a second"),
            }
        }
        let mut out = String::new();
        if let Err(e) = prometheus_client::encoding::text::encode(&mut out, &self.registry) {
            tracing::error!(error = %e, "cannot write the metrics");
        }
        out
    }
}

/// Who may read `/metrics` (`OGPNM_METRICS_ALLOW`: addresses and networks, comma-separated).
#[derive(Clone, Debug)]
pub struct MetricsAccess(pub Vec<IpNet>);

impl Default for MetricsAccess {
    fn default() -> Self {
        MetricsAccess::parse("127.0.0.1,::1").unwrap_or(MetricsAccess(Vec::new()))
    }
}

impl MetricsAccess {
    /// Reads `10.0.0.0/8, 192.168.1.7, ::1`; `none` allows no one.
    pub fn parse(list: &str) -> Result<MetricsAccess, String> {
        let mut nets = Vec::new();
        for item in list.split(',').map(str::trim).filter(|s| !s.is_empty() && *s != "none") {
            let net = match item.parse::<IpNet>() {
                Ok(net) => net,
                Err(_) => item
                    .parse::<IpAddr>()
                    .map(IpNet::from)
                    .map_err(|_| format!("{item:?} is not an address or network"))?,
            };
            nets.push(net);
        }
        Ok(MetricsAccess(nets))
    }

    /// Whether a request from `peer`, with these headers, may read the metrics.
    pub fn allows(&self, peer: IpAddr, headers: &HeaderMap) -> bool {
        let proxied = headers.contains_key("x-forwarded-for") || headers.contains_key(header::FORWARDED);
        let peer = match peer {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(peer),
            v4 => v4,
        };
        !proxied && self.0.iter().any(|net| net.contains(&peer))
    }
}

/// `GET /metrics`.
pub async fn metrics(
    State(state): State<AppState>,
    Extension(ops): Extension<Ops>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    if !ops.access.allows(peer.ip(), &headers) {
        tracing::info!(peer = %peer.ip(), "metrics refused to an address not in OGPNM_METRICS_ALLOW");
        return StatusCode::FORBIDDEN.into_response();
    }
    let body = ops.metrics.render(&state, &ops).await;
    (
        [
            (header::CONTENT_TYPE, "application/openmetrics-text; version=1.0.0; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_direct_requests_from_allowed_addresses_read_the_metrics() {
        let access = MetricsAccess::parse("127.0.0.1, 10.1.0.0/16, ::1").expect("parse");
        let direct = HeaderMap::new();
        let mut proxied = HeaderMap::new();
        proxied.insert("x-forwarded-for", "203.0.113.9".parse().expect("value"));
        let ip = |s: &str| s.parse::<IpAddr>().expect("ip");
        assert!(access.allows(ip("127.0.0.1"), &direct));
        assert!(access.allows(ip("10.1.200.3"), &direct));
        assert!(access.allows(ip("::1"), &direct));
        assert!(access.allows(ip("::ffff:127.0.0.1"), &direct), "IPv4 through an IPv6 socket");
        assert!(!access.allows(ip("10.2.0.1"), &direct));
        assert!(!access.allows(ip("127.0.0.1"), &proxied), "through a proxy on this machine");
        assert!(!MetricsAccess::parse("none").expect("parse").allows(ip("127.0.0.1"), &direct));
        assert!(MetricsAccess::parse("10.0.0.0/33").is_err() && MetricsAccess::parse("localhost").is_err());
    }

    #[test]
    fn the_text_format_names_every_family() {
        let m = Metrics::new();
        m.observe_request("GET", "/cases/{id}", 200, 0.012);
        m.job_ran("mail", true);
        let mut out = String::new();
        prometheus_client::encoding::text::encode(&mut out, &m.registry).expect("encode");
        assert!(
            out.contains("ogpnm_http_requests_total{method=\"GET\",route=\"/cases/{id}\",status=\"200\"} 1"),
            "{out}"
        );
        assert!(
            out.contains("ogpnm_http_request_duration_seconds_bucket{le=\"0.025\",route=\"/cases/{id}\"} 1"),
            "{out}"
        );
        assert!(out.contains("ogpnm_background_job_runs_total{job=\"mail\",outcome=\"ok\"} 1"), "{out}");
        assert!(out.ends_with("# EOF\n"));
    }
}
