//! `/oversight/tuning`: the matching weights and the introductions' response window in force,
//! a proposal previewed on the open cases' best matches (a plain GET form), saved as a new
//! version with a reason (a plain POST form; steering), and every earlier version.

use super::overseer;
use crate::api::oversight::{tuning, SaveTuning, TUNING_FORM};
use crate::components::{use_locale, FormErrorSummary};
use crate::domain::matching::FactorKind;
use crate::domain::oversight::tuning::{Tuning, WEIGHT_MAX, WINDOW_DAYS};
use crate::i18n::{Locale, K};
use crate::model::{TuningPreview, TuningView};
use crate::pages::{loaded, refused, use_flash};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// `/oversight/tuning`.
#[component]
pub fn TuningPage() -> impl IntoView {
    let l = use_locale();
    let search = use_location().search.get_untracked();
    let saved = search.contains("saved=1");
    let body = match overseer() {
        Err(e) => refused(l, e, "/oversight/tuning"),
        Ok(()) => {
            let q = search.trim_start_matches('?').to_string();
            let data = Resource::new(move || q.clone(), tuning);
            view! { {loaded(l, data, "/oversight/tuning".into(), move |v| tuning_page(l, v, saved))} }.into_any()
        }
    };
    view! {
        <Title text=l.t(K::TuningTitle)/>
        <div class="container page oversight">{body}</div>
    }
}

fn tuning_page(l: Locale, v: TuningView, saved: bool) -> AnyView {
    let flash = use_flash(TUNING_FORM);
    // a refused save comes back here: the reason typed is kept
    let typed = flash.as_ref().map(|f| f.get("reason")).unwrap_or_default();
    let shown = v.preview.as_ref().map(|p| p.proposed).unwrap_or(v.current);
    let propose = v.can_tune.then(|| propose_form(l, &shown));
    let preview = v.preview.clone().map(|p| preview_section(l, &v, p, &typed));
    view! {
        <p class="muted"><a href="/oversight">{l.t(K::OversightTitle)}</a></p>
        <h1>{l.t(K::TuningTitle)}</h1>
        <p class="lead">{l.t(K::TuningLead)}</p>
        {saved.then(|| view! { <p class="notice" role="status">{l.tf(K::TuningSaved, &[("version", &v.version.to_string())])}</p> })}
        <FormErrorSummary flash=flash/>
        <section class="card" aria-labelledby="in-force-title">
            <h2 id="in-force-title">{l.t(K::TuningInForce)}</h2>
            <p class="muted">{if v.version == 0 { l.t(K::TuningBuiltIn).to_string() } else { l.tf(K::TuningVersion, &[("version", &v.version.to_string())]) }}</p>
            {settings_table(l, &v.current, "in-force")}
        </section>
        {propose}
        {preview}
        {history(l, &v)}
    }
    .into_any()
}

/// The weights and the window as a table.
fn settings_table(l: Locale, t: &Tuning, id: &'static str) -> AnyView {
    let rows = FactorKind::ALL
        .iter()
        .map(|k| {
            view! {
                <tr><th scope="row">{l.t(k.label())}</th><td class="num">{t.weights.of(*k)}</td></tr>
            }
        })
        .collect_view();
    view! {
        <table class="chart-table" id=id>
            <thead><tr><th scope="col">{l.t(K::TuningFactor)}</th><th scope="col">{l.t(K::TuningWeight)}</th></tr></thead>
            <tbody>
                {rows}
                <tr><th scope="row">{l.t(K::TuningWindow)}</th><td class="num">{l.tf(K::OversightDays, &[("n", &t.window_days.to_string())])}</td></tr>
            </tbody>
        </table>
    }
    .into_any()
}

/// The proposal: every weight and the window, previewed before anything is saved.
fn propose_form(l: Locale, t: &Tuning) -> AnyView {
    let inputs = FactorKind::ALL
        .iter()
        .map(|k| {
            let id = format!("w-{}", k.key());
            view! {
                <div class="field">
                    <label for=id.clone()>{l.t(k.label())}</label>
                    <input type="number" id=id name=k.key() min="0" max=WEIGHT_MAX.to_string() step="1" required
                        inputmode="numeric" value=t.weights.of(*k).to_string()/>
                </div>
            }
        })
        .collect_view();
    view! {
        <section class="card" aria-labelledby="propose-title">
            <h2 id="propose-title">{l.t(K::TuningPropose)}</h2>
            <p class="muted">{l.tf(K::TuningProposeLead, &[("max", &WEIGHT_MAX.to_string())])}</p>
            <form method="get" action="/oversight/tuning" class="tuning-form">
                <input type="hidden" name="preview" value="1"/>
                <div class="tuning-fields">
                    {inputs}
                    <div class="field">
                        <label for="w-window">{l.t(K::TuningWindow)}</label>
                        <input type="number" id="w-window" name="window" min=WINDOW_DAYS.start().to_string()
                            max=WINDOW_DAYS.end().to_string() step="1" required inputmode="numeric" value=t.window_days.to_string()/>
                    </div>
                </div>
                <button type="submit" class="button button-secondary">{l.t(K::TuningPreview)}</button>
            </form>
        </section>
    }
    .into_any()
}

/// What the proposal would change, and the form that saves it with a reason.
fn preview_section(l: Locale, v: &TuningView, p: TuningPreview, typed: &str) -> AnyView {
    let cases = p.changed.iter().map(|c| {
        let rows = c.shifts.iter().map(|s| {
            let place = |n: Option<usize>| n.map(|n| n.to_string()).unwrap_or_else(|| "–".into());
            view! { <tr><th scope="row">{s.name.clone()}</th><td class="num">{place(s.before)}</td><td class="num">{place(s.after)}</td></tr> }
        }).collect_view();
        view! {
            <li class="preview-case">
                <a href=format!("/cases/{}", c.case_id)>{c.government.clone()}</a>
                <table class="chart-table">
                    <thead><tr><th scope="col">{l.t(K::TuningProvider)}</th><th scope="col">{l.t(K::TuningBefore)}</th><th scope="col">{l.t(K::TuningAfter)}</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </li>
        }
    }).collect_view();
    let hidden = FactorKind::ALL
        .iter()
        .map(|k| view! { <input type="hidden" name=k.key() value=p.proposed.weights.of(*k).to_string()/> })
        .collect_view();
    let summary =
        l.tf(K::TuningChanged, &[("changed", &l.number(p.changed.len() as i64)), ("ranked", &l.number(p.ranked))]);
    let window = (p.proposed.window_days != v.current.window_days).then(|| {
        view! { <p>{l.tf(K::TuningWindowChange, &[("from", &v.current.window_days.to_string()), ("to", &p.proposed.window_days.to_string())])}</p> }
    });
    let save = v.can_tune.then(|| view! {
        <form method="post" action={crate::forms::action::<SaveTuning>()} class="form">
            <input type="hidden" name="version" value=v.version.to_string()/>
            {hidden}
            <input type="hidden" name="window" value=p.proposed.window_days.to_string()/>
            <div class="field">
                <label for="tuning-reason">{l.t(K::TuningReason)}</label>
                <p class="hint" id="tuning-reason-hint">{l.t(K::TuningReasonHint)}</p>
                <textarea id="tuning-reason" name="reason" rows="3" required maxlength="500" aria-describedby="tuning-reason-hint"
                    inner_html=crate::markup::textarea_markup(typed)></textarea>
            </div>
            <button type="submit" class="button button-primary">{l.tf(K::TuningSave, &[("version", &(v.version + 1).to_string())])}</button>
        </form>
    });
    view! {
        <section class="card" aria-labelledby="preview-title" id="tuning-preview">
            <h2 id="preview-title">{l.t(K::TuningPreviewTitle)}</h2>
            <p id="preview-summary">{summary}</p>
            {window}
            <ul class="preview-cases">{cases}</ul>
            {save}
        </section>
    }
    .into_any()
}

/// Every version saved, the latest first.
fn history(l: Locale, v: &TuningView) -> AnyView {
    if v.history.is_empty() {
        return view! { <p class="muted">{l.t(K::TuningNoHistory)}</p> }.into_any();
    }
    let rows = v.history.iter().map(|c| {
        let weights = FactorKind::ALL.iter().map(|k| format!("{} {}", l.t(k.label()), c.tuning.weights.of(*k))).collect::<Vec<_>>().join(" · ");
        view! {
            <tr>
                <th scope="row">{c.version}</th>
                <td class="nowrap">{crate::domain::time::format_utc(c.at)}</td>
                <td>{c.by.clone()}</td>
                <td>{c.reason.clone()}<br/><span class="muted small">{weights}" · "{l.tf(K::OversightDays, &[("n", &c.tuning.window_days.to_string())])}</span></td>
            </tr>
        }
    }).collect_view().into_any();
    view! {
        <section>
            <h2 id="history-title">{l.t(K::TuningHistory)}</h2>
            {crate::components::data_table(l, K::TuningHistory, &[K::TuningColVersion, K::TuningColWhen, K::TuningColWho, K::TuningColWhy], rows)}
        </section>
    }
    .into_any()
}
