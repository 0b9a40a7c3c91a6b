//! `/oversight/cases`: the cases behind one figure of the oversight page (its range and
//! filters, and `metric`), each linking to its case page.

use super::{overseer, read_query};
use crate::api::oversight::oversight_cases;
use crate::components::use_locale;
use crate::domain::oversight::Metric;
use crate::i18n::{Locale, K};
use crate::model::{DrillDown, DRILL_LIMIT};
use crate::pages::{loaded, refused, set_status};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// `/oversight/cases`.
#[component]
pub fn OversightCasesPage() -> impl IntoView {
    let l = use_locale();
    let metric = form_urlencoded::parse(use_location().search.get_untracked().trim_start_matches('?').as_bytes())
        .find(|(k, _)| k == "metric")
        .and_then(|(_, v)| Metric::parse(v.trim()));
    let body = match (overseer(), metric) {
        (Err(e), _) => refused(l, e, "/oversight"),
        (Ok(()), None) => {
            set_status(400);
            view! {
                <h1>{l.t(K::OversightCasesTitle)}</h1>
                <div class="error-summary" role="alert">
                    <h2>{l.t(K::RosterErrorTitle)}</h2>
                    <p>{l.t(K::OversightErrorBadMetric)}</p>
                    <p><a href="/oversight">{l.t(K::OversightReset)}</a></p>
                </div>
            }
            .into_any()
        }
        (Ok(()), Some(_)) => match read_query(l, &["metric"], "/oversight") {
            Err(page) => page,
            Ok((_, search)) => {
                let data = Resource::new(move || search.clone(), oversight_cases);
                view! { {loaded(l, data, "/oversight".into(), move |d| drill_page(l, d))} }.into_any()
            }
        },
    };
    view! {
        <Title text=l.t(K::OversightCasesTitle)/>
        <div class="container page oversight">{body}</div>
    }
}

fn drill_page(l: Locale, d: DrillDown) -> AnyView {
    let title = Metric::parse(&d.metric).map(|m| m.describe(l, &d.manager)).unwrap_or_default();
    let count = l.tf(K::CasesCount, &[("count", &l.number(d.total))]);
    let more = (d.total > DRILL_LIMIT as i64).then(
        || view! { <p class="muted">{l.tf(K::OversightFirstShown, &[("count", &l.number(DRILL_LIMIT as i64))])}</p> },
    );
    let list = if d.cases.is_empty() {
        view! {
            <div class="empty-state">
                <h2>{l.t(K::OversightNoCasesTitle)}</h2>
                <p>{l.t(K::OversightNoCasesBody)}</p>
            </div>
        }
        .into_any()
    } else {
        let rows = d.cases.into_iter().map(|c| crate::pages::cases::case_row(l, c)).collect_view().into_any();
        let columns =
            [K::CasesColCase, K::CasesColStage, K::CasesColCaseManager, K::CasesColNextStep, K::CasesColUpdated];
        crate::components::data_table(l, K::OversightCasesTitle, &columns, rows)
    };
    view! {
        <p class="muted"><a href=format!("/oversight?{}", d.query)>{l.t(K::OversightBack)}</a></p>
        <h1>{l.t(K::OversightCasesTitle)}</h1>
        <p class="lead" id="drill-metric">{title}</p>
        <p class="roster-count">{count}</p>
        {more}
        {list}
    }
    .into_any()
}
