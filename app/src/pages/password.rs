//! `/forgot-password` and `/reset-password`: asking for a reset link and using it.

use super::use_flash;
use crate::api::password::reset_link_valid;
use crate::components::{use_locale, FormErrorSummary};
use crate::i18n::K;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Asks for a reset link; after sending, says so in words that reveal nothing about accounts.
#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let l = use_locale();
    let flash = use_flash("forgot");
    let sent = use_query_map().with_untracked(|q| q.get("sent").is_some());
    let email = flash.as_ref().map(|f| f.get("email")).unwrap_or_default();
    let invalid = flash.is_some().then_some("true");
    view! {
        <Title text=l.t(K::ForgotTitle)/>
        <div class="container narrow page">
            <h1>{l.t(K::ForgotTitle)}</h1>
            {if sent {
                view! { <p class="notice" role="status">{l.t(K::ForgotSent)}</p> }.into_any()
            } else {
                view! {
                    <p class="lead">{l.t(K::ForgotLead)}</p>
                    <FormErrorSummary flash=flash.clone()/>
                    <form class="form card" method="post" action={crate::forms::action::<crate::api::password::RequestPasswordReset>()}>
                        <div class="field">
                            <label for="email">{l.t(K::SigninEmail)}</label>
                            <input id="email" name="email" type="email" autocomplete="username" inputmode="email" required
                                maxlength="254" value=email aria-invalid=invalid/>
                        </div>
                        <button type="submit" class="button button-primary">{l.t(K::ForgotSubmit)}</button>
                    </form>
                }
                .into_any()
            }}
            <p><a href="/sign-in">{l.t(K::SigninTitle)}</a></p>
        </div>
    }
}

/// Sets a new password from an e-mailed link.
#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let l = use_locale();
    let flash = use_flash("reset");
    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
    let valid = Resource::new(move || token.clone(), reset_link_valid);
    let invalid_field = flash.as_ref().is_some_and(|f| f.field.as_deref() == Some("password")).then_some("true");
    view! {
        <Title text=l.t(K::ResetTitle)/>
        <div class="container narrow page">
            <h1>{l.t(K::ResetTitle)}</h1>
            <FormErrorSummary flash=flash.clone()/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
                    if valid.await.unwrap_or(false) {
                        view! {
                            <form class="form card" method="post" action={crate::forms::action::<crate::api::password::ResetPassword>()}>
                                <input type="hidden" name="token" value=token/>
                                <div class="field">
                                    <label for="password">{l.t(K::ResetPassword)}</label>
                                    <p class="hint" id="password-hint">{l.t(K::ResetPasswordHint)}</p>
                                    <input id="password" name="password" type="password" autocomplete="new-password" required
                                        minlength="12" maxlength="128" aria-describedby="password-hint" aria-invalid=invalid_field/>
                                </div>
                                <button type="submit" class="button button-primary">{l.t(K::ResetSubmit)}</button>
                            </form>
                        }
                        .into_any()
                    } else {
                        view! {
                            <p class="notice">{l.t(K::ResetInvalid)}</p>
                            <p><a class="button button-primary" href="/forgot-password">{l.t(K::ForgotSubmit)}</a></p>
                        }
                        .into_any()
                    }
                })}
            </Suspense>
        </div>
    }
}
