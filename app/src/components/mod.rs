//! Reusable UI pieces: the app shell's header, footer, language switcher and skip link.

mod footer;
mod header;
mod language_switcher;

pub use footer::SiteFooter;
pub use header::{SiteHeader, SkipLink};
pub use language_switcher::{LanguageSwitcher, LANGUAGE_PATH};

use crate::i18n::Locale;
use leptos::prelude::*;

/// The visitor's interface language: provided by the server from the cookie or
/// `Accept-Language`, and by the browser from `<html lang>` when hydrating.
pub fn use_locale() -> Locale {
    use_context::<Locale>().unwrap_or_default()
}
