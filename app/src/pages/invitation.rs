//! `/invitation?token=…`: accepting an e-mailed invitation, by choosing a name and password
//! (new account) or confirming (existing account).

use super::use_flash;
use crate::api::organisation::invitation_details;
use crate::components::{role_label, use_locale, FormErrorSummary};
use crate::i18n::K;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// The invitation page.
#[component]
pub fn InvitationPage() -> impl IntoView {
    let l = use_locale();
    let flash = use_flash("invitation");
    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
    let details = Resource::new(move || token.clone(), invitation_details);
    let name = flash.as_ref().map(|f| f.get("name")).unwrap_or_default();
    let field = flash.as_ref().and_then(|f| f.field.clone()).unwrap_or_default();
    view! {
        <Title text=l.t(K::InviteTitle)/>
        <div class="container narrow page">
            <h1>{l.t(K::InviteTitle)}</h1>
            <FormErrorSummary flash=flash.clone()/>
            <Suspense fallback=|| ()>
                {move || {
                    let name = name.clone();
                    let field = field.clone();
                    Suspend::new(async move {
                        let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
                        let Ok(Some(inv)) = details.await else {
                            return view! {
                                <p class="notice">{l.t(K::ErrorLinkInvalid)}</p>
                            }
                            .into_any();
                        };
                        let lead = match (&inv.organisation_name, inv.staff_role) {
                            (Some(org), _) => l.tf(K::InviteLeadOrg, &[("org", org)]),
                            (None, Some(role)) => l.tf(K::InviteLeadStaff, &[("role", l.t(role_label(role)))]),
                            (None, None) => String::new(),
                        };
                        view! {
                            <p class="lead">{lead}</p>
                            <form class="form card" method="post" action={crate::forms::action::<crate::api::organisation::AcceptInvitation>()}>
                                <input type="hidden" name="token" value=token/>
                                <div class="field">
                                    <label for="email">{l.t(K::SigninEmail)}</label>
                                    <input id="email" type="email" value=inv.email.clone() readonly autocomplete="username"/>
                                </div>
                                {if inv.existing_account {
                                    view! {
                                        <p>{l.t(K::InviteExisting)}</p>
                                        <button type="submit" class="button button-primary">{l.t(K::InviteAccept)}</button>
                                    }
                                    .into_any()
                                } else {
                                    view! {
                                        <div class="field">
                                            <label for="name">{l.t(K::InviteName)}</label>
                                            <input id="name" name="name" type="text" autocomplete="name" required maxlength="120" value=name
                                                aria-invalid=(field == "name").then_some("true")/>
                                        </div>
                                        <div class="field">
                                            <label for="password">{l.t(K::ResetPassword)}</label>
                                            <p class="hint" id="password-hint">{l.t(K::ResetPasswordHint)}</p>
                                            <input id="password" name="password" type="password" autocomplete="new-password" required
                                                minlength="12" maxlength="128" aria-describedby="password-hint"
                                                aria-invalid=(field == "password").then_some("true")/>
                                        </div>
                                        <button type="submit" class="button button-primary">{l.t(K::InviteSubmit)}</button>
                                    }
                                    .into_any()
                                }}
                            </form>
                        }
                        .into_any()
                    })
                }}
            </Suspense>
        </div>
    }
}
