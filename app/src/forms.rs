//! Forms that work before (and without) the WASM. A form posts to its server function; with
//! the WASM loaded the result comes back to the page directly. Without it the browser follows a
//! redirect, so a refused submission is carried back to the form in a short-lived "flash"
//! cookie (the error and the non-secret values typed) and shown by the re-rendered page.

use crate::i18n::K;
use serde::{Deserialize, Serialize};

/// The address a form posts to: its server function's endpoint, taken from the function's
/// type, so renaming an endpoint cannot leave a form posting to nothing.
pub fn action<F: leptos::server_fn::ServerFn>() -> &'static str {
    F::PATH
}

/// Name of the flash cookie.
pub const FLASH_COOKIE: &str = "ogpnm_flash";

/// A refused form submission, to re-render the form with its error and values.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormFlash {
    /// Which form (e.g. `sign_in`).
    pub form: String,
    /// Catalogue key of the message.
    pub error: String,
    /// The field in error, if one.
    pub field: Option<String>,
    /// Values to put back in the fields (never passwords).
    pub values: Vec<(String, String)>,
}

impl FormFlash {
    /// A flash for `form`.
    pub fn new(form: &str) -> Self {
        FormFlash { form: form.to_string(), ..Default::default() }
    }

    /// Keeps a typed value.
    pub fn value(mut self, name: &str, value: &str) -> Self {
        self.values.push((name.to_string(), value.chars().take(500).collect()));
        self
    }

    /// Sets the error.
    pub fn error(mut self, key: K, field: Option<&str>) -> Self {
        self.error = key.name().to_string();
        self.field = field.map(str::to_string);
        self
    }

    /// The value typed in `name`, or empty.
    pub fn get(&self, name: &str) -> String {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }

    /// The error's catalogue key.
    pub fn error_key(&self) -> K {
        K::ALL.iter().copied().find(|k| k.name() == self.error).unwrap_or(K::ErrorValidation)
    }
}

#[cfg(feature = "ssr")]
impl FormFlash {
    /// Cookie value: URL-safe base64 of the JSON.
    pub fn encode(&self) -> String {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(serde_json::to_vec(self).unwrap_or_default())
    }

    /// Parses a cookie value; `None` for anything malformed.
    pub fn decode(value: &str) -> Option<FormFlash> {
        use base64::Engine;
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(value).ok()?;
        serde_json::from_slice(&bytes).ok()
    }
}

/// Reads a multipart form's text fields in order (repeated names kept, for multiple choices).
/// More than `max_bytes` of names and values, or more than 2,000 fields, is refused as too long.
#[cfg(feature = "ssr")]
pub async fn multipart_fields(
    data: leptos::server_fn::codec::MultipartData,
    max_bytes: usize,
) -> Result<Vec<(String, String)>, crate::error::AppError> {
    use crate::error::AppError;
    let Some(mut multipart) = data.into_inner() else { return Err(AppError::Internal.respond()) };
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut total = 0usize;
    while let Ok(Some(field)) = multipart.next_field().await {
        let name = field.name().unwrap_or_default().to_string();
        let value = field.text().await.unwrap_or_default();
        total += name.len() + value.len();
        if total > max_bytes || fields.len() > 2000 {
            return Err(AppError::Validation { field: String::new(), key: K::ErrorTooLong.name().into() }.respond());
        }
        fields.push((name, value));
    }
    Ok(fields)
}

/// A file sent with a form, held in memory (its size is bounded by the reader).
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct UploadedFile {
    pub name: String,
    pub bytes: bytes::Bytes,
}

/// A multipart form with files, as far as it was read: reading stops at the first file over
/// `file_max` bytes or past `files_max` files (`refused` says which), keeping the fields before
/// it so the form can come back filled in.
#[cfg(feature = "ssr")]
#[derive(Debug, Default)]
pub struct Upload {
    pub fields: Vec<(String, String)>,
    pub files: Vec<UploadedFile>,
    pub refused: Option<crate::domain::attachments::FileRefusal>,
}

#[cfg(feature = "ssr")]
impl Upload {
    /// The first value of field `name` (empty when absent).
    pub fn get(&self, name: &str) -> String {
        self.fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
    }
}

/// Reads a multipart form whose parts may be files (a part with a file name; an empty file
/// input sends one with no name and no bytes, which is skipped). Every part is read chunk by
/// chunk against its bound: text fields together at most `text_max` bytes (more is refused as
/// too long), each file at most `file_max`, at most `files_max` files. `gate` sees the text
/// fields before the first file's bytes are read (the form's fields come first), so a caller
/// who may not post is refused before any file is held. A body cut short by the route's limit
/// counts as a file too large; a body that is not multipart as the form sends it is a 400.
#[cfg(feature = "ssr")]
pub async fn multipart_upload(
    data: leptos::server_fn::codec::MultipartData,
    limits: UploadLimits,
    gate: impl AsyncFnOnce(&[(String, String)]) -> Result<(), crate::error::AppError>,
) -> Result<Upload, crate::error::AppError> {
    use crate::domain::attachments::FileRefusal;
    use crate::error::AppError;
    let Some(mut multipart) = data.into_inner() else { return Err(AppError::Internal.respond()) };
    let mut upload = Upload::default();
    let mut gate = Some(gate);
    let mut text = 0usize;
    loop {
        let mut field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) if cut_short(&e) => {
                upload.refused = Some(FileRefusal::TooLarge);
                break;
            }
            Err(_) => return Err(AppError::BadRequest.respond()),
        };
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        if file_name.is_some() {
            if let Some(gate) = gate.take() {
                gate(&upload.fields).await?;
            }
        }
        let room = match file_name {
            None => limits.text_max.saturating_sub(text),
            Some(_) => limits.file_max,
        };
        let mut bytes = bytes::BytesMut::new();
        let mut over = false;
        loop {
            match field.chunk().await {
                Ok(Some(chunk)) if bytes.len() + chunk.len() <= room => bytes.extend_from_slice(&chunk),
                Ok(Some(_)) => {
                    over = true;
                    break;
                }
                Ok(None) => break,
                Err(e) if cut_short(&e) => {
                    over = true;
                    break;
                }
                Err(_) => return Err(AppError::BadRequest.respond()),
            }
        }
        let Some(file_name) = file_name else {
            if over || upload.fields.len() >= 2000 {
                return Err(AppError::Validation { field: String::new(), key: K::ErrorTooLong.name().into() }.respond());
            }
            text += name.len() + bytes.len();
            let value = String::from_utf8(bytes.to_vec()).map_err(|_| AppError::BadRequest.respond())?;
            upload.fields.push((name, value));
            continue;
        };
        if over {
            upload.refused = Some(FileRefusal::TooLarge);
            break;
        }
        if file_name.is_empty() && bytes.is_empty() {
            continue;
        }
        if upload.files.len() == limits.files_max {
            upload.refused = Some(FileRefusal::TooMany);
            break;
        }
        upload.files.push(UploadedFile { name: file_name, bytes: bytes.freeze() });
    }
    if let Some(gate) = gate.take() {
        gate(&upload.fields).await?;
    }
    Ok(upload)
}

/// The bounds of [`multipart_upload`].
#[cfg(feature = "ssr")]
#[derive(Clone, Copy, Debug)]
pub struct UploadLimits {
    pub text_max: usize,
    pub file_max: usize,
    pub files_max: usize,
}

/// Whether reading a body failed because the route's body limit cut it short.
#[cfg(feature = "ssr")]
fn cut_short(e: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(c) = cause {
        if c.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        cause = c.source();
    }
    false
}

/// Turns a refused submission into its error: for a plain form post the flash cookie is set
/// (the browser is sent back to the form), and the error is returned either way.
#[cfg(feature = "ssr")]
pub fn refuse(flash: FormFlash) -> crate::error::AppError {
    let err =
        crate::error::AppError::Validation { field: flash.field.clone().unwrap_or_default(), key: flash.error.clone() };
    refuse_with(flash, err)
}

/// Like [`refuse`] for any error (a rate limit, a conflict): the flash carries its message.
#[cfg(feature = "ssr")]
pub fn refuse_with(flash: FormFlash, err: crate::error::AppError) -> crate::error::AppError {
    let flash = if matches!(err, crate::error::AppError::Validation { .. }) {
        flash
    } else {
        let field = flash.field.clone();
        flash.error(err.message_key(), field.as_deref())
    };
    if crate::auth::is_plain_form_post() {
        crate::auth::set_app_cookie(FLASH_COOKIE, &flash.encode(), 60);
        err
    } else {
        err.respond()
    }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn a_flash_survives_its_cookie_encoding() {
        let flash = FormFlash::new("sign_in").value("email", "ana@gob.example; ñ=1").error(K::ErrorSignInFailed, None);
        let encoded = flash.encode();
        assert!(encoded.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{encoded}");
        assert_eq!(FormFlash::decode(&encoded), Some(flash.clone()));
        assert_eq!(flash.get("email"), "ana@gob.example; ñ=1");
        assert_eq!(flash.error_key(), K::ErrorSignInFailed);
        assert_eq!(FormFlash::decode("not base64!"), None);
        assert_eq!(FormFlash::decode("bm90IGpzb24"), None, "base64 of something that is not a flash");
    }
}
