//! `/cases/{id}/agreement`: the terms of engagement (the current version, printable), the
//! difference from the previous version, where each party stands, the record of acceptances,
//! the form to accept, and the Case Manager's form to write a new version. Plain forms.

use super::terms_form::terms_form;
use crate::api::agreements::agreement_detail;
use crate::components::{stage_badge, use_locale, FormErrorSummary};
use crate::domain::agreements::{Change, Terms};
use crate::domain::countries::Country;
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::AgreementPage as Page;
use crate::pages::use_flash;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/cases/{id}/agreement`.
#[component]
pub fn AgreementPage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let data = Resource::new(
        {
            let id = id.clone();
            move || id.clone()
        },
        agreement_detail,
    );
    // the page changes under its readers (another party accepts, a new version): it says so
    let path = format!("/cases/{id}/agreement");
    let topics = vec![crate::model::Topic::Case(id.clone()).key()];
    view! {
        <div class="container page agreement">
            <crate::components::LiveNotice topics path=path.clone() words=crate::components::LiveWords::new(l, K::AgreementChanged)/>
            {crate::pages::loaded(l, data, path.clone(), move |p| page(l, p))}
        </div>
    }
}

/// The terms, section by section.
fn terms_view(l: Locale, t: &Terms) -> AnyView {
    view! {
        <h3>{l.t(K::AgreementObjectives)}</h3>
        <p class="prose">{t.objectives.clone()}</p>
        <h3>{l.t(K::AgreementDeliverables)}</h3>
        <ul>{t.deliverables.iter().map(|d| view! { <li><strong>{d.due.clone()}</strong>" — "{d.what.clone()}</li> }).collect_view()}</ul>
        <h3>{l.t(K::AgreementResponsibilities)}</h3>
        <dl class="facts">
            {t.responsibilities.iter().map(|r| view! { <div><dt>{r.party.clone()}</dt><dd>{r.duties.clone()}</dd></div> }).collect_view()}
        </dl>
        <h3>{l.t(K::AgreementCost)}</h3>
        <p class="prose">{t.cost.clone()}</p>
        <h3>{l.t(K::AgreementCommunication)}</h3>
        <p class="prose">{t.communication.clone()}</p>
        <h3>{l.t(K::AgreementPeriod)}</h3>
        <p>{l.tf(K::AgreementFromTo, &[("starts", &t.starts), ("ends", &t.ends)])}</p>
    }
    .into_any()
}

fn changes_view(l: Locale, changes: &[Change], previous: i64) -> AnyView {
    let line = |c: &Change| {
        let (class, sign, label, l2) = match c {
            Change::Added(x) => ("diff-added", "+", K::AgreementAdded, x),
            Change::Removed(x) => ("diff-removed", "−", K::AgreementRemoved, x),
            Change::Kept(x) => ("diff-kept", " ", K::AgreementKept, x),
        };
        view! {
            <li class=class>
                <span aria-hidden="true">{sign}" "</span>
                <span class="visually-hidden">{l.t(label)}": "</span>
                <span class="muted">{l.t(l2.section.label())}": "</span>{l2.text.clone()}
            </li>
        }
    };
    let changed = changes.iter().any(|c| !matches!(c, Change::Kept(_)));
    view! {
        <section class="card no-print" id="changes" aria-labelledby="changes-title">
            <h2 id="changes-title">{l.tf(K::AgreementChangesTitle, &[("version", &previous.to_string())])}</h2>
            {if changed {
                view! { <ul class="diff">{changes.iter().map(line).collect_view()}</ul> }.into_any()
            } else {
                view! { <p class="muted">{l.t(K::AgreementNoChanges)}</p> }.into_any()
            }}
        </section>
    }
    .into_any()
}

fn parties_view(l: Locale, p: &Page) -> AnyView {
    view! {
        <section class="card" id="parties" aria-labelledby="parties-title">
            <h2 id="parties-title">{l.t(K::AgreementPartiesTitle)}</h2>
            <ul class="parties">
                {p.parties.iter().map(|s| {
                    let state = match (s.accepted_at, &s.accepted_by) {
                        (Some(at), Some(by)) => l.tf(K::AgreementAcceptedBy, &[("name", by), ("date", &format_utc(at))]),
                        _ => l.t(K::AgreementNotYet).to_string(),
                    };
                    view! { <li><strong>{s.name.clone()}</strong>" ("{l.t(s.role.label())}") · "<span>{state}</span></li> }
                }).collect_view()}
            </ul>
        </section>
    }
    .into_any()
}

fn accept_view(l: Locale, p: &Page) -> AnyView {
    let flash = use_flash("agreement_accept");
    let Some(v) = p.current.clone() else { return ().into_any() };
    let names: Vec<(String, String)> = p
        .accept_as
        .iter()
        .map(|key| {
            let role = key.split(':').next().unwrap_or_default();
            let label = crate::domain::agreements::PartyRole::from_key(role).map(|r| l.t(r.label())).unwrap_or("");
            (key.clone(), label.to_string())
        })
        .collect();
    view! {
        <section class="card no-print" id="accept" aria-labelledby="accept-title">
            <h2 id="accept-title">{l.tf(K::AgreementAcceptTitle, &[("version", &v.version.to_string())])}</h2>
            <FormErrorSummary flash=flash.clone()/>
            {if names.is_empty() {
                view! { <p class="muted">{l.t(K::AgreementNothingToAccept)}</p> }.into_any()
            } else {
                view! {
                    <p>{l.t(K::AgreementAcceptExplain)}</p>
                    {names.into_iter().map(|(key, role)| view! {
                        <form method="post" action={crate::forms::action::<crate::api::agreements::AcceptAgreement>()} class="form inline-form">
                            <input type="hidden" name="id" value=p.case_id.clone()/>
                            <input type="hidden" name="version" value=v.version.to_string()/>
                            <input type="hidden" name="sha256" value=v.sha256.clone()/>
                            <input type="hidden" name="party" value=key/>
                            <button type="submit" class="button button-primary">{l.tf(K::AgreementAcceptAs, &[("version", &v.version.to_string()), ("role", &role)])}</button>
                        </form>
                    }).collect_view()}
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

fn record_view(l: Locale, p: &Page) -> AnyView {
    view! {
        <section class="card" id="record" aria-labelledby="record-title">
            <h2 id="record-title">{l.t(K::AgreementRecordTitle)}</h2>
            {if p.record.is_empty() {
                view! { <p class="muted">{l.t(K::AgreementRecordNone)}</p> }.into_any()
            } else {
                view! {
                    <ol class="timeline">
                        {p.record.iter().map(|r| view! {
                            <li>
                                <p>{l.tf(K::AgreementRecordLine, &[("party", &r.party), ("version", &r.version.to_string()), ("name", &r.by)])}</p>
                                <p class="muted">{format_utc(r.at)}" · SHA-256 "<code class="hash">{r.sha256.clone()}</code></p>
                            </li>
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

fn page(l: Locale, p: Page) -> AnyView {
    let title = l.t(K::AgreementTitle);
    let country = Country::by_code(&p.country).map(|c| c.name(l)).unwrap_or("");
    let document = match &p.current {
        Some(v) => view! {
            <section class="card agreement-text" id="terms" aria-labelledby="terms-title">
                <h2 id="terms-title">{l.tf(K::AgreementVersionTitle, &[("version", &v.version.to_string())])}</h2>
                <p class="muted">
                    {l.tf(K::AgreementWrittenBy, &[("name", &v.written_by.clone().unwrap_or_default()), ("date", &format_utc(v.written_at))])}
                </p>
                <p class="muted">{l.tf(K::AgreementBetween, &[("government", &p.government), ("providers", &p.selected.join(", "))])}</p>
                {terms_view(l, &v.terms)}
                <p class="muted print-only">"SHA-256 "<code class="hash">{v.sha256.clone()}</code></p>
                <PrintButton label=l.t(K::AgreementPrint).to_string()/>
            </section>
        }
        .into_any(),
        None => view! { <section class="card"><p>{l.t(K::AgreementNone)}</p></section> }.into_any(),
    };
    view! {
        <Title text=title/>
        <p class="muted no-print"><a href=format!("/cases/{}", p.case_id)>{p.government.clone()}</a></p>
        <h1>{title}</h1>
        <p class="case-meta">{stage_badge(l, p.stage, None)}" · "{p.government.clone()}" · "{country}</p>
        {document}
        {p.previous.map(|prev| changes_view(l, &p.changes, prev))}
        {parties_view(l, &p)}
        {accept_view(l, &p)}
        {p.can_write.then(|| terms_form(l, &p.case_id, &p.draft, p.current.is_some()))}
        {record_view(l, &p)}
    }
    .into_any()
}

/// An island: "Print" (the browser's print dialogue; the page has a print style). Without
/// script there is nothing to press: the browser's own menu prints.
#[island(lazy)]
fn PrintButton(label: String) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    move || {
        hydrated.get().then(|| {
            let label = label.clone();
            view! {
                <p class="no-print"><button type="button" class="button button-secondary" on:click=|_| { let _ = window().print(); }>{label}</button></p>
            }
        })
    }
}
