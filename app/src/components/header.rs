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

/// The inbox link, with the number of unread messages and notifications.
#[component]
fn InboxLink() -> AnyView {
    let l = use_locale();
    view! { <InboxCount label=l.t(K::NavInbox).to_string() unread=l.t(K::NavUnread).to_string()/> }.into_any()
}

/// An island: the inbox link, with the number of unread messages and notifications once the
/// page has come to life (counted in the browser, so no page waits for it; without script it
/// is the link). Counted again whenever a page's own live subscription asks. Lazy: only a
/// signed-in page shows it, so its code is not in the main WASM every visitor downloads (a
/// survey step's first visit is 4 KB lighter; BENCHMARKS.md, issue 19).
#[island(lazy)]
fn InboxCount(label: String, unread: String) -> impl IntoView {
    let count = super::use_unread().map(|u| u.count).unwrap_or_else(|| RwSignal::new(0));
    #[cfg(feature = "hydrate")]
    {
        let shared = super::use_unread();
        Effect::new(move |_| {
            if let Some(s) = shared {
                s.track();
            }
            leptos::task::spawn_local(async move {
                let counts: Result<crate::model::Unread, _> =
                    crate::api::browser::call(&crate::api::threads::UnreadCounts {}).await;
                if let Ok(u) = counts {
                    count.set(u.messages + u.notices);
                }
            });
        });
    }
    view! {
        <a href="/inbox" class="account-link">
            {label}
            {move || (count.get() > 0).then(|| view! {
                " "<span class="badge badge-info">{count.get()}<span class="visually-hidden">" "{unread.clone()}</span></span>
            })}
        </a>
    }
}
