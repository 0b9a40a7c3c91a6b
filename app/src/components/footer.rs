//! Site footer: what the mechanism is and who oversees it.

use super::use_locale;
use crate::i18n::K;
use leptos::prelude::*;

/// The footer shown on every page.
#[component]
pub fn SiteFooter() -> impl IntoView {
    let l = use_locale();
    view! {
        <footer class="site-footer">
            <div class="container">
                <p class="footer-name">{l.t(K::AppName)}</p>
                <p>{l.t(K::FooterAbout)}" "{l.t(K::FooterSteering)}</p>
            </div>
        </footer>
    }
}
