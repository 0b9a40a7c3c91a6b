//! The inbox (`/inbox`): the caller's threads, unread first, with search over their own threads'
//! messages; introductions waiting for their answer; notifications; and the header's counts.

use crate::error::AppError;
use crate::model::{InboxView, Unread};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// How many threads the inbox lists.
pub const INBOX_SHOWN: i64 = 100;
/// Longest search text.
pub const SEARCH_MAX: usize = 200;

/// The caller's inbox; with `q`, only threads with a message containing it.
#[server(name = Inbox, endpoint = "inbox", input = GetUrl)]
pub async fn inbox(q: String) -> Result<InboxView, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::{introductions, notifications, threads};
    use crate::domain::introductions::IntroStatus;
    use crate::domain::policy::{Action, Resource};
    use crate::domain::threads::{excerpt, unread};
    use crate::model::{InboxThread, NoticeView, ThreadKind, WaitingIntro};
    let actor = current_session().actor;
    authorize(&actor, Action::ViewInbox, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let user = actor.user_id.clone().unwrap_or_default();
    let search: String = q.trim().chars().take(SEARCH_MAX).collect();
    let rows = threads::inbox(db, &user, &search, INBOX_SHOWN).await?;
    let threads = rows
        .into_iter()
        .map(|r| InboxThread {
            kind: if r.introduction_id.is_some() { ThreadKind::Introduction } else { ThreadKind::Government },
            unread: unread(r.last_seq, r.read_seq, 0),
            excerpt: r.last_body.as_deref().map(|b| excerpt(b, 140)).unwrap_or_default(),
            last_author: r.last_author,
            last_at: r.last_message_at,
            government: r.government,
            country: r.country,
            id: r.thread_id,
        })
        .collect();
    let now = crate::db::now_ms();
    let mut waiting = Vec::new();
    for i in introductions::naming(db, &actor.member_of).await? {
        let mine_open = i.parties.iter().any(|p| p.answer.is_none() && actor.member_of.contains(&p.organisation_id));
        let still =
            crate::domain::introductions::status_of(&i.rule_parties(), i.respond_by, now) == IntroStatus::Waiting;
        if mine_open && still && i.status == IntroStatus::Waiting {
            let country = crate::db::cases::get_listed(db, &i.case_id).await?.map(|l| l.country).unwrap_or_default();
            waiting.push(WaitingIntro { id: i.id, kind: i.kind, country, respond_by: i.respond_by });
        }
    }
    let notices = notifications::recent(db, &user, 30)
        .await?
        .into_iter()
        .map(|n| NoticeView { kind: n.kind, link: n.link, at: n.at, read: n.read })
        .collect();
    let message_mail = notifications::message_mail(db, &user).await?;
    Ok(InboxView { search, threads, waiting, notices, message_mail })
}

/// Unread messages and notifications, for the header (zero for an anonymous visitor).
#[server(name = UnreadCounts, endpoint = "unread_counts", input = GetUrl)]
pub async fn unread_counts() -> Result<Unread, AppError> {
    use crate::auth::current_session;
    let actor = current_session().actor;
    let Some(user) = actor.user_id else { return Ok(Unread::default()) };
    let state = crate::state::app_state()?;
    let db = state.db.read();
    Ok(Unread {
        messages: crate::db::threads::unread_total(db, &user).await?,
        notices: crate::db::notifications::unread(db, &user).await?,
    })
}

/// Marks every notification of the caller read.
#[server(name = MarkNoticesRead, endpoint = "mark_notices_read")]
pub async fn mark_notices_read() -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    let actor = current_session().actor;
    authorize(&actor, Action::ViewInbox, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let mut tx = state.db.write().begin().await?;
    crate::db::notifications::mark_all_read(&mut tx, actor.user_id.as_deref().unwrap_or_default(), crate::db::now_ms())
        .await?;
    tx.commit().await?;
    leptos_axum::redirect("/inbox#notices");
    Ok(())
}

/// Sets how the caller hears of messages by mail (`soon`, `daily` or `off`); what needs an
/// action is mailed whatever they choose.
#[server(name = SetMessageMail, endpoint = "set_message_mail")]
pub async fn set_message_mail(mode: String) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::notices::MessageMail;
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{refuse, FormFlash};
    let actor = current_session().actor;
    let user = actor.user_id.clone().unwrap_or_default();
    authorize(&actor, Action::ManageOwnAccount, Resource::User(&user))?;
    let Some(mode) = MessageMail::from_key(&mode) else {
        leptos_axum::redirect("/inbox#mail");
        return Err(refuse(
            FormFlash::new("message_mail").error(crate::i18n::K::ErrorUnknownOption, Some("mail-soon")),
        ));
    };
    let state = crate::state::app_state()?;
    let mut tx = state.db.write().begin().await?;
    crate::db::notifications::set_message_mail(&mut tx, &user, mode).await?;
    tx.commit().await?;
    leptos_axum::redirect("/inbox?saved=mail#mail");
    Ok(())
}
