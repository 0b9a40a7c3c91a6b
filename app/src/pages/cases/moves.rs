//! The desk's assignment and stage-move forms: only the moves the state machine allows.

use super::hidden;
use crate::components::FormErrorSummary;
use crate::domain::case::{CaseStage, Move, Outcome};
use crate::domain::casework::SHORT_MAX;
use crate::forms::FormFlash;
use crate::i18n::{Locale, K};
use crate::model::CaseView;
use leptos::prelude::*;

pub(super) fn assign_and_move(
    l: Locale,
    v: &CaseView,
    assign_flash: Option<FormFlash>,
    move_flash: Option<FormFlash>,
) -> AnyView {
    let id = v.summary.id.clone();
    let version = v.summary.version.to_string();
    let current = v.summary.case_manager_id.clone().unwrap_or_default();
    let to_stages: Vec<CaseStage> =
        v.moves.iter().filter_map(|m| if let Move::To(s) = m { Some(*s) } else { None }).collect();
    let can_hold = v.moves.iter().any(|m| matches!(m, Move::Hold { .. }));
    let can_resume = v.moves.contains(&Move::Resume);
    let outcomes: Vec<Outcome> =
        v.moves.iter().filter_map(|m| if let Move::Close(o) = m { Some(*o) } else { None }).collect();
    // a refusal about a field of the hold or close form opens that form again
    let flagged = |fields: &[&str]| {
        move_flash.as_ref().and_then(|f| f.field.clone()).is_some_and(|f| fields.contains(&f.as_str()))
    };
    let hold_open = flagged(&["until", "hold-reason"]);
    let close_open = flagged(&["outcome", "close-reason"]);
    let assign = v.can_assign.then(|| {
        let form = if !v.assign_others {
            // a Case Manager takes an unassigned case for themselves
            view! {
                <form method="post" action={crate::forms::action::<crate::api::cases::AssignCase>()} class="form">
                    <FormErrorSummary flash=assign_flash.clone()/>
                    {hidden("id", id.clone())}
                    {hidden("version", version.clone())}
                    {hidden("reason", String::new())}
                    {hidden("case_manager", v.viewer_id.clone().unwrap_or_default())}
                    <button type="submit" class="button button-primary">{l.t(K::CaseTake)}</button>
                </form>
            }
            .into_any()
        } else {
            view! {
                <form method="post" action={crate::forms::action::<crate::api::cases::AssignCase>()} class="form">
                    <FormErrorSummary flash=assign_flash.clone()/>
                    {hidden("id", id.clone())}
                    {hidden("version", version.clone())}
                    <div class="field">
                        <label for="case_manager">{l.t(K::CaseAssignTo)}</label>
                        <select id="case_manager" name="case_manager">
                            <option value="">{l.t(K::CasesUnassigned)}</option>
                            {v.case_managers.iter().map(|m| {
                                let label = l.tf(K::CasesCaseload, &[("name", &m.name), ("count", &m.open_cases.to_string())]);
                                view! { <option value=m.user_id.clone() selected=current == m.user_id>{label}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="assign-reason">{l.t(K::CaseReason)}" "<span class="optional">"("{l.t(K::SurveyOptional)}")"</span></label>
                        <input id="assign-reason" name="reason" type="text" maxlength=SHORT_MAX.to_string()/>
                    </div>
                    <button type="submit" class="button button-secondary">{l.t(K::CaseAssign)}</button>
                </form>
            }
            .into_any()
        };
        view! {
            <section class="card" id="assign" aria-labelledby="assign-title">
                <h2 id="assign-title">{l.t(K::CaseAssignTitle)}</h2>
                {form}
            </section>
        }
    });
    let moves = v.can_work.then(|| view! {
        <section class="card" id="move" aria-labelledby="move-title">
            <h2 id="move-title">{l.t(K::CaseMoveTitle)}</h2>
            <FormErrorSummary flash=move_flash.clone()/>
            {(!to_stages.is_empty()).then(|| view! {
                <form method="post" action={crate::forms::action::<crate::api::cases::MoveCase>()} class="form">
                    {hidden("id", id.clone())}
                    {hidden("version", version.clone())}
                    <div class="field">
                        <label for="action">{l.t(K::CaseMoveTo)}</label>
                        <select id="action" name="action">
                            {to_stages.iter().map(|s| view! { <option value=s.key()>{l.t(s.label())}</option> }).collect_view()}
                        </select>
                    </div>
                    <div class="field">
                        <label for="move-reason">{l.t(K::CaseReason)}" "<span class="optional">"("{l.t(K::SurveyOptional)}")"</span></label>
                        <input id="move-reason" name="reason" type="text" maxlength=SHORT_MAX.to_string()/>
                    </div>
                    <button type="submit" class="button button-primary">{l.t(K::CaseMove)}</button>
                </form>
            })}
            {can_resume.then(|| view! {
                <form method="post" action={crate::forms::action::<crate::api::cases::MoveCase>()} class="form">
                    {hidden("id", id.clone())}
                    {hidden("version", version.clone())}
                    {hidden("action", "resume".into())}
                    {hidden("reason", String::new())}
                    <button type="submit" class="button button-primary">{l.t(K::CaseResume)}</button>
                </form>
            })}
            {can_hold.then(|| view! {
                <details class="facet" open=hold_open>
                    <summary>{l.t(K::CaseHold)}</summary>
                    <form method="post" action={crate::forms::action::<crate::api::cases::MoveCase>()} class="form">
                        {hidden("id", id.clone())}
                        {hidden("version", version.clone())}
                        {hidden("action", "hold".into())}
                        <div class="field">
                            <label for="until">{l.t(K::CaseHoldUntil)}</label>
                            <p class="hint" id="until-hint">{l.t(K::CaseDateHint)}</p>
                            <input id="until" name="until" type="date" required aria-describedby="until-hint"/>
                        </div>
                        <div class="field">
                            <label for="hold-reason">{l.t(K::CaseReason)}</label>
                            <input id="hold-reason" name="reason" type="text" maxlength=SHORT_MAX.to_string()/>
                        </div>
                        <button type="submit" class="button button-secondary">{l.t(K::CaseHold)}</button>
                    </form>
                </details>
            })}
            {(!outcomes.is_empty()).then(|| view! {
                <details class="facet" open=close_open>
                    <summary>{l.t(K::CaseClose)}</summary>
                    <form method="post" action={crate::forms::action::<crate::api::cases::MoveCase>()} class="form">
                        {hidden("id", id.clone())}
                        {hidden("version", version.clone())}
                        {hidden("action", "close".into())}
                        <div class="field">
                            <label for="outcome">{l.t(K::CaseOutcome)}</label>
                            <select id="outcome" name="outcome">
                                {outcomes.iter().map(|o| view! { <option value=o.key()>{l.t(o.label())}</option> }).collect_view()}
                            </select>
                        </div>
                        <div class="field">
                            <label for="close-reason">{l.t(K::CaseReason)}</label>
                            <input id="close-reason" name="reason" type="text" maxlength=SHORT_MAX.to_string()/>
                        </div>
                        <button type="submit" class="button button-secondary">{l.t(K::CaseClose)}</button>
                    </form>
                </details>
            })}
        </section>
    });
    view! { {assign}{moves} }.into_any()
}
