//! `/numbers`: the mechanism in figures for anyone (no names, no sign-in, no script needed):
//! who is on the supply side, where requests come from, how far cases go and how long it takes,
//! how providers answer, how cases end. Charts are server-drawn SVG with their tables.

use crate::api::public::public_numbers;
use crate::components::{bar_chart, use_locale, Bar, Chart};
use crate::i18n::{Locale, K};
use crate::model::NumbersView;
use crate::pages::oversight::{decimal, duration};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// `/numbers`.
#[component]
pub fn NumbersPage() -> impl IntoView {
    let l = use_locale();
    let data = Resource::new(|| (), |_| public_numbers());
    view! {
        <Title text=l.t(K::NumbersTitle)/>
        <Meta name="description" content=l.t(K::NumbersLead)/>
        <div class="container page">
            <h1>{l.t(K::NumbersTitle)}</h1>
            <p class="lead">{l.t(K::NumbersLead)}</p>
            {crate::pages::loaded(l, data, "/numbers".into(), move |v| numbers(l, v))}
            <p>
                <a href="/open-data">{l.t(K::NumbersOpenData)}</a>" · "
                <a href="/stories">{l.t(K::StoriesTitle)}</a>" · "
                <a href="/directory">{l.t(K::DirectoryTitle)}</a>
            </p>
        </div>
    }
}

fn stat(title: String, big: String, note: Option<String>) -> impl IntoView {
    view! {
        <div class="stat">
            <h2 class="stat-title">{title}</h2>
            <p class="stat-big">{big}</p>
            {note.map(|n| view! { <p class="muted">{n}</p> })}
        </div>
    }
}

fn numbers(l: Locale, v: NumbersView) -> AnyView {
    let providers: i64 = v.providers.iter().map(|(_, n)| n).sum();
    let rate = (v.answered > 0).then(|| format!("{} %", (v.accepted * 100 + v.answered / 2) / v.answered));
    let wait = |s: crate::domain::oversight::Spread| {
        let note = if s.median.is_some() {
            l.tf(K::NumbersWaitNote, &[("count", &l.number(s.count)), ("p90", &duration(l, s.p90))])
        } else {
            l.t(K::NumbersTooFew).to_string()
        };
        (duration(l, s.median), Some(note))
    };
    let (to_intro, intro_note) = wait(v.to_introduction);
    let (to_agree, agree_note) = wait(v.to_agreement);
    let kinds = Chart {
        id: "numbers-providers",
        title: l.t(K::NumbersProvidersByKind).into(),
        series: vec![l.t(K::NumbersProvidersSeries).into()],
        bars: v.providers.iter().map(|(k, n)| Bar { label: k.label(l).into(), values: vec![*n], href: None }).collect(),
    };
    let funnel = Chart {
        id: "numbers-funnel",
        title: l.t(K::OversightFunnel).into(),
        series: vec![l.t(K::OversightReachedSeries).into()],
        bars: v
            .funnel
            .iter()
            .map(|(s, n)| Bar { label: l.t(s.label()).into(), values: vec![*n], href: None })
            .collect(),
    };
    let outcomes = Chart {
        id: "numbers-outcomes",
        title: l.t(K::OversightOutcomes).into(),
        series: vec![l.t(K::OversightCasesSeries).into()],
        bars: v
            .outcomes
            .iter()
            .map(|(o, n)| Bar { label: l.t(o.label()).into(), values: vec![*n], href: None })
            .collect(),
    };
    let rating = v.mean_rating_tenths.map(|t| l.tf(K::NumbersRatingOutOf, &[("n", &decimal(l, t))]));
    view! {
        <div class="stats">
            {stat(l.t(K::NumbersProviders).into(), l.number(providers), Some(l.tf(K::NumbersInDirectory, &[("count", &l.number(v.in_directory))])))}
            {stat(l.t(K::NumbersRequests).into(), l.number(v.requests), Some(l.tf(K::NumbersFrom, &[("governments", &l.number(v.governments)), ("countries", &l.number(v.countries))])))}
            {stat(l.t(K::OversightToIntroduction).into(), to_intro, intro_note)}
            {stat(l.t(K::OversightToAgreement).into(), to_agree, agree_note)}
            {stat(l.t(K::NumbersAcceptance).into(), rate.unwrap_or_else(|| "–".into()), Some(l.t(K::NumbersAcceptanceNote).into()))}
            {stat(l.t(K::NumbersRating).into(), rating.unwrap_or_else(|| "–".into()), Some(l.tf(K::NumbersStories, &[("count", &l.number(v.stories))])))}
        </div>
        <div class="chart-grid">
            <section class="card" aria-labelledby="numbers-providers-h">
                <h2 id="numbers-providers-h">{l.t(K::NumbersProvidersTitle)}</h2>
                {bar_chart(l, kinds)}
            </section>
            <section class="card" aria-labelledby="numbers-funnel-h">
                <h2 id="numbers-funnel-h">{l.t(K::NumbersFunnelTitle)}</h2>
                <p class="muted">{l.t(K::NumbersFunnelLead)}</p>
                {bar_chart(l, funnel)}
            </section>
            <section class="card" aria-labelledby="numbers-outcomes-h">
                <h2 id="numbers-outcomes-h">{l.t(K::NumbersOutcomesTitle)}</h2>
                {bar_chart(l, outcomes)}
            </section>
        </div>
    }
    .into_any()
}
