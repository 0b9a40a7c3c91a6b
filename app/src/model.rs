//! Data shapes shared by client and server (what server functions return).

use crate::domain::taxonomy::OrgKind;
use serde::{Deserialize, Serialize};

/// Public figures about the network, shown on the landing page.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NetworkSummary {
    /// Organisations listed, all kinds.
    pub organisations: i64,
    /// Distinct countries those organisations are based in.
    pub countries: i64,
    /// Organisations whose identity staff have verified.
    pub verified: i64,
    /// Count per organisation kind, in `OrgKind::ALL` order, zero counts included.
    pub by_kind: Vec<(OrgKind, i64)>,
}
