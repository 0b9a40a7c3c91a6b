//! Follow-up: three and six months after an agreement each side is asked (in the app and by
//! mail) how it went, once; its answer (a rating on a labelled scale and a few words) is kept
//! for oversight and appears on the case's timeline.

use crate::error::AppError;
use crate::model::FollowUpsPage;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The follow-ups asked of the caller's organisations (answered or not).
#[server(name = MyFollowUps, endpoint = "my_follow_ups", input = GetUrl)]
pub async fn my_follow_ups() -> Result<FollowUpsPage, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    use crate::model::FollowUpView;
    let actor = current_session().actor;
    authorize(&actor, Action::ViewInbox, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let rows = crate::db::followups::of_organisations(state.db.read(), &actor.member_of).await?;
    Ok(FollowUpsPage {
        items: rows
            .into_iter()
            .map(|f| FollowUpView {
                case_id: f.case_id,
                months: f.months,
                organisation_id: f.organisation_id,
                organisation: f.organisation,
                government: f.government,
                asked_at: f.asked_at,
                rating: f.rating,
                comment: f.comment,
                answered_at: f.answered_at,
            })
            .collect(),
    })
}

/// Answers the follow-up of case `case_id` at `months` for `organisation` (one the caller
/// belongs to): a `rating` from 1 to 5 and an optional `comment`.
#[server(name = AnswerFollowUp, endpoint = "answer_follow_up")]
pub async fn answer_follow_up(
    case_id: String,
    months: i64,
    organisation: String,
    rating: String,
    comment: String,
) -> Result<(), AppError> {
    use crate::api::introductions::support::refused;
    use crate::auth::{authorize, current_session};
    use crate::db::cases::{self, Author};
    use crate::db::followups;
    use crate::domain::followup::check_answer;
    use crate::domain::policy::{Action, Resource};
    use crate::domain::timeline::{Change, ChangeKind};
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::ViewInbox, Resource::Platform)?;
    authorize(&current.actor, Action::AnswerFollowUp, Resource::Organisation(&organisation))?;
    let state = crate::state::app_state()?;
    let back = format!("/follow-ups#f-{case_id}-{months}-{organisation}");
    let (rating, comment) = match check_answer(&rating, &comment) {
        Ok(ok) => ok,
        Err((field, key)) => {
            let field = format!("f-{case_id}-{months}-{organisation}-{field}");
            return Err(refused(&back, "follow_up", Some(&field), key));
        }
    };
    let user = current.actor.user_id.clone().unwrap_or_default();
    let author = Author::now(Some(&user), "");
    let mut tx = state.db.write().begin().await?;
    if followups::get(&mut tx, &case_id, months, &organisation).await?.is_none() {
        return Err(AppError::NotFound.respond());
    }
    if !followups::answer(&mut tx, &case_id, months, &organisation, rating.value(), &comment, &user, author.at).await? {
        return Err(refused(&back, "follow_up", None, K::FollowUpErrorAnswered));
    }
    let what = Change::FollowUpAnswered { months, organisation_id: organisation.clone(), rating: rating.value() };
    let after = match cases::record(&mut tx, &case_id, author, what).await? {
        Ok(c) => c,
        Err(_) => return Err(AppError::NotFound.respond()),
    };
    tx.commit().await?;
    state.events.publish(after.changed(ChangeKind::FollowUp)).await;
    leptos_axum::redirect("/follow-ups");
    Ok(())
}

/// Asks, once, each side of every case whose three- or six-month milestone has come (the
/// government and each selected provider), in the app and by mail. Run hourly by the server;
/// several instances may run it at once: the request's primary key lets one of them make it.
#[cfg(feature = "ssr")]
pub async fn ask_follow_ups(
    db: &crate::db::Database,
    mailer: &crate::mail::Mailer,
    now: i64,
) -> Result<usize, sqlx::Error> {
    use crate::api::notify::{tell, Tell};
    use crate::db::{agreements, followups, notifications};
    use crate::domain::followup::due;
    use crate::domain::notices::NoticeKind;
    use crate::i18n::K;
    let mut asked = 0;
    // milestones asked before are skipped without a write transaction (the sweep runs hourly)
    let done = followups::asked(db.read()).await?;
    for (case_id, agreed_at) in followups::agreed(db.read()).await? {
        for months in due(agreed_at, now).into_iter().filter(|m| !done.contains(&(case_id.clone(), *m))) {
            let mut tx = db.write().begin().await?;
            let Some(case) = crate::db::cases::get(&mut tx, &case_id).await? else { continue };
            let mut sides = vec![case.organisation_id.clone()];
            sides.extend(agreements::selected(&mut tx, &case_id).await?.into_iter().map(|s| s.provider_id));
            for side in sides {
                if !followups::ask(&mut tx, &case_id, months, &side, now).await? {
                    continue;
                }
                asked += 1;
                let told = notifications::members(&mut tx, std::slice::from_ref(&side)).await?;
                let months_text = months.to_string();
                let vars = [("months", months_text.as_str())];
                let path = format!("/follow-ups#f-{case_id}-{months}-{side}");
                let what = Tell {
                    kind: NoticeKind::FollowUpAsked,
                    case_id: Some(&case_id),
                    path: &path,
                    subject: K::MailFollowUpSubject,
                    body: K::MailFollowUpBody,
                    vars: &vars,
                    at: now,
                };
                tell(&mut tx, mailer, &told, None, &what).await?;
            }
            tx.commit().await?;
        }
    }
    if asked > 0 {
        mailer.wake();
    }
    Ok(asked)
}
