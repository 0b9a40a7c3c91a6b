//! Follows the live case events (in the browser only): `on_change` runs for each change to a
//! case (or to `only`, when given). One subscription per page; leaving the page closes it.

use std::cell::RefCell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

type Source = (web_sys::EventSource, Closure<dyn FnMut(web_sys::MessageEvent)>);

thread_local! {
    static SOURCE: RefCell<Option<Source>> = const { RefCell::new(None) };
}

pub fn follow(only: Option<String>, on_change: impl Fn() + 'static) {
    close();
    let Ok(source) = web_sys::EventSource::new(crate::api::cases::CASE_EVENTS_PATH) else { return };
    let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        let data = e.data().as_string().unwrap_or_default();
        let event: Option<crate::model::CaseChanged> = serde_json::from_str(&data).ok();
        if only.as_ref().is_none_or(|id| event.is_some_and(|ev| &ev.case_id == id)) {
            on_change();
        }
    });
    let _ = source.add_event_listener_with_callback("case", handler.as_ref().unchecked_ref());
    SOURCE.with(|s| *s.borrow_mut() = Some((source, handler)));
}

pub fn close() {
    SOURCE.with(|s| {
        if let Some((source, _)) = s.borrow_mut().take() {
            source.close();
        }
    });
}
