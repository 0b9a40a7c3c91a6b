//! Authentication on the server: password hashing, session cookies, and the current actor of a
//! request (who is asking), which every server function passes to the policy first.

pub mod password;
pub mod session;

use crate::domain::policy::{can, Action, Actor, Resource};
use crate::error::AppError;
use crate::state::app_state;
use leptos::prelude::use_context;

/// Who is making the current request: anonymous unless the request carries a valid session
/// cookie. Expired sessions are treated as anonymous.
pub async fn current_actor() -> Result<Actor, AppError> {
    let Some(parts) = use_context::<http::request::Parts>() else {
        return Ok(Actor::anonymous());
    };
    let state = app_state()?;
    let token = session::token_from_headers(&parts.headers, state.sessions.tls);
    let Some(token) = token else { return Ok(Actor::anonymous()) };
    match session::resume(&state.db, &token, &state.sessions, crate::db::now_ms()).await? {
        Some(user) => {
            let memberships = crate::db::users::memberships(state.db.read(), &user.user_id).await?;
            Ok(Actor {
                user_id: Some(user.user_id),
                staff_role: user.staff_role,
                member_of: memberships.iter().map(|(org, _)| org.clone()).collect(),
                owner_of: memberships.into_iter().filter(|(_, owner)| *owner).map(|(org, _)| org).collect(),
            })
        }
        None => Ok(Actor::anonymous()),
    }
}

/// Asks the policy; `Unauthenticated` for an anonymous caller who might be allowed after
/// signing in, `Forbidden` otherwise.
pub fn authorize(actor: &Actor, action: Action, resource: Resource<'_>) -> Result<(), AppError> {
    if can(actor, action, resource) {
        Ok(())
    } else if actor.is_signed_in() {
        Err(AppError::Forbidden.respond())
    } else {
        Err(AppError::Unauthenticated.respond())
    }
}
