//! The browser entry point: hydrates the server-rendered page. The interface language is read
//! from `<html lang>`, which the server set from the cookie or `Accept-Language`.

#![recursion_limit = "256"]

use app::i18n::Locale;
use app::App;
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
    // values administrators added to the vocabularies: registered before anything renders, so
    // the browser offers and labels them as the server did
    app::register_page_vocabulary();
    // lazy: the routes' code is split into chunks loaded before their part of the page hydrates
    leptos::mount::hydrate_lazy(move || {
        provide_context(locale);
        view! { <App/> }
    });
}
