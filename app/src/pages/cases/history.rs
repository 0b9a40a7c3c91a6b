//! Scoping and internal notes, and the entries of the case's timeline.

use super::hidden;
use crate::components::FormErrorSummary;
use crate::domain::casework::TEXT_MAX;
use crate::domain::time::{format_day, format_utc};
use crate::domain::timeline::{Change, NoteKind};
use crate::i18n::{Locale, K};
use crate::model::{CaseView, TimelineEntry};
use crate::pages::use_flash;
use leptos::prelude::*;

pub(super) fn notes_section(l: Locale, v: &CaseView) -> AnyView {
    let flash = use_flash("case_note");
    let id = v.summary.id.clone();
    let can_work = v.can_work;
    v.notes.clone().map(|notes| {
        view! {
            <section class="card" id="notes" aria-labelledby="notes-title">
                <h2 id="notes-title">{l.t(K::CaseNotesTitle)}</h2>
                <p class="muted">{l.t(K::CaseNotesPrivate)}</p>
                {can_work.then(|| view! {
                    <form method="post" action={crate::forms::action::<crate::api::cases::AddCaseNote>()} class="form">
                        <FormErrorSummary flash=flash.clone()/>
                        {hidden("id", id.clone())}
                        <div class="field">
                            <label for="note-kind">{l.t(K::CaseNoteKind)}</label>
                            <select id="note-kind" name="kind">
                                <option value="scoping">{l.t(K::CaseNoteScoping)}</option>
                                <option value="internal">{l.t(K::CaseNoteInternal)}</option>
                            </select>
                        </div>
                        <div class="field">
                            <label for="note-body">{l.t(K::CaseNoteBody)}</label>
                            <textarea id="note-body" name="body" rows="3" required maxlength=TEXT_MAX.to_string()></textarea>
                        </div>
                        <button type="submit" class="button button-secondary">{l.t(K::CaseNoteAdd)}</button>
                    </form>
                })}
                {if notes.is_empty() {
                    view! { <p class="muted">{l.t(K::CaseNotesNone)}</p> }.into_any()
                } else {
                    view! {
                        <ol class="notes">
                            {notes.into_iter().map(|n| view! {
                                <li>
                                    <p class="muted">
                                        <span class="tag">{l.t(match n.kind { NoteKind::Scoping => K::CaseNoteScoping, NoteKind::Internal => K::CaseNoteInternal })}</span>
                                        " "{n.author.unwrap_or_default()}" · "{format_utc(n.at)}
                                    </p>
                                    <p class="prose">{n.body}</p>
                                </li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
            </section>
        }
    }).into_any()
}

fn timeline_entry(l: Locale, e: TimelineEntry) -> AnyView {
    let what = match &e.change {
        Change::Opened => l.t(K::CaseEventOpened).to_string(),
        Change::Stage { from, to, hold_until_day, outcome } => {
            let text = l.tf(K::CaseEventStage, &[("from", l.t(from.label())), ("to", l.t(to.label()))]);
            match (hold_until_day, outcome) {
                (_, Some(o)) => format!("{text} ({})", l.t(o.label())),
                (Some(day), None) => format!("{text} · {}", l.tf(K::CasesHeldUntil, &[("date", &format_day(*day))])),
                (None, None) => text,
            }
        }
        Change::Assigned { to: Some(_), .. } => match e.subject.as_deref() {
            Some(name) => l.tf(K::CaseEventAssigned, &[("name", name)]),
            None => l.t(K::CaseEventAssignedUnknown).to_string(),
        },
        Change::Assigned { to: None, .. } => l.t(K::CaseEventUnassigned).to_string(),
        Change::Scope { .. } => l.t(K::CaseEventScope).to_string(),
        Change::ScopeConfirmed => l.t(K::CaseEventScopeConfirmed).to_string(),
        Change::NextStep { step, due_day: Some(day) } => {
            l.tf(K::CaseEventNextStep, &[("step", &format!("{step} ({})", format_day(*day)))])
        }
        Change::NextStep { step, due_day: None } => l.tf(K::CaseEventNextStep, &[("step", step)]),
        Change::Decision { decision, .. } => {
            let decision = decision.map_or(l.t(K::CaseDecisionCleared), |d| l.t(d.label()));
            format!("{}: {decision}", e.subject.clone().unwrap_or_default())
        }
        Change::IntroductionMade { intro, providers, .. } => {
            let mut names = e.subject.clone().unwrap_or_default();
            if providers.len() > 1 {
                names = l.tf(K::CaseEventIntroMore, &[("name", &names), ("count", &(providers.len() - 1).to_string())]);
            }
            l.tf(K::CaseEventIntroMade, &[("kind", l.t(intro.label())), ("names", &names)])
        }
        Change::IntroductionAnswered { answer, .. } => {
            let key = match answer {
                crate::domain::introductions::Answer::Accepted => K::CaseEventIntroAccepted,
                crate::domain::introductions::Answer::Declined => K::CaseEventIntroDeclined,
            };
            l.tf(key, &[("name", &e.subject.clone().unwrap_or_default())])
        }
        Change::IntroductionLapsed { .. } => l.t(K::CaseEventIntroLapsed).to_string(),
        Change::Selection { providers } => {
            let mut names = e.subject.clone().unwrap_or_default();
            if providers.len() > 1 {
                names = l.tf(K::CaseEventIntroMore, &[("name", &names), ("count", &(providers.len() - 1).to_string())]);
            }
            l.tf(K::CaseEventSelected, &[("names", &names)])
        }
        Change::AgreementWritten { version } => {
            l.tf(K::CaseEventAgreementWritten, &[("version", &version.to_string())])
        }
        Change::AgreementAccepted { version, party } => {
            l.tf(K::CaseEventAgreementAccepted, &[("version", &version.to_string()), ("party", party)])
        }
        Change::FollowUpAnswered { months, rating, .. } => l.tf(
            K::CaseEventFollowUp,
            &[
                ("name", &e.subject.clone().unwrap_or_default()),
                ("months", &months.to_string()),
                ("rating", &rating.to_string()),
            ],
        ),
        Change::Story { published: true } => l.t(K::CaseEventStoryPublished).to_string(),
        Change::Story { published: false } => l.t(K::CaseEventStoryWithdrawn).to_string(),
    };
    view! {
        <li>
            <p class="muted">{format_utc(e.at)}" · "{e.actor.clone().unwrap_or_else(|| l.t(K::CaseEventPlatform).to_string())}</p>
            <p>{what}</p>
            {(!e.reason.is_empty()).then(|| view! { <p class="muted">{l.tf(K::CaseEventReason, &[("reason", &e.reason)])}</p> })}
        </li>
    }.into_any()
}

/// The append-only timeline, newest first.
pub(super) fn timeline_section(l: Locale, v: &CaseView) -> AnyView {
    view! {
        <section class="card" aria-labelledby="timeline-title" id="timeline">
            <h2 id="timeline-title">{l.t(K::CaseTimelineTitle)}</h2>
            <ol class="timeline">
                {v.timeline.iter().rev().cloned().map(|e| timeline_entry(l, e)).collect_view()}
            </ol>
        </section>
    }
    .into_any()
}
