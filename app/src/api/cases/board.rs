//! The staff case board and a government's own list of cases.

#[cfg(feature = "ssr")]
use super::support;
use crate::error::AppError;
use crate::model::CaseBoard;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The staff case board: every case passing the filters of `query` (the page's URL query:
/// `stage`, `cm`, `area`, `region`, `overdue`, `mine`), most recently changed first, with the
/// count of cases in each stage and the Case Managers' caseloads.
#[server(name = CaseList, endpoint = "case_list", input = GetUrl)]
pub async fn case_list(query: String) -> Result<CaseBoard, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::cases;
    use crate::domain::case::CaseStage;
    use crate::domain::casework::{CaseQuery, CaseRowFacts};
    use crate::domain::policy::{Action, Resource};
    use crate::i18n::K;
    let actor = current_session().actor;
    authorize(&actor, Action::ViewCases, Resource::Platform)?;
    let q = CaseQuery::parse(&query).map_err(|e| AppError::invalid(e.param, K::CaseErrorBadFilter).respond())?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let facets = cases::facets(db, None).await?;
    let today = support::today();
    let all: Vec<_> = cases::all_listed(db).await?.into_iter().map(|l| support::summary(l, &facets, today)).collect();
    let counts = CaseStage::ALL
        .into_iter()
        .map(|stage| crate::model::StageCount { stage, cases: all.iter().filter(|c| c.stage == stage).count() })
        .collect();
    let overdue = all.iter().filter(|c| c.overdue).count();
    let total = all.len();
    let me = actor.user_id.clone();
    let cases = all
        .into_iter()
        .filter(|c| {
            // the list does not know whom a case waits on (the board does)
            let row = CaseRowFacts {
                waiting: &[],
                stage: c.stage,
                case_manager: c.case_manager_id.as_deref(),
                areas: &c.areas,
                regions: &c.regions,
                next_step_due_day: c.next_step_due_day,
                hold_until_day: c.hold_until_day,
            };
            q.admits(&row, me.as_deref(), today)
        })
        .collect();
    let case_managers = cases::case_managers(db).await?;
    Ok(CaseBoard { cases, counts, overdue, total, case_managers, me })
}

/// The cases of the organisations the caller belongs to (a government's own requests), with
/// only what the government's view shows.
#[server(name = MyCases, endpoint = "my_cases", input = GetUrl)]
pub async fn my_cases() -> Result<Vec<crate::model::GovCaseSummary>, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{can, Action, Resource};
    let actor = current_session().actor;
    authorize(&actor, Action::ListOwnCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let mut out = Vec::new();
    for org in &actor.member_of {
        for listed in crate::db::cases::of_organisation(state.db.read(), org).await? {
            if !can(&actor, Action::ViewOwnCase, Resource::Case(listed.case.policy_ref())) {
                continue;
            }
            let c = listed.case;
            out.push(crate::model::GovCaseSummary {
                id: c.id,
                organisation: listed.organisation,
                stage: c.stage,
                outcome: c.outcome,
                updated_at: c.updated_at,
            });
        }
    }
    Ok(out)
}
