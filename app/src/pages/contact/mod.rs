//! The contact form and the visitor's conversation (`/contact`, `/contact/conversation`), the
//! news subscription (`/news` and its links' pages), and the team's conversations
//! (`/enquiries`). Every form is a plain post that works before the WASM loads.

mod enquiries;
mod news;
mod visitor;

pub use enquiries::{EnquiriesPage, EnquiryPage};
pub use news::{NewsConfirmPage, NewsPage, NewsUnsubscribePage};
pub use visitor::{ContactPage, ConversationPage};

use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::EnquiryMessage;
use leptos::prelude::*;

/// The trap field: out of sight and out of the tab order, named like a field robots fill.
fn trap(l: Locale) -> impl IntoView {
    view! {
        <div class="trap" aria-hidden="true">
            <label for="website">{l.t(K::ContactTrap)}</label>
            <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" value=""/>
        </div>
    }
}

/// A conversation's messages, oldest first; the last one is `#latest`.
fn conversation(l: Locale, messages: &[EnquiryMessage], visitor: &str) -> impl IntoView {
    let last = messages.len().saturating_sub(1);
    view! {
        <ol class="plain-list messages">
            {messages.iter().enumerate().map(|(i, m)| {
                let who = if m.from_visitor { visitor.to_string() } else if m.author.is_empty() { l.t(K::ContactTeam).to_string() } else { m.author.clone() };
                view! {
                    <li class="card message" id={(i == last).then_some("latest")}>
                        <p class="muted">{who}" · "{format_utc(m.at)}</p>
                        <p class="message-body">{m.body.clone()}</p>
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}
