//! `/news`: subscribe with a double opt-in; `/news/confirm?t=…` and `/news/unsubscribe?t=…`
//! are the mailed link's pages, each a button (a mail scanner following links changes nothing).

use super::trap;
use crate::api::contact::{ConfirmNews, LeaveNews, SubscribeNews};
use crate::components::{use_locale, FormErrorSummary};
use crate::forms::action;
use crate::i18n::K;
use crate::pages::use_flash;
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::use_query_map;

/// `/news`.
#[component]
pub fn NewsPage() -> impl IntoView {
    let l = use_locale();
    let flash = use_flash("news");
    let q = use_query_map();
    let said = q.with_untracked(|q| {
        [("sent", K::NewsSent), ("confirmed", K::NewsConfirmed), ("left", K::NewsLeft)]
            .into_iter()
            .find(|(k, _)| q.get(k).is_some())
            .map(|(_, key)| key)
    });
    let email = flash.as_ref().map(|f| f.get("email")).unwrap_or_default();
    let invalid = flash.as_ref().and_then(|f| f.field.clone()).map(|_| "true");
    view! {
        <Title text=l.t(K::NewsTitle)/>
        <Meta name="description" content=l.t(K::NewsLead)/>
        <div class="container narrow page">
            <h1>{l.t(K::NewsTitle)}</h1>
            {said.map(|key| view! { <p class="notice" role="status">{l.t(key)}</p> })}
            <p class="lead">{l.t(K::NewsLead)}</p>
            <FormErrorSummary flash=flash.clone()/>
            <form class="form card" method="post" action={action::<SubscribeNews>()}>
                <div class="field">
                    <label for="email">{l.t(K::ContactEmail)}</label>
                    <input id="email" name="email" type="email" autocomplete="email" inputmode="email" required maxlength="254"
                        value=email aria-invalid=invalid/>
                </div>
                {trap(l)}
                <p class="hint">{l.t(K::NewsPrivacy)}</p>
                <button type="submit" class="button button-primary">{l.t(K::NewsSubscribe)}</button>
            </form>
        </div>
    }
}

/// The page of a mailed link: one button posting the link's secret to `endpoint`.
fn link_page(title: K, lead: K, button: K, endpoint: &'static str) -> impl IntoView {
    let l = use_locale();
    let t = use_query_map().with_untracked(|q| q.get("t")).unwrap_or_default();
    view! {
        <Title text=l.t(title)/>
        <div class="container narrow page">
            <h1>{l.t(title)}</h1>
            <p class="lead">{l.t(lead)}</p>
            <form class="form" method="post" action=endpoint>
                <input type="hidden" name="t" value=t/>
                <button type="submit" class="button button-primary">{l.t(button)}</button>
            </form>
        </div>
    }
}

/// `/news/confirm?t=…`.
#[component]
pub fn NewsConfirmPage() -> impl IntoView {
    link_page(K::NewsConfirmTitle, K::NewsConfirmLead, K::NewsConfirmButton, action::<ConfirmNews>())
}

/// `/news/unsubscribe?t=…`.
#[component]
pub fn NewsUnsubscribePage() -> impl IntoView {
    link_page(K::NewsLeaveTitle, K::NewsLeaveLead, K::NewsLeaveButton, action::<LeaveNews>())
}
