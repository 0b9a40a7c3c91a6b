//! A government comes back: from one of its cases it opens a new request that follows it (the
//! earlier request's answers are the starting point, to refine); the case the new request opens
//! records the earlier one, and its Case Manager sees that history.

use crate::error::AppError;
use leptos::prelude::*;

/// Starts a new request following case `id` (one of the caller's government's) and goes to its
/// review page, where every answer can be changed before it is sent.
#[server(name = FollowOnRequest, endpoint = "follow_on_request")]
pub async fn follow_on_request(id: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::surveys;
    use crate::domain::policy::{can, Action, Resource};
    use crate::domain::survey::SurveyKind;
    let current = current_session();
    authorize(&current.actor, Action::FollowCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let Some(c) = crate::db::cases::get(state.db.read(), &id).await? else { return Err(AppError::NotFound.respond()) };
    if !can(&current.actor, Action::ViewOwnCase, Resource::Case(c.policy_ref())) {
        return Err(AppError::NotFound.respond());
    }
    let mut answers =
        crate::db::roster::request(state.db.read(), &c.request_id).await?.map(|r| r.answers).unwrap_or_default();
    if let Some(user) = &current.user {
        answers.0.insert("respondent_name".into(), vec![user.name.clone()]);
        answers.0.insert("respondent_email".into(), vec![user.email.clone()]);
    }
    let kind = SurveyKind::Demand;
    let signed_in = current.user.is_some();
    let steps = kind.steps().len() as i64;
    // a complete starting point opens on the review page; else on the first step to finish
    let reached = match crate::domain::survey::first_incomplete(kind, &answers, signed_in) {
        None => steps + 1,
        Some(_) => 1,
    };
    let user = current.actor.user_id.clone();
    let mut tx = state.db.write().begin().await?;
    let created =
        surveys::create(&mut tx, kind, user.as_deref(), Some(c.organisation_id.as_str()), &answers, reached).await?;
    surveys::set_follows(&mut tx, &created.id, &c.id).await?;
    tx.commit().await?;
    crate::api::survey::set_draft_cookie(kind, &created.key);
    leptos_axum::redirect(&if reached > steps {
        "/survey/demand/review".to_string()
    } else {
        "/survey/demand/step/1".to_string()
    });
    Ok(())
}
