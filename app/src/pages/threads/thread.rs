//! `/threads/{id}`: one conversation, rendered on the server. Its messages, participants and read
//! marks come again in the background whenever the live channel says the thread changed (and
//! after a reconnection, so nothing is missed and the order is the server's); the compose form
//! sits outside what is replaced, so a message being typed is never lost. Without JavaScript
//! every part is a plain form.

use super::compose::Compose;
use crate::api::threads::thread_detail;
use crate::components::{use_locale, FormErrorSummary};
use crate::components::{LiveRefresh, LiveWords, RefreshWords};
use crate::domain::threads::MESSAGE_MAX;
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::{MessageView, ThreadView};
use crate::pages::use_flash;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/threads/{id}`.
#[component]
pub fn ThreadPage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let data = Resource::new(
        {
            let id = id.clone();
            move || id.clone()
        },
        thread_detail,
    );
    let me = crate::components::use_me().map(|m| m.name).unwrap_or_default();
    // the conversation comes again in the background on every change heard (the compose form
    // sits outside it); who is typing is said as it happens
    let words = RefreshWords {
        live: LiveWords::new(l, K::CaseChangedElsewhere),
        updated: None,
        typing: Some((l.t(K::ThreadTyping).to_string(), me)),
    };
    let topics = vec![crate::model::Topic::Thread(id.clone()).key()];
    let path = format!("/threads/{id}");
    view! {
        <div class="container page narrow">
            <LiveRefresh topics regions=vec!["conversation".to_string()] words/>
            {crate::pages::loaded(l, data, path, move |v| {
                let compose = if v.open {
                    view! { <Compose thread=v.id.clone() key=v.compose_key.clone() max_mb=v.file_max_mb/> }.into_any()
                } else {
                    view! { <p class="notice">{l.t(K::ThreadErrorClosed)}</p> }.into_any()
                };
                view! {
                    {frame(l, &v)}
                    <div id="conversation">{conversation(l, v)}</div>
                    {compose}
                }
                .into_any()
            })}
        </div>
    }
}

fn title(l: Locale, v: &ThreadView) -> String {
    let country = crate::domain::countries::Country::by_code(&v.country).map(|c| c.name(l)).unwrap_or("");
    super::thread_title(l, v.kind, v.government.as_deref(), country)
}

fn frame(l: Locale, v: &ThreadView) -> AnyView {
    view! {
        <Title text=title(l, v)/>
        <p class="muted">
            <a href="/inbox">{l.t(K::InboxTitle)}</a>
            {v.case_link.then(|| view! { " · "<a href=format!("/cases/{}", v.case_id)>{l.t(K::ThreadCase)}</a> })}
        </p>
        <h1>{title(l, v)}</h1>
    }
    .into_any()
}

fn message(l: Locale, m: MessageView, seen: Vec<String>) -> AnyView {
    let edit_flash = use_flash("thread_edit");
    let edit_id = format!("edit-{}", m.id);
    view! {
        <li id=format!("m{}", m.seq) class=if m.mine { "message mine" } else { "message" }>
            <p class="message-meta">
                <strong>{m.author.clone()}</strong>" · "{format_utc(m.at)}
                {m.edited.then(|| view! { " · "<span class="tag">{l.t(K::ThreadEdited)}</span> })}
            </p>
            <div class="message-body prose" inner_html=m.html.clone()></div>
            {super::files::attachments(l, &m.attachments)}
            {(!seen.is_empty()).then(|| view! { <p class="muted seen">{l.tf(K::ThreadSeenBy, &[("names", &seen.join(", "))])}</p> })}
            {m.editable.clone().map(|text| view! {
                <details class="edit">
                    <summary>{l.t(K::ThreadEdit)}</summary>
                    <form method="post" action={crate::forms::action::<crate::api::threads::EditMessage>()} class="form">
                        <FormErrorSummary flash=edit_flash.clone()/>
                        <input type="hidden" name="id" value=m.id.clone()/>
                        <label for=edit_id.clone() class="visually-hidden">{l.t(K::ThreadEdit)}</label>
                        <textarea id=edit_id.clone() name="body" rows="3" required maxlength=MESSAGE_MAX.to_string()
                            inner_html=crate::markup::textarea_markup(&text)></textarea>
                        <button type="submit" class="button button-secondary">{l.t(K::ThreadEditSave)}</button>
                    </form>
                </details>
            })}
        </li>
    }
    .into_any()
}

fn conversation(l: Locale, v: ThreadView) -> AnyView {
    let people = super::participants::participants(l, &v);
    let last = v.messages.last().map(|m| m.seq).unwrap_or(0);
    let seen: Vec<String> = v.seen_by.iter().filter(|s| s.seq >= last).map(|s| s.name.clone()).collect();
    let messages = v.messages.clone();
    view! {
        {people}
        <section aria-labelledby="messages-title" class="messages-section">
            <h2 id="messages-title" class="visually-hidden">{l.t(K::ThreadMessagesTitle)}</h2>
            {if messages.is_empty() {
                view! { <p class="muted">{l.t(K::ThreadEmpty)}</p> }.into_any()
            } else {
                view! {
                    <ol class="messages">
                        {messages.into_iter().map(|m| {
                            let seen = if m.seq == last { seen.clone() } else { Vec::new() };
                            message(l, m, seen)
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}
