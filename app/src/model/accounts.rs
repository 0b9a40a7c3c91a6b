//! Accounts, organisations, sessions and the admin screens, as pages show them.

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
    pub by_kind: Vec<KindCount>,
}

/// The signed-in person, as pages show them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserSummary {
    /// Their id (to tell themselves apart from others, e.g. in who else is looking).
    #[serde(default)]
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub staff_role: Option<crate::domain::policy::StaffRole>,
    /// A staff member who must set up two-factor authentication before acting as staff.
    pub needs_two_factor: bool,
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

/// An organisation's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganisationView {
    pub id: String,
    pub name: String,
    pub kind: crate::domain::taxonomy::OrgKind,
    pub country: String,
    pub website: Option<String>,
    pub description: String,
    pub verified: bool,
    pub members: Vec<MemberView>,
    /// Whether the viewer may invite and remove people.
    pub can_manage: bool,
}

/// A person in an organisation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MemberView {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub is_owner: bool,
}

/// What an invitation link offers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub email: String,
    pub organisation_name: Option<String>,
    pub staff_role: Option<crate::domain::policy::StaffRole>,
    /// An account with this e-mail already exists (accepting adds to it).
    pub existing_account: bool,
}

/// An organisation the signed-in person belongs to (account page).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MyOrganisation {
    pub id: String,
    pub name: String,
    pub is_owner: bool,
}

/// A row of the admin list of people.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminUserRow {
    pub id: String,
    pub name: String,
    pub email: String,
    pub staff_role: Option<crate::domain::policy::StaffRole>,
    pub disabled: bool,
}

/// A row of the admin list of organisations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminOrgRow {
    pub id: String,
    pub name: String,
    pub kind: crate::domain::taxonomy::OrgKind,
    pub country: String,
    pub verified: bool,
}

/// An audit log entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct AuditRow {
    pub at: i64,
    pub actor: Option<String>,
    pub action: String,
    pub subject: String,
    pub ip: String,
    pub detail: String,
}

/// What an admin list page shows, with whether the viewer may change things.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminList<T> {
    pub rows: Vec<T>,
    pub can_change: bool,
}

/// The two-factor page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoFactorView {
    pub enabled: bool,
    /// A secret awaiting confirmation, with its QR code.
    pub pending: Option<PendingSecret>,
}

/// A TOTP secret awaiting confirmation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSecret {
    pub secret: String,
    /// The QR code of its `otpauth:` address, as SVG.
    pub qr_svg: String,
}

/// How many organisations of a kind the network has.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct KindCount {
    pub kind: OrgKind,
    pub organisations: i64,
}

/// A mail in the outbox, as admins see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct MailRow {
    pub created_at: i64,
    pub to: String,
    pub subject: String,
    /// `pending`, `sent` or `failed`.
    pub status: String,
    pub attempts: i64,
    pub last_error: String,
}
