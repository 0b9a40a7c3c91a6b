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

/// The signed-in person, as pages show them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    pub name: String,
    pub email: String,
    pub staff_role: Option<crate::domain::policy::StaffRole>,
}

/// One of the signed-in user's sessions, for the account page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// Opaque identifier to end it with (the stored hash, never the token).
    pub id: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub ip: String,
    pub user_agent: String,
    /// The session this request uses.
    pub current: bool,
}
