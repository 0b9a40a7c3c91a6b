//! The Case Manager's form for the terms of engagement: every section, a row per deliverable and
//! per responsibility (with spare empty rows, so no script is needed to add one).

use crate::components::FormErrorSummary;
use crate::domain::agreements::{Deliverable, Responsibility, Terms, LINE_MAX, TEXT_MAX};
use crate::i18n::{Locale, K};
use crate::pages::use_flash;
use leptos::prelude::*;

/// Empty rows offered below the filled ones.
const SPARE_ROWS: usize = 2;

fn text_area(l: Locale, id: &'static str, name: &'static str, label: K, hint: Option<K>, value: &str) -> AnyView {
    let hint_id = format!("{id}-hint");
    view! {
        <div class="field">
            <label for=id>{l.t(label)}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{l.t(h)}</p> })}
            <textarea id=id name=name rows="4" required maxlength=TEXT_MAX.to_string()
                aria-describedby=hint.map(|_| hint_id.clone())
                inner_html=crate::markup::textarea_markup(value)></textarea>
        </div>
    }
    .into_any()
}

fn deliverable_rows(l: Locale, rows: &[Deliverable]) -> AnyView {
    let blank = Deliverable { what: String::new(), due: String::new() };
    let all: Vec<Deliverable> = rows.iter().cloned().chain(std::iter::repeat_n(blank, SPARE_ROWS)).collect();
    view! {
        <fieldset class="field" id="agreement-deliverables">
            <legend>{l.t(K::AgreementDeliverables)}</legend>
            <p class="hint">{l.t(K::AgreementDeliverablesHint)}</p>
            {all.into_iter().enumerate().map(|(i, d)| {
                let (what, due) = (format!("deliverable-what-{i}"), format!("deliverable-due-{i}"));
                view! {
                    <div class="row-pair">
                        <div class="field">
                            <label for=what.clone()>{l.tf(K::AgreementDeliverableN, &[("n", &(i + 1).to_string())])}</label>
                            <input id=what type="text" name="deliverable_what" maxlength=LINE_MAX.to_string() value=d.what/>
                        </div>
                        <div class="field">
                            <label for=due.clone()>{l.t(K::AgreementDue)}</label>
                            <input id=due type="date" name="deliverable_due" value=d.due/>
                        </div>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
    .into_any()
}

fn responsibility_rows(l: Locale, rows: &[Responsibility]) -> AnyView {
    let blank = Responsibility { party: String::new(), duties: String::new() };
    let all: Vec<Responsibility> = rows.iter().cloned().chain(std::iter::repeat_n(blank, SPARE_ROWS)).collect();
    view! {
        <fieldset class="field" id="agreement-responsibilities">
            <legend>{l.t(K::AgreementResponsibilities)}</legend>
            <p class="hint">{l.t(K::AgreementResponsibilitiesHint)}</p>
            {all.into_iter().enumerate().map(|(i, r)| {
                let (party, duties) = (format!("responsibility-party-{i}"), format!("responsibility-duties-{i}"));
                view! {
                    <div class="row-pair">
                        <div class="field">
                            <label for=party.clone()>{l.tf(K::AgreementPartyN, &[("n", &(i + 1).to_string())])}</label>
                            <input id=party type="text" name="responsibility_party" maxlength=LINE_MAX.to_string() value=r.party/>
                        </div>
                        <div class="field">
                            <label for=duties.clone()>{l.t(K::AgreementDuties)}</label>
                            <input id=duties type="text" name="responsibility_duties" maxlength=LINE_MAX.to_string() value=r.duties/>
                        </div>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
    .into_any()
}

/// The form to write the next version, starting from `draft` (the current version, or a draft
/// from the confirmed scope).
pub(crate) fn terms_form(l: Locale, case_id: &str, draft: &Terms, has_version: bool) -> AnyView {
    let flash = use_flash("agreement_write");
    let title = if has_version { l.t(K::AgreementChangeTitle) } else { l.t(K::AgreementDraftTitle) };
    view! {
        <section class="card no-print" id="draft" aria-labelledby="draft-title">
            <h2 id="draft-title">{title}</h2>
            <p class="muted">{l.t(if has_version { K::AgreementChangeExplain } else { K::AgreementDraftExplain })}</p>
            <form method="post" enctype="multipart/form-data" action={crate::forms::action::<crate::api::agreements::WriteAgreement>()} class="form">
                <FormErrorSummary flash=flash.clone()/>
                <input type="hidden" name="id" value=case_id.to_string()/>
                {text_area(l, "agreement-objectives", "objectives", K::AgreementObjectives, None, &draft.objectives)}
                {deliverable_rows(l, &draft.deliverables)}
                {responsibility_rows(l, &draft.responsibilities)}
                {text_area(l, "agreement-cost", "cost", K::AgreementCost, Some(K::AgreementCostHint), &draft.cost)}
                {text_area(l, "agreement-communication", "communication", K::AgreementCommunication, Some(K::AgreementCommunicationHint), &draft.communication)}
                <div class="row-pair">
                    <div class="field">
                        <label for="agreement-starts">{l.t(K::AgreementStarts)}</label>
                        <input id="agreement-starts" type="date" name="starts" required value=draft.starts.clone()/>
                    </div>
                    <div class="field">
                        <label for="agreement-ends">{l.t(K::AgreementEnds)}</label>
                        <input id="agreement-ends" type="date" name="ends" required value=draft.ends.clone()/>
                    </div>
                </div>
                <button type="submit" class="button button-primary">{l.t(if has_version { K::AgreementSaveVersion } else { K::AgreementSaveFirst })}</button>
            </form>
        </section>
    }
    .into_any()
}
