//! E-mailed resume links: the mail, the page it opens (which asks first), and the confirmation
//! that puts the draft's key in this browser.

use super::*;
use leptos::server_fn::codec::GetUrl;

/// E-mails the respondent a link that opens their draft on any device.
#[server(name = SurveyResumeLink, endpoint = "survey_resume_link")]
pub async fn survey_resume_link(kind: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session, limits};
    use crate::db::{outbox, surveys};
    use crate::domain::account::validate_email;
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, refuse_with, FormFlash};
    use crate::i18n::K;
    authorize(&current_session().actor, Action::RespondToSurvey, Resource::Platform)?;
    let kind = parse_kind(&kind)?;
    let state = crate::state::app_state()?;
    let draft = authorized_draft(&state, kind).await?;
    let flash = FormFlash::new("survey_later");
    let back = format!("/survey/{}/step/{}", kind.key(), draft.reached_step.min(kind.steps().len() as i64));
    let email =
        current_session().user.map(|u| u.email).unwrap_or_else(|| draft.answers.first("respondent_email").to_string());
    let email = validate_email(&email).map_err(|_| {
        leptos_axum::redirect(&back);
        refuse(flash.clone().error(K::ErrorEmailInvalid, Some("respondent_email")))
    })?;
    let limited = |e| {
        leptos_axum::redirect(&back);
        refuse_with(flash.clone(), e)
    };
    limits::enforce(&format!("resume:draft:{}", draft.id), limits::RESET_PER_ACCOUNT).await.map_err(limited)?;
    limits::allow_mail(&email).await.map_err(limited)?;
    let locale = crate::i18n::use_locale();
    let mut tx = state.db.write().begin().await?;
    let key = surveys::add_key(&mut tx, &draft.id, surveys::RESUME_LINK_TTL_MS).await?;
    let link = state.mailer.link(&resume_page(kind, &key));
    let vars = [("survey", locale.t(kind.title())), ("link", link.as_str())];
    outbox::enqueue(&mut tx, &email, &locale.tf(K::MailResumeSubject, &vars), &locale.tf(K::MailResumeBody, &vars))
        .await?;
    tx.commit().await?;
    state.mailer.wake();
    leptos_axum::redirect(&format!("{back}?sent=1"));
    Ok(())
}

/// The page an e-mailed resume link opens (it asks before anything changes).
#[cfg(feature = "ssr")]
fn resume_page(kind: crate::domain::survey::SurveyKind, key: &str) -> String {
    format!("/survey/{}/resume?key={}", kind.key(), form_urlencoded::byte_serialize(key.as_bytes()).collect::<String>())
}

/// Resume links sent before they opened a page of their own: sends the browser to that page.
/// Following a link changes nothing.
#[server(name = SurveyResume, endpoint = "survey_resume", input = GetUrl)]
pub async fn survey_resume(kind: String, key: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::RespondToSurvey, Resource::Platform)?;
    let kind = parse_kind(&kind)?;
    leptos_axum::redirect(&resume_page(kind, &key));
    Ok(())
}

/// Continues a draft from an e-mailed link, once the respondent confirmed on the page it
/// opens: the key goes into this browser's cookie. A signed-in respondent takes an anonymous
/// draft as theirs (from then on no key opens it for anyone else); a draft someone owns is
/// continued only by them, after signing in.
#[server(name = SurveyResumeConfirm, endpoint = "survey_resume_confirm")]
pub async fn survey_resume_confirm(kind: String, key: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::surveys;
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    authorize(&current.actor, Action::RespondToSurvey, Resource::Platform)?;
    let kind = parse_kind(&kind)?;
    let state = crate::state::app_state()?;
    let found =
        if key.is_empty() || key.len() > 100 { None } else { surveys::by_key(state.db.read(), kind, &key).await? };
    let Some(draft) = found.filter(|d| d.submitted_at.is_none()) else {
        leptos_axum::redirect(&format!("/survey/{}?expired=1", kind.key()));
        return Ok(());
    };
    match (draft.user_id.as_deref(), current.actor.user_id.as_deref()) {
        (Some(owner), me) if me != Some(owner) => {
            let next: String = form_urlencoded::byte_serialize(resume_page(kind, &key).as_bytes()).collect();
            leptos_axum::redirect(&format!("/sign-in?next={next}"));
            return Ok(());
        }
        (None, Some(me)) => {
            let mut tx = state.db.write().begin().await?;
            surveys::take_over_anonymous(&mut tx, &draft.id, me).await?;
            tx.commit().await?;
        }
        _ => {}
    }
    set_draft_cookie(kind, &key);
    leptos_axum::redirect(&format!(
        "/survey/{}/step/{}",
        kind.key(),
        draft.reached_step.clamp(1, kind.steps().len() as i64)
    ));
    Ok(())
}
