//! What the steering committee's oversight pages show: the figures of a range, the cases
//! behind one figure, and the supply and demand gap map.

use crate::domain::oversight::gaps::GapCell;
use crate::domain::oversight::Figures;
use crate::domain::taxonomy::{IssueArea, Region};
use serde::{Deserialize, Serialize};

/// `/oversight`: the figures of the cases whose request arrived in a range.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OversightView {
    /// The canonical query (every drill-down link carries it).
    pub query: String,
    pub from_day: i64,
    pub to_day: i64,
    /// Today by the server's clock (the presets' end).
    pub today: i64,
    pub area: Option<IssueArea>,
    pub region: Option<Region>,
    pub figures: Figures,
}

/// Most cases a drill-down lists at once (the count says how many there are in all).
pub const DRILL_LIMIT: usize = 500;

/// `/oversight/cases`: the cases behind one figure.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DrillDown {
    /// The range's canonical query (the way back to the figures).
    pub query: String,
    /// The figure's key (`reached:matching`).
    pub metric: String,
    /// The Case Manager's name when the figure is one's caseload.
    pub manager: String,
    pub total: i64,
    /// The first [`DRILL_LIMIT`] of them, most recently changed first.
    pub cases: Vec<super::CaseSummary>,
}

/// `/oversight/gaps`: every issue area × region cell.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapMapView {
    pub cells: Vec<GapCell>,
    /// Whether the viewer may start an outreach campaign for a gap.
    pub can_start_outreach: bool,
}

/// One version of the mechanism's settings, as the tuning page lists them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TuningChange {
    pub version: i64,
    pub tuning: crate::domain::oversight::tuning::Tuning,
    pub reason: String,
    /// Who made it (a name).
    pub by: String,
    pub at: i64,
}

/// How a proposed change would move one open case's best matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasePreview {
    pub case_id: String,
    pub government: String,
    /// The providers that move, by name, with their places before and after.
    pub shifts: Vec<NamedShift>,
}

/// A provider's place among a case's best matches, before and after (1 is first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedShift {
    pub name: String,
    pub before: Option<usize>,
    pub after: Option<usize>,
}

/// `/oversight/tuning`: the settings in force, their history and, for proposed settings, the
/// preview of what they would change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TuningView {
    /// The version in force (0: never tuned, the built-in settings apply).
    pub version: i64,
    pub current: crate::domain::oversight::tuning::Tuning,
    pub history: Vec<TuningChange>,
    /// Whether the viewer may change the settings (steering).
    pub can_tune: bool,
    pub preview: Option<TuningPreview>,
}

/// What proposed settings would change: the open cases whose best matches move.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TuningPreview {
    pub proposed: crate::domain::oversight::tuning::Tuning,
    /// Open cases ranked (those with an issue area to match on).
    pub ranked: i64,
    pub changed: Vec<CasePreview>,
}
