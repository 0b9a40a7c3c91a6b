//! `/stories` and `/stories/{id}`: the published success stories, server-rendered for anyone
//! (no sign-in), filterable by issue area and region through the URL; each story with its title,
//! description and social-card tags, and the Atom feed announced.

use crate::api::stories::{public_stories, public_story};
use crate::components::use_locale;
use crate::domain::countries::Country;
use crate::domain::taxonomy::{IssueArea, Region};
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::{PublicStory, StoriesPage as Page};
use leptos::prelude::*;
use leptos_meta::{Link, Meta, Title};
use leptos_router::hooks::{use_params_map, use_query_map};

fn feed_link() -> impl IntoView {
    view! { <Link rel="alternate" type_="application/atom+xml" href="/stories/feed.xml"/> }
}

fn about(l: Locale, s: &PublicStory) -> String {
    let country = Country::by_code(&s.country).map(|c| c.name(l)).unwrap_or("");
    let areas = s.areas.iter().map(|a| a.label(l)).collect::<Vec<_>>().join(", ");
    [country.to_string(), areas].into_iter().filter(|x| !x.is_empty()).collect::<Vec<_>>().join(" · ")
}

/// `/stories`.
#[component]
pub fn StoriesPage() -> impl IntoView {
    let l = use_locale();
    let query = use_query_map();
    let data = Resource::new(
        move || query.with(|q| (q.get("area").unwrap_or_default(), q.get("region").unwrap_or_default())),
        |(area, region)| public_stories(area, region),
    );
    view! {
        {feed_link()}
        <div class="container page">
            {crate::pages::loaded(l, data, "/stories".to_string(), move |p| list(l, p))}
        </div>
    }
}

fn list(l: Locale, p: Page) -> AnyView {
    let title = l.t(K::StoriesTitle);
    let area = p.area.map(|a| a.key()).unwrap_or("");
    let region = p.region.map(|r| r.key()).unwrap_or("");
    view! {
        <Title text=title/>
        <Meta name="description" content=l.t(K::StoriesLead)/>
        <h1>{title}</h1>
        <p class="lead">{l.t(K::StoriesLead)}</p>
        <form method="get" action="/stories" class="form filters" role="search" aria-label=l.t(K::StoriesFilter)>
            <div class="field">
                <label for="area">{l.t(K::StoriesArea)}</label>
                <select id="area" name="area">
                    <option value="">{l.t(K::StoriesAny)}</option>
                    {IssueArea::all().into_iter().map(|a| view! { <option value=a.key() selected=a.key() == area>{a.label(l)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="region">{l.t(K::StoriesRegion)}</label>
                <select id="region" name="region">
                    <option value="">{l.t(K::StoriesAny)}</option>
                    {Region::ALL.iter().map(|r| view! { <option value=r.key() selected=r.key() == region>{r.label(l)}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="button button-secondary">{l.t(K::StoriesApply)}</button>
        </form>
        {if p.stories.is_empty() {
            view! { <p class="muted">{l.t(K::StoriesNone)}</p> }.into_any()
        } else {
            view! {
                <ul class="plain-list">
                    {p.stories.into_iter().map(|s| view! {
                        <li class="card">
                            <h2><a href=format!("/stories/{}", s.id)>{s.title.clone()}</a></h2>
                            <p class="muted">{about(l, &s)}" · "{format_utc(s.published_at)}</p>
                            <p>{s.summary.clone()}</p>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        <p><a href="/stories/feed.xml">{l.t(K::StoriesFeed)}</a></p>
    }
    .into_any()
}

/// `/stories/{id}`.
#[component]
pub fn StoryPage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let data = Resource::new(
        {
            let id = id.clone();
            move || id.clone()
        },
        public_story,
    );
    view! {
        {feed_link()}
        <div class="container page narrow">
            {crate::pages::loaded(l, data, format!("/stories/{id}"), move |s| story(l, s))}
        </div>
    }
}

fn story(l: Locale, s: PublicStory) -> AnyView {
    let with = l.tf(K::StoryWith, &[("government", &s.government), ("providers", &s.providers.join(", "))]);
    view! {
        <Title text=s.title.clone()/>
        <Meta name="description" content=s.summary.clone()/>
        <Meta property="og:type" content="article"/>
        <Meta property="og:title" content=s.title.clone()/>
        <Meta property="og:description" content=s.summary.clone()/>
        <Meta name="twitter:card" content="summary"/>
        <Meta name="twitter:title" content=s.title.clone()/>
        <Meta name="twitter:description" content=s.summary.clone()/>
        <p class="muted"><a href="/stories">{l.t(K::StoriesTitle)}</a></p>
        <article class="story">
            <h1>{s.title.clone()}</h1>
            <p class="muted">{about(l, &s)}" · "{format_utc(s.published_at)}</p>
            <p class="lead">{s.summary.clone()}</p>
            <p class="prose">{s.body.clone()}</p>
            <p class="muted">{with}</p>
        </article>
    }
    .into_any()
}
