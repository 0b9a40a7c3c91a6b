//! `/sign-in`: e-mail and password. A plain form posting to the `sign_in` server function, so
//! it works the same before and after the WASM loads; a refused attempt comes back with its
//! message and the e-mail typed.

use crate::components::{use_locale, FormErrorSummary};
use crate::forms::FormFlash;
use crate::i18n::K;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The sign-in page.
#[component]
pub fn SignInPage() -> impl IntoView {
    let l = use_locale();
    let flash = use_flash("sign_in");
    let next = use_query_map().with_untracked(|q| q.get("next")).unwrap_or_default();
    let reset = use_query_map().with_untracked(|q| q.get("reset").is_some());
    let unlocked = use_query_map().with_untracked(|q| q.get("unlocked").is_some());
    let email = flash.as_ref().map(|f| f.get("email")).unwrap_or_default();
    let email_error = flash.as_ref().is_some_and(|f| f.field.as_deref() == Some("email"));
    view! {
        <Title text=l.t(K::SigninTitle)/>
        <div class="container narrow page">
            <h1>{l.t(K::SigninTitle)}</h1>
            <p class="lead">{l.t(K::SigninLead)}</p>
            {reset.then(|| view! { <p class="notice" role="status">{l.t(K::SigninPasswordChanged)}</p> })}
            {unlocked.then(|| view! { <p class="notice" role="status">{l.t(K::SigninUnlocked)}</p> })}
            <FormErrorSummary flash=flash.clone()/>
            <form class="form card" method="post" action={crate::forms::action::<crate::api::sign_in::SignIn>()}>
                <input type="hidden" name="next" value=next/>
                <div class="field">
                    <label for="email">{l.t(K::SigninEmail)}</label>
                    <input
                        id="email"
                        name="email"
                        type="email"
                        autocomplete="username"
                        inputmode="email"
                        required
                        maxlength="254"
                        value=email
                        aria-invalid=email_error.then_some("true")
                        aria-describedby=email_error.then_some("form-error")
                    />
                </div>
                <div class="field">
                    <label for="password">{l.t(K::SigninPassword)}</label>
                    <input id="password" name="password" type="password" autocomplete="current-password" required maxlength="128"/>
                </div>
                <button type="submit" class="button button-primary">{l.t(K::SigninSubmit)}</button>
            </form>
            <p><a href="/forgot-password">{l.t(K::SigninForgot)}</a></p>
            <p class="hint">{l.t(K::SigninNoAccount)}</p>
        </div>
    }
}

/// `/sign-in/unlock?token=…`: the page an e-mailed unlock link opens. Following the link
/// changes nothing; confirming with the button makes this browser known to the account.
#[component]
pub fn UnlockPage() -> impl IntoView {
    let l = use_locale();
    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
    let expired = use_query_map().with_untracked(|q| q.get("expired").is_some()) || token.is_empty();
    view! {
        <Title text=l.t(K::UnlockTitle)/>
        <div class="container narrow page">
            <h1>{l.t(K::UnlockTitle)}</h1>
            {if expired {
                view! {
                    <p class="lead">{l.t(K::UnlockExpired)}</p>
                    <p><a class="button button-secondary" href="/sign-in">{l.t(K::SigninTitle)}</a></p>
                }
                .into_any()
            } else {
                view! {
                    <p class="lead">{l.t(K::UnlockLead)}</p>
                    <form class="form card" method="post" action={crate::forms::action::<crate::api::sign_in::UnlockBrowser>()}>
                        <input type="hidden" name="token" value=token/>
                        <button type="submit" class="button button-primary">{l.t(K::UnlockSubmit)}</button>
                    </form>
                }
                .into_any()
            }}
        </div>
    }
}

/// The refused submission of `form`, if the server sent one back (same value on the server
/// render and in the hydrated page).
pub fn use_flash(form: &'static str) -> Option<FormFlash> {
    SharedValue::new(move || {
        #[cfg(feature = "ssr")]
        {
            use_context::<FormFlash>().filter(|f| f.form == form)
        }
        #[cfg(not(feature = "ssr"))]
        {
            let _ = form;
            None
        }
    })
    .into_inner()
}
