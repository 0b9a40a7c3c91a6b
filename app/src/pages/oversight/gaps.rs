//! `/oversight/gaps`: the supply and demand gap map. For each issue area and region, the
//! requests asking for it against the listed providers offering it (by cost basis); the gaps
//! where demand finds no provider first, each with the requests concerned and an action that
//! opens an outreach campaign seeking providers for it.

use super::overseer;
use crate::api::oversight::{gap_map, OpenGapOutreach};
use crate::components::{bar_chart, use_locale, Bar, Chart};
use crate::domain::oversight::gaps::{unmet, Cover, GapCell};
use crate::domain::taxonomy::{IssueArea, Region};
use crate::i18n::{Locale, K};
use crate::model::GapMapView;
use crate::pages::{loaded, refused};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/oversight/gaps`.
#[component]
pub fn GapsPage() -> impl IntoView {
    let l = use_locale();
    let body = match overseer() {
        Err(e) => refused(l, e, "/oversight/gaps"),
        Ok(()) => {
            let data = Resource::new(|| (), |_| gap_map());
            view! { {loaded(l, data, "/oversight/gaps".into(), move |g| gaps_page(l, g))} }.into_any()
        }
    };
    view! {
        <Title text=l.t(K::GapsTitle)/>
        <div class="container-wide page oversight">{body}</div>
    }
}

/// The roster page listing one cell's requests or providers.
fn roster_link(roster: &str, area: IssueArea, region: Region) -> String {
    format!("/roster/{roster}?area={}&region={}", area.key(), region.key())
}

fn gaps_page(l: Locale, g: GapMapView) -> AnyView {
    let gaps = unmet(&g.cells);
    let by_area = Chart {
        id: "chart-unmet",
        title: l.t(K::GapsChartTitle).into(),
        series: vec![l.t(K::GapsRequestsSeries).into()],
        bars: areas_of(&g.cells)
            .into_iter()
            .map(|a| Bar {
                label: a.label(l).into(),
                values: vec![gaps.iter().filter(|c| c.area == a).map(|c| c.demand).sum()],
                href: None,
            })
            .collect(),
    };
    let list = if gaps.is_empty() {
        view! { <p class="empty-state">{l.t(K::GapsNone)}</p> }.into_any()
    } else {
        gaps.iter().map(|c| gap_item(l, c, g.can_start_outreach)).collect_view().into_any()
    };
    view! {
        <p class="muted"><a href="/oversight">{l.t(K::OversightTitle)}</a></p>
        <h1>{l.t(K::GapsTitle)}</h1>
        <p class="lead">{l.t(K::GapsLead)}</p>
        <section aria-labelledby="gaps-list-title" class="card">
            <h2 id="gaps-list-title">{l.tf(K::GapsListTitle, &[("count", &l.number(gaps.len() as i64))])}</h2>
            <ul class="gap-list">{list}</ul>
        </section>
        <section>
            <h2 id="gaps-map-title">{l.t(K::GapsMapTitle)}</h2>
            <p class="muted">{l.t(K::GapsMapLead)}</p>
            {map_table(l, &g.cells)}
        </section>
        <section class="card" aria-labelledby="gaps-chart-title">
            <h2 id="gaps-chart-title">{l.t(K::GapsChartHeading)}</h2>
            {bar_chart(l, by_area)}
        </section>
    }
    .into_any()
}

/// One unmet gap: what is asked, where, the requests concerned, and the outreach action.
fn gap_item(l: Locale, c: &GapCell, can_start: bool) -> AnyView {
    let title = l.tf(K::GapsItem, &[("area", c.area.label(l)), ("region", c.region.label(l))]);
    let requests = l.tf(K::GapsRequests, &[("count", &l.number(c.demand))]);
    let action = can_start.then(|| {
        view! {
            <form method="post" action={crate::forms::action::<OpenGapOutreach>()} class="inline-form">
                <input type="hidden" name="area" value=c.area.key()/>
                <input type="hidden" name="region" value=c.region.key()/>
                <button type="submit" class="button button-secondary">{l.t(K::GapsStartOutreach)}</button>
            </form>
        }
    });
    view! {
        <li class="gap-item">
            <strong>{title}</strong>" · "
            <a href=roster_link("requests", c.area, c.region)>{requests}</a>
            {action}
        </li>
    }
    .into_any()
}

/// The map's issue areas, in its order.
fn areas_of(cells: &[GapCell]) -> Vec<IssueArea> {
    let mut areas: Vec<IssueArea> = Vec::new();
    for c in cells {
        if !areas.contains(&c.area) {
            areas.push(c.area);
        }
    }
    areas
}

/// The whole map: issue areas down, regions across; each cell says in words how demand is met.
fn map_table(l: Locale, cells: &[GapCell]) -> AnyView {
    let heads = Region::ALL.iter().map(|r| view! { <th scope="col">{r.label(l)}</th> }).collect_view();
    let rows = areas_of(cells)
        .into_iter()
        .map(|a| {
            let tds = Region::ALL
                .iter()
                .map(|&r| {
                    let cell = cells.iter().find(|c| c.area == a && c.region == r).cloned();
                    view! { <td>{cell.map(|c| map_cell(l, &c))}</td> }
                })
                .collect_view();
            view! { <tr><th scope="row">{a.label(l)}</th>{tds}</tr> }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=l.t(K::GapsMapTitle)>
            <table class="gap-map">
                <thead><tr><th scope="col">{l.t(K::RosterFacetArea)}</th>{heads}</tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

fn map_cell(l: Locale, c: &GapCell) -> AnyView {
    let word = match c.cover {
        Cover::NoDemand => K::GapsCoverNoDemand,
        Cover::Unmet => K::GapsCoverUnmet,
        Cover::Thin => K::GapsCoverThin,
        Cover::Met => K::GapsCoverMet,
    };
    let costs = c
        .by_cost
        .iter()
        .filter(|(_, n)| *n > 0)
        .map(|(cost, n)| format!("{} {}", l.number(*n), cost.label(l)))
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <span class=format!("cover cover-{}", c.cover.key())>{l.t(word)}</span>
        <br/>
        <a href=roster_link("requests", c.area, c.region)>{l.tf(K::GapsAsked, &[("count", &l.number(c.demand))])}</a>
        " · "
        <a href=roster_link("providers", c.area, c.region)>{l.tf(K::GapsOffered, &[("count", &l.number(c.supply))])}</a>
        {(!costs.is_empty()).then(|| view! { <br/><span class="muted small">{costs}</span> })}
    }
    .into_any()
}
