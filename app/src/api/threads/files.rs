//! Downloading an attachment: only the thread's participants and its Case Manager, as for the
//! thread itself; for anyone else, signed in or not, the file does not exist (404).

use crate::domain::policy::{Action, Actor};
use crate::error::AppError;
use crate::files::FileStream;
use crate::state::AppState;

/// Where attachments are downloaded: `/attachments/{id}`.
pub const ATTACHMENT_PATH: &str = "/attachments/{id}";

/// A file on its way out.
pub struct Download {
    pub name: String,
    pub media_type: String,
    pub size: i64,
    pub stream: FileStream,
}

/// Opens attachment `id` for `actor`.
pub async fn open(state: &AppState, actor: &Actor, id: &str) -> Result<Download, AppError> {
    let db = state.db.read();
    let Some(a) = crate::db::threads::attachment(db, id).await? else { return Err(AppError::NotFound) };
    let Some(t) = crate::db::threads::get(db, &a.thread_id).await? else { return Err(AppError::NotFound) };
    if !super::support::allowed(actor, Action::ViewThread, &t) {
        return Err(AppError::NotFound);
    }
    let stream = state.files.get(&a.storage_key).await.map_err(|e| {
        tracing::error!(error = %e, attachment = %a.id, store = state.files.kind, "cannot read a stored attachment");
        AppError::Unavailable
    })?;
    Ok(Download { name: a.name, media_type: a.media_type, size: a.size, stream })
}
