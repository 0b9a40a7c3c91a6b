//! The axum router: Leptos pages and server functions, hashed static assets with long-lived
//! caching and precompressed variants, `/healthz`, the language switch, and the middleware
//! stack (tracing, security headers, body limits, compression), and attachments' downloads.

use crate::ops::Ops;
use crate::security::{panic_response, reject_cross_site, require_multipart, security_headers, SecurityConfig};
use crate::Settings;
use app::auth::{session, CurrentSession};
use app::domain::net::is_local_path;
use app::domain::policy::Actor;
use app::domain::roster::Roster;
use app::forms::{FormFlash, FLASH_COOKIE};
use app::i18n::{cookie_value, negotiate, Locale, LOCALE_COOKIE};
use app::state::AppState;
use app::{shell, App};
use axum::extract::{DefaultBodyLimit, RawQuery, Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Extension;
use axum::{Form, Json, Router};
use leptos::prelude::*;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use serde::Deserialize;
use std::sync::Arc;
use std::time::Duration;
use tokio_stream::StreamExt;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

/// The app's routes, listed once per process. Listing them runs the app with resource loading
/// switched off for the whole process (leptos#4773): a page rendered meanwhile by another router
/// in the same process (the integration tests run many apps at once) would wait forever on a
/// resource that never loads. Listed once, no page can ever be rendered while it happens.
fn route_list() -> Vec<leptos_axum::AxumRouteListing> {
    static ROUTES: std::sync::OnceLock<Vec<leptos_axum::AxumRouteListing>> = std::sync::OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}

/// Builds the whole application router, with operations of its own (metrics, the database
/// watch, a shutdown token nobody triggers): what the tests serve.
pub fn router(state: AppState, settings: &Settings) -> Router {
    let ops = Ops::new(settings.metrics_access.clone());
    router_with(state, settings, ops)
}

/// Builds the whole application router around `ops` (the server's metrics and shutdown), and
/// starts watching the database.
pub fn router_with(state: AppState, settings: &Settings, ops: Ops) -> Router {
    ops.outage.watch(state.db.clone(), &ops.shutdown);
    let leptos_options = state.leptos_options.clone();
    let routes = route_list();
    let security = Arc::new(SecurityConfig {
        hsts: settings.tls(),
        reload_port: (leptos_options.env == leptos::config::Env::DEV).then_some(leptos_options.reload_port),
    });
    let secure_cookie = settings.tls();
    let limits = crate::uploads::BodyLimits::new(settings.body_limit, state.files.file_max);

    let pkg_dir = std::path::Path::new(&*leptos_options.site_root).join(&*leptos_options.site_pkg_dir);
    let immutable = leptos_options.hash_files;
    let pkg = Router::new()
        .route(&format!("/{}", app::styles::PAGES_FILE), get(crate::stylesheet::pages_stylesheet))
        .fallback_service(ServeDir::new(pkg_dir).precompressed_br().precompressed_gzip())
        .layer(middleware::map_response(move |res: Response| cache_assets(res, immutable)));

    // Pages, server functions and forms: these need the caller's session.
    let app = Router::new()
        .route(
            app::components::LANGUAGE_PATH,
            post(move |headers: HeaderMap, form: Form<LanguageForm>| set_language(headers, form, secure_cookie)),
        )
        .route("/roster/providers.csv", get(export_providers))
        .route("/roster/requests.csv", get(export_requests))
        .route(app::api::threads::files::ATTACHMENT_PATH, get(crate::uploads::download))
        .route("/stories/feed.xml", get(stories_feed))
        .merge(crate::public::routes())
        .route(app::model::LIVE_PATH, get(crate::live::live_events))
        .route(crate::live::CASES_PATH, get(crate::live::case_events))
        .layer(Extension(crate::live::Lifetime(settings.live_stream)))
        .leptos_routes_with_context(&state, routes, request_context, {
            let options = leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(request_context, shell))
        .layer(middleware::from_fn_with_state(state.clone(), resolve_session))
        .with_state(state.clone());

    Router::new()
        .route("/healthz", get(healthz))
        .route("/metrics", get(crate::ops::metrics::metrics))
        .with_state(state)
        .nest_service(&format!("/{}", leptos_options.site_pkg_dir), pkg)
        .merge(app)
        // pages are compressed with gzip as they stream; brotli is for the precompressed assets
        // only: on the fly it zeroed its 4 MB window for every page and halved the pages served
        // per second (profiled, BENCHMARKS.md)
        .layer(CompressionLayer::new().no_br())
        // the body limit is the middleware's (larger on the routes that take files only)
        .layer(DefaultBodyLimit::max(limits.upload))
        .layer(middleware::from_fn_with_state(limits, crate::uploads::limit_body))
        .layer(middleware::from_fn(require_multipart))
        .layer(middleware::from_fn(reject_cross_site))
        // while the database does not answer: a quick 503 instead of a queue
        .layer(middleware::from_fn_with_state(ops.outage.clone(), crate::ops::outage::refuse_while_down))
        // a panic (a bug) answers 500 instead of dropping the connection
        .layer(tower_http::catch_panic::CatchPanicLayer::custom(panic_response))
        .layer(middleware::from_fn_with_state(security, security_headers))
        .layer(Extension(ops.clone()))
        // outermost: the request's id and span, and its measure
        .layer(middleware::from_fn_with_state(ops.metrics.clone(), crate::ops::request::observe))
}

/// Middleware: resolves the session cookie once per request (user, memberships, actor) and
/// leaves it in the request's extensions for pages and server functions.
async fn resolve_session(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    // values another instance added to the vocabularies are offered within a second
    if state.db.vocabulary_due(app::db::now_ms()) {
        if let Err(e) = app::db::vocabulary::refresh(state.db.read()).await {
            tracing::warn!(error = %e, "cannot read the added vocabulary values; using those already known");
        }
    }
    let mut current = CurrentSession::default();
    if let Some(token) = session::token_from_headers(req.headers(), state.sessions.tls) {
        // a signed-in person is never served as a visitor because the database failed to say
        // who they are (they would be sent to sign in, their page's work refused): 503, retry
        let resumed = match session::resume(&state.db, &token, &state.sessions, app::db::now_ms()).await {
            Ok(Some(user)) => app::db::users::memberships(state.db.read(), &user.user_id)
                .await
                .map(|m| Some((user, m)))
                .map_err(app::error::AppError::from),
            Ok(None) => Ok(None),
            Err(e) => Err(e),
        };
        match resumed {
            Ok(Some((user, memberships))) => {
                current.actor = Actor {
                    user_id: Some(user.user_id.clone()),
                    // staff act with their role only once two-factor authentication is on
                    staff_role: user.staff_role.filter(|_| user.two_factor),
                    member_of: memberships.iter().map(|m| m.organisation_id.clone()).collect(),
                    owner_of: memberships.into_iter().filter(|m| m.is_owner).map(|m| m.organisation_id).collect(),
                };
                current.user = Some(user);
                current.token_hash = Some(session::hash_token(&token));
            }
            Ok(None) => {}
            Err(e) => {
                tracing::warn!(error = %e, "cannot resume the session; answering 503");
                return crate::ops::outage::unavailable(&req);
            }
        }
    }
    req.extensions_mut().insert(current);
    next.run(req).await
}

/// `GET /stories/feed.xml`: the published success stories as an Atom feed (public).
async fn stories_feed(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let get = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let locale =
        negotiate(get(header::COOKIE).and_then(|c| cookie_value(c, LOCALE_COOKIE)), get(header::ACCEPT_LANGUAGE));
    match app::api::stories::atom(state.db.read(), &state.mailer.base_url, locale.t(app::i18n::K::StoriesTitle)).await {
        Ok(xml) => (
            [
                (header::CONTENT_TYPE, "application/atom+xml; charset=utf-8"),
                (header::CACHE_CONTROL, "public, max-age=300"),
            ],
            xml,
        )
            .into_response(),
        Err(e) => {
            tracing::error!(error = ?e, "cannot write the stories feed");
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
    }
}

async fn export_providers(s: State<AppState>, c: Extension<CurrentSession>, h: HeaderMap, q: RawQuery) -> Response {
    export_roster(Roster::Providers, s, c, h, q).await
}

async fn export_requests(s: State<AppState>, c: Extension<CurrentSession>, h: HeaderMap, q: RawQuery) -> Response {
    export_roster(Roster::Requests, s, c, h, q).await
}

/// `GET /roster/{providers,requests}.csv?<filters>`: the filtered roster as CSV, streamed from
/// the database as it is written (staff only; every export is in the audit log).
async fn export_roster(
    roster: Roster,
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    use app::domain::policy::{can, Action, Resource};
    use app::domain::roster::RosterQuery;
    let get = |name| headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let locale =
        negotiate(get(header::COOKIE).and_then(|c| cookie_value(c, LOCALE_COOKIE)), get(header::ACCEPT_LANGUAGE));
    if !can(&current.actor, Action::ViewRoster, Resource::Platform) {
        if current.actor.is_signed_in() {
            return (StatusCode::FORBIDDEN, locale.t(app::i18n::K::ErrorForbidden)).into_response();
        }
        let next = format!("/sign-in?next={}", roster.path());
        return (StatusCode::SEE_OTHER, [(header::LOCATION, next)]).into_response();
    }
    let query = match RosterQuery::parse(roster, query.as_deref().unwrap_or("")) {
        Ok(q) => q,
        Err(e) => return (StatusCode::BAD_REQUEST, e.describe(locale)).into_response(),
    };
    let mut tx = match state.db.write().begin().await {
        Ok(tx) => tx,
        Err(e) => {
            tracing::error!(error = %e, "cannot record the export");
            return StatusCode::SERVICE_UNAVAILABLE.into_response();
        }
    };
    let detail = query.to_query_string(roster, None);
    let event = app::db::audit::AuditEvent {
        actor_user_id: current.actor.user_id.as_deref(),
        action: "roster.exported",
        subject: roster.key(),
        ip: "",
        detail: &detail,
    };
    if let Err(e) = async {
        app::db::audit::record(&mut tx, &event).await?;
        tx.commit().await
    }
    .await
    {
        tracing::error!(error = %e, "cannot record the export");
        return StatusCode::SERVICE_UNAVAILABLE.into_response();
    }
    let chunks = app::api::roster::export::stream(state.db.read().clone(), roster, query, locale);
    let body = axum::body::Body::from_stream(
        tokio_stream::wrappers::ReceiverStream::new(chunks).map(|chunk| chunk.map(bytes::Bytes::from)),
    );
    let day = app::domain::time::format_utc(app::db::now_ms()).chars().take(10).collect::<String>();
    let disposition = format!("attachment; filename=\"ogpnm-{}-{day}.csv\"", roster.key());
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, disposition),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        body,
    )
        .into_response()
}

/// Per-request context for pages and server functions: the CSP nonce made by the security
/// middleware and the negotiated interface language.
fn request_context() {
    let Some(parts) = use_context::<http::request::Parts>() else { return };
    if let Some(nonce) = parts.extensions.get::<leptos::nonce::Nonce>() {
        provide_context(nonce.clone());
    }
    let get = |name| parts.headers.get(name).and_then(|v: &HeaderValue| v.to_str().ok());
    let cookie = get(header::COOKIE).and_then(|c| cookie_value(c, LOCALE_COOKIE));
    provide_context(negotiate(cookie, get(header::ACCEPT_LANGUAGE)));
    if let Some(current) = parts.extensions.get::<CurrentSession>() {
        provide_context(current.clone());
    }
    if let Some(id) = parts.extensions.get::<app::error::RequestId>() {
        provide_context(id.clone());
    }
    // A refused form's flash is shown once, by the page the browser was sent back to.
    let is_page = !parts.uri.path().starts_with("/api/");
    if let Some(flash) = get(header::COOKIE).and_then(|c| cookie_value(c, FLASH_COOKIE)).filter(|_| is_page) {
        if let Some(flash) = FormFlash::decode(flash) {
            provide_context(flash);
        }
        if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
            let secure = use_context::<AppState>().is_some_and(|s| s.sessions.tls);
            let clear = app::auth::cookie(FLASH_COOKIE, "", 0, secure);
            if let Ok(v) = HeaderValue::from_str(&clear) {
                res.append_header(header::SET_COOKIE, v);
            }
        }
    }
}

/// Hashed assets never change under the same name: cache them for a year. Unhashed (debug)
/// builds must be revalidated.
async fn cache_assets(mut res: Response, immutable: bool) -> Response {
    if res.status().is_success() || res.status() == StatusCode::NOT_MODIFIED {
        let value = if immutable { "public, max-age=31536000, immutable" } else { "no-cache" };
        res.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
        res.headers_mut().insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    res
}

/// `GET /healthz`: 200 `{"status":"ok","db":"ok"}`, or 503 with `"db":"error"` when the database
/// does not answer within two seconds.
async fn healthz(State(state): State<AppState>) -> impl IntoResponse {
    let db_ok = matches!(tokio::time::timeout(Duration::from_secs(2), state.db.ping()).await, Ok(Ok(())));
    if db_ok {
        (StatusCode::OK, Json(serde_json::json!({"status": "ok", "db": "ok"})))
    } else {
        tracing::warn!("health check: database unreachable");
        (StatusCode::SERVICE_UNAVAILABLE, Json(serde_json::json!({"status": "error", "db": "error"})))
    }
}

/// The language switcher's form.
#[derive(Debug, Deserialize)]
pub struct LanguageForm {
    lang: String,
    next: Option<String>,
}

/// `POST /language`: remembers the choice in a cookie for a year and goes back to the page
/// (only same-site paths are followed). An unknown language changes nothing.
async fn set_language(headers: HeaderMap, Form(form): Form<LanguageForm>, secure: bool) -> Response {
    let next = form.next.as_deref().filter(|n| is_local_path(n)).unwrap_or("/").to_string();
    let mut res = (StatusCode::SEE_OTHER, [(header::LOCATION, next)]).into_response();
    if let Some(locale) = Locale::from_code(&form.lang) {
        let cookie = app::auth::cookie(LOCALE_COOKIE, locale.code(), 31_536_000, secure);
        if let Ok(v) = HeaderValue::from_str(&cookie) {
            res.headers_mut().insert(header::SET_COOKIE, v);
        }
    } else {
        tracing::debug!(lang = %form.lang, referer = ?headers.get(header::REFERER), "unknown language ignored");
    }
    res
}
