//! `/contact`: write to the team (rate-limited, a trap field for robots); then the visitor
//! follows the conversation at `/contact/conversation?t=…` and answers there.

use super::{conversation, trap};
use crate::api::contact::{visitor_conversation, SendContact, VisitorReply};
use crate::components::{use_locale, FormErrorSummary};
use crate::domain::contact::{Topic, MESSAGE_MAX, NAME_MAX};
use crate::forms::action;
use crate::i18n::{Locale, K};
use crate::model::VisitorEnquiry;
use crate::pages::use_flash;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// `/contact`.
#[component]
pub fn ContactPage() -> impl IntoView {
    let l = use_locale();
    let flash = use_flash("contact");
    let sent = use_query_map().with_untracked(|q| q.get("sent").is_some());
    let value = |name: &str| flash.as_ref().map(|f| f.get(name)).unwrap_or_default();
    let invalid = |name: &str| flash.as_ref().is_some_and(|f| f.field.as_deref() == Some(name)).then_some("true");
    let topic = value("topic");
    view! {
        <Title text=l.t(K::ContactTitle)/>
        <Meta name="description" content=l.t(K::ContactLead)/>
        <div class="container narrow page">
            <h1>{l.t(K::ContactTitle)}</h1>
            {if sent {
                view! {
                    <div class="notice" role="status">
                        <h2>{l.t(K::ContactSentTitle)}</h2>
                        <p>{l.t(K::ContactSentBody)}</p>
                    </div>
                }.into_any()
            } else {
                view! {
                    <p class="lead">{l.t(K::ContactLead)}</p>
                    <FormErrorSummary flash=flash.clone()/>
                    <form class="form card" method="post" action={action::<SendContact>()}>
                        <div class="field">
                            <label for="name">{l.t(K::ContactName)}</label>
                            <input id="name" name="name" type="text" autocomplete="name" required maxlength={NAME_MAX.to_string()}
                                value=value("name") aria-invalid=invalid("name")/>
                        </div>
                        <div class="field">
                            <label for="email">{l.t(K::ContactEmail)}</label>
                            <p class="hint" id="email-hint">{l.t(K::ContactEmailHint)}</p>
                            <input id="email" name="email" type="email" autocomplete="email" inputmode="email" required maxlength="254"
                                value=value("email") aria-describedby="email-hint" aria-invalid=invalid("email")/>
                        </div>
                        <div class="field">
                            <label for="organisation">{l.t(K::ContactOrganisation)}</label>
                            <input id="organisation" name="organisation" type="text" autocomplete="organization" maxlength={NAME_MAX.to_string()}
                                value=value("organisation") aria-invalid=invalid("organisation")/>
                        </div>
                        <div class="field">
                            <label for="topic">{l.t(K::ContactTopic)}</label>
                            <select id="topic" name="topic" required aria-invalid=invalid("topic")>
                                {Topic::ALL.into_iter().map(|t| view! { <option value=t.key() selected=t.key() == topic>{l.t(t.label())}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="message">{l.t(K::ContactMessage)}</label>
                            <textarea id="message" name="message" rows="8" required minlength="10" maxlength={MESSAGE_MAX.to_string()}
                                aria-invalid=invalid("message")>{value("message")}</textarea>
                        </div>
                        {trap(l)}
                        <p class="hint">{l.t(K::ContactPrivacy)}</p>
                        <button type="submit" class="button button-primary">{l.t(K::ContactSend)}</button>
                    </form>
                }.into_any()
            }}
            <p><a href="/news">{l.t(K::NewsTitle)}</a></p>
        </div>
    }
}

/// `/contact/conversation?t=…`.
#[component]
pub fn ConversationPage() -> impl IntoView {
    let l = use_locale();
    let t = use_query_map().with_untracked(|q| q.get("t")).unwrap_or_default();
    let data = Resource::new(
        {
            let t = t.clone();
            move || t.clone()
        },
        visitor_conversation,
    );
    view! {
        <Title text=l.t(K::ContactConversationTitle)/>
        <div class="container narrow page">
            <h1>{l.t(K::ContactConversationTitle)}</h1>
            {crate::pages::loaded(l, data, "/contact".into(), move |v| view_of(l, v, t.clone()))}
        </div>
    }
}

fn view_of(l: Locale, v: VisitorEnquiry, t: String) -> AnyView {
    let flash = use_flash("visitor_reply");
    let typed = flash.as_ref().map(|f| f.get("message")).unwrap_or_default();
    view! {
        <p class="muted">{l.t(v.topic.label())}" · "{l.t(v.status.label())}</p>
        {conversation(l, &v.messages, &v.name).into_any()}
        <FormErrorSummary flash=flash.clone()/>
        <form class="form card" method="post" action={action::<VisitorReply>()}>
            <input type="hidden" name="t" value=t/>
            <div class="field">
                <label for="message">{l.t(K::ContactReply)}</label>
                <textarea id="message" name="message" rows="6" required minlength="10" maxlength={MESSAGE_MAX.to_string()}>{typed}</textarea>
            </div>
            <button type="submit" class="button button-primary">{l.t(K::ContactSend)}</button>
        </form>
    }
    .into_any()
}
