//! Files over HTTP: the body limit, larger on the routes that take files only, and downloading
//! an attachment (streamed from the file store; anyone but the thread's participants gets 404).

use app::auth::CurrentSession;
use app::error::AppError;
use app::state::AppState;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio_stream::StreamExt;

/// Uploads read at once at most: each may hold its files in memory while they are checked, so
/// the memory they take is bounded (the others wait, their bodies unread).
pub const UPLOADS_AT_ONCE: usize = 4;

/// The largest body taken: `normal` everywhere, `upload` on the routes that take files (a few
/// at a time).
#[derive(Clone, Debug)]
pub struct BodyLimits {
    pub normal: usize,
    pub upload: usize,
    uploads: Arc<Semaphore>,
}

impl BodyLimits {
    /// The limits for a setting's `body_limit` and largest attachment: a post's files and its
    /// text.
    pub fn new(normal: usize, file_max: usize) -> BodyLimits {
        let upload = app::domain::attachments::FILES_MAX * file_max + normal.max(256 * 1024);
        BodyLimits { normal, upload, uploads: Arc::new(Semaphore::new(UPLOADS_AT_ONCE)) }
    }

    fn is_upload(req: &Request) -> bool {
        req.method() == Method::POST && app::api::upload_paths().contains(&req.uri().path())
    }
}

/// Middleware: a body declared larger than its route takes is refused at once (413, in the
/// visitor's language); any body is cut at that size as it is read, whatever it declared.
pub async fn limit_body(State(limits): State<BodyLimits>, req: Request, next: Next) -> Response {
    let upload = BodyLimits::is_upload(&req);
    let limit = if upload { limits.upload } else { limits.normal };
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limit) {
        return crate::security::translated(req.headers(), StatusCode::PAYLOAD_TOO_LARGE, app::i18n::K::ErrorTooLarge);
    }
    let req = req.map(|body| Body::new(http_body_util::Limited::new(body, limit)));
    if !upload {
        return next.run(req).await;
    }
    match limits.uploads.acquire().await {
        Ok(_permit) => next.run(req).await,
        Err(_) => StatusCode::SERVICE_UNAVAILABLE.into_response(),
    }
}

/// `GET /attachments/{id}`: the file, as a download, to the thread's participants.
pub async fn download(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Response {
    let file = match app::api::threads::files::open(&state, &current.actor, &id).await {
        Ok(file) => file,
        Err(e) => {
            let status = StatusCode::from_u16(e.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let key = if matches!(e, AppError::Unavailable) { app::i18n::K::ErrorUnavailable } else { e.message_key() };
            return crate::security::translated(&headers, status, key);
        }
    };
    let body = Body::from_stream(file.stream.map(|chunk| chunk.map_err(std::io::Error::other)));
    let media_type =
        HeaderValue::from_str(&file.media_type).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    let disposition = HeaderValue::from_str(&disposition(&file.name)).unwrap_or(HeaderValue::from_static("attachment"));
    let mut res = (StatusCode::OK, body).into_response();
    let h = res.headers_mut();
    h.insert(header::CONTENT_TYPE, media_type);
    h.insert(header::CONTENT_DISPOSITION, disposition);
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(file.size));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, no-store"));
    h.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    // opened by itself, the file runs nothing
    h.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static("default-src 'none'; sandbox"));
    res
}

/// `attachment` with the name twice: plain ASCII for old clients, and UTF-8 (RFC 6266).
fn disposition(name: &str) -> String {
    let ascii: String =
        name.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' }).collect();
    let encoded: String = name
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::disposition;

    #[test]
    fn a_download_keeps_its_name_in_any_script() {
        assert_eq!(
            disposition("Plan 2027.pdf"),
            "attachment; filename=\"Plan 2027.pdf\"; filename*=UTF-8''Plan%202027.pdf"
        );
        assert_eq!(
            disposition("Résumé \"x\".pdf"),
            "attachment; filename=\"R_sum_ _x_.pdf\"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22x%22.pdf"
        );
    }
}
