//! Site header with brand, main navigation and language switcher; skip link for keyboards.

use super::{use_locale, use_me, LanguageSwitcher};
use crate::domain::policy::StaffRole;
use crate::i18n::K;
use leptos::prelude::*;
use leptos_router::components::A;

/// First focusable element: jumps past the header to `<main id="main">`.
#[component]
pub fn SkipLink() -> impl IntoView {
    let l = use_locale();
    view! { <a class="skip-link" href="#main">{l.t(K::NavSkip)}</a> }
}

/// The header shown on every page.
#[component]
pub fn SiteHeader() -> impl IntoView {
    let l = use_locale();
    view! {
        <header class="site-header">
            <div class="container header-inner">
                <a class="brand" href="/">
                    <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true" focusable="false">
                        <circle cx="8" cy="16" r="5"></circle>
                        <circle cx="24" cy="8" r="4"></circle>
                        <circle cx="24" cy="24" r="4"></circle>
                        <path d="M12.5 14 20.5 9.5M12.5 18l8 4.5"></path>
                    </svg>
                    <span class="brand-name">{l.t(K::AppName)}</span>
                </a>
                <nav class="main-nav" aria-label=l.t(K::NavLabel)>
                    <ul>
                        <li><a href="/#how">{l.t(K::NavHow)}</a></li>
                        <li><A href="/survey/demand">{l.t(K::NavAsk)}</A></li>
                        <li><A href="/survey/supply">{l.t(K::NavOffer)}</A></li>
                        <li><A href="/stories">{l.t(K::NavStories)}</A></li>
                    </ul>
                </nav>
                <AccountLinks/>
                <LanguageSwitcher/>
            </div>
        </header>
    }
}

/// "Sign in", or the signed-in person's account link and a sign-out button (a plain form, so
/// the whole page reloads as signed out).
#[component]
fn AccountLinks() -> impl IntoView {
    let l = use_locale();
    match use_me() {
        Some(me) => view! {
            <div class="account-links">
                {staff_links(l, me.staff_role)}
                <InboxLink/>
                <A href="/account" attr:class="account-link">
                    <span class="visually-hidden">{l.t(K::NavAccount)}": "</span>
                    {me.name}
                </A>
                <form method="post" action={crate::forms::action::<crate::api::sign_in::SignOut>()} class="inline-form">
                    <button type="submit" class="link-button">{l.t(K::NavSignOut)}</button>
                </form>
            </div>
        }
        .into_any(),
        None => view! {
            <div class="account-links">
                <A href="/sign-in" attr:class="account-link">{l.t(K::NavSignIn)}</A>
            </div>
        }
        .into_any(),
    }
}

/// The staff's links: the board, cases and rosters; oversight and administration for steering
/// and admins.
fn staff_links(l: crate::i18n::Locale, role: Option<StaffRole>) -> AnyView {
    let Some(role) = role else { return ().into_any() };
    let oversees = matches!(role, StaffRole::Admin | StaffRole::Steering);
    view! {
        <A href="/board" attr:class="account-link">{l.t(K::NavBoard)}</A>
        <A href="/cases" attr:class="account-link">{l.t(K::NavCases)}</A>
        <A href="/roster/providers" attr:class="account-link">{l.t(K::NavRoster)}</A>
        {oversees.then(|| view! { <A href="/oversight" attr:class="account-link">{l.t(K::NavOversight)}</A> })}
        {oversees.then(|| view! { <A href="/admin/users" attr:class="account-link">{l.t(K::NavAdmin)}</A> })}
    }
    .into_any()
}

/// The inbox link, with a place for the number of unread messages and notifications, which
/// the browser counts once the page has loaded (`unread`; without script it is the link).
#[component]
fn InboxLink() -> AnyView {
    let l = use_locale();
    view! {
        <a href="/inbox" class="account-link" id="inbox-link">
            {l.t(K::NavInbox)}
            <span id=super::unread::COUNT_ID data-unread=l.t(K::NavUnread)></span>
        </a>
    }
    .into_any()
}
