//! One case's page: loading (queries and aggregates) here, the view each audience gets built
//! by the pure functions of `view`.

#[cfg(feature = "ssr")]
use super::{support, view};
use crate::error::AppError;
use crate::model::CasePage;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One case, as the caller may see it: staff get the Case Manager's working view (matches,
/// notes and decisions only for its Case Manager, steering and admins); a member of the
/// requesting government gets its own plain-language view; anyone else is refused.
#[server(name = CaseDetail, endpoint = "case_detail", input = GetUrl)]
pub async fn case_detail(id: String) -> Result<CasePage, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::cases;
    use crate::domain::policy::{can, case_audience, Action, Resource};
    use crate::domain::timeline::Audience;
    let actor = current_session().actor;
    // someone who could see no case at all is refused before any case is read
    authorize(&actor, Action::FollowCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let Some(listed) = cases::get_listed(db, &id).await? else { return Err(AppError::NotFound.respond()) };
    // a case of another organisation: as if it did not exist
    let Some(audience) = case_audience(&actor, listed.case.policy_ref()) else {
        return Err(AppError::NotFound.respond());
    };
    let decisions = cases::decisions(db, &id).await?;
    let earlier = load::earlier(db, &id).await?;
    if audience == Audience::Government {
        let can_confirm = can(&actor, Action::ConfirmScope, Resource::Case(listed.case.policy_ref()));
        let mut v = view::government(&listed, &decisions, can_confirm);
        v.earlier = earlier;
        return Ok(CasePage::Government(Box::new(v)));
    }
    let loaded = load::staff(db, listed, decisions, audience).await?;
    let mut v = view::staff(&actor, loaded, support::today());
    v.earlier = earlier;
    Ok(CasePage::Staff(Box::new(v)))
}

#[cfg(feature = "ssr")]
mod load {
    use super::view::{self, Loaded, Names};
    use crate::db::{cases, Db};
    use crate::domain::casework::{arrange, Decision};
    use crate::domain::matching::rank;
    use crate::domain::timeline::{Audience, Subject};
    use crate::error::AppError;
    use crate::model::{MatchView, NoteView};

    /// The earlier cases case `id` follows (a government that came back), nearest first.
    pub async fn earlier(db: &Db, id: &str) -> Result<Vec<crate::model::EarlierCase>, AppError> {
        let mut out = Vec::new();
        for e in cases::earlier_cases(db, id).await? {
            let Some(c) = cases::get(db, &e).await? else { continue };
            let answers = crate::db::roster::request(db, &c.request_id).await?.map(|r| r.answers).unwrap_or_default();
            let need: String = answers.first("need").chars().take(240).collect();
            out.push(crate::model::EarlierCase {
                id: c.id,
                stage: c.stage,
                outcome: c.outcome,
                need,
                updated_at: c.updated_at,
            });
        }
        Ok(out)
    }

    /// Everything the staff view of a case is built from.
    pub async fn staff(
        db: &Db,
        listed: cases::Listed,
        decisions: Vec<cases::Decided>,
        audience: Audience,
    ) -> Result<Loaded, AppError> {
        let c = &listed.case;
        let request = crate::db::roster::request(db, &c.request_id).await?.map(|r| r.answers).unwrap_or_default();
        let case_managers = cases::case_managers(db).await?;
        let events = cases::timeline(db, &c.id).await?;
        // whom entries are about: Case Managers and decided providers are known already;
        // anyone else (a disabled Case Manager, a provider whose decision was cleared) is read
        let mut names = Names::default();
        names.users.extend(case_managers.iter().map(|m| (m.user_id.clone(), m.name.clone())));
        names.organisations.extend(decisions.iter().map(|d| (d.provider_id.clone(), d.provider.clone())));
        let mut found = Names::default();
        for subject in view::unnamed(&events, audience, &names) {
            match subject {
                Subject::User(id) => {
                    if let Some(u) = crate::db::users::get(db, id).await? {
                        found.users.insert(id.to_string(), u.name);
                    }
                }
                Subject::Organisation(id) => {
                    if let Some(o) = crate::db::organisations::get(db, id).await? {
                        found.organisations.insert(id.to_string(), o.name);
                    }
                }
            }
        }
        names.users.extend(found.users);
        names.organisations.extend(found.organisations);
        let timeline = view::timeline(events, audience, &names);
        // similar cases: only those sharing an issue area and a region are read
        let others = cases::listed_in(db, &cases::sharing_area_and_region(db, &c.id).await?).await?;
        let ids: Vec<String> = others.iter().map(|l| l.case.id.clone()).chain([c.id.clone()]).collect();
        let facets = cases::facets(db, Some(&ids)).await?;
        let similar = view::similar_cases(&listed, &others, &facets);
        let (matches, excluded, notes) = if audience == Audience::CaseTeam {
            let (scope, _) = super::support::scope_of(c, &request);
            let named = cases::candidates_named(db).await?;
            let candidates: Vec<_> = named.iter().map(|n| n.candidate.clone()).collect();
            // the weights the steering committee set (the built-in ones until it does)
            let weights = crate::db::tuning::current(db).await?.map(|c| c.tuning.weights).unwrap_or_default();
            let ranked = rank(&scope.scope, &candidates, &weights);
            let keyed: Vec<(String, Decision, String)> =
                decisions.iter().map(|d| (d.provider_id.clone(), d.decision, d.reason.clone())).collect();
            let (shown, excluded) = arrange(ranked, &keyed, super::super::MATCHES_SHOWN);
            let name_of =
                |id: &str| named.iter().find(|n| n.candidate.id == id).map(|n| n.name.clone()).unwrap_or_default();
            let view = |a: crate::domain::casework::Arranged| MatchView { name: name_of(&a.ranked.id), arranged: a };
            let notes = cases::notes(db, &c.id)
                .await?
                .into_iter()
                .map(|n| NoteView { at: n.at, kind: n.kind, author: n.author_name, body: n.body })
                .collect();
            (Some(shown.into_iter().map(view).collect()), excluded.into_iter().map(view).collect(), Some(notes))
        } else {
            (None, Vec::new(), None)
        };
        let facts = cases::facts(db, &listed.case).await?;
        Ok(Loaded {
            listed,
            decisions,
            request,
            facets,
            timeline,
            case_managers,
            matches,
            excluded,
            notes,
            similar,
            facts,
        })
    }
}
