//! The board's columns (one per working stage, with its count) and, on a phone, the stage
//! switcher that shows one column at a time; a card may be dropped on either (each carries its
//! stage in `data-stage`, which the drag in the browser looks for under the pointer).

use super::card::card;
use crate::domain::case::CaseStage;
use crate::i18n::{Locale, K};
use crate::model::BoardView;
use leptos::prelude::*;

/// The columns of `b`; a phone shows `col` (from the address), else the first with cards.
pub(super) fn columns(l: Locale, b: BoardView, col: Option<CaseStage>) -> AnyView {
    let first = b.columns.iter().find(|c| !c.cards.is_empty()).map(|c| c.stage).unwrap_or(CaseStage::Intake);
    let current = col.unwrap_or(first);
    let query = b.query.clone();
    let switcher = b
        .columns
        .iter()
        .map(|c| {
            let stage = c.stage;
            let href = format!("/board?{}{}col={}", query, if query.is_empty() { "" } else { "&" }, stage.key());
            view! {
                <li>
                    <a href=href data-stage=stage.key() aria-current=(stage == current).then_some("true")>
                        <span>{l.t(stage.label())}</span>" "<span class="count">{c.cards.len()}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let total: usize = b.columns.iter().map(|c| c.cards.len()).sum();
    let cols = b
        .columns
        .into_iter()
        .map(|c| {
            let stage = c.stage;
            let heading = format!("col-{}", stage.key());
            let count = c.cards.len();
            let labelled_by = heading.clone();
            let body = if c.cards.is_empty() {
                view! { <p class="column-empty">{l.t(K::BoardColumnEmpty)}</p> }.into_any()
            } else {
                view! { <ol class="board-cards">{c.cards.into_iter().map(|k| card(l, k, &query)).collect_view()}</ol> }
                    .into_any()
            };
            view! {
                <section class=if stage == current { "board-column current" } else { "board-column" }
                    data-stage=stage.key() aria-labelledby=labelled_by>
                    <h2 id=heading>
                        <span>{l.t(stage.label())}</span>" "
                        <span class="count" aria-hidden="true">{count}</span>
                        <span class="visually-hidden">{l.tf(K::BoardColumnCount, &[("count", &count.to_string())])}</span>
                    </h2>
                    {body}
                </section>
            }
        })
        .collect_view();
    let elsewhere = (b.on_hold + b.closed > 0).then(|| {
        view! {
            <p class="board-elsewhere">
                <a href="/cases?stage=on_hold">{l.tf(K::BoardOnHold, &[("count", &b.on_hold.to_string())])}</a>
                " · "
                <a href="/cases?stage=closed">{l.tf(K::BoardClosed, &[("count", &b.closed.to_string())])}</a>
            </p>
        }
    });
    view! {
        <p class="roster-count" id="board-count">{l.tf(K::BoardCount, &[("count", &total.to_string())])}</p>
        <nav class="stage-switcher" aria-label=l.t(K::BoardStages)>
            <ul>{switcher}</ul>
        </nav>
        <div class="board-columns">{cols}</div>
        {elsewhere}
    }
    .into_any()
}
