//! The board's views: the usual ones a click away (mine, overdue, waiting on the government or
//! a provider), every filter in a form whose result is an address to share, and the views each
//! person saved by name.

use crate::api::board::{DeleteBoardView, SaveBoardView, VIEW_FORM};
use crate::components::FormErrorSummary;
use crate::domain::board::{Waiting, VIEW_NAME_MAX};
use crate::domain::casework::CaseQuery;
use crate::i18n::{Locale, K};
use crate::model::BoardView;
use crate::pages::use_flash;
use leptos::prelude::*;

fn href(query: &str) -> String {
    if query.is_empty() {
        "/board".into()
    } else {
        format!("/board?{query}")
    }
}

pub(super) fn filters(l: Locale, b: &BoardView) -> AnyView {
    let current = b.query.clone();
    let q = CaseQuery::parse(&current).unwrap_or_default();
    let quick = [
        ("", K::BoardViewAll),
        ("mine=1", K::BoardViewMine),
        ("overdue=1", K::BoardViewOverdue),
        ("waiting=government", K::BoardViewWaitingGovernment),
        ("waiting=provider", K::BoardViewWaitingProvider),
    ];
    let quick = quick
        .into_iter()
        .map(|(qs, key)| {
            let here = current == qs;
            view! { <li><a href=href(qs) aria-current=here.then_some("page")>{l.t(key)}</a></li> }
        })
        .collect_view();
    let saved = b
        .views
        .iter()
        .map(|v| {
            let here = current == v.query;
            let delete_label = l.tf(K::BoardViewDelete, &[("name", &v.name)]);
            view! {
                <li class="saved-view">
                    <a href=href(&v.query) aria-current=here.then_some("page")>{v.name.clone()}</a>
                    <form method="post" action={crate::forms::action::<DeleteBoardView>()} class="inline-form">
                        <input type="hidden" name="id" value=v.id.clone()/>
                        <input type="hidden" name="query" value=current.clone()/>
                        <button type="submit" class="button-link" aria-label=delete_label.clone() title=delete_label>"×"</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let waiting = q.waiting.first().map(|w| w.key().to_string()).unwrap_or_default();
    let flash = use_flash(VIEW_FORM);
    let typed = flash.as_ref().map(|f| f.get("name")).unwrap_or_default();
    let open = !current.is_empty() || flash.is_some();
    view! {
        <nav class="board-views" aria-label=l.t(K::BoardViews)>
            <ul class="view-links">{quick}</ul>
            {(!b.views.is_empty()).then(|| view! {
                <h2 class="visually-hidden">{l.t(K::BoardSavedViews)}</h2>
                <ul class="view-links saved">{saved}</ul>
            })}
        </nav>
        <details class="board-filters" open=open>
            <summary>{l.t(K::BoardFilters)}</summary>
            <form method="get" action="/board" class="case-filters" role="search" aria-label=l.t(K::RosterFiltersLabel)>
                {crate::pages::cases::filter_selects(l, "b", &b.case_managers, &q)}
                <div class="field">
                    <label for="b-waiting">{l.t(K::BoardWaitingOn)}</label>
                    <select id="b-waiting" name="waiting">
                        <option value="">{l.t(K::CasesAny)}</option>
                        {Waiting::ALL.iter().map(|w| view! { <option value=w.key() selected=waiting == w.key()>{l.t(w.label())}</option> }).collect_view()}
                    </select>
                </div>
                <div class="check">
                    <input type="checkbox" id="b-overdue" name="overdue" value="1" checked=q.overdue/>
                    <label for="b-overdue">{l.tf(K::CasesOverdueFilter, &[("count", &b.overdue.to_string())])}</label>
                </div>
                <div class="check">
                    <input type="checkbox" id="b-mine" name="mine" value="1" checked=q.mine/>
                    <label for="b-mine">{l.t(K::CasesMine)}</label>
                </div>
                <button type="submit" class="button button-primary">{l.t(K::RosterApply)}</button>
            </form>
            <form method="post" action={crate::forms::action::<SaveBoardView>()} class="save-view">
                <FormErrorSummary flash=flash/>
                <input type="hidden" name="query" value=current.clone()/>
                <div class="field">
                    <label for="view-name">{l.t(K::BoardViewName)}</label>
                    <input id="view-name" name="name" type="text" maxlength=VIEW_NAME_MAX.to_string() value=typed required=true/>
                </div>
                <button type="submit" class="button">{l.t(K::BoardViewSave)}</button>
            </form>
        </details>
    }
    .into_any()
}
