//! The two places where the renderer writes text into the page without escaping it, and the
//! escaping every user-derived string needs there:
//!
//! - leptos_meta writes the `<title>` into the server-rendered `<head>` as it is given (the
//!   browser's `document.title` is plain text, so only the server must escape). Every page's
//!   title goes through the one formatter in `app.rs`, which calls [`title_markup`].
//! - tachys writes a `<textarea>`'s children raw. A textarea's value is therefore always given
//!   as `inner_html=textarea_markup(value)`, never as a child: the browser decodes the entities
//!   back to the exact text, on the server-rendered page and when the page is built in the
//!   browser alike.
//!
//! `end2end/tests/payloads.spec.ts` and the integration test `payloads.rs` write markup into
//! every user-writable field and prove it comes back as text.

/// A page title as the server writes it into `<title>`: escaped on the server, as is in the
/// browser (where it is set as text).
pub fn title_markup(text: String) -> String {
    #[cfg(feature = "ssr")]
    {
        html_escape::encode_text(&text).into_owned()
    }
    #[cfg(not(feature = "ssr"))]
    {
        text
    }
}

/// The markup that shows `text`, exactly, as the content of a `<textarea>`.
pub fn textarea_markup(text: &str) -> String {
    html_escape::encode_text(text).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_a_title_or_a_textarea_stays_text() {
        let payload = r#"</title></textarea><meta http-equiv="refresh" content="0;url=https://evil.example">&amp;"#;
        for out in [title_markup(payload.to_string()), textarea_markup(payload)] {
            assert!(!out.contains('<'), "{out}");
            assert!(out.contains("&lt;/textarea&gt;"), "{out}");
            assert!(out.contains("&amp;amp;"), "an entity typed as text stays text: {out}");
        }
    }
}
