//! The board's columns (one per working stage, with its count) and, on a phone, the stage
//! switcher that shows one column at a time; a card may be dropped on either.

use super::card::card;
use super::BoardCtx;
use crate::domain::board::check_drop;
use crate::domain::case::CaseStage;
use crate::i18n::{Locale, K};
use crate::model::BoardView;
use leptos::prelude::*;

pub(super) fn columns(l: Locale, b: BoardView) -> AnyView {
    let ctx = expect_context::<BoardCtx>();
    // a phone shows the column asked for, else the first with cards
    let first = b.columns.iter().find(|c| !c.cards.is_empty()).map(|c| c.stage).unwrap_or(CaseStage::Intake);
    if ctx.current.get_untracked().is_none() {
        ctx.current.set(Some(first));
    }
    let query = ctx.query.get_value();
    let shown = move |stage: CaseStage| ctx.current.get().unwrap_or(first) == stage;
    // while a card is dragged, each column says whether it would take it
    let drop_class = move |stage: CaseStage| {
        let dragging = ctx.drag.get().filter(|d| d.active);
        match dragging {
            Some(d) if ctx.over.get() == Some(stage) && d.from != stage => {
                if check_drop(d.from, stage).is_ok() {
                    "drop-ok"
                } else {
                    "drop-no"
                }
            }
            _ => "",
        }
    };
    let switcher = b
        .columns
        .iter()
        .map(|c| {
            let stage = c.stage;
            let href = format!("/board?{}{}col={}", query, if query.is_empty() { "" } else { "&" }, stage.key());
            view! {
                <li>
                    <a href=href data-stage=stage.key() class=move || drop_class(stage)
                        aria-current=move || shown(stage).then_some("true")
                        on:click=move |ev| {
                            ev.prevent_default();
                            ctx.current.set(Some(stage));
                        }>
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
                view! { <ol class="board-cards">{c.cards.into_iter().map(|k| card(l, k)).collect_view()}</ol> }.into_any()
            };
            view! {
                <section class=move || format!("board-column {}{}", drop_class(stage), if shown(stage) { " current" } else { "" })
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
