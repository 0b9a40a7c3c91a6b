//! One card: what a Case Manager needs at a glance, and its moves: dragged (mouse, or a finger
//! on its grip), or "Move to…" with a button per stage the state machine allows (a plain form
//! that works without script; with script the move is made in place and announced). Rendered
//! on the server only: the card carries what the drag in the browser needs (`data-case`,
//! `data-version`; its stage is its column's).

use crate::api::board::BoardMove;
use crate::domain::board::{drop_targets, Ageing};
use crate::domain::time::format_day;
use crate::i18n::{Locale, K};
use crate::model::BoardCard;
use leptos::prelude::*;

/// The card of `c` on the board of `query` (where "Move to…" without script comes back).
pub(super) fn card(l: Locale, c: BoardCard, query: &str) -> AnyView {
    let id = c.id.clone();
    let dom_id = format!("card-{id}");
    let title_id = format!("card-{id}-title");
    let ageing = match c.ageing {
        Ageing::Fresh => "",
        Ageing::Amber => " ageing-amber",
        Ageing::Red => " ageing-red",
    };
    let days = l.tf(K::BoardDaysInStage, &[("count", &c.days_in_stage.to_string())]);
    let ageing_word = match c.ageing {
        Ageing::Fresh => None,
        Ageing::Amber => Some(l.t(K::BoardAgeingAmber)),
        Ageing::Red => Some(l.t(K::BoardAgeingRed)),
    };
    let targets = if c.movable { drop_targets(c.stage) } else { Vec::new() };
    let areas = c.areas.iter().map(|a| view! { <li>{a.label(l)}</li> }).collect_view();
    let next = (!c.next_step.is_empty()).then(|| {
        let due = c.next_step_due_day.map(|d| l.tf(K::CasesDue, &[("date", &format_day(d))]));
        view! {
            <div><dt>{l.t(K::CasesColNextStep)}</dt><dd>{c.next_step.clone()}{due.map(|d| view! { <span class="muted">" · "{d}</span> })}
                {c.overdue.then(|| view! { " "<span class="badge badge-warn">{l.t(K::CasesOverdue)}</span> })}</dd></div>
        }
    });
    let mut badges = Vec::new();
    if c.unread > 0 {
        badges.push(l.tf(K::BoardUnread, &[("count", &c.unread.to_string())]));
    }
    if c.introductions_waiting > 0 {
        badges.push(l.tf(K::BoardIntroductionsWaiting, &[("count", &c.introductions_waiting.to_string())]));
    }
    for w in &c.waiting {
        badges.push(l.t(w.label()).to_string());
    }
    let moves = (!targets.is_empty()).then(|| {
        let legend = l.tf(K::BoardMoveLegend, &[("case", &c.organisation)]);
        let buttons = targets
            .iter()
            .map(|s| view! { <button type="submit" name="to" value=s.key() class="button button-small">{l.t(s.label())}</button> })
            .collect_view();
        view! {
            <details class="card-move">
                <summary>{l.t(K::BoardMoveTo)}</summary>
                <form method="post" action={crate::forms::action::<BoardMove>()}>
                    <input type="hidden" name="id" value=id.clone()/>
                    <input type="hidden" name="version" value=c.version.to_string()/>
                    <input type="hidden" name="back" value=query.to_string()/>
                    <fieldset>
                        <legend>{legend}</legend>
                        <div class="move-buttons">{buttons}</div>
                    </fieldset>
                </form>
            </details>
        }
        .into_any()
    });
    let movable = c.movable;
    let labelled_by = title_id.clone();
    // drawn in parts, each its own view, so the card's type stays shallow
    let top = view! {
        <div class="card-top">
            {movable.then(|| view! { <span class="card-grip" aria-hidden="true" title=l.t(K::BoardDragHint)>"⠿"</span> })}
            <h3 id=title_id><a href=format!("/cases/{}", c.id)>{c.organisation.clone()}</a></h3>
        </div>
        <p class="card-country">{c.country.clone()}</p>
        {(!c.areas.is_empty()).then(|| view! { <ul class="card-areas" aria-label=l.t(K::RosterFacetArea)>{areas}</ul> })}
    }
    .into_any();
    let facts = view! {
        <dl class="card-facts">
            <div><dt>{l.t(K::CasesColCaseManager)}</dt><dd>{c.case_manager.clone().unwrap_or_else(|| l.t(K::CasesUnassigned).to_string())}</dd></div>
            <div><dt>{l.t(K::BoardInStage)}</dt><dd class="card-age">{days}{ageing_word.map(|w| view! { " "<span class="age-flag">{w}</span> })}</dd></div>
            {next.map(IntoAny::into_any)}
        </dl>
    }
    .into_any();
    let badges = (!badges.is_empty()).then(|| {
        view! { <ul class="card-badges">{badges.into_iter().map(|b| view! { <li class="badge">{b}</li> }).collect_view()}</ul> }
            .into_any()
    });
    view! {
        <li class=format!("board-card{ageing}") id=dom_id tabindex="-1" data-case=c.id.clone()
            data-version=c.version.to_string()>
            <article aria-labelledby=labelled_by>{top}{facts}{badges}{moves}</article>
        </li>
    }
    .into_any()
}
