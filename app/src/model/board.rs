//! The live case board (staff only): its columns of cards, saved views, the answer to a move,
//! and who else is looking (presence).

use crate::domain::board::{Ageing, AgeingThresholds, Waiting};
use crate::domain::case::CaseStage;
use crate::domain::taxonomy::IssueArea;
use serde::{Deserialize, Serialize};

/// A case on the board.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardCard {
    pub id: String,
    /// The requesting government body, and its country's name in the caller's language (named
    /// on the server, so the browser's WASM carries no country table).
    pub organisation: String,
    pub country: String,
    /// Its first issue areas (at most three).
    pub areas: Vec<IssueArea>,
    /// The Case Manager's name.
    pub case_manager: Option<String>,
    pub stage: CaseStage,
    /// Whole days since it entered its stage, and how that reads against the thresholds.
    pub days_in_stage: i64,
    pub ageing: Ageing,
    pub next_step: String,
    /// Day number the next step is due.
    pub next_step_due_day: Option<i64>,
    pub overdue: bool,
    /// Messages in its threads the viewer has not read.
    pub unread: i64,
    /// Introductions sent (or awaiting approval) and not yet answered.
    pub introductions_waiting: i64,
    pub waiting: Vec<Waiting>,
    /// The viewer may move it (its Case Manager or an admin).
    pub movable: bool,
    pub version: i64,
}

/// One column: a working stage and the cards in it that pass the view's filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardColumn {
    pub stage: CaseStage,
    pub cards: Vec<BoardCard>,
}

/// A view someone saved: a name and the board's filters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SavedView {
    pub id: String,
    pub name: String,
    /// The query string, without `?`.
    pub query: String,
}

/// The board as one staff member sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardView {
    pub columns: Vec<BoardColumn>,
    /// Cases on hold and closed that pass the filters (counted, not shown as columns).
    pub on_hold: usize,
    pub closed: usize,
    /// Overdue cases on the board (unfiltered).
    pub overdue: usize,
    /// The filters as a canonical query string (what "save this view" keeps).
    pub query: String,
    pub case_managers: Vec<super::CaseManagerLoad>,
    pub views: Vec<SavedView>,
    pub thresholds: AgeingThresholds,
    pub me: Option<String>,
}

/// A move made on the board: where the case now stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardMoved {
    pub id: String,
    pub stage: CaseStage,
    pub version: i64,
}

/// Where someone is looking.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Place {
    /// The case board.
    Board,
    /// A case's page.
    Case(String),
}

impl Place {
    /// The place as a query value (`board`, `case:ID`).
    pub fn key(&self) -> String {
        match self {
            Place::Board => "board".into(),
            Place::Case(id) => format!("case:{id}"),
        }
    }

    /// Parses a query value.
    pub fn from_key(key: &str) -> Option<Place> {
        match key.split_once(':') {
            None if key == "board" => Some(Place::Board),
            Some(("case", id)) if !id.is_empty() && id.len() <= 64 => Some(Place::Case(id.to_string())),
            _ => None,
        }
    }
}

/// A person looking.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Viewer {
    pub user_id: String,
    pub name: String,
}

/// Who is looking at a place through one app instance (each instance reports its own; a page
/// keeps the latest report of each). A live event, heard by staff only.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PresenceReport {
    /// The reporting instance (random per process).
    pub instance: String,
    pub place: Place,
    /// The first viewers by name (at most [`PRESENCE_NAMES`]), each person once.
    pub viewers: Vec<Viewer>,
    /// Every person looking through this instance, named or not.
    pub count: usize,
}

/// The most people a presence report names.
pub const PRESENCE_NAMES: usize = 12;

#[cfg(test)]
mod tests {
    use super::Place;

    #[test]
    fn places_read_back() {
        for p in [Place::Board, Place::Case("c1".into())] {
            assert_eq!(Place::from_key(&p.key()), Some(p));
        }
        for bad in ["", "case:", "cases", "board:x", "thread:t"] {
            assert_eq!(Place::from_key(bad), None, "{bad}");
        }
    }
}
