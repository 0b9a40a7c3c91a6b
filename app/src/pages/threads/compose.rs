//! The form to write a message. Without JavaScript it posts and the page comes back with the
//! message in place (its hidden key makes a resubmitted form the same message). With it, a
//! message goes into this browser's outbox first (kept in `localStorage`) and is sent from
//! there, in order, each with its own idempotency key: written offline, it goes when the
//! connection returns, and a retry never makes a duplicate. A message with files is posted by
//! the form itself (files need the connection). Typing tells the others.

use crate::components::{use_locale, FormErrorSummary};
use crate::domain::attachments::ACCEPT;
use crate::domain::threads::MESSAGE_MAX;
use crate::i18n::K;
use crate::pages::use_flash;
use leptos::prelude::*;

/// The compose form of thread `thread`; `key` is the server's idempotency key for a post
/// without JavaScript.
#[component]
pub fn Compose(thread: String, key: String, max_mb: u32) -> impl IntoView {
    let l = use_locale();
    let flash = use_flash("thread_post");
    view! {
        <section class="card compose" id="compose" aria-labelledby="compose-title">
            <h2 id="compose-title">{l.t(K::ThreadWrite)}</h2>
            <form id="compose-form" method="post" enctype="multipart/form-data"
                action={crate::forms::action::<crate::api::threads::PostMessage>()} class="form">
                <FormErrorSummary flash=flash.clone()/>
                <input type="hidden" name="id" value=thread.clone()/>
                <input type="hidden" name="key" value=key/>
                <div class="field">
                    <label for="message-body">{l.t(K::ThreadMessageLabel)}</label>
                    <p class="hint" id="message-hint">{l.t(K::ThreadMessageHint)}</p>
                    <textarea id="message-body" name="body" rows="5" maxlength=MESSAGE_MAX.to_string()
                        aria-describedby="message-hint"
                        inner_html=crate::markup::textarea_markup(&flash.as_ref().map(|f| f.get("body")).unwrap_or_default())></textarea>
                </div>
                <div class="field">
                    <label for="message-files">{l.t(K::ThreadAttachLabel)}</label>
                    <p class="hint" id="message-files-hint">{l.tf(K::ThreadAttachHint, &[("max", &max_mb.to_string())])}</p>
                    <input type="file" id="message-files" name="attachment" multiple accept=ACCEPT
                        aria-describedby="message-files-hint"/>
                </div>
                <button type="submit" class="button button-primary">{l.t(K::ThreadSend)}</button>
            </form>
            // the outbox says in the browser why a message was refused: errors and thread words
            <crate::i18n::PageWords only=&["error.", "thread."]/>
            // the outbox's line, with what its island needs as data (an island without props
            // carries no code to read them)
            <p class="muted" role="status" aria-live="polite" id=OUTBOX_STATUS data-thread=thread
                data-waiting=l.t(K::ThreadWaiting)></p>
            <Outbox/>
        </section>
    }
}

/// An island: the browser's outbox for the compose form (see `outbox`), which writes into the
/// outbox's line how many messages wait in it or why one was refused.
#[island(lazy)]
fn Outbox() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let l = use_locale();
        // after the island has come to life, so the first count does not race its hydration
        Effect::new(move |_| {
            let line = document().get_element_by_id(OUTBOX_STATUS);
            let data = |name: &str| line.as_ref().and_then(|el| el.get_attribute(name)).unwrap_or_default();
            if let Some(form) = document().get_element_by_id("compose-form").and_then(|e| e.dyn_into().ok()) {
                super::outbox::attach(form, data("data-thread"), l, data("data-waiting"));
            }
        });
    }
}

/// The outbox's line: how many messages wait, or why one was refused.
pub(super) const OUTBOX_STATUS: &str = "outbox-status";
