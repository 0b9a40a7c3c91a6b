//! What the story functions share (server only): the desk each reader gets, whether a case may
//! have a story, and asking the parties to approve.

use crate::api::agreements::terms::{acts_for, Loaded};
use crate::db::cases::Case;
use crate::db::stories::Story;
use crate::domain::case::{CaseStage, Outcome};
use crate::domain::policy::{can, Action, Actor, Resource};
use crate::domain::stories::Consent;
use crate::error::AppError;
use crate::model::{ConsentStanding, StoryDesk};

/// Whether a case may have a story: it closed successfully.
pub fn eligible(c: &Case) -> bool {
    c.stage == CaseStage::Closed && c.outcome == Some(Outcome::Successful)
}

/// The desk `actor` gets (after the policy allowed them to read it).
pub fn desk(actor: &Actor, l: &Loaded, story: Option<Story>, consents: &[Consent]) -> StoryDesk {
    let sha = story.as_ref().map(|s| s.sha256.clone()).unwrap_or_default();
    let parties = l.parties();
    let standing = |p: &crate::domain::agreements::Party| consents.iter().find(|c| &c.party == p);
    let key = |p: &crate::domain::agreements::Party| {
        let (role, id) = p.role();
        format!("{}:{id}", role.key())
    };
    let mine: Vec<_> = parties.iter().filter(|p| story.is_some() && acts_for(actor, p)).collect();
    StoryDesk {
        case_id: l.case.id.clone(),
        government: l.government.clone(),
        story_id: story.as_ref().map(|s| s.id.clone()),
        sha256: sha.clone(),
        text: story.as_ref().map(|s| s.text.clone()).unwrap_or_default(),
        published_at: story.as_ref().and_then(|s| s.published_at),
        parties: parties
            .iter()
            .map(|p| {
                let c = standing(p);
                ConsentStanding {
                    name: l.party_name(p),
                    role: p.role().0,
                    approved: c.is_some_and(|c| c.sha256 == sha && !c.withdrawn),
                    withdrawn: c.is_some_and(|c| c.withdrawn),
                }
            })
            .collect(),
        eligible: eligible(&l.case),
        can_write: eligible(&l.case) && can(actor, Action::WriteStory, Resource::Case(l.case.policy_ref())),
        approve_as: mine
            .iter()
            .filter(|p| standing(p).is_none_or(|c| c.sha256 != sha || c.withdrawn))
            .map(|p| key(p))
            .collect(),
        withdraw_as: mine.iter().filter(|p| standing(p).is_some_and(|c| !c.withdrawn)).map(|p| key(p)).collect(),
    }
}

/// Asks every party (the government's and selected providers' members, the Case Manager) to
/// approve the story's text, in the app and by mail; the author is left out.
pub async fn ask_parties(
    tx: &mut crate::db::Tx,
    state: &crate::state::AppState,
    case: &Case,
    by: &str,
    at: i64,
) -> Result<(), AppError> {
    use crate::api::notify::{tell, Tell};
    use crate::domain::notices::NoticeKind;
    use crate::i18n::K;
    let mut organisations = vec![case.organisation_id.clone()];
    organisations.extend(crate::db::agreements::selected(&mut *tx, &case.id).await?.into_iter().map(|s| s.provider_id));
    let mut told = crate::db::notifications::members(&mut *tx, &organisations).await?;
    if let Some(manager) = &case.case_manager_id {
        told.extend(crate::db::notifications::person(&mut *tx, manager).await?);
    }
    let path = format!("/cases/{}/story", case.id);
    let what = Tell {
        kind: NoticeKind::StoryToApprove,
        case_id: Some(&case.id),
        path: &path,
        subject: K::MailStorySubject,
        body: K::MailStoryBody,
        vars: &[],
        at,
    };
    tell(tx, &state.mailer, &told, Some(by), &what).await?;
    Ok(())
}
