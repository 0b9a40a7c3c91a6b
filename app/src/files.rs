//! The file store: where attachments' bytes live, behind one interface (`object_store`'s). By
//! default a directory under the data directory; S3-compatible object storage when configured,
//! so several app instances serve the same files. Keys are made here, never from a user's input.

use bytes::Bytes;
use object_store::path::Path;
use object_store::{ObjectStore, PutPayload};
use std::path::PathBuf;
use std::sync::Arc;

/// Where files are kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FilesConfig {
    /// A directory (created when missing).
    Directory(PathBuf),
    /// An S3-compatible bucket.
    S3(S3Config),
}

/// An S3-compatible bucket: `endpoint` for anything but AWS itself (MinIO, moto, Ceph, …);
/// credentials from the usual `AWS_*` variables when not given.
#[derive(Clone, PartialEq, Eq)]
pub struct S3Config {
    pub bucket: String,
    pub endpoint: Option<String>,
    pub region: String,
    pub access_key_id: Option<String>,
    pub secret_access_key: Option<String>,
}

impl std::fmt::Debug for S3Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // never the secret in a log line
        f.debug_struct("S3Config")
            .field("bucket", &self.bucket)
            .field("endpoint", &self.endpoint)
            .field("region", &self.region)
            .finish_non_exhaustive()
    }
}

/// The store and its limit on one file.
#[derive(Clone)]
pub struct Files {
    store: Arc<dyn ObjectStore>,
    /// Largest file taken, in bytes.
    pub file_max: usize,
    /// What it is, for logs and the health page: `directory` or `s3`.
    pub kind: &'static str,
}

impl std::fmt::Debug for Files {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Files").field("kind", &self.kind).field("file_max", &self.file_max).finish_non_exhaustive()
    }
}

/// A stored file, read back as a stream of chunks.
pub type FileStream = futures_util::stream::BoxStream<'static, Result<Bytes, object_store::Error>>;

impl Files {
    /// Opens the store `config` describes.
    pub fn open(config: &FilesConfig, file_max: usize) -> Result<Files, String> {
        match config {
            FilesConfig::Directory(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                let store = object_store::local::LocalFileSystem::new_with_prefix(dir)
                    .map_err(|e| format!("cannot use {} for files: {e}", dir.display()))?;
                Ok(Files { store: Arc::new(store), file_max, kind: "directory" })
            }
            FilesConfig::S3(s3) => {
                let mut builder =
                    object_store::aws::AmazonS3Builder::from_env().with_bucket_name(&s3.bucket).with_region(&s3.region);
                if let Some(endpoint) = &s3.endpoint {
                    builder = builder
                        .with_endpoint(endpoint)
                        .with_allow_http(endpoint.starts_with("http://"))
                        .with_virtual_hosted_style_request(false);
                }
                if let Some(key) = &s3.access_key_id {
                    builder = builder.with_access_key_id(key);
                }
                if let Some(secret) = &s3.secret_access_key {
                    builder = builder.with_secret_access_key(secret);
                }
                let store = builder.build().map_err(|e| format!("cannot use the S3 bucket {}: {e}", s3.bucket))?;
                Ok(Files { store: Arc::new(store), file_max, kind: "s3" })
            }
        }
    }

    /// A new key for a file of thread `thread_id` (the thread's id is the app's own).
    pub fn new_key(thread_id: &str) -> String {
        format!("attachments/{thread_id}/{}", crate::db::new_id())
    }

    fn path(key: &str) -> Result<Path, object_store::Error> {
        Path::parse(key).map_err(|e| object_store::Error::Generic { store: "files", source: Box::new(e) })
    }

    /// Stores `bytes` under `key`.
    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), object_store::Error> {
        self.store.put(&Self::path(key)?, PutPayload::from(bytes)).await.map(|_| ())
    }

    /// The file under `key`, as a stream.
    pub async fn get(&self, key: &str) -> Result<FileStream, object_store::Error> {
        Ok(self.store.get(&Self::path(key)?).await?.into_stream())
    }

    /// Removes the file under `key`, if there is one.
    pub async fn delete(&self, key: &str) -> Result<(), object_store::Error> {
        match self.store.delete(&Self::path(key)?).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e),
        }
    }

    /// Every stored key (for a backup).
    pub async fn keys(&self) -> Result<Vec<String>, object_store::Error> {
        use futures_util::TryStreamExt;
        self.store.list(None).map_ok(|meta| meta.location.to_string()).try_collect().await
    }

    /// The keys under `prefix` last written before `before` (ms since 1970).
    pub async fn written_before(&self, prefix: &str, before: i64) -> Result<Vec<String>, object_store::Error> {
        use futures_util::TryStreamExt;
        let prefix = Path::from(prefix);
        let mut listed = self.store.list(Some(&prefix));
        let mut out = Vec::new();
        while let Some(meta) = listed.try_next().await? {
            if meta.last_modified.timestamp_millis() < before {
                out.push(meta.location.to_string());
            }
        }
        Ok(out)
    }

    /// Removes files stored for something that was not kept (a refused or repeated post):
    /// failures are logged, never raised (the caller is already answering).
    pub async fn discard(&self, keys: &[String]) {
        for key in keys {
            if let Err(e) = self.delete(key).await {
                tracing::warn!(error = %e, %key, "cannot remove a file that was not kept");
            }
        }
    }
}
