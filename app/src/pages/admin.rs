//! `/admin/users`, `/admin/organisations`, `/admin/audit`: staff administration. Reads go
//! through the admin server functions, which enforce the policy; the change buttons only
//! appear for those allowed to use them.

use super::{refused, use_flash};
use crate::api::admin::{admin_mail, admin_organisations, admin_users, audit_log};
use crate::components::{role_label, use_locale, use_me, FormErrorSummary};
use crate::domain::countries::Country;
use crate::domain::policy::StaffRole;
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// Section links shared by the admin pages.
#[component]
pub(crate) fn AdminNav() -> impl IntoView {
    let l = use_locale();
    view! {
        <nav class="subnav" aria-label=l.t(K::AdminNavLabel)>
            <a href="/admin/users">{l.t(K::AdminUsersTitle)}</a>
            <a href="/admin/organisations">{l.t(K::AdminOrgsTitle)}</a>
            <a href="/admin/audit">{l.t(K::AdminAuditTitle)}</a>
            <a href="/admin/mail">{l.t(K::AdminMailTitle)}</a>
            <a href="/admin/vocabulary">{l.t(K::VocabTitle)}</a>
        </nav>
    }
}

fn search_form(l: Locale, label: K, q: String) -> AnyView {
    view! {
        <form method="get" class="search-form" role="search">
            <label for="q">{l.t(label)}</label>
            <input id="q" name="q" type="search" value=q maxlength="200"/>
            <button type="submit" class="button button-secondary">{l.t(K::AdminSearch)}</button>
        </form>
    }
    .into_any()
}

/// People: search, staff roles, disabling, staff invitations.
#[component]
pub fn AdminUsersPage() -> impl IntoView {
    let l = use_locale();
    let q = use_query_map().with_untracked(|m| m.get("q")).unwrap_or_default();
    let invited = use_query_map().with_untracked(|m| m.get("invited").is_some());
    let flash = use_flash("invite_staff");
    let me = use_me().map(|m| m.email).unwrap_or_default();
    let query = q.clone();
    let list = Resource::new(move || query.clone(), |q| admin_users(Some(q)));
    view! {
        <Title text=l.t(K::AdminUsersTitle)/>
        <div class="container page">
            <AdminNav/>
            <h1>{l.t(K::AdminUsersTitle)}</h1>
            {invited.then(|| view! { <p class="notice" role="status">{l.t(K::AdminInvited)}</p> })}
            <FormErrorSummary flash=flash.clone()/>
            {search_form(l, K::AdminSearchLabel, q.clone())}
            <Suspense fallback=|| ()>
                {move || {
                    let me = me.clone();
                    Suspend::new(async move {
                        let list = match list.await {
                            Ok(list) => list,
                            Err(e) => return refused(l, e, "/admin/users"),
                        };
                        if list.rows.is_empty() {
                            return view! { <p>{l.t(K::AdminNoResults)}</p> }.into_any();
                        }
                        let can_change = list.can_change;
                        view! {
                            {crate::components::data_table(l, K::AdminUsersTitle, &[K::AccountName, K::AccountEmail, K::AccountRole, K::AdminStatus], list.rows.into_iter().map(|u| {
                                            let role_text = u.staff_role.map(|r| l.t(role_label(r))).unwrap_or(l.t(K::AccountParticipant));
                                            let editable = can_change && u.email != me;
                                            let select_label = l.tf(K::AdminRoleFor, &[("name", &u.name)]);
                                            let select_id = format!("role-{}", u.id);
                                            view! {
                                                <tr>
                                                    <td>{u.name.clone()}</td>
                                                    <td>{u.email.clone()}</td>
                                                    <td>
                                                        {if editable {
                                                            view! {
                                                                <form method="post" action={crate::forms::action::<crate::api::admin::SetUserRole>()} class="inline-form">
                                                                    <input type="hidden" name="user_id" value=u.id.clone()/>
                                                                    <label class="visually-hidden" for=select_id.clone()>{select_label}</label>
                                                                    <select id=select_id name="role">
                                                                        <option value="" selected=u.staff_role.is_none()>{l.t(K::AccountParticipant)}</option>
                                                                        {StaffRole::ALL.into_iter().map(|r| view! {
                                                                            <option value=r.key() selected=u.staff_role == Some(r)>{l.t(role_label(r))}</option>
                                                                        }).collect_view()}
                                                                    </select>
                                                                    <button type="submit" class="link-button">{l.t(K::AdminChangeRole)}</button>
                                                                </form>
                                                            }.into_any()
                                                        } else {
                                                            view! { <span>{role_text}</span> }.into_any()
                                                        }}
                                                    </td>
                                                    <td>
                                                        <span>{l.t(if u.disabled { K::AdminDisabled } else { K::AdminActive })}</span>
                                                        {editable.then(|| view! {
                                                            <form method="post" action={crate::forms::action::<crate::api::admin::SetUserDisabled>()} class="inline-form">
                                                                <input type="hidden" name="user_id" value=u.id.clone()/>
                                                                <input type="hidden" name="disabled" value=(!u.disabled).to_string()/>
                                                                <button type="submit" class="link-button">
                                                                    {l.t(if u.disabled { K::AdminEnable } else { K::AdminDisable })}
                                                                </button>
                                                            </form>
                                                        })}
                                                    </td>
                                                </tr>
                                            }
                                        }).collect_view().into_any())}
                            {can_change.then(|| view! {
                                <form class="form card section-tight" method="post" action={crate::forms::action::<crate::api::organisation::InviteStaff>()}>
                                    <h2>{l.t(K::AdminInviteStaffTitle)}</h2>
                                    <div class="field">
                                        <label for="staff-email">{l.t(K::SigninEmail)}</label>
                                        <input id="staff-email" name="email" type="email" inputmode="email" required maxlength="254" autocomplete="off"/>
                                    </div>
                                    <div class="field">
                                        <label for="staff-role">{l.t(K::AccountRole)}</label>
                                        <select id="staff-role" name="role">
                                            {StaffRole::ALL.into_iter().map(|r| view! { <option value=r.key()>{l.t(role_label(r))}</option> }).collect_view()}
                                        </select>
                                    </div>
                                    <button type="submit" class="button button-primary">{l.t(K::OrgInviteSubmit)}</button>
                                </form>
                            })}
                        }
                        .into_any()
                    })
                }}
            </Suspense>
        </div>
    }
}

/// Organisations: search and verification.
#[component]
pub fn AdminOrganisationsPage() -> impl IntoView {
    let l = use_locale();
    let q = use_query_map().with_untracked(|m| m.get("q")).unwrap_or_default();
    let query = q.clone();
    let list = Resource::new(move || query.clone(), |q| admin_organisations(Some(q)));
    view! {
        <Title text=l.t(K::AdminOrgsTitle)/>
        <div class="container page">
            <AdminNav/>
            <h1>{l.t(K::AdminOrgsTitle)}</h1>
            {search_form(l, K::AdminSearchOrgLabel, q.clone())}
            {crate::pages::loaded(l, list, "/admin/organisations".to_string(), move |list| {
                    if list.rows.is_empty() {
                        return view! { <p>{l.t(K::AdminNoResults)}</p> }.into_any();
                    }
                    let can_change = list.can_change;
                    view! {
                        {crate::components::data_table(l, K::AdminOrgsTitle, &[K::AccountName, K::OrgKind, K::OrgCountry, K::AdminStatus], list.rows.into_iter().map(|o| view! {
                                        <tr>
                                            <td><a href=format!("/organisations/{}", o.id)>{o.name.clone()}</a></td>
                                            <td>{o.kind.label(l)}</td>
                                            <td>{Country::by_code(&o.country).map(|c| c.name(l)).unwrap_or("")}</td>
                                            <td>
                                                <span>{l.t(if o.verified { K::OrgVerified } else { K::OrgNotVerified })}</span>
                                                {can_change.then(|| view! {
                                                    <form method="post" action={crate::forms::action::<crate::api::admin::SetOrganisationVerified>()} class="inline-form">
                                                        <input type="hidden" name="organisation_id" value=o.id.clone()/>
                                                        <input type="hidden" name="verified" value=(!o.verified).to_string()/>
                                                        <button type="submit" class="link-button">
                                                            {l.t(if o.verified { K::AdminUnverify } else { K::AdminVerify })}
                                                        </button>
                                                    </form>
                                                })}
                                            </td>
                                        </tr>
                                    }).collect_view().into_any())}
                    }
                    .into_any()
            })}
        </div>
    }
}

/// The audit log (admins).
#[component]
pub fn AuditPage() -> impl IntoView {
    let l = use_locale();
    let entries = Resource::new(|| (), |_| audit_log());
    view! {
        <Title text=l.t(K::AdminAuditTitle)/>
        <div class="container page">
            <AdminNav/>
            <h1>{l.t(K::AdminAuditTitle)}</h1>
            {crate::pages::loaded(l, entries, "/admin/audit".to_string(), move |rows| {
                    view! {
                        {crate::components::data_table(l, K::AdminAuditTitle, &[K::AdminWhen, K::AdminWho, K::AdminWhat, K::AdminSubject, K::AdminFrom, K::AdminDetail], rows.into_iter().map(|r| view! {
                                        <tr>
                                            <td class="nowrap">{format_utc(r.at)}</td>
                                            <td>{r.actor.unwrap_or_default()}</td>
                                            <td><code>{r.action}</code></td>
                                            <td class="muted">{r.subject}</td>
                                            <td>{r.ip}</td>
                                            <td>{r.detail}</td>
                                        </tr>
                                    }).collect_view().into_any())}
                    }
                    .into_any()
            })}
        </div>
    }
}

/// The outbox (admins): what waits, what was sent, what failed and why.
#[component]
pub fn MailPage() -> impl IntoView {
    let l = use_locale();
    let mails = Resource::new(|| (), |_| admin_mail());
    view! {
        <Title text=l.t(K::AdminMailTitle)/>
        <div class="container page">
            <AdminNav/>
            <h1>{l.t(K::AdminMailTitle)}</h1>
            {crate::pages::loaded(l, mails, "/admin/mail".to_string(), move |rows| {
                    if rows.is_empty() {
                        return view! { <p>{l.t(K::AdminMailEmpty)}</p> }.into_any();
                    }
                    view! {
                        {crate::components::data_table(l, K::AdminMailTitle, &[K::AdminWhen, K::AdminMailTo, K::AdminMailSubject, K::AdminStatus, K::AdminMailAttempts, K::AdminMailError], rows.into_iter().map(|m| {
                                        let status = match m.status.as_str() {
                                            "sent" => K::AdminMailSent,
                                            "failed" => K::AdminMailFailed,
                                            _ => K::AdminMailPending,
                                        };
                                        view! {
                                            <tr>
                                                <td class="nowrap">{format_utc(m.created_at)}</td>
                                                <td>{m.to}</td>
                                                <td>{m.subject}</td>
                                                <td>{l.t(status)}</td>
                                                <td>{m.attempts}</td>
                                                <td class="muted">{m.last_error}</td>
                                            </tr>
                                        }
                                    }).collect_view().into_any())}
                    }
                    .into_any()
            })}
        </div>
    }
}
