//! Posting to a thread, editing one's own message, and saying one is typing.

use crate::error::AppError;
use leptos::prelude::*;
use leptos::server_fn::codec::{MultipartData, MultipartFormData};

/// Posts a message to a thread from its form (a multipart post: `id`, `key`, `body` in Markdown
/// and up to three `attachment` files). `key` is the idempotency key: the same post sent again
/// (a resubmitted form) is the message already posted. The browser comes back to the thread at
/// the message.
#[server(name = PostMessage, endpoint = "post_message", input = MultipartFormData)]
pub async fn post_message(data: MultipartData) -> Result<(), AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::attachments::FILES_MAX;
    use crate::domain::policy::{Action, Resource};
    use crate::forms::{multipart_upload, UploadLimits};
    // who asks, before any of the body is read: a stranger's files are never held
    authorize(&current_session().actor, Action::ViewInbox, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let limits = UploadLimits { text_max: 64 * 1024, file_max: state.files.file_max, files_max: FILES_MAX };
    let upload = multipart_upload(data, limits, async |fields: &[(String, String)]| {
        let id = fields.iter().find(|(k, _)| k == "id").map(|(_, v)| v.as_str()).unwrap_or_default();
        super::support::thread_for(id, Action::PostMessage).await.map(|_| ())
    })
    .await?;
    let id = upload.get("id");
    let post = Post { id: &id, key: &upload.get("key"), body: &upload.get("body"), from_form: true };
    if let Some(refusal) = upload.refused {
        return Err(post.refuse(Some("message-files"), refusal.key()));
    }
    let seq = post.send(upload.files).await?;
    leptos_axum::redirect(&format!("/threads/{id}#m{seq}"));
    Ok(())
}

/// Sends a message from the browser's outbox (with JavaScript, text only): as
/// [`post_message`], answering with the message's place in the thread instead of a redirect.
#[server(name = SendMessage, endpoint = "send_message")]
pub async fn send_message(id: String, key: String, body: String) -> Result<i64, AppError> {
    Post { id: &id, key: &key, body: &body, from_form: false }.send(Vec::new()).await
}

/// A post to a thread, from its form or from the browser's outbox.
#[cfg(feature = "ssr")]
struct Post<'a> {
    id: &'a str,
    key: &'a str,
    body: &'a str,
    from_form: bool,
}

#[cfg(feature = "ssr")]
impl Post<'_> {
    /// A refusal: back to the form with the text kept when it came from one.
    fn refuse(&self, field: Option<&str>, key: crate::i18n::K) -> AppError {
        if self.from_form {
            leptos_axum::redirect(&format!("/threads/{}#compose", self.id));
            let flash = crate::forms::FormFlash::new("thread_post").value("body", self.body).error(key, field);
            crate::forms::refuse(flash)
        } else {
            AppError::Validation { field: field.unwrap_or_default().to_string(), key: key.name().to_string() }.respond()
        }
    }

    /// Posts the message with its files; the government writing in its thread tells its Case
    /// Manager. The files are stored first and the message written after, in one transaction:
    /// a store or database failure keeps nothing.
    async fn send(&self, files: Vec<crate::forms::UploadedFile>) -> Result<i64, AppError> {
        use super::support::{changed, thread_for};
        use crate::domain::case::CaseStage;
        use crate::domain::policy::Action;
        use crate::domain::threads::{check_body, check_key};
        use crate::i18n::K;
        use crate::model::ThreadChange;
        let (state, current, t) = thread_for(self.id, Action::PostMessage).await?;
        // a message may be only its files
        let body = match check_body(self.body) {
            Err(K::ErrorRequired) if !files.is_empty() => String::new(),
            checked => checked.map_err(|key| self.refuse(Some("message-body"), key))?,
        };
        if t.case_stage == CaseStage::Closed {
            return Err(self.refuse(None, K::ThreadErrorClosed));
        }
        let accepted = super::attach::check(files, state.files.file_max)
            .map_err(|r| self.refuse(Some("message-files"), r.key()))?;
        let user = current.actor.user_id.clone().unwrap_or_default();
        // a post without a usable key cannot be repeated: it gets one of its own
        let key = check_key(self.key).map(str::to_string).unwrap_or_else(crate::db::new_id);
        let from_government = current.actor.member_of.contains(&t.case_organisation);
        let government = if from_government && t.introduction_id.is_none() {
            crate::api::introductions::support::government(&state, &t.case_id).await?.0
        } else {
            String::new()
        };
        let stored = match super::attach::store(&state.files, &t.id, accepted).await {
            Ok(stored) => stored,
            Err(e) => return Err(crate::forms::refuse_with(self.flash(), e)),
        };
        let now = crate::db::now_ms();
        let write = Write { t: &t, user: &user, key: &key, body: &body, government: &government, now };
        let posted = match write.run(&state, &stored, from_government).await {
            Ok(posted) => posted,
            // the commit's answer was lost: the message may be kept, so its files stay (the
            // sweep removes them within the hour if it was not)
            Err(Failure { error, maybe_kept: true }) => return Err(error),
            Err(Failure { error, maybe_kept: false }) => {
                super::attach::discard(&state.files, &stored).await;
                return Err(error);
            }
        };
        if posted.repeated {
            super::attach::discard(&state.files, &stored).await;
        } else {
            state.mailer.wake();
            state.events.publish(changed(&t, posted.message.seq, ThreadChange::Message)).await;
        }
        Ok(posted.message.seq)
    }

    /// The form's flash for a failure that is not the input's (the store did not answer): the
    /// text comes back to be sent again.
    fn flash(&self) -> crate::forms::FormFlash {
        if self.from_form {
            leptos_axum::redirect(&format!("/threads/{}#compose", self.id));
        }
        let flash = crate::forms::FormFlash::new("thread_post").value("body", self.body);
        flash.error(crate::i18n::K::ErrorUnavailable, Some("message-files"))
    }
}

/// The message's one transaction.
#[cfg(feature = "ssr")]
struct Write<'a> {
    t: &'a crate::db::threads::Thread,
    user: &'a str,
    key: &'a str,
    body: &'a str,
    government: &'a str,
    now: i64,
}

#[cfg(feature = "ssr")]
impl Write<'_> {
    async fn run(
        &self,
        state: &crate::state::AppState,
        stored: &[crate::db::threads::NewAttachment],
        from_government: bool,
    ) -> Result<crate::db::threads::Posted, Failure> {
        use crate::api::notify::{tell, Tell};
        use crate::domain::notices::NoticeKind;
        use crate::i18n::K;
        let t = self.t;
        let mut tx = state.db.write().begin().await?;
        let posted = crate::db::threads::post(&mut tx, &t.id, self.user, self.key, self.body, self.now).await?;
        if posted.repeated {
            return Ok(posted);
        }
        crate::db::threads::attach(&mut tx, &t.id, &posted.message.id, stored, self.now).await?;
        if t.introduction_id.is_none() && from_government {
            if let Some(manager) = &t.case_manager_id {
                let told: Vec<_> = crate::db::notifications::person(&mut tx, manager).await?.into_iter().collect();
                let path = format!("/threads/{}", t.id);
                let vars = [("government", self.government)];
                let what = Tell {
                    kind: NoticeKind::GovernmentWrote,
                    case_id: Some(&t.case_id),
                    path: &path,
                    subject: K::MailGovernmentWroteSubject,
                    body: K::MailGovernmentWroteBody,
                    vars: &vars,
                    at: self.now,
                };
                tell(&mut tx, &state.mailer, &told, Some(self.user), &what).await?;
            }
        }
        tx.commit().await.map_err(|e| Failure { error: e.into(), maybe_kept: true })?;
        Ok(posted)
    }
}

/// A write that failed, and whether it may have been kept all the same (its commit's answer
/// was lost).
#[cfg(feature = "ssr")]
struct Failure {
    error: AppError,
    maybe_kept: bool,
}

#[cfg(feature = "ssr")]
impl From<AppError> for Failure {
    fn from(error: AppError) -> Self {
        Failure { error, maybe_kept: false }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for Failure {
    fn from(error: sqlx::Error) -> Self {
        Failure { error: error.into(), maybe_kept: false }
    }
}

/// Replaces the text of one's own message `id`, within the edit window; the thread shows it
/// as edited.
#[server(name = EditMessage, endpoint = "edit_message")]
pub async fn edit_message(id: String, body: String) -> Result<(), AppError> {
    use super::support::{changed, thread_for};
    use crate::api::introductions::support::refused;
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    use crate::domain::threads::{check_body, check_edit};
    use crate::model::ThreadChange;
    let current = current_session();
    authorize(&current.actor, Action::ViewInbox, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let Some(m) = crate::db::threads::message(state.db.read(), &id).await? else {
        return Err(AppError::NotFound.respond());
    };
    let (state, current, t) = thread_for(&m.thread_id, Action::PostMessage).await?;
    let back = format!("/threads/{}#m{}", t.id, m.seq);
    let user = current.actor.user_id.clone().unwrap_or_default();
    let now = crate::db::now_ms();
    if let Err(r) = check_edit(m.author_user_id.as_deref(), &user, m.at, now) {
        return Err(refused(&back, "thread_edit", None, r.key()));
    }
    let body = match check_body(&body) {
        Ok(b) => b,
        Err(key) => return Err(refused(&back, "thread_edit", Some(&format!("edit-{}", m.id)), key)),
    };
    let mut tx = state.db.write().begin().await?;
    crate::db::threads::edit(&mut tx, &m, &body, now).await?;
    tx.commit().await?;
    state.events.publish(changed(&t, t.last_seq, ThreadChange::Message)).await;
    leptos_axum::redirect(&back);
    Ok(())
}

/// Tells the thread's other open pages that the caller is typing (nothing is stored).
#[server(name = ThreadTyping, endpoint = "thread_typing")]
pub async fn thread_typing(id: String) -> Result<(), AppError> {
    use super::support::{changed, thread_for};
    use crate::domain::policy::Action;
    let (state, current, t) = thread_for(&id, Action::PostMessage).await?;
    let name = current.user.map(|u| u.name).unwrap_or_default();
    state.events.publish(changed(&t, t.last_seq, crate::model::ThreadChange::Typing(name))).await;
    Ok(())
}
