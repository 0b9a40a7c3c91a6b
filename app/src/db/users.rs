//! User accounts and their memberships in organisations.

use super::{new_id, now_ms, Db, Tx};
use crate::domain::policy::StaffRole;
use crate::tx_run;

/// What is needed to create an account.
#[derive(Clone, Debug)]
pub struct NewUser {
    /// Validated, lower-cased e-mail address.
    pub email: String,
    pub name: String,
    /// Interface language code (`en`, `fr`, `es`).
    pub locale: String,
    /// Argon2id PHC string, or `None` until the person sets one through an e-mailed link.
    pub password_hash: Option<String>,
    pub staff_role: Option<StaffRole>,
    /// Whether the address is already known to work (accounts made by an operator).
    pub email_verified: bool,
}

/// The signed-in user as sessions see it (`Default` is the empty user of an anonymous caller,
/// whom the policy then refuses).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionUser {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub locale: String,
    pub staff_role: Option<StaffRole>,
    pub disabled: bool,
    /// Two-factor authentication is enrolled.
    pub two_factor: bool,
}

impl SessionUser {
    /// Builds a user from the columns every account query selects, in this order:
    /// id, name, email, locale, staff_role, disabled_at, totp_enabled_at IS NOT NULL.
    pub(crate) fn from_columns(
        user_id: String,
        name: String,
        email: String,
        locale: String,
        staff_role: Option<String>,
        disabled_at: Option<i64>,
        two_factor: bool,
    ) -> SessionUser {
        SessionUser {
            user_id,
            name,
            email,
            locale,
            staff_role: staff_role.as_deref().and_then(StaffRole::from_key),
            disabled: disabled_at.is_some(),
            two_factor,
        }
    }
}

/// Creates an account in the caller's transaction; a taken e-mail is a unique violation.
pub async fn insert(tx: &mut Tx, user: &NewUser) -> Result<String, sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    crate::execute!(
        tx,
        "INSERT INTO users (id, email, name, locale, password_hash, email_verified_at, staff_role, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)",
        &id,
        &user.email,
        &user.name,
        &user.locale,
        &user.password_hash,
        user.email_verified.then_some(now),
        user.staff_role.map(StaffRole::key),
        now,
    ).map(|_| ())?;
    Ok(id)
}

/// An account found by its e-mail, with its password hash (none until a password is chosen).
#[derive(Clone, Debug)]
pub struct Found {
    pub user: SessionUser,
    pub password_hash: Option<String>,
}

/// The account with this e-mail (case-insensitive), if any.
pub async fn find_by_email(db: &Db, email: &str) -> Result<Option<Found>, sqlx::Error> {
    type Row = (String, String, String, String, Option<String>, Option<i64>, Option<String>, bool);
    let row: Option<Row> = crate::fetch!(
        fetch_optional,
        db,
        "SELECT id, name, email, locale, staff_role, disabled_at, password_hash, totp_enabled_at IS NOT NULL \
             FROM users WHERE lower(email) = lower($1)",
        email,
    )?;
    Ok(row.map(|(user_id, name, email, locale, role, disabled_at, hash, two_factor)| {
        let user = SessionUser::from_columns(user_id, name, email, locale, role, disabled_at, two_factor);
        Found { user, password_hash: hash }
    }))
}

/// A user's membership of an organisation.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Membership {
    pub organisation_id: String,
    pub is_owner: bool,
}

/// The organisations a user belongs to, with whether they own each.
pub async fn memberships(db: &Db, user_id: &str) -> Result<Vec<Membership>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT organisation_id, is_owner FROM memberships WHERE user_id = $1 ORDER BY created_at",
        user_id,
    )
}

/// Adds a user to an organisation.
pub async fn add_membership(
    tx: &mut Tx,
    user_id: &str,
    organisation_id: &str,
    is_owner: bool,
) -> Result<(), sqlx::Error> {
    let now = now_ms();
    crate::execute!(
        tx,
        "INSERT INTO memberships (user_id, organisation_id, is_owner, created_at) VALUES ($1, $2, $3, $4)",
        user_id,
        organisation_id,
        is_owner,
        now,
    )
    .map(|_| ())
}

/// Disables or re-enables an account (the caller also ends its sessions).
pub async fn set_disabled(tx: &mut Tx, user_id: &str, disabled: bool) -> Result<u64, sqlx::Error> {
    let now = now_ms();
    crate::execute!(
        tx,
        "UPDATE users SET disabled_at = $2, updated_at = $3 WHERE id = $1",
        user_id,
        disabled.then_some(now),
        now,
    )
}

/// Number of accounts.
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    crate::scalar!(fetch_one, db, "SELECT CAST(COUNT(*) AS BIGINT) FROM users")
}

/// Stores a new password hash and confirms the e-mail address (an e-mailed link was used).
pub async fn set_password(tx: &mut Tx, user_id: &str, hash: &str, now: i64) -> Result<(), sqlx::Error> {
    crate::execute!(
        tx,
        "UPDATE users SET password_hash = $2, email_verified_at = COALESCE(email_verified_at, $3), updated_at = $3 \
             WHERE id = $1",
        user_id,
        hash,
        now,
    )
    .map(|_| ())
}

/// Removes a user from an organisation unless they are its last owner; returns whether removed.
pub async fn remove_membership(tx: &mut Tx, user_id: &str, organisation_id: &str) -> Result<bool, sqlx::Error> {
    let owners_left: i64 = crate::scalar!(
        fetch_one,
        tx,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM memberships WHERE organisation_id = $1 AND is_owner AND user_id <> $2",
        organisation_id,
        user_id,
    )?;
    if owners_left == 0 {
        return Ok(false);
    }
    tx_run!(tx, |conn| {
        sqlx::query("DELETE FROM memberships WHERE organisation_id = $1 AND user_id = $2")
            .bind(organisation_id)
            .bind(user_id)
            .execute(conn)
            .await
            .map(|r| r.rows_affected() > 0)
    })
}

/// Whether a user belongs to an organisation.
pub async fn is_member(tx: &mut Tx, user_id: &str, organisation_id: &str) -> Result<bool, sqlx::Error> {
    tx_run!(tx, |conn| {
        sqlx::query_scalar::<_, i64>(
            "SELECT CAST(COUNT(*) AS BIGINT) FROM memberships WHERE organisation_id = $1 AND user_id = $2",
        )
        .bind(organisation_id)
        .bind(user_id)
        .fetch_one(conn)
        .await
        .map(|n| n > 0)
    })
}

/// Gives (or takes away, with `None`) a staff role.
pub async fn set_staff_role(tx: &mut Tx, user_id: &str, role: Option<StaffRole>) -> Result<u64, sqlx::Error> {
    let now = now_ms();
    crate::execute!(
        tx,
        "UPDATE users SET staff_role = $2, updated_at = $3 WHERE id = $1",
        user_id,
        role.map(StaffRole::key),
        now,
    )
}

/// People whose name or e-mail contains `q` (case-insensitive), at most `limit`, by name.
pub async fn search(db: &Db, q: &str, limit: i64) -> Result<Vec<crate::model::AdminUserRow>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: String,
        name: String,
        email: String,
        staff_role: Option<String>,
        disabled: bool,
    }
    let pattern = format!("%{}%", super::escape_like(&q.to_lowercase()));
    let rows: Vec<Row> = crate::fetch!(
        fetch_all,
        db,
        "SELECT id, name, email, staff_role, disabled_at IS NOT NULL AS disabled FROM users \
             WHERE lower(name) LIKE $1 ESCAPE '\\' OR lower(email) LIKE $1 ESCAPE '\\' ORDER BY name LIMIT $2",
        &pattern,
        limit,
    )?;
    rows.into_iter()
        .map(|r| {
            let role = super::decode::stored("users", "staff_role", &r.id)
                .key_opt(r.staff_role.as_deref(), StaffRole::from_key)?;
            Ok(crate::model::AdminUserRow {
                id: r.id,
                name: r.name,
                email: r.email,
                staff_role: role,
                disabled: r.disabled,
            })
        })
        .collect()
}

/// Changes a user's display name and language.
pub async fn set_profile(tx: &mut Tx, user_id: &str, name: &str, locale: &str) -> Result<(), sqlx::Error> {
    let now = now_ms();
    crate::execute!(
        tx,
        "UPDATE users SET name = $2, locale = $3, updated_at = $4 WHERE id = $1",
        user_id,
        name,
        locale,
        now,
    )
    .map(|_| ())
}

/// The account with this id.
pub async fn get(db: &Db, user_id: &str) -> Result<Option<SessionUser>, sqlx::Error> {
    type Row = (String, String, String, String, Option<String>, Option<i64>, bool);
    let row: Option<Row> = crate::fetch!(
        fetch_optional,
        db,
        "SELECT id, name, email, locale, staff_role, disabled_at, totp_enabled_at IS NOT NULL FROM users WHERE id = $1",
        user_id,
    )?;
    Ok(row.map(|(user_id, name, email, locale, role, disabled_at, two_factor)| {
        SessionUser::from_columns(user_id, name, email, locale, role, disabled_at, two_factor)
    }))
}
