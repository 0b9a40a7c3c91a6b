//! `/introductions/{id}`: an introduction as a provider it names sees it (the request as far as
//! the government shares it, the note on why, the other parties), with the form to accept or
//! decline; the steering committee's approval when it waits for one.

use crate::api::introductions::introduction_detail;
use crate::components::{use_locale, FormErrorSummary};
use crate::domain::casework::SHORT_MAX;
use crate::domain::introductions::IntroStatus;
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::IntroductionPage as Intro;
use crate::pages::cases::introductions::{party_list, status_badge};
use crate::pages::use_flash;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

/// `/introductions/{id}`.
#[component]
pub fn IntroductionPage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let data = Resource::new(
        {
            let id = id.clone();
            move || id.clone()
        },
        introduction_detail,
    );
    view! {
        <div class="container page narrow">
            {crate::pages::loaded(l, data, format!("/introductions/{id}"), move |i| page(l, i))}
        </div>
    }
}

fn page(l: Locale, i: Intro) -> AnyView {
    let flash = use_flash("intro_answer");
    let approve_flash = use_flash("intro_approve");
    let country = crate::domain::countries::Country::by_code(&i.country).map(|c| c.name(l)).unwrap_or("");
    let who = match &i.government {
        Some(g) => l.tf(K::IntroFor, &[("government", g), ("country", country)]),
        None => l.tf(K::IntroForCountry, &[("country", country)]),
    };
    let scope = i.scope.clone().map(|s| crate::pages::cases::scope_summary_for(l, &s));
    let answer = (!i.answer_for.is_empty()).then(|| {
        let first = i.answer_for[0].id.clone();
        view! {
            <section class="card" id="answer" aria-labelledby="answer-title">
                <h2 id="answer-title">{l.t(K::IntroAnswerTitle)}</h2>
                {i.respond_by.map(|by| view! { <p>{l.tf(K::IntroRespondBy, &[("date", &format_utc(by))])}</p> })}
                <form method="post" action={crate::forms::action::<crate::api::introductions::AnswerIntroduction>()} class="form">
                    <FormErrorSummary flash=flash.clone()/>
                    <input type="hidden" name="id" value=i.id.clone()/>
                    {if i.answer_for.len() == 1 {
                        view! { <input type="hidden" name="organisation" value=first/> }.into_any()
                    } else {
                        view! {
                            <div class="field">
                                <label for="organisation">{l.t(K::IntroAnswerFor)}</label>
                                <select id="organisation" name="organisation">
                                    {i.answer_for.iter().map(|o| view! { <option value=o.id.clone()>{o.name.clone()}</option> }).collect_view()}
                                </select>
                            </div>
                        }.into_any()
                    }}
                    <div class="field">
                        <label for="reason">{l.t(K::IntroReasonLabel)}</label>
                        <p class="hint" id="reason-hint">{l.t(K::IntroReasonHint)}</p>
                        <input id="reason" name="reason" type="text" maxlength=SHORT_MAX.to_string() aria-describedby="reason-hint"/>
                    </div>
                    <div class="actions">
                        <button type="submit" name="answer" value="accepted" class="button button-primary">{l.t(K::IntroAccept)}</button>
                        <button type="submit" name="answer" value="declined" class="button button-secondary">{l.t(K::IntroDecline)}</button>
                    </div>
                </form>
            </section>
        }
    });
    let approve = i.can_approve.then(|| view! {
        <form method="post" action={crate::forms::action::<crate::api::introductions::ApproveIntroduction>()} class="form">
            <FormErrorSummary flash=approve_flash.clone()/>
            <input type="hidden" name="id" value=i.id.clone()/>
            <p>{l.t(K::IntroApproveAsk)}</p>
            <button type="submit" class="button button-primary">{l.t(K::IntroApprove)}</button>
        </form>
    });
    view! {
        <Title text=l.t(K::IntroPageTitle)/>
        <p class="muted"><a href="/inbox">{l.t(K::InboxTitle)}</a></p>
        <h1>{l.t(K::IntroPageTitle)}</h1>
        <p class="lead">{who}</p>
        <p><strong>{l.t(i.kind.label())}</strong>" "{status_badge(l, i.status)}</p>
        {i.thread_id.clone().map(|t| view! {
            <p><a class="button button-primary" href=format!("/threads/{t}")>{l.t(K::IntroThreadOpen)}</a></p>
        })}
        {(i.status == IntroStatus::Lapsed).then(|| view! { <p class="notice">{l.t(K::IntroLapsedNote)}</p> })}
        {approve}
        <section class="card" aria-labelledby="why-title">
            <h2 id="why-title">{l.t(K::IntroWhyTitle)}</h2>
            <p class="prose">{i.note.clone()}</p>
            <h3>{l.t(K::IntroPartiesTitle)}</h3>
            {party_list(l, &i.parties)}
        </section>
        <section class="card" aria-labelledby="need-title">
            <h2 id="need-title">{l.t(K::IntroNeedTitle)}</h2>
            {match scope {
                Some(s) => s,
                None => view! { <p class="muted">{l.t(K::IntroScopeNotShared)}</p> }.into_any(),
            }}
        </section>
        {answer}
    }
    .into_any()
}
