//! Reusable UI pieces: the app shell's header, footer, language switcher and skip link, the
//! form error summary, and accessors for the visitor's language and identity.

mod chart;
mod data_table;
mod footer;
mod header;
mod language_switcher;
mod live;
mod live_islands;
mod presence;
#[cfg(feature = "hydrate")]
mod refresh;
mod stage_badge;
mod unread;

pub use crate::markup::{textarea_markup, title_markup};
pub use chart::{bar_chart, Bar, Chart, PALETTE};
pub use data_table::data_table;
pub use footer::SiteFooter;
pub use header::{SiteHeader, SkipLink};
pub use language_switcher::{LanguageSwitcher, LANGUAGE_PATH};
pub use live::{backoff_ms, use_live, Heard, LiveState, LiveStatus, Seen};
pub use live_islands::{LiveNotice, LiveRefresh, LiveWords, PresenceWords, RefreshWords};
pub use presence::{PresenceLine, Presences};
#[cfg(feature = "hydrate")]
pub use refresh::replace_regions;
pub use stage_badge::{request_badge, stage_badge};
#[cfg(feature = "hydrate")]
pub use unread::recount as recount_unread;

use crate::domain::policy::StaffRole;
use crate::forms::FormFlash;
use crate::i18n::K;
use crate::model::UserSummary;
use leptos::prelude::*;

pub use crate::i18n::use_locale;

/// The signed-in person, as provided at the app's root.
#[derive(Clone, Debug, Default)]
pub struct Me(pub Option<UserSummary>);

/// The signed-in person, if any.
pub fn use_me() -> Option<UserSummary> {
    use_context::<Me>().and_then(|m| m.0)
}

/// Resolves the signed-in person once per page load: on the server from the request's
/// session, then carried into the hydrated page unchanged.
pub fn provide_me() {
    let me = SharedValue::new(|| {
        #[cfg(feature = "ssr")]
        {
            crate::auth::current_session().user.map(|u| UserSummary {
                needs_two_factor: u.staff_role.is_some() && !u.two_factor,
                user_id: u.user_id,
                name: u.name,
                email: u.email,
                staff_role: u.staff_role,
            })
        }
        #[cfg(not(feature = "ssr"))]
        {
            None
        }
    })
    .into_inner();
    provide_context(Me(me));
}

/// The catalogue key naming a staff role.
pub fn role_label(role: StaffRole) -> K {
    role.label()
}

/// The message of a refused form, announced to screen readers, linking to the field in error.
#[component]
pub fn FormErrorSummary(flash: Option<FormFlash>) -> impl IntoView {
    let l = use_locale();
    flash.map(|f| {
        let message = l.t(f.error_key());
        view! {
            <div class="error-summary" id="form-error" role="alert" tabindex="-1">
                <h2>{l.t(K::ErrorSummaryTitle)}</h2>
                {match f.field {
                    Some(field) => view! { <p><a href=format!("#{field}")>{message}</a></p> }.into_any(),
                    None => view! { <p>{message}</p> }.into_any(),
                }}
            </div>
        }
    })
}

/// Tells a staff member without two-factor authentication why their staff role is not active.
#[component]
pub fn TwoFactorBanner() -> impl IntoView {
    let l = use_locale();
    use_me().filter(|m| m.needs_two_factor).map(|_| {
        view! {
            <div class="banner" role="status">
                <div class="container">
                    {l.t(K::TwofaRequired)}" "
                    <a href="/account/two-factor">{l.t(K::TwofaBegin)}</a>
                </div>
            </div>
        }
    })
}
