//! `/inbox`: introductions waiting for the viewer's answer, their conversations (unread first,
//! searchable: a plain `GET` form), and notifications. Live: a message in any of the viewer's
//! threads brings the list up to date.

use crate::api::threads::{inbox, SEARCH_MAX};
use crate::components::{use_locale, LiveRefresh, LiveWords, RefreshWords};
use crate::domain::notices::MessageMail;
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::InboxView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// `/inbox`.
#[component]
pub fn InboxPage() -> impl IntoView {
    let l = use_locale();
    let q = use_query_map().with_untracked(|m| m.get("q")).unwrap_or_default();
    let data = Resource::new(
        {
            let q = q.clone();
            move || q.clone()
        },
        inbox,
    );
    // a new message in any of the viewer's threads: the lists come again in the background
    let words = RefreshWords { live: LiveWords::new(l, K::CaseChangedElsewhere), updated: None, typing: None };
    view! {
        <Title text=l.t(K::InboxTitle)/>
        <div class="container page">
            <LiveRefresh topics=vec![crate::model::Topic::Threads.key()] regions=vec!["inbox-lists".to_string()] words/>
            <h1>{l.t(K::InboxTitle)}</h1>
            <form method="get" action="/inbox" class="form search" role="search">
                <div class="field">
                    <label for="inbox-q">{l.t(K::InboxSearch)}</label>
                    <input id="inbox-q" name="q" type="search" maxlength=SEARCH_MAX.to_string() value=q.clone()/>
                </div>
                <button type="submit" class="button button-secondary">{l.t(K::InboxSearchButton)}</button>
            </form>
            <div id="inbox-lists">
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match data.await {
                            Ok(v) => page(l, v),
                            Err(e) => crate::pages::refused(l, e, "/inbox"),
                        }
                    })}
                </Suspense>
            </div>
        </div>
    }
}

fn page(l: Locale, v: InboxView) -> AnyView {
    let country = |code: &str| crate::domain::countries::Country::by_code(code).map(|c| c.name(l)).unwrap_or("");
    let waiting = (!v.waiting.is_empty()).then(|| view! {
        <section class="card" aria-labelledby="waiting-title">
            <h2 id="waiting-title">{l.t(K::InboxWaiting)}</h2>
            <ul class="inbox-list">
                {v.waiting.iter().map(|w| view! {
                    <li>
                        <a href=format!("/introductions/{}", w.id)>{l.tf(K::IntroForCountry, &[("country", country(&w.country))])}</a>
                        " · "{l.t(w.kind.label())}
                        {w.respond_by.map(|by| view! { " · "<span class="muted">{l.tf(K::IntroRespondBy, &[("date", &format_utc(by))])}</span> })}
                    </li>
                }).collect_view()}
            </ul>
        </section>
    });
    let threads = if v.threads.is_empty() {
        let key = if v.search.is_empty() { K::InboxEmpty } else { K::InboxNoMatch };
        view! { <p class="muted">{l.t(key)}</p> }.into_any()
    } else {
        view! {
            <ul class="inbox-list">
                {v.threads.iter().map(|t| {
                    let title = super::thread_title(l, t.kind, t.government.as_deref(), country(&t.country));
                    view! {
                        <li class={if t.unread > 0 { "unread" } else { "" }}>
                            <a href=format!("/threads/{}", t.id)>{title}</a>
                            " · "<span class="muted">{country(&t.country)}</span>
                            {(t.unread > 0).then(|| view! { " "<span class="badge badge-info">{l.tf(K::InboxUnread, &[("count", &t.unread.to_string())])}</span> })}
                            {t.last_at.map(|at| view! { <br/><span class="muted">{format_utc(at)}" · "{t.last_author.clone().unwrap_or_default()}": "</span>{t.excerpt.clone()} })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    let unread_notices = v.notices.iter().any(|n| !n.read);
    view! {
        {waiting}
        <section class="card" aria-labelledby="threads-title">
            <h2 id="threads-title">{l.t(K::ThreadsTitle)}</h2>
            {threads}
        </section>
        <section class="card" id="notices" aria-labelledby="notices-title">
            <h2 id="notices-title">{l.t(K::InboxNotices)}</h2>
            {if v.notices.is_empty() {
                view! { <p class="muted">{l.t(K::InboxNoNotices)}</p> }.into_any()
            } else {
                view! {
                    <ul class="inbox-list">
                        {v.notices.iter().map(|n| view! {
                            <li class=if n.read { "" } else { "unread" }>
                                <a href=n.link.clone()>{l.t(n.kind.label())}</a>" "<span class="muted">{format_utc(n.at)}</span>
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            {unread_notices.then(|| view! {
                <form method="post" action={crate::forms::action::<crate::api::threads::MarkNoticesRead>()}>
                    <button type="submit" class="button button-secondary">{l.t(K::InboxMarkRead)}</button>
                </form>
            })}
        </section>
        {mail_preference(l, v.message_mail)}
    }
    .into_any()
}

/// How the viewer hears of messages by mail (a plain form).
fn mail_preference(l: Locale, current: MessageMail) -> AnyView {
    let flash = crate::pages::use_flash("message_mail");
    let saved = use_query_map().with_untracked(|m| m.get("saved")).as_deref() == Some("mail");
    view! {
        <section class="card" id="mail" aria-labelledby="mail-title">
            <h2 id="mail-title">{l.t(K::InboxMailTitle)}</h2>
            {saved.then(|| view! { <p class="notice" role="status">{l.t(K::InboxMailSaved)}</p> })}
            <form method="post" action={crate::forms::action::<crate::api::threads::SetMessageMail>()} class="form">
                <crate::components::FormErrorSummary flash=flash.clone()/>
                <fieldset>
                    <legend>{l.t(K::InboxMailLegend)}</legend>
                    {MessageMail::ALL.into_iter().map(|m| {
                        let id = format!("mail-{}", m.key());
                        view! {
                            <div class="check">
                                <input type="radio" id=id.clone() name="mode" value=m.key() checked=m == current/>
                                <label for=id>{l.t(m.label())}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <p class="hint">{l.t(K::InboxMailHint)}</p>
                <button type="submit" class="button button-secondary">{l.t(K::InboxMailSave)}</button>
            </form>
        </section>
    }
    .into_any()
}
