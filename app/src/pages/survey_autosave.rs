//! In the browser only: autosave of a survey step while the respondent types, and answers
//! kept in `localStorage` while offline, synced when the connection returns.
//!
//! Each change is written to `localStorage` at once (so closing the tab or losing the network
//! loses nothing) and sent to the server after a pause in typing. Every save carries the next
//! sequence number and a fresh idempotency key; a retry of the same save reuses both, so the
//! server applies it at most once. The form's own hidden `seq` is kept ahead of the autosaves so
//! "Save and continue" is never refused as stale by this tab's own saves.

use super::survey::SaveStatus;
use crate::api::browser::call;
use crate::api::survey::SurveyAutosave;
use crate::domain::survey::SurveyKind;
use crate::model::SaveOutcome;
use leptos::prelude::*;
use serde::Deserialize;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlFormElement, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

/// Pause in typing before a save is sent.
const DEBOUNCE: Duration = Duration::from_millis(700);
/// Fields of the save envelope, not answers.
const ENVELOPE: [&str; 6] = ["kind", "draft", "step", "seq", "key", "nav"];

/// A save not yet acknowledged by the server (also what `localStorage` keeps).
#[derive(Clone, Debug, Deserialize)]
struct Pending {
    seq: i64,
    key: String,
    fields: Vec<(String, String)>,
}

impl Pending {
    /// As `localStorage` keeps it: `{"seq":…,"key":…,"fields":[[name,value],…]}` (written by
    /// hand, as the calls' arguments are: `api::wire`).
    fn to_json(&self) -> String {
        use crate::api::wire::{json_pairs, json_string};
        let mut out = format!("{{\"seq\":{},\"key\":", self.seq);
        json_string(&mut out, &self.key);
        out.push_str(",\"fields\":");
        json_pairs(&mut out, &self.fields);
        out.push('}');
        out
    }
}

struct Saver {
    kind: SurveyKind,
    step: usize,
    draft: String,
    form: HtmlFormElement,
    status: RwSignal<SaveStatus>,
    /// Highest sequence number the server acknowledged.
    server_seq: i64,
    /// Highest sequence number handed out.
    issued_seq: i64,
    pending: Option<Pending>,
    /// The answers last captured (a change event without a change saves nothing).
    last_fields: Vec<(String, String)>,
    in_flight: bool,
    timer: Option<TimeoutHandle>,
}

fn storage_key(draft: &str, step: usize) -> String {
    format!("ogpnm-survey-{draft}-{step}")
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

fn new_key() -> String {
    (0..4).map(|_| format!("{:08x}", (js_sys::Math::random() * 4_294_967_295.0) as u32)).collect()
}

fn online() -> bool {
    window().navigator().on_line()
}

/// The form's answers as (name, value) pairs, as a form post would send them.
fn collect(form: &HtmlFormElement) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let Ok(data) = FormData::new_with_form(form) else { return out };
    let Ok(Some(entries)) = js_sys::try_iter(&data) else { return out };
    for entry in entries.flatten() {
        let pair: js_sys::Array = entry.unchecked_into();
        let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) else { continue };
        if !ENVELOPE.contains(&name.as_str()) {
            out.push((name, value));
        }
    }
    out
}

/// Puts stored answers back into the form's controls.
fn restore(form: &HtmlFormElement, fields: &[(String, String)]) {
    let has = |name: &str, value: &str| fields.iter().any(|(n, v)| n == name && v == value);
    let first = |name: &str| fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default();
    let elements = form.elements();
    for i in 0..elements.length() {
        let Some(el) = elements.item(i) else { continue };
        if let Some(input) = el.dyn_ref::<HtmlInputElement>() {
            let name = input.name();
            if ENVELOPE.contains(&name.as_str()) || name.is_empty() {
                continue;
            }
            match input.type_().as_str() {
                "checkbox" | "radio" => input.set_checked(has(&name, &input.value())),
                "submit" | "button" | "hidden" => {}
                _ => input.set_value(&first(&name)),
            }
        } else if let Some(area) = el.dyn_ref::<HtmlTextAreaElement>() {
            area.set_value(&first(&area.name()));
        } else if let Some(select) = el.dyn_ref::<HtmlSelectElement>() {
            let name = select.name();
            let options = select.options();
            for j in 0..options.length() {
                if let Some(option) = options.item(j).and_then(|o| o.dyn_into::<web_sys::HtmlOptionElement>().ok()) {
                    option.set_selected(has(&name, &option.value()));
                }
            }
        }
    }
}

fn set_hidden(form: &HtmlFormElement, id: &str, value: &str) {
    if let Some(input) =
        form.query_selector(&format!("#{id}")).ok().flatten().and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
    {
        input.set_value(value);
    }
}

impl Saver {
    /// Records the form's current answers as the newest pending save; `false` when they have
    /// not changed since the last capture.
    fn capture(&mut self) -> bool {
        let fields = collect(&self.form);
        if fields == self.last_fields {
            return false;
        }
        self.last_fields = fields.clone();
        self.issued_seq = self.issued_seq.max(self.server_seq) + 1;
        let pending = Pending { seq: self.issued_seq, key: new_key(), fields };
        if let Some(store) = storage() {
            let _ = store.set_item(&storage_key(&self.draft, self.step), &pending.to_json());
        }
        self.pending = Some(pending);
        // a form post after this must carry a newer number than any autosave
        set_hidden(&self.form, "survey-seq", &(self.issued_seq + 1).to_string());
        true
    }

    fn acknowledged(&mut self, seq: i64) {
        self.server_seq = self.server_seq.max(seq);
        if self.pending.as_ref().is_some_and(|p| p.seq <= self.server_seq) {
            self.pending = None;
            if let Some(store) = storage() {
                let _ = store.remove_item(&storage_key(&self.draft, self.step));
            }
        }
    }
}

fn flush(saver: Rc<RefCell<Saver>>) {
    let (pending, kind, draft, step, status) = {
        let mut s = saver.borrow_mut();
        if s.in_flight {
            return;
        }
        let Some(pending) = s.pending.clone() else { return };
        if !online() {
            s.status.set(SaveStatus::Offline);
            return;
        }
        s.in_flight = true;
        s.status.set(SaveStatus::Saving);
        (pending, s.kind, s.draft.clone(), s.step, s.status)
    };
    leptos::task::spawn_local(async move {
        let save = SurveyAutosave {
            kind: kind.key().to_string(),
            draft,
            step,
            seq: pending.seq,
            key: pending.key.clone(),
            fields: pending.fields.clone(),
        };
        let result: Result<SaveOutcome, _> = call(&save).await;
        let again = {
            let mut s = saver.borrow_mut();
            s.in_flight = false;
            match result {
                Ok(SaveOutcome::Saved { seq }) => {
                    s.acknowledged(seq);
                    if s.pending.is_none() {
                        status.set(SaveStatus::Saved);
                    }
                    s.pending.is_some()
                }
                Ok(SaveOutcome::Stale { seq }) => {
                    // newer answers exist elsewhere: keep ours in localStorage, say so, stop
                    s.server_seq = s.server_seq.max(seq);
                    s.pending = None;
                    if let Some(store) = storage() {
                        let _ = store.remove_item(&storage_key(&s.draft, s.step));
                    }
                    status.set(SaveStatus::Conflict);
                    false
                }
                Err(_) if !online() => {
                    status.set(SaveStatus::Offline);
                    false
                }
                Err(_) => {
                    status.set(SaveStatus::Failed);
                    false
                }
            }
        };
        if again {
            flush(saver);
        }
    });
}

fn schedule(saver: &Rc<RefCell<Saver>>) {
    if !saver.borrow_mut().capture() {
        return;
    }
    if let Some(timer) = saver.borrow_mut().timer.take() {
        timer.clear();
    }
    let next = saver.clone();
    let timer = set_timeout_with_handle(move || flush(next), DEBOUNCE).ok();
    saver.borrow_mut().timer = timer;
}

fn listen(target: &web_sys::EventTarget, event: &str, handler: impl FnMut(web_sys::Event) + 'static) {
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(handler);
    let _ = target.add_event_listener_with_callback(event, closure.as_ref().unchecked_ref());
    closure.forget();
}

/// Wires autosave to the step's form once the page is hydrated.
pub fn attach(kind: SurveyKind, step: usize, draft: String, seq: i64, status: RwSignal<SaveStatus>) {
    Effect::new(move |done: Option<bool>| {
        if done == Some(true) {
            return true;
        }
        let Some(form) = document().get_element_by_id("survey-form").and_then(|e| e.dyn_into::<HtmlFormElement>().ok())
        else {
            return false;
        };
        let saver = Rc::new(RefCell::new(Saver {
            kind,
            step,
            draft: draft.clone(),
            form: form.clone(),
            status,
            server_seq: seq,
            issued_seq: seq,
            pending: None,
            last_fields: collect(&form),
            in_flight: false,
            timer: None,
        }));
        // answers kept on this device that the server has not seen (closed while offline)
        let stored = storage()
            .and_then(|s| s.get_item(&storage_key(&draft, step)).ok().flatten())
            .and_then(|json| serde_json::from_str::<Pending>(&json).ok());
        if let Some(stored) = stored {
            if stored.seq > seq && stored.fields != saver.borrow().last_fields {
                restore(&form, &stored.fields);
                schedule(&saver);
            } else if let Some(store) = storage() {
                let _ = store.remove_item(&storage_key(&draft, step));
            }
        }
        for event in ["input", "change"] {
            let saver = saver.clone();
            listen(&form, event, move |_| schedule(&saver));
        }
        {
            let saver = saver.clone();
            listen(&form, "submit", move |event| {
                if let Some(timer) = saver.borrow_mut().timer.take() {
                    timer.clear();
                }
                let _ = saver.borrow_mut().capture();
                if !online() {
                    // keep the answers here; they sync when the connection returns
                    event.prevent_default();
                    saver.borrow().status.set(SaveStatus::Offline);
                }
            });
        }
        {
            let saver = saver.clone();
            listen(&window(), "online", move |_| flush(saver.clone()));
        }
        {
            let saver = saver.clone();
            listen(&window(), "offline", move |_| {
                if saver.borrow().pending.is_some() {
                    saver.borrow().status.set(SaveStatus::Offline);
                }
            });
        }
        {
            let saver = saver.clone();
            listen(&form, "click", move |event| {
                let retry = event
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|e| e.id() == "survey-retry");
                if retry {
                    if saver.borrow().pending.is_none() {
                        saver.borrow_mut().last_fields.clear();
                        let _ = saver.borrow_mut().capture();
                    }
                    flush(saver.clone());
                }
            });
        }
        // tells scripts and tests that the form now autosaves
        let _ = form.set_attribute("data-autosave", "on");
        true
    });
}
