//! A card moved on the board: dropped on a column, chosen in "Move to…", or sent by the plain
//! form each card has without script. One compare-and-swap write through the state machine,
//! the timeline entry in the same transaction, then the live event every board hears.

use crate::error::AppError;
use crate::model::BoardMoved;
use leptos::prelude::*;

/// The form that carries a refused board move back to a board without script.
pub const MOVE_FORM: &str = "board_move";

/// Moves case `id`, as read at `version`, to the working stage `to`. `back` is the board's
/// query (the view the move was made from, where a browser without script returns). A move
/// the state machine refuses says why (422); a case changed meanwhile is a conflict (409) and
/// the board refetches it as it now is. Nothing is written either way.
#[server(name = BoardMove, endpoint = "board_move")]
pub async fn board_move(id: String, version: i64, to: String, back: String) -> Result<BoardMoved, AppError> {
    use crate::api::cases::support;
    use crate::db::cases::{self, Author, Refused};
    use crate::domain::board::check_drop;
    use crate::domain::case::{CaseStage, Move};
    use crate::domain::casework::CaseQuery;
    use crate::domain::timeline::ChangeKind;
    use crate::forms::{refuse, refuse_with, FormFlash};
    use crate::i18n::K;
    let (state, current, c) = support::workable(&id).await?;
    // back to the same view (an unreadable one is the whole board)
    let back = CaseQuery::parse(&back).map(|q| crate::domain::board::query_string(&q)).unwrap_or_default();
    let board_url = format!("/board{}{}#card-{id}", if back.is_empty() { "" } else { "?" }, back);
    let flash = || FormFlash::new(MOVE_FORM).value("case", &id);
    // a browser without script goes back to its board; with script the page says what happened
    let back_to_board = || {
        if crate::auth::is_plain_form_post() {
            leptos_axum::redirect(&board_url);
        }
    };
    let refused = |key: K| {
        back_to_board();
        refuse(flash().error(key, Some("to")))
    };
    let Some(to) = CaseStage::from_key(&to) else { return Err(refused(K::ErrorUnknownOption)) };
    // the card the caller moved is no longer as they saw it: they see it as it is now first
    if c.version != version {
        back_to_board();
        return Err(refuse_with(flash(), AppError::Conflict));
    }
    if let Err(r) = check_drop(c.stage, to) {
        return Err(refused(r.key()));
    }
    let mut tx = state.db.write().begin().await?;
    let facts = cases::facts(&mut tx, &c).await?;
    let author = Author::now(current.actor.user_id.as_deref(), "");
    match cases::move_case(&mut tx, &id, version, Move::To(to), &facts, support::today(), author).await? {
        Ok(moved) => {
            tx.commit().await?;
            state.events.publish(moved.changed(ChangeKind::Stage)).await;
            back_to_board();
            Ok(BoardMoved { id: moved.id, stage: moved.stage, version: moved.version })
        }
        Err(Refused::NotFound) => Err(AppError::NotFound.respond()),
        Err(Refused::Stale(_)) => {
            back_to_board();
            Err(refuse_with(flash(), AppError::Conflict))
        }
        Err(Refused::Move(r)) => Err(refused(r.key())),
    }
}
