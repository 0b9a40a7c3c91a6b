//! Administration: people (search, staff role, disable), organisations (verify) and the audit
//! log. Steering committee members may read the lists; only admins change anything.

use crate::error::AppError;
use crate::model::{AdminList, AdminOrgRow, AdminUserRow, AuditRow};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
const LIST_LIMIT: i64 = 200;

/// People matching `q` (all when empty).
#[server(name = AdminUsers, endpoint = "admin_users", input = leptos::server_fn::codec::GetUrl)]
pub async fn admin_users(q: Option<String>) -> Result<AdminList<AdminUserRow>, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{can, Action, Resource};
    let actor = current_session().actor;
    authorize(&actor, Action::ListAccounts, Resource::Platform)?;
    let q = q.unwrap_or_default();
    if q.chars().count() > 200 {
        return Err(AppError::invalid("q", crate::i18n::K::ErrorTooLong).respond());
    }
    let state = crate::state::app_state()?;
    let rows = crate::db::users::search(state.db.read(), q.trim(), LIST_LIMIT).await?;
    Ok(AdminList { rows, can_change: can(&actor, Action::ManageStaff, Resource::Platform) })
}

/// Gives a staff role to someone, or takes it away (`role` empty).
#[server(name = SetUserRole, endpoint = "set_user_role")]
pub async fn set_user_role(user_id: String, role: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, users};
    use crate::domain::policy::{Action, Resource, StaffRole};
    let current = current_session();
    authorize(&current.actor, Action::ManageStaff, Resource::User(&user_id))?;
    let new_role = match role.trim() {
        "" | "none" => None,
        key => Some(
            StaffRole::from_key(key)
                .ok_or_else(|| AppError::invalid("role", crate::i18n::K::ErrorUnknownOption).respond())?,
        ),
    };
    let state = crate::state::app_state()?;
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    if users::set_staff_role(&mut tx, &user_id, new_role).await? == 0 {
        return Err(AppError::NotFound.respond());
    }
    // a role change ends the person's sessions so the new session limits apply at once
    crate::db::sessions::delete_all_for_user(&mut tx, &user_id).await?;
    let actor = current.user.as_ref().map(|u| u.user_id.as_str());
    let detail = new_role.map(StaffRole::key).unwrap_or("none");
    let event = audit::AuditEvent { actor_user_id: actor, action: "role.changed", subject: &user_id, ip: &ip, detail };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    leptos_axum::redirect("/admin/users");
    Ok(())
}

/// Disables an account (ending its sessions) or enables it again.
#[server(name = SetUserDisabled, endpoint = "set_user_disabled")]
pub async fn set_user_disabled(user_id: String, disabled: bool) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, sessions, users};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    authorize(&current.actor, Action::DisableAccount, Resource::User(&user_id))?;
    let state = crate::state::app_state()?;
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    if users::set_disabled(&mut tx, &user_id, disabled).await? == 0 {
        return Err(AppError::NotFound.respond());
    }
    if disabled {
        sessions::delete_all_for_user(&mut tx, &user_id).await?;
    }
    let actor = current.user.as_ref().map(|u| u.user_id.as_str());
    let action = if disabled { "account.disabled" } else { "account.enabled" };
    audit::note(&mut tx, actor, action, &user_id, &ip).await?;
    tx.commit().await?;
    leptos_axum::redirect("/admin/users");
    Ok(())
}

/// Organisations matching `q` (all when empty).
#[server(name = AdminOrganisations, endpoint = "admin_organisations", input = leptos::server_fn::codec::GetUrl)]
pub async fn admin_organisations(q: Option<String>) -> Result<AdminList<AdminOrgRow>, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{can, Action, Resource};
    let actor = current_session().actor;
    authorize(&actor, Action::ListAccounts, Resource::Platform)?;
    let q = q.unwrap_or_default();
    if q.chars().count() > 200 {
        return Err(AppError::invalid("q", crate::i18n::K::ErrorTooLong).respond());
    }
    let state = crate::state::app_state()?;
    let rows = crate::db::organisations::search(state.db.read(), q.trim(), LIST_LIMIT).await?;
    Ok(AdminList { can_change: can(&actor, Action::VerifyOrganisation, Resource::Organisation("")), rows })
}

/// Marks an organisation verified, or not.
#[server(name = SetOrganisationVerified, endpoint = "set_organisation_verified")]
pub async fn set_organisation_verified(organisation_id: String, verified: bool) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, organisations};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    authorize(&current.actor, Action::VerifyOrganisation, Resource::Organisation(&organisation_id))?;
    let state = crate::state::app_state()?;
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    if !organisations::set_verified(&mut tx, &organisation_id, verified).await? {
        return Err(AppError::NotFound.respond());
    }
    let actor = current.user.as_ref().map(|u| u.user_id.as_str());
    let action = if verified { "organisation.verified" } else { "organisation.unverified" };
    audit::note(&mut tx, actor, action, &organisation_id, &ip).await?;
    tx.commit().await?;
    leptos_axum::redirect("/admin/organisations");
    Ok(())
}

/// The most recent audit entries (admins).
#[server(name = AuditLog, endpoint = "audit_log", input = leptos::server_fn::codec::GetUrl)]
pub async fn audit_log() -> Result<Vec<AuditRow>, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::ViewAuditLog, Resource::Platform)?;
    let state = crate::state::app_state()?;
    Ok(crate::db::audit::recent(state.db.read(), 500).await?)
}

/// The outbox, newest first, so admins see what waits, what was sent and what failed.
#[server(name = AdminMail, endpoint = "admin_mail", input = leptos::server_fn::codec::GetUrl)]
pub async fn admin_mail() -> Result<Vec<crate::model::MailRow>, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::ViewAuditLog, Resource::Platform)?;
    let state = crate::state::app_state()?;
    Ok(crate::db::outbox::recent(state.db.read(), LIST_LIMIT).await?)
}
