//! Single-use tokens behind e-mailed links (password reset, invitations). The link carries a
//! random token; only its hash is stored. A token is consumed in the transaction that acts on
//! it, so a link works exactly once, and never after it expires.

use super::{now_ms, Db, Tx};
use crate::auth::session::{hash_token, new_token};
use crate::domain::policy::StaffRole;

/// What a link is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    ResetPassword,
    Invitation,
}

impl TokenKind {
    fn key(self) -> &'static str {
        match self {
            TokenKind::ResetPassword => "reset_password",
            TokenKind::Invitation => "invitation",
        }
    }
}

/// A live token's contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenGrant {
    pub email: String,
    pub user_id: Option<String>,
    pub organisation_id: Option<String>,
    pub staff_role: Option<StaffRole>,
    pub created_by: Option<String>,
}

/// Creates a token valid for `ttl_ms` and returns the raw token for the link.
pub async fn create(tx: &mut Tx, kind: TokenKind, grant: &TokenGrant, ttl_ms: i64) -> Result<String, sqlx::Error> {
    let (token, hash) = new_token();
    let now = now_ms();
    crate::execute!(
        tx,
        "INSERT INTO auth_tokens (token_hash, kind, email, user_id, organisation_id, staff_role, created_by, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        &hash,
        kind.key(),
        &grant.email,
        &grant.user_id,
        &grant.organisation_id,
        grant.staff_role.map(StaffRole::key),
        &grant.created_by,
        now,
        now + ttl_ms,
    ).map(|_| ())?;
    Ok(token)
}

type Row = (String, Option<String>, Option<String>, Option<String>, Option<String>);

fn grant((email, user_id, organisation_id, role, created_by): Row) -> TokenGrant {
    TokenGrant {
        email,
        user_id,
        organisation_id,
        staff_role: role.as_deref().and_then(StaffRole::from_key),
        created_by,
    }
}

/// What a still-valid token grants, without using it (to show the page behind the link).
pub async fn peek(db: &Db, kind: TokenKind, token: &str, now: i64) -> Result<Option<TokenGrant>, sqlx::Error> {
    let hash = hash_token(token);
    let row: Option<Row> = crate::fetch!(
        fetch_optional,
        db,
        "SELECT email, user_id, organisation_id, staff_role, created_by FROM auth_tokens \
             WHERE token_hash = $1 AND kind = $2 AND used_at IS NULL AND expires_at > $3",
        &hash,
        kind.key(),
        now,
    )?;
    Ok(row.map(grant))
}

/// Uses a token in the caller's transaction: `None` when it is unknown, used or expired (or
/// another request used it first).
pub async fn consume(tx: &mut Tx, kind: TokenKind, token: &str, now: i64) -> Result<Option<TokenGrant>, sqlx::Error> {
    let hash = hash_token(token);
    let row: Option<Row> = crate::fetch!(
        fetch_optional,
        tx,
        "UPDATE auth_tokens SET used_at = $3 \
             WHERE token_hash = $1 AND kind = $2 AND used_at IS NULL AND expires_at > $3 \
             RETURNING email, user_id, organisation_id, staff_role, created_by",
        &hash,
        kind.key(),
        now,
    )?;
    Ok(row.map(grant))
}
