//! The one live channel: `GET /events?topic=cases&topic=case:ID` streams server-sent events,
//! each a [`LiveEvent`] the connected person may hear of (the policy decides, event by event)
//! on a topic they asked for. A subscriber that falls behind is told to `resync` (refetch what
//! it shows) rather than slowing anyone else; the stream ends after a while and the browser
//! reconnects, so who is listening is checked again.
//!
//! `here=board` or `here=case:ID` (staff only) also counts the viewer as looking there while
//! the stream lasts, and streams who else is (presence), starting with everyone already there.

use crate::ops::{shutdown::RECONNECT_HINT, Ops};
use app::auth::CurrentSession;
use app::domain::policy::{can, Action, Actor, Resource};
use app::events::Heard;
use app::model::{LiveEvent, Place, Topic, Viewer};
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
    Extension(ops): Extension<Ops>,
    RawQuery(query): RawQuery,
) -> Response {
    let query = query.unwrap_or_default();
    let params = || form_urlencoded::parse(query.as_bytes());
    let topics: Option<Vec<Topic>> =
        params().filter(|(name, _)| name == "topic").map(|(_, value)| Topic::from_key(&value)).collect();
    let places: Option<Vec<Place>> =
        params().filter(|(name, _)| name == "here").map(|(_, value)| Place::from_key(&value)).collect();
    match (topics, places) {
        (Some(mut topics), Some(places))
            if !(topics.is_empty() && places.is_empty()) && topics.len() <= 8 && places.len() <= 2 =>
        {
            topics.extend(places.iter().cloned().map(Topic::Here));
            let watching = Watching { topics, places };
            stream(&state, current, watching, lifetime, &ops)
        }
        _ => StatusCode::BAD_REQUEST.into_response(),
    }
}

/// What one stream follows: its topics, and the places its viewer is counted at.
struct Watching {
    topics: Vec<Topic>,
    places: Vec<Place>,
}

/// `GET /events/cases`: the `cases` topic.
pub async fn case_events(
    State(state): State<AppState>,
    Extension(current): Extension<CurrentSession>,
    Extension(lifetime): Extension<Lifetime>,
    Extension(ops): Extension<Ops>,
) -> Response {
    stream(&state, current, Watching { topics: vec![Topic::Cases], places: Vec::new() }, lifetime, &ops)
}

/// What `actor` hears of `event` on `topics`: nothing unless a topic covers it and the policy
/// lets them hear of it.
pub fn audible(actor: &Actor, topics: &[Topic], event: &LiveEvent) -> bool {
    topics.iter().any(|t| t.covers(event)) && event.audible_to(actor)
}

fn stream(state: &AppState, current: CurrentSession, watching: Watching, lifetime: Lifetime, ops: &Ops) -> Response {
    let actor = current.actor;
    if !can(&actor, Action::FollowCases, Resource::Platform) {
        let status = if actor.is_signed_in() { StatusCode::FORBIDDEN } else { StatusCode::UNAUTHORIZED };
        return status.into_response();
    }
    let Watching { topics, places } = watching;
    // staff are counted where they look (and greeted with who is there); anyone else is not
    let present = can(&actor, Action::SeePresence, Resource::Platform);
    let mut greeting = Vec::new();
    let mut here = Vec::new();
    if let (true, Some(user)) = (present, current.user.as_ref()) {
        let presence = &state.events.presence;
        for place in &places {
            here.push(presence.enter(place.clone(), Viewer { user_id: user.user_id.clone(), name: user.name.clone() }));
            greeting.extend(presence.snapshot(place).into_iter().map(|r| {
                let json = serde_json::to_string(&LiveEvent::Presence(r)).unwrap_or_default();
                Ok::<_, Infallible>(Event::default().event("live").data(json))
            }));
        }
    }
    let events = BroadcastStream::new(state.events.subscribe()).filter_map(move |received| {
        // the stream owns its viewer's presence: dropping it (the tab closed) counts them out
        let _here = &here;
        let out = match received.as_deref() {
            Ok(Heard::Change { event, json }) if audible(&actor, &topics, event) => {
                Some(Event::default().event("live").data(json))
            }
            Ok(Heard::Change { .. }) => None,
            // this subscriber fell behind, or this instance's listener was cut off from the
            // database for a while: events were missed, and the page refetches what it shows
            Ok(Heard::Missed) | Err(BroadcastStreamRecvError::Lagged(_)) => {
                Some(Event::default().event("resync").data(""))
            }
        };
        std::future::ready(out.map(Ok::<_, Infallible>))
    });
    // the stream ends after its lifetime (the browser reconnects and is checked again), or at
    // once when the instance shuts down, with a hint to reconnect soon (to another instance,
    // or this one restarted) instead of the browser's own longer back-off
    let shutdown = ops.shutdown.clone();
    let ended = async move {
        tokio::select! {
            _ = tokio::time::sleep(lifetime.0) => {},
            _ = shutdown.stopping() => {},
        }
    };
    let stopping = ops.shutdown.clone();
    let goodbye = futures_util::stream::once(async move { stopping.is_stopping() }).filter_map(|stopping| {
        let hint = Event::default().comment("the server is restarting: reconnect").retry(RECONNECT_HINT);
        std::future::ready(stopping.then_some(Ok::<_, Infallible>(hint)))
    });
    let events = futures_util::stream::iter(greeting).chain(events).take_until(ended).chain(goodbye);
    Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(20))).into_response()
}
