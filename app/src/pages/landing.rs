//! `/`: the public landing page explaining the Networking Mechanism to governments and
//! providers, with the two calls to action, the two examples from the original description,
//! live figures from the database and the issue-area vocabulary.

use crate::api::network::network_summary;
use crate::components::use_locale;
use crate::domain::taxonomy::IssueArea;
use crate::i18n::{Locale, K};
use crate::model::NetworkSummary;
use leptos::prelude::*;
use leptos_meta::Title;

/// The home page.
#[component]
pub fn LandingPage() -> impl IntoView {
    let l = use_locale();
    view! {
        <Title text=l.t(K::LandingTitle)/>
        <section class="hero" aria-labelledby="hero-title">
            <div class="container">
                <p class="eyebrow">{l.t(K::LandingEyebrow)}</p>
                <h1 id="hero-title">{l.t(K::LandingHeroTitle)}</h1>
                <p class="lead">{l.t(K::LandingHeroLead)}</p>
                <div class="cta-row">
                    <a class="cta cta-primary" href="/survey/demand">
                        <span class="cta-label">{l.t(K::LandingCtaAsk)}</span>
                        <span class="cta-hint">{l.t(K::LandingCtaAskHint)}</span>
                    </a>
                    <a class="cta cta-secondary" href="/survey/supply">
                        <span class="cta-label">{l.t(K::LandingCtaOffer)}</span>
                        <span class="cta-hint">{l.t(K::LandingCtaOfferHint)}</span>
                    </a>
                </div>
            </div>
        </section>

        <section class="section" aria-labelledby="what-title">
            <div class="container narrow">
                <h2 id="what-title">{l.t(K::LandingWhatTitle)}</h2>
                <p>{l.t(K::LandingWhatBody1)}</p>
                <p>{l.t(K::LandingWhatBody2)}</p>
            </div>
        </section>

        <section class="section section-alt" id="how" aria-labelledby="how-title">
            <div class="container">
                <h2 id="how-title">{l.t(K::LandingHowTitle)}</h2>
                <ol class="steps">
                    {[
                        (K::LandingHow1Title, K::LandingHow1Body),
                        (K::LandingHow2Title, K::LandingHow2Body),
                        (K::LandingHow3Title, K::LandingHow3Body),
                        (K::LandingHow4Title, K::LandingHow4Body),
                    ]
                        .into_iter()
                        .map(|(title, body)| {
                            view! {
                                <li class="step">
                                    <h3>{l.t(title)}</h3>
                                    <p>{l.t(body)}</p>
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </div>
        </section>

        <Examples/>

        <section class="section section-alt" aria-labelledby="who-title">
            <div class="container">
                <h2 id="who-title">{l.t(K::LandingWhoTitle)}</h2>
                <div class="two-col">
                    <div class="card">
                        <h3>{l.t(K::LandingWhoGovTitle)}</h3>
                        <p>{l.t(K::LandingWhoGovBody)}</p>
                        <p><a href="/survey/demand">{l.t(K::LandingCtaAsk)}</a></p>
                    </div>
                    <div class="card">
                        <h3>{l.t(K::LandingWhoProvidersTitle)}</h3>
                        <p>{l.t(K::LandingWhoProvidersBody)}</p>
                        <p><a href="/survey/supply">{l.t(K::LandingCtaOffer)}</a></p>
                    </div>
                </div>
                <NetworkFigures/>
            </div>
        </section>

        <section class="section" aria-labelledby="areas-title">
            <div class="container">
                <h2 id="areas-title">{l.t(K::LandingAreasTitle)}</h2>
                <p>{l.t(K::LandingAreasIntro)}</p>
                <ul class="tags">
                    {IssueArea::all().into_iter().map(|a| view! { <li>{a.label(l)}</li> }).collect_view()}
                </ul>
            </div>
        </section>

        <section class="section section-alt" aria-labelledby="governance-title">
            <div class="container narrow">
                <h2 id="governance-title">{l.t(K::LandingGovernanceTitle)}</h2>
                <p>{l.t(K::LandingGovernanceBody)}</p>
            </div>
        </section>
    }
}

/// The two examples, rendered on the server: readable as two articles without script; the
/// tab list is there but hidden until [`ExampleTabs`] brings it to life.
#[component]
fn Examples() -> impl IntoView {
    let l = use_locale();
    let examples = [
        (K::LandingExample1Tab, K::LandingExample1Title, K::LandingExample1Body),
        (K::LandingExample2Tab, K::LandingExample2Title, K::LandingExample2Body),
    ];
    let tabs = examples
        .iter()
        .enumerate()
        .map(|(i, (tab, _, _))| {
            view! {
                <button
                    type="button"
                    role="tab"
                    class="tab"
                    id=format!("example-tab-{i}")
                    aria-controls=format!("example-{i}")
                    aria-selected=(i == 0).to_string()
                    tabindex=if i == 0 { "0" } else { "-1" }
                >
                    {l.t(*tab)}
                </button>
            }
        })
        .collect_view();
    let panels = examples
        .iter()
        .enumerate()
        .map(|(i, (_, title, body))| {
            view! {
                <div class="example card" id=format!("example-{i}")>
                    <h3>{l.t(*title)}</h3>
                    <p>{l.t(*body)}</p>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="section" aria-labelledby="examples-title">
            <div class="container narrow">
                <h2 id="examples-title">{l.t(K::LandingExamplesTitle)}</h2>
                <p>{l.t(K::LandingExamplesIntro)}</p>
                <div class="tabs" role="tablist" id="example-tabs" aria-label=l.t(K::LandingExamplesTablist) hidden>
                    {tabs}
                </div>
                {panels}
                <ExampleTabs count=examples.len()/>
            </div>
        </section>
    }
}

/// An island: turns the server's two example articles into an accessible tab set (arrow keys,
/// Home/End), one example at a time. It renders nothing; it wires the page's own elements, so
/// its code is a few event listeners (see `landing_tabs`).
#[island(lazy)]
fn ExampleTabs(count: usize) -> impl IntoView {
    // effects run only in the browser, once the island is alive
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        super::landing_tabs::attach(count);
        #[cfg(not(feature = "hydrate"))]
        let _ = count;
    });
}

/// Live figures from the database (rendered on the server in order, so they show without WASM).
#[component]
fn NetworkFigures() -> impl IntoView {
    let l = use_locale();
    let summary = Resource::new(|| (), |_| network_summary());
    view! {
        <div class="figures" aria-labelledby="figures-title">
            <h3 id="figures-title">{l.t(K::LandingNetworkTitle)}</h3>
            <Suspense fallback=move || view! { <p class="figures-status">{l.t(K::LandingNetworkLoading)}</p> }>
                {move || Suspend::new(async move {
                    match summary.await {
                        Ok(s) if s.organisations == 0 => {
                            view! { <p class="figures-status">{l.t(K::LandingNetworkEmpty)}</p> }.into_any()
                        }
                        Ok(s) => figures_view(l, s).into_any(),
                        Err(_) => view! { <p class="figures-status" role="status">{l.t(K::LandingNetworkError)}</p> }.into_any(),
                    }
                })}
            </Suspense>
        </div>
    }
}

fn figures_view(l: Locale, s: NetworkSummary) -> AnyView {
    view! {
        <dl class="figure-row">
            <div class="figure"><dt>{l.t(K::LandingNetworkOrgs)}</dt><dd>{l.number(s.organisations)}</dd></div>
            <div class="figure"><dt>{l.t(K::LandingNetworkCountries)}</dt><dd>{l.number(s.countries)}</dd></div>
            <div class="figure"><dt>{l.t(K::LandingNetworkVerified)}</dt><dd>{l.number(s.verified)}</dd></div>
        </dl>
        <h4 class="figures-sub">{l.t(K::LandingNetworkByKind)}</h4>
        <ul class="kind-list">
            {s.by_kind
                .into_iter()
                .map(|c| view! { <li><span>{c.kind.label(l)}</span><span class="count">{l.number(c.organisations)}</span></li> })
                .collect_view()}
        </ul>
    }
    .into_any()
}
