//! Reading introductions: one introduction's page (what a provider it names sees), and a case's
//! introductions and threads on its page, per audience.

use crate::error::AppError;
use crate::model::{CaseIntros, IntroductionPage};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One introduction as the caller may see it (a provider it names, the government when it is a
/// party, the case team); anyone else gets 404.
#[server(name = IntroductionDetail, endpoint = "introduction_detail", input = GetUrl)]
pub async fn introduction_detail(id: String) -> Result<IntroductionPage, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::{cases, introductions, threads};
    use crate::domain::introductions::{status_of, IntroStatus};
    use crate::domain::policy::{can, Action, IntroRef, Resource};
    use crate::model::{OrgChoice, PartyView};
    let actor = current_session().actor;
    authorize(&actor, Action::ViewInbox, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let Some(intro) = introductions::get(db, &id).await? else { return Err(AppError::NotFound.respond()) };
    let Some(listed) = cases::get_listed(db, &intro.case_id).await? else { return Err(AppError::NotFound.respond()) };
    let c = &listed.case;
    let providers = intro.providers();
    let r = Resource::Introduction(IntroRef {
        case: c.policy_ref(),
        providers: &providers,
        with_government: intro.with_government,
    });
    let team = can(&actor, Action::ViewCaseInternals, Resource::Case(c.policy_ref()));
    // nobody outside the case team hears of an introduction before it is approved
    if !can(&actor, Action::ViewIntroduction, r) || (intro.status == IntroStatus::AwaitingApproval && !team) {
        return Err(AppError::NotFound.respond());
    }
    let status = match status_of(&intro.rule_parties(), intro.respond_by, crate::db::now_ms()) {
        // a lapse the sweep has not recorded yet shows as what it is
        IntroStatus::Lapsed => IntroStatus::Lapsed,
        _ => intro.status,
    };
    let answer_for = intro
        .parties
        .iter()
        .filter(|p| {
            p.answer.is_none() && status == IntroStatus::Waiting && actor.member_of.contains(&p.organisation_id)
        })
        .map(|p| OrgChoice { id: p.organisation_id.clone(), name: p.name.clone() })
        .collect();
    let thread_id = match status {
        IntroStatus::Accepted => threads::of_introduction(db, &id).await?,
        _ => None,
    };
    Ok(IntroductionPage {
        kind: intro.kind,
        note: intro.note.clone(),
        government: intro.with_government.then(|| listed.organisation.clone()),
        country: listed.country.clone(),
        // the scope as the government confirmed it, never a draft or internal notes
        scope: c.scope.clone().filter(|_| c.scope_confirmed_at.is_some()),
        parties: intro.parties.iter().map(|p| PartyView { name: p.name.clone(), answer: p.answer }).collect(),
        respond_by: intro.respond_by,
        answer_for,
        thread_id,
        can_approve: status == IntroStatus::AwaitingApproval
            && can(&actor, Action::ApproveIntroduction, Resource::Case(c.policy_ref())),
        status,
        id: intro.id,
    })
}

/// A case's introductions and threads, as the caller may see them (after the case page's own
/// checks: someone who may not see the case gets 404).
#[server(name = CaseIntroductions, endpoint = "case_introductions", input = GetUrl)]
pub async fn case_introductions(id: String) -> Result<CaseIntros, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::{cases, introductions, threads};
    use crate::domain::casework::Decision;
    use crate::domain::policy::{can, case_audience, Action, Resource};
    use crate::domain::timeline::Audience;
    use crate::model::{GovIntro, IntroSummary, OrgChoice, PartyReason, PartyView, TeamIntros, ThreadKind, ThreadLink};
    let actor = current_session().actor;
    authorize(&actor, Action::FollowCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let Some(c) = cases::get(db, &id).await? else { return Err(AppError::NotFound.respond()) };
    let Some(audience) = case_audience(&actor, c.policy_ref()) else { return Err(AppError::NotFound.respond()) };
    let intros = introductions::of_case(db, &id).await?;
    let case_threads = threads::of_case(db, &id).await?;
    let thread_of =
        |intro: &str| case_threads.iter().find(|t| t.introduction_id.as_deref() == Some(intro)).map(|t| t.id.clone());
    let parties = |i: &introductions::Introduction| -> Vec<PartyView> {
        i.parties.iter().map(|p| PartyView { name: p.name.clone(), answer: p.answer }).collect()
    };
    match audience {
        Audience::Staff => Ok(CaseIntros::Hidden),
        Audience::Government => Ok(CaseIntros::Government {
            intros: intros
                .iter()
                .filter(|i| i.with_government && i.sent_at.is_some())
                .map(|i| GovIntro {
                    id: i.id.clone(),
                    kind: i.kind,
                    status: i.status,
                    parties: parties(i),
                    thread_id: thread_of(&i.id),
                })
                .collect(),
            thread_id: case_threads.iter().find(|t| t.introduction_id.is_none()).map(|t| t.id.clone()),
        }),
        Audience::CaseTeam => {
            let decisions = cases::decisions(db, &id).await?;
            let shortlist = decisions
                .iter()
                .filter(|d| d.decision == Decision::Shortlisted)
                .map(|d| OrgChoice { id: d.provider_id.clone(), name: d.provider.clone() })
                .collect();
            let excluded: Vec<&str> =
                decisions.iter().filter(|d| d.decision == Decision::Excluded).map(|d| d.provider_id.as_str()).collect();
            let experts = cases::candidates_named(db)
                .await?
                .into_iter()
                .filter(|n| !excluded.contains(&n.candidate.id.as_str()))
                .map(|n| OrgChoice { id: n.candidate.id, name: n.name })
                .collect();
            let summaries = intros
                .iter()
                .map(|i| IntroSummary {
                    id: i.id.clone(),
                    kind: i.kind,
                    status: i.status,
                    note: i.note.clone(),
                    with_government: i.with_government,
                    parties: parties(i),
                    reasons: i
                        .parties
                        .iter()
                        .filter(|p| !p.reason.is_empty())
                        .map(|p| PartyReason { name: p.name.clone(), reason: p.reason.clone() })
                        .collect(),
                    respond_by: i.respond_by,
                    created_at: i.created_at,
                    thread_id: thread_of(&i.id),
                })
                .collect();
            let links = case_threads
                .iter()
                .map(|t| ThreadLink {
                    id: t.id.clone(),
                    kind: if t.introduction_id.is_some() { ThreadKind::Introduction } else { ThreadKind::Government },
                    parties: t.participants.iter().filter(|p| p.removed_at.is_none()).map(|p| p.name.clone()).collect(),
                    last_seq: t.last_seq,
                })
                .collect();
            let r = Resource::Case(c.policy_ref());
            Ok(CaseIntros::Team(Box::new(TeamIntros {
                intros: summaries,
                threads: links,
                shortlist,
                experts,
                can_introduce: can(&actor, Action::Introduce, r),
                can_approve: can(&actor, Action::ApproveIntroduction, r),
                needs_approval: state.introductions.needs_approval,
            })))
        }
    }
}
