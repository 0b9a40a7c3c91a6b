//! The structured scope: read-only (as the government and staff read it) and the Case Manager's
//! form to write it.

use super::{country_name, hidden};
use crate::components::{textarea_markup, FormErrorSummary};
use crate::domain::casework::{CaseScope, TEXT_MAX};
use crate::domain::countries::Country;
use crate::domain::taxonomy::{AssistanceType, Budget, IssueArea, Language, OrgKind, Region, Timeline};
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::CaseView;
use crate::pages::use_flash;
use leptos::prelude::*;

/// The scope read-only, as the government and the staff read it.
pub(crate) fn scope_summary(l: Locale, scope: &CaseScope) -> AnyView {
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
    }.into_any()
}

pub(super) fn checkboxes<T: Copy + PartialEq + 'static>(
    l: Locale,
    name: &'static str,
    legend: K,
    all: &[T],
    chosen: &[T],
    key: fn(T) -> &'static str,
    label: fn(T, Locale) -> &'static str,
) -> AnyView {
    // a value no longer offered stays listed while the scope has it, so saving keeps it
    let extra = chosen.iter().filter(|t| !all.contains(*t));
    let items = all
        .iter()
        .chain(extra)
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
    .into_any()
}

pub(super) fn scope_section(l: Locale, v: &CaseView) -> AnyView {
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
                <form method="post" action={crate::forms::action::<crate::api::cases::WriteScope>()} enctype="multipart/form-data" class="form">
                    <FormErrorSummary flash=flash.clone()/>
                    {hidden("id", v.summary.id.clone())}
                    {hidden("version", v.summary.version.to_string())}
                    <div class="field">
                        <label for="scope-objectives">{l.t(K::CaseScopeObjectives)}</label>
                        <p class="hint" id="objectives-hint">{l.t(K::CaseScopeObjectivesHint)}</p>
                        <textarea id="scope-objectives" name="objectives" rows="4" required maxlength=TEXT_MAX.to_string() aria-describedby="objectives-hint" inner_html=textarea_markup(&objectives)></textarea>
                    </div>
                    <div class="field">
                        <label for="scope-deliverables">{l.t(K::CaseScopeDeliverables)}" "<span class="optional">"("{l.t(K::SurveyOptional)}")"</span></label>
                        <p class="hint" id="deliverables-hint">{l.t(K::CaseScopeDeliverablesHint)}</p>
                        <textarea id="scope-deliverables" name="deliverables" rows="3" maxlength=TEXT_MAX.to_string() aria-describedby="deliverables-hint" inner_html=textarea_markup(&deliverables)></textarea>
                    </div>
                    {checkboxes(l, "areas", K::CaseScopeAreas, &IssueArea::all(), &s.areas, IssueArea::key, IssueArea::label)}
                    {checkboxes(l, "assistance", K::RosterFacetAssistance, AssistanceType::ALL, &s.assistance, AssistanceType::key, AssistanceType::label)}
                    {checkboxes(l, "languages", K::RosterFacetLanguage, &Language::all(), &s.languages, Language::key, Language::label)}
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
    .into_any()
}
