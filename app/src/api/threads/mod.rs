//! Messaging threads: reading one (its messages' Markdown made safe on the server), posting
//! (idempotent: a retried post is the same message), editing one's own message for a short
//! time, "is typing", read marks, the Case Manager adding and removing participants, and the
//! inbox. A thread is its participants' and its Case Manager's: anyone else gets 404.

#[cfg(feature = "ssr")]
mod attach;
#[cfg(feature = "ssr")]
mod digest;
#[cfg(feature = "ssr")]
pub mod files;
mod inbox;
mod manage;
mod post;
mod read;

#[cfg(feature = "ssr")]
pub use attach::sweep_orphan_files;
#[cfg(feature = "ssr")]
pub use digest::*;
pub use inbox::*;
pub use manage::*;
pub use post::*;
pub use read::*;

#[cfg(feature = "ssr")]
pub(crate) mod support {
    use crate::auth::{authorize, current_session, CurrentSession};
    use crate::db::threads::{self, Thread};
    use crate::domain::policy::{can, Action, CaseRef, Resource, ThreadRef};
    use crate::error::AppError;
    use crate::model::{LiveEvent, ThreadChange, ThreadChanged};
    use crate::state::AppState;

    /// What the policy knows of `t`, built from it.
    pub fn allowed(actor: &crate::domain::policy::Actor, action: Action, t: &Thread) -> bool {
        let (organisations, users) = (t.organisations(), t.users());
        let case = CaseRef { organisation: &t.case_organisation, manager: t.case_manager_id.as_deref() };
        can(actor, action, Resource::Thread(ThreadRef { case, organisations: &organisations, users: &users }))
    }

    /// The thread `id` and who asks, if the caller may `action` it: signed in first, then a
    /// participant (or its Case Manager); a thread they are not in does not exist for them.
    pub async fn thread_for(id: &str, action: Action) -> Result<(AppState, CurrentSession, Thread), AppError> {
        let current = current_session();
        authorize(&current.actor, Action::ViewInbox, crate::domain::policy::Resource::Platform)?;
        let state = crate::state::app_state()?;
        let Some(t) = threads::get(state.db.read(), id).await? else { return Err(AppError::NotFound.respond()) };
        if !allowed(&current.actor, Action::ViewThread, &t) {
            return Err(AppError::NotFound.respond());
        }
        if !allowed(&current.actor, action, &t) {
            return Err(AppError::Forbidden.respond());
        }
        Ok((state, current, t))
    }

    /// The live event for a change in `t` (its participants as they now are).
    pub fn changed(t: &Thread, last_seq: i64, what: ThreadChange) -> LiveEvent {
        LiveEvent::Thread(ThreadChanged {
            thread_id: t.id.clone(),
            case_id: t.case_id.clone(),
            case_manager_id: t.case_manager_id.clone(),
            organisations: t.organisations(),
            users: t.users(),
            last_seq,
            what,
        })
    }
}
