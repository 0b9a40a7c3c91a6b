//! The requesting government's own view of its case: where it stands, what comes next, the scope
//! to confirm, who it was introduced to. Built from `GovCaseView`, which has no internals.

use super::introductions::IntroductionsPanel;
use super::scope::scope_summary;
use super::{hidden, stage_badge};
use crate::components::FormErrorSummary;
use crate::domain::case::CaseStage;
use crate::domain::casework::stage_for_government;
use crate::domain::time::{format_day, format_utc};
use crate::i18n::{Locale, K};
use crate::model::GovCaseView;
use crate::pages::use_flash;
use leptos::prelude::*;
use leptos_meta::Title;

pub(super) fn government_view(l: Locale, v: GovCaseView) -> AnyView {
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
                    <form method="post" action={crate::forms::action::<crate::api::cases::ConfirmScope>()} class="form">
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
        <IntroductionsPanel id=v.id.clone() version=v.version/>
        {super::agreement_links(l, &v.id, v.stage, true)}
        {super::earlier_section(l, &v.earlier)}
        {matches!(v.stage, CaseStage::Active | CaseStage::Closed).then(|| super::follow_on_form(l, &v.id))}
        {(!v.introduced.is_empty()).then(|| view! {
            <section class="card" aria-labelledby="introduced-title">
                <h2 id="introduced-title">{l.t(K::CaseGovIntroduced)}</h2>
                <ul>{v.introduced.iter().map(|n| view! { <li>{n.clone()}</li> }).collect_view()}</ul>
            </section>
        })}
        <p><a href=format!("/roster/requests/{}", v.request_id)>{l.t(K::CaseGovRequest)}</a></p>
    }
    .into_any()
}
