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
                <nav aria-label=l.t(K::FooterNav)>
                    <ul class="file-links">
                        <li><a href="/directory">{l.t(K::DirectoryTitle)}</a></li>
                        <li><a href="/numbers">{l.t(K::NumbersTitle)}</a></li>
                        <li><a href="/stories">{l.t(K::StoriesTitle)}</a></li>
                        <li><a href="/open-data">{l.t(K::OpenDataTitle)}</a></li>
                        <li><a href="/news">{l.t(K::NewsTitle)}</a></li>
                        <li><a href="/contact">{l.t(K::ContactTitle)}</a></li>
                    </ul>
                </nav>
            </div>
        </footer>
    }
}
