//! Oversight for the steering committee (and admins): the figures of the cases whose request
//! arrived in a range (`/oversight`), the cases behind any one of them (`/oversight/cases`),
//! and the supply and demand gap map with its outreach action (`/oversight/gaps`).

mod gaps;
mod tuning;

pub use gaps::*;
pub use tuning::*;

use crate::error::AppError;
use crate::model::{DrillDown, OversightView};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The figures for `query` (`from`, `to` as `YYYY-MM-DD`, `area`, `region`; the last year by
/// default). A reversed or over-long range, an unknown filter or value: 422 naming it.
#[server(name = OversightRead, endpoint = "oversight", input = GetUrl)]
pub async fn oversight(query: String) -> Result<OversightView, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::oversight::{figures, OversightQuery};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::ViewOversight, Resource::Platform)?;
    let today = crate::domain::time::day_of(crate::db::now_ms());
    let q = OversightQuery::parse(&query, today, &[]).map_err(|e| AppError::invalid(e.param, e.key).respond())?;
    let state = crate::state::app_state()?;
    let facts = crate::db::oversight::range_facts(state.db.read(), &q).await?;
    let mut figures = figures(&facts.cases, &facts.answers, &facts.ratings);
    for load in &mut figures.caseload {
        load.name = load.manager.as_ref().and_then(|m| facts.managers.get(m)).cloned().unwrap_or_default();
    }
    Ok(OversightView {
        query: q.query_string(),
        from_day: q.from,
        to_day: q.to,
        today,
        area: q.area,
        region: q.region,
        figures,
    })
}

/// The cases behind one figure: `query` is the range's with `metric` (`reached:matching`,
/// `manager:ID`, …). An unknown metric: 422.
#[server(name = OversightCases, endpoint = "oversight_cases", input = GetUrl)]
pub async fn oversight_cases(query: String) -> Result<DrillDown, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::oversight::{Metric, OversightQuery};
    use crate::domain::policy::{Action, Resource};
    use crate::i18n::K;
    use crate::model::DRILL_LIMIT;
    authorize(&current_session().actor, Action::ViewOversight, Resource::Platform)?;
    let today = crate::domain::time::day_of(crate::db::now_ms());
    let q =
        OversightQuery::parse(&query, today, &["metric"]).map_err(|e| AppError::invalid(e.param, e.key).respond())?;
    let metric = form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
        .find(|(k, _)| k == "metric")
        .and_then(|(_, v)| Metric::parse(v.trim()))
        .ok_or_else(|| AppError::invalid("metric", K::OversightErrorBadMetric).respond())?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let facts = crate::db::oversight::range_facts(db, &q).await?;
    let ids = metric.cases(&facts.cases, &facts.answers, &facts.ratings);
    let shown: Vec<String> = ids.iter().take(DRILL_LIMIT).cloned().collect();
    let facets = crate::db::cases::facets(db, Some(&shown)).await?;
    let mut cases: Vec<_> = crate::db::cases::listed_in(db, &shown)
        .await?
        .into_iter()
        .map(|listed| super::cases::support::summary(listed, &facets, today))
        .collect();
    cases.sort_by(|a, b| b.updated_at.cmp(&a.updated_at).then(a.id.cmp(&b.id)));
    let manager = match &metric {
        Metric::Manager(Some(id)) => facts.managers.get(id).cloned().unwrap_or_default(),
        _ => String::new(),
    };
    Ok(DrillDown { query: q.query_string(), metric: metric.key(), manager, total: ids.len() as i64, cases })
}
