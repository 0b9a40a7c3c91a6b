//! `/cases`: the staff case board (filters in the URL, live through the case events) or, for a
//! participant, the cases of their organisations.

use super::{country_name, stage_badge};
use crate::api::cases::{case_list, my_cases};
use crate::components::{use_locale, use_me, LiveRefresh, LiveWords, RefreshWords};
use crate::domain::case::CaseStage;
use crate::domain::casework::{stage_for_government, CaseQuery};
use crate::domain::taxonomy::{IssueArea, Region};
use crate::domain::time::{format_day, format_utc};
use crate::i18n::{Locale, K};
use crate::model::{CaseBoard, CaseSummary, StageCount};
use crate::pages::{refused, set_status};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// `/cases`.
#[component]
pub fn CasesPage() -> impl IntoView {
    let l = use_locale();
    let staff = use_me().is_some_and(|m| m.staff_role.is_some() && !m.needs_two_factor);
    view! {
        <Title text=l.t(K::CasesTitle)/>
        <div class="container page">
            {if staff { view! { <CaseBoardView/> }.into_any() } else { view! { <MyCasesView/> }.into_any() }}
        </div>
    }
}

#[component]
fn CaseBoardView() -> impl IntoView {
    let l = use_locale();
    let search = use_location().search.get_untracked();
    let query = match CaseQuery::parse(&search) {
        Ok(q) => q,
        Err(e) => {
            set_status(400);
            return view! {
                <h1>{l.t(K::CasesTitle)}</h1>
                <div class="error-summary" role="alert">
                    <h2>{l.t(K::RosterErrorTitle)}</h2>
                    <p>{e.describe(l)}</p>
                    <p><a href="/cases">{l.t(K::RosterClearFilters)}</a></p>
                </div>
            }
            .into_any();
        }
    };
    let qs = search.trim_start_matches('?').to_string();
    let board = Resource::new(move || qs.clone(), case_list);
    // any case moving: the list comes again in the background, and screen readers hear so
    let words = RefreshWords {
        live: LiveWords::new(l, K::CaseChangedElsewhere),
        updated: Some(l.t(K::CasesUpdatedLive).to_string()),
        typing: None,
    };
    view! {
        <div class="roster-head">
            <h1>{l.t(K::CasesTitle)}</h1>
            <LiveRefresh topics=vec![crate::model::Topic::Cases.key()] regions=vec!["case-list".to_string()] words/>
        </div>
        <p class="lead">{l.t(K::CasesLead)}</p>
        <div id="case-list">
        <Suspense fallback=|| ()>
            {move || {
                let query = query.clone();
                Suspend::new(async move {
                    match board.await {
                        Ok(b) => board_view(l, b, &query).into_any(),
                        Err(e) => refused(l, e, "/cases"),
                    }
                })
            }}
        </Suspense>
        </div>
    }
    .into_any()
}

pub(super) fn board_view(l: Locale, b: CaseBoard, query: &CaseQuery) -> AnyView {
    let stage_links = b
        .counts
        .iter()
        .map(|&StageCount { stage, cases }| {
            let current = query.stages == [stage];
            view! {
                <li>
                    <a href=format!("/cases?stage={}", stage.key()) aria-current=current.then_some("page")>
                        <span class="count">{cases}</span>
                        <span>{l.t(stage.label())}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let stage = query.stages.first().map(|s| s.key().to_string()).unwrap_or_default();
    let filtered = query != &CaseQuery::default();
    let list = if b.cases.is_empty() {
        view! {
            <div class="empty-state">
                <h2>{l.t(if filtered { K::CasesNoMatchTitle } else { K::CasesEmptyTitle })}</h2>
                <p>{l.t(if filtered { K::CasesNoMatchBody } else { K::CasesEmptyBody })}</p>
                {filtered.then(|| view! { <p><a href="/cases">{l.t(K::RosterClearFilters)}</a></p> })}
            </div>
        }
        .into_any()
    } else {
        view! {
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="cases-count">
                <table class="cases">
                    <thead><tr>
                        <th scope="col">{l.t(K::CasesColCase)}</th>
                        <th scope="col">{l.t(K::CasesColStage)}</th>
                        <th scope="col">{l.t(K::CasesColCaseManager)}</th>
                        <th scope="col">{l.t(K::CasesColNextStep)}</th>
                        <th scope="col">{l.t(K::CasesColUpdated)}</th>
                    </tr></thead>
                    <tbody>{b.cases.into_iter().map(|c| case_row(l, c)).collect_view()}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <nav class="stage-bar" aria-label=l.t(K::CasesByStage)>
            <ul>{stage_links}</ul>
        </nav>
        <form method="get" action="/cases" class="case-filters" role="search" aria-label=l.t(K::RosterFiltersLabel)>
            <div class="field">
                <label for="f-stage">{l.t(K::CasesColStage)}</label>
                <select id="f-stage" name="stage">
                    <option value="">{l.t(K::CasesAny)}</option>
                    {CaseStage::ALL.into_iter().map(|s| view! { <option value=s.key() selected=stage == s.key()>{l.t(s.label())}</option> }).collect_view()}
                </select>
            </div>
            {filter_selects(l, "f", &b.case_managers, query)}
            <div class="check">
                <input type="checkbox" id="f-overdue" name="overdue" value="1" checked=query.overdue/>
                <label for="f-overdue">{l.tf(K::CasesOverdueFilter, &[("count", &b.overdue.to_string())])}</label>
            </div>
            <div class="check">
                <input type="checkbox" id="f-mine" name="mine" value="1" checked=query.mine/>
                <label for="f-mine">{l.t(K::CasesMine)}</label>
            </div>
            <button type="submit" class="button button-primary">{l.t(K::RosterApply)}</button>
        </form>
        <p id="cases-count" class="roster-count">{l.tf(K::CasesCount, &[("count", &b.total.to_string())])}</p>
        {list}
    }.into_any()
}

/// The Case Manager, issue area and region choices the list and the board filter by (`prefix`
/// keeps the ids of each page's fields apart).
pub(crate) fn filter_selects(
    l: Locale,
    prefix: &str,
    managers: &[crate::model::CaseManagerLoad],
    q: &CaseQuery,
) -> AnyView {
    let cm = q.case_managers.first().cloned().unwrap_or_default();
    let area = q.areas.first().map(|a| a.key().to_string()).unwrap_or_default();
    let region = q.regions.first().map(|a| a.key().to_string()).unwrap_or_default();
    let id = |name: &str| format!("{prefix}-{name}");
    view! {
        <div class="field">
            <label for=id("cm")>{l.t(K::CasesColCaseManager)}</label>
            <select id=id("cm") name="cm">
                <option value="">{l.t(K::CasesAny)}</option>
                <option value="none" selected=cm == "none">{l.t(K::CasesUnassigned)}</option>
                {managers.iter().map(|m| {
                    let label = l.tf(K::CasesCaseload, &[("name", &m.name), ("count", &m.open_cases.to_string())]);
                    view! { <option value=m.user_id.clone() selected=cm == m.user_id>{label}</option> }
                }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for=id("area")>{l.t(K::RosterFacetArea)}</label>
            <select id=id("area") name="area">
                <option value="">{l.t(K::CasesAny)}</option>
                {IssueArea::all().into_iter().map(|a| view! { <option value=a.key() selected=area == a.key()>{a.label(l)}</option> }).collect_view()}
            </select>
        </div>
        <div class="field">
            <label for=id("region")>{l.t(K::RosterFacetRegion)}</label>
            <select id=id("region") name="region">
                <option value="">{l.t(K::CasesAny)}</option>
                {Region::ALL.iter().map(|r| view! { <option value=r.key() selected=region == r.key()>{r.label(l)}</option> }).collect_view()}
            </select>
        </div>
    }
    .into_any()
}

pub(crate) fn case_row(l: Locale, c: CaseSummary) -> AnyView {
    let next = if c.stage == CaseStage::OnHold {
        c.hold_until_day.map(|d| l.tf(K::CasesHeldUntil, &[("date", &format_day(d))])).unwrap_or_default()
    } else {
        c.next_step.clone()
    };
    let due = (c.stage != CaseStage::OnHold).then_some(c.next_step_due_day).flatten();
    view! {
        <tr class:overdue=c.overdue>
            <th scope="row">
                <a href=format!("/cases/{}", c.id)>{c.organisation.clone()}</a>
                <span class="muted">" · "{country_name(l, &c.country)}</span>
            </th>
            <td>{stage_badge(l, c.stage, c.outcome)}</td>
            <td>{c.case_manager.clone().unwrap_or_else(|| l.t(K::CasesUnassigned).to_string())}</td>
            <td>
                {next}
                {due.map(|d| view! { <span class="muted">" · "{l.tf(K::CasesDue, &[("date", &format_day(d))])}</span> })}
                {c.overdue.then(|| view! { " "<span class="badge badge-warn">{l.t(K::CasesOverdue)}</span> })}
            </td>
            <td class="nowrap">{format_utc(c.updated_at)}</td>
        </tr>
    }.into_any()
}

#[component]
fn MyCasesView() -> impl IntoView {
    let l = use_locale();
    let list = Resource::new(|| (), |_| my_cases());
    view! {
        <h1>{l.t(K::CasesMineTitle)}</h1>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match list.await {
                    Ok(cases) if cases.is_empty() => view! {
                        <div class="empty-state">
                            <p>{l.t(K::CasesMineEmpty)}</p>
                            <p><a class="button button-primary" href="/survey/demand">{l.t(K::NavAsk)}</a></p>
                        </div>
                    }.into_any(),
                    Ok(cases) => view! {
                        <ul class="request-list">
                            {cases.into_iter().map(|c| {
                                let (now, _) = stage_for_government(c.stage);
                                view! {
                                    <li class="card">
                                        <h2><a href=format!("/cases/{}", c.id)>{c.organisation.clone()}</a></h2>
                                        <p>{stage_badge(l, c.stage, c.outcome)}</p>
                                        <p>{l.t(now)}</p>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => refused(l, e, "/cases"),
                }
            })}
        </Suspense>
    }
}
