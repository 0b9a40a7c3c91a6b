//! The team's side: the conversations by status, one conversation, answering it (mailed to
//! the visitor with their link) and closing it. One of two answers at once wins (409).

use crate::error::AppError;
use crate::model::{EnquiryList, EnquiryView};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The conversations in `status` (`open`, `answered`, `closed`; empty for all).
#[server(name = Enquiries, endpoint = "enquiries", input = GetUrl)]
pub async fn enquiries(status: String) -> Result<EnquiryList, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::contact::EnquiryStatus;
    use crate::domain::policy::{Action, Resource};
    use crate::i18n::K;
    authorize(&current_session().actor, Action::HandleEnquiries, Resource::Platform)?;
    let status = match status.trim() {
        "" => None,
        s => Some(
            EnquiryStatus::from_key(s).ok_or_else(|| AppError::invalid("status", K::ErrorUnknownOption).respond())?,
        ),
    };
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let rows = crate::db::enquiries::list(db, status)
        .await?
        .into_iter()
        .map(|e| crate::model::EnquiryRowView {
            topic: e.topic(),
            status: e.status(),
            id: e.id,
            name: e.name,
            organisation: e.organisation,
            updated_at: e.updated_at,
        })
        .collect();
    Ok(EnquiryList { status, rows, open: crate::db::enquiries::open_count(db).await? })
}

/// One conversation.
#[server(name = EnquiryDetail, endpoint = "enquiry", input = GetUrl)]
pub async fn enquiry(id: String) -> Result<EnquiryView, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::HandleEnquiries, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let Some(e) = crate::db::enquiries::get(db, id.trim()).await? else { return Err(AppError::NotFound.respond()) };
    let messages = super::messages(crate::db::enquiries::messages(db, &e.id).await?);
    Ok(EnquiryView {
        topic: e.topic(),
        status: e.status(),
        id: e.id,
        name: e.name,
        email: e.email,
        organisation: e.organisation,
        version: e.version,
        created_at: e.created_at,
        messages,
    })
}

/// Answers a conversation at `version` (mailed to the visitor, in their language, with their
/// link), or closes it without a word (`close` = `1` and an empty message).
#[server(name = AnswerEnquiry, endpoint = "answer_enquiry")]
pub async fn answer_enquiry(
    id: String,
    version: String,
    message: String,
    close: Option<String>,
) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::contact::{check_message, EnquiryStatus};
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::{Locale, K};
    let actor = current_session().actor;
    authorize(&actor, Action::HandleEnquiries, Resource::Platform)?;
    let flash = FormFlash::new("enquiry").value("message", &message);
    let back = format!("/enquiries/{}", id.trim());
    let version: i64 = version.trim().parse().map_err(|_| AppError::BadRequest.respond())?;
    let closing = close.as_deref().map(str::trim) == Some("1");
    let body = match (closing, message.trim().is_empty()) {
        (true, true) => None,
        _ => Some(check_message(&message).map_err(|r| {
            leptos_axum::redirect(&back);
            refuse(flash.clone().error(r.key, Some(r.field)))
        })?),
    };
    let state = crate::state::app_state()?;
    let Some(e) = crate::db::enquiries::get(state.db.read(), id.trim()).await? else {
        return Err(AppError::NotFound.respond());
    };
    let me = actor.user_id.as_deref();
    let now = crate::db::now_ms();
    let status = if closing { EnquiryStatus::Closed } else { EnquiryStatus::Answered };
    let mut tx = state.db.write().begin().await?;
    if !crate::db::enquiries::set_status(&mut tx, &e.id, version, status, me, now).await? {
        leptos_axum::redirect(&back);
        return Err(crate::forms::refuse_with(flash, AppError::Conflict));
    }
    if let Some(body) = &body {
        crate::db::enquiries::add_message(&mut tx, &e.id, me, body, now).await?;
        // the visitor's link is not kept: a fresh one goes with each answer
        let (token, hash) = crate::auth::session::new_token();
        crate::db::enquiries::set_link(&mut tx, &e.id, &hash).await?;
        let locale = Locale::from_code(&e.locale).unwrap_or_default();
        let link = state.mailer.link(&format!("{}?t={token}", super::CONVERSATION_PATH));
        let vars = [("name", e.name.as_str()), ("link", link.as_str()), ("message", body.as_str())];
        crate::db::outbox::enqueue(
            &mut tx,
            &e.email,
            locale.t(K::MailEnquiryAnswerSubject),
            &locale.tf(K::MailEnquiryAnswerBody, &vars),
        )
        .await?;
    }
    let event = crate::db::audit::AuditEvent {
        actor_user_id: me,
        action: if closing { "enquiry.closed" } else { "enquiry.answered" },
        subject: &e.id,
        ..Default::default()
    };
    crate::db::audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    state.mailer.wake();
    leptos_axum::redirect(&back);
    Ok(())
}
