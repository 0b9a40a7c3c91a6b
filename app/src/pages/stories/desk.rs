//! `/cases/{id}/story`: a successful case's story as its parties and Case Manager work on it: the
//! text, where each party's consent stands, the forms to approve or withdraw, and the Case
//! Manager's form to write it. Plain forms.

use crate::api::stories::story_desk;
use crate::components::{use_locale, FormErrorSummary};
use crate::domain::agreements::PartyRole;
use crate::domain::stories::{BODY_MAX, SUMMARY_MAX, TITLE_MAX};
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::StoryDesk;
use crate::pages::use_flash;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/cases/{id}/story`.
#[component]
pub fn StoryDeskPage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let data = Resource::new(
        {
            let id = id.clone();
            move || id.clone()
        },
        story_desk,
    );
    view! {
        <div class="container page narrow">
            {crate::pages::loaded(l, data, format!("/cases/{id}/story"), move |d| page(l, d))}
        </div>
    }
}

fn role_of(l: Locale, key: &str) -> &'static str {
    PartyRole::from_key(key.split(':').next().unwrap_or_default()).map(|r| l.t(r.label())).unwrap_or("")
}

fn consent_forms(l: Locale, d: &StoryDesk) -> AnyView {
    let flash = use_flash("story_consent");
    let form = |key: String, withdraw: bool| {
        let label = if withdraw {
            l.tf(K::StoryWithdrawAs, &[("role", role_of(l, &key))])
        } else {
            l.tf(K::StoryApproveAs, &[("role", role_of(l, &key))])
        };
        view! {
            <form method="post" action={crate::forms::action::<crate::api::stories::ConsentStory>()} class="form inline-form">
                <input type="hidden" name="id" value=d.case_id.clone()/>
                <input type="hidden" name="sha256" value=d.sha256.clone()/>
                <input type="hidden" name="party" value=key/>
                <input type="hidden" name="withdraw" value=if withdraw { "1" } else { "0" }/>
                <button type="submit" class=if withdraw { "button button-secondary" } else { "button button-primary" }>{label}</button>
            </form>
        }
    };
    view! {
        <section class="card" id="consent" aria-labelledby="consent-title">
            <h2 id="consent-title">{l.t(K::StoryConsentTitle)}</h2>
            <FormErrorSummary flash=flash.clone()/>
            <ul class="parties">
                {d.parties.iter().map(|p| {
                    let state = if p.approved { K::StoryApproved } else if p.withdrawn { K::StoryWithdrawn } else { K::StoryAwaiting };
                    view! { <li><strong>{p.name.clone()}</strong>" ("{l.t(p.role.label())}") · "{l.t(state)}</li> }
                }).collect_view()}
            </ul>
            {(!d.approve_as.is_empty()).then(|| view! { <p>{l.t(K::StoryApproveExplain)}</p> })}
            {d.approve_as.iter().cloned().map(|k| form(k, false)).collect_view()}
            {d.withdraw_as.iter().cloned().map(|k| form(k, true)).collect_view()}
        </section>
    }
    .into_any()
}

fn write_form(l: Locale, d: &StoryDesk) -> AnyView {
    let flash = use_flash("story_write");
    view! {
        <section class="card" id="write" aria-labelledby="write-title">
            <h2 id="write-title">{l.t(if d.story_id.is_some() { K::StoryEditTitle } else { K::StoryDraftTitle })}</h2>
            <p class="muted">{l.t(K::StoryWriteExplain)}</p>
            <form method="post" action={crate::forms::action::<crate::api::stories::WriteStory>()} class="form">
                <FormErrorSummary flash=flash.clone()/>
                <input type="hidden" name="id" value=d.case_id.clone()/>
                <div class="field">
                    <label for="story-title">{l.t(K::StoryTitleLabel)}</label>
                    <input id="story-title" name="title" type="text" required maxlength=TITLE_MAX.to_string() value=d.text.title.clone()/>
                </div>
                <div class="field">
                    <label for="story-summary">{l.t(K::StorySummaryLabel)}</label>
                    <p class="hint" id="story-summary-hint">{l.t(K::StorySummaryHint)}</p>
                    <textarea id="story-summary" name="summary" rows="2" required maxlength=SUMMARY_MAX.to_string() aria-describedby="story-summary-hint"
                        inner_html=crate::markup::textarea_markup(&d.text.summary)></textarea>
                </div>
                <div class="field">
                    <label for="story-body">{l.t(K::StoryBodyLabel)}</label>
                    <textarea id="story-body" name="body" rows="10" required maxlength=BODY_MAX.to_string()
                        inner_html=crate::markup::textarea_markup(&d.text.body)></textarea>
                </div>
                <button type="submit" class="button button-primary">{l.t(K::StorySave)}</button>
            </form>
        </section>
    }
    .into_any()
}

fn page(l: Locale, d: StoryDesk) -> AnyView {
    let title = l.t(K::StoryDeskTitle);
    let status = match (&d.story_id, d.published_at) {
        (Some(id), Some(at)) => view! {
            <p class="status status-submitted">{l.tf(K::StoryPublishedOn, &[("date", &format_utc(at))])}" "
                <a href=format!("/stories/{id}")>{l.t(K::StoryPublicLink)}</a></p>
        }
        .into_any(),
        (Some(_), None) => view! { <p class="status">{l.t(K::StoryNotPublished)}</p> }.into_any(),
        (None, _) if d.eligible => view! { <p class="muted">{l.t(K::StoryNoneYet)}</p> }.into_any(),
        (None, _) => view! { <p class="muted">{l.t(K::StoryNotEligible)}</p> }.into_any(),
    };
    view! {
        <Title text=title/>
        <p class="muted"><a href=format!("/cases/{}", d.case_id)>{d.government.clone()}</a></p>
        <h1>{title}</h1>
        {status}
        {d.story_id.is_some().then(|| view! {
            <article class="card story" aria-labelledby="story-text-title">
                <h2 id="story-text-title">{d.text.title.clone()}</h2>
                <p class="lead">{d.text.summary.clone()}</p>
                <p class="prose">{d.text.body.clone()}</p>
            </article>
        })}
        {d.story_id.is_some().then(|| consent_forms(l, &d))}
        {d.can_write.then(|| write_form(l, &d))}
    }
    .into_any()
}
