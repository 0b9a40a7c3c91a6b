//! `/organisations/:id`: an organisation's details and people; owners invite and remove
//! colleagues here.

use super::use_flash;
use crate::api::organisation::organisation_detail;
use crate::components::{use_locale, FormErrorSummary};
use crate::domain::countries::Country;
use crate::i18n::{Locale, K};
use crate::model::OrganisationView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// The organisation page.
#[component]
pub fn OrganisationPage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let org = Resource::new(move || id.clone(), organisation_detail);
    view! {
        <div class="container narrow page">
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    match org.await {
                        Ok(o) => organisation_view(l, o).into_any(),
                        Err(e) => {
                            #[cfg(feature = "ssr")]
                            if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
                                if let Ok(code) = http::StatusCode::from_u16(e.status()) {
                                    res.set_status(code);
                                }
                            }
                            view! { <h1>{l.t(K::ErrorTitle)}</h1><p class="lead">{e.message(l)}</p> }.into_any()
                        }
                    }
                })}
            </Suspense>
        </div>
    }
}

fn organisation_view(l: Locale, o: OrganisationView) -> AnyView {
    let flash = use_flash("invite").or_else(|| use_flash("members"));
    let invited = use_query_map().with_untracked(|q| q.get("invited").is_some());
    let email = flash.as_ref().map(|f| f.get("email")).unwrap_or_default();
    let country = Country::by_code(&o.country).map(|c| c.name(l)).unwrap_or("");
    let id = o.id.clone();
    view! {
        <Title text=o.name.clone()/>
        <p class="badge">{l.t(if o.verified { K::OrgVerified } else { K::OrgNotVerified })}</p>
        <h1>{o.name.clone()}</h1>
        <p class="lead">{o.description.clone()}</p>
        <dl class="facts card">
            <div><dt>{l.t(K::OrgKind)}</dt><dd>{o.kind.label(l)}</dd></div>
            <div><dt>{l.t(K::OrgCountry)}</dt><dd>{country}</dd></div>
            {o.website.clone().map(|w| view! { <div><dt>{l.t(K::OrgWebsite)}</dt><dd><a href=w.clone() rel="noopener noreferrer">{w.clone()}</a></dd></div> })}
        </dl>
        <section class="section-tight" aria-labelledby="members-title">
            <h2 id="members-title">{l.t(K::OrgMembersTitle)}</h2>
            {invited.then(|| view! { <p class="notice" role="status">{l.t(K::OrgInvited)}</p> })}
            <FormErrorSummary flash=flash.clone()/>
            <ul class="member-list">
                {o.members
                    .into_iter()
                    .map(|m| {
                        let remove_label = l.tf(K::OrgRemoveLabel, &[("name", &m.name)]);
                        view! {
                            <li class="member">
                                <span class="member-name">{m.name.clone()}</span>
                                <span class="muted">{m.email.clone()}</span>
                                <span class="badge">{l.t(if m.is_owner { K::OrgOwner } else { K::OrgMember })}</span>
                                {o.can_manage.then(|| view! {
                                    <form method="post" action={crate::forms::action::<crate::api::organisation::RemoveMember>()} class="inline-form">
                                        <input type="hidden" name="organisation_id" value=id.clone()/>
                                        <input type="hidden" name="user_id" value=m.user_id.clone()/>
                                        <button type="submit" class="link-button" aria-label=remove_label>{l.t(K::OrgRemove)}</button>
                                    </form>
                                })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
            {o.can_manage.then(|| view! {
                <form class="form card" method="post" action={crate::forms::action::<crate::api::organisation::InviteMember>()}>
                    <h3>{l.t(K::OrgInviteTitle)}</h3>
                    <input type="hidden" name="organisation_id" value=o.id.clone()/>
                    <div class="field">
                        <label for="email">{l.t(K::SigninEmail)}</label>
                        <p class="hint" id="invite-hint">{l.t(K::OrgInviteHint)}</p>
                        <input id="email" name="email" type="email" inputmode="email" autocomplete="off" required maxlength="254"
                            value=email.clone() aria-describedby="invite-hint"/>
                    </div>
                    <button type="submit" class="button button-primary">{l.t(K::OrgInviteSubmit)}</button>
                </form>
            })}
        </section>
    }
    .into_any()
}
