//! Reading a thread (its page, fetched again when the live channel says it changed, so a page
//! that reconnects catches up in order); reading marks the thread read for the reader.

use crate::error::AppError;
use crate::model::ThreadView;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// How many messages a thread page shows (the most recent).
pub const THREAD_SHOWN: i64 = 500;

#[cfg(feature = "ssr")]
type FilesByMessage = std::collections::HashMap<String, Vec<crate::model::AttachmentView>>;

/// The attachments of a thread's shown messages, by message.
#[cfg(feature = "ssr")]
fn by_message(files: Vec<crate::db::threads::Attachment>) -> FilesByMessage {
    let mut out = FilesByMessage::new();
    for a in files {
        if let Some(kind) = crate::domain::attachments::FileKind::from_key(&a.kind) {
            let view = crate::model::AttachmentView { id: a.id, name: a.name, kind, size: a.size };
            out.entry(a.message_id).or_default().push(view);
        }
    }
    out
}

#[cfg(feature = "ssr")]
fn message_view(
    m: crate::db::threads::Message,
    files: &mut FilesByMessage,
    viewer: &str,
    now: i64,
) -> crate::model::MessageView {
    use crate::domain::threads::check_edit;
    let attachments = files.remove(&m.id).unwrap_or_default();
    let mine = m.author_user_id.as_deref() == Some(viewer);
    let editable = check_edit(m.author_user_id.as_deref(), viewer, m.at, now).is_ok().then(|| m.body.clone());
    crate::model::MessageView {
        html: crate::markup::message_html(&m.body),
        id: m.id,
        seq: m.seq,
        author: m.author_name.unwrap_or_default(),
        at: m.at,
        edited: m.edited_at.is_some(),
        mine,
        editable,
        attachments,
    }
}

/// One thread's page (its participants, messages and read marks); marks it read.
#[server(name = ThreadDetail, endpoint = "thread_detail", input = GetUrl)]
pub async fn thread_detail(id: String) -> Result<ThreadView, AppError> {
    use super::support::{changed, thread_for};
    use crate::db::threads;
    use crate::domain::case::CaseStage;
    use crate::domain::casework::Decision;
    use crate::domain::policy::{can, Action, Resource};
    use crate::model::{OrgChoice, ParticipantView, SeenBy, ThreadChange, ThreadKind};
    let (state, current, t) = thread_for(&id, Action::ViewThread).await?;
    let viewer = current.actor.user_id.clone().unwrap_or_default();
    let db = state.db.read();
    let now = crate::db::now_ms();
    let first = (t.last_seq - THREAD_SHOWN).max(0);
    let mut files = by_message(threads::attachments_after(db, &id, first).await?);
    let messages: Vec<crate::model::MessageView> = threads::after(db, &id, first, THREAD_SHOWN)
        .await?
        .into_iter()
        .map(|m| message_view(m, &mut files, &viewer, now))
        .collect();
    let listed = crate::db::cases::get_listed(db, &t.case_id).await?.ok_or(AppError::NotFound)?;
    let (government, country) = (listed.organisation, listed.country);
    // providers introduced to each other, without the government, see only its country
    let knows_government = t.organisations().contains(&t.case_organisation)
        || t.case_manager_id.as_deref() == Some(viewer.as_str())
        || current.actor.member_of.contains(&t.case_organisation);
    let case =
        crate::domain::policy::CaseRef { organisation: &t.case_organisation, manager: t.case_manager_id.as_deref() };
    let can_manage = can(&current.actor, Action::ManageThread, Resource::Case(case));
    let addable = if can_manage {
        let present = t.organisations();
        let mut choices = vec![OrgChoice { id: t.case_organisation.clone(), name: government.clone() }];
        for d in crate::db::cases::decisions(db, &t.case_id).await? {
            if d.decision == Decision::Shortlisted && t.introduction_id.is_some() {
                choices.push(OrgChoice { id: d.provider_id, name: d.provider });
            }
        }
        choices.into_iter().filter(|c| !present.contains(&c.id)).collect()
    } else {
        Vec::new()
    };
    // one read of everyone's marks: the others' are shown, the viewer's says whether to move it
    let (mine, others): (Vec<_>, Vec<_>) =
        threads::read_marks(db, &id).await?.into_iter().partition(|r| r.user_id == viewer);
    let read = mine.first().map_or(0, |r| r.last_seq);
    let seen_by = others.into_iter().map(|r| SeenBy { name: r.name, seq: r.last_seq }).collect();
    if t.last_seq > read {
        let mut tx = state.db.write().begin().await?;
        threads::mark_read(&mut tx, &id, &viewer, t.last_seq, now).await?;
        tx.commit().await?;
        state.events.publish(changed(&t, t.last_seq, ThreadChange::Read)).await;
    }
    Ok(ThreadView {
        kind: if t.introduction_id.is_some() { ThreadKind::Introduction } else { ThreadKind::Government },
        participants: t
            .participants
            .iter()
            .map(|p| ParticipantView {
                id: p.id.clone(),
                name: p.name.clone(),
                organisation: p.organisation_id.is_some(),
                removed: p.removed_at.is_some(),
            })
            .collect(),
        messages,
        seen_by,
        last_seq: t.last_seq,
        open: t.case_stage != CaseStage::Closed,
        file_max_mb: (state.files.file_max / (1024 * 1024)).max(1) as u32,
        can_manage,
        addable,
        case_link: current.actor.staff_role.is_some() || current.actor.member_of.contains(&t.case_organisation),
        government: knows_government.then_some(government),
        country,
        compose_key: crate::db::new_id(),
        case_id: t.case_id,
        id: t.id,
    })
}
