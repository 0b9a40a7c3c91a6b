//! `/open-data`: every published file behind its stable address, what each holds, its columns
//! and their meaning (the same list the ZIP's README is written from), the small-count rule and
//! the licence. Static: nothing to load, readable without script.

use crate::components::use_locale;
use crate::domain::open_data::{Dataset, Format, LICENCE_NAME, LICENCE_URL, SUPPRESS_BELOW, ZIP_PATH};
use crate::i18n::{Locale, K};
use leptos::prelude::*;
use leptos_meta::{Meta, Title};

/// `/open-data`.
#[component]
pub fn OpenDataPage() -> impl IntoView {
    let l = use_locale();
    view! {
        <Title text=l.t(K::OpenDataTitle)/>
        <Meta name="description" content=l.t(K::OpenDataLead)/>
        <div class="container page narrow">
            <h1>{l.t(K::OpenDataTitle)}</h1>
            <p class="lead">{l.t(K::OpenDataLead)}</p>
            <p><a class="button button-primary" href=ZIP_PATH download="">{l.t(K::OpenDataDownloadZip)}</a></p>
            {Dataset::ALL.into_iter().map(|d| dataset(l, d)).collect_view().into_any()}
            {notes(l)}
        </div>
    }
}

/// The formats, the small-count rule and the licence.
fn notes(l: Locale) -> AnyView {
    view! {
            <section aria-labelledby="od-formats">
                <h2 id="od-formats">{l.t(K::OpenDataFormatsTitle)}</h2>
                <p>{l.t(K::OpenDataFormats)}</p>
            </section>
            <section aria-labelledby="od-suppression">
                <h2 id="od-suppression">{l.t(K::OpenDataSuppressionTitle)}</h2>
                <p>{l.tf(K::OpenDataSuppression, &[("n", &SUPPRESS_BELOW.to_string())])}</p>
            </section>
            <section aria-labelledby="od-licence">
                <h2 id="od-licence">{l.t(K::OpenDataLicenceTitle)}</h2>
                <p>{l.tf(K::OpenDataLicence, &[("licence", LICENCE_NAME), ("url", LICENCE_URL)])}</p>
                <p><a href=LICENCE_URL rel="license">{LICENCE_NAME}</a></p>
            </section>
    }
    .into_any()
}

fn dataset(l: Locale, d: Dataset) -> AnyView {
    let id = format!("od-{}", d.stem());
    let files = Format::ALL
        .into_iter()
        .map(|f| {
            let path = d.path(f);
            view! { <li><a href=path.clone() download="">{path.trim_start_matches("/open-data/").to_string()}</a></li> }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby=id.clone()>
            <h2 id=id.clone()>{l.t(d.title())}</h2>
            <p>{l.t(d.about())}</p>
            <ul class="file-links" aria-label=l.t(K::OpenDataFiles)>{files}</ul>
            <details>
                <summary>{l.t(K::OpenDataColumns)}</summary>
                <table>
                    <thead><tr><th scope="col">{l.t(K::OpenDataColumn)}</th><th scope="col">{l.t(K::OpenDataMeaning)}</th></tr></thead>
                    <tbody>
                        {d.columns().iter().map(|c| view! { <tr><th scope="row"><code>{c.name}</code></th><td>{l.t(c.meaning)}</td></tr> }).collect_view()}
                    </tbody>
                </table>
            </details>
        </section>
    }
    .into_any()
}
