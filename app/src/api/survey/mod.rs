//! The survey wizards: starting a draft, saving a step (a plain form post, or the autosave of
//! the WASM), e-mailed resume links, and submitting (which creates or updates the provider
//! profile, or creates the request). A draft is opened by a key in the respondent's cookie (or
//! an e-mailed link), or by its owner's account.
//!
//! Every save carries a sequence number larger than the draft's and an idempotency key: a
//! replayed save is answered "saved" without being applied again, a stale one (another tab or
//! device saved since) is refused and changes nothing.

#[cfg(feature = "ssr")]
mod form;
mod links;
mod save;
mod submit;

pub use links::*;
pub use save::*;
pub use submit::*;

use crate::error::AppError;
use crate::model::SurveyOverview;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Name of the cookie holding the key of the respondent's draft of `kind`.
#[cfg(feature = "ssr")]
fn cookie_name(kind: crate::domain::survey::SurveyKind) -> String {
    format!("ogpnm_survey_{}", kind.key())
}

#[cfg(feature = "ssr")]
fn parse_kind(kind: &str) -> Result<crate::domain::survey::SurveyKind, AppError> {
    crate::domain::survey::SurveyKind::from_key(kind).ok_or_else(|| AppError::NotFound.respond())
}

/// The respondent's draft, and whether it was opened by the key in this browser's cookie. A key
/// opens a draft only while nobody owns it (or the caller does). A signed-in respondent answers
/// only drafts they own: an anonymous draft becomes theirs when they sign in in the browser that
/// holds it, or confirm a resume link, never by a key alone, so a key planted in a browser can
/// never take the place of what its owner was answering.
#[cfg(feature = "ssr")]
async fn find_draft(
    state: &crate::state::AppState,
    kind: crate::domain::survey::SurveyKind,
    actor: &crate::domain::policy::Actor,
) -> Result<Option<(crate::db::surveys::Draft, bool)>, AppError> {
    use crate::db::surveys;
    use crate::domain::policy::{can, Action, Resource};
    let key = crate::auth::request_cookie(&cookie_name(kind)).filter(|k| !k.is_empty() && k.len() <= 100);
    let by_key = match key {
        Some(key) => surveys::by_key(state.db.read(), kind, &key).await?,
        None => None,
    }
    .filter(|d| can(actor, Action::RespondToSurvey, Resource::Draft { owner: d.user_id.as_deref(), key_held: true }));
    let Some(user) = actor.user_id.as_deref() else { return Ok(by_key.map(|d| (d, true))) };
    if let Some(mine) = by_key.as_ref().filter(|d| d.user_id.as_deref() == Some(user)) {
        return Ok(Some((mine.clone(), true)));
    }
    Ok(surveys::open_of_user(state.db.read(), kind, user).await?.map(|own| (own, false)))
}

/// After signing in: the anonymous drafts this browser was answering become the account's (the
/// respondent started before signing in). Submitted or owned drafts are left alone.
#[cfg(feature = "ssr")]
pub(crate) async fn adopt_browser_drafts(state: &crate::state::AppState, user_id: &str) -> Result<(), AppError> {
    use crate::db::surveys;
    use crate::domain::survey::SurveyKind;
    for kind in [SurveyKind::Supply, SurveyKind::Demand] {
        let Some(key) = crate::auth::request_cookie(&cookie_name(kind)).filter(|k| !k.is_empty() && k.len() <= 100)
        else {
            continue;
        };
        if let Some(draft) = surveys::by_key(state.db.read(), kind, &key).await? {
            if draft.user_id.is_none() && draft.submitted_at.is_none() {
                let mut tx = state.db.write().begin().await?;
                surveys::take_over_anonymous(&mut tx, &draft.id, user_id).await?;
                tx.commit().await?;
            }
        }
    }
    Ok(())
}

/// Sets the cookie that opens a draft in this browser.
#[cfg(feature = "ssr")]
pub(crate) fn set_draft_cookie(kind: crate::domain::survey::SurveyKind, key: &str) {
    crate::auth::set_app_cookie(&cookie_name(kind), key, crate::db::surveys::COOKIE_KEY_TTL_MS / 1000);
}

/// The draft the caller may answer, checked by the policy (submitted drafts included).
#[cfg(feature = "ssr")]
async fn authorized_draft(
    state: &crate::state::AppState,
    kind: crate::domain::survey::SurveyKind,
) -> Result<crate::db::surveys::Draft, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    let Some((draft, key_held)) = find_draft(state, kind, &current.actor).await? else {
        return Err(AppError::NotFound.respond());
    };
    authorize(&current.actor, Action::RespondToSurvey, Resource::Draft { owner: draft.user_id.as_deref(), key_held })?;
    Ok(draft)
}

/// Everything a survey page shows: the draft, and for a signed-in respondent their
/// organisation's provider profile and requests.
#[server(name = SurveyState, endpoint = "survey_state", input = GetUrl)]
pub async fn survey_state(kind: String) -> Result<SurveyOverview, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::{organisations, surveys};
    use crate::domain::policy::{can, Action, Resource};
    use crate::model::{DraftView, ProfileSummary, RequestSummary};
    let current = current_session();
    authorize(&current.actor, Action::RespondToSurvey, Resource::Platform)?;
    let kind = parse_kind(&kind)?;
    let state = crate::state::app_state()?;
    let signed_in = current.user.is_some();
    let draft = find_draft(&state, kind, &current.actor).await?.map(|(d, _)| d);
    let mut overview = SurveyOverview {
        // what a draft says is served while it is being answered, never once it was submitted
        // (a key that outlived the submission must not read what the respondent sent)
        email: current
            .user
            .as_ref()
            .map(|u| u.email.clone())
            .or_else(|| {
                draft
                    .as_ref()
                    .filter(|d| d.submitted_at.is_none())
                    .map(|d| d.answers.first("respondent_email").to_string())
            })
            .filter(|e| !e.is_empty()),
        draft: draft.map(|d| DraftView {
            id: d.id,
            kind,
            seq: d.seq,
            reached_step: d.reached_step,
            answers: if d.submitted_at.is_some() { Default::default() } else { d.answers },
            signed_in,
            submitted: d.submitted_at.is_some(),
            next_key: crate::db::new_id(),
        }),
        ..Default::default()
    };
    let orgs: Vec<String> = current.actor.member_of.clone();
    for org in orgs.iter().filter(|o| can(&current.actor, Action::ViewOwnSubmissions, Resource::Organisation(o))) {
        if overview.profile.is_none() {
            if let Some(current) = surveys::current_profile(state.db.read(), org).await? {
                let name = organisations::get(state.db.read(), org).await?.map(|o| o.name).unwrap_or_default();
                overview.profile = Some(ProfileSummary {
                    organisation_id: org.clone(),
                    organisation_name: name,
                    version: current.version,
                    submitted_at: current.at,
                });
            }
        }
    }
    overview.requests = surveys::requests_of(state.db.read(), &orgs)
        .await?
        .into_iter()
        .map(|r| RequestSummary {
            areas: r.answers.values("areas").to_vec(),
            need: r.answers.first("need").chars().take(200).collect(),
            case_stage: r.case_stage,
            id: r.id,
            status: r.status,
            created_at: r.created_at,
        })
        .collect();
    Ok(overview)
}

/// A wizard step: the survey's state and the step's form rendered to HTML (with the missing
/// answers flagged when `check`), so the browser needs no code to draw the questions.
#[server(name = SurveyStep, endpoint = "survey_step", input = GetUrl)]
pub async fn survey_step(kind: String, step: usize, check: bool) -> Result<crate::model::SurveyStepView, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::RespondToSurvey, Resource::Platform)?;
    let overview = survey_state(kind).await?;
    let form_html = match &overview.draft {
        Some(draft) if !draft.submitted && step as i64 <= draft.reached_step => {
            form::render_step(draft.kind, step, draft, check)
        }
        _ => String::new(),
    };
    Ok(crate::model::SurveyStepView { overview, form_html })
}

/// Starts (or reopens) the respondent's draft and goes to the step they reached. A signed-in
/// provider's draft starts from their current profile, so submitting it makes a new version.
#[server(name = SurveyStart, endpoint = "survey_start")]
pub async fn survey_start(kind: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::{organisations, surveys};
    use crate::domain::policy::{Action, Resource};
    use crate::domain::survey::{Answers, SurveyKind};
    let current = current_session();
    authorize(&current.actor, Action::RespondToSurvey, Resource::Platform)?;
    let kind = parse_kind(&kind)?;
    let state = crate::state::app_state()?;
    let user_id = current.actor.user_id.clone();
    if let Some((draft, _)) = find_draft(&state, kind, &current.actor).await?.filter(|(d, _)| d.submitted_at.is_none())
    {
        let steps = kind.steps().len() as i64;
        leptos_axum::redirect(&if draft.reached_step > steps {
            format!("/survey/{}/review", kind.key())
        } else {
            format!("/survey/{}/step/{}", kind.key(), draft.reached_step)
        });
        return Ok(());
    }
    // a provider updating their profile starts from its current version
    let organisation = current.actor.owner_of.first().or(current.actor.member_of.first()).cloned();
    let mut answers = Answers::default();
    if let (SurveyKind::Supply, Some(org)) = (kind, organisation.as_deref()) {
        if let Some(current) = surveys::current_profile(state.db.read(), org).await? {
            answers = current.answers;
        } else if let Some(crate::db::organisations::Organisation {
            name,
            kind: org_kind,
            country,
            website,
            description,
            ..
        }) = organisations::get(state.db.read(), org).await?
        {
            for (id, value) in [
                ("org_name", name),
                ("org_kind", org_kind.key().to_string()),
                ("org_country", country),
                ("org_description", description),
            ]
            .into_iter()
            .chain(website.map(|w| ("website", w)))
            {
                answers.0.insert(id.to_string(), vec![value]);
            }
        }
    }
    if let Some(user) = &current.user {
        answers.0.insert("respondent_name".into(), vec![user.name.clone()]);
        answers.0.insert("respondent_email".into(), vec![user.email.clone()]);
    }
    // a complete starting point (a profile to update) opens on the review page
    let steps = kind.steps().len() as i64;
    let signed_in = current.user.is_some();
    let reached =
        if crate::domain::survey::first_incomplete(kind, &answers, signed_in).is_none() { steps + 1 } else { 1 };
    let mut tx = state.db.write().begin().await?;
    let key = surveys::create(&mut tx, kind, user_id.as_deref(), organisation.as_deref(), &answers, reached).await?.key;
    tx.commit().await?;
    set_draft_cookie(kind, &key);
    leptos_axum::redirect(&if reached > steps {
        format!("/survey/{}/review", kind.key())
    } else {
        format!("/survey/{}/step/1", kind.key())
    });
    Ok(())
}
