//! The introductions' clock: a reminder to the providers that have not answered in the last day
//! of their window, and the lapse (the Case Manager told) once it has closed. Run every minute
//! by the server; each introduction in its own transaction.

use crate::api::notify::{tell, Tell};
use crate::db::{cases, introductions, notifications, Database};
use crate::domain::introductions::{reminder_due, REMIND_BEFORE_MS};
use crate::domain::notices::NoticeKind;
use crate::domain::time::format_utc;
use crate::i18n::K;
use crate::mail::Mailer;

/// What one sweep did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Swept {
    pub reminded: usize,
    pub lapsed: usize,
}

/// Sends due reminders and lapses closed windows as of `now`; publishes each lapse.
pub async fn sweep_introductions(
    db: &Database,
    mailer: &Mailer,
    events: &crate::events::Events,
    now: i64,
) -> Result<Swept, sqlx::Error> {
    let mut swept = Swept::default();
    for intro in introductions::waiting_until(db.read(), now + REMIND_BEFORE_MS).await? {
        let Some(respond_by) = intro.respond_by else { continue };
        let mut tx = db.write().begin().await?;
        if now > respond_by {
            if !introductions::lapse(&mut tx, &intro, now).await? {
                continue;
            }
            let case = cases::get(&mut tx, &intro.case_id).await?;
            let manager = case.as_ref().and_then(|c| c.case_manager_id.clone());
            let told = match &manager {
                Some(m) => notifications::person(&mut tx, m).await?.into_iter().collect(),
                None => Vec::new(),
            };
            let waiting: Vec<&str> =
                intro.parties.iter().filter(|p| p.answer.is_none()).map(|p| p.name.as_str()).collect();
            let waiting = waiting.join(", ");
            let path = format!("/cases/{}#introductions", intro.case_id);
            let vars = [("providers", waiting.as_str())];
            let what = Tell {
                kind: NoticeKind::IntroductionLapsed,
                case_id: Some(&intro.case_id),
                path: &path,
                subject: K::MailIntroLapsedSubject,
                body: K::MailIntroLapsedBody,
                vars: &vars,
                at: now,
            };
            tell(&mut tx, mailer, &told, None, &what).await?;
            tx.commit().await?;
            if let Some(c) = case {
                if let Some(after) = cases::get(db.read(), &c.id).await? {
                    events.publish(after.changed(crate::domain::timeline::ChangeKind::Introduction)).await;
                }
            }
            swept.lapsed += 1;
        } else if reminder_due(intro.status, intro.respond_by, intro.reminded_at.is_some(), now) {
            if !introductions::mark_reminded(&mut tx, &intro.id, now).await? {
                continue;
            }
            let silent: Vec<String> =
                intro.parties.iter().filter(|p| p.answer.is_none()).map(|p| p.organisation_id.clone()).collect();
            let told = notifications::members(&mut tx, &silent).await?;
            let path = format!("/introductions/{}", intro.id);
            let by = format_utc(respond_by);
            let vars = [("date", by.as_str())];
            let what = Tell {
                kind: NoticeKind::IntroductionReminder,
                case_id: Some(&intro.case_id),
                path: &path,
                subject: K::MailIntroReminderSubject,
                body: K::MailIntroReminderBody,
                vars: &vars,
                at: now,
            };
            tell(&mut tx, mailer, &told, None, &what).await?;
            tx.commit().await?;
            swept.reminded += 1;
        }
    }
    if swept != Swept::default() {
        mailer.wake();
    }
    Ok(swept)
}
