//! Making an introduction, and approving one that waits for the steering committee.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// Introduces, on the case at `version`: `kind` (`scoping` or `engagement`), one or more
/// `provider` ids (repeated), `with_government` (`1` when the government is a party) and a
/// `note` on why. The first engagement introduction moves the case from Matching to
/// Introductions. A multipart post (the providers repeat their name).
#[server(name = Introduce, endpoint = "introduce", input = MultipartFormData)]
pub async fn introduce(data: MultipartData) -> Result<(), AppError> {
    use super::support::{refused, send_out};
    use crate::api::cases::support::{fresh, not_written, today};
    use crate::auth::{authorize, current_session};
    use crate::db::cases::{self, Author};
    use crate::db::introductions::{self, Made};
    use crate::domain::case::Move;
    use crate::domain::introductions::{check_new, respond_by, IntroKind, NewIntroduction};
    use crate::domain::policy::{Action, Resource};
    use crate::domain::timeline::ChangeKind;
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::ViewCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let fields = crate::forms::multipart_fields(data, 32 * 1024).await?;
    let get = |n: &str| fields.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()).unwrap_or_default();
    let id = get("id");
    let Some(c) = cases::get(state.db.read(), &id).await? else { return Err(AppError::NotFound.respond()) };
    authorize(&current.actor, Action::Introduce, Resource::Case(c.policy_ref()))?;
    let back = format!("/cases/{id}#introductions");
    let bad = |field: &str, key: K| refused(&back, "case_intro", Some(field), key);
    let Some(kind) = IntroKind::from_key(&get("kind")) else { return Err(bad("intro-kind", K::ErrorUnknownOption)) };
    let mut providers: Vec<String> = Vec::new();
    for (_, p) in fields.iter().filter(|(k, v)| k == "provider" && !v.is_empty()) {
        if !providers.contains(p) {
            providers.push(p.clone());
        }
    }
    let with_government = get("with_government") == "1";
    let note = get("note");
    let version: i64 = get("version").parse().unwrap_or(-1);
    fresh(&c, version, "case_intro", "introductions")?;
    let shortlist: Vec<String> = cases::decisions(state.db.read(), &id)
        .await?
        .into_iter()
        .filter(|d| d.decision == crate::domain::casework::Decision::Shortlisted)
        .map(|d| d.provider_id)
        .collect();
    let gov = super::support::gov(&state, &id).await?;
    let mut tx = state.db.write().begin().await?;
    for p in &providers {
        if !cases::is_listed_provider(&mut tx, p).await? {
            return Err(bad("intro-providers", K::CaseErrorUnknownProvider));
        }
    }
    let facts = cases::facts(&mut tx, &c).await?;
    let new = NewIntroduction { kind, providers: &providers, with_government, note: &note };
    let moves_to = match check_new(c.stage, &facts, &shortlist, &new, today()) {
        Ok(to) => to,
        Err(r) => {
            let field = match r {
                crate::domain::introductions::IntroRefusal::NoteRequired
                | crate::domain::introductions::IntroRefusal::NoteTooLong => "intro-note",
                _ => "intro-providers",
            };
            return Err(bad(field, r.key()));
        }
    };
    let author = Author::now(current.actor.user_id.as_deref(), "");
    if moves_to.is_some() {
        let moved = cases::move_case(
            &mut tx,
            &id,
            version,
            Move::To(crate::domain::case::CaseStage::Introductions),
            &facts,
            today(),
            author,
        )
        .await?;
        if let Err(r) = moved {
            return Err(not_written(&id, "case_intro", "introductions", r));
        }
    }
    // the response window the steering committee set (the configured one until it does)
    let window_days = crate::api::oversight::in_force(&state).await?.1.window_days;
    let window = (!state.introductions.needs_approval).then(|| respond_by(author.at, window_days));
    let made =
        Made { case_id: &id, kind, providers: &providers, with_government, note: note.trim(), respond_by: window };
    let intro_id = match introductions::make(&mut tx, &made, author).await? {
        Ok(intro_id) => intro_id,
        Err(r) => return Err(not_written(&id, "case_intro", "introductions", r)),
    };
    let intro = introductions::get(&mut tx, &intro_id).await?.ok_or(AppError::Internal)?;
    if window.is_some() {
        send_out(&mut tx, &state, &gov, &intro, author.actor).await?;
    } else {
        ask_approval(&mut tx, &state, &gov, &intro).await?;
    }
    let now = cases::get(&mut tx, &id).await?.ok_or(AppError::Internal)?;
    tx.commit().await?;
    state.mailer.wake();
    state.events.publish(now.changed(ChangeKind::Introduction)).await;
    leptos_axum::redirect(&back);
    Ok(())
}

/// Asks the steering committee to approve an introduction.
#[cfg(feature = "ssr")]
async fn ask_approval(
    tx: &mut crate::db::Tx,
    state: &crate::state::AppState,
    gov: &super::support::Gov,
    intro: &crate::db::introductions::Introduction,
) -> Result<(), AppError> {
    use crate::api::notify::{tell, Tell};
    let steering = crate::db::notifications::steering(&mut *tx).await?;
    let (government, country) = (gov.name.clone(), gov.country.clone());
    let path = format!("/introductions/{}", intro.id);
    let vars = [("government", government.as_str()), ("country", country.as_str())];
    let ask = Tell {
        kind: crate::domain::notices::NoticeKind::ApprovalNeeded,
        case_id: Some(&intro.case_id),
        path: &path,
        subject: crate::i18n::K::MailApprovalNeededSubject,
        body: crate::i18n::K::MailApprovalNeededBody,
        vars: &vars,
        at: intro.created_at,
    };
    tell(tx, &state.mailer, &steering, None, &ask).await?;
    Ok(())
}

/// A steering committee member lets an introduction waiting for approval go out: its window
/// starts now and its parties are told.
#[server(name = ApproveIntroduction, endpoint = "approve_introduction")]
pub async fn approve_introduction(id: String) -> Result<(), AppError> {
    use super::support::{refused, send_out};
    use crate::auth::{authorize, current_session};
    use crate::db::{cases, introductions};
    use crate::domain::introductions::{respond_by, IntroRefusal};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    authorize(&current.actor, Action::ViewCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let Some(intro) = introductions::get(state.db.read(), &id).await? else { return Err(AppError::NotFound.respond()) };
    let Some(c) = cases::get(state.db.read(), &intro.case_id).await? else { return Err(AppError::NotFound.respond()) };
    authorize(&current.actor, Action::ApproveIntroduction, Resource::Case(c.policy_ref()))?;
    let back = format!("/introductions/{id}");
    let user = current.actor.user_id.clone().unwrap_or_default();
    let now = crate::db::now_ms();
    let gov = super::support::gov(&state, &intro.case_id).await?;
    let window_days = crate::api::oversight::in_force(&state).await?.1.window_days;
    let mut tx = state.db.write().begin().await?;
    if !introductions::approve(&mut tx, &id, &user, now, respond_by(now, window_days)).await? {
        return Err(refused(&back, "intro_approve", None, IntroRefusal::NotAwaitingApproval.key()));
    }
    let intro = introductions::get(&mut tx, &id).await?.ok_or(AppError::Internal)?;
    send_out(&mut tx, &state, &gov, &intro, Some(&user)).await?;
    crate::db::audit::note(&mut tx, Some(&user), "introduction.approved", &id, "").await?;
    tx.commit().await?;
    state.mailer.wake();
    state.events.publish(c.changed(crate::domain::timeline::ChangeKind::Introduction)).await;
    leptos_axum::redirect(&back);
    Ok(())
}
