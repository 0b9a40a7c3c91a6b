//! The oversight page's charts: the funnel, caseloads, introductions' answers, outcomes and
//! ratings, each linking (through its table) to the cases behind every bar.

use crate::components::{bar_chart, Bar, Chart};
use crate::domain::oversight::{Answer, Metric};
use crate::i18n::{Locale, K};
use crate::model::OversightView;
use leptos::prelude::*;

/// Every chart, in a grid (one column on a phone).
pub(super) fn all(l: Locale, v: &OversightView, drill: &dyn Fn(&str) -> String) -> AnyView {
    let f = &v.figures;
    if f.opened == 0 {
        return view! {
            <div class="empty-state">
                <h2>{l.t(K::OversightEmptyTitle)}</h2>
                <p>{l.t(K::OversightEmptyBody)}</p>
            </div>
        }
        .into_any();
    }
    let link = |m: Metric| Some(drill(&m.key()));
    let funnel = Chart {
        id: "chart-funnel",
        title: l.t(K::OversightFunnel).into(),
        series: vec![l.t(K::OversightReachedSeries).into()],
        bars: f
            .funnel
            .iter()
            .map(|s| Bar {
                label: l.t(s.stage.label()).into(),
                values: vec![s.reached],
                href: link(Metric::Reached(s.stage)),
            })
            .collect(),
    };
    let caseload = Chart {
        id: "chart-caseload",
        title: l.t(K::OversightCaseload).into(),
        series: vec![l.t(K::OversightOpenSeries).into(), l.t(K::OversightClosedSeries).into()],
        bars: f
            .caseload
            .iter()
            .map(|c| Bar {
                label: if c.manager.is_none() { l.t(K::CasesUnassigned).into() } else { c.name.clone() },
                values: vec![c.open, c.closed],
                href: link(Metric::Manager(c.manager.clone())),
            })
            .collect(),
    };
    let answers = Chart {
        id: "chart-answers",
        title: l.t(K::OversightAnswers).into(),
        series: vec![l.t(K::OversightProvidersSeries).into()],
        bars: f
            .answers
            .iter()
            .map(|(a, n)| Bar {
                label: l.t(crate::domain::oversight::answer_label(*a)).into(),
                values: vec![*n],
                href: link(Metric::Answered(*a)),
            })
            .collect(),
    };
    let outcomes = Chart {
        id: "chart-outcomes",
        title: l.t(K::OversightOutcomes).into(),
        series: vec![l.t(K::OversightCasesSeries).into()],
        bars: f
            .outcomes
            .iter()
            .map(|(o, n)| Bar { label: l.t(o.label()).into(), values: vec![*n], href: link(Metric::Outcome(*o)) })
            .collect(),
    };
    let ratings = Chart {
        id: "chart-ratings",
        title: l.t(K::OversightRatings).into(),
        series: vec![l.t(K::OversightRatingsSeries).into()],
        bars: f
            .ratings
            .iter()
            .rev()
            .map(|(score, n)| Bar {
                label: l.tf(K::OversightScore, &[("n", &score.to_string())]),
                values: vec![*n],
                href: link(Metric::Rated(*score)),
            })
            .collect(),
    };
    let answered: i64 =
        f.answers.iter().filter(|(a, _)| matches!(a, Answer::Accepted | Answer::Declined)).map(|(_, n)| n).sum();
    let accepted = f.answers.iter().find(|(a, _)| *a == Answer::Accepted).map(|(_, n)| *n).unwrap_or(0);
    let rate = (answered > 0).then(|| {
        l.tf(K::OversightAcceptance, &[("percent", &((accepted * 100 + answered / 2) / answered).to_string())])
    });
    view! {
        <div class="chart-grid">
            <section class="card" aria-labelledby="chart-funnel-h">
                <h2 id="chart-funnel-h">{l.t(K::OversightFunnelTitle)}</h2>
                <p class="muted">{l.tf(K::OversightFunnelLead, &[("count", &l.number(f.on_hold))])}</p>
                {bar_chart(l, funnel)}
            </section>
            <section class="card" aria-labelledby="chart-caseload-h">
                <h2 id="chart-caseload-h">{l.t(K::OversightCaseloadTitle)}</h2>
                {bar_chart(l, caseload)}
            </section>
            <section class="card" aria-labelledby="chart-answers-h">
                <h2 id="chart-answers-h">{l.t(K::OversightAnswersTitle)}</h2>
                {rate.map(|r| view! { <p class="muted">{r}</p> })}
                {bar_chart(l, answers)}
            </section>
            <section class="card" aria-labelledby="chart-outcomes-h">
                <h2 id="chart-outcomes-h">{l.t(K::OversightOutcomesTitle)}</h2>
                {bar_chart(l, outcomes)}
                {bar_chart(l, ratings)}
            </section>
        </div>
    }
    .into_any()
}
