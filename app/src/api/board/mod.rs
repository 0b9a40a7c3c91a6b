//! The live case board (`/board`, staff; steering reads it): the cards in their columns for a
//! view's filters, moves made by dropping a card on a column (or choosing "Move to…", or the
//! plain form each card has without script), and each person's saved views.

mod moves;
mod views;

pub use moves::*;
pub use views::*;

use crate::error::AppError;
use crate::model::BoardView;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The board for `query` (the page's URL query: `stage`, `cm`, `area`, `region`, `waiting`,
/// `overdue`, `mine`): every working stage's cards that pass the filters, the oldest in its
/// stage first; cases on hold and closed counted beside.
#[server(name = BoardRead, endpoint = "board", input = GetUrl)]
pub async fn board(query: String) -> Result<BoardView, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::{board as db_board, cases};
    use crate::domain::board::{days_between, is_column, waiting_on, WaitFacts, COLUMNS};
    use crate::domain::case::CaseStage;
    use crate::domain::casework::{CaseQuery, CaseRowFacts};
    use crate::domain::policy::{can, Action, Resource};
    use crate::i18n::K;
    use crate::model::{BoardCard, BoardColumn};
    let actor = current_session().actor;
    authorize(&actor, Action::ViewCases, Resource::Platform)?;
    let q = CaseQuery::parse(&query).map_err(|e| AppError::invalid(e.param, K::CaseErrorBadFilter).respond())?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let me = actor.user_id.clone().unwrap_or_default();
    let facets = cases::facets(db, None).await?;
    let facts = db_board::card_facts(db, &me).await?;
    let now = crate::db::now_ms();
    let today = crate::domain::time::day_of(now);
    let mut columns: Vec<BoardColumn> =
        COLUMNS.into_iter().map(|stage| BoardColumn { stage, cards: Vec::new() }).collect();
    let (mut on_hold, mut closed, mut overdue) = (0, 0, 0);
    for listed in cases::all_listed(db).await? {
        let movable = can(&actor, Action::MoveCase, Resource::Case(listed.case.policy_ref()));
        let scope_unconfirmed = listed.case.scope.is_some() && listed.case.scope_confirmed_at.is_none();
        let changed_at = listed.case.updated_at;
        let c = super::cases::support::summary(listed, &facets, today);
        let f = facts.get(&c.id).cloned().unwrap_or_default();
        let waiting = waiting_on(&WaitFacts { stage: Some(c.stage), scope_unconfirmed, ..f.wait });
        if c.overdue && is_column(c.stage) {
            overdue += 1;
        }
        let row = CaseRowFacts {
            stage: c.stage,
            case_manager: c.case_manager_id.as_deref(),
            areas: &c.areas,
            regions: &c.regions,
            waiting: &waiting,
            next_step_due_day: c.next_step_due_day,
            hold_until_day: c.hold_until_day,
        };
        if !q.admits(&row, actor.user_id.as_deref(), today) {
            continue;
        }
        match c.stage {
            CaseStage::OnHold => on_hold += 1,
            CaseStage::Closed => closed += 1,
            stage => {
                let days = days_between(f.stage_since.unwrap_or(changed_at), now);
                let card = BoardCard {
                    areas: c.areas.iter().take(3).copied().collect(),
                    case_manager: c.case_manager,
                    stage,
                    days_in_stage: days,
                    ageing: state.board.classify(days),
                    next_step: c.next_step,
                    next_step_due_day: c.next_step_due_day,
                    overdue: c.overdue,
                    unread: f.unread,
                    introductions_waiting: f.wait.introductions_waiting,
                    waiting,
                    movable,
                    version: c.version,
                    id: c.id,
                    organisation: c.organisation,
                    country: crate::domain::countries::Country::by_code(&c.country)
                        .map(|k| k.name(crate::i18n::use_locale()).to_string())
                        .unwrap_or_default(),
                };
                if let Some(col) = columns.iter_mut().find(|col| col.stage == stage) {
                    col.cards.push(card);
                }
            }
        }
    }
    for col in &mut columns {
        col.cards.sort_by(|a, b| b.days_in_stage.cmp(&a.days_in_stage).then(a.organisation.cmp(&b.organisation)));
    }
    Ok(BoardView {
        columns,
        on_hold,
        closed,
        overdue,
        query: crate::domain::board::query_string(&q),
        case_managers: cases::case_managers(db).await?,
        views: db_board::views(db, &me).await?,
        thresholds: state.board,
        me: actor.user_id,
    })
}
