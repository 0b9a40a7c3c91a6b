//! `/outreach` (campaigns), `/outreach/{id}` (import a contact list, send invitations and a
//! reminder, follow each recipient) for staff, and `/unsubscribe` for recipients. Every action
//! is a plain form.

use super::roster::RosterNav;
use super::{refused, use_flash};
use crate::api::outreach::{outreach_campaign, outreach_campaigns, unsubscribe_info, NAME_MAX};
use crate::components::{use_locale, FormErrorSummary};
use crate::domain::countries::Country;
use crate::domain::outreach::{RecipientStatus, COLUMNS};
use crate::domain::survey::SurveyKind;
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::{CampaignSummary, CampaignView, ImportReport};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

fn progress(l: Locale, c: &CampaignSummary) -> String {
    l.tf(
        K::OutreachProgress,
        &[
            ("recipients", &c.recipients.to_string()),
            ("invited", &c.invited.to_string()),
            ("started", &c.started.to_string()),
            ("submitted", &c.submitted.to_string()),
        ],
    )
}

/// `/outreach`: the campaigns and a form to start one.
#[component]
pub fn OutreachPage() -> impl IntoView {
    let l = use_locale();
    let flash = use_flash("campaign");
    let name = flash.as_ref().map(|f| f.get("name")).unwrap_or_default();
    let list = Resource::new(|| (), |_| outreach_campaigns());
    view! {
        <Title text=l.t(K::OutreachTitle)/>
        <div class="container page">
            <RosterNav/>
            <h1>{l.t(K::OutreachTitle)}</h1>
            <p class="lead">{l.t(K::OutreachLead)}</p>
            <Suspense fallback=|| ()>
                {move || {
                    let flash = flash.clone();
                    let name = name.clone();
                    Suspend::new(async move {
                        let list = match list.await {
                            Ok(list) => list,
                            Err(e) => return refused(l, e, "/outreach"),
                        };
                        let campaigns = if list.campaigns.is_empty() {
                            view! { <div class="empty-state"><p>{l.t(K::OutreachNoCampaigns)}</p></div> }.into_any()
                        } else {
                            view! {
                                <ul class="campaign-list">
                                    {list.campaigns.into_iter().map(|c| view! {
                                        <li class="card">
                                            <h2><a href=format!("/outreach/{}", c.id)>{c.name.clone()}</a></h2>
                                            <p class="muted">{l.t(c.survey.title())}" · "{format_utc(c.created_at)}</p>
                                            <p>{progress(l, &c)}</p>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            }.into_any()
                        };
                        view! {
                            {campaigns}
                            {list.can_manage.then(|| view! {
                                <form class="form card section-tight" method="post" action={crate::forms::action::<crate::api::outreach::CreateCampaign>()}>
                                    <h2>{l.t(K::OutreachNewTitle)}</h2>
                                    <FormErrorSummary flash=flash.clone()/>
                                    <div class="field">
                                        <label for="name">{l.t(K::OutreachName)}</label>
                                        <p class="hint" id="name-hint">{l.t(K::OutreachNameHint)}</p>
                                        <input id="name" name="name" type="text" required maxlength=NAME_MAX.to_string() value=name.clone() aria-describedby="name-hint"/>
                                    </div>
                                    <fieldset class="field">
                                        <legend>{l.t(K::OutreachSurvey)}</legend>
                                        {[SurveyKind::Supply, SurveyKind::Demand].into_iter().enumerate().map(|(i, k)| {
                                            let id = format!("survey-{}", k.key());
                                            view! {
                                                <div class="check">
                                                    <input type="radio" id=id.clone() name="survey" value=k.key() checked=i == 0/>
                                                    <label for=id>{l.t(k.title())}</label>
                                                </div>
                                            }
                                        }).collect_view()}
                                    </fieldset>
                                    <button type="submit" class="button button-primary">{l.t(K::OutreachCreate)}</button>
                                </form>
                            })}
                        }.into_any()
                    })
                }}
            </Suspense>
        </div>
    }
}

/// `/outreach/{id}`: one campaign.
#[component]
pub fn CampaignPage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let path = format!("/outreach/{id}");
    let campaign = Resource::new(move || id.clone(), outreach_campaign);
    view! {
        <div class="container page">
            <RosterNav/>
            {crate::pages::loaded(l, campaign, path.clone(), move |c| campaign_view(l, c).into_any())}
        </div>
    }
}

fn campaign_view(l: Locale, c: CampaignView) -> AnyView {
    let sent = use_query_map().with_untracked(|q| q.get("sent"));
    let flash = use_flash("import");
    let id = c.summary.id.clone();
    let statuses = RecipientStatus::ALL
        .into_iter()
        .map(|s| (s, c.recipients.iter().filter(|r| r.status == s).count()))
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| view! { <li><span class=format!("status status-{}", s.key())>{l.t(s.label())}</span>" "{n}</li> })
        .collect_view();
    view! {
        <Title text=c.summary.name.clone()/>
        <p class="muted">{l.t(K::OutreachTitle)}" · "{l.t(c.summary.survey.title())}</p>
        <h1>{c.summary.name.clone()}</h1>
        <p class="lead">{progress(l, &c.summary)}</p>
        {sent.map(|n| view! { <p class="notice" role="status">{l.tf(K::OutreachSentNotice, &[("count", &n)])}</p> })}
        <ul class="status-counts" aria-label=l.t(K::OutreachStatusLabel)>{statuses}</ul>
        {c.can_manage.then(|| view! {
            <div class="outreach-actions">
                <form class="form card" method="post" action={crate::forms::action::<crate::api::outreach::OutreachImport>()} enctype="multipart/form-data">
                    <h2>{l.t(K::OutreachImportTitle)}</h2>
                    <FormErrorSummary flash=flash.clone()/>
                    <input type="hidden" name="campaign" value=id.clone()/>
                    <div class="field">
                        <label for="file">{l.t(K::OutreachFile)}</label>
                        <p class="hint" id="file-hint">{l.tf(K::OutreachFileHint, &[("columns", &COLUMNS.join(", "))])}</p>
                        <input id="file" name="file" type="file" accept=".csv,text/csv" required aria-describedby="file-hint"/>
                    </div>
                    <button type="submit" class="button button-secondary">{l.t(K::OutreachImport)}</button>
                </form>
                <div class="card">
                    <h2>{l.t(K::OutreachSendTitle)}</h2>
                    <form method="post" action={crate::forms::action::<crate::api::outreach::OutreachSend>()}>
                        <input type="hidden" name="campaign" value=id.clone()/>
                        <input type="hidden" name="reminder" value="false"/>
                        <button type="submit" class="button button-primary" disabled=c.to_invite == 0>
                            {l.tf(K::OutreachSendInvitations, &[("count", &c.to_invite.to_string())])}
                        </button>
                    </form>
                    <form method="post" action={crate::forms::action::<crate::api::outreach::OutreachSend>()} class="section-tight">
                        <input type="hidden" name="campaign" value=id.clone()/>
                        <input type="hidden" name="reminder" value="true"/>
                        <button type="submit" class="button button-secondary" disabled=c.to_remind == 0>
                            {l.tf(K::OutreachSendReminders, &[("count", &c.to_remind.to_string())])}
                        </button>
                    </form>
                    <p class="hint">{l.t(K::OutreachSendHint)}</p>
                </div>
            </div>
        })}
        {c.last_import.map(|r| import_report(l, r))}
        <section class="section-tight">
            <h2 id="recipients-title">{l.t(K::OutreachRecipients)}</h2>
            {if c.recipients.is_empty() {
                view! { <div class="empty-state"><p>{l.t(K::OutreachNoRecipients)}</p></div> }.into_any()
            } else {
                view! {
                    <div class="table-wrap" tabindex="0" role="region" aria-labelledby="recipients-title">
                        <table class="recipients">
                            <thead><tr>
                                <th scope="col">{l.t(K::AccountName)}</th>
                                <th scope="col">{l.t(K::AccountEmail)}</th>
                                <th scope="col">{l.t(K::RosterCsvOrganisation)}</th>
                                <th scope="col">{l.t(K::RosterCsvCountry)}</th>
                                <th scope="col">{l.t(K::LangLabel)}</th>
                                <th scope="col">{l.t(K::AdminStatus)}</th>
                                <th scope="col">{l.t(K::OutreachLastActivity)}</th>
                            </tr></thead>
                            <tbody>
                                {c.recipients.into_iter().map(|r| {
                                    let country = Country::by_code(&r.country).map(|c| c.name(l)).unwrap_or("");
                                    let language = crate::i18n::Locale::from_code(&r.language).map(|x| x.endonym()).unwrap_or("");
                                    view! {
                                        <tr data-email=r.email.clone()>
                                            <td>{r.name.clone()}</td>
                                            <td>{r.email.clone()}</td>
                                            <td>{r.organisation.clone()}</td>
                                            <td>{country}</td>
                                            <td>{language}</td>
                                            <td>
                                                <span class=format!("status status-{}", r.status.key())>{l.t(r.status.label())}</span>
                                                {r.reminded.then(|| view! { " "<span class="muted">{l.t(K::OutreachReminded)}</span> })}
                                            </td>
                                            <td class="nowrap">{format_utc(r.last_activity)}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    </div>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}

fn import_report(l: Locale, r: ImportReport) -> AnyView {
    view! {
        <section class="card section-tight import-report" id="import-report" aria-labelledby="import-title" tabindex="-1">
            <h2 id="import-title">{l.t(K::OutreachReportTitle)}</h2>
            <p class="muted">{r.file_name.clone()}" · "{format_utc(r.at)}</p>
            {match &r.file_problem {
                Some(problem) => view! {
                    <div class="error-summary" role="alert"><p>{l.t(K::OutreachFileRefused)}" "{problem.describe(l)}</p></div>
                }.into_any(),
                None => view! {
                    <p>{l.tf(K::OutreachReportAdded, &[("count", &r.added.to_string())])}</p>
                    {(!r.problems.is_empty()).then(|| view! {
                        <p>{l.tf(K::OutreachReportProblems, &[("count", &r.problems.len().to_string())])}</p>
                        <ul class="problems">
                            {r.problems.iter().map(|p| view! {
                                <li>{l.tf(K::OutreachLine, &[("line", &p.line.to_string())])}" "{p.describe(l)}</li>
                            }).collect_view()}
                        </ul>
                    })}
                }.into_any(),
            }}
        </section>
    }
    .into_any()
}

/// `/unsubscribe?t=…`: confirms, then stops outreach mail to the address.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let l = use_locale();
    let (token, done, invalid) = use_query_map()
        .with_untracked(|q| (q.get("t").unwrap_or_default(), q.get("done").is_some(), q.get("invalid").is_some()));
    let t = token.clone();
    let info = Resource::new(move || t.clone(), unsubscribe_info);
    view! {
        <Title text=l.t(K::UnsubscribeTitle)/>
        <div class="container narrow page">
            <h1>{l.t(K::UnsubscribeTitle)}</h1>
            <Suspense fallback=|| ()>
                {move || {
                    let token = token.clone();
                    Suspend::new(async move {
                        match info.await {
                            Ok(Some(email)) if done => view! {
                                <p class="notice" role="status">{l.tf(K::UnsubscribeDone, &[("email", &email)])}</p>
                            }.into_any(),
                            Ok(Some(email)) => view! {
                                <p class="lead">{l.tf(K::UnsubscribeLead, &[("email", &email)])}</p>
                                <form method="post" action={crate::forms::action::<crate::api::outreach::Unsubscribe>()} class="form">
                                    <input type="hidden" name="t" value=token/>
                                    <button type="submit" class="button button-primary">{l.t(K::UnsubscribeConfirm)}</button>
                                </form>
                            }.into_any(),
                            Ok(None) => view! {
                                <p class="lead">{l.t(if invalid { K::UnsubscribeInvalidLink } else { K::UnsubscribeUnknown })}</p>
                            }.into_any(),
                            Err(e) => view! { <p class="lead">{e.message(l)}</p> }.into_any(),
                        }
                    })
                }}
            </Suspense>
        </div>
    }
}
