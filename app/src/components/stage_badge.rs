//! Where a case stands, as a badge: its stage (with the outcome once closed), in the case's
//! colours. A request shows its case's badge, so a closed case never reads as "Submitted".

use crate::domain::case::{CaseStage, Outcome};
use crate::i18n::{Locale, K};
use leptos::prelude::*;

/// The badge of a case in `stage` (and `outcome`, once closed).
pub fn stage_badge(l: Locale, stage: CaseStage, outcome: Option<Outcome>) -> AnyView {
    let text = match (stage, outcome) {
        (CaseStage::Closed, Some(o)) => format!("{} · {}", l.t(stage.label()), l.t(o.label())),
        _ => l.t(stage.label()).to_string(),
    };
    view! { <span class=format!("stage stage-{}", stage.key())>{text}</span> }.into_any()
}

/// The badge of a request: its case's stage, or "Submitted" before a case exists.
pub fn request_badge(l: Locale, case_stage: Option<crate::model::CaseStanding>) -> AnyView {
    match case_stage {
        Some(c) => stage_badge(l, c.stage, c.outcome),
        None => view! { <span class="badge">{l.t(K::SurveyRequestStatusSubmitted)}</span> }.into_any(),
    }
}
