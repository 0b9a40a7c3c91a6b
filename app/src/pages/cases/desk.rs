//! `/cases/{id}`: the Case Manager's desk (or the government's own view, in `government.rs`).

use super::government::government_view;
use super::history::{notes_section, timeline_section};
use super::introductions::IntroductionsPanel;
use super::matches::{matches_section, shortlist_section};
use super::moves::assign_and_move;
use super::scope::scope_section;
use super::{country_name, hidden, stage_badge};
use crate::api::cases::case_detail;
use crate::components::{use_locale, FormErrorSummary};
use crate::domain::case::CaseStage;
use crate::domain::casework::SHORT_MAX;
use crate::domain::time::format_day;
use crate::i18n::{Locale, K};
use crate::model::{CasePage as Page, CaseView};
use crate::pages::{refused, use_flash};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/cases/{id}`.
#[component]
pub fn CasePage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let path = format!("/cases/{id}");
    let page = Resource::new(
        {
            let id = id.clone();
            move || id.clone()
        },
        case_detail,
    );
    // the page holds forms being typed in: a change by someone else (or one missed while the
    // connection was down, if the case moved on meanwhile) is announced, not loaded over them;
    // staff see who else has the case open (and are seen)
    let me = crate::components::use_me().filter(|m| m.staff_role.is_some() && !m.needs_two_factor).map(|m| m.user_id);
    let presence = me.is_some().then(|| crate::components::PresenceWords::new(l, me, "case-presence"));
    let topics = vec![crate::model::Topic::Case(id.clone()).key()];
    let here = crate::model::Place::Case(id.clone()).key();
    view! {
        <div class="container page">
            <crate::components::LiveNotice topics path=path.clone() words=crate::components::LiveWords::new(l, K::CaseChangedElsewhere) presence=presence here/>
            <Suspense fallback=|| ()>
                {move || {
                    let path = format!("/cases/{}", use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default());
                    Suspend::new(async move {
                        let loaded = page.await;
                        // what a returning live connection compares with (see `LiveNotice`)
                        let version = loaded.as_ref().ok().map(|p| view! { <span id="page-version" data-version=p.version() hidden></span> });
                        let page = match loaded {
                            Ok(Page::Staff(v)) => staff_view(l, *v).into_any(),
                            Ok(Page::Government(v)) => government_view(l, *v).into_any(),
                            Err(e) => refused(l, e, &path),
                        };
                        view! { {version} {page} }.into_any()
                    })
                }}
            </Suspense>
        </div>
    }
}

pub(super) fn staff_view(l: Locale, v: CaseView) -> AnyView {
    let s = v.summary.clone();
    let need = v.request.first("need").to_string();
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
                <IntroductionsPanel id=s.id.clone() version=s.version/>
                {super::agreement_links(l, &s.id, s.stage, false)}
                {super::earlier_section(l, &v.earlier)}
                {notes_section(l, &v)}
                {timeline_section(l, &v)}
            </div>
            <aside class="case-side">
                {next_step_section(l, &v)}
                {(v.can_assign || v.can_work).then(|| assign_and_move(l, &v, assign_flash.clone(), move_flash.clone()))}
                {shortlist_section(l, &v)}
                {similar_section(l, &v)}
            </aside>
        </div>
    }
    .into_any()
}

/// The next step and its due date, with the form to change them.
fn next_step_section(l: Locale, v: &CaseView) -> AnyView {
    let s = &v.summary;
    let id = s.id.clone();
    let version = s.version.to_string();
    let next_flash = use_flash("case_next");
    view! {
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
                <form method="post" action={crate::forms::action::<crate::api::cases::SetNextStep>()} class="form">
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
    }
    .into_any()
}

/// Past cases with an issue area and a region in common.
fn similar_section(l: Locale, v: &CaseView) -> AnyView {
    view! {
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
    }
    .into_any()
}
