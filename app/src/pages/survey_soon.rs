//! `/survey/demand` and `/survey/supply` until the survey wizards land: what each survey will
//! ask and what a respondent can prepare. The routes are the bookmarked product URLs.

use crate::components::use_locale;
use crate::i18n::K;
use leptos::prelude::*;
use leptos_meta::Title;

/// Which survey a page is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SurveySide {
    /// Governments asking for help.
    Demand,
    /// Providers offering expertise.
    Supply,
}

/// Explains the coming survey.
#[component]
pub fn SurveySoon(side: SurveySide) -> impl IntoView {
    let l = use_locale();
    let (title, lead, body) = match side {
        SurveySide::Demand => (K::SoonDemandTitle, K::SoonDemandLead, K::SoonDemandBody),
        SurveySide::Supply => (K::SoonSupplyTitle, K::SoonSupplyLead, K::SoonSupplyBody),
    };
    view! {
        <Title text=l.t(title)/>
        <div class="container narrow page">
            <p class="badge">{l.t(K::SoonBadge)}</p>
            <h1>{l.t(title)}</h1>
            <p class="lead">{l.t(lead)}</p>
            <p>{l.t(body)}</p>
            <section class="card" aria-labelledby="prepare-title">
                <h2 id="prepare-title">{l.t(K::SoonPrepareTitle)}</h2>
                <ul class="checklist">
                    <li>{l.t(K::SoonPrepare1)}</li>
                    <li>{l.t(K::SoonPrepare2)}</li>
                    <li>{l.t(K::SoonPrepare3)}</li>
                </ul>
            </section>
            <p><a href="/">{l.t(K::SoonBack)}</a></p>
        </div>
    }
}
