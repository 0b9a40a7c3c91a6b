//! The one live channel: `GET /events?topic=cases&topic=case:ID` streams server-sent events,
//! each a [`LiveEvent`] the connected person may hear of (the policy decides, event by event)
//! on a topic they asked for. A subscriber that falls behind is told to `resync` (refetch what
//! it shows) rather than slowing anyone else; the stream ends after a while and the browser
//! reconnects, so who is listening is checked again.

use app::auth::CurrentSession;
use app::domain::policy::{can, Action, Actor, Resource};
use app::model::{LiveEvent, Topic};
use app::state::AppState;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use futures_util::StreamExt;
use std::convert::Infallible;
use std::time::Duration;
use tokio_stream::wrappers::errors::BroadcastStreamRecvError;
use tokio_stream::wrappers::BroadcastStream;

/// The address the case board and case pages used before the channel was general: every case
/// event the caller may hear of (kept for clients that still ask for it).
pub const CASES_PATH: &str = "/events/cases";

/// How long one stream lasts before the browser reconnects and is checked again
/// (`OGPNM_LIVE_STREAM_SECS`).
#[derive(Clone, Copy, Debug)]
pub struct Lifetime(pub Duration);

/// `GET /events?topic=…` (the topic repeated for several).
pub async fn live_events(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    Extension(lifetime): Extension<Lifetime>,
    RawQuery(query): RawQuery,
) -> Response {
    let topics: Option<Vec<Topic>> = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .filter(|(name, _)| name == "topic")
        .map(|(_, value)| Topic::from_key(&value))
        .collect();
    match topics {
        Some(topics) if !topics.is_empty() && topics.len() <= 8 => stream(&state, current.actor, topics, lifetime),
        _ => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// `GET /events/cases`: the `cases` topic.
pub async fn case_events(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    Extension(lifetime): Extension<Lifetime>,
) -> Response {
    stream(&state, current.actor, vec![Topic::Cases], lifetime)
}

/// What `actor` hears of `event` on `topics`: nothing unless a topic covers it and the policy
/// lets them hear of it.
pub fn audible(actor: &Actor, topics: &[Topic], event: &LiveEvent) -> bool {
    topics.iter().any(|t| t.covers(event)) && event.audible_to(actor)
}

fn stream(state: &AppState, actor: Actor, topics: Vec<Topic>, lifetime: Lifetime) -> Response {
    if !can(&actor, Action::FollowCases, Resource::Platform) {
        let status = if actor.is_signed_in() { StatusCode::FORBIDDEN } else { StatusCode::UNAUTHORIZED };
        return status.into_response();
    }
    let events = BroadcastStream::new(state.events.subscribe()).filter_map(move |received| {
        let out = match received {
            Ok(event) if audible(&actor, &topics, &event) => {
                Some(Event::default().event("live").data(serde_json::to_string(&event).unwrap_or_default()))
            }
            Ok(_) => None,
            // this subscriber fell behind and missed events: it refetches what it shows
            Err(BroadcastStreamRecvError::Lagged(_)) => Some(Event::default().event("resync").data("")),
        };
        std::future::ready(out.map(Ok::<_, Infallible>))
    });
    let events = events.take_until(tokio::time::sleep(lifetime.0));
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(20))).into_response()
}
