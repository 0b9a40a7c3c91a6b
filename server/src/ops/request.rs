//! Every request's id and measure. The id is the one a reverse proxy sent in `X-Request-Id`
//! (when it is a short token) or a new UUID; it is in the request's log span (so in every line
//! logged while the request is served), in the `X-Request-Id` response header, in the pages'
//! error messages (the Leptos context `app::error::RequestId`) and in a panic's 500 answer.

use super::metrics::Metrics;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use std::time::Instant;
use tracing::Instrument;

pub use app::error::RequestId;

/// The header that carries it both ways.
pub static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

tokio::task_local! {
    /// The id of the request being served on this task (read by the panic handler).
    static CURRENT: RequestId;
}

/// The id of the request being served, if any.
pub fn current() -> Option<RequestId> {
    CURRENT.try_with(Clone::clone).ok()
}

/// A forwarded id is kept only when it is a plain token (it goes into logs and pages).
fn accepted(value: &HeaderValue) -> Option<String> {
    let v = value.to_str().ok()?;
    (!v.is_empty() && v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric() || "-_.:".contains(c)))
        .then(|| v.to_string())
}

/// The route a request is counted under: its route pattern (`/cases/{id}`), a server function's
/// own name, or `other` (unmatched paths would make one series per typo or probe).
pub fn route_label(matched: Option<&str>, path: &str, status: u16) -> String {
    match matched {
        Some(m) if path.starts_with("/api/") && m.contains('{') => {
            let name = &path["/api/".len()..];
            let known =
                status != 404 && name.len() <= 64 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if known {
                path.to_string()
            } else {
                "/api/other".to_string()
            }
        }
        Some(m) if m.starts_with("/pkg/") => "/pkg".to_string(),
        Some(m) => m.to_string(),
        None => "other".to_string(),
    }
}

/// Middleware (outermost): gives the request its id and span, and measures it.
pub async fn observe(State(metrics): State<Metrics>, mut req: Request, next: Next) -> Response {
    let id = req.headers().get(&REQUEST_ID).and_then(accepted).unwrap_or_else(|| uuid::Uuid::now_v7().to_string());
    let id = RequestId(id);
    req.extensions_mut().insert(id.clone());
    let method = req.method().clone();
    let path = req.uri().path().to_string();
    let matched = req.extensions().get::<MatchedPath>().map(|m| m.as_str().to_string());
    let span = tracing::info_span!("request", id = %id.0, method = %method, path = %path);
    let started = Instant::now();
    let mut res = CURRENT.scope(id.clone(), next.run(req).instrument(span.clone())).await;
    let status = res.status().as_u16();
    let seconds = started.elapsed().as_secs_f64();
    let route = route_label(matched.as_deref(), &path, status);
    metrics.observe_request(method.as_str(), &route, status, seconds);
    let ms = (seconds * 1000.0) as u64;
    span.in_scope(|| {
        if status >= 500 {
            tracing::warn!(status, ms, %route, "request failed");
        } else {
            // the access log: RUST_LOG=server=debug
            tracing::debug!(status, ms, %route, "request answered");
        }
    });
    // not on the built assets served as they are: no log line or page names them, and on a
    // phone's first visit the header would cost every file its bytes (issue 19's budgets)
    let built_asset = path.starts_with("/pkg/") && status < 400;
    if !built_asset {
        if let Ok(v) = HeaderValue::from_str(&id.0) {
            res.headers_mut().insert(REQUEST_ID.clone(), v);
        }
    }
    res
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_forwarded_id_is_kept_only_when_it_is_a_plain_token() {
        assert_eq!(accepted(&HeaderValue::from_static("abc-123_x.y:z")).as_deref(), Some("abc-123_x.y:z"));
        for bad in ["", "<script>", "a b", &"x".repeat(65)] {
            assert_eq!(accepted(&HeaderValue::from_str(bad).expect("header")), None, "{bad}");
        }
    }

    #[test]
    fn routes_are_counted_by_pattern_never_by_the_raw_path() {
        assert_eq!(route_label(Some("/cases/{id}"), "/cases/01J", 200), "/cases/{id}");
        assert_eq!(route_label(Some("/api/{*fn_name}"), "/api/post_message", 200), "/api/post_message");
        assert_eq!(route_label(Some("/api/{*fn_name}"), "/api/nope", 404), "/api/other");
        assert_eq!(route_label(Some("/api/{*fn_name}"), "/api/a/../b", 400), "/api/other");
        assert_eq!(route_label(None, "/wp-login.php", 404), "other");
    }
}
