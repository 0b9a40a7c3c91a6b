//! `GET /pkg/pages.css`: the second stylesheet (`app::styles`), served from the binary. It is
//! compressed with brotli once (quality 11, as cargo-leptos compresses the built assets) and
//! answered with the same long-lived caching as the hashed assets (it is under `/pkg/`): its
//! address carries a hash of its text (`?v=`), which changes with every change to the file.

use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::response::{IntoResponse, Response};
use std::io::Write;
use std::sync::LazyLock;

static BROTLI: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        // writing into memory cannot fail
        let _ = writer.write_all(app::styles::PAGES_CSS.as_bytes());
    }
    out
});

/// Answers the stylesheet, brotli-compressed when the browser accepts it (the compression
/// layer gzips it otherwise).
pub async fn pages_stylesheet(headers: HeaderMap) -> Response {
    let accepts_br = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|e| e.split(';').next().is_some_and(|e| e.trim() == "br")));
    let mut res = if accepts_br {
        let mut res = BROTLI.as_slice().into_response();
        res.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
        res
    } else {
        app::styles::PAGES_CSS.into_response()
    };
    // cached as the hashed assets are (the `/pkg/` router's layer)
    res.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8"));
    res
}
