//! Scoping and internal notes, and the entries of the case's timeline.

use super::hidden;
use crate::components::FormErrorSummary;
use crate::domain::case::{CaseStage, Outcome};
use crate::domain::casework::{Decision, TEXT_MAX};
use crate::domain::time::{format_day, format_utc};
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
                    <form method="post" action="/api/add_case_note" class="form">
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
                                        <span class="tag">{l.t(if n.kind == "scoping" { K::CaseNoteScoping } else { K::CaseNoteInternal })}</span>
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
    let stage = |k: &Option<String>| k.as_deref().and_then(CaseStage::from_key).map(|s| l.t(s.label())).unwrap_or("");
    let what = match e.kind.as_str() {
        "opened" => l.t(K::CaseEventOpened).to_string(),
        "stage" => {
            let mut text = l.tf(K::CaseEventStage, &[("from", stage(&e.from_stage)), ("to", stage(&e.to_stage))]);
            if let Some(o) = Outcome::from_key(&e.detail) {
                text = format!("{text} ({})", l.t(o.label()));
            } else if let Ok(day) = e.detail.parse::<i64>() {
                text = format!("{text} · {}", l.tf(K::CasesHeldUntil, &[("date", &format_day(day))]));
            }
            text
        }
        "assigned" => match e.subject.as_deref() {
            Some(name) if !name.is_empty() => l.tf(K::CaseEventAssigned, &[("name", name)]),
            _ => l.t(K::CaseEventUnassigned).to_string(),
        },
        "scope" => l.t(K::CaseEventScope).to_string(),
        "scope_confirmed" => l.t(K::CaseEventScopeConfirmed).to_string(),
        "next_step" => l.tf(K::CaseEventNextStep, &[("step", &e.detail)]),
        "decision" => {
            let decision = Decision::from_key(&e.detail).map_or(l.t(K::CaseDecisionCleared), |d| l.t(d.label()));
            format!("{}: {decision}", e.subject.clone().unwrap_or_default())
        }
        other => other.to_string(),
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
