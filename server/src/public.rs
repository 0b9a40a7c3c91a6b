//! The public face's files: the open data (`/open-data/{file}`: each table as CSV or JSON, and
//! the ZIP with its README and licence), `sitemap.xml` and `robots.txt`. Anyone may read them
//! (the policy says so); each is made from what the database holds now.

use app::api::public::files;
use app::domain::open_data::{parse_file_name, ZIP_PATH};
use app::i18n::{cookie_value, negotiate, Locale, LOCALE_COOKIE};
use app::state::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};

/// The public files' routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/open-data/{file}", get(open_data_file))
        .route("/sitemap.xml", get(sitemap))
        .route("/robots.txt", get(robots))
}

fn locale_of(headers: &HeaderMap) -> Locale {
    let get = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    negotiate(get(header::COOKIE).and_then(|c| cookie_value(c, LOCALE_COOKIE)), get(header::ACCEPT_LANGUAGE))
}

fn allowed(current: &app::auth::CurrentSession) -> bool {
    use app::domain::policy::{can, Action, Resource};
    can(&current.actor, Action::ViewPublicData, Resource::Platform)
}

fn unavailable(what: &str, e: &dyn std::fmt::Debug) -> Response {
    tracing::error!(error = ?e, "cannot write {what}");
    StatusCode::SERVICE_UNAVAILABLE.into_response()
}

/// `GET /open-data/{directory,cases,outcomes}.{csv,json}` and `GET /open-data/ogpnm-open-data.zip`.
async fn open_data_file(
    State(state): State<AppState>,
    Extension(current): Extension<app::auth::CurrentSession>,
    headers: HeaderMap,
    Path(file): Path<String>,
) -> Response {
    if !allowed(&current) {
        return StatusCode::FORBIDDEN.into_response();
    }
    let locale = locale_of(&headers);
    let today = app::domain::time::format_day(app::domain::time::day_of(app::db::now_ms()));
    let db = state.db.read();
    let (bytes, content_type, name) = if format!("/open-data/{file}") == ZIP_PATH {
        let zipped = match files::read(db, None).await {
            Ok(tables) => tables.zip(locale, &today),
            Err(e) => Err(e),
        };
        match zipped {
            Ok(bytes) => (bytes, "application/zip", format!("ogpnm-open-data-{today}.zip")),
            Err(e) => return unavailable("the open-data ZIP", &e),
        }
    } else {
        let Some((dataset, format)) = parse_file_name(&file) else {
            return (StatusCode::NOT_FOUND, locale.t(app::i18n::K::ErrorNotFound)).into_response();
        };
        let written = match files::read(db, Some(dataset)).await {
            Ok(tables) => tables.file(dataset, format),
            Err(e) => Err(e),
        };
        match written {
            Ok(bytes) => (bytes, format.content_type(), file.clone()),
            Err(e) => return unavailable("an open-data file", &e),
        }
    };
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
            // always what the database holds now: a withdrawn provider is gone from the next download
            (header::CACHE_CONTROL, "no-cache".to_string()),
            (header::ACCESS_CONTROL_ALLOW_ORIGIN, "*".to_string()),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /sitemap.xml`.
async fn sitemap(State(state): State<AppState>) -> Response {
    match files_sitemap(&state).await {
        Ok(xml) => (
            [(header::CONTENT_TYPE, "application/xml; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
            xml,
        )
            .into_response(),
        Err(e) => unavailable("the sitemap", &e),
    }
}

async fn files_sitemap(state: &AppState) -> Result<String, app::error::AppError> {
    app::api::public::site::sitemap(state.db.read(), &state.mailer.base_url).await
}

/// `GET /robots.txt`.
async fn robots(State(state): State<AppState>) -> Response {
    let txt = app::domain::public_site::robots_txt(&state.mailer.base_url);
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")], txt)
        .into_response()
}
