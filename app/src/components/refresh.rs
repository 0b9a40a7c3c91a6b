//! In the browser: loading the current page again in the background, to put what changed in
//! place ([`replace_regions`]) or to tell whether it changed ([`version_moved_on`]). The page
//! comes from the server as any visit would (the same session, the same language), so what is
//! shown is what a reload would show.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DomParser, SupportedType};

async fn fetch_page() -> Option<web_sys::Document> {
    let href = window().location().href().ok()?;
    let (status, text) = crate::api::browser::fetch_text(&href, "text/html", None).await.ok()?;
    if !(200..300).contains(&status) {
        return None;
    }
    DomParser::new().ok()?.parse_from_string(&text, SupportedType::TextHtml).ok()
}

/// Loads the page again and replaces the content of each element whose id is in `ids` with the
/// new page's; `false` when the page could not be loaded.
pub async fn replace_regions(ids: &[String]) -> bool {
    let Some(fresh) = fetch_page().await else { return false };
    for id in ids {
        if let (Some(now), Some(new)) = (document().get_element_by_id(id), fresh.get_element_by_id(id)) {
            now.set_inner_html(&new.inner_html());
        }
    }
    true
}

/// Whether the page's `#page-version` marker moved on since this copy was served (a page
/// without one, or one that cannot be loaded, counts as changed).
pub async fn version_moved_on() -> bool {
    let version = |doc: &web_sys::Document| {
        doc.get_element_by_id("page-version")
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            .and_then(|e| e.get_attribute("data-version"))
    };
    let shown = version(&document());
    match fetch_page().await {
        Some(fresh) => shown.is_none() || version(&fresh) != shown,
        None => true,
    }
}
