//! The live channel in the browser, for any page: [`use_live`] subscribes to topics, hands each
//! event heard to the page, reconnects with a growing delay after the connection drops, and
//! asks the page to refetch after reconnecting (or when the server says events were missed),
//! so nothing is missed; [`LiveStatus`] shows where the connection stands. On the server and
//! before the WASM loads nothing is subscribed and nothing is shown.

use crate::i18n::K;
use crate::model::{LiveEvent, Topic};
use leptos::prelude::*;

/// Where a page's live connection stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LiveState {
    /// Not following (server rendering, or no script yet).
    Off,
    /// Opening the connection.
    Connecting,
    /// Changes arrive as they happen.
    Live,
    /// The connection dropped; trying again.
    Reconnecting,
}

/// The delay before reconnection attempt `attempt` (1, 2, 4… seconds, at most 30).
pub fn backoff_ms(attempt: u32) -> u32 {
    1000u32.saturating_mul(1 << attempt.min(5)).min(30_000)
}

/// Follows `topics` while the calling component lives: `on_event` runs for each event heard,
/// `on_resync` after a reconnection or a gap. Returns the connection state.
pub fn use_live(
    topics: Vec<Topic>,
    on_event: impl Fn(LiveEvent) + 'static,
    on_resync: impl Fn() + 'static,
) -> ReadSignal<LiveState> {
    let (state, set_state) = signal(LiveState::Off);
    #[cfg(feature = "hydrate")]
    {
        let id = browser::subscribe(topics, Box::new(on_event), Box::new(on_resync), set_state);
        on_cleanup(move || browser::unsubscribe(id));
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = (topics, on_event, on_resync, set_state);
    state
}

/// The connection state, in words (nothing while not following).
#[component]
pub fn LiveStatus(state: ReadSignal<LiveState>) -> impl IntoView {
    let l = crate::components::use_locale();
    move || {
        let (class, key) = match state.get() {
            LiveState::Off => return None,
            LiveState::Connecting => ("live-status live-connecting", K::LiveConnecting),
            LiveState::Live => ("live-status live-on", K::LiveOn),
            LiveState::Reconnecting => ("live-status live-reconnecting", K::LiveReconnecting),
        };
        Some(view! { <p class=class>{l.t(key)}</p> })
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use super::{backoff_ms, LiveState};
    use crate::model::{LiveEvent, Topic, LIVE_PATH};
    use leptos::prelude::*;
    use std::cell::RefCell;
    use std::collections::HashMap;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    type Handler = Closure<dyn FnMut(web_sys::Event)>;

    struct Subscription {
        url: String,
        on_event: Box<dyn Fn(LiveEvent)>,
        on_resync: Box<dyn Fn()>,
        state: WriteSignal<LiveState>,
        source: Option<web_sys::EventSource>,
        handlers: Vec<Handler>,
        attempt: u32,
        /// Connected once already: the next opening is a reconnection.
        was_open: bool,
    }

    thread_local! {
        static SUBSCRIPTIONS: RefCell<HashMap<u32, Subscription>> = RefCell::new(HashMap::new());
        static NEXT: RefCell<u32> = const { RefCell::new(0) };
    }

    pub fn subscribe(
        topics: Vec<Topic>,
        on_event: Box<dyn Fn(LiveEvent)>,
        on_resync: Box<dyn Fn()>,
        state: WriteSignal<LiveState>,
    ) -> u32 {
        // a place looked at is asked with `here=` (which also counts the viewer there)
        let query: Vec<String> = topics
            .iter()
            .map(|t| match t {
                Topic::Here(place) => format!("here={}", String::from(js_sys::encode_uri_component(&place.key()))),
                t => format!("topic={}", String::from(js_sys::encode_uri_component(&t.key()))),
            })
            .collect();
        let query = query.join("&");
        let id = NEXT.with(|n| {
            *n.borrow_mut() += 1;
            *n.borrow()
        });
        let sub = Subscription {
            url: format!("{LIVE_PATH}?{query}"),
            on_event,
            on_resync,
            state,
            source: None,
            handlers: Vec::new(),
            attempt: 0,
            was_open: false,
        };
        SUBSCRIPTIONS.with(|s| s.borrow_mut().insert(id, sub));
        // connect once the page has hydrated: the state shown must match the server's HTML
        // (nothing) until then; a page left before that never connects
        set_timeout(move || connect(id), std::time::Duration::ZERO);
        id
    }

    pub fn unsubscribe(id: u32) {
        if let Some(sub) = SUBSCRIPTIONS.with(|s| s.borrow_mut().remove(&id)) {
            if let Some(source) = sub.source {
                source.close();
            }
        }
    }

    fn with_sub<T>(id: u32, f: impl FnOnce(&mut Subscription) -> T) -> Option<T> {
        SUBSCRIPTIONS.with(|s| s.borrow_mut().get_mut(&id).map(f))
    }

    fn connect(id: u32) {
        let Some(url) = with_sub(id, |sub| {
            sub.state.set(if sub.was_open { LiveState::Reconnecting } else { LiveState::Connecting });
            sub.url.clone()
        }) else {
            return;
        };
        let Ok(source) = web_sys::EventSource::new(&url) else {
            retry(id);
            return;
        };
        let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            let reconnected = with_sub(id, |sub| {
                sub.state.set(LiveState::Live);
                sub.attempt = 0;
                std::mem::replace(&mut sub.was_open, true)
            });
            if reconnected == Some(true) {
                resync(id);
            }
        });
        let on_live = Closure::<dyn FnMut(web_sys::Event)>::new(move |e: web_sys::Event| {
            let data = e.dyn_ref::<web_sys::MessageEvent>().and_then(|m| m.data().as_string()).unwrap_or_default();
            if let Ok(event) = serde_json::from_str::<LiveEvent>(&data) {
                // the handler may touch signals: never while the subscriptions are borrowed
                let handler = SUBSCRIPTIONS.with(|s| s.borrow().contains_key(&id));
                if handler {
                    call_event(id, event);
                }
            }
        });
        let on_resync = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| resync(id));
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_: web_sys::Event| {
            // close the browser's own retry and reconnect on our schedule
            if let Some(Some(source)) = with_sub(id, |sub| sub.source.take()) {
                source.close();
            }
            retry(id);
        });
        let _ = source.add_event_listener_with_callback("open", on_open.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("live", on_live.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("resync", on_resync.as_ref().unchecked_ref());
        let _ = source.add_event_listener_with_callback("error", on_error.as_ref().unchecked_ref());
        let kept = with_sub(id, |sub| {
            sub.source = Some(source.clone());
            sub.handlers = vec![on_open, on_live, on_resync, on_error];
        });
        if kept.is_none() {
            source.close();
        }
    }

    fn call_event(id: u32, event: LiveEvent) {
        // take the handler out while it runs, so it may freely read and write signals
        let Some(handler) = with_sub(id, |sub| std::mem::replace(&mut sub.on_event, Box::new(|_| {}))) else { return };
        handler(event);
        with_sub(id, |sub| sub.on_event = handler);
    }

    fn resync(id: u32) {
        let Some(handler) = with_sub(id, |sub| std::mem::replace(&mut sub.on_resync, Box::new(|| {}))) else { return };
        handler();
        with_sub(id, |sub| sub.on_resync = handler);
    }

    fn retry(id: u32) {
        let Some(attempt) = with_sub(id, |sub| {
            sub.state.set(LiveState::Reconnecting);
            sub.was_open = true;
            sub.attempt += 1;
            sub.attempt
        }) else {
            return;
        };
        set_timeout(move || connect(id), std::time::Duration::from_millis(backoff_ms(attempt).into()));
    }
}

#[cfg(test)]
mod tests {
    use super::backoff_ms;

    #[test]
    fn reconnection_waits_longer_each_time_up_to_half_a_minute() {
        let delays: Vec<u32> = (0..8).map(backoff_ms).collect();
        assert_eq!(delays, [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    }
}
