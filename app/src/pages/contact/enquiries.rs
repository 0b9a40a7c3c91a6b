//! `/enquiries` (Case Managers, admins): the conversations the contact form opened, by status;
//! `/enquiries/{id}`: one conversation, the answer form (mailed to the visitor) and closing it.

use super::conversation;
use crate::api::contact::{enquiries, enquiry, AnswerEnquiry};
use crate::components::{use_locale, FormErrorSummary};
use crate::domain::contact::{EnquiryStatus, MESSAGE_MAX};
use crate::domain::time::format_utc;
use crate::forms::action;
use crate::i18n::{Locale, K};
use crate::model::{EnquiryList, EnquiryView};
use crate::pages::use_flash;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::{use_params_map, use_query_map};

/// `/enquiries`.
#[component]
pub fn EnquiriesPage() -> impl IntoView {
    let l = use_locale();
    let status = use_query_map().with_untracked(|q| q.get("status")).unwrap_or_else(|| "open".into());
    let data = Resource::new(move || status.clone(), enquiries);
    view! {
        <Title text=l.t(K::EnquiriesTitle)/>
        <div class="container page">
            <h1>{l.t(K::EnquiriesTitle)}</h1>
            <p class="lead">{l.t(K::EnquiriesLead)}</p>
            {crate::pages::loaded(l, data, "/enquiries".into(), move |v| list(l, v))}
        </div>
    }
}

fn list(l: Locale, v: EnquiryList) -> AnyView {
    let tabs = [None, Some(EnquiryStatus::Open), Some(EnquiryStatus::Answered), Some(EnquiryStatus::Closed)]
        .into_iter()
        .map(|s| {
            let href = format!("/enquiries?status={}", s.map(|s| s.key()).unwrap_or(""));
            let label = s.map(|s| l.t(s.label())).unwrap_or(l.t(K::EnquiriesAll));
            let current = (s == v.status).then_some("page");
            view! { <li><a href=href aria-current=current>{label}</a></li> }
        })
        .collect_view();
    let rows = if v.rows.is_empty() {
        view! { <div class="empty-state"><p>{l.t(K::EnquiriesNone)}</p></div> }.into_any()
    } else {
        view! {
            <ul class="plain-list">
                {v.rows.into_iter().map(|e| view! {
                    <li class="card">
                        <h2><a href=format!("/enquiries/{}", e.id)>{e.name.clone()}</a></h2>
                        <p class="muted">
                            {(!e.organisation.is_empty()).then(|| format!("{} · ", e.organisation))}
                            {l.t(e.topic.label())}" · "{l.t(e.status.label())}" · "{format_utc(e.updated_at)}
                        </p>
                    </li>
                }).collect_view()}
            </ul>
        }
        .into_any()
    };
    view! {
        <p role="status">{l.tf(K::EnquiriesOpenCount, &[("count", &v.open.to_string())])}</p>
        <nav aria-label=l.t(K::EnquiriesFilter)><ul class="file-links">{tabs}</ul></nav>
        {rows}
    }
    .into_any()
}

/// `/enquiries/{id}`.
#[component]
pub fn EnquiryPage() -> impl IntoView {
    let l = use_locale();
    let id = use_params_map().with_untracked(|p| p.get("id")).unwrap_or_default();
    let data = Resource::new(
        {
            let id = id.clone();
            move || id.clone()
        },
        enquiry,
    );
    view! {
        <div class="container narrow page">
            <p class="muted"><a href="/enquiries">{l.t(K::EnquiriesTitle)}</a></p>
            {crate::pages::loaded(l, data, format!("/enquiries/{id}"), move |v| detail(l, v))}
        </div>
    }
}

fn detail(l: Locale, v: EnquiryView) -> AnyView {
    let flash = use_flash("enquiry");
    let typed = flash.as_ref().map(|f| f.get("message")).unwrap_or_default();
    let closed = v.status == EnquiryStatus::Closed;
    view! {
        <Title text=v.name.clone()/>
        <h1>{v.name.clone()}</h1>
        <dl class="facts">
            <dt>{l.t(K::ContactEmail)}</dt><dd><a href=format!("mailto:{}", v.email)>{v.email.clone()}</a></dd>
            <dt>{l.t(K::ContactOrganisation)}</dt><dd>{v.organisation.clone()}</dd>
            <dt>{l.t(K::ContactTopic)}</dt><dd>{l.t(v.topic.label())}</dd>
            <dt>{l.t(K::EnquiriesStatus)}</dt><dd>{l.t(v.status.label())}</dd>
        </dl>
        {conversation(l, &v.messages, &v.name).into_any()}
        {answer_form(l, &v, flash, typed, closed)}
    }
    .into_any()
}

fn answer_form(
    l: Locale,
    v: &EnquiryView,
    flash: Option<crate::forms::FormFlash>,
    typed: String,
    closed: bool,
) -> AnyView {
    view! {
        <FormErrorSummary flash=flash/>
        <form class="form card" method="post" action={action::<AnswerEnquiry>()}>
            <input type="hidden" name="id" value=v.id.clone()/>
            <input type="hidden" name="version" value=v.version.to_string()/>
            <div class="field">
                <label for="message">{l.t(K::EnquiriesAnswer)}</label>
                <p class="hint" id="answer-hint">{l.t(K::EnquiriesAnswerHint)}</p>
                <textarea id="message" name="message" rows="6" maxlength={MESSAGE_MAX.to_string()} aria-describedby="answer-hint">{typed}</textarea>
            </div>
            <div class="actions">
                <button type="submit" name="close" value="0" class="button button-primary">{l.t(K::EnquiriesSend)}</button>
                {(!closed).then(|| view! {
                    <button type="submit" name="close" value="1" class="button button-secondary">{l.t(K::EnquiriesClose)}</button>
                })}
            </div>
        </form>
    }
    .into_any()
}
