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

use crate::error::AppError;
use leptos::server_fn::ServerFn;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// How a server function reads its arguments (its `input =` encoding).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// `GetUrl`: a query string on a GET.
    Query,
    /// `PostUrl` (the default): a form-encoded POST body.
    Form,
    /// `Json`: a JSON POST body.
    Json,
}

fn transport(e: impl std::fmt::Debug) -> AppError {
    AppError::Transport(format!("{e:?}"))
}

/// The arguments as `a=1&b=x`: a flat struct of strings, numbers and booleans.
fn url_encoded(args: &impl Serialize) -> Result<String, AppError> {
    use serde_json::Value;
    let Value::Object(fields) = serde_json::to_value(args).map_err(transport)? else {
        return Err(AppError::BadRequest);
    };
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (name, value) in fields {
        match value {
            Value::String(s) => out.append_pair(&name, &s),
            Value::Number(n) => out.append_pair(&name, &n.to_string()),
            Value::Bool(b) => out.append_pair(&name, if b { "true" } else { "false" }),
            Value::Null => &mut out,
            _ => return Err(AppError::BadRequest),
        };
    }
    Ok(out.finish())
}

/// Sends `url` (with `gloo-net`) and reads the answer's status and text; `Err` is the network
/// failing.
pub async fn fetch_text(
    url: &str,
    method: &str,
    accept: &str,
    body: Option<(&str, String)>,
) -> Result<(u16, String), AppError> {
    use gloo_net::http::{Method, RequestBuilder};
    let method = if method == "POST" { Method::POST } else { Method::GET };
    let builder = RequestBuilder::new(url).method(method).header("Accept", accept);
    let request = match body {
        Some((content_type, body)) => builder.header("Content-Type", content_type).body(body),
        None => builder.build(),
    }
    .map_err(transport)?;
    let response = request.send().await.map_err(transport)?;
    let text = response.text().await.map_err(transport)?;
    Ok((response.status(), text))
}

/// Calls server function `S` with `args` and reads its answer.
pub async fn call<S, T>(args: &S, input: Input) -> Result<T, AppError>
where
    S: ServerFn + Serialize,
    T: DeserializeOwned,
{
    let path = S::PATH;
    let (status, text) = match input {
        Input::Query => {
            let query = url_encoded(args)?;
            fetch_text(&format!("{path}?{query}"), "GET", "application/json", None).await?
        }
        Input::Form => {
            let body = url_encoded(args)?;
            fetch_text(path, "POST", "application/json", Some(("application/x-www-form-urlencoded", body))).await?
        }
        Input::Json => {
            let body = serde_json::to_string(args).map_err(transport)?;
            fetch_text(path, "POST", "application/json", Some(("application/json", body))).await?
        }
    };
    if (200..300).contains(&status) {
        serde_json::from_str(&text).map_err(transport)
    } else {
        // the server's refusal; anything else (a proxy's error page) is the way there failing
        Err(serde_json::from_str::<AppError>(&text).unwrap_or_else(|_| AppError::Transport(format!("HTTP {status}"))))
    }
}
