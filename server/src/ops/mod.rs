//! Running the app for real (issue 20): what an operator sees and relies on.
//! - [`request`]: a request id on every request (kept from a proxy's `X-Request-Id` or made
//!   here), in every log line written while it is served, in its response and its error pages;
//!   and each request counted and timed by route for the metrics;
//! - [`metrics`]: `/metrics` in the Prometheus (OpenMetrics) text format, for configured
//!   addresses only;
//! - [`outage`]: while the database does not answer, requests get a quick 503 instead of
//!   queueing for a connection; service resumes by itself once it answers again;
//! - [`jobs`]: the background jobs, counted by outcome;
//! - [`shutdown`]: on SIGTERM, stop taking requests, let those in flight finish, close live
//!   streams with a reconnect hint and stop the background workers between two runs.

pub mod jobs;
pub mod metrics;
pub mod outage;
pub mod request;
pub mod shutdown;

pub use metrics::{Metrics, MetricsAccess};
pub use outage::Outage;
pub use request::RequestId;
pub use shutdown::Shutdown;

/// What the operations middleware and handlers share; made once per app.
#[derive(Clone, Debug)]
pub struct Ops {
    pub metrics: Metrics,
    pub outage: Outage,
    pub shutdown: Shutdown,
    pub access: MetricsAccess,
}

impl Ops {
    /// Fresh metrics, no outage, no shutdown begun; `/metrics` for `access`.
    pub fn new(access: MetricsAccess) -> Ops {
        Ops { metrics: Metrics::new(), outage: Outage::default(), shutdown: Shutdown::new(), access }
    }
}
