//! The 404 page (router fallback); sets the HTTP status when rendered on the server.

use crate::components::use_locale;
use crate::i18n::K;
use leptos::prelude::*;
use leptos_meta::Title;

/// Shown for any path no route matches.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
    let l = use_locale();
    view! {
        <Title text=l.t(K::NotfoundTitle)/>
        <div class="container narrow page">
            <h1>{l.t(K::NotfoundTitle)}</h1>
            <p class="lead">{l.t(K::NotfoundBody)}</p>
            <p><a class="button button-primary" href="/">{l.t(K::NotfoundHome)}</a></p>
            {super::reference(l)}
        </div>
    }
}
