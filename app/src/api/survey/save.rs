//! Saving a step: a plain form post (works without JavaScript) or the autosave of the WASM,
//! sequenced and idempotent.

use super::*;
use crate::model::SaveOutcome;
use leptos::server_fn::codec::{Json, MultipartData, MultipartFormData};

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
