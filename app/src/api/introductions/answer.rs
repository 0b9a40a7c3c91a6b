//! A provider named by an introduction accepts or declines it (with a reason); when every
//! provider accepted, the introduction's thread opens.

use crate::error::AppError;
use leptos::prelude::*;

/// Answers introduction `id` for `organisation` (one the caller belongs to): `answer` is
/// `accepted` or `declined`; a decline needs a `reason`.
#[server(name = AnswerIntroduction, endpoint = "answer_introduction")]
pub async fn answer_introduction(
    id: String,
    organisation: String,
    answer: String,
    reason: String,
) -> Result<(), AppError> {
    use super::support::refused;
    use crate::api::notify::{tell, Tell};
    use crate::auth::{authorize, current_session};
    use crate::db::cases::Author;
    use crate::db::{cases, introductions, notifications, threads};
    use crate::domain::introductions::{check_answer, status_of, Answer, IntroRefusal, IntroStatus};
    use crate::domain::notices::NoticeKind;
    use crate::domain::policy::{can, Action, IntroRef, Resource};
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::ViewInbox, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let Some(intro) = introductions::get(state.db.read(), &id).await? else { return Err(AppError::NotFound.respond()) };
    let Some(c) = cases::get(state.db.read(), &intro.case_id).await? else { return Err(AppError::NotFound.respond()) };
    let providers = intro.providers();
    let r = Resource::Introduction(IntroRef {
        case: c.policy_ref(),
        providers: &providers,
        with_government: intro.with_government,
    });
    // an introduction the caller may not read does not exist for them
    if !can(&current.actor, Action::ViewIntroduction, r) {
        return Err(AppError::NotFound.respond());
    }
    authorize(&current.actor, Action::AnswerIntroduction, r)?;
    let back = format!("/introductions/{id}");
    let bad = |field: Option<&str>, key: K| refused(&back, "intro_answer", field, key);
    let Some(answer) = Answer::from_key(&answer) else { return Err(bad(Some("answer"), K::ErrorUnknownOption)) };
    if !current.actor.member_of.contains(&organisation) {
        return Err(bad(Some("organisation"), IntroRefusal::NotAParty.key()));
    }
    let now = crate::db::now_ms();
    // as stored (lapsed, declined…), or lapsed now if its window closed since
    let status = match intro.status {
        IntroStatus::Waiting => status_of(&intro.rule_parties(), intro.respond_by, now),
        stored => stored,
    };
    let reason = match check_answer(status, &intro.rule_parties(), &organisation, answer, &reason) {
        Ok(reason) => reason,
        Err(r) => {
            let field = matches!(r, IntroRefusal::ReasonRequired | IntroRefusal::ReasonTooLong).then_some("reason");
            return Err(bad(field, r.key()));
        }
    };
    let user = current.actor.user_id.clone().unwrap_or_default();
    let author = Author { actor: Some(&user), reason: &reason, at: now };
    let mut tx = state.db.write().begin().await?;
    let status = match introductions::answer(&mut tx, &intro, &organisation, answer, author).await? {
        Ok(status) => status,
        Err(r) => return Err(bad(None, r.key())),
    };
    if status == IntroStatus::Accepted && threads::of_introduction(&mut tx, &id).await?.is_none() {
        let mut parties = providers.clone();
        if intro.with_government {
            parties.insert(0, c.organisation_id.clone());
        }
        threads::open(&mut tx, &c.id, Some(&id), &parties, Some(&user), now).await?;
    }
    // the Case Manager, and the government when it is a party, hear of the answer
    let mut told = Vec::new();
    if let Some(manager) = &c.case_manager_id {
        told.extend(notifications::person(&mut tx, manager).await?);
    }
    if intro.with_government {
        told.extend(notifications::members(&mut tx, std::slice::from_ref(&c.organisation_id)).await?);
    }
    let provider = intro.parties.iter().find(|p| p.organisation_id == organisation).map(|p| p.name.clone());
    let provider = provider.unwrap_or_default();
    let vars = [("provider", provider.as_str())];
    let (subject, body) = match answer {
        Answer::Accepted => (K::MailIntroAcceptedSubject, K::MailIntroAcceptedBody),
        Answer::Declined => (K::MailIntroDeclinedSubject, K::MailIntroDeclinedBody),
    };
    let path = format!("/cases/{}#introductions", c.id);
    let what = Tell {
        kind: NoticeKind::IntroductionAnswered,
        case_id: Some(&c.id),
        path: &path,
        subject,
        body,
        vars: &vars,
        at: now,
    };
    tell(&mut tx, &state.mailer, &told, Some(&user), &what).await?;
    let after = cases::get(&mut tx, &c.id).await?.ok_or(AppError::Internal)?;
    tx.commit().await?;
    state.mailer.wake();
    state.events.publish(after.changed(crate::domain::timeline::ChangeKind::Introduction)).await;
    leptos_axum::redirect(&back);
    Ok(())
}
