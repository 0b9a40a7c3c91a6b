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
pub use desk::CasePage;
pub(crate) use scope::scope_summary as scope_summary_for;

use crate::components::stage_badge;
use crate::domain::countries::Country;
use crate::i18n::Locale;
use leptos::prelude::*;

fn country_name(l: Locale, code: &str) -> &'static str {
    Country::by_code(code).map(|c| c.name(l)).unwrap_or("")
}

fn hidden(name: &'static str, value: String) -> AnyView {
    view! { <input type="hidden" name=name value=value/> }.into_any()
}
