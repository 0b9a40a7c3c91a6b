//! Tuning the mechanism without a release (`/oversight/tuning`): the matching weights and the
//! introductions' response window in force, their history, the preview of a proposed change on
//! the open cases' best matches, and saving a change (steering: a new version, with a reason).

// `save_tuning` takes one argument per field of its plain form (seven weights, the window, the
// reason, the version), in the server and in the client code the macro writes
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use crate::model::TuningView;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The settings in force and their version: the latest saved, else the built-in weights and
/// the configured response window (version 0).
#[cfg(feature = "ssr")]
pub async fn in_force(
    state: &crate::state::AppState,
) -> Result<(i64, crate::domain::oversight::tuning::Tuning), AppError> {
    use crate::domain::oversight::tuning::Tuning;
    Ok(match crate::db::tuning::current(state.db.read()).await? {
        Some(c) => (c.version, c.tuning),
        None => (
            0,
            Tuning {
                weights: crate::domain::matching::Weights::default(),
                window_days: state.introductions.window_days,
            },
        ),
    })
}

/// The tuning page's data; with `preview=1` and proposed values (`areas` … `kind`, `window`) in
/// `query`, what they would change on the open cases' best matches (a value out of range: 422).
#[server(name = TuningRead, endpoint = "tuning", input = GetUrl)]
pub async fn tuning(query: String) -> Result<TuningView, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::oversight::tuning::Tuning;
    use crate::domain::policy::{can, Action, Resource};
    use crate::model::TuningChange;
    let actor = current_session().actor;
    authorize(&actor, Action::ViewOversight, Resource::Platform)?;
    let fields: Vec<(String, String)> =
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes()).into_owned().collect();
    let state = crate::state::app_state()?;
    let (version, current) = in_force(&state).await?;
    let preview = match fields.iter().any(|(k, _)| k == "preview") {
        true => {
            let proposed =
                Tuning::from_fields(current, &fields).map_err(|r| AppError::invalid(r.field, r.key).respond())?;
            Some(preview(state.db.read(), &current, proposed).await?)
        }
        false => None,
    };
    let history = crate::db::tuning::history(state.db.read())
        .await?
        .into_iter()
        .map(|c| TuningChange {
            version: c.version,
            tuning: c.tuning,
            reason: c.reason,
            by: c.changed_by.unwrap_or_default(),
            at: c.changed_at,
        })
        .collect();
    Ok(TuningView {
        version,
        current,
        history,
        can_tune: can(&actor, Action::TuneMechanism, Resource::Platform),
        preview,
    })
}

/// How `proposed` would move each open case's best matches against `current`.
#[cfg(feature = "ssr")]
async fn preview(
    db: &crate::db::Db,
    current: &crate::domain::oversight::tuning::Tuning,
    proposed: crate::domain::oversight::tuning::Tuning,
) -> Result<crate::model::TuningPreview, AppError> {
    use crate::domain::matching::rank;
    use crate::domain::oversight::tuning::shifts;
    use crate::model::{CasePreview, NamedShift, TuningPreview};
    let named = crate::db::cases::candidates_named(db).await?;
    let candidates: Vec<_> = named.iter().map(|n| n.candidate.clone()).collect();
    let name_of = |id: &str| named.iter().find(|n| n.candidate.id == id).map(|n| n.name.clone()).unwrap_or_default();
    let mut out = TuningPreview { proposed, ranked: 0, changed: Vec::new() };
    for listed in crate::db::cases::all_listed(db).await? {
        if !listed.case.stage.is_open() {
            continue;
        }
        let request = match listed.case.scope {
            Some(_) => Default::default(),
            None => {
                crate::db::roster::request(db, &listed.case.request_id).await?.map(|r| r.answers).unwrap_or_default()
            }
        };
        let (scope, _) = super::super::cases::support::scope_of(&listed.case, &request);
        if scope.scope.areas.is_empty() {
            continue;
        }
        out.ranked += 1;
        let ids = |w| rank(&scope.scope, &candidates, w).into_iter().map(|r| r.id).collect::<Vec<_>>();
        let moved = shifts(&ids(&current.weights), &ids(&proposed.weights));
        if !moved.is_empty() {
            let shifts = moved
                .into_iter()
                .map(|s| NamedShift { name: name_of(&s.provider), before: s.before, after: s.after })
                .collect();
            out.changed.push(CasePreview { case_id: listed.case.id, government: listed.organisation, shifts });
        }
    }
    Ok(out)
}

/// Saves proposed settings as the next version (`version`: the one the person saw), with the
/// reason; a value out of range or no reason: 422 naming the field; someone else saved first: 409.
#[server(name = SaveTuning, endpoint = "save_tuning")]
pub async fn save_tuning(
    version: String,
    areas: String,
    assistance: String,
    languages: String,
    geography: String,
    cost: String,
    capacity: String,
    kind: String,
    window: String,
    reason: String,
) -> Result<i64, AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::audit;
    use crate::domain::oversight::tuning::{check_reason, Tuning};
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, FormFlash};
    let current_session = current_session();
    authorize(&current_session.actor, Action::TuneMechanism, Resource::Platform)?;
    let fields: Vec<(String, String)> = [
        ("areas", areas),
        ("assistance", assistance),
        ("languages", languages),
        ("geography", geography),
        ("cost", cost),
        ("capacity", capacity),
        ("kind", kind),
        ("window", window),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let plain = crate::auth::is_plain_form_post();
    let mut flash = FormFlash::new(TUNING_FORM).value("reason", &reason);
    for (k, v) in &fields {
        flash = flash.value(k, v);
    }
    let back = |q: &str| {
        if plain {
            leptos_axum::redirect(&format!("/oversight/tuning{q}"));
        }
    };
    // a refusal goes back to the same proposal, previewed, with the reason for it
    let again = {
        let mut q = form_urlencoded::Serializer::new(String::from("?"));
        q.append_pair("preview", "1");
        for (k, v) in &fields {
            q.append_pair(k, v);
        }
        q.finish()
    };
    let state = crate::state::app_state()?;
    let (in_force, current) = in_force(&state).await?;
    let seen: i64 = version.trim().parse().unwrap_or(-1);
    let refused = |field: &str, key| {
        back(&again);
        refuse(flash.clone().error(key, Some(field)))
    };
    let proposed = Tuning::from_fields(current, &fields).map_err(|r| refused(r.field, r.key))?;
    let reason = check_reason(&reason).map_err(|r| refused(r.field, r.key))?;
    if seen != in_force {
        back(&again);
        return Err(crate::forms::refuse_with(
            flash.clone().error(crate::i18n::K::ErrorConflict, Some("reason")),
            AppError::Conflict,
        ));
    }
    let user = current_session.user.as_ref().map(|u| u.user_id.clone()).unwrap_or_default();
    let mut tx = state.db.write().begin().await?;
    if !crate::db::tuning::save(&mut tx, in_force + 1, &proposed, &reason, &user, crate::db::now_ms()).await? {
        back(&again);
        return Err(crate::forms::refuse_with(
            flash.clone().error(crate::i18n::K::ErrorConflict, Some("reason")),
            AppError::Conflict,
        ));
    }
    let ip = client_ip();
    let detail = format!("version {}: {reason}", in_force + 1);
    let event = audit::AuditEvent {
        actor_user_id: Some(&user),
        action: "oversight.tuned",
        subject: "mechanism",
        ip: &ip,
        detail: &detail,
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    back("?saved=1");
    Ok(in_force + 1)
}

/// The tuning form's name (its refusals come back to it).
pub const TUNING_FORM: &str = "tuning";
