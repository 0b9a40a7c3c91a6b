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
//! - A message's Markdown becomes HTML on the server ([`message_html`]): parsed by a real
//!   Markdown parser, then cleaned by an HTML sanitiser that keeps only text formatting and
//!   links (`http`, `https`, `mailto`, opened with `rel="noopener noreferrer nofollow"`), so what
//!   the page writes with `inner_html` can carry no script, style, frame or handler.
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

/// A message's Markdown as safe HTML (see the module's notes).
#[cfg(feature = "ssr")]
pub fn message_html(markdown: &str) -> String {
    use pulldown_cmark::{html, Options, Parser};
    let mut raw = String::with_capacity(markdown.len() * 3 / 2);
    let options = Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES;
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    let tags = [
        "a",
        "p",
        "br",
        "strong",
        "em",
        "del",
        "code",
        "pre",
        "blockquote",
        "ul",
        "ol",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "hr",
        "table",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
    ];
    ammonia::Builder::default()
        .tags(tags.into_iter().collect())
        .generic_attributes(std::collections::HashSet::new())
        .tag_attributes(std::iter::once(("a", std::iter::once("href").collect())).collect())
        .url_schemes(["http", "https", "mailto"].into_iter().collect())
        .link_rel(Some("noopener noreferrer nofollow"))
        .clean(&raw)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(feature = "ssr")]
    #[test]
    fn markdown_keeps_its_formatting_and_loses_any_script() {
        let html = message_html("**Hello** [site](https://ogp.example) and `code`");
        assert!(html.contains("<strong>Hello</strong>"), "{html}");
        assert!(
            html.contains(r#"<a href="https://ogp.example" rel="noopener noreferrer nofollow">site</a>"#),
            "{html}"
        );
        for attack in [
            "<script>alert(1)</script>",
            "<img src=x onerror=alert(1)>",
            "[x](javascript:alert(1))",
            "<a href=\"javascript:alert(1)\">x</a>",
            "<iframe src=https://evil.example></iframe>",
            "<p style=\"background:url(x)\" onclick=\"alert(1)\">x</p>",
            "[x](data:text/html;base64,PHNjcmlwdD4=)",
        ] {
            let html = message_html(attack).to_lowercase();
            for bad in ["<script", "onerror", "javascript:", "<iframe", "onclick", "style=", "data:", "<img"] {
                assert!(!html.contains(bad), "{attack} → {html}");
            }
        }
    }

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
