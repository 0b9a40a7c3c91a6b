//! Organisations and the people who act for them: the organisation page, invitations by
//! e-mail (colleagues by an organisation's owner, staff by an admin), accepting an invitation,
//! and removing a member.

use crate::error::AppError;
use crate::model::{InvitationView, MyOrganisation, OrganisationView};
use leptos::prelude::*;

/// How long an invitation link works.
pub const INVITATION_TTL_MS: i64 = 7 * 24 * 60 * 60 * 1000;

/// An organisation's page. Someone who may not see it gets "not found", not "forbidden", so
/// its existence is not revealed.
#[server(name = OrganisationDetail, endpoint = "organisation_detail", input = leptos::server_fn::codec::GetUrl)]
pub async fn organisation_detail(id: String) -> Result<OrganisationView, AppError> {
    use crate::auth::current_session;
    use crate::domain::policy::{can, Action, Resource};
    let actor = current_session().actor;
    if !can(&actor, Action::ViewOrganisation, Resource::Organisation(&id)) {
        return Err(if actor.is_signed_in() { AppError::NotFound } else { AppError::Unauthenticated }.respond());
    }
    let state = crate::state::app_state()?;
    let Some(org) = crate::db::organisations::get(state.db.read(), &id).await? else {
        return Err(AppError::NotFound.respond());
    };
    let members = crate::db::organisations::members(state.db.read(), &id).await?;
    Ok(OrganisationView {
        can_manage: can(&actor, Action::ManageMembers, Resource::Organisation(&id)),
        members,
        kind: org.kind,
        id: org.id,
        name: org.name,
        country: org.country,
        website: org.website,
        description: org.description,
        verified: org.verified,
    })
}

/// The signed-in person's organisations.
#[server(name = MyOrganisations, endpoint = "my_organisations", input = leptos::server_fn::codec::GetUrl)]
pub async fn my_organisations() -> Result<Vec<MyOrganisation>, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    let user_id = current.user.as_ref().map(|u| u.user_id.clone()).unwrap_or_default();
    authorize(&current.actor, Action::ManageOwnAccount, Resource::User(&user_id))?;
    let state = crate::state::app_state()?;
    Ok(crate::db::organisations::of_user(state.db.read(), &user_id).await?)
}

/// Invites a colleague to an organisation by e-mail (owners and admins).
#[server(name = InviteMember, endpoint = "invite_member")]
pub async fn invite_member(organisation_id: String, email: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, outbox, tokens, users};
    use crate::domain::account::validate_email;
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::K;

    let current = current_session();
    authorize(&current.actor, Action::ManageMembers, Resource::Organisation(&organisation_id))?;
    let flash = FormFlash::new("invite").value("email", &email);
    let inviter_id = current.user.as_ref().map(|u| u.user_id.clone()).unwrap_or_default();
    crate::auth::limits::enforce(&format!("invite:user:{inviter_id}"), crate::auth::limits::INVITATIONS_PER_USER)
        .await
        .map_err(|e| crate::forms::refuse_with(flash.clone(), e))?;
    let email = validate_email(&email).map_err(|k| refuse(flash.clone().error(k, Some("email"))))?;
    let state = crate::state::app_state()?;
    let Some(org) = crate::db::organisations::get(state.db.read(), &organisation_id).await? else {
        return Err(AppError::NotFound.respond());
    };
    let inviter = current.user.clone().map(|u| (u.user_id, u.name)).unwrap_or_default();
    let locale = crate::i18n::use_locale();
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    if let Some(existing) = users::find_by_email(state.db.read(), &email).await?.map(|f| f.user) {
        if users::is_member(&mut tx, &existing.user_id, &organisation_id).await? {
            return Err(refuse(flash.error(K::ErrorAlreadyMember, Some("email"))));
        }
    }
    let grant = tokens::TokenGrant {
        email: email.clone(),
        user_id: None,
        organisation_id: Some(organisation_id.clone()),
        staff_role: None,
        created_by: Some(inviter.0.clone()),
    };
    let token = tokens::create(&mut tx, tokens::TokenKind::Invitation, &grant, INVITATION_TTL_MS).await?;
    let link = state.mailer.link(&format!("/invitation?token={token}"));
    let vars = [("inviter", inviter.1.as_str()), ("org", org.name.as_str()), ("link", link.as_str())];
    outbox::enqueue(&mut tx, &email, &locale.tf(K::MailInviteSubject, &vars), &locale.tf(K::MailInviteBody, &vars))
        .await?;
    let event = audit::AuditEvent {
        actor_user_id: Some(&inviter.0),
        action: "invitation.sent",
        subject: &organisation_id,
        ip: &ip,
        detail: &email,
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    state.mailer.wake();
    leptos_axum::redirect(&format!("/organisations/{organisation_id}?invited=1"));
    Ok(())
}

/// Removes someone from an organisation (owners and admins); the last owner stays.
#[server(name = RemoveMember, endpoint = "remove_member")]
pub async fn remove_member(organisation_id: String, user_id: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, users};
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::ManageMembers, Resource::Organisation(&organisation_id))?;
    let state = crate::state::app_state()?;
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    if !users::remove_membership(&mut tx, &user_id, &organisation_id).await? {
        return Err(refuse(FormFlash::new("members").error(K::ErrorLastOwner, None)));
    }
    let actor = current.user.as_ref().map(|u| u.user_id.as_str());
    let event = audit::AuditEvent {
        actor_user_id: actor,
        action: "member.removed",
        subject: &organisation_id,
        ip: &ip,
        detail: &user_id,
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/organisations/{organisation_id}"));
    Ok(())
}

/// Invites someone to the staff with a role (admins).
#[server(name = InviteStaff, endpoint = "invite_staff")]
pub async fn invite_staff(email: String, role: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, outbox, tokens};
    use crate::domain::account::validate_email;
    use crate::domain::policy::{Action, Resource, StaffRole};
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::ManageStaff, Resource::Platform)?;
    let flash = FormFlash::new("invite_staff").value("email", &email).value("role", &role);
    let inviter_id = current.user.as_ref().map(|u| u.user_id.clone()).unwrap_or_default();
    crate::auth::limits::enforce(&format!("invite:user:{inviter_id}"), crate::auth::limits::INVITATIONS_PER_USER)
        .await
        .map_err(|e| crate::forms::refuse_with(flash.clone(), e))?;
    let email = validate_email(&email).map_err(|k| refuse(flash.clone().error(k, Some("email"))))?;
    let role = StaffRole::from_key(&role).ok_or_else(|| refuse(flash.error(K::ErrorUnknownOption, Some("role"))))?;
    let state = crate::state::app_state()?;
    let inviter = current.user.clone().map(|u| (u.user_id, u.name)).unwrap_or_default();
    let locale = crate::i18n::use_locale();
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    let grant = tokens::TokenGrant {
        email: email.clone(),
        user_id: None,
        organisation_id: None,
        staff_role: Some(role),
        created_by: Some(inviter.0.clone()),
    };
    let token = tokens::create(&mut tx, tokens::TokenKind::Invitation, &grant, INVITATION_TTL_MS).await?;
    let link = state.mailer.link(&format!("/invitation?token={token}"));
    let role_name = locale.t(role.label());
    let vars = [("inviter", inviter.1.as_str()), ("role", role_name), ("link", link.as_str())];
    outbox::enqueue(&mut tx, &email, locale.t(K::MailStaffInviteSubject), &locale.tf(K::MailStaffInviteBody, &vars))
        .await?;
    let event = audit::AuditEvent {
        actor_user_id: Some(&inviter.0),
        action: "invitation.staff_sent",
        subject: &email,
        ip: &ip,
        detail: role.key(),
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    state.mailer.wake();
    leptos_axum::redirect("/admin/users?invited=1");
    Ok(())
}

/// What an invitation link offers, if it still works.
#[server(name = InvitationDetails, endpoint = "invitation_details", input = leptos::server_fn::codec::GetUrl)]
pub async fn invitation_details(token: String) -> Result<Option<InvitationView>, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::tokens;
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::Authenticate, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let Some(grant) = tokens::peek(state.db.read(), tokens::TokenKind::Invitation, &token, crate::db::now_ms()).await?
    else {
        return Ok(None);
    };
    let organisation_name = match &grant.organisation_id {
        Some(id) => crate::db::organisations::get(state.db.read(), id).await?.map(|o| o.name),
        None => None,
    };
    let existing_account = crate::db::users::find_by_email(state.db.read(), &grant.email).await?.is_some();
    Ok(Some(InvitationView { email: grant.email, organisation_name, staff_role: grant.staff_role, existing_account }))
}

/// Accepts an invitation: creates the account (the link proves the address) or adds to the
/// existing one, joins the organisation or takes the staff role, and signs a new account in.
#[server(name = AcceptInvitation, endpoint = "accept_invitation")]
pub async fn accept_invitation(token: String, name: Option<String>, password: Option<String>) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session, session, set_cookie, user_agent};
    use crate::db::{audit, now_ms, tokens, users};
    use crate::domain::account::{validate_name, validate_password};
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::K;

    authorize(&current_session().actor, Action::Authenticate, Resource::Platform)?;
    let flash = FormFlash::new("invitation").value("name", name.as_deref().unwrap_or(""));
    let state = crate::state::app_state()?;
    let now = now_ms();
    let Some(grant) = tokens::peek(state.db.read(), tokens::TokenKind::Invitation, &token, now).await? else {
        return Err(refuse(flash.error(K::ErrorLinkInvalid, None)));
    };
    let existing = users::find_by_email(state.db.read(), &grant.email).await?;
    // validate everything before the token is used
    let new_account = match &existing {
        Some(_) => None,
        None => {
            let name = validate_name(name.as_deref().unwrap_or(""))
                .map_err(|k| refuse(flash.clone().error(k, Some("name"))))?;
            let password = password.unwrap_or_default();
            validate_password(&password, &grant.email).map_err(|k| refuse(flash.clone().error(k, Some("password"))))?;
            Some((name, crate::auth::password::hash(password).await?))
        }
    };
    let ip = client_ip();
    let locale = crate::i18n::use_locale();
    let mut tx = state.db.write().begin().await?;
    let Some(grant) = tokens::consume(&mut tx, tokens::TokenKind::Invitation, &token, now).await? else {
        return Err(refuse(flash.error(K::ErrorLinkInvalid, None)));
    };
    let (user, created) = match (existing, new_account) {
        (Some(found), _) => (found.user, false),
        (None, Some((name, hash))) => {
            let new_user = users::NewUser {
                email: grant.email.clone(),
                name,
                locale: locale.code().to_string(),
                password_hash: Some(hash),
                staff_role: grant.staff_role,
                email_verified: true,
            };
            let id = users::insert(&mut tx, &new_user).await?;
            let user = users::SessionUser {
                user_id: id,
                name: new_user.name,
                email: new_user.email,
                locale: new_user.locale,
                staff_role: new_user.staff_role,
                disabled: false,
                two_factor: false,
            };
            (user, true)
        }
        (None, None) => return Err(AppError::Internal),
    };
    if let Some(org) = &grant.organisation_id {
        if !users::is_member(&mut tx, &user.user_id, org).await? {
            users::add_membership(&mut tx, &user.user_id, org, false).await?;
        }
    }
    if !created && grant.staff_role.is_some() {
        users::set_staff_role(&mut tx, &user.user_id, grant.staff_role).await?;
    }
    let subject = grant
        .organisation_id
        .clone()
        .unwrap_or_else(|| grant.staff_role.map(|r| r.key().to_string()).unwrap_or_default());
    let event = audit::AuditEvent {
        actor_user_id: Some(&user.user_id),
        action: "invitation.accepted",
        subject: &subject,
        ip: &ip,
        detail: if created { "new account" } else { "existing account" },
    };
    audit::record(&mut tx, &event).await?;
    if created {
        let token = session::start(&mut tx, &user, &state.sessions, &ip, &user_agent(), now).await?;
        tx.commit().await?;
        let (_, absolute) = state.sessions.limits(user.staff_role);
        set_cookie(&state.sessions.set_cookie(&token, absolute));
        leptos_axum::redirect("/account");
    } else {
        tx.commit().await?;
        leptos_axum::redirect("/sign-in?next=/account");
    }
    Ok(())
}
