//! Security headers on every response: a strict Content-Security-Policy with a fresh nonce per
//! request (no `unsafe-inline` scripts; `'wasm-unsafe-eval'` for the WASM), clickjacking and
//! sniffing protection, referrer policy, and HSTS when served over TLS. HTML responses are
//! marked private and varying by language inputs.
//!
//! The built assets under `/pkg/` (the WASM, its JavaScript and the stylesheet, served as they
//! were built) carry only what applies to them: `nosniff` (and HSTS). The document-level
//! policies (CSP, framing, referrer, permissions, opener) govern the page that loads them, and
//! repeated on each of a page's files they were about 430 bytes per file on a phone's first
//! visit (issue 19).

use axum::extract::{Request, State};
use axum::http::header::{self, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use leptos::nonce::Nonce;
use std::sync::Arc;

/// What the header policy depends on.
#[derive(Clone, Debug)]
pub struct SecurityConfig {
    /// Add `Strict-Transport-Security`.
    pub hsts: bool,
    /// Allow the cargo-leptos live-reload websocket (development only).
    pub reload_port: Option<u32>,
}

/// Builds the CSP for one response.
pub fn content_security_policy(nonce: &str, config: &SecurityConfig) -> String {
    let connect = match config.reload_port {
        Some(port) => format!("connect-src 'self' ws://127.0.0.1:{port} ws://localhost:{port}"),
        None => "connect-src 'self'".to_string(),
    };
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; {connect}; frame-ancestors 'none'; form-action 'self'; \
         object-src 'none'; base-uri 'self'"
    )
}

/// Middleware: creates the request's nonce (read by the Leptos context function) and sets the
/// headers on the response.
pub async fn security_headers(State(config): State<Arc<SecurityConfig>>, mut req: Request, next: Next) -> Response {
    let nonce = Nonce::new();
    req.extensions_mut().insert(nonce.clone());
    let signed_in = carries_session(req.headers());
    let is_api = req.uri().path().starts_with("/api/");
    let is_pkg = req.uri().path().starts_with("/pkg/");
    let mut res = next.run(req).await;
    let built_asset = is_pkg && (res.status().is_success() || res.status() == axum::http::StatusCode::NOT_MODIFIED);
    let headers = res.headers_mut();
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if config.hsts {
        headers
            .insert(header::STRICT_TRANSPORT_SECURITY, HeaderValue::from_static("max-age=63072000; includeSubDomains"));
    }
    if built_asset {
        return res;
    }
    // a response with a policy of its own (a downloaded file: sandboxed) keeps it
    if !headers.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(v) = HeaderValue::from_str(&content_security_policy(&nonce, &config)) {
            headers.insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    let fixed: [(HeaderName, &str); 4] = [
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "strict-origin-when-cross-origin"),
        (HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=(), interest-cohort=()"),
        (HeaderName::from_static("cross-origin-opener-policy"), "same-origin"),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    let is_html =
        headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"));
    // what a signed-in person sees, and every server function's answer (personal data, drafts),
    // is never stored by the browser or anything between; public pages may be kept privately
    // and revalidated (the back button stays instant on a phone)
    if (is_html && signed_in) || (is_api && !headers.contains_key(header::CACHE_CONTROL)) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    } else if is_html {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-cache"));
    }
    if is_html {
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding, Accept-Language, Cookie"));
    }
    res
}

/// Whether the request carries a session cookie (valid or not: the answer is kept out of
/// caches either way).
fn carries_session(headers: &axum::http::HeaderMap) -> bool {
    headers.get_all(header::COOKIE).iter().filter_map(|v| v.to_str().ok()).any(|c| {
        [app::auth::session::COOKIE, app::auth::session::COOKIE_TLS]
            .iter()
            .any(|name| app::i18n::cookie_value(c, name).is_some_and(|v| !v.is_empty()))
    })
}

/// Middleware: refuses state-changing requests (anything but GET, HEAD, OPTIONS) that a browser
/// marks as coming from another site: `Sec-Fetch-Site` other than `same-origin`/`none`, or an
/// `Origin` whose host differs from `Host`. Requests without either header (not from a browser)
/// pass. The refusal is a 403 in the visitor's language and changes nothing.
pub async fn reject_cross_site(req: Request, next: Next) -> Response {
    use axum::http::Method;
    if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS) || !is_cross_site(req.headers()) {
        return next.run(req).await;
    }
    tracing::warn!(method = %req.method(), path = %req.uri().path(), "cross-site request refused");
    translated(req.headers(), axum::http::StatusCode::FORBIDDEN, app::i18n::K::ErrorCrossSite)
}

/// A plain-text answer in the visitor's language (for refusals made before the app runs).
pub fn translated(headers: &axum::http::HeaderMap, status: axum::http::StatusCode, key: app::i18n::K) -> Response {
    let get = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let cookie = get(header::COOKIE).and_then(|c| app::i18n::cookie_value(c, app::i18n::LOCALE_COOKIE));
    let locale = app::i18n::negotiate(cookie, get(header::ACCEPT_LANGUAGE));
    let mut res = Response::new(axum::body::Body::from(locale.t(key)));
    *res.status_mut() = status;
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    res
}

/// Middleware: a server function that takes `multipart/form-data` gets nothing else (its
/// decoder would panic): another body is a 400 in the visitor's language.
pub async fn require_multipart(req: Request, next: Next) -> Response {
    let path = req.uri().path();
    if req.method() == axum::http::Method::POST && app::api::multipart_paths().contains(&path) {
        let content_type = req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
        if !is_multipart_with_boundary(content_type) {
            tracing::debug!(%path, %content_type, "not a multipart body");
            return translated(req.headers(), axum::http::StatusCode::BAD_REQUEST, app::i18n::K::ErrorBadRequest);
        }
    }
    next.run(req).await
}

/// `multipart/form-data` with a non-empty `boundary` parameter.
pub fn is_multipart_with_boundary(content_type: &str) -> bool {
    let mut parts = content_type.split(';');
    let essence = parts.next().unwrap_or_default().trim();
    essence.eq_ignore_ascii_case("multipart/form-data")
        && parts.filter_map(|p| p.split_once('=')).any(|(name, value)| {
            name.trim().eq_ignore_ascii_case("boundary") && !value.trim().trim_matches('"').is_empty()
        })
}

/// The answer to a panic anywhere below (a bug): a 500 in plain words, the connection kept.
pub fn panic_response(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a request handler panicked");
    let en = app::i18n::Locale::En;
    let mut text = en.t(app::i18n::K::ErrorInternal).to_string();
    if let Some(id) = crate::ops::request::current() {
        text = format!("{text}\n{} {}", en.t(app::i18n::K::ErrorReference), id.0);
    }
    let mut res = Response::new(axum::body::Body::from(text));
    *res.status_mut() = axum::http::StatusCode::INTERNAL_SERVER_ERROR;
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    res
}

/// Whether browser-set headers say the request comes from another site.
pub fn is_cross_site(headers: &axum::http::HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return !matches!(site, "same-origin" | "none");
    }
    match headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        None => false,
        Some("null") => true,
        Some(origin) => {
            let origin_host = origin.split_once("://").map_or(origin, |(_, rest)| rest);
            let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or_default();
            !origin_host.eq_ignore_ascii_case(host)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_only_nonced_scripts_and_wasm() {
        let csp = content_security_policy("abc", &SecurityConfig { hsts: false, reload_port: None });
        assert!(csp.contains("script-src 'self' 'nonce-abc' 'wasm-unsafe-eval'"));
        assert!(csp.contains("frame-ancestors 'none'"));
        assert!(!csp.contains("unsafe-inline"));
        assert!(!csp.contains("ws://"));
    }

    #[test]
    fn cross_site_requests_are_recognised_from_browser_headers() {
        let h = |pairs: &[(&'static str, &'static str)]| {
            let mut m = axum::http::HeaderMap::new();
            for (k, v) in pairs {
                m.insert(*k, HeaderValue::from_static(v));
            }
            m
        };
        assert!(!is_cross_site(&h(&[])), "no browser headers: not a browser");
        assert!(!is_cross_site(&h(&[("sec-fetch-site", "same-origin")])));
        assert!(!is_cross_site(&h(&[("sec-fetch-site", "none")])));
        assert!(is_cross_site(&h(&[("sec-fetch-site", "cross-site")])));
        assert!(is_cross_site(&h(&[("sec-fetch-site", "same-site")])));
        assert!(!is_cross_site(&h(&[("origin", "http://127.0.0.1:3000"), ("host", "127.0.0.1:3000")])));
        assert!(is_cross_site(&h(&[("origin", "https://evil.example"), ("host", "127.0.0.1:3000")])));
        assert!(is_cross_site(&h(&[("origin", "null"), ("host", "127.0.0.1:3000")])));
    }

    #[test]
    fn only_multipart_bodies_with_a_boundary_reach_the_multipart_functions() {
        assert!(is_multipart_with_boundary("multipart/form-data; boundary=----abc"));
        assert!(is_multipart_with_boundary("Multipart/Form-Data;boundary=\"x\""));
        for bad in [
            "",
            "application/x-www-form-urlencoded",
            "multipart/form-data",
            "multipart/form-data; boundary=",
            "multipart/form-data; boundary=\"\"",
            "text/plain; boundary=x",
        ] {
            assert!(!is_multipart_with_boundary(bad), "{bad}");
        }
    }

    #[test]
    fn development_allows_the_reload_socket() {
        let csp = content_security_policy("n", &SecurityConfig { hsts: false, reload_port: Some(3001) });
        assert!(csp.contains("ws://127.0.0.1:3001"));
    }
}
