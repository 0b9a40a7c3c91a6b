//! Submitting a complete draft: the provider profile (a new version) or the request and its
//! case, the respondent's account, and the mail that answers an anonymous submission.

use super::*;

/// Submits a complete draft: creates (or updates) the provider profile, or creates the
/// request; for a respondent without an account, creates one with their organisation and
/// e-mails a link to choose a password. Submitting twice is answered like the first time.
#[server(name = SurveySubmit, endpoint = "survey_submit")]
pub async fn survey_submit(kind: String, draft: String) -> Result<(), AppError> {
    use crate::auth::{client_ip, current_session};
    use crate::db::organisations::NewOrganisation;
    use crate::db::{audit, organisations, outbox, surveys, tokens, users};
    use crate::domain::survey::{first_incomplete, without_hidden, SurveyKind};
    use crate::domain::taxonomy::OrgKind;
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::K;
    let current = current_session();
    crate::auth::authorize(
        &current.actor,
        crate::domain::policy::Action::RespondToSurvey,
        crate::domain::policy::Resource::Platform,
    )?;
    let kind = parse_kind(&kind)?;
    let state = crate::state::app_state()?;
    let done = format!("/survey/{}/done", kind.key());
    // a second submit of a draft this browser just sent (a double click, a resent form) is
    // answered like the first, though the draft now belongs to the account it created
    let key = crate::auth::request_cookie(&cookie_name(kind)).filter(|k| !k.is_empty() && k.len() <= 100);
    if let Some(key) = key {
        let sent = crate::db::surveys::by_key(state.db.read(), kind, &key).await?;
        if sent.is_some_and(|d| d.id == draft && d.submitted_at.is_some()) {
            leptos_axum::redirect(&if current.user.is_none() { format!("{done}?account=1") } else { done });
            return Ok(());
        }
    }
    let found = authorized_draft(&state, kind).await?;
    if found.id != draft {
        return Err(AppError::Conflict.respond());
    }
    if found.submitted_at.is_some() {
        leptos_axum::redirect(&done);
        return Ok(());
    }
    let signed_in = current.user.is_some();
    if let Some(step) = first_incomplete(kind, &found.answers, signed_in) {
        leptos_axum::redirect(&format!("/survey/{}/step/{step}?check=1#errors", kind.key()));
        return Err(refuse(FormFlash::new("survey").error(K::ErrorSurveyIncomplete, None)));
    }
    let mut answers = without_hidden(kind, &found.answers);
    if let Some(user) = &current.user {
        answers.0.insert("respondent_name".into(), vec![user.name.clone()]);
        answers.0.insert("respondent_email".into(), vec![user.email.clone()]);
    }
    let locale = crate::i18n::use_locale();
    let ip = client_ip();
    let anonymous = current.user.is_none();
    let respondent_email = answers.first("respondent_email").to_string();
    // anyone can make an anonymous submission mail an address: within the mail limits, else
    // the mail is skipped (the submission itself always stands)
    let may_mail = anonymous && crate::auth::limits::allow_mail(&respondent_email).await.is_ok();
    let mut tx = state.db.write().begin().await?;
    // who submits: the signed-in user, else a new account for the respondent's address (an
    // address that already has an account is not taken over: the submission stays unlinked and
    // its owner is told by mail, so the answer is the same either way)
    let mut user_id = current.user.as_ref().map(|u| u.user_id.clone());
    let mut welcome: Option<(String, String)> = None;
    let mut known_account = false;
    if user_id.is_none() {
        let email = respondent_email.clone();
        if users::find_by_email(state.db.read(), &email).await?.is_some() {
            known_account = true;
        } else {
            let new_user = users::NewUser {
                email: email.clone(),
                name: answers.first("respondent_name").to_string(),
                locale: locale.code().to_string(),
                password_hash: None,
                staff_role: None,
                email_verified: false,
            };
            let id = users::insert(&mut tx, &new_user).await?;
            welcome = Some((id.clone(), email));
            user_id = Some(id);
        }
    }
    // the organisation the draft was made for (a signed-in member's, set when it was started),
    // else a new one from the answers: never the organisation of whoever happens to submit it
    let organisation_id = match found.organisation_id.clone() {
        Some(org) => org,
        None => {
            let new_org = match kind {
                SurveyKind::Supply => NewOrganisation {
                    name: answers.first("org_name").to_string(),
                    kind: OrgKind::from_key(answers.first("org_kind")).unwrap_or(OrgKind::Ngo),
                    country: answers.first("org_country").to_string(),
                    website: Some(answers.first("website").to_string()).filter(|w| !w.is_empty()),
                    description: answers.first("org_description").to_string(),
                    verified: false,
                },
                SurveyKind::Demand => NewOrganisation {
                    name: answers.first("agency").to_string(),
                    kind: OrgKind::Government,
                    country: answers.first("country").to_string(),
                    website: None,
                    description: String::new(),
                    verified: false,
                },
            };
            let org = match organisations::insert(&mut tx, &new_org).await {
                Ok(org) => org,
                Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                    // an organisation cannot be taken over by naming it: its members update it
                    drop(tx);
                    leptos_axum::redirect(&format!("/survey/{}/review", kind.key()));
                    return Err(refuse(FormFlash::new("survey").error(K::ErrorOrganisationExists, None)));
                }
                Err(e) => return Err(e.into()),
            };
            if let Some(user) = &user_id {
                users::add_membership(&mut tx, user, &org, true).await?;
            }
            org
        }
    };
    let mut opened = None;
    let (result_id, action) = match kind {
        SurveyKind::Supply => {
            let listed = answers.has("consent_listing");
            surveys::add_profile_version(&mut tx, &organisation_id, &answers, user_id.as_deref(), listed).await?;
            crate::db::roster::index_provider(&mut tx, &organisation_id).await?;
            (organisation_id.clone(), "provider_profile.submitted")
        }
        SurveyKind::Demand => {
            let now = crate::db::now_ms();
            let id = surveys::insert_request(
                &mut tx,
                &organisation_id,
                user_id.as_deref(),
                answers.first("country"),
                &answers,
                now,
            )
            .await?;
            crate::db::roster::index_request(&mut tx, &id).await?;
            let case_id = crate::db::cases::open(&mut tx, &id, &organisation_id, now).await?;
            // a government asking again from an earlier case of its own: the new case follows it
            if let Some(earlier) = surveys::follows_of(&mut tx, &found.id).await? {
                crate::db::cases::set_follows(&mut tx, &case_id, &earlier, &organisation_id).await?;
            }
            opened = Some((case_id, organisation_id.clone()));
            (id, "request.submitted")
        }
    };
    if !surveys::mark_submitted(&mut tx, &found.id, user_id.as_deref(), &result_id).await? {
        // another submit of the same draft won the race: it stands, this one changes nothing
        drop(tx);
        leptos_axum::redirect(&done);
        return Ok(());
    }
    if may_mail && known_account {
        let link = state.mailer.link("/sign-in");
        let vars =
            [("name", answers.first("respondent_name")), ("survey", locale.t(kind.title())), ("link", link.as_str())];
        let subject = locale.t(K::MailSubmittedKnownSubject);
        outbox::enqueue(&mut tx, &respondent_email, subject, &locale.tf(K::MailSubmittedKnownBody, &vars)).await?;
    }
    if let Some((new_user, email)) = welcome.as_ref().filter(|_| may_mail) {
        let grant = tokens::TokenGrant {
            email: email.clone(),
            user_id: Some(new_user.clone()),
            organisation_id: None,
            staff_role: None,
            created_by: None,
        };
        let token = tokens::create(&mut tx, tokens::TokenKind::ResetPassword, &grant, 7 * 24 * 60 * 60 * 1000).await?;
        let link = state.mailer.link(&format!("/reset-password?token={token}"));
        let vars =
            [("name", answers.first("respondent_name")), ("survey", locale.t(kind.title())), ("link", link.as_str())];
        outbox::enqueue(&mut tx, email, locale.t(K::MailWelcomeSubject), &locale.tf(K::MailWelcomeBody, &vars)).await?;
    }
    let event = audit::AuditEvent {
        actor_user_id: user_id.as_deref(),
        action,
        subject: &result_id,
        ip: &ip,
        detail: &found.id,
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    if may_mail {
        state.mailer.wake();
    }
    if let Some((case_id, organisation_id)) = opened {
        let stage = crate::domain::case::CaseStage::Intake;
        let kind = crate::domain::timeline::ChangeKind::Opened;
        let opened =
            crate::model::CaseChanged { case_id, organisation_id, case_manager_id: None, stage, version: 1, kind };
        state.events.publish(crate::model::LiveEvent::Case(opened)).await;
    }
    if anonymous {
        // the done page says where the mail went, to this browser only
        let flash = FormFlash::new("survey_done").value("email", &respondent_email);
        crate::auth::set_app_cookie(crate::forms::FLASH_COOKIE, &flash.encode(), 60);
        leptos_axum::redirect(&format!("{done}?account=1"));
    } else {
        leptos_axum::redirect(&done);
    }
    Ok(())
}
