//! Explained matches with their decisions (shortlist, exclude, pin), and the shortlist.

use super::hidden;
use crate::components::FormErrorSummary;
use crate::domain::casework::{Decision, SHORT_MAX};
use crate::domain::matching::{describe_item, Factor};
use crate::i18n::{Locale, K};
use crate::model::{CaseView, MatchView};
use crate::pages::use_flash;
use leptos::prelude::*;

pub(crate) fn factor_line(l: Locale, f: &Factor) -> AnyView {
    let words = |items: &[String]| items.iter().map(|k| describe_item(f.kind, k, l)).collect::<Vec<_>>().join(", ");
    let matched = words(&f.matched);
    let missing = words(&f.missing);
    view! {
        <li>
            <span class="factor-name">{l.t(f.kind.label())}</span>
            " "<span class="factor-points">{l.tf(K::MatchPoints, &[("points", &f.points.to_string()), ("max", &f.max.to_string())])}</span>
            {(!matched.is_empty()).then(|| view! { <br/><span>{l.tf(K::MatchMatched, &[("items", &matched)])}</span> })}
            {(!missing.is_empty()).then(|| view! { <br/><span class="muted">{l.tf(K::MatchMissing, &[("items", &missing)])}</span> })}
        </li>
    }.into_any()
}

pub(super) fn match_card(l: Locale, case_id: &str, version: i64, can_work: bool, m: MatchView) -> AnyView {
    let a = m.arranged;
    // the highest score possible: the weights it was ranked with
    let total: u32 = a.ranked.factors.iter().map(|f| f.max).sum();
    let pid = a.ranked.id.clone();
    let decision = a.decision.clone();
    let reason_id = format!("reason-{pid}");
    let badge = decision.as_ref().map(|(d, reason)| {
        view! {
            <p>
                <span class=format!("badge decision-{}", d.key())>{l.t(d.label())}</span>
                {(!reason.is_empty()).then(|| view! { " "<span class="muted">{reason.clone()}</span> })}
            </p>
        }
    });
    let form = can_work.then(|| {
        let current = decision.as_ref().map(|d| d.0);
        view! {
            <form method="post" action={crate::forms::action::<crate::api::cases::DecideMatch>()} class="decide">
                {hidden("id", case_id.to_string())}
                {hidden("version", version.to_string())}
                {hidden("provider", pid.clone())}
                <div class="field">
                    <label for=reason_id.clone()>{l.t(K::CaseDecisionReason)}</label>
                    <input id=reason_id.clone() name="reason" type="text" maxlength=SHORT_MAX.to_string()/>
                </div>
                <div class="actions">
                    {Decision::ALL.into_iter().filter(|d| Some(*d) != current).map(|d| view! {
                        <button type="submit" name="decision" value=d.key() class=if d == Decision::Shortlisted { "button button-primary" } else { "button button-secondary" }>
                            {l.t(match d { Decision::Shortlisted => K::CaseShortlist, Decision::Excluded => K::CaseExclude, Decision::Pinned => K::CasePin })}
                        </button>
                    }).collect_view()}
                    {current.is_some().then(|| view! {
                        <button type="submit" name="decision" value="clear" class="button button-secondary">{l.t(K::CaseClearDecision)}</button>
                    })}
                </div>
            </form>
        }
    });
    view! {
        <li class="card match" id=format!("match-{pid}")>
            <div class="match-head">
                <h3><a href=format!("/roster/providers/{pid}")>{m.name.clone()}</a></h3>
                <p class="match-score">
                    <strong>{l.tf(K::MatchScore, &[("score", &a.ranked.score.to_string()), ("max", &total.to_string())])}</strong>
                    " · "{l.tf(K::MatchRank, &[("rank", &a.rank.to_string())])}
                </p>
            </div>
            {badge}
            <details>
                <summary>{l.t(K::MatchWhy)}</summary>
                <ul class="factors">{a.ranked.factors.iter().map(|f| factor_line(l, f)).collect_view()}</ul>
            </details>
            {form}
        </li>
    }.into_any()
}

pub(super) fn matches_section(l: Locale, v: &CaseView, matches: Vec<MatchView>) -> AnyView {
    let flash = use_flash("case_decide");
    let id = v.summary.id.clone();
    let version = v.summary.version;
    let can_work = v.can_work;
    let excluded = v.excluded.clone();
    view! {
        <section class="card" id="matches" aria-labelledby="matches-title">
            <h2 id="matches-title">{l.t(K::MatchTitle)}</h2>
            <p class="muted">{l.t(if v.scope_is_draft { K::MatchOnDraft } else { K::MatchOnScope })}</p>
            <FormErrorSummary flash=flash/>
            {if matches.is_empty() {
                view! { <div class="empty-state"><p>{l.t(K::MatchNone)}</p></div> }.into_any()
            } else {
                view! {
                    <ol class="matches">
                        {matches.into_iter().map(|m| match_card(l, &id, version, can_work, m)).collect_view()}
                    </ol>
                }.into_any()
            }}
            {(!excluded.is_empty()).then(|| view! {
                <details>
                    <summary>{l.tf(K::MatchExcluded, &[("count", &excluded.len().to_string())])}</summary>
                    <ol class="matches">
                        {excluded.into_iter().map(|m| match_card(l, &id, version, can_work, m)).collect_view()}
                    </ol>
                </details>
            })}
        </section>
    }
    .into_any()
}

pub(super) fn shortlist_section(l: Locale, v: &CaseView) -> AnyView {
    v.matches.is_some().then(|| {
        view! {
            <section class="card" id="shortlist" aria-labelledby="shortlist-title">
                <h2 id="shortlist-title">{l.t(K::CaseShortlistTitle)}</h2>
                {if v.shortlist.is_empty() {
                    view! { <p class="muted">{l.t(K::CaseShortlistEmpty)}</p> }.into_any()
                } else {
                    view! {
                        <ul class="shortlist">
                            {v.shortlist.iter().map(|entry| (&entry.provider_id, &entry.name, &entry.reason)).map(|(pid, name, reason)| view! {
                                <li>
                                    <a href=format!("/roster/providers/{pid}")>{name.clone()}</a>
                                    {(!reason.is_empty()).then(|| view! { <br/><span class="muted">{reason.clone()}</span> })}
                                    {v.can_work.then(|| view! {
                                        <form method="post" action={crate::forms::action::<crate::api::cases::DecideMatch>()} class="inline-form">
                                            {hidden("id", v.summary.id.clone())}
                                            {hidden("version", v.summary.version.to_string())}
                                            {hidden("provider", pid.clone())}
                                            {hidden("decision", "clear".into())}
                                            {hidden("reason", String::new())}
                                            <button type="submit" class="link-button" aria-label=l.tf(K::CaseShortlistRemoveNamed, &[("name", name)])>{l.t(K::CaseShortlistRemove)}</button>
                                        </form>
                                    })}
                                </li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>
        }
    }).into_any()
}
