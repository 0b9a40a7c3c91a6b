//! `/numbers`: the mechanism in aggregate figures for anyone: providers listed, requests and
//! where they came from, how far cases went and how long it took, how providers answered,
//! outcomes. No names; a spread or a mean stands only on enough cases to say nothing of one.

use crate::error::AppError;
use crate::model::NumbersView;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The public numbers, over every case since the start.
#[server(name = PublicNumbers, endpoint = "public_numbers", input = GetUrl)]
pub async fn public_numbers() -> Result<NumbersView, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::open_data::SUPPRESS_BELOW;
    use crate::domain::oversight::{figures, Answer, OversightQuery, Spread};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::ViewPublicData, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let today = crate::domain::time::day_of(crate::db::now_ms());
    let all_time = OversightQuery { from: 0, to: today, area: None, region: None };
    let facts = crate::db::oversight::range_facts(db, &all_time).await?;
    let f = figures(&facts.cases, &facts.answers, &facts.ratings);
    let counts = crate::db::public::counts(db).await?;
    let enough =
        |s: Spread| if s.count >= SUPPRESS_BELOW { s } else { Spread { count: s.count, median: None, p90: None } };
    let answered = |a: Answer| f.answers.iter().find(|(x, _)| *x == a).map_or(0, |(_, n)| *n);
    let rated: i64 = f.ratings.iter().map(|(_, n)| n).sum();
    Ok(NumbersView {
        providers: counts.providers,
        in_directory: counts.in_directory,
        requests: counts.requests,
        governments: counts.governments,
        countries: counts.countries,
        funnel: f.funnel.iter().map(|s| (s.stage, s.reached)).collect(),
        to_introduction: enough(f.to_introduction),
        to_agreement: enough(f.to_agreement),
        accepted: answered(Answer::Accepted),
        answered: answered(Answer::Accepted) + answered(Answer::Declined),
        outcomes: f.outcomes,
        mean_rating_tenths: f.mean_rating_tenths.filter(|_| rated >= SUPPRESS_BELOW),
        stories: counts.stories,
    })
}
