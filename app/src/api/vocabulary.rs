//! Extending the open vocabularies without a release (`/admin/vocabulary`, admins): the values
//! added so far, adding one (an issue area, a working language) and relabelling or retiring one.
//! A change is in the registry as soon as it is committed, so the next page offers it.

use crate::error::AppError;
use crate::model::VocabularyValue;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The add form's name (its refusals come back to it).
pub const ADD_FORM: &str = "vocabulary_add";
/// The edit forms' name (the refused one is named by its `id` value).
pub const EDIT_FORM: &str = "vocabulary_edit";

/// Every value added to the open vocabularies, by vocabulary, in the order they were added.
#[server(name = VocabularyRead, endpoint = "vocabulary", input = GetUrl)]
pub async fn vocabulary_values() -> Result<Vec<VocabularyValue>, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::ManageVocabulary, Resource::Platform)?;
    let state = crate::state::app_state()?;
    Ok(crate::db::vocabulary::list(state.db.read())
        .await?
        .into_iter()
        .map(|v| VocabularyValue {
            id: v.id,
            version: v.version,
            kind: v.record.kind,
            key: v.record.key,
            labels: v.record.labels,
            offered: !v.record.retired,
            added_by: v.created_by.unwrap_or_default(),
            added_at: v.created_at,
            changed_by: v.updated_by.unwrap_or_default(),
            changed_at: v.updated_at,
        })
        .collect())
}

/// Adds a value: a refused field gets 422 naming it; a key the vocabulary has already, 422 too.
#[server(name = AddVocabularyValue, endpoint = "add_vocabulary_value")]
pub async fn add_vocabulary_value(
    kind: String,
    key: String,
    label_en: String,
    label_fr: String,
    label_es: String,
) -> Result<String, AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::audit;
    use crate::domain::policy::{Action, Resource};
    use crate::domain::vocabulary::rules::{check_new, TermForm};
    use crate::forms::{refuse, FormFlash};
    let session = current_session();
    authorize(&session.actor, Action::ManageVocabulary, Resource::Platform)?;
    let plain = crate::auth::is_plain_form_post();
    let back = |q: &str| {
        if plain {
            leptos_axum::redirect(&format!("/admin/vocabulary{q}"));
        }
    };
    let form = TermForm { kind, key, label_en, label_fr, label_es };
    let flash = FormFlash::new(ADD_FORM)
        .value("kind", &form.kind)
        .value("key", &form.key)
        .value("label_en", &form.label_en)
        .value("label_fr", &form.label_fr)
        .value("label_es", &form.label_es);
    let state = crate::state::app_state()?;
    let mut tx = state.db.write().begin().await?;
    let existing = crate::db::vocabulary::keys(&mut tx).await?;
    let term = check_new(&form, &existing).map_err(|r| {
        back("");
        refuse(flash.clone().error(r.key, Some(format!("vocab-{}", r.field).as_str())))
    })?;
    let user = session.user.as_ref().map(|u| u.user_id.clone()).unwrap_or_default();
    let id = crate::db::new_id();
    if !crate::db::vocabulary::insert(&mut tx, &id, &term, &user, crate::db::now_ms()).await? {
        back("");
        return Err(refuse(flash.clone().error(crate::i18n::K::VocabErrorTaken, Some("vocab-key"))));
    }
    let ip = client_ip();
    let detail = format!("{} {}: {}", term.kind.key(), term.key, term.labels.join(" / "));
    let event = audit::AuditEvent {
        actor_user_id: Some(&user),
        action: "vocabulary.added",
        subject: &id,
        ip: &ip,
        detail: &detail,
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    crate::domain::vocabulary::register(std::slice::from_ref(&term));
    back(&format!("?added={}", term.key));
    Ok(id)
}

/// Relabels a value and sets whether it is offered, if nobody changed it since `version` (409
/// otherwise); a refused label gets 422 naming it; an unknown id, 404.
#[server(name = EditVocabularyValue, endpoint = "edit_vocabulary_value")]
pub async fn edit_vocabulary_value(
    id: String,
    version: String,
    label_en: String,
    label_fr: String,
    label_es: String,
    offered: Option<String>,
) -> Result<i64, AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::audit;
    use crate::domain::policy::{Action, Resource};
    use crate::domain::vocabulary::rules::check_labels;
    use crate::forms::{refuse, refuse_with, FormFlash};
    let session = current_session();
    authorize(&session.actor, Action::ManageVocabulary, Resource::Platform)?;
    let plain = crate::auth::is_plain_form_post();
    let back = || {
        if plain {
            leptos_axum::redirect(&format!("/admin/vocabulary#value-{}", id.trim()));
        }
    };
    let flash = FormFlash::new(EDIT_FORM)
        .value("id", id.trim())
        .value("label_en", &label_en)
        .value("label_fr", &label_fr)
        .value("label_es", &label_es);
    let field = |name: &str| format!("{name}-{}", id.trim());
    let labels = check_labels(&label_en, &label_fr, &label_es).map_err(|r| {
        back();
        refuse(flash.clone().error(r.key, Some(field(r.field).as_str())))
    })?;
    let state = crate::state::app_state()?;
    let Some(stored) = crate::db::vocabulary::get(state.db.read(), id.trim()).await? else {
        return Err(AppError::NotFound.respond());
    };
    let seen: i64 = version.trim().parse().unwrap_or(-1);
    let retired = offered.as_deref().map(str::trim) != Some("yes");
    let user = session.user.as_ref().map(|u| u.user_id.clone()).unwrap_or_default();
    let mut tx = state.db.write().begin().await?;
    if !crate::db::vocabulary::update(&mut tx, &stored.id, seen, &labels, retired, &user, crate::db::now_ms()).await? {
        back();
        return Err(refuse_with(
            flash.error(crate::i18n::K::ErrorConflict, Some(field("label_en").as_str())),
            AppError::Conflict,
        ));
    }
    let ip = client_ip();
    let status = if retired { "retired" } else { "offered" };
    let detail = format!("{} {} ({status}): {}", stored.record.kind.key(), stored.record.key, labels.join(" / "));
    let event = audit::AuditEvent {
        actor_user_id: Some(&user),
        action: "vocabulary.changed",
        subject: &stored.id,
        ip: &ip,
        detail: &detail,
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    let record = crate::domain::vocabulary::TermRecord { labels, retired, ..stored.record };
    crate::domain::vocabulary::register(&[record]);
    back();
    Ok(seen + 1)
}
