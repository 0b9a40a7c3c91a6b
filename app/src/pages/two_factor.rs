//! `/account/two-factor` (enrolment) and `/sign-in/code` (the code step of signing in).

use super::use_flash;
use crate::api::two_factor::two_factor_status;
use crate::components::{use_locale, use_me, FormErrorSummary};
use crate::i18n::K;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// Two-factor enrolment and state.
#[component]
pub fn TwoFactorPage() -> impl IntoView {
    let l = use_locale();
    if use_me().is_none() {
        return view! { <Redirect path="/sign-in?next=/account/two-factor"/> }.into_any();
    }
    let flash = use_flash("two_factor");
    let codes = use_flash("recovery_codes");
    let status = Resource::new(|| (), |_| two_factor_status());
    view! {
        <Title text=l.t(K::TwofaTitle)/>
        <div class="container narrow page">
            <h1>{l.t(K::TwofaTitle)}</h1>
            <p class="lead">{l.t(K::TwofaIntro)}</p>
            {codes.map(|c| view! {
                <section class="card recovery" aria-labelledby="recovery-title">
                    <h2 id="recovery-title">{l.t(K::TwofaRecoveryTitle)}</h2>
                    <p>{l.t(K::TwofaRecoveryIntro)}</p>
                    <ul class="codes">{c.values.into_iter().map(|(_, code)| view! { <li><code>{code}</code></li> }).collect_view()}</ul>
                </section>
            })}
            <FormErrorSummary flash=flash.clone()/>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match status.await {
                        Ok(s) if s.enabled => view! { <p class="notice" role="status">{l.t(K::TwofaOn)}</p> }.into_any(),
                        Ok(s) => match s.pending {
                            Some(crate::model::PendingSecret { secret, qr_svg: svg }) => view! {
                                <p>{l.t(K::TwofaScan)}</p>
                                <div class="qr card" role="img" aria-label=l.t(K::TwofaQrAlt) inner_html=svg></div>
                                <p>{l.t(K::TwofaKey)}": "<code class="secret">{secret}</code></p>
                                <form class="form card" method="post" action={crate::forms::action::<crate::api::two_factor::ConfirmTwoFactor>()}>
                                    <div class="field">
                                        <label for="code">{l.t(K::TwofaCode)}</label>
                                        <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code"
                                            pattern="[0-9 ]{6,7}" maxlength="7" required/>
                                    </div>
                                    <button type="submit" class="button button-primary">{l.t(K::TwofaConfirm)}</button>
                                </form>
                            }
                            .into_any(),
                            None => view! {
                                <p>{l.t(K::TwofaOff)}</p>
                                <form method="post" action={crate::forms::action::<crate::api::two_factor::BeginTwoFactor>()}>
                                    <button type="submit" class="button button-primary">{l.t(K::TwofaBegin)}</button>
                                </form>
                            }
                            .into_any(),
                        },
                        Err(e) => view! { <p class="form-error" role="alert">{e.message(l)}</p> }.into_any(),
                    }
                })}
            </Suspense>
            <p class="section-tight"><a href="/account">{l.t(K::AccountTitle)}</a></p>
        </div>
    }
    .into_any()
}

/// The code step of signing in.
#[component]
pub fn SignInCodePage() -> impl IntoView {
    let l = use_locale();
    let flash = use_flash("sign_in_code");
    let invalid = flash.as_ref().is_some_and(|f| f.field.as_deref() == Some("code")).then_some("true");
    view! {
        <Title text=l.t(K::SigninCodeTitle)/>
        <div class="container narrow page">
            <h1>{l.t(K::SigninCodeTitle)}</h1>
            <p class="lead">{l.t(K::SigninCodeLead)}</p>
            <FormErrorSummary flash=flash.clone()/>
            <form class="form card" method="post" action={crate::forms::action::<crate::api::two_factor::VerifySignInCode>()}>
                <div class="field">
                    <label for="code">{l.t(K::SigninCodeLabel)}</label>
                    <input id="code" name="code" type="text" autocomplete="one-time-code" required maxlength="20"
                        autocapitalize="none" spellcheck="false" aria-invalid=invalid/>
                </div>
                <button type="submit" class="button button-primary">{l.t(K::SigninCodeSubmit)}</button>
            </form>
            <p><a href="/sign-in">{l.t(K::SigninTitle)}</a></p>
        </div>
    }
}
