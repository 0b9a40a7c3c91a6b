//! Attachments on the way in: each file checked on its content (its first bytes say what it
//! is, whatever its name), then stored before its message is written, so a message never names
//! a file the store does not have; what was stored for a post that was not kept is removed.

use crate::db::threads::NewAttachment;
use crate::domain::attachments::{check_file, FileRefusal, FILES_MAX};
use crate::error::AppError;
use crate::files::Files;
use crate::forms::UploadedFile;

/// A file that passed the checks, with what its content is.
pub struct Accepted {
    pub file: UploadedFile,
    pub name: String,
    pub kind: &'static str,
    pub media_type: &'static str,
}

/// Checks every file of a post (at most [`FILES_MAX`], each at most `file_max` bytes, each a
/// kind that is taken).
pub fn check(files: Vec<UploadedFile>, file_max: usize) -> Result<Vec<Accepted>, FileRefusal> {
    if files.len() > FILES_MAX {
        return Err(FileRefusal::TooMany);
    }
    let mut accepted = Vec::with_capacity(files.len());
    for file in files {
        let media_type = infer::get(&file.bytes).map(|t| t.mime_type());
        let checked = check_file(&file.name, file.bytes.len(), media_type, file_max)?;
        accepted.push(Accepted {
            name: checked.name,
            kind: checked.kind.key(),
            media_type: media_type.unwrap_or_default(),
            file,
        });
    }
    Ok(accepted)
}

/// Stores the accepted files of a post to thread `thread_id`; on a failure removes what was
/// stored and answers 503 (nothing of the post is kept).
pub async fn store(files: &Files, thread_id: &str, accepted: Vec<Accepted>) -> Result<Vec<NewAttachment>, AppError> {
    use sha2::{Digest, Sha256};
    let mut stored: Vec<NewAttachment> = Vec::with_capacity(accepted.len());
    for a in accepted {
        let key = Files::new_key(thread_id);
        let sha256 = data_encoding::HEXLOWER.encode(&Sha256::digest(&a.file.bytes));
        let size = a.file.bytes.len() as i64;
        if let Err(e) = files.put(&key, a.file.bytes).await {
            tracing::error!(error = %e, store = files.kind, "cannot store an attachment; the message is not posted");
            discard(files, &stored).await;
            return Err(AppError::Unavailable);
        }
        stored.push(NewAttachment {
            id: crate::db::new_id(),
            name: a.name,
            kind: a.kind.to_string(),
            media_type: a.media_type.to_string(),
            size,
            sha256,
            storage_key: key,
        });
    }
    Ok(stored)
}

/// Removes files stored for a post that was not kept.
pub async fn discard(files: &Files, stored: &[NewAttachment]) {
    let keys: Vec<String> = stored.iter().map(|s| s.storage_key.clone()).collect();
    files.discard(&keys).await;
}

/// How long a stored file may wait for its message before it counts as left behind.
pub const ORPHAN_AFTER_MS: i64 = 60 * 60 * 1000;

/// Removes stored files that no message names once they are an hour old: a post whose process
/// stopped between storing its files and writing its message, or whose clean-up failed.
pub async fn sweep_orphan_files(db: &crate::db::Database, files: &Files, now: i64) -> Result<usize, AppError> {
    let old = files.written_before("attachments", now - ORPHAN_AFTER_MS).await.map_err(|e| {
        tracing::error!(error = %e, store = files.kind, "cannot list the stored files");
        AppError::Unavailable
    })?;
    let named = crate::db::threads::named_keys(db.read(), &old).await?;
    let orphans: Vec<String> = old.into_iter().filter(|k| !named.contains(k)).collect();
    files.discard(&orphans).await;
    Ok(orphans.len())
}
