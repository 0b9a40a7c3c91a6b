//! Saved views of the board: each staff member keeps named filters of their own.

use crate::error::AppError;
use crate::model::SavedView;
use leptos::prelude::*;

/// The form that carries a refused "save this view" back to a board without script.
pub const VIEW_FORM: &str = "board_view";

/// Saves the board's `query` as the caller's view `name` (the same name again replaces it).
#[server(name = SaveBoardView, endpoint = "save_board_view")]
pub async fn save_board_view(name: String, query: String) -> Result<SavedView, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::board::{check_view_name, query_string, ViewRefusal, VIEWS_MAX};
    use crate::domain::casework::CaseQuery;
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::K;
    let actor = current_session().actor;
    authorize(&actor, Action::SaveBoardView, Resource::Platform)?;
    let user = actor.user_id.clone().unwrap_or_default();
    let state = crate::state::app_state()?;
    // a browser without script goes back to the board it saved from
    let back = |q: &str| {
        if crate::auth::is_plain_form_post() {
            leptos_axum::redirect(&format!("/board{}{q}", if q.is_empty() { "" } else { "?" }));
        }
    };
    let Ok(q) = CaseQuery::parse(&query) else {
        back("");
        return Err(refuse(FormFlash::new(VIEW_FORM).value("name", &name).error(K::CaseErrorBadFilter, Some("query"))));
    };
    let query = query_string(&q);
    let refused = |r: ViewRefusal| {
        back(&query);
        refuse(FormFlash::new(VIEW_FORM).value("name", &name).error(r.key(), Some("view-name")))
    };
    let clean = check_view_name(&name).map_err(&refused)?;
    let mut tx = state.db.write().begin().await?;
    let existing = crate::db::board::views(state.db.read(), &user).await?;
    if !existing.iter().any(|v| v.name == clean)
        && crate::db::board::view_count(&mut tx, &user).await? >= VIEWS_MAX as i64
    {
        return Err(refused(ViewRefusal::TooMany));
    }
    let id = crate::db::board::save_view(&mut tx, &user, &clean, &query, crate::db::now_ms()).await?;
    tx.commit().await?;
    back(&query);
    Ok(SavedView { id, name: clean, query })
}

/// Deletes one of the caller's views (`query`: the board to return to without script).
#[server(name = DeleteBoardView, endpoint = "delete_board_view")]
pub async fn delete_board_view(id: String, query: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    let actor = current_session().actor;
    authorize(&actor, Action::SaveBoardView, Resource::Platform)?;
    let user = actor.user_id.clone().unwrap_or_default();
    let state = crate::state::app_state()?;
    let mut tx = state.db.write().begin().await?;
    let found = crate::db::board::delete_view(&mut tx, &user, &id).await?;
    tx.commit().await?;
    if !found {
        return Err(AppError::NotFound.respond());
    }
    if crate::auth::is_plain_form_post() {
        let q = crate::domain::casework::CaseQuery::parse(&query)
            .map(|q| crate::domain::board::query_string(&q))
            .unwrap_or_default();
        leptos_axum::redirect(&format!("/board{}{q}", if q.is_empty() { "" } else { "?" }));
    }
    Ok(())
}
