//! The visitor's side: writing through the contact form, reading the conversation through the
//! secret link and answering in it.

use crate::error::AppError;
use crate::model::VisitorEnquiry;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Sends the contact form. Refused with the field and the reason (422, the form keeps what was
/// typed); over five messages an hour from one address: 429. A robot's (the trap field filled,
/// a message of links) is answered like a person's and kept nowhere.
#[server(name = SendContact, endpoint = "send_contact")]
pub async fn send_contact(
    name: String,
    email: String,
    organisation: String,
    topic: String,
    message: String,
    website: String,
) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session, limits};
    use crate::domain::contact::{check_contact, ContactForm, Verdict};
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, refuse_with, FormFlash};
    use crate::i18n::K;
    authorize(&current_session().actor, Action::ContactTeam, Resource::Platform)?;
    let flash = FormFlash::new("contact")
        .value("name", &name)
        .value("email", &email)
        .value("organisation", &organisation)
        .value("topic", &topic)
        .value("message", &message);
    let ip = client_ip();
    limits::enforce(&format!("contact:ip:{ip}"), limits::CONTACT_PER_IP)
        .await
        .map_err(|e| refuse_with(flash.clone(), e))?;
    let form = ContactForm { name, email, organisation, topic, message, trap: website };
    let enquiry = match check_contact(&form).map_err(|r| refuse(flash.clone().error(r.key, Some(r.field))))? {
        Verdict::Spam => {
            tracing::info!(%ip, "contact form: a robot's submission, kept nowhere");
            leptos_axum::redirect("/contact?sent=1");
            return Ok(());
        }
        Verdict::Accept(e) => e,
    };
    limits::allow_mail(&enquiry.email).await.map_err(|e| refuse_with(flash, e))?;
    let state = crate::state::app_state()?;
    let locale = crate::i18n::use_locale();
    let (token, hash) = crate::auth::session::new_token();
    let now = crate::db::now_ms();
    let mut tx = state.db.write().begin().await?;
    crate::db::enquiries::open(&mut tx, &enquiry, locale.code(), &hash, now).await?;
    let link = state.mailer.link(&format!("{}?t={token}", super::CONVERSATION_PATH));
    let vars = [("name", enquiry.name.as_str()), ("link", link.as_str()), ("message", enquiry.message.as_str())];
    crate::db::outbox::enqueue(
        &mut tx,
        &enquiry.email,
        locale.t(K::MailContactSubject),
        &locale.tf(K::MailContactBody, &vars),
    )
    .await?;
    tx.commit().await?;
    state.mailer.wake();
    leptos_axum::redirect("/contact?sent=1");
    Ok(())
}

/// The conversation a visitor's link opens; 404 for a link that is not one.
#[server(name = VisitorConversation, endpoint = "visitor_conversation", input = GetUrl)]
pub async fn visitor_conversation(t: String) -> Result<VisitorEnquiry, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::ContactTeam, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let hash = crate::auth::session::hash_token(t.trim());
    let Some(e) = crate::db::enquiries::by_link(db, &hash).await? else { return Err(AppError::NotFound.respond()) };
    let messages = super::messages(crate::db::enquiries::messages(db, &e.id).await?);
    Ok(VisitorEnquiry { name: e.name.clone(), topic: e.topic(), status: e.status(), messages })
}

/// The visitor answers in their conversation (reopening it for the team).
#[server(name = VisitorReply, endpoint = "visitor_reply")]
pub async fn visitor_reply(t: String, message: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session, limits};
    use crate::domain::contact::{check_message, EnquiryStatus};
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, refuse_with, FormFlash};
    authorize(&current_session().actor, Action::ContactTeam, Resource::Platform)?;
    let flash = FormFlash::new("visitor_reply").value("message", &message);
    limits::enforce(&format!("contact:ip:{}", client_ip()), limits::CONTACT_PER_IP)
        .await
        .map_err(|e| refuse_with(flash.clone(), e))?;
    let state = crate::state::app_state()?;
    let hash = crate::auth::session::hash_token(t.trim());
    let Some(e) = crate::db::enquiries::by_link(state.db.read(), &hash).await? else {
        return Err(AppError::NotFound.respond());
    };
    let body = check_message(&message).map_err(|r| refuse(flash.error(r.key, Some(r.field))))?;
    let now = crate::db::now_ms();
    let mut tx = state.db.write().begin().await?;
    if !crate::db::enquiries::set_status(&mut tx, &e.id, e.version, EnquiryStatus::Open, None, now).await? {
        return Err(AppError::Conflict.respond());
    }
    crate::db::enquiries::add_message(&mut tx, &e.id, None, &body, now).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("{}?t={}#latest", super::CONVERSATION_PATH, urlencode(t.trim())));
    Ok(())
}

#[cfg(feature = "ssr")]
fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
