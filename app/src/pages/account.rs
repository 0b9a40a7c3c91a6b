//! `/account`: the signed-in person's profile and where they are signed in, with a way to end
//! any session or all of them.

use super::use_flash;
use crate::api::account::my_sessions;
use crate::api::organisation::my_organisations;
use crate::components::{use_locale, use_me, FormErrorSummary};
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::SessionInfo;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_query_map;

/// The account page; anonymous visitors are sent to sign in first.
#[component]
pub fn AccountPage() -> impl IntoView {
    let l = use_locale();
    let Some(me) = use_me() else {
        return view! { <Redirect path="/sign-in?next=/account"/> }.into_any();
    };
    let sessions = Resource::new(|| (), |_| my_sessions());
    let organisations = Resource::new(|| (), |_| my_organisations());
    let saved = use_query_map().with_untracked(|q| q.get("saved"));
    let profile_flash = use_flash("profile");
    let password_flash = use_flash("password");
    let name_value = profile_flash.as_ref().map(|f| f.get("name")).unwrap_or_else(|| me.name.clone());
    let password_field = password_flash.as_ref().and_then(|f| f.field.clone()).unwrap_or_default();
    let role = me.staff_role.map(|r| l.t(crate::components::role_label(r))).unwrap_or(l.t(K::AccountParticipant));
    view! {
        <Title text=l.t(K::AccountTitle)/>
        <div class="container narrow page">
            <h1>{l.t(K::AccountTitle)}</h1>
            <section class="card" aria-labelledby="profile-title">
                <h2 id="profile-title">{l.t(K::AccountProfileTitle)}</h2>
                <dl class="facts">
                    <div><dt>{l.t(K::AccountName)}</dt><dd>{me.name.clone()}</dd></div>
                    <div><dt>{l.t(K::AccountEmail)}</dt><dd>{me.email.clone()}</dd></div>
                    <div><dt>{l.t(K::AccountRole)}</dt><dd>{role}</dd></div>
                </dl>
            </section>
            {saved.map(|what| {
                view! {
                    <p class="notice" role="status">
                        {l.t(if what == "password" { K::AccountPasswordChanged } else { K::AccountSaved })}
                    </p>
                }
            })}
            <section class="section-tight" aria-labelledby="settings-title">
                <h2 id="settings-title">{l.t(K::AccountSettingsTitle)}</h2>
                <FormErrorSummary flash=profile_flash.clone()/>
                <form class="form card" method="post" action={crate::forms::action::<crate::api::account::UpdateProfile>()}>
                    <div class="field">
                        <label for="name">{l.t(K::AccountName)}</label>
                        <input id="name" name="name" type="text" autocomplete="name" required maxlength="120" value=name_value/>
                    </div>
                    <div class="field">
                        <label for="locale">{l.t(K::AccountLanguage)}</label>
                        <select id="locale" name="locale">
                            {Locale::ALL.into_iter().map(|loc| view! {
                                <option value=loc.code() selected=loc == l lang=loc.code()>{loc.endonym()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <button type="submit" class="button button-primary">{l.t(K::AccountSave)}</button>
                </form>
            </section>
            <p class="section-tight"><a class="button button-secondary" href="/account/two-factor">{l.t(K::TwofaManage)}</a></p>
            <section class="section-tight" aria-labelledby="password-title">
                <h2 id="password-title">{l.t(K::AccountPasswordTitle)}</h2>
                <FormErrorSummary flash=password_flash.clone()/>
                <form class="form card" method="post" action={crate::forms::action::<crate::api::account::ChangePassword>()}>
                    <input type="text" name="username" autocomplete="username" value=me.email.clone() hidden/>
                    <div class="field">
                        <label for="current_password">{l.t(K::AccountCurrentPassword)}</label>
                        <input id="current_password" name="current_password" type="password" autocomplete="current-password"
                            required maxlength="128" aria-invalid=(password_field == "current_password").then_some("true")/>
                    </div>
                    <div class="field">
                        <label for="new_password">{l.t(K::ResetPassword)}</label>
                        <p class="hint" id="new-password-hint">{l.t(K::ResetPasswordHint)}</p>
                        <input id="new_password" name="new_password" type="password" autocomplete="new-password" required
                            minlength="12" maxlength="128" aria-describedby="new-password-hint"
                            aria-invalid=(password_field == "new_password").then_some("true")/>
                    </div>
                    <button type="submit" class="button button-primary">{l.t(K::AccountChangePassword)}</button>
                </form>
            </section>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let orgs = organisations.await.unwrap_or_default();
                    (!orgs.is_empty()).then(|| view! {
                        <section class="section-tight" aria-labelledby="orgs-title">
                            <h2 id="orgs-title">{l.t(K::AccountOrganisationsTitle)}</h2>
                            <ul class="org-list">
                                {orgs.into_iter().map(|o| view! {
                                    <li>
                                        <a href=format!("/organisations/{}", o.id)>{o.name}</a>
                                        " "
                                        <span class="badge">{l.t(if o.is_owner { K::OrgOwner } else { K::OrgMember })}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        </section>
                    })
                })}
            </Suspense>
            <section class="section-tight" aria-labelledby="sessions-title">
                <h2 id="sessions-title">{l.t(K::AccountSessionsTitle)}</h2>
                <p>{l.t(K::AccountSessionsIntro)}</p>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match sessions.await {
                            Ok(list) => view! { <ul class="session-list">{list.into_iter().map(|s| session_row(l, s)).collect_view()}</ul> }.into_any(),
                            Err(e) => view! { <p class="form-error" role="alert">{e.message(l)}</p> }.into_any(),
                        }
                    })}
                </Suspense>
                <form method="post" action={crate::forms::action::<crate::api::account::SignOutEverywhere>()} class="inline-form">
                    <button type="submit" class="button button-secondary">{l.t(K::AccountSignOutEverywhere)}</button>
                    <span class="hint">{l.t(K::AccountSignOutEverywhereHint)}</span>
                </form>
            </section>
        </div>
    }
    .into_any()
}

fn session_row(l: Locale, s: SessionInfo) -> AnyView {
    view! {
        <li class="session card">
            {s.current.then(|| view! { <p class="badge">{l.t(K::AccountThisDevice)}</p> })}
            <dl class="facts">
                <div><dt>{l.t(K::AccountStarted)}</dt><dd>{format_utc(s.created_at)}</dd></div>
                <div><dt>{l.t(K::AccountLastSeen)}</dt><dd>{format_utc(s.last_seen_at)}</dd></div>
                <div><dt>{l.t(K::AccountAddress)}</dt><dd>{s.ip}</dd></div>
                <div><dt>{l.t(K::AccountDevice)}</dt><dd class="muted">{s.user_agent}</dd></div>
            </dl>
            <form method="post" action={crate::forms::action::<crate::api::account::EndSession>()}>
                <input type="hidden" name="id" value=s.id/>
                <button type="submit" class="button button-secondary">{l.t(K::AccountRevoke)}</button>
            </form>
        </li>
    }
    .into_any()
}
