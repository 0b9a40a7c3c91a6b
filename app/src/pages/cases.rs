//! `/cases`: the staff case board (live, filtered by stage, Case Manager, area, region, overdue,
//! "my cases"), or a government's own cases. `/cases/{id}`: the Case Manager's working page
//! (request, scope, next step, matches with their explanations and decisions, shortlist, notes,
//! similar cases, timeline), or the requesting government's own view of its case (where it
//! stands, what happens next, the scope to confirm). Every action is a plain form.

use super::{refused, set_status, use_flash};
use crate::api::cases::{case_detail, case_list, my_cases};
use crate::components::{use_locale, use_me, FormErrorSummary};
use crate::domain::case::{CaseStage, Move, Outcome};
use crate::domain::casework::{stage_for_government, CaseQuery, CaseScope, Decision, SHORT_MAX, TEXT_MAX};
use crate::domain::countries::Country;
use crate::domain::matching::{describe_item, Factor};
use crate::domain::taxonomy::{AssistanceType, Budget, IssueArea, Language, OrgKind, Region, Timeline};
use crate::domain::time::{format_day, format_utc};
use crate::i18n::{Locale, K};
use crate::model::{CaseBoard, CasePage as Page, CaseSummary, CaseView, GovCaseView, MatchView, TimelineEntry};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_location, use_params_map};

/// Follows the live case events (in the browser only): `on_change` runs for each change to a
/// case (or to `only`, when given). One subscription per page; leaving the page closes it.
#[cfg(feature = "hydrate")]
mod live {
    use std::cell::RefCell;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;

    type Source = (web_sys::EventSource, Closure<dyn FnMut(web_sys::MessageEvent)>);

    thread_local! {
        static SOURCE: RefCell<Option<Source>> = const { RefCell::new(None) };
    }

    pub fn follow(only: Option<String>, on_change: impl Fn() + 'static) {
        close();
        let Ok(source) = web_sys::EventSource::new(crate::api::cases::CASE_EVENTS_PATH) else { return };
        let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let data = e.data().as_string().unwrap_or_default();
            let event: Option<crate::model::CaseChanged> = serde_json::from_str(&data).ok();
            if only.as_ref().is_none_or(|id| event.is_some_and(|ev| &ev.case_id == id)) {
                on_change();
            }
        });
        let _ = source.add_event_listener_with_callback("case", handler.as_ref().unchecked_ref());
        SOURCE.with(|s| *s.borrow_mut() = Some((source, handler)));
    }

    pub fn close() {
        SOURCE.with(|s| {
            if let Some((source, _)) = s.borrow_mut().take() {
                source.close();
            }
        });
    }
}

fn stage_badge(l: Locale, stage: CaseStage, outcome: Option<Outcome>) -> impl IntoView {
    let text = match (stage, outcome) {
        (CaseStage::Closed, Some(o)) => format!("{} · {}", l.t(stage.label()), l.t(o.label())),
        _ => l.t(stage.label()).to_string(),
    };
    view! { <span class=format!("stage stage-{}", stage.key())>{text}</span> }
}

fn country_name(l: Locale, code: &str) -> &'static str {
    Country::by_code(code).map(|c| c.name(l)).unwrap_or("")
}

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
    let (updated, set_updated) = signal(0u32);
    #[cfg(feature = "hydrate")]
    {
        Effect::new(move |_| {
            live::follow(None, move || {
                board.refetch();
                set_updated.update(|n| *n += 1);
            })
        });
        on_cleanup(live::close);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_updated;
    view! {
        <div class="roster-head">
            <h1>{l.t(K::CasesTitle)}</h1>
        </div>
        <p class="lead">{l.t(K::CasesLead)}</p>
        <p class="visually-hidden" role="status" aria-live="polite">
            {move || (updated.get() > 0).then(|| l.t(K::CasesUpdatedLive))}
        </p>
        <Transition fallback=|| ()>
            {move || {
                let query = query.clone();
                Suspend::new(async move {
                    match board.await {
                        Ok(b) => board_view(l, b, &query).into_any(),
                        Err(e) => refused(l, e, "/cases"),
                    }
                })
            }}
        </Transition>
    }
    .into_any()
}

fn board_view(l: Locale, b: CaseBoard, query: &CaseQuery) -> impl IntoView {
    let stage_links = b
        .counts
        .iter()
        .map(|(stage, n)| {
            let current = query.stages == [*stage];
            view! {
                <li>
                    <a href=format!("/cases?stage={}", stage.key()) aria-current=current.then_some("page")>
                        <span class="count">{*n}</span>
                        <span>{l.t(stage.label())}</span>
                    </a>
                </li>
            }
        })
        .collect_view();
    let one = |v: &[String]| v.first().cloned().unwrap_or_default();
    let stage = query.stages.first().map(|s| s.key().to_string()).unwrap_or_default();
    let cm = one(&query.case_managers);
    let area = query.areas.first().map(|a| a.key().to_string()).unwrap_or_default();
    let region = query.regions.first().map(|a| a.key().to_string()).unwrap_or_default();
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
            <div class="field">
                <label for="f-cm">{l.t(K::CasesColCaseManager)}</label>
                <select id="f-cm" name="cm">
                    <option value="">{l.t(K::CasesAny)}</option>
                    <option value="none" selected=cm == "none">{l.t(K::CasesUnassigned)}</option>
                    {b.case_managers.iter().map(|(id, name, load)| {
                        let label = l.tf(K::CasesCaseload, &[("name", name), ("count", &load.to_string())]);
                        view! { <option value=id.clone() selected=cm == *id>{label}</option> }
                    }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-area">{l.t(K::RosterFacetArea)}</label>
                <select id="f-area" name="area">
                    <option value="">{l.t(K::CasesAny)}</option>
                    {IssueArea::ALL.iter().map(|a| view! { <option value=a.key() selected=area == a.key()>{a.label(l)}</option> }).collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="f-region">{l.t(K::RosterFacetRegion)}</label>
                <select id="f-region" name="region">
                    <option value="">{l.t(K::CasesAny)}</option>
                    {Region::ALL.iter().map(|r| view! { <option value=r.key() selected=region == r.key()>{r.label(l)}</option> }).collect_view()}
                </select>
            </div>
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
    }
}

fn case_row(l: Locale, c: CaseSummary) -> impl IntoView {
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
    }
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

/// `/cases/{id}`.
#[component]
pub fn CasePage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let path = format!("/cases/{id}");
    let (changed, set_changed) = signal(false);
    #[cfg(feature = "hydrate")]
    {
        let id = id.clone();
        // the page holds forms being typed in: a change by someone else is announced, not
        // loaded over them
        Effect::new(move |_| live::follow(Some(id.clone()), move || set_changed.set(true)));
        on_cleanup(live::close);
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = set_changed;
    let page = Resource::new(move || id.clone(), case_detail);
    view! {
        <div class="container page">
            <div role="status" aria-live="polite">
                {move || changed.get().then(|| view! {
                    <p class="notice">{l.t(K::CaseChangedElsewhere)}" "<a href=path.clone() rel="external">{l.t(K::CaseReload)}</a></p>
                })}
            </div>
            <Suspense fallback=|| ()>
                {move || {
                    let path = format!("/cases/{}", use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default());
                    Suspend::new(async move {
                        match page.await {
                            Ok(Page::Staff(v)) => staff_view(l, *v).into_any(),
                            Ok(Page::Government(v)) => government_view(l, *v).into_any(),
                            Err(e) => refused(l, e, &path),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}

fn hidden(name: &'static str, value: String) -> impl IntoView {
    view! { <input type="hidden" name=name value=value/> }
}

fn staff_view(l: Locale, v: CaseView) -> impl IntoView {
    let s = v.summary.clone();
    let id = s.id.clone();
    let version = s.version.to_string();
    let need = v.request.first("need").to_string();
    let next_flash = use_flash("case_next");
    let assign_flash = use_flash("case_assign");
    let move_flash = use_flash("case_move");
    let cm_line = match &s.case_manager {
        Some(name) => l.tf(K::CaseManagedBy, &[("name", name)]),
        None => l.t(K::CaseNoCaseManager).to_string(),
    };
    view! {
        <Title text=s.organisation.clone()/>
        <p class="muted"><a href="/cases">{l.t(K::CasesTitle)}</a></p>
        <div class="case-head">
            <h1>{s.organisation.clone()}</h1>
            <p class="case-meta">
                {stage_badge(l, s.stage, s.outcome)}
                {(s.stage == CaseStage::OnHold).then(|| s.hold_until_day.map(|d| view! {
                    " "<span class="muted">{l.tf(K::CasesHeldUntil, &[("date", &format_day(d))])}</span>
                }))}
                " · "{country_name(l, &s.country)}" · "{cm_line}
                {s.overdue.then(|| view! { " "<span class="badge badge-warn">{l.t(K::CasesOverdue)}</span> })}
            </p>
        </div>
        <div class="case-grid">
            <div class="case-main">
                <section class="card" aria-labelledby="request-title">
                    <h2 id="request-title">{l.t(K::CaseRequestTitle)}</h2>
                    <p class="prose">{need}</p>
                    <p><a href=format!("/roster/requests/{}", s.request_id)>{l.t(K::CaseRequestAll)}</a></p>
                </section>
                {scope_section(l, &v)}
                {v.matches.clone().map(|m| matches_section(l, &v, m))}
                {notes_section(l, &v)}
                <section class="card" aria-labelledby="timeline-title" id="timeline">
                    <h2 id="timeline-title">{l.t(K::CaseTimelineTitle)}</h2>
                    <ol class="timeline">
                        {v.timeline.iter().rev().cloned().map(|e| timeline_entry(l, e)).collect_view()}
                    </ol>
                </section>
            </div>
            <aside class="case-side">
                <section class="card" id="next" aria-labelledby="next-title">
                    <h2 id="next-title">{l.t(K::CaseNextTitle)}</h2>
                    {if s.next_step.is_empty() {
                        view! { <p class="muted">{l.t(K::CaseNextNone)}</p> }.into_any()
                    } else {
                        view! {
                            <p>{s.next_step.clone()}</p>
                            {s.next_step_due_day.map(|d| view! { <p class="muted">{l.tf(K::CasesDue, &[("date", &format_day(d))])}</p> })}
                        }.into_any()
                    }}
                    {v.can_work.then(|| view! {
                        <form method="post" action="/api/set_next_step" class="form">
                            <FormErrorSummary flash=next_flash.clone()/>
                            {hidden("id", id.clone())}
                            {hidden("version", version.clone())}
                            <div class="field">
                                <label for="next_step">{l.t(K::CaseNextStep)}</label>
                                <input id="next_step" name="next_step" type="text" required maxlength=SHORT_MAX.to_string() value=s.next_step.clone()/>
                            </div>
                            <div class="field">
                                <label for="due">{l.t(K::CaseNextDue)}</label>
                                <p class="hint" id="due-hint">{l.t(K::CaseDateHint)}</p>
                                <input id="due" name="due" type="date" aria-describedby="due-hint" value=s.next_step_due_day.map(format_day).unwrap_or_default()/>
                            </div>
                            <button type="submit" class="button button-secondary">{l.t(K::CaseNextSave)}</button>
                        </form>
                    })}
                </section>
                {(v.can_assign || v.can_work).then(|| assign_and_move(l, &v, assign_flash.clone(), move_flash.clone()))}
                {shortlist_section(l, &v)}
                <section class="card" aria-labelledby="similar-title">
                    <h2 id="similar-title">{l.t(K::CaseSimilarTitle)}</h2>
                    {if v.similar.is_empty() {
                        view! { <p class="muted">{l.t(K::CaseSimilarNone)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="similar">
                                {v.similar.iter().map(|c| {
                                    let shared = c.shared.iter().map(|a| a.label(l)).collect::<Vec<_>>().join(", ");
                                    view! {
                                        <li>
                                            <a href=format!("/cases/{}", c.id)>{c.organisation.clone()}</a>
                                            " · "{country_name(l, &c.country)}" "
                                            {stage_badge(l, c.stage, c.outcome)}
                                            <br/><span class="muted">{l.tf(K::CaseSimilarShared, &[("areas", &shared)])}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
            </aside>
        </div>
    }
}

fn assign_and_move(
    l: Locale,
    v: &CaseView,
    assign_flash: Option<crate::forms::FormFlash>,
    move_flash: Option<crate::forms::FormFlash>,
) -> impl IntoView {
    let id = v.summary.id.clone();
    let version = v.summary.version.to_string();
    let me_is_cm = use_me().is_some_and(|m| m.staff_role == Some(crate::domain::policy::StaffRole::CaseManager));
    let current = v.summary.case_manager_id.clone().unwrap_or_default();
    let to_stages: Vec<CaseStage> =
        v.moves.iter().filter_map(|m| if let Move::To(s) = m { Some(*s) } else { None }).collect();
    let can_hold = v.moves.iter().any(|m| matches!(m, Move::Hold { .. }));
    let can_resume = v.moves.contains(&Move::Resume);
    let outcomes: Vec<Outcome> =
        v.moves.iter().filter_map(|m| if let Move::Close(o) = m { Some(*o) } else { None }).collect();
    // a refusal about a field of the hold or close form opens that form again
    let flagged = |fields: &[&str]| {
        move_flash.as_ref().and_then(|f| f.field.clone()).is_some_and(|f| fields.contains(&f.as_str()))
    };
    let hold_open = flagged(&["until", "hold-reason"]);
    let close_open = flagged(&["outcome", "close-reason"]);
    let assign = v.can_assign.then(|| {
        let form = if me_is_cm {
            // a Case Manager takes an unassigned case for themselves
            view! {
                <form method="post" action="/api/assign_case" class="form">
                    <FormErrorSummary flash=assign_flash.clone()/>
                    {hidden("id", id.clone())}
                    {hidden("version", version.clone())}
                    {hidden("reason", String::new())}
                    {hidden("case_manager", v.viewer_id.clone().unwrap_or_default())}
                    <button type="submit" class="button button-primary">{l.t(K::CaseTake)}</button>
                </form>
            }
            .into_any()
        } else {
            view! {
                <form method="post" action="/api/assign_case" class="form">
                    <FormErrorSummary flash=assign_flash.clone()/>
                    {hidden("id", id.clone())}
                    {hidden("version", version.clone())}
                    <div class="field">
                        <label for="case_manager">{l.t(K::CaseAssignTo)}</label>
                        <select id="case_manager" name="case_manager">
                            <option value="">{l.t(K::CasesUnassigned)}</option>
                            {v.case_managers.iter().map(|(uid, name, load)| {
                                let label = l.tf(K::CasesCaseload, &[("name", name), ("count", &load.to_string())]);
                                view! { <option value=uid.clone() selected=current == *uid>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="assign-reason">{l.t(K::CaseReason)}" "<span class="optional">"("{l.t(K::SurveyOptional)}")"</span></label>
                        <input id="assign-reason" name="reason" type="text" maxlength=SHORT_MAX.to_string()/>
                    </div>
                    <button type="submit" class="button button-secondary">{l.t(K::CaseAssign)}</button>
                </form>
            }
            .into_any()
        };
        view! {
            <section class="card" id="assign" aria-labelledby="assign-title">
                <h2 id="assign-title">{l.t(K::CaseAssignTitle)}</h2>
                {form}
            </section>
        }
    });
    let moves = v.can_work.then(|| view! {
        <section class="card" id="move" aria-labelledby="move-title">
            <h2 id="move-title">{l.t(K::CaseMoveTitle)}</h2>
            <FormErrorSummary flash=move_flash.clone()/>
            {(!to_stages.is_empty()).then(|| view! {
                <form method="post" action="/api/move_case" class="form">
                    {hidden("id", id.clone())}
                    {hidden("version", version.clone())}
                    <div class="field">
                        <label for="action">{l.t(K::CaseMoveTo)}</label>
                        <select id="action" name="action">
                            {to_stages.iter().map(|s| view! { <option value=s.key()>{l.t(s.label())}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="move-reason">{l.t(K::CaseReason)}" "<span class="optional">"("{l.t(K::SurveyOptional)}")"</span></label>
                        <input id="move-reason" name="reason" type="text" maxlength=SHORT_MAX.to_string()/>
                    </div>
                    <button type="submit" class="button button-primary">{l.t(K::CaseMove)}</button>
                </form>
            })}
            {can_resume.then(|| view! {
                <form method="post" action="/api/move_case" class="form">
                    {hidden("id", id.clone())}
                    {hidden("version", version.clone())}
                    {hidden("action", "resume".into())}
                    {hidden("reason", String::new())}
                    <button type="submit" class="button button-primary">{l.t(K::CaseResume)}</button>
                </form>
            })}
            {can_hold.then(|| view! {
                <details class="facet" open=hold_open>
                    <summary>{l.t(K::CaseHold)}</summary>
                    <form method="post" action="/api/move_case" class="form">
                        {hidden("id", id.clone())}
                        {hidden("version", version.clone())}
                        {hidden("action", "hold".into())}
                        <div class="field">
                            <label for="until">{l.t(K::CaseHoldUntil)}</label>
                            <p class="hint" id="until-hint">{l.t(K::CaseDateHint)}</p>
                            <input id="until" name="until" type="date" required aria-describedby="until-hint"/>
                        </div>
                        <div class="field">
                            <label for="hold-reason">{l.t(K::CaseReason)}</label>
                            <input id="hold-reason" name="reason" type="text" maxlength=SHORT_MAX.to_string()/>
                        </div>
                        <button type="submit" class="button button-secondary">{l.t(K::CaseHold)}</button>
                    </form>
                </details>
            })}
            {(!outcomes.is_empty()).then(|| view! {
                <details class="facet" open=close_open>
                    <summary>{l.t(K::CaseClose)}</summary>
                    <form method="post" action="/api/move_case" class="form">
                        {hidden("id", id.clone())}
                        {hidden("version", version.clone())}
                        {hidden("action", "close".into())}
                        <div class="field">
                            <label for="outcome">{l.t(K::CaseOutcome)}</label>
                            <select id="outcome" name="outcome">
                                {outcomes.iter().map(|o| view! { <option value=o.key()>{l.t(o.label())}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="close-reason">{l.t(K::CaseReason)}</label>
                            <input id="close-reason" name="reason" type="text" maxlength=SHORT_MAX.to_string()/>
                        </div>
                        <button type="submit" class="button button-secondary">{l.t(K::CaseClose)}</button>
                    </form>
                </details>
            })}
        </section>
    });
    view! { {assign}{moves} }
}

/// The scope read-only, as the government and the staff read it.
fn scope_summary(l: Locale, scope: &CaseScope) -> impl IntoView {
    let join =
        |items: Vec<&'static str>| if items.is_empty() { l.t(K::CaseScopeAny).to_string() } else { items.join(", ") };
    let s = &scope.scope;
    let places: Vec<&'static str> =
        s.regions.iter().map(|r| r.label(l)).chain(s.countries.iter().map(|c| country_name(l, c))).collect();
    let rows = vec![
        (K::CaseScopeObjectives, scope.objectives.clone()),
        (
            K::CaseScopeDeliverables,
            if scope.deliverables.is_empty() { l.t(K::CaseScopeAny).to_string() } else { scope.deliverables.clone() },
        ),
        (K::RosterFacetArea, join(s.areas.iter().map(|a| a.label(l)).collect())),
        (K::RosterFacetAssistance, join(s.assistance.iter().map(|a| a.label(l)).collect())),
        (K::RosterFacetLanguage, join(s.languages.iter().map(|a| a.label(l)).collect())),
        (K::CaseScopePlaces, join(places)),
        (
            K::CaseScopeTimeline,
            scope.timeline.map_or_else(|| l.t(K::CaseScopeAny).to_string(), |t| t.label(l).to_string()),
        ),
        (K::CaseScopeBudget, s.budget.map_or_else(|| l.t(K::CaseScopeAny).to_string(), |b| b.label(l).to_string())),
        (K::CaseScopeKinds, join(s.preferred_kinds.iter().map(|k| k.label(l)).collect())),
    ];
    view! {
        <dl class="facts">
            {rows.into_iter().map(|(k, v)| view! { <div><dt>{l.t(k)}</dt><dd class="prose">{v}</dd></div> }).collect_view()}
        </dl>
    }
}

fn checkboxes<T: Copy + PartialEq + 'static>(
    l: Locale,
    name: &'static str,
    legend: K,
    all: &'static [T],
    chosen: &[T],
    key: fn(T) -> &'static str,
    label: fn(T, Locale) -> &'static str,
) -> impl IntoView {
    let items = all
        .iter()
        .map(|t| {
            let id = format!("scope-{name}-{}", key(*t));
            view! {
                <div class="check">
                    <input type="checkbox" id=id.clone() name=name value=key(*t) checked=chosen.contains(t)/>
                    <label for=id>{label(*t, l)}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field choices" id=format!("scope-{name}")>
            <legend>{l.t(legend)}</legend>
            {items}
        </fieldset>
    }
}

fn scope_section(l: Locale, v: &CaseView) -> impl IntoView {
    let flash = use_flash("case_scope");
    let scope = v.scope.clone();
    let status = if v.scope_is_draft {
        l.t(K::CaseScopeDraft).to_string()
    } else if let Some(at) = v.scope_confirmed_at {
        l.tf(K::CaseScopeConfirmedOn, &[("date", &format_utc(at))])
    } else {
        l.t(K::CaseScopeAwaiting).to_string()
    };
    let objectives =
        flash.as_ref().map(|f| f.get("objectives")).filter(|s| !s.is_empty()).unwrap_or(scope.objectives.clone());
    let deliverables =
        flash.as_ref().map(|f| f.get("deliverables")).filter(|s| !s.is_empty()).unwrap_or(scope.deliverables.clone());
    let form = v.can_work.then(|| {
        let s = &scope.scope;
        view! {
            <details class="facet" open=v.scope_is_draft || flash.is_some()>
                <summary>{l.t(if v.scope_is_draft { K::CaseScopeWrite } else { K::CaseScopeEdit })}</summary>
                <form method="post" action="/api/write_scope" enctype="multipart/form-data" class="form">
                    <FormErrorSummary flash=flash.clone()/>
                    {hidden("id", v.summary.id.clone())}
                    {hidden("version", v.summary.version.to_string())}
                    <div class="field">
                        <label for="scope-objectives">{l.t(K::CaseScopeObjectives)}</label>
                        <p class="hint" id="objectives-hint">{l.t(K::CaseScopeObjectivesHint)}</p>
                        <textarea id="scope-objectives" name="objectives" rows="4" required maxlength=TEXT_MAX.to_string() aria-describedby="objectives-hint">{objectives}</textarea>
                    </div>
                    <div class="field">
                        <label for="scope-deliverables">{l.t(K::CaseScopeDeliverables)}" "<span class="optional">"("{l.t(K::SurveyOptional)}")"</span></label>
                        <p class="hint" id="deliverables-hint">{l.t(K::CaseScopeDeliverablesHint)}</p>
                        <textarea id="scope-deliverables" name="deliverables" rows="3" maxlength=TEXT_MAX.to_string() aria-describedby="deliverables-hint">{deliverables}</textarea>
                    </div>
                    {checkboxes(l, "areas", K::CaseScopeAreas, IssueArea::ALL, &s.areas, IssueArea::key, IssueArea::label)}
                    {checkboxes(l, "assistance", K::RosterFacetAssistance, AssistanceType::ALL, &s.assistance, AssistanceType::key, AssistanceType::label)}
                    {checkboxes(l, "languages", K::RosterFacetLanguage, Language::ALL, &s.languages, Language::key, Language::label)}
                    {checkboxes(l, "regions", K::RosterFacetRegion, Region::ALL, &s.regions, Region::key, Region::label)}
                    <div class="field">
                        <label for="scope-countries">{l.t(K::CaseScopeCountries)}</label>
                        <select id="scope-countries" name="countries" multiple size="4">
                            {Country::sorted_for(l).into_iter().map(|c| view! { <option value=c.code selected=s.countries.iter().any(|x| x == c.code)>{c.name(l)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="scope-timeline">{l.t(K::CaseScopeTimeline)}</label>
                        <select id="scope-timeline" name="timeline">
                            <option value="">{l.t(K::CaseScopeAny)}</option>
                            {Timeline::ALL.iter().map(|t| view! { <option value=t.key() selected=scope.timeline == Some(*t)>{t.label(l)}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="scope-budget">{l.t(K::CaseScopeBudget)}</label>
                        <select id="scope-budget" name="budget">
                            <option value="">{l.t(K::CaseScopeAny)}</option>
                            {Budget::ALL.iter().map(|b| view! { <option value=b.key() selected=s.budget == Some(*b)>{b.label(l)}</option> }).collect_view()}
                        </select>
                    </div>
                    {checkboxes(l, "kinds", K::CaseScopeKinds, OrgKind::ALL, &s.preferred_kinds, OrgKind::key, OrgKind::label)}
                    <p class="hint">{l.t(K::CaseScopeSaveHint)}</p>
                    <button type="submit" class="button button-primary">{l.t(K::CaseScopeSave)}</button>
                </form>
            </details>
        }
    });
    view! {
        <section class="card" id="scope" aria-labelledby="scope-title">
            <h2 id="scope-title">{l.t(K::CaseScopeTitle)}</h2>
            <p class=if v.scope_confirmed_at.is_some() { "status status-submitted" } else { "status" }>{status}</p>
            {scope_summary(l, &scope)}
            {form}
        </section>
    }
}

fn factor_line(l: Locale, f: &Factor) -> impl IntoView {
    let words = |items: &[String]| items.iter().map(|k| describe_item(f.kind, k, l)).collect::<Vec<_>>().join(", ");
    let matched = words(&f.matched);
    let missing = words(&f.missing);
    view! {
        <li>
            <span class="factor-name">{l.t(f.kind.label())}</span>
            " "<span class="factor-points">{l.tf(K::MatchPoints, &[("points", &f.points.to_string()), ("max", &f.max.to_string())])}</span>
            {(!matched.is_empty()).then(|| view! { <br/><span>{l.tf(K::MatchMatched, &[("items", &matched)])}</span> })}
            {(!missing.is_empty()).then(|| view! { <br/><span class="muted">{l.tf(K::MatchMissing, &[("items", &missing)])}</span> })}
        </li>
    }
}

fn match_card(l: Locale, case_id: &str, version: i64, can_work: bool, m: MatchView, total: u32) -> impl IntoView {
    let a = m.arranged;
    let pid = a.ranked.id.clone();
    let decision = a.decision.clone();
    let reason_id = format!("reason-{pid}");
    let badge = decision.as_ref().map(|(d, reason)| {
        view! {
            <p>
                <span class=format!("badge decision-{}", d.key())>{l.t(d.label())}</span>
                {(!reason.is_empty()).then(|| view! { " "<span class="muted">{reason.clone()}</span> })}
            </p>
        }
    });
    let form = can_work.then(|| {
        let current = decision.as_ref().map(|d| d.0);
        view! {
            <form method="post" action="/api/decide_match" class="decide">
                {hidden("id", case_id.to_string())}
                {hidden("version", version.to_string())}
                {hidden("provider", pid.clone())}
                <div class="field">
                    <label for=reason_id.clone()>{l.t(K::CaseDecisionReason)}</label>
                    <input id=reason_id.clone() name="reason" type="text" maxlength=SHORT_MAX.to_string()/>
                </div>
                <div class="actions">
                    {Decision::ALL.into_iter().filter(|d| Some(*d) != current).map(|d| view! {
                        <button type="submit" name="decision" value=d.key() class=if d == Decision::Shortlisted { "button button-primary" } else { "button button-secondary" }>
                            {l.t(match d { Decision::Shortlisted => K::CaseShortlist, Decision::Excluded => K::CaseExclude, Decision::Pinned => K::CasePin })}
                        </button>
                    }).collect_view()}
                    {current.is_some().then(|| view! {
                        <button type="submit" name="decision" value="clear" class="button button-secondary">{l.t(K::CaseClearDecision)}</button>
                    })}
                </div>
            </form>
        }
    });
    view! {
        <li class="card match" id=format!("match-{pid}")>
            <div class="match-head">
                <h3><a href=format!("/roster/providers/{pid}")>{m.name.clone()}</a></h3>
                <p class="match-score">
                    <strong>{l.tf(K::MatchScore, &[("score", &a.ranked.score.to_string()), ("max", &total.to_string())])}</strong>
                    " · "{l.tf(K::MatchRank, &[("rank", &a.rank.to_string())])}
                </p>
            </div>
            {badge}
            <details>
                <summary>{l.t(K::MatchWhy)}</summary>
                <ul class="factors">{a.ranked.factors.iter().map(|f| factor_line(l, f)).collect_view()}</ul>
            </details>
            {form}
        </li>
    }
}

fn matches_section(l: Locale, v: &CaseView, matches: Vec<MatchView>) -> impl IntoView {
    let flash = use_flash("case_decide");
    let total = crate::domain::matching::Weights::default().total();
    let id = v.summary.id.clone();
    let version = v.summary.version;
    let can_work = v.can_work;
    let excluded = v.excluded.clone();
    view! {
        <section class="card" id="matches" aria-labelledby="matches-title">
            <h2 id="matches-title">{l.t(K::MatchTitle)}</h2>
            <p class="muted">{l.t(if v.scope_is_draft { K::MatchOnDraft } else { K::MatchOnScope })}</p>
            <FormErrorSummary flash=flash/>
            {if matches.is_empty() {
                view! { <div class="empty-state"><p>{l.t(K::MatchNone)}</p></div> }.into_any()
            } else {
                view! {
                    <ol class="matches">
                        {matches.into_iter().map(|m| match_card(l, &id, version, can_work, m, total)).collect_view()}
                    </ol>
                }.into_any()
            }}
            {(!excluded.is_empty()).then(|| view! {
                <details>
                    <summary>{l.tf(K::MatchExcluded, &[("count", &excluded.len().to_string())])}</summary>
                    <ol class="matches">
                        {excluded.into_iter().map(|m| match_card(l, &id, version, can_work, m, total)).collect_view()}
                    </ol>
                </details>
            })}
        </section>
    }
}

fn shortlist_section(l: Locale, v: &CaseView) -> impl IntoView {
    v.matches.is_some().then(|| {
        view! {
            <section class="card" id="shortlist" aria-labelledby="shortlist-title">
                <h2 id="shortlist-title">{l.t(K::CaseShortlistTitle)}</h2>
                {if v.shortlist.is_empty() {
                    view! { <p class="muted">{l.t(K::CaseShortlistEmpty)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="shortlist">
                            {v.shortlist.iter().map(|(pid, name, reason)| view! {
                                <li>
                                    <a href=format!("/roster/providers/{pid}")>{name.clone()}</a>
                                    {(!reason.is_empty()).then(|| view! { <br/><span class="muted">{reason.clone()}</span> })}
                                    {v.can_work.then(|| view! {
                                        <form method="post" action="/api/decide_match" class="inline-form">
                                            {hidden("id", v.summary.id.clone())}
                                            {hidden("version", v.summary.version.to_string())}
                                            {hidden("provider", pid.clone())}
                                            {hidden("decision", "clear".into())}
                                            {hidden("reason", String::new())}
                                            <button type="submit" class="link-button" aria-label=l.tf(K::CaseShortlistRemoveNamed, &[("name", name)])>{l.t(K::CaseShortlistRemove)}</button>
                                        </form>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }
    })
}

fn notes_section(l: Locale, v: &CaseView) -> impl IntoView {
    let flash = use_flash("case_note");
    let id = v.summary.id.clone();
    let can_work = v.can_work;
    v.notes.clone().map(|notes| {
        view! {
            <section class="card" id="notes" aria-labelledby="notes-title">
                <h2 id="notes-title">{l.t(K::CaseNotesTitle)}</h2>
                <p class="muted">{l.t(K::CaseNotesPrivate)}</p>
                {can_work.then(|| view! {
                    <form method="post" action="/api/add_case_note" class="form">
                        <FormErrorSummary flash=flash.clone()/>
                        {hidden("id", id.clone())}
                        <div class="field">
                            <label for="note-kind">{l.t(K::CaseNoteKind)}</label>
                            <select id="note-kind" name="kind">
                                <option value="scoping">{l.t(K::CaseNoteScoping)}</option>
                                <option value="internal">{l.t(K::CaseNoteInternal)}</option>
                            </select>
                        </div>
                        <div class="field">
                            <label for="note-body">{l.t(K::CaseNoteBody)}</label>
                            <textarea id="note-body" name="body" rows="3" required maxlength=TEXT_MAX.to_string()></textarea>
                        </div>
                        <button type="submit" class="button button-secondary">{l.t(K::CaseNoteAdd)}</button>
                    </form>
                })}
                {if notes.is_empty() {
                    view! { <p class="muted">{l.t(K::CaseNotesNone)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="notes">
                            {notes.into_iter().map(|n| view! {
                                <li>
                                    <p class="muted">
                                        <span class="tag">{l.t(if n.kind == "scoping" { K::CaseNoteScoping } else { K::CaseNoteInternal })}</span>
                                        " "{n.author.unwrap_or_default()}" · "{format_utc(n.at)}
                                    </p>
                                    <p class="prose">{n.body}</p>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </section>
        }
    })
}

fn timeline_entry(l: Locale, e: TimelineEntry) -> impl IntoView {
    let stage = |k: &Option<String>| k.as_deref().and_then(CaseStage::from_key).map(|s| l.t(s.label())).unwrap_or("");
    let what = match e.kind.as_str() {
        "opened" => l.t(K::CaseEventOpened).to_string(),
        "stage" => {
            let mut text = l.tf(K::CaseEventStage, &[("from", stage(&e.from_stage)), ("to", stage(&e.to_stage))]);
            if let Some(o) = Outcome::from_key(&e.detail) {
                text = format!("{text} ({})", l.t(o.label()));
            } else if let Ok(day) = e.detail.parse::<i64>() {
                text = format!("{text} · {}", l.tf(K::CasesHeldUntil, &[("date", &format_day(day))]));
            }
            text
        }
        "assigned" => match e.subject.as_deref() {
            Some(name) if !name.is_empty() => l.tf(K::CaseEventAssigned, &[("name", name)]),
            _ => l.t(K::CaseEventUnassigned).to_string(),
        },
        "scope" => l.t(K::CaseEventScope).to_string(),
        "scope_confirmed" => l.t(K::CaseEventScopeConfirmed).to_string(),
        "next_step" => l.tf(K::CaseEventNextStep, &[("step", &e.detail)]),
        "decision" => {
            let decision = Decision::from_key(&e.detail).map_or(l.t(K::CaseDecisionCleared), |d| l.t(d.label()));
            format!("{}: {decision}", e.subject.clone().unwrap_or_default())
        }
        other => other.to_string(),
    };
    view! {
        <li>
            <p class="muted">{format_utc(e.at)}" · "{e.actor.clone().unwrap_or_else(|| l.t(K::CaseEventPlatform).to_string())}</p>
            <p>{what}</p>
            {(!e.reason.is_empty()).then(|| view! { <p class="muted">{l.tf(K::CaseEventReason, &[("reason", &e.reason)])}</p> })}
        </li>
    }
}

fn government_view(l: Locale, v: GovCaseView) -> impl IntoView {
    let (now, next) = stage_for_government(v.stage);
    let flash = use_flash("case_confirm");
    let cm = match &v.case_manager {
        Some(name) => l.tf(K::CaseGovCaseManager, &[("name", name)]),
        None => l.t(K::CaseGovNoCaseManager).to_string(),
    };
    let scope = match &v.scope {
        None => view! { <p>{l.t(K::CaseGovScopeComing)}</p> }.into_any(),
        Some(scope) => {
            let confirm = match v.scope_confirmed_at {
                Some(at) => view! { <p class="status status-submitted">{l.tf(K::CaseGovScopeConfirmed, &[("date", &format_utc(at))])}</p> }.into_any(),
                None if v.can_confirm => view! {
                    <form method="post" action="/api/confirm_scope" class="form">
                        <FormErrorSummary flash=flash.clone()/>
                        {hidden("id", v.id.clone())}
                        {hidden("version", v.version.to_string())}
                        <p>{l.t(K::CaseGovScopeAsk)}</p>
                        <button type="submit" class="button button-primary">{l.t(K::CaseGovScopeConfirm)}</button>
                    </form>
                }.into_any(),
                None => view! { <p class="status">{l.t(K::CaseScopeAwaiting)}</p> }.into_any(),
            };
            view! { {scope_summary(l, scope)}{confirm} }.into_any()
        }
    };
    view! {
        <Title text=l.t(K::CaseGovTitle)/>
        <p class="muted">{v.organisation.clone()}</p>
        <h1>{l.t(K::CaseGovTitle)}</h1>
        <section class="card" aria-labelledby="where-title">
            <h2 id="where-title">{l.t(K::CaseGovWhere)}</h2>
            <p>{stage_badge(l, v.stage, v.outcome)}</p>
            <p class="lead">{l.t(now)}</p>
            {(v.stage == CaseStage::OnHold).then(|| v.hold_until_day.map(|d| view! {
                <p>{l.tf(K::CasesHeldUntil, &[("date", &format_day(d))])}</p>
            }))}
            <h3>{l.t(K::CaseGovNext)}</h3>
            <p>{l.t(next)}</p>
            <p>{cm}</p>
        </section>
        <section class="card" id="scope" aria-labelledby="gov-scope-title">
            <h2 id="gov-scope-title">{l.t(K::CaseScopeTitle)}</h2>
            {scope}
        </section>
        {(!v.introduced.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="introduced-title">
                <h2 id="introduced-title">{l.t(K::CaseGovIntroduced)}</h2>
                <ul>{v.introduced.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
            </section>
        })}
        <p><a href=format!("/roster/requests/{}", v.request_id)>{l.t(K::CaseGovRequest)}</a></p>
    }
}
