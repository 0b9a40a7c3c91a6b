//! The live channel in the browser, for any page: [`use_live`] subscribes to topics, hands each
//! event heard to the page, reconnects with a growing delay after the connection drops, and
//! asks the page to refetch after reconnecting (or when the server says events were missed),
//! so nothing is missed; [`LiveStatus`] shows where the connection stands. On the server and
//! before the WASM loads nothing is subscribed and nothing is shown.

use crate::i18n::K;
use crate::model::{ThreadChange, Topic, Viewer};
use leptos::prelude::*;

/// What a page hears on the live channel, as the browser reads it: only what pages act on (any
/// case change, what changed in a thread, who is looking). Read from the event's JSON by hand
/// (`browser::parse`), so serde's code for every event type stays out of the page (issue 19);
/// `tests::the_browser_reads_the_events_as_the_server_writes_them` pins the shapes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Heard {
    /// A case changed.
    Case,
    /// A thread changed.
    Thread(ThreadChange),
    /// Who is looking through one app instance (`instance`).
    Presence { instance: String, seen: Seen },
}

/// The people one instance reports looking: the first by name, and how many in all.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Seen {
    pub viewers: Vec<Viewer>,
    pub count: usize,
}

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
    on_event: impl Fn(Heard) + 'static,
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
    use super::{backoff_ms, Heard, LiveState, Seen};
    use crate::model::{ThreadChange, Topic, Viewer, LIVE_PATH};
    use leptos::prelude::*;
    use std::cell::RefCell;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    type Handler = Closure<dyn FnMut(web_sys::Event)>;

    struct Subscription {
        url: String,
        on_event: Box<dyn Fn(Heard)>,
        on_resync: Box<dyn Fn()>,
        state: WriteSignal<LiveState>,
        source: Option<web_sys::EventSource>,
        handlers: Vec<Handler>,
        attempt: u32,
        /// Connected once already: the next opening is a reconnection.
        was_open: bool,
    }

    thread_local! {
        // a page holds one or two: a list, not a hash map (whose code every page would carry)
        static SUBSCRIPTIONS: RefCell<Vec<(u32, Subscription)>> = const { RefCell::new(Vec::new()) };
        static NEXT: RefCell<u32> = const { RefCell::new(0) };
    }

    pub fn subscribe(
        topics: Vec<Topic>,
        on_event: Box<dyn Fn(Heard)>,
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
        SUBSCRIPTIONS.with(|s| s.borrow_mut().push((id, sub)));
        // connect once the page has hydrated: the state shown must match the server's HTML
        // (nothing) until then; a page left before that never connects
        set_timeout(move || connect(id), std::time::Duration::ZERO);
        id
    }

    pub fn unsubscribe(id: u32) {
        let removed = SUBSCRIPTIONS.with(|s| {
            let mut subs = s.borrow_mut();
            subs.iter().position(|(i, _)| *i == id).map(|at| subs.remove(at).1)
        });
        if let Some(sub) = removed {
            if let Some(source) = sub.source {
                source.close();
            }
        }
    }

    fn with_sub<T>(id: u32, f: impl FnOnce(&mut Subscription) -> T) -> Option<T> {
        SUBSCRIPTIONS.with(|s| s.borrow_mut().iter_mut().find(|(i, _)| *i == id).map(|(_, sub)| f(sub)))
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
            if let Some(event) = parse(&data) {
                // the handler may touch signals: never while the subscriptions are borrowed
                let handler = SUBSCRIPTIONS.with(|s| s.borrow().iter().any(|(i, _)| *i == id));
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

    /// An event's JSON (`{"case": …}`, `{"thread": {…, "what": …}}`, `{"presence": {…}}`), read
    /// for what pages act on.
    fn parse(data: &str) -> Option<Heard> {
        use wasm_bindgen::JsValue;
        let get = |o: &JsValue, key: &str| {
            js_sys::Reflect::get(o, &JsValue::from_str(key)).ok().filter(|v| !v.is_undefined() && !v.is_null())
        };
        let text = |o: &JsValue, key: &str| get(o, key)?.as_string();
        let event = js_sys::JSON::parse(data).ok()?;
        if get(&event, "case").is_some() {
            return Some(Heard::Case);
        }
        if let Some(thread) = get(&event, "thread") {
            let what = get(&thread, "what")?;
            let change = match what.as_string().as_deref() {
                Some("message") => ThreadChange::Message,
                Some("read") => ThreadChange::Read,
                Some("participants") => ThreadChange::Participants,
                Some(_) => return None,
                None => ThreadChange::Typing(text(&what, "typing")?),
            };
            return Some(Heard::Thread(change));
        }
        let report = get(&event, "presence")?;
        let viewers = js_sys::Array::from(&get(&report, "viewers")?)
            .iter()
            .filter_map(|v| Some(Viewer { user_id: text(&v, "user_id")?, name: text(&v, "name")? }))
            .collect();
        let count = get(&report, "count")?.as_f64()? as usize;
        Some(Heard::Presence { instance: text(&report, "instance")?, seen: Seen { viewers, count } })
    }

    fn call_event(id: u32, event: Heard) {
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
    use crate::model::*;

    /// What `browser::parse` reads: the server's JSON for each kind of event.
    #[test]
    fn the_browser_reads_the_events_as_the_server_writes_them() {
        let thread = |what| {
            LiveEvent::Thread(ThreadChanged {
                thread_id: "t".into(),
                case_id: "c".into(),
                case_manager_id: None,
                organisations: vec![],
                users: vec![],
                last_seq: 1,
                what,
            })
        };
        let json = |e: &LiveEvent| serde_json::to_string(e).expect("json");
        assert!(json(&thread(ThreadChange::Message)).contains(r#""what":"message""#));
        assert!(json(&thread(ThreadChange::Read)).contains(r#""what":"read""#));
        assert!(json(&thread(ThreadChange::Participants)).contains(r#""what":"participants""#));
        assert!(json(&thread(ThreadChange::Typing("Ana".into()))).contains(r#""what":{"typing":"Ana"}"#));
        assert!(json(&thread(ThreadChange::Message)).starts_with(r#"{"thread":{"#));
        let presence = LiveEvent::Presence(PresenceReport {
            instance: "i1".into(),
            place: Place::Board,
            viewers: vec![Viewer { user_id: "u".into(), name: "Ana".into() }],
            count: 3,
        });
        let p = json(&presence);
        assert!(p.starts_with(r#"{"presence":{"instance":"i1","#), "{p}");
        assert!(p.contains(r#""viewers":[{"user_id":"u","name":"Ana"}],"count":3"#), "{p}");
        let case = LiveEvent::Case(CaseChanged {
            case_id: "c".into(),
            organisation_id: "o".into(),
            case_manager_id: None,
            stage: crate::domain::case::CaseStage::Scoping,
            version: 1,
            kind: crate::domain::timeline::ChangeKind::Stage,
        });
        assert!(json(&case).starts_with(r#"{"case":{"#));
    }

    #[test]
    fn reconnection_waits_longer_each_time_up_to_half_a_minute() {
        let delays: Vec<u32> = (0..8).map(backoff_ms).collect();
        assert_eq!(delays, [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000, 30_000]);
    }
}
