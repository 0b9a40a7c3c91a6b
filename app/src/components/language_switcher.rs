//! Language switcher: a plain form posting to `/language`, which sets the remembering cookie
//! and sends the visitor back to the same page. Works identically with and without WASM.

use super::use_locale;
use crate::i18n::{Locale, K};
use leptos::prelude::*;
use leptos_router::hooks::use_location;

/// The form path that stores the language choice.
pub const LANGUAGE_PATH: &str = "/language";

/// One button per interface language; the current one is marked.
#[component]
pub fn LanguageSwitcher() -> impl IntoView {
    let current = use_locale();
    let location = use_location();
    let next = move || {
        let search = location.search.get();
        if search.is_empty() {
            location.pathname.get()
        } else {
            format!("{}?{}", location.pathname.get(), search)
        }
    };
    view! {
        <form class="lang-switch" method="post" action=LANGUAGE_PATH>
            <input type="hidden" name="next" value=next/>
            <div class="lang-options" role="group" aria-label=current.t(K::LangLabel)>
                {Locale::ALL
                    .into_iter()
                    .map(|locale| {
                        let is_current = locale == current;
                        view! {
                            <button
                                type="submit"
                                name="lang"
                                value=locale.code()
                                lang=locale.code()
                                class="lang-option"
                                aria-current=is_current.then_some("true")
                            >
                                {locale.endonym()}
                            </button>
                        }
                    })
                    .collect_view()}
            </div>
        </form>
    }
}
