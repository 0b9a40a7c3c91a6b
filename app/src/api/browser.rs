//! In the browser only: the server-function calls islands make, sent with the browser's own
//! `fetch` (through `gloo-net`) rather than the server-function client. That client (its
//! codecs, request builder and error decoding) then never reaches the WASM: every page's first
//! visit is lighter (issue 19, BENCHMARKS.md).
//!
//! The wire format is the server functions' own, so the server cannot tell the difference:
//! the path is their `PATH`, the arguments are their argument struct (as a query string for
//! `GetUrl`, a form body for the default `PostUrl`, JSON for `Json`), the answer is their
//! `Json` output, and a refusal is their `AppError` as JSON. `Accept: application/json` tells
//! the server this is not a plain form post (so it answers rather than redirects).
//!
//! Each argument struct an island sends says how it is written (`api::wire::Args`), by hand,
//! without serde's serializer. Answers are still read with `serde_json`, which the islands' props
//! need anyway.

use super::wire::{Args, Input};
use crate::error::AppError;
use serde::de::DeserializeOwned;

fn transport(e: impl std::fmt::Debug) -> AppError {
    AppError::Transport(format!("{e:?}"))
}

/// Sends `url` (with `gloo-net`): a POST of `body` (its content type and text) when there is
/// one, a GET otherwise; reads the answer's status and text. `Err` is the network failing.
pub async fn fetch_text(url: &str, accept: &str, body: Option<(&str, String)>) -> Result<(u16, String), AppError> {
    use gloo_net::http::{Method, RequestBuilder};
    let builder = RequestBuilder::new(url).header("Accept", accept);
    let request = match body {
        Some((content_type, body)) => builder.method(Method::POST).header("Content-Type", content_type).body(body),
        None => builder.build(),
    }
    .map_err(transport)?;
    let response = request.send().await.map_err(transport)?;
    let text = response.text().await.map_err(transport)?;
    Ok((response.status(), text))
}

/// Calls server function `S` with `args` and reads its answer.
pub async fn call<S, T>(args: &S) -> Result<T, AppError>
where
    S: Args,
    T: DeserializeOwned,
{
    let path = S::PATH;
    let encoded = args.encode();
    let (status, text) = match S::INPUT {
        Input::Query => fetch_text(&format!("{path}?{encoded}"), "application/json", None).await?,
        Input::Form => {
            fetch_text(path, "application/json", Some(("application/x-www-form-urlencoded", encoded))).await?
        }
        Input::Json => fetch_text(path, "application/json", Some(("application/json", encoded))).await?,
    };
    if (200..300).contains(&status) {
        serde_json::from_str(&text).map_err(transport)
    } else {
        // the server's refusal; anything else (a proxy's error page) is the way there failing
        Err(serde_json::from_str::<AppError>(&text).unwrap_or_else(|_| AppError::Transport(format!("HTTP {status}"))))
    }
}
