//! `/cases`: the staff case board (live, filtered by stage, Case Manager, area, region, overdue,
//! "my cases"), or a government's own cases. `/cases/{id}`: the Case Manager's working page
//! (request, scope, next step, matches with their explanations and decisions, shortlist, notes,
//! similar cases, timeline), or the requesting government's own view of its case (where it
//! stands, what happens next, the scope to confirm). Every action is a plain form.
//!
//! Each section of a page is built by its own function returning [`AnyView`]: the erased type
//! keeps the page's view type shallow however many sections it gains (release builds do not
//! erase component types, and a deep view type overflows the compiler's query depth).

mod board;
mod desk;
mod government;
mod history;
pub(crate) mod introductions;
mod matches;
mod moves;
mod scope;

pub use board::CasesPage;
pub(crate) use board::{case_row, filter_selects};
pub use desk::CasePage;
pub(crate) use matches::factor_line as factor_line_for;
pub(crate) use scope::scope_summary as scope_summary_for;

use crate::components::stage_badge;
use crate::domain::countries::Country;
use crate::i18n::{Locale, K};
use leptos::prelude::*;

fn country_name(l: Locale, code: &str) -> &'static str {
    Country::by_code(code).map(|c| c.name(l)).unwrap_or("")
}

fn hidden(name: &'static str, value: String) -> AnyView {
    view! { <input type="hidden" name=name value=value/> }.into_any()
}

/// Links to the case's selection and agreement pages, once the case has reached them.
fn agreement_links(l: Locale, id: &str, stage: crate::domain::case::CaseStage, government: bool) -> AnyView {
    use crate::domain::case::CaseStage::*;
    let selection = matches!(stage, Introductions | Selection | Agreement | Active | Closed);
    let agreement = matches!(stage, Agreement | Active | Closed);
    if !selection {
        return ().into_any();
    }
    let choose = if government && matches!(stage, Introductions | Selection) {
        l.t(K::SelectionLinkChoose)
    } else {
        l.t(K::SelectionLink)
    };
    view! {
        <section class="card" id="agreement-links" aria-labelledby="agreement-links-title">
            <h2 id="agreement-links-title">{l.t(K::AgreementSectionTitle)}</h2>
            <ul class="links">
                <li><a href=format!("/cases/{id}/selection")>{choose}</a></li>
                {agreement.then(|| view! { <li><a href=format!("/cases/{id}/agreement")>{l.t(K::AgreementOpen)}</a></li> })}
                {(stage == Closed).then(|| view! { <li><a href=format!("/cases/{id}/story")>{l.t(K::StoryDeskTitle)}</a></li> })}
            </ul>
        </section>
    }
    .into_any()
}

/// The earlier cases this one follows (a government that came back), with what was asked then.
fn earlier_section(l: Locale, earlier: &[crate::model::EarlierCase]) -> AnyView {
    if earlier.is_empty() {
        return ().into_any();
    }
    view! {
        <section class="card" id="earlier" aria-labelledby="earlier-title">
            <h2 id="earlier-title">{l.t(K::CaseEarlierTitle)}</h2>
            <p class="muted">{l.t(K::CaseEarlierLead)}</p>
            <ol class="similar">
                {earlier.iter().map(|e| view! {
                    <li>
                        <a href=format!("/cases/{}", e.id)>{crate::domain::time::format_utc(e.updated_at)}</a>" "
                        {stage_badge(l, e.stage, e.outcome)}
                        <br/><span class="muted">{e.need.clone()}</span>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}

/// The government's way back: a new request that follows this case (from its answers).
fn follow_on_form(l: Locale, id: &str) -> AnyView {
    view! {
        <section class="card" id="again" aria-labelledby="again-title">
            <h2 id="again-title">{l.t(K::CaseAgainTitle)}</h2>
            <p>{l.t(K::CaseAgainLead)}</p>
            <form method="post" action={crate::forms::action::<crate::api::agreements::FollowOnRequest>()} class="form">
                <input type="hidden" name="id" value=id.to_string()/>
                <button type="submit" class="button button-secondary">{l.t(K::CaseAgainSubmit)}</button>
            </form>
        </section>
    }
    .into_any()
}
