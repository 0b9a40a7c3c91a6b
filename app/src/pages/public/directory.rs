//! `/directory`: the providers who consented to be listed publicly, searched and filtered like
//! the staff's roster (a plain GET form, so a filtered directory is a link to share), and
//! `/directory/{id}`: one provider's public profile. Contact details only where the provider
//! agreed; otherwise a government asks to be introduced through its Case Manager.

use crate::api::public::{directory_profile, directory_search};
use crate::components::use_locale;
use crate::domain::countries::Country;
use crate::domain::roster::{Roster, RosterQuery};
use crate::domain::survey::{display_value, SurveyKind};
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::{DirectoryPage as Page, PublicProfile};
use crate::pages::roster::{chips, filters, pagination, row};
use crate::pages::{refused, set_status};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};
use leptos_router::hooks::{use_location, use_params_map};

const BASE: &str = "/directory";

/// How a government gets to work with a provider it found here.
fn how_to_ask(l: Locale) -> impl IntoView {
    view! {
        <aside class="card notice" aria-labelledby="directory-ask">
            <h2 id="directory-ask">{l.t(K::DirectoryAskTitle)}</h2>
            <p>{l.t(K::DirectoryAskBody)}</p>
            <p class="actions">
                <a class="button button-primary" href="/survey/demand">{l.t(K::DirectoryAskRequest)}</a>
                <a class="button button-secondary" href="/sign-in?next=/inbox">{l.t(K::DirectoryAskSignIn)}</a>
            </p>
        </aside>
    }
}

/// `/directory`.
#[component]
pub fn DirectoryPage() -> impl IntoView {
    let l = use_locale();
    let search = use_location().search.get_untracked();
    let body = match RosterQuery::parse(Roster::Providers, &search) {
        Err(e) => {
            set_status(400);
            view! {
                <div class="error-summary" role="alert">
                    <h2>{l.t(K::RosterErrorTitle)}</h2>
                    <p>{e.describe(l)}</p>
                    <p><a href=BASE>{l.t(K::RosterClearFilters)}</a></p>
                </div>
            }
            .into_any()
        }
        Ok(query) => {
            let qs = query.to_query_string(Roster::Providers, Some(query.page));
            let page = Resource::new(move || qs.clone(), directory_search);
            view! {
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match page.await {
                            Ok(p) => results(l, p),
                            Err(e) => refused(l, e, BASE),
                        }
                    })}
                </Suspense>
            }
            .into_any()
        }
    };
    view! {
        <Title text=l.t(K::DirectoryTitle)/>
        <Meta name="description" content=l.t(K::DirectoryLead)/>
        <div class="container page">
            <h1>{l.t(K::DirectoryTitle)}</h1>
            <p class="lead">{l.t(K::DirectoryLead)}</p>
            {body}
            {how_to_ask(l)}
        </div>
    }
}

fn results(l: Locale, p: Page) -> AnyView {
    let roster = Roster::Providers;
    let query = p.query.clone();
    let list = if p.rows.is_empty() && p.total > 0 {
        set_status(404);
        let last = format!("{BASE}?{}", query.to_query_string(roster, Some(p.pages)));
        view! {
            <div class="notice" role="status">
                <p>{l.tf(K::RosterPastEnd, &[("page", &query.page.to_string()), ("pages", &p.pages.to_string())])}</p>
                <p><a href=last>{l.t(K::RosterLastPage)}</a></p>
            </div>
        }
        .into_any()
    } else if p.rows.is_empty() {
        view! {
            <div class="empty-state">
                <h2>{l.t(if query.is_filtered() { K::RosterNoMatchTitle } else { K::DirectoryEmptyTitle })}</h2>
                <p>{l.t(if query.is_filtered() { K::RosterNoMatchBody } else { K::DirectoryEmptyBody })}</p>
                {query.is_filtered().then(|| view! { <p><a href=BASE>{l.t(K::RosterClearFilters)}</a></p> })}
            </div>
        }
        .into_any()
    } else {
        view! {
            <ol class="roster-list">{p.rows.into_iter().map(|r| row(l, roster, r, BASE)).collect_view()}</ol>
            {pagination(l, roster, &query, p.pages, BASE)}
        }
        .into_any()
    };
    view! {
        <div class="roster">
            <aside class="roster-side">{filters(l, roster, &query, BASE)}</aside>
            <section class="roster-main" aria-labelledby="roster-count">
                <div class="roster-head">
                    <p id="roster-count" class="roster-count" role="status">
                        {l.tf(K::DirectoryCount, &[("count", &p.total.to_string())])}
                    </p>
                    <a class="button button-secondary" href="/open-data">{l.t(K::DirectoryOpenData)}</a>
                </div>
                {chips(l, roster, &query, BASE)}
                {list}
            </section>
        </div>
    }
    .into_any()
}

/// `/directory/{id}`.
#[component]
pub fn DirectoryProfilePage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let data = Resource::new(
        {
            let id = id.clone();
            move || id.clone()
        },
        directory_profile,
    );
    view! {
        <div class="container page narrow">
            {crate::pages::loaded(l, data, format!("{BASE}/{id}"), move |p| profile(l, p))}
        </div>
    }
}

fn profile(l: Locale, p: PublicProfile) -> AnyView {
    let country = Country::by_code(&p.country).map(|c| c.name(l)).unwrap_or("").to_string();
    let question = |id: &str| SurveyKind::Supply.questions().find(|q| q.id == id);
    let offers = p
        .offers
        .iter()
        .filter_map(|(id, values)| {
            let q = question(id)?;
            let shown = values.iter().map(|v| display_value(q, v, l)).collect::<Vec<_>>().join(", ");
            Some(view! { <dt>{l.t(q.label)}</dt><dd>{shown}</dd> })
        })
        .collect_view();
    let contact = match (p.website.clone(), p.email.clone()) {
        (None, None) => view! { <p>{l.t(K::DirectoryNoContact)}</p> }.into_any(),
        (website, email) => view! {
            <dl class="facts">
                {website.map(|w| view! { <dt>{l.t(K::SurveyQWebsite)}</dt><dd><a href=w.clone() rel="nofollow noopener">{w.clone()}</a></dd> })}
                {email.map(|e| view! { <dt>{l.t(K::DirectoryEmail)}</dt><dd><a href=format!("mailto:{e}")>{e.clone()}</a></dd> })}
            </dl>
        }
        .into_any(),
    };
    view! {
        <Title text=p.name.clone()/>
        <Meta name="description" content={p.description.chars().take(200).collect::<String>()}/>
        <p class="muted"><a href=BASE>{l.t(K::DirectoryTitle)}</a></p>
        <h1>{p.name.clone()}</h1>
        <p class="muted">{p.kind.label(l)}" · "{country}" · "{l.tf(K::RosterUpdated, &[("date", &format_utc(p.updated_at))])}</p>
        <p>{p.description.clone()}</p>
        <section aria-labelledby="profile-areas">
            <h2 id="profile-areas">{l.t(K::DirectoryExpertise)}</h2>
            <ul class="tags">
                {p.areas.iter().map(|(a, d)| view! { <li class="tag">{a.label(l)}" · "{d.label(l)}</li> }).collect_view()}
            </ul>
        </section>
        <section aria-labelledby="profile-offers">
            <h2 id="profile-offers">{l.t(K::DirectoryOffers)}</h2>
            <dl class="facts">{offers}</dl>
        </section>
        <section aria-labelledby="profile-contact">
            <h2 id="profile-contact">{l.t(K::DirectoryContact)}</h2>
            {contact}
        </section>
        {how_to_ask(l)}
    }
    .into_any()
}
