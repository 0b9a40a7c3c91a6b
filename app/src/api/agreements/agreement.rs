//! The written agreement: read by its parties and the case team, written in versions by the
//! Case Manager, accepted by each party on one exact version. When every party has accepted the
//! current version the case moves to Active by itself.

use crate::error::AppError;
use crate::model::AgreementPage;
use leptos::prelude::*;
use leptos::server_fn::codec::{GetUrl, MultipartData, MultipartFormData};

/// The agreement of case `id` as the caller may see it (its parties and the case team);
/// anyone else gets 404.
#[server(name = AgreementDetail, endpoint = "agreement_detail", input = GetUrl)]
pub async fn agreement_detail(id: String) -> Result<AgreementPage, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    let actor = current_session().actor;
    authorize(&actor, Action::FollowCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let loaded = super::terms::load(state.db.read(), &id).await?;
    // an agreement the caller has no part in does not exist for them
    if !crate::domain::policy::can(&actor, Action::ViewAgreement, Resource::Agreement(loaded.policy_ref())) {
        return Err(AppError::NotFound.respond());
    }
    Ok(super::terms::page(&actor, loaded))
}

/// The Case Manager writes the terms as a new version (a multipart post: deliverables and
/// responsibilities repeat their fields, one row each).
#[server(name = WriteAgreement, endpoint = "write_agreement", input = MultipartFormData)]
pub async fn write_agreement(data: MultipartData) -> Result<(), AppError> {
    use crate::api::introductions::support::refused;
    use crate::auth::{authorize, current_session};
    use crate::db::{agreements, cases::Author};
    use crate::domain::agreements::check_terms;
    use crate::domain::case::CaseStage;
    use crate::domain::policy::{Action, Resource};
    use crate::domain::timeline::ChangeKind;
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::ViewCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let fields = crate::forms::multipart_fields(data, 128 * 1024).await?;
    let id = super::terms::field(&fields, "id");
    let Some(c) = crate::db::cases::get(state.db.read(), &id).await? else { return Err(AppError::NotFound.respond()) };
    authorize(&current.actor, Action::WriteAgreement, Resource::Case(c.policy_ref()))?;
    let back = format!("/cases/{id}/agreement#draft");
    if c.stage != CaseStage::Agreement {
        return Err(refused(&back, "agreement_write", None, K::AgreementErrorStage));
    }
    let terms = match check_terms(&super::terms::from_fields(&fields)) {
        Ok(t) => t,
        Err(r) => return Err(refused(&back, "agreement_write", Some(r.field), r.key)),
    };
    let author = Author::now(current.actor.user_id.as_deref(), "");
    let mut tx = state.db.write().begin().await?;
    agreements::lock_case(&mut tx, &id).await?;
    let written = match agreements::write(&mut tx, &id, &terms, author).await? {
        Ok(v) => v,
        Err(r) => return Err(crate::api::cases::support::not_written(&id, "agreement_write", "draft", r)),
    };
    if written.is_some() {
        super::terms::tell_parties(&mut tx, &state, &c, author, super::terms::Told::ToAccept).await?;
    }
    let after = crate::db::cases::get(&mut tx, &id).await?.ok_or(AppError::Internal)?;
    tx.commit().await?;
    state.mailer.wake();
    state.events.publish(after.changed(ChangeKind::Agreement)).await;
    leptos_axum::redirect(&format!("/cases/{id}/agreement"));
    Ok(())
}

/// A party accepts `version` of case `id`'s agreement, as it was shown (`sha256` of its
/// content); `party` is `government:ID`, `provider:ID` or `case_manager:ID`.
#[server(name = AcceptAgreement, endpoint = "accept_agreement")]
pub async fn accept_agreement(id: String, version: i64, sha256: String, party: String) -> Result<(), AppError> {
    use crate::api::introductions::support::refused;
    use crate::auth::{authorize, current_session};
    use crate::db::{agreements, cases, cases::Author};
    use crate::domain::agreements::{check_accept, AcceptRefusal, Party, PartyRole};
    use crate::domain::case::{CaseStage, Move};
    use crate::domain::policy::{Action, Resource};
    use crate::domain::timeline::ChangeKind;
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::FollowCases, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let loaded = super::terms::load(state.db.read(), &id).await?;
    let r = Resource::Agreement(loaded.policy_ref());
    if !crate::domain::policy::can(&current.actor, Action::ViewAgreement, r) {
        return Err(AppError::NotFound.respond());
    }
    authorize(&current.actor, Action::AcceptAgreement, r)?;
    let back = format!("/cases/{id}/agreement#accept");
    let bad = |key: K| refused(&back, "agreement_accept", None, key);
    let Some(party) = party.split_once(':').and_then(|(k, v)| Some(Party::of(PartyRole::from_key(k)?, v.to_string())))
    else {
        return Err(bad(K::ErrorUnknownOption));
    };
    if !super::terms::acts_for(&current.actor, &party) {
        return Err(bad(AcceptRefusal::NotAParty.key()));
    }
    if loaded.case.stage != CaseStage::Agreement {
        return Err(bad(K::AgreementErrorStage));
    }
    let user = current.actor.user_id.clone().unwrap_or_default();
    let author = Author::now(Some(&user), "");
    let mut tx = state.db.write().begin().await?;
    // every acceptance of this case queues here: the count below includes the one before
    agreements::lock_case(&mut tx, &id).await?;
    let now = super::terms::load(&mut tx, &id).await?;
    let Some(v) = now.versions.last() else { return Err(bad(AcceptRefusal::Outdated.key())) };
    if let Err(r) = check_accept(&party, version, sha256.trim(), v.version, &v.sha256, &now.parties(), &now.accepted())
    {
        return Err(bad(r.key()));
    }
    let name = now.party_name(&party);
    let mut after = match agreements::accept(&mut tx, &id, v.version, &v.sha256, &party, &name, author).await? {
        Ok(c) => c,
        Err(r) => return Err(crate::api::cases::support::not_written(&id, "agreement_accept", "accept", r)),
    };
    // the last party's acceptance makes the agreement, and the case goes to Active by itself
    let facts = cases::facts(&mut tx, &after).await?;
    if facts.agreement_accepted && after.stage == CaseStage::Agreement {
        let today = crate::api::cases::support::today();
        let system = Author { actor: None, reason: "", at: author.at };
        match cases::move_case(&mut tx, &id, after.version, Move::To(CaseStage::Active), &facts, today, system).await? {
            Ok(moved) => after = moved,
            Err(r) => return Err(crate::api::cases::support::not_written(&id, "agreement_accept", "accept", r)),
        }
        super::terms::tell_parties(&mut tx, &state, &after, author, super::terms::Told::Active).await?;
    }
    tx.commit().await?;
    state.mailer.wake();
    state
        .events
        .publish(after.changed(if after.stage == CaseStage::Active {
            ChangeKind::Stage
        } else {
            ChangeKind::Agreement
        }))
        .await;
    leptos_axum::redirect(&format!("/cases/{id}/agreement"));
    Ok(())
}
