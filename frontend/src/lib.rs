//! The browser entry point: hydrates the server-rendered page. The interface language is read
//! from `<html lang>`, which the server set from the cookie or `Accept-Language`.

#![recursion_limit = "256"]

use app::i18n::Locale;
use leptos::prelude::*;

/// Called by the hydration script once the WASM is loaded.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    let locale = document()
        .document_element()
        .and_then(|html| html.get_attribute("lang"))
        .and_then(|code| Locale::from_code(&code))
        .unwrap_or_default();
    // islands: the server rendered the page; only its interactive parts come to life here, each
    // under this root, so they share the language
    leptos::mount::hydrate_islands();
    provide_context(locale);
    // the header's unread count, on a signed-in page
    app::components::recount_unread();
    // tells scripts and tests that the page's code is running (each island then says more)
    if let Some(body) = document().body() {
        let _ = body.set_attribute("data-hydrated", "");
    }
}
