//! Outreach: campaigns that invite contacts to a survey. Staff import a contact list (CSV),
//! send personalised invitations in each recipient's language, follow where each recipient
//! stands, and send one reminder. A recipient's link opens the survey prefilled; the same link
//! unsubscribes, and an unsubscribed address is never mailed again.

use crate::error::AppError;
use crate::model::{CampaignList, CampaignView};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

/// Longest campaign name.
pub const NAME_MAX: usize = 120;
/// Largest contact list accepted (bytes): under the server's default request limit (1 MiB), so
/// a file too large gets this translated message rather than a bare 413.
pub const FILE_MAX: usize = 900 * 1024;

/// Every campaign (staff).
#[server(name = OutreachCampaigns, endpoint = "outreach_campaigns", input = GetUrl)]
pub async fn outreach_campaigns() -> Result<CampaignList, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{can, Action, Resource};
    let actor = current_session().actor;
    authorize(&actor, Action::ViewRoster, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let campaigns = crate::db::outreach::campaigns(state.db.read()).await?;
    Ok(CampaignList { campaigns, can_manage: can(&actor, Action::ManageOutreach, Resource::Platform) })
}

/// Creates a campaign inviting to `survey` (`supply` or `demand`).
#[server(name = CreateCampaign, endpoint = "create_campaign")]
pub async fn create_campaign(name: String, survey: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, outreach};
    use crate::domain::policy::{Action, Resource};
    use crate::domain::survey::SurveyKind;
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::ManageOutreach, Resource::Platform)?;
    let flash = FormFlash::new("campaign").value("name", &name).value("survey", &survey);
    let name = name.trim();
    if name.is_empty() {
        return Err(refuse(flash.error(K::ErrorRequired, Some("name"))));
    }
    if name.chars().count() > NAME_MAX || name.chars().any(char::is_control) {
        return Err(refuse(flash.error(K::ErrorTooLong, Some("name"))));
    }
    let Some(kind) = SurveyKind::from_key(&survey) else {
        return Err(refuse(flash.error(K::ErrorUnknownOption, Some("survey"))));
    };
    let state = crate::state::app_state()?;
    let ip = client_ip();
    let user = current.user.as_ref().map(|u| u.user_id.as_str());
    let mut tx = state.db.write().begin().await?;
    let id = outreach::create_campaign(&mut tx, name, kind, user).await?;
    let event = audit::AuditEvent {
        actor_user_id: user,
        action: "outreach.campaign_created",
        subject: &id,
        ip: &ip,
        detail: name,
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/outreach/{id}"));
    Ok(())
}

/// A campaign with its recipients and its latest import report (staff).
#[server(name = OutreachCampaign, endpoint = "outreach_campaign", input = GetUrl)]
pub async fn outreach_campaign(id: String) -> Result<CampaignView, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::outreach;
    use crate::domain::outreach::RecipientStatus;
    use crate::domain::policy::{can, Action, Resource};
    let actor = current_session().actor;
    authorize(&actor, Action::ViewRoster, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let Some(row) = outreach::campaign(db, &id).await? else {
        return Err(AppError::NotFound.respond());
    };
    let recipients = outreach::recipients(db, &id).await?;
    let last_import = outreach::last_import(db, &id).await?;
    let to_invite = recipients.iter().filter(|r| r.status == RecipientStatus::Imported).count() as i64;
    let to_remind = recipients.iter().filter(|r| r.status.may_be_reminded() && !r.reminded).count() as i64;
    Ok(CampaignView {
        summary: row,
        recipients: recipients
            .into_iter()
            .map(|r| crate::model::RecipientView {
                name: r.name,
                email: r.email,
                organisation: r.organisation,
                country: r.country,
                language: r.language,
                status: r.status,
                reminded: r.reminded,
                last_activity: r.last_activity,
            })
            .collect(),
        last_import,
        can_manage: can(&actor, Action::ManageOutreach, Resource::Platform),
        to_invite,
        to_remind,
    })
}

/// Imports a contact list (multipart: `campaign`, `file`). Good lines are added, bad or
/// repeated lines are reported one by one; a file that cannot be read is refused whole and
/// adds nothing. Every import's report is kept and shown on the campaign page.
#[server(name = OutreachImport, endpoint = "outreach_import", input = MultipartFormData)]
pub async fn outreach_import(data: MultipartData) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, outreach};
    use crate::domain::outreach::{parse_contacts, LineProblem};
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::ManageOutreach, Resource::Platform)?;
    let Some(mut data) = data.into_inner() else {
        return Err(AppError::invalid("file", K::ErrorValidation).respond());
    };
    let mut campaign = String::new();
    let mut file_name = String::new();
    let mut bytes: Vec<u8> = Vec::new();
    let mut too_big = false;
    while let Ok(Some(mut field)) = data.next_field().await {
        match field.name().unwrap_or_default() {
            "campaign" => campaign = field.text().await.unwrap_or_default().chars().take(64).collect(),
            "file" => {
                file_name = field.file_name().unwrap_or("contacts.csv").chars().take(200).collect();
                while let Ok(Some(chunk)) = field.chunk().await {
                    if bytes.len() + chunk.len() > FILE_MAX {
                        too_big = true;
                        break;
                    }
                    bytes.extend_from_slice(&chunk);
                }
            }
            _ => {}
        }
    }
    let state = crate::state::app_state()?;
    if outreach::campaign(state.db.read(), &campaign).await?.is_none() {
        return Err(AppError::NotFound.respond());
    }
    let back = format!("/outreach/{campaign}");
    if too_big {
        leptos_axum::redirect(&back);
        return Err(refuse(FormFlash::new("import").error(K::OutreachFileTooBig, Some("file"))));
    }
    if file_name.is_empty() && bytes.is_empty() {
        leptos_axum::redirect(&back);
        return Err(refuse(FormFlash::new("import").error(K::OutreachFileRequired, Some("file"))));
    }
    let user = current.user.as_ref().map(|u| u.user_id.as_str());
    let ip = client_ip();
    let mut report = crate::model::ImportReport::default();
    let mut added = 0i64;
    let mut tx = state.db.write().begin().await?;
    match parse_contacts(&bytes) {
        Err(problem) => report.file_problem = Some(problem),
        Ok(parsed) => {
            report.problems = parsed.problems;
            for (line, contact) in &parsed.contacts {
                match outreach::add_recipient(&mut tx, &campaign, contact).await? {
                    Ok(_) => added += 1,
                    Err(skipped) => {
                        let key = match skipped {
                            outreach::Skipped::AlreadyInvited => K::OutreachLineAlreadyInvited,
                            outreach::Skipped::Unsubscribed => K::OutreachLineUnsubscribed,
                        };
                        report.problems.push(LineProblem {
                            line: *line,
                            column: "email".into(),
                            value: contact.email.clone(),
                            message: key.name().into(),
                        });
                    }
                }
            }
            report.problems.sort_by_key(|p| p.line);
        }
    }
    let json = serde_json::to_string(&report).unwrap_or_else(|_| "{}".into());
    outreach::record_import(&mut tx, &campaign, &file_name, added, &json, user).await?;
    let detail = format!("{file_name}: {added} added, {} refused", report.problems.len());
    let event = audit::AuditEvent {
        actor_user_id: user,
        action: "outreach.imported",
        subject: &campaign,
        ip: &ip,
        detail: &detail,
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("{back}#import-report"));
    Ok(())
}

/// Sends the invitations not sent yet (`reminder` false), or one reminder to everyone invited
/// who has not submitted (`reminder` true). Each recipient gets their own link, in their own
/// language; unsubscribed addresses are skipped, and nobody gets the same mail twice, even
/// when two people press the button at once.
#[server(name = OutreachSend, endpoint = "outreach_send")]
pub async fn outreach_send(campaign: String, reminder: bool) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, outbox, outreach};
    use crate::domain::outreach::RecipientStatus;
    use crate::domain::policy::{Action, Resource};
    use crate::domain::survey::SurveyKind;
    use crate::i18n::{Locale, K};
    let current = current_session();
    authorize(&current.actor, Action::ManageOutreach, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let Some(row) = outreach::campaign(state.db.read(), &campaign).await? else {
        return Err(AppError::NotFound.respond());
    };
    let survey = row.survey;
    let user = current.user.as_ref().map(|u| u.user_id.as_str());
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    let mut sent = 0;
    for r in outreach::recipients(&mut tx, &campaign).await? {
        let due =
            if reminder { r.status.may_be_reminded() && !r.reminded } else { r.status == RecipientStatus::Imported };
        if !due || outreach::is_unsubscribed(&mut tx, &r.email).await? {
            continue;
        }
        if !outreach::mark_sent(&mut tx, &r.id, reminder).await? {
            continue;
        }
        let token = outreach::add_token(&mut tx, &r.id).await?;
        let locale = Locale::from_code(&r.language).unwrap_or_default();
        let link = state.mailer.link(&format!("/survey/invitation?t={token}"));
        let unsubscribe = state.mailer.link(&format!("/unsubscribe?t={token}"));
        let vars = [
            ("name", r.name.as_str()),
            ("organisation", r.organisation.as_str()),
            ("survey", locale.t(survey.title())),
            ("link", link.as_str()),
            ("unsubscribe", unsubscribe.as_str()),
        ];
        let (subject, body) = match (survey, reminder) {
            (SurveyKind::Supply, false) => (K::MailInviteSupplySubject, K::MailInviteSupplyBody),
            (SurveyKind::Demand, false) => (K::MailInviteDemandSubject, K::MailInviteDemandBody),
            (_, true) => (K::MailReminderSubject, K::MailReminderBody),
        };
        outbox::enqueue(&mut tx, &r.email, &locale.tf(subject, &vars), &locale.tf(body, &vars)).await?;
        sent += 1;
    }
    let action = if reminder { "outreach.reminded" } else { "outreach.invited" };
    let detail = sent.to_string();
    audit::record(
        &mut tx,
        &audit::AuditEvent { actor_user_id: user, action, subject: &campaign, ip: &ip, detail: &detail },
    )
    .await?;
    tx.commit().await?;
    if sent > 0 {
        state.mailer.wake();
    }
    leptos_axum::redirect(&format!("/outreach/{campaign}?sent={sent}"));
    Ok(())
}

/// Invitation links sent before they opened a page of their own: sends the browser to that
/// page. Following a link changes nothing.
#[server(name = OutreachOpen, endpoint = "outreach_open", input = GetUrl)]
pub async fn outreach_open(t: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::RespondToSurvey, Resource::Platform)?;
    let t: String = form_urlencoded::byte_serialize(t.as_bytes()).collect();
    leptos_axum::redirect(&format!("/survey/invitation?t={t}"));
    Ok(())
}

/// Starts the survey from an invitation, once the recipient confirmed on the page the link
/// opens: records "opened", opens (or creates) the recipient's draft prefilled with what the
/// contact list said, and sends them to it.
#[server(name = OutreachAccept, endpoint = "outreach_accept")]
pub async fn outreach_accept(t: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::{outreach, surveys};
    use crate::domain::policy::{Action, Resource};
    use crate::domain::survey::{Answers, SurveyKind};
    let current = current_session();
    authorize(&current.actor, Action::RespondToSurvey, Resource::Platform)?;
    let state = crate::state::app_state()?;
    if t.is_empty() || t.len() > 100 {
        leptos_axum::redirect("/unsubscribe?invalid=1");
        return Ok(());
    }
    let mut tx = state.db.write().begin().await?;
    let Some(outreach::Invitee { recipient_id: recipient, survey: kind, draft_id, contact }) =
        outreach::by_token(&mut tx, &t).await?
    else {
        drop(tx);
        leptos_axum::redirect("/unsubscribe?invalid=1");
        return Ok(());
    };
    // the draft this invitation opened before, if it is still being answered
    let existing = match &draft_id {
        Some(id) => surveys::get_tx(&mut tx, id).await?,
        None => None,
    };
    let (draft, key, target) = match existing {
        Some(d) if d.submitted_at.is_some() => {
            let key = surveys::add_key(&mut tx, &d.id, surveys::COOKIE_KEY_TTL_MS).await?;
            (d.id, key, format!("/survey/{}/done", kind.key()))
        }
        Some(d) => {
            let key = surveys::add_key(&mut tx, &d.id, surveys::COOKIE_KEY_TTL_MS).await?;
            let step = d.reached_step.clamp(1, kind.steps().len() as i64);
            (d.id, key, format!("/survey/{}/step/{step}", kind.key()))
        }
        None => {
            let mut answers = Answers::default();
            let mut put = |id: &str, v: &str| {
                answers.0.insert(id.to_string(), vec![v.to_string()]);
            };
            put("respondent_name", &contact.name);
            put("respondent_email", &contact.email);
            match kind {
                SurveyKind::Supply => {
                    put("org_name", &contact.organisation);
                    put("org_kind", contact.kind.key());
                    put("org_country", &contact.country);
                }
                SurveyKind::Demand => {
                    put("agency", &contact.organisation);
                    put("country", &contact.country);
                }
            }
            let surveys::Created { id, key } = surveys::create(&mut tx, kind, None, None, &answers, 1).await?;
            (id, key, format!("/survey/{}/step/1", kind.key()))
        }
    };
    outreach::set_opened(&mut tx, &recipient, &draft).await?;
    // a recipient who is signed in answers as themselves (a signed-in respondent answers only
    // drafts they own)
    if let Some(me) = current.actor.user_id.as_deref() {
        surveys::take_over_anonymous(&mut tx, &draft, me).await?;
    }
    tx.commit().await?;
    crate::api::survey::set_draft_cookie(kind, &key);
    // the survey opens in the language the invitation was written in
    crate::auth::set_app_cookie(crate::i18n::LOCALE_COOKIE, contact.language.code(), 31_536_000);
    leptos_axum::redirect(&target);
    Ok(())
}

/// The address an unsubscribe link belongs to, partly hidden (for the confirmation page);
/// `None` for a link that does not exist.
#[server(name = UnsubscribeInfo, endpoint = "unsubscribe_info", input = GetUrl)]
pub async fn unsubscribe_info(t: String) -> Result<Option<String>, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::Unsubscribe, Resource::Platform)?;
    if t.is_empty() || t.len() > 100 {
        return Ok(None);
    }
    let state = crate::state::app_state()?;
    let mut tx = state.db.read().begin().await?;
    let found = crate::db::outreach::by_token(&mut tx, &t).await?;
    drop(tx);
    Ok(found.map(|f| mask_email(&f.contact.email)))
}

/// Stops every further mail from outreach to the address the link was sent to.
#[server(name = Unsubscribe, endpoint = "unsubscribe")]
pub async fn unsubscribe(t: String) -> Result<(), AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, outreach};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::Unsubscribe, Resource::Platform)?;
    let state = crate::state::app_state()?;
    if t.is_empty() || t.len() > 100 {
        return Err(AppError::NotFound.respond());
    }
    let ip = client_ip();
    let mut tx = state.db.write().begin().await?;
    let Some(outreach::Invitee { recipient_id: recipient, contact, .. }) = outreach::by_token(&mut tx, &t).await?
    else {
        return Err(AppError::NotFound.respond());
    };
    outreach::unsubscribe(&mut tx, &contact.email).await?;
    audit::note(&mut tx, None, "outreach.unsubscribed", &recipient, &ip).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/unsubscribe?t={t}&done=1"));
    Ok(())
}

/// `ana@example.org` → `a••@example.org`: enough to recognise one's address, not to harvest it.
pub fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}••@{domain}")
        }
        None => "••".to_string(),
    }
}
