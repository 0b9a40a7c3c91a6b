//! The survey wizards: starting a draft, saving a step (a plain form post, or the autosave of
//! the WASM), e-mailed resume links, and submitting (which creates or updates the provider
//! profile, or creates the request). A draft is opened by a key in the respondent's cookie (or
//! an e-mailed link), or by its owner's account.
//!
//! Every save carries a sequence number larger than the draft's and an idempotency key: a
//! replayed save is answered "saved" without being applied again, a stale one (another tab or
//! device saved since) is refused and changes nothing.

use crate::error::AppError;
use crate::model::{SaveOutcome, SurveyOverview};
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, Json, MultipartData, MultipartFormData};

/// Name of the cookie holding the key of the respondent's draft of `kind`.
#[cfg(feature = "ssr")]
fn cookie_name(kind: crate::domain::survey::SurveyKind) -> String {
    format!("ogpnm_survey_{}", kind.key())
}

#[cfg(feature = "ssr")]
fn parse_kind(kind: &str) -> Result<crate::domain::survey::SurveyKind, AppError> {
    crate::domain::survey::SurveyKind::from_key(kind).ok_or_else(|| AppError::NotFound.respond())
}

/// The respondent's draft, and whether it was opened by the key in this browser's cookie. A key
/// opens a draft only while nobody owns it (or the caller does). A signed-in respondent answers
/// only drafts they own: an anonymous draft becomes theirs when they sign in in the browser that
/// holds it, or confirm a resume link, never by a key alone, so a key planted in a browser can
/// never take the place of what its owner was answering.
#[cfg(feature = "ssr")]
async fn find_draft(
    state: &crate::state::AppState,
    kind: crate::domain::survey::SurveyKind,
    actor: &crate::domain::policy::Actor,
) -> Result<Option<(crate::db::surveys::Draft, bool)>, AppError> {
    use crate::db::surveys;
    use crate::domain::policy::{can, Action, Resource};
    let key = crate::auth::request_cookie(&cookie_name(kind)).filter(|k| !k.is_empty() && k.len() <= 100);
    let by_key = match key {
        Some(key) => surveys::by_key(state.db.read(), kind, &key).await?,
        None => None,
    }
    .filter(|d| can(actor, Action::RespondToSurvey, Resource::Draft { owner: d.user_id.as_deref(), key_held: true }));
    let Some(user) = actor.user_id.as_deref() else { return Ok(by_key.map(|d| (d, true))) };
    if let Some(mine) = by_key.as_ref().filter(|d| d.user_id.as_deref() == Some(user)) {
        return Ok(Some((mine.clone(), true)));
    }
    Ok(surveys::open_of_user(state.db.read(), kind, user).await?.map(|own| (own, false)))
}

/// After signing in: the anonymous drafts this browser was answering become the account's (the
/// respondent started before signing in). Submitted or owned drafts are left alone.
#[cfg(feature = "ssr")]
pub(crate) async fn adopt_browser_drafts(state: &crate::state::AppState, user_id: &str) -> Result<(), AppError> {
    use crate::db::surveys;
    use crate::domain::survey::SurveyKind;
    for kind in [SurveyKind::Supply, SurveyKind::Demand] {
        let Some(key) = crate::auth::request_cookie(&cookie_name(kind)).filter(|k| !k.is_empty() && k.len() <= 100)
        else {
            continue;
        };
        if let Some(draft) = surveys::by_key(state.db.read(), kind, &key).await? {
            if draft.user_id.is_none() && draft.submitted_at.is_none() {
                let mut tx = state.db.write().begin().await?;
                surveys::take_over_anonymous(&mut tx, &draft.id, user_id).await?;
                tx.commit().await?;
            }
        }
    }
    Ok(())
}

/// Sets the cookie that opens a draft in this browser.
#[cfg(feature = "ssr")]
pub(crate) fn set_draft_cookie(kind: crate::domain::survey::SurveyKind, key: &str) {
    crate::auth::set_app_cookie(&cookie_name(kind), key, crate::db::surveys::COOKIE_KEY_TTL_MS / 1000);
}

/// The draft the caller may answer, checked by the policy (submitted drafts included).
#[cfg(feature = "ssr")]
async fn authorized_draft(
    state: &crate::state::AppState,
    kind: crate::domain::survey::SurveyKind,
) -> Result<crate::db::surveys::Draft, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    let Some((draft, key_held)) = find_draft(state, kind, &current.actor).await? else {
        return Err(AppError::NotFound.respond());
    };
    authorize(&current.actor, Action::RespondToSurvey, Resource::Draft { owner: draft.user_id.as_deref(), key_held })?;
    Ok(draft)
}

/// Everything a survey page shows: the draft, and for a signed-in respondent their
/// organisation's provider profile and requests.
#[server(name = SurveyState, endpoint = "survey_state", input = GetUrl)]
pub async fn survey_state(kind: String) -> Result<SurveyOverview, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::{organisations, surveys};
    use crate::domain::policy::{can, Action, Resource};
    use crate::model::{DraftView, ProfileSummary, RequestSummary};
    let current = current_session();
    authorize(&current.actor, Action::RespondToSurvey, Resource::Platform)?;
    let kind = parse_kind(&kind)?;
    let state = crate::state::app_state()?;
    let signed_in = current.user.is_some();
    let draft = find_draft(&state, kind, &current.actor).await?.map(|(d, _)| d);
    let mut overview = SurveyOverview {
        // what a draft says is served while it is being answered, never once it was submitted
        // (a key that outlived the submission must not read what the respondent sent)
        email: current
            .user
            .as_ref()
            .map(|u| u.email.clone())
            .or_else(|| {
                draft
                    .as_ref()
                    .filter(|d| d.submitted_at.is_none())
                    .map(|d| d.answers.first("respondent_email").to_string())
            })
            .filter(|e| !e.is_empty()),
        draft: draft.map(|d| DraftView {
            id: d.id,
            kind,
            seq: d.seq,
            reached_step: d.reached_step,
            answers: if d.submitted_at.is_some() { Default::default() } else { d.answers },
            signed_in,
            submitted: d.submitted_at.is_some(),
            next_key: crate::db::new_id(),
        }),
        ..Default::default()
    };
    let orgs: Vec<String> = current.actor.member_of.clone();
    for org in orgs.iter().filter(|o| can(&current.actor, Action::ViewOwnSubmissions, Resource::Organisation(o))) {
        if overview.profile.is_none() {
            if let Some((version, _, at)) = surveys::current_profile(state.db.read(), org).await? {
                let name = organisations::get(state.db.read(), org).await?.map(|o| o.1).unwrap_or_default();
                overview.profile = Some(ProfileSummary {
                    organisation_id: org.clone(),
                    organisation_name: name,
                    version,
                    submitted_at: at,
                });
            }
        }
    }
    overview.requests = surveys::requests_of(state.db.read(), &orgs)
        .await?
        .into_iter()
        .map(|(id, _, status, answers, created_at)| RequestSummary {
            id,
            status,
            areas: answers.values("areas").to_vec(),
            need: answers.first("need").chars().take(200).collect(),
            created_at,
        })
        .collect();
    Ok(overview)
}

/// A wizard step: the survey's state and the step's form rendered to HTML (with the missing
/// answers flagged when `check`), so the browser needs no code to draw the questions.
#[server(name = SurveyStep, endpoint = "survey_step", input = GetUrl)]
pub async fn survey_step(kind: String, step: usize, check: bool) -> Result<crate::model::SurveyStepView, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::RespondToSurvey, Resource::Platform)?;
    let overview = survey_state(kind).await?;
    let form_html = match &overview.draft {
        Some(draft) if !draft.submitted && step as i64 <= draft.reached_step => {
            crate::pages::survey::render_step(draft.kind, step, draft, check)
        }
        _ => String::new(),
    };
    Ok(crate::model::SurveyStepView { overview, form_html })
}

/// Starts (or reopens) the respondent's draft and goes to the step they reached. A signed-in
/// provider's draft starts from their current profile, so submitting it makes a new version.
#[server(name = SurveyStart, endpoint = "survey_start")]
pub async fn survey_start(kind: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::{organisations, surveys};
    use crate::domain::policy::{Action, Resource};
    use crate::domain::survey::{Answers, SurveyKind};
    let current = current_session();
    authorize(&current.actor, Action::RespondToSurvey, Resource::Platform)?;
    let kind = parse_kind(&kind)?;
    let state = crate::state::app_state()?;
    let user_id = current.actor.user_id.clone();
    if let Some((draft, _)) = find_draft(&state, kind, &current.actor).await?.filter(|(d, _)| d.submitted_at.is_none())
    {
        let steps = kind.steps().len() as i64;
        leptos_axum::redirect(&if draft.reached_step > steps {
            format!("/survey/{}/review", kind.key())
        } else {
            format!("/survey/{}/step/{}", kind.key(), draft.reached_step)
        });
        return Ok(());
    }
    // a provider updating their profile starts from its current version
    let organisation = current.actor.owner_of.first().or(current.actor.member_of.first()).cloned();
    let mut answers = Answers::default();
    if let (SurveyKind::Supply, Some(org)) = (kind, organisation.as_deref()) {
        if let Some((_, current_answers, _)) = surveys::current_profile(state.db.read(), org).await? {
            answers = current_answers;
        } else if let Some((_, name, org_kind, country, website, description, _)) =
            organisations::get(state.db.read(), org).await?
        {
            for (id, value) in
                [("org_name", name), ("org_kind", org_kind), ("org_country", country), ("org_description", description)]
                    .into_iter()
                    .chain(website.map(|w| ("website", w)))
            {
                answers.0.insert(id.to_string(), vec![value]);
            }
        }
    }
    if let Some(user) = &current.user {
        answers.0.insert("respondent_name".into(), vec![user.name.clone()]);
        answers.0.insert("respondent_email".into(), vec![user.email.clone()]);
    }
    // a complete starting point (a profile to update) opens on the review page
    let steps = kind.steps().len() as i64;
    let signed_in = current.user.is_some();
    let reached =
        if crate::domain::survey::first_incomplete(kind, &answers, signed_in).is_none() { steps + 1 } else { 1 };
    let mut tx = state.db.write().begin().await?;
    let (_, key) =
        surveys::create(&mut tx, kind, user_id.as_deref(), organisation.as_deref(), &answers, reached).await?;
    tx.commit().await?;
    set_draft_cookie(kind, &key);
    leptos_axum::redirect(&if reached > steps {
        format!("/survey/{}/review", kind.key())
    } else {
        format!("/survey/{}/step/1", kind.key())
    });
    Ok(())
}

/// What a save asks for, whether from a form post or the autosave.
#[cfg(feature = "ssr")]
struct SaveRequest {
    kind: crate::domain::survey::SurveyKind,
    draft_id: String,
    step: usize,
    seq: i64,
    key: String,
    fields: Vec<(String, String)>,
    /// "next" (validate and move on), "back", or "" (autosave: store only).
    nav: String,
}

/// Applies a save: parses the step's answers (refusing forged values whole), then stores them
/// if the sequence number is newer, in one transaction. Returns the outcome and the draft after it.
#[cfg(feature = "ssr")]
async fn apply_save(
    state: &crate::state::AppState,
    save: &SaveRequest,
) -> Result<(SaveOutcome, crate::db::surveys::Draft), AppError> {
    use crate::db::surveys;
    use crate::domain::survey::{parse_step, validate_step};
    let signed_in = current_session_signed_in();
    let draft = authorized_draft(state, save.kind).await?;
    if draft.id != save.draft_id {
        return Err(AppError::Conflict.respond());
    }
    let steps = save.kind.steps().len();
    let Some(step) = save.kind.step(save.step) else {
        return Err(AppError::Validation { field: "step".into(), key: crate::i18n::K::ErrorStepLocked.name().into() });
    };
    if save.step as i64 > draft.reached_step {
        return Err(AppError::Validation { field: "step".into(), key: crate::i18n::K::ErrorStepLocked.name().into() });
    }
    if !(8..=64).contains(&save.key.len()) || save.seq < 1 {
        return Err(AppError::Validation { field: "key".into(), key: crate::i18n::K::ErrorValidation.name().into() });
    }
    let parsed = parse_step(step, &save.fields).map_err(|errors| {
        let first = errors.into_iter().next().map(|e| (e.question, e.message)).unwrap_or_default();
        AppError::Validation { field: first.0, key: first.1 }
    })?;
    let mut tx = state.db.write().begin().await?;
    let Some(mut current) = surveys::get_tx(&mut tx, &draft.id).await? else {
        return Err(AppError::NotFound.respond());
    };
    if surveys::save_seen(&mut tx, &current.id, &save.key).await? {
        return Ok((SaveOutcome::Saved { seq: current.seq }, current));
    }
    // a submitted draft, or a newer save from another tab or device: nothing changes
    if current.submitted_at.is_some() || save.seq <= current.seq {
        return Ok((SaveOutcome::Stale { seq: current.seq }, current));
    }
    let expected = current.seq;
    current.answers.merge_step(step, &parsed);
    let complete = validate_step(step, &current.answers, signed_in).is_empty();
    let reached = if save.nav == "next" && complete {
        current.reached_step.max(save.step as i64 + 1)
    } else {
        current.reached_step
    };
    let reached = reached.min(steps as i64 + 1);
    if !surveys::write_answers(&mut tx, &current, expected, save.seq, reached, &save.key).await? {
        let now = surveys::get_tx(&mut tx, &draft.id).await?.map_or(expected, |d| d.seq);
        return Ok((SaveOutcome::Stale { seq: now }, current));
    }
    tx.commit().await?;
    current.seq = save.seq;
    current.reached_step = reached;
    Ok((SaveOutcome::Saved { seq: save.seq }, current))
}

#[cfg(feature = "ssr")]
fn current_session_signed_in() -> bool {
    crate::auth::current_session().user.is_some()
}

/// Saves a step from the wizard's form (works without JavaScript): "next" checks the step and
/// moves on, "back" goes to the previous step; either way the answers are stored first.
#[server(name = SurveySaveStep, endpoint = "survey_save_step", input = MultipartFormData)]
pub async fn survey_save_step(data: MultipartData) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    use crate::domain::survey::{validate_step, SurveyKind};
    use crate::forms::{refuse, FormFlash};
    use crate::i18n::K;
    authorize(&current_session().actor, Action::RespondToSurvey, Resource::Platform)?;
    let fields = crate::forms::multipart_fields(data, 256 * 1024).await?;
    let get = |n: &str| fields.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()).unwrap_or_default();
    let kind = SurveyKind::from_key(&get("kind")).ok_or_else(|| AppError::NotFound.respond())?;
    let save = SaveRequest {
        kind,
        draft_id: get("draft"),
        step: get("step").parse().unwrap_or(0),
        seq: get("seq").parse().unwrap_or(0),
        key: get("key"),
        nav: get("nav"),
        fields: fields.clone(),
    };
    let base = format!("/survey/{}/step/{}", kind.key(), save.step);
    let state = crate::state::app_state()?;
    let (outcome, draft) = match apply_save(&state, &save).await {
        Ok(done) => done,
        Err(AppError::Validation { field, key }) => {
            // the field names the question; the summary links to its control
            let field = (!field.is_empty() && field != "step" && field != "key").then(|| format!("q-{field}"));
            let flash = FormFlash { form: "survey".into(), error: key, field, values: Vec::new() };
            leptos_axum::redirect(&base);
            return Err(refuse(flash));
        }
        Err(e) => return Err(e),
    };
    if let SaveOutcome::Stale { .. } = outcome {
        if draft.submitted_at.is_some() {
            leptos_axum::redirect(&format!("/survey/{}/done", kind.key()));
            return Ok(());
        }
        let flash = FormFlash::new("survey").error(K::ErrorStaleDraft, None);
        leptos_axum::redirect(&base);
        return Err(refuse(flash));
    }
    let steps = kind.steps().len();
    let target = match save.nav.as_str() {
        "back" => format!("/survey/{}/step/{}", kind.key(), save.step.saturating_sub(1).max(1)),
        _ => {
            let step = kind.step(save.step).expect("checked by apply_save");
            if !validate_step(step, &draft.answers, current_session_signed_in()).is_empty() {
                format!("{base}?check=1#errors")
            } else if save.step >= steps {
                format!("/survey/{}/review", kind.key())
            } else {
                format!("/survey/{}/step/{}", kind.key(), save.step + 1)
            }
        }
    };
    leptos_axum::redirect(&target);
    Ok(())
}

/// Autosave from the WASM while the respondent types (and the sync of answers kept offline).
#[server(name = SurveyAutosave, endpoint = "survey_autosave", input = Json)]
pub async fn survey_autosave(
    kind: String,
    draft: String,
    step: usize,
    seq: i64,
    key: String,
    fields: Vec<(String, String)>,
) -> Result<SaveOutcome, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::RespondToSurvey, Resource::Platform)?;
    let kind = parse_kind(&kind)?;
    if fields.len() > 2000 || fields.iter().map(|(a, b)| a.len() + b.len()).sum::<usize>() > 256 * 1024 {
        return Err(
            AppError::Validation { field: String::new(), key: crate::i18n::K::ErrorTooLong.name().into() }.respond()
        );
    }
    let state = crate::state::app_state()?;
    let save = SaveRequest { kind, draft_id: draft, step, seq, key, fields, nav: String::new() };
    match apply_save(&state, &save).await {
        Ok((outcome, _)) => Ok(outcome),
        Err(e) => Err(e.respond()),
    }
}

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
    let locale = crate::components::use_locale();
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
    let locale = crate::components::use_locale();
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
            let id = surveys::insert_request(
                &mut tx,
                &organisation_id,
                user_id.as_deref(),
                answers.first("country"),
                &answers,
            )
            .await?;
            crate::db::roster::index_request(&mut tx, &id).await?;
            let case_id = crate::db::cases::open(&mut tx, &id, &organisation_id).await?;
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
        let event = crate::model::CaseChanged { case_id, organisation_id, stage, version: 1, kind: "opened".into() };
        state.events.publish(event).await;
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
