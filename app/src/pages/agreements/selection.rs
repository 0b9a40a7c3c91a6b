//! `/cases/{id}/selection`: the providers who accepted an introduction, side by side (profile
//! essentials, how each matches the scope, its conversation, how quickly it answered), and the
//! government's choice among them. A plain multipart form: it works before the WASM loads.

use crate::api::agreements::selection_detail;
use crate::components::{use_locale, FormErrorSummary};
use crate::domain::countries::Country;
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::{CompareCard, SelectionPage as Page};
use crate::pages::use_flash;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/cases/{id}/selection`.
#[component]
pub fn SelectionPage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let data = Resource::new(
        {
            let id = id.clone();
            move || id.clone()
        },
        selection_detail,
    );
    view! {
        <div class="container page">
            {crate::pages::loaded(l, data, format!("/cases/{id}/selection"), move |p| page(l, p))}
        </div>
    }
}

/// How long an answer took, in words ("in 3 hours", "in 2 days").
pub(crate) fn answered_in(l: Locale, ms: i64) -> String {
    let hours = ms / 3_600_000;
    if hours < 48 {
        l.tf(K::SelectionAnsweredHours, &[("count", &hours.max(1).to_string())])
    } else {
        l.tf(K::SelectionAnsweredDays, &[("count", &(hours / 24).to_string())])
    }
}

fn profile_lines(l: Locale, c: &CompareCard) -> AnyView {
    let Some(p) = c.profile.clone() else {
        return view! { <p class="muted">{l.t(K::SelectionNoProfile)}</p> }.into_any();
    };
    let areas = p
        .areas
        .iter()
        .map(|(a, d)| format!("{} ({})", a.label(l), d.label(l).split(':').next().unwrap_or("").trim().to_lowercase()))
        .collect::<Vec<_>>()
        .join(", ");
    let languages = p.languages.iter().map(|x| x.label(l)).collect::<Vec<_>>().join(", ");
    view! {
        <dl class="facts">
            <div><dt>{l.t(K::SelectionKind)}</dt><dd>{p.kind.label(l)}</dd></div>
            <div><dt>{l.t(K::SelectionAreas)}</dt><dd>{areas}</dd></div>
            <div><dt>{l.t(K::SelectionCost)}</dt><dd>{p.cost.map(|c| c.label(l)).unwrap_or("—")}</dd></div>
            <div><dt>{l.t(K::SelectionLanguages)}</dt><dd>{languages}</dd></div>
        </dl>
    }
    .into_any()
}

fn card(l: Locale, c: CompareCard, can_select: bool) -> AnyView {
    let country = Country::by_code(&c.country).map(|x| x.name(l)).unwrap_or("");
    let fid = format!("choose-{}", c.provider_id);
    let heading = format!("card-{}", c.provider_id);
    let matched = c.matched.clone().map(|m| {
        view! {
            <p>{l.tf(K::SelectionScore, &[("score", &m.score.to_string())])}</p>
            <ul class="factors">{m.factors.iter().filter(|f| f.max > 0).map(|f| crate::pages::cases::factor_line_for(l, f)).collect_view()}</ul>
        }
    });
    view! {
        <li class="card compare-card" aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{c.name.clone()}</h2>
            <p class="muted">{country}
                {c.selected.then(|| view! { " "<span class="badge badge-info">{l.t(K::SelectionChosen)}</span> })}
            </p>
            {profile_lines(l, &c)}
            <h3>{l.t(K::SelectionMatchTitle)}</h3>
            {matched}
            <h3>{l.t(K::SelectionDialogueTitle)}</h3>
            <p>
                {c.answered_in_ms.map(|ms| answered_in(l, ms))}
                " · "{l.tf(K::ThreadMessages, &[("count", &c.messages.to_string())])}
            </p>
            <ul class="previews">
                {c.latest.iter().map(|m| view! {
                    <li><span class="muted">{m.author.clone()}" · "{format_utc(m.at)}</span><br/>{m.text.clone()}</li>
                }).collect_view()}
            </ul>
            {c.thread_id.clone().map(|t| view! { <p><a href=format!("/threads/{t}")>{l.t(K::IntroThreadOpen)}</a></p> })}
            {can_select.then(|| view! {
                <div class="check">
                    <input type="checkbox" id=fid.clone() name="provider" value=c.provider_id.clone() checked=c.selected form="select-form"/>
                    <label for=fid>{l.tf(K::SelectionChoose, &[("name", &c.name)])}</label>
                </div>
            })}
        </li>
    }
    .into_any()
}

fn page(l: Locale, p: Page) -> AnyView {
    let flash = use_flash("selection");
    let title = l.t(K::SelectionTitle);
    let can_select = p.can_select && !p.cards.is_empty();
    let lead = if p.cards.is_empty() {
        l.t(K::SelectionEmpty)
    } else if p.can_select {
        l.t(K::SelectionLead)
    } else {
        l.t(K::SelectionLeadReadOnly)
    };
    view! {
        <Title text=title/>
        <p class="muted"><a href=format!("/cases/{}", p.case_id)>{p.government.clone()}</a></p>
        <h1>{title}</h1>
        <p class="lead">{lead}</p>
        <FormErrorSummary flash=flash.clone()/>
        <ul class="compare" id="providers">
            {p.cards.into_iter().map(|c| card(l, c, can_select)).collect_view()}
        </ul>
        {can_select.then(|| view! {
            <form id="select-form" method="post" enctype="multipart/form-data" action={crate::forms::action::<crate::api::agreements::SelectProviders>()} class="form">
                <input type="hidden" name="id" value=p.case_id.clone()/>
                <p>{l.t(K::SelectionExplain)}</p>
                <button type="submit" class="button button-primary">{l.t(K::SelectionSubmit)}</button>
            </form>
        })}
        {p.decided.then(|| view! {
            <p><a class="button button-secondary" href=format!("/cases/{}/agreement", p.case_id)>{l.t(K::AgreementOpen)}</a></p>
        })}
    }
    .into_any()
}
