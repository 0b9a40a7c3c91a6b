//! The pages e-mailed survey links open: `/survey/{kind}/resume?key=…` (continue answers
//! started elsewhere) and `/survey/invitation?t=…` (start the survey an outreach campaign
//! invited to). Following a link changes nothing: each page asks first, with a plain form.

use crate::components::use_locale;
use crate::components::use_me;
use crate::domain::survey::SurveyKind;
use crate::i18n::K;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/survey/{kind}/resume?key=…`.
#[component]
pub fn SurveyResumePage() -> impl IntoView {
    let l = use_locale();
    let kind = use_params_map().with_untracked(|p| p.get("kind")).as_deref().and_then(SurveyKind::from_key);
    let Some(kind) = kind else { return view! { <crate::pages::NotFound/> }.into_any() };
    let key = use_query_map().with_untracked(|q| q.get("key")).unwrap_or_default();
    let signed_in = use_me().is_some();
    view! {
        <Title text=l.t(K::ResumeTitle)/>
        <div class="container narrow page">
            <p class="muted">{l.t(kind.title())}</p>
            <h1>{l.t(K::ResumeTitle)}</h1>
            <p class="lead">{l.t(K::ResumeLead)}</p>
            {signed_in.then(|| view! { <p>{l.t(K::ResumeSignedIn)}</p> })}
            <form class="form card" method="post" action={crate::forms::action::<crate::api::survey::SurveyResumeConfirm>()}>
                <input type="hidden" name="kind" value=kind.key()/>
                <input type="hidden" name="key" value=key/>
                <button type="submit" class="button button-primary">{l.t(K::ResumeSubmit)}</button>
            </form>
            <p><a href=format!("/survey/{}", kind.key())>{l.t(K::ResumeStartOver)}</a></p>
        </div>
    }
    .into_any()
}

/// `/survey/invitation?t=…`.
#[component]
pub fn SurveyInvitationPage() -> impl IntoView {
    let l = use_locale();
    let token = use_query_map().with_untracked(|q| q.get("t")).unwrap_or_default();
    view! {
        <Title text=l.t(K::InvitedTitle)/>
        <div class="container narrow page">
            <h1>{l.t(K::InvitedTitle)}</h1>
            <p class="lead">{l.t(K::InvitedLead)}</p>
            <form class="form card" method="post" action={crate::forms::action::<crate::api::outreach::OutreachAccept>()}>
                <input type="hidden" name="t" value=token/>
                <button type="submit" class="button button-primary">{l.t(K::InvitedSubmit)}</button>
            </form>
            <p class="hint">{l.t(K::InvitedUnsubscribe)}</p>
        </div>
    }
}
