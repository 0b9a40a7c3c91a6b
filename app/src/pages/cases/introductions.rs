//! A case's introductions and conversations on its page: for the case team, every introduction
//! (note, answers, reasons, the thread it opened) and the form to introduce; for the
//! government, the introductions it is part of and its conversation with the Case Manager.

use super::hidden;
use crate::api::introductions::case_introductions;
use crate::components::{use_locale, FormErrorSummary};
use crate::domain::casework::TEXT_MAX;
use crate::domain::introductions::{Answer, IntroKind, IntroStatus};
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::{CaseIntros, GovIntro, IntroSummary, PartyView, TeamIntros, ThreadKind};
use crate::pages::use_flash;
use leptos::prelude::*;

/// The introductions section of a case page (`version`: the case version shown).
#[component]
pub fn IntroductionsPanel(id: String, version: i64) -> impl IntoView {
    let l = use_locale();
    let data = Resource::new(
        {
            let id = id.clone();
            move || id.clone()
        },
        case_introductions,
    );
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let id = id.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(CaseIntros::Team(t)) => team(l, &id, version, *t),
                        Ok(CaseIntros::Government { intros, thread_id }) => government(l, intros, thread_id),
                        Ok(CaseIntros::Hidden) | Err(_) => ().into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

pub(crate) fn status_badge(l: Locale, status: IntroStatus) -> AnyView {
    view! { <span class=format!("badge intro-{}", status.key())>{l.t(status.label())}</span> }.into_any()
}

pub(crate) fn party_list(l: Locale, parties: &[PartyView]) -> AnyView {
    view! {
        <ul class="parties">
            {parties.iter().map(|p| {
                let answer = match p.answer {
                    Some(Answer::Accepted) => l.t(K::IntroAnswerAccepted),
                    Some(Answer::Declined) => l.t(K::IntroAnswerDeclined),
                    None => l.t(K::IntroNoAnswerYet),
                };
                view! { <li>{p.name.clone()}" · "<span class="muted">{answer}</span></li> }
            }).collect_view()}
        </ul>
    }
    .into_any()
}

fn intro_item(l: Locale, i: IntroSummary) -> AnyView {
    view! {
        <li class="intro">
            <p>
                <strong>{l.t(i.kind.label())}</strong>" "{status_badge(l, i.status)}
                <span class="muted">" · "{format_utc(i.created_at)}</span>
            </p>
            {party_list(l, &i.parties)}
            <p class="prose">{i.note.clone()}</p>
            {i.reasons.iter().map(|r| view! {
                <p class="muted">{l.tf(K::IntroDeclineReason, &[("name", &r.name), ("reason", &r.reason)])}</p>
            }).collect_view()}
            {(i.status == IntroStatus::Waiting).then(|| i.respond_by.map(|by| view! {
                <p class="muted">{l.tf(K::IntroRespondBy, &[("date", &format_utc(by))])}</p>
            }))}
            <p>
                <a href=format!("/introductions/{}", i.id)>{l.t(K::IntroOpen)}</a>
                {i.thread_id.map(|t| view! { " · "<a href=format!("/threads/{t}")>{l.t(K::IntroThreadOpen)}</a> })}
            </p>
        </li>
    }
    .into_any()
}

fn team(l: Locale, id: &str, version: i64, t: TeamIntros) -> AnyView {
    let flash = use_flash("case_intro");
    let prefill: Vec<String> = t.shortlist.iter().map(|s| s.name.clone()).collect();
    let form = t.can_introduce.then(|| {
        view! {
            <form method="post" enctype="multipart/form-data" action={crate::forms::action::<crate::api::introductions::Introduce>()} class="form">
                <h3>{l.t(K::IntroNewTitle)}</h3>
                <FormErrorSummary flash=flash.clone()/>
                {hidden("id", id.to_string())}
                {hidden("version", version.to_string())}
                <div class="field">
                    <label for="intro-kind">{l.t(K::IntroKindLabel)}</label>
                    <p class="hint" id="intro-kind-hint">{l.t(K::IntroKindHint)}</p>
                    <select id="intro-kind" name="kind" aria-describedby="intro-kind-hint">
                        {IntroKind::ALL.into_iter().rev().map(|k| view! { <option value=k.key()>{l.t(k.label())}</option> }).collect_view()}
                    </select>
                </div>
                <fieldset class="field" id="intro-providers">
                    <legend>{l.t(K::IntroProvidersLabel)}</legend>
                    {if t.shortlist.is_empty() {
                        view! { <p class="muted">{l.t(K::IntroNoShortlist)}</p> }.into_any()
                    } else {
                        t.shortlist.iter().map(|s| {
                            let fid = format!("intro-p-{}", s.id);
                            view! {
                                <div class="check">
                                    <input type="checkbox" id=fid.clone() name="provider" value=s.id.clone()/>
                                    <label for=fid>{s.name.clone()}</label>
                                </div>
                            }
                        }).collect_view().into_any()
                    }}
                    <label for="intro-expert">{l.t(K::IntroExpertLabel)}</label>
                    <select id="intro-expert" name="provider">
                        <option value="">{l.t(K::IntroExpertNone)}</option>
                        {t.experts.iter().map(|e| view! { <option value=e.id.clone()>{e.name.clone()}</option> }).collect_view()}
                    </select>
                </fieldset>
                <div class="check">
                    <input type="checkbox" id="intro-gov" name="with_government" value="1" checked/>
                    <label for="intro-gov">{l.t(K::IntroWithGovernment)}</label>
                </div>
                <div class="field">
                    <label for="intro-note">{l.t(K::IntroNoteLabel)}</label>
                    <p class="hint" id="intro-note-hint">{l.t(K::IntroNoteHint)}</p>
                    <textarea id="intro-note" name="note" rows="4" required maxlength=TEXT_MAX.to_string() aria-describedby="intro-note-hint"
                        inner_html=crate::markup::textarea_markup(&l.tf(K::IntroNotePrefill, &[("names", &prefill.join(", "))]))></textarea>
                </div>
                {t.needs_approval.then(|| view! { <p class="muted">{l.t(K::IntroNeedsApproval)}</p> })}
                <button type="submit" class="button button-primary">{l.t(K::IntroSend)}</button>
            </form>
        }
    });
    view! {
        <section class="card" id="introductions" aria-labelledby="intros-title">
            <h2 id="intros-title">{l.t(K::IntroTitle)}</h2>
            {if t.intros.is_empty() {
                view! { <p class="muted">{l.t(K::IntroNone)}</p> }.into_any()
            } else {
                view! { <ol class="intros">{t.intros.into_iter().rev().map(|i| intro_item(l, i)).collect_view()}</ol> }.into_any()
            }}
            <h3>{l.t(K::ThreadsTitle)}</h3>
            <ul class="threads">
                {t.threads.into_iter().map(|th| {
                    let label = match th.kind {
                        ThreadKind::Government => l.t(K::ThreadWithGovernment).to_string(),
                        ThreadKind::Introduction => l.tf(K::ThreadWith, &[("names", &th.parties.join(", "))]),
                    };
                    view! {
                        <li><a href=format!("/threads/{}", th.id)>{label}</a>" "<span class="muted">{l.tf(K::ThreadMessages, &[("count", &th.last_seq.to_string())])}</span></li>
                    }
                }).collect_view()}
            </ul>
            {form}
        </section>
    }
    .into_any()
}

fn government(l: Locale, intros: Vec<GovIntro>, thread_id: Option<String>) -> AnyView {
    view! {
        <section class="card" id="introductions" aria-labelledby="gov-intros-title">
            <h2 id="gov-intros-title">{l.t(K::IntroGovTitle)}</h2>
            {thread_id.map(|t| view! {
                <p><a class="button button-secondary" href=format!("/threads/{t}")>{l.t(K::ThreadWriteCaseManager)}</a></p>
            })}
            {if intros.is_empty() {
                view! { <p class="muted">{l.t(K::IntroGovNone)}</p> }.into_any()
            } else {
                view! {
                    <ul class="intros">
                        {intros.into_iter().map(|i| view! {
                            <li>
                                <p><strong>{l.t(i.kind.label())}</strong>" "{status_badge(l, i.status)}</p>
                                {party_list(l, &i.parties)}
                                {i.thread_id.map(|t| view! { <p><a href=format!("/threads/{t}")>{l.t(K::IntroThreadOpen)}</a></p> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
    .into_any()
}
