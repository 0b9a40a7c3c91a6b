//! Working a case: its scope and the government's confirmation, the next step, notes and
//! decisions on matched providers.

#[cfg(feature = "ssr")]
use super::support;
#[cfg(feature = "ssr")]
use crate::domain::notices::NoticeKind;
#[cfg(feature = "ssr")]
use crate::domain::timeline::ChangeKind;
use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// Writes the structured scope from its form (a multipart post: the multiple choices repeat
/// their names). An empty scope is refused with what to fill in.
#[server(name = WriteScope, endpoint = "write_scope", input = MultipartFormData)]
pub async fn write_scope(data: MultipartData) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::cases::{self, Author};
    use crate::domain::casework::CaseScope;
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    authorize(&current.actor, Action::ViewCases, Resource::Platform)?;
    let fields = crate::forms::multipart_fields(data, 64 * 1024).await?;
    let get = |n: &str| fields.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone()).unwrap_or_default();
    let id = get("id");
    let (state, current, c) = support::workable(&id).await?;
    let version: i64 = get("version").parse().unwrap_or(-1);
    let scope = match CaseScope::from_form(&fields) {
        Ok(s) => s,
        Err(e) => {
            leptos_axum::redirect(&format!("/cases/{id}#scope"));
            let mut flash =
                crate::forms::FormFlash::new("case_scope").error(e.key, Some(&format!("scope-{}", e.field)));
            for name in ["objectives", "deliverables"] {
                flash = flash.value(name, &get(name));
            }
            return Err(crate::forms::refuse(flash));
        }
    };
    support::fresh(&c, version, "case_scope", "scope")?;
    let mut tx = state.db.write().begin().await?;
    let author = Author::now(current.actor.user_id.as_deref(), "");
    match cases::write_scope(&mut tx, &id, version, &scope, author).await? {
        Ok(c) => {
            // a scope to (re)confirm: the government is asked
            if c.scope_confirmed_at.is_none() {
                let members =
                    crate::db::notifications::members(&mut tx, std::slice::from_ref(&c.organisation_id)).await?;
                let path = format!("/cases/{id}#scope");
                support::tell_case(&mut tx, &state, &members, author.actor, NoticeKind::ScopeReady, &path, author.at)
                    .await?;
            }
            support::done(tx, &state, &c, ChangeKind::Scope, "scope").await
        }
        Err(r) => Err(support::not_written(&id, "case_scope", "scope", r)),
    }
}

/// The requesting government confirms the scope it read (at `version`): matching may then
/// lead to introductions.
#[server(name = ConfirmScope, endpoint = "confirm_scope")]
pub async fn confirm_scope(id: String, version: i64) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::cases::{self, Author};
    use crate::domain::policy::{Action, Resource};
    let current = current_session();
    authorize(&current.actor, Action::FollowCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let Some(c) = cases::get(state.db.read(), &id).await? else { return Err(AppError::NotFound.respond()) };
    authorize(&current.actor, Action::ConfirmScope, Resource::Case(c.policy_ref()))?;
    support::fresh(&c, version, "case_confirm", "scope")?;
    let mut tx = state.db.write().begin().await?;
    let author = Author::now(current.actor.user_id.as_deref(), "");
    match cases::confirm_scope(&mut tx, &id, version, author).await? {
        Ok(c) => {
            // its Case Manager hears of it
            if let Some(manager) = &c.case_manager_id {
                let told: Vec<_> = crate::db::notifications::person(&mut tx, manager).await?.into_iter().collect();
                let path = format!("/cases/{id}#scope");
                support::tell_case(&mut tx, &state, &told, author.actor, NoticeKind::ScopeConfirmed, &path, author.at)
                    .await?;
            }
            support::done(tx, &state, &c, ChangeKind::ScopeConfirmed, "scope").await
        }
        Err(r) => Err(support::not_written(&id, "case_confirm", "scope", r)),
    }
}

/// Sets the next step and its due date (`due`: YYYY-MM-DD, or empty for none), on `version`.
#[server(name = SetNextStep, endpoint = "set_next_step")]
pub async fn set_next_step(id: String, version: i64, next_step: String, due: String) -> Result<(), AppError> {
    use crate::db::cases::{self, Author};
    use crate::domain::casework::SHORT_MAX;
    use crate::i18n::K;
    let (state, current, c) = support::workable(&id).await?;
    let bad = |field: &str, key: K| support::refused(&id, "case_next", "next", Some(field), key);
    let next_step = next_step.trim();
    if next_step.is_empty() {
        return Err(bad("next_step", K::ErrorRequired));
    }
    if next_step.chars().count() > SHORT_MAX {
        return Err(bad("next_step", K::ErrorTooLong));
    }
    let due_day = match due.trim() {
        "" => None,
        d => match crate::domain::time::day_number(d) {
            Some(day) if day >= support::today() => Some(day),
            Some(_) => return Err(bad("due", K::CaseErrorDueInPast)),
            None => return Err(bad("due", K::ErrorDateInvalid)),
        },
    };
    support::fresh(&c, version, "case_next", "next")?;
    let mut tx = state.db.write().begin().await?;
    let author = Author::now(current.actor.user_id.as_deref(), "");
    match cases::set_next_step(&mut tx, &id, version, next_step, due_day, author).await? {
        Ok(c) => support::done(tx, &state, &c, ChangeKind::NextStep, "next").await,
        Err(r) => Err(support::not_written(&id, "case_next", "next", r)),
    }
}

/// Adds a note (`kind`: `scoping` or `internal`) to a case.
#[server(name = AddCaseNote, endpoint = "add_case_note")]
pub async fn add_case_note(id: String, kind: String, body: String) -> Result<(), AppError> {
    use crate::db::cases;
    use crate::domain::casework::TEXT_MAX;
    use crate::i18n::K;
    let (state, current, c) = support::workable(&id).await?;
    let bad = |field: &str, key: K| support::refused(&id, "case_note", "notes", Some(field), key);
    let Some(kind) = crate::domain::timeline::NoteKind::from_key(&kind) else {
        return Err(bad("note-kind", K::ErrorUnknownOption));
    };
    let body = body.trim();
    if body.is_empty() {
        return Err(bad("note-body", K::ErrorRequired));
    }
    if body.chars().count() > TEXT_MAX {
        return Err(bad("note-body", K::ErrorTooLong));
    }
    let mut tx = state.db.write().begin().await?;
    cases::add_note(&mut tx, &id, kind, cases::Author::now(current.actor.user_id.as_deref(), ""), body).await?;
    support::done(tx, &state, &c, ChangeKind::Note, "notes").await
}

/// Records a decision on a matched provider, made on `version`: `decision` is `shortlisted`,
/// `excluded`, `pinned` or empty (to clear it); an exclusion or a pin needs a reason. Only a
/// listed provider can be decided on (an unknown one is refused); a decision already taken can
/// always be cleared.
#[server(name = DecideMatch, endpoint = "decide_match")]
pub async fn decide_match(
    id: String,
    version: i64,
    provider: String,
    decision: String,
    reason: String,
) -> Result<(), AppError> {
    use crate::db::cases::{self, Author};
    use crate::domain::casework::{check_reason, Decision};
    use crate::i18n::K;
    let (state, current, c) = support::workable(&id).await?;
    let bad = |field: &str, key: K| support::refused(&id, "case_decide", "matches", Some(field), key);
    let decision = match decision.as_str() {
        "" | "clear" => None,
        d => match Decision::from_key(d) {
            Some(d) => Some(d),
            None => return Err(bad("decision", K::ErrorUnknownOption)),
        },
    };
    let reason = match check_reason(decision, &reason) {
        Ok(r) => r,
        Err(key) => return Err(bad(&format!("reason-{provider}"), key)),
    };
    support::fresh(&c, version, "case_decide", "matches")?;
    let mut tx = state.db.write().begin().await?;
    let known = match decision {
        Some(_) => cases::is_listed_provider(&mut tx, &provider).await?,
        None => cases::has_decision(&mut tx, &id, &provider).await?,
    };
    if !known {
        return Err(bad("provider", K::CaseErrorUnknownProvider));
    }
    let author = Author::now(current.actor.user_id.as_deref(), &reason);
    match cases::decide(&mut tx, &id, version, &provider, decision, author).await? {
        Ok(c) => support::done(tx, &state, &c, ChangeKind::Decision, &format!("match-{provider}")).await,
        Err(r) => Err(support::not_written(&id, "case_decide", "matches", r)),
    }
}
