//! `AppError`: the one error type that crosses the wire between server functions and the UI.
//! It carries no internals (no SQL, no paths): the server logs those once and sends `Internal`.

use crate::i18n::{Locale, K};
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// The id of the request being served (made by the server's middleware; shown on error pages
/// so a person can quote it and an operator find the request's log lines).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RequestId(pub String);

/// Everything a server function can fail with, as the browser sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    /// The resource does not exist, or the caller may not know that it exists.
    #[error("not found")]
    NotFound,
    /// The caller must sign in first.
    #[error("unauthenticated")]
    Unauthenticated,
    /// The caller is known but not allowed.
    #[error("forbidden")]
    Forbidden,
    /// An input was refused; `key` names the translated message (a catalogue key).
    #[error("invalid value for {field}: {key}")]
    Validation { field: String, key: String },
    /// The request could not be read (arguments missing, of the wrong type, or a body the
    /// endpoint does not take).
    #[error("bad request")]
    BadRequest,
    /// A concurrent change won; the caller should reload.
    #[error("conflict")]
    Conflict,
    /// Too many requests; retry after the given number of seconds.
    #[error("rate limited, retry after {retry_after_secs}s")]
    RateLimited { retry_after_secs: u64 },
    /// A service the request needs (the file store) did not answer; nothing was kept and the
    /// caller may try again.
    #[error("unavailable")]
    Unavailable,
    /// Anything else. Details are in the server log, never in the response.
    #[error("internal error")]
    Internal,
    /// The request never reached the function or its answer never arrived (network, decoding).
    #[error("transport error: {0}")]
    Transport(String),
}

impl AppError {
    /// A validation error for `field` with the message `key`.
    pub fn invalid(field: impl Into<String>, key: K) -> Self {
        AppError::Validation { field: field.into(), key: key.name().to_string() }
    }

    /// The HTTP status this error maps to.
    pub fn status(&self) -> u16 {
        match self {
            AppError::NotFound => 404,
            AppError::Unauthenticated => 401,
            AppError::Forbidden => 403,
            AppError::Validation { .. } => 422,
            AppError::BadRequest => 400,
            AppError::Conflict => 409,
            AppError::RateLimited { .. } => 429,
            AppError::Unavailable => 503,
            AppError::Internal => 500,
            AppError::Transport(_) => 503,
        }
    }

    /// The catalogue key of the message shown to the user.
    pub fn message_key(&self) -> K {
        match self {
            AppError::NotFound => K::ErrorNotFound,
            AppError::Unauthenticated => K::ErrorUnauthenticated,
            AppError::Forbidden => K::ErrorForbidden,
            AppError::Validation { key, .. } => {
                // (in the browser a page's table may name only some keys: an empty key matches none)
                K::ALL.iter().copied().find(|k| !key.is_empty() && k.name() == key).unwrap_or(K::ErrorValidation)
            }
            AppError::BadRequest => K::ErrorBadRequest,
            AppError::Conflict => K::ErrorConflict,
            AppError::RateLimited { .. } => K::ErrorRateLimited,
            AppError::Unavailable => K::ErrorUnavailable,
            AppError::Internal | AppError::Transport(_) => K::ErrorInternal,
        }
    }

    /// The translated message for the user.
    pub fn message(&self, locale: Locale) -> &'static str {
        locale.t(self.message_key())
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::ServerError(_) | ServerFnErrorErr::MiddlewareError(_) => AppError::Internal,
            // on the server these mean the request's arguments could not be read (a missing
            // field, a wrong type, a body that is not what the endpoint takes): the caller's
            // mistake, answered 400 with a translated message and never the parser's text
            #[cfg(feature = "ssr")]
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) | ServerFnErrorErr::Deserialization(_) => {
                tracing::debug!(error = %value, "unreadable server function arguments");
                AppError::BadRequest.respond()
            }
            other => AppError::Transport(other.to_string()),
        }
    }
}

/// Whether the database did not answer (restarting, unreachable) or cut the session off
/// (SQLSTATE 57P01-03: shut down by its operator; class 08: the connection failed). The caller
/// was told nothing was done, and a retry (with the same idempotency key) is safe.
#[cfg(feature = "ssr")]
fn database_unreachable(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => true,
        sqlx::Error::Database(db) => db.code().is_some_and(|c| c.starts_with("57P") || c.starts_with("08")),
        _ => false,
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => AppError::NotFound,
            _ if database_unreachable(&err) => {
                tracing::warn!(error = %err, "the database does not answer");
                AppError::Unavailable.respond()
            }
            sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Conflict,
            // text the database cannot hold (PostgreSQL refuses a NUL character): the input is bad
            sqlx::Error::Database(db) if db.code().as_deref() == Some("22021") => {
                tracing::debug!(error = %err, "text the database cannot store");
                AppError::BadRequest.respond()
            }
            _ => {
                tracing::error!(error = %err, "database error");
                AppError::Internal
            }
        }
    }
}

#[cfg(feature = "ssr")]
impl AppError {
    /// Sets the HTTP status of the current server-function response to match this error, and
    /// returns the error so it can be used as `Err(e.respond())`.
    pub fn respond(self) -> Self {
        if let Some(opts) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
            if let Ok(code) = http::StatusCode::from_u16(self.status()) {
                opts.set_status(code);
            }
        }
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_maps_to_a_status_and_a_translated_message() {
        let all = [
            AppError::NotFound,
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::invalid("name", K::ErrorTooLong),
            AppError::BadRequest,
            AppError::Conflict,
            AppError::RateLimited { retry_after_secs: 3 },
            AppError::Internal,
            AppError::Transport("offline".into()),
        ];
        for e in &all {
            assert!((400..600).contains(&e.status()));
            for l in Locale::ALL {
                assert!(!e.message(l).is_empty());
            }
        }
        assert_eq!(AppError::invalid("name", K::ErrorTooLong).message(Locale::En), "This answer is too long.");
    }

    #[test]
    fn an_unknown_validation_key_falls_back_to_the_generic_message() {
        let e = AppError::Validation { field: "x".into(), key: "nope".into() };
        assert_eq!(e.message_key(), K::ErrorValidation);
    }

    #[test]
    fn errors_round_trip_through_the_wire_encoding() {
        let e = AppError::invalid("country", K::ErrorUnknownOption);
        let bytes = e.ser();
        assert_eq!(AppError::de(bytes), e);
    }
}
