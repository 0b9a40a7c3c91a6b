//! In the browser only: the outbox of messages written but not yet acknowledged. Each message
//! is put in `localStorage` with its own idempotency key before anything is sent, then sent in
//! order; a message the network did not carry stays and goes when the connection returns (or
//! on the next page load), and a retry of the same key is the message already posted.

use crate::api::browser::call;
use crate::api::threads::{SendMessage, ThreadTyping};
use crate::error::AppError;
use leptos::prelude::*;
use std::cell::Cell;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{HtmlFormElement, HtmlInputElement, HtmlTextAreaElement};

const STORE: &str = "ogpnm-outbox";
/// How often typing is announced at most, in milliseconds.
const TYPING_EVERY_MS: f64 = 3000.0;

#[derive(Clone, Debug)]
struct Queued {
    thread: String,
    key: String,
    body: String,
}

/// The queue as `localStorage` keeps it: `[{"thread":…,"key":…,"body":…},…]`, written by hand
/// as the calls' arguments are (`api::wire`), so serde's serializer stays out of the page.
fn to_json(queue: &[Queued]) -> String {
    use crate::api::wire::json_string;
    let mut out = String::from("[");
    for (i, q) in queue.iter().enumerate() {
        out.push_str(if i == 0 { "{\"thread\":" } else { ",{\"thread\":" });
        json_string(&mut out, &q.thread);
        out.push_str(",\"key\":");
        json_string(&mut out, &q.key);
        out.push_str(",\"body\":");
        json_string(&mut out, &q.body);
        out.push('}');
    }
    out.push(']');
    out
}

thread_local! {
    static SENDING: Cell<bool> = const { Cell::new(false) };
    static LAST_TYPING: Cell<f64> = const { Cell::new(0.0) };
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn load() -> Vec<Queued> {
    // read with the browser's own JSON (as it is written: by hand), not serde's (issue 19)
    let Some(list) = storage()
        .and_then(|s| s.get_item(STORE).ok().flatten())
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .filter(js_sys::Array::is_array)
    else {
        return Vec::new();
    };
    js_sys::Array::from(&list)
        .iter()
        .filter_map(|q| {
            let text = |key: &str| js_sys::Reflect::get(&q, &wasm_bindgen::JsValue::from_str(key)).ok()?.as_string();
            Some(Queued { thread: text("thread")?, key: text("key")?, body: text("body")? })
        })
        .collect()
}

fn save(queue: &[Queued]) {
    if let Some(s) = storage() {
        let _ = s.set_item(STORE, &to_json(queue));
    }
}

fn new_key() -> String {
    (0..4).map(|_| format!("{:08x}", (js_sys::Math::random() * 4_294_967_295.0) as u32)).collect()
}

fn count(thread: &str) -> usize {
    load().iter().filter(|q| q.thread == thread).count()
}

/// Whether files are chosen in the compose form.
fn has_files() -> bool {
    document()
        .get_element_by_id("message-files")
        .and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
        .and_then(|input| input.files())
        .is_some_and(|files| files.length() > 0)
}

/// What the outbox's line says: how many wait (`words`: "{count} waiting…"), and why the last
/// refused message was refused.
#[derive(Clone)]
struct Line {
    words: std::rc::Rc<str>,
    failed: std::rc::Rc<std::cell::RefCell<Option<String>>>,
}

impl Line {
    fn set(&self, failed: Option<String>) {
        *self.failed.borrow_mut() = failed;
    }

    /// Writes the line for `count` messages waiting.
    fn show(&self, count: usize) {
        let Some(el) = document().get_element_by_id(super::compose::OUTBOX_STATUS) else { return };
        el.set_text_content(None);
        if count > 0 {
            let _ = el.append_with_str_1(&self.words.replace("{count}", &count.to_string()));
        }
        if let Some(reason) = self.failed.borrow().as_deref() {
            if let Ok(span) = document().create_element("span") {
                span.set_class_name("error");
                span.set_text_content(Some(reason));
                let _ = el.append_child(&span);
            }
        }
    }
}

/// Takes over `form`'s submission: the message goes to the outbox, then to the server; the
/// line says how many wait (`waiting`: "{count} waiting…") or why one was refused.
pub fn attach(form: HtmlFormElement, thread: String, locale: crate::i18n::Locale, waiting: String) {
    let line = Line { words: waiting.into(), failed: Default::default() };
    let textarea =
        || document().get_element_by_id("message-body").and_then(|e| e.dyn_into::<HtmlTextAreaElement>().ok());
    {
        let (thread, line) = (thread.clone(), line.clone());
        let on_submit = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            // a message with files is posted by the form itself (files are not kept offline)
            if has_files() {
                if !window().navigator().on_line() {
                    ev.prevent_default();
                    line.set(Some(locale.t(crate::i18n::K::ThreadAttachOffline).to_string()));
                    line.show(count(&thread));
                }
                return;
            }
            ev.prevent_default();
            let Some(area) = textarea() else { return };
            let body = area.value();
            if body.trim().is_empty() {
                return;
            }
            let mut queue = load();
            queue.push(Queued { thread: thread.clone(), key: new_key(), body });
            save(&queue);
            area.set_value("");
            line.set(None);
            line.show(count(&thread));
            flush(thread.clone(), locale, line.clone());
        });
        let _ = form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref());
        on_submit.forget();
    }
    {
        let thread = thread.clone();
        // on the form, not the textarea: typing bubbles up, and the form is the element this
        // page holds (its textarea may not be in the document yet when this runs)
        let on_input = Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            let typed_message = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                .is_some_and(|e| e.id() == "message-body");
            if !typed_message {
                return;
            }
            let now = js_sys::Date::now();
            if now - LAST_TYPING.get() > TYPING_EVERY_MS {
                LAST_TYPING.set(now);
                let thread = thread.clone();
                leptos::task::spawn_local(async move {
                    let _: Result<(), _> = call(&ThreadTyping { id: thread }).await;
                });
            }
        });
        let _ = form.add_event_listener_with_callback("input", on_input.as_ref().unchecked_ref());
        on_input.forget();
    }
    {
        let (thread, line) = (thread.clone(), line.clone());
        let on_online = Closure::<dyn FnMut()>::new(move || flush(thread.clone(), locale, line.clone()));
        let _ = window().add_event_listener_with_callback("online", on_online.as_ref().unchecked_ref());
        on_online.forget();
    }
    // messages left from an earlier visit go now
    line.show(count(&thread));
    flush(thread, locale, line);
}

/// Sends this thread's queued messages in order, one at a time; stops at the first the network
/// did not carry (it stays for the next try).
fn flush(thread: String, locale: crate::i18n::Locale, line: Line) {
    if SENDING.get() {
        return;
    }
    SENDING.set(true);
    leptos::task::spawn_local(async move {
        while let Some(next) = load().into_iter().find(|q| q.thread == thread) {
            let message = SendMessage { id: next.thread.clone(), key: next.key.clone(), body: next.body.clone() };
            let sent: Result<i64, _> = call(&message).await;
            match sent {
                Ok(_) => {}
                // offline, or the server briefly without its database: it stays queued
                Err(AppError::Transport(_) | AppError::Unavailable) => break,
                Err(e) => {
                    // refused (too long, a closed case…): the text comes back to be fixed
                    line.set(Some(e.message(locale).to_string()));
                    if let Some(area) = document().get_element_by_id("message-body") {
                        if let Ok(area) = area.dyn_into::<HtmlTextAreaElement>() {
                            area.set_value(&next.body);
                        }
                    }
                }
            }
            let rest: Vec<Queued> = load().into_iter().filter(|q| q.key != next.key).collect();
            save(&rest);
            line.show(count(&thread));
        }
        SENDING.set(false);
        // still waiting (offline): try again in a while as well as when the browser says online
        if count(&thread) > 0 {
            let thread = thread.clone();
            set_timeout(move || flush(thread, locale, line), std::time::Duration::from_secs(10));
        }
    });
}
