//! Charts drawn on the server as SVG: horizontal bars, one or more series stacked, with a title
//! and a description for screen readers, a colour-blind-safe palette (Okabe and Ito's blue,
//! vermillion and bluish green, and a dark grey: each at least 3:1 against white), and the same
//! figures as a table below, whose row headings link to the cases behind each bar. No script.

use crate::i18n::{Locale, K};
use leptos::prelude::*;

/// The series colours, in order.
pub const PALETTE: [&str; 4] = ["#0072b2", "#d55e00", "#007a5a", "#595959"];

/// One bar: its label, its value per series, and where its cases are listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub values: Vec<i64>,
    pub href: Option<String>,
}

/// A chart: its id (unique on the page), title, the series' names and its bars.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chart {
    pub id: &'static str,
    pub title: String,
    pub series: Vec<String>,
    pub bars: Vec<Bar>,
}

/// The width the chart is drawn at (it scales to its box; at a phone's width, 1:1).
const WIDTH: i64 = 320;
/// The room kept right of the longest bar for its total.
const VALUE_ROOM: i64 = 48;
const ROW: i64 = 34;

/// A bar's total and the longest bar's.
fn totals(chart: &Chart) -> (Vec<i64>, i64) {
    let totals: Vec<i64> = chart.bars.iter().map(|b| b.values.iter().sum()).collect();
    let max = totals.iter().copied().max().unwrap_or(0).max(1);
    (totals, max)
}

/// The chart and its table, in a `<figure>`.
pub fn bar_chart(l: Locale, chart: Chart) -> AnyView {
    let (sums, max) = totals(&chart);
    let height = ROW * chart.bars.len() as i64 + 4;
    let span = WIDTH - VALUE_ROOM;
    let desc = chart
        .bars
        .iter()
        .zip(&sums)
        .map(|(b, t)| format!("{}: {}", b.label, l.number(*t)))
        .collect::<Vec<_>>()
        .join("; ");
    let rows = chart
        .bars
        .iter()
        .zip(&sums)
        .enumerate()
        .map(|(i, (bar, total))| {
            let y = i as i64 * ROW;
            let mut x = 0;
            let parts = bar
                .values
                .iter()
                .enumerate()
                .map(|(s, v)| {
                    let w = v * span / max;
                    let rect = view! { <rect x=x y={y + 16} width=w height="12" fill={PALETTE[s % PALETTE.len()]}/> };
                    x += w;
                    rect
                })
                .collect_view();
            view! {
                <text x="0" y={y + 12} class="chart-label">{bar.label.clone()}</text>
                {parts}
                <text x={x + 4} y={y + 27} class="chart-value">{l.number(*total)}</text>
            }
        })
        .collect_view();
    let title_id = format!("{}-title", chart.id);
    let desc_id = format!("{}-desc", chart.id);
    let labelled = format!("{title_id} {desc_id}");
    let legend = (chart.series.len() > 1).then(|| {
        let keys = chart.series.iter().enumerate().map(|(s, name)| view! {
            <li><svg class="chart-swatch" viewBox="0 0 12 12" width="12" height="12"><rect width="12" height="12" fill={PALETTE[s % PALETTE.len()]}/></svg>{name.clone()}</li>
        }).collect_view();
        view! { <ul class="chart-legend" aria-hidden="true">{keys}</ul> }
    });
    view! {
        <figure class="chart" id=chart.id>
            <figcaption class="chart-title">{chart.title.clone()}</figcaption>
            {legend}
            <svg role="img" aria-labelledby=labelled viewBox=format!("0 0 {WIDTH} {height}") class="chart-svg"
                width="100%" preserveAspectRatio="xMinYMin meet">
                <title id=title_id>{chart.title.clone()}</title>
                <desc id=desc_id>{desc}</desc>
                {rows}
            </svg>
            {chart_table(l, &chart, &sums)}
        </figure>
    }
    .into_any()
}

/// The chart's figures as a table (the way to the cases behind each bar).
fn chart_table(l: Locale, chart: &Chart, sums: &[i64]) -> AnyView {
    let several = chart.series.len() > 1;
    let heads = several.then(|| chart.series.iter().map(|s| view! { <th scope="col">{s.clone()}</th> }).collect_view());
    let rows = chart
        .bars
        .iter()
        .zip(sums)
        .map(|(bar, total)| {
            let label = match &bar.href {
                Some(href) => view! { <a href=href.clone()>{bar.label.clone()}</a> }.into_any(),
                None => view! { <span>{bar.label.clone()}</span> }.into_any(),
            };
            let parts = several
                .then(|| bar.values.iter().map(|v| view! { <td class="num">{l.number(*v)}</td> }).collect_view());
            view! { <tr><th scope="row">{label}</th>{parts}<td class="num">{l.number(*total)}</td></tr> }
        })
        .collect_view();
    view! {
        <div class="table-wrap" tabindex="0" role="region" aria-label=l.tf(K::ChartTableLabel, &[("title", &chart.title)])>
            <table class="chart-table">
                <thead><tr><th scope="col">{l.t(K::ChartColItem)}</th>{heads}<th scope="col">{l.t(K::ChartColTotal)}</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_longest_and_an_empty_chart_draws_nothing_wider() {
        let chart = Chart {
            id: "c",
            title: "t".into(),
            series: vec!["a".into(), "b".into()],
            bars: vec![
                Bar { label: "x".into(), values: vec![3, 1], href: None },
                Bar { label: "y".into(), values: vec![0, 2], href: None },
            ],
        };
        assert_eq!(totals(&chart), (vec![4, 2], 4));
        let empty = Chart { bars: vec![Bar { label: "x".into(), values: vec![0], href: None }], ..chart };
        assert_eq!(totals(&empty), (vec![0], 1), "never divides by zero");
    }
}
