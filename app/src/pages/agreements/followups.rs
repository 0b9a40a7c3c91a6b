//! `/follow-ups`: how did it go? The follow-ups asked of the caller's organisations three and six
//! months after an agreement, each with its labelled rating scale and a few words (plain forms).

use crate::api::followups::my_follow_ups;
use crate::components::{use_locale, FormErrorSummary};
use crate::domain::followup::{Rating, COMMENT_MAX};
use crate::domain::time::format_utc;
use crate::i18n::{Locale, K};
use crate::model::{FollowUpView, FollowUpsPage as Page};
use crate::pages::use_flash;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/follow-ups`.
#[component]
pub fn FollowUpsPage() -> impl IntoView {
    let l = use_locale();
    let data = Resource::new(|| (), |_| my_follow_ups());
    view! {
        <div class="container page narrow">
            {crate::pages::loaded(l, data, "/follow-ups".to_string(), move |p| page(l, p))}
        </div>
    }
}

fn item(l: Locale, f: FollowUpView) -> AnyView {
    let anchor = format!("f-{}-{}-{}", f.case_id, f.months, f.organisation_id);
    let heading = format!("{anchor}-title");
    let title = l.tf(K::FollowUpItemTitle, &[("government", &f.government), ("months", &f.months.to_string())]);
    let answered = f.answered_at.map(|at| {
        let rating = f.rating.and_then(|r| Rating::from_key(&r.to_string())).map(|r| l.t(r.label())).unwrap_or("");
        view! {
            <p class="status status-submitted">{l.tf(K::FollowUpAnswered, &[("date", &format_utc(at)), ("rating", rating)])}</p>
            {(!f.comment.is_empty()).then(|| view! { <p class="prose">{f.comment.clone()}</p> })}
        }
    });
    let form = f.answered_at.is_none().then(|| {
        let comment_id = format!("{anchor}-comment");
        view! {
            <form method="post" action={crate::forms::action::<crate::api::followups::AnswerFollowUp>()} class="form">
                <input type="hidden" name="case_id" value=f.case_id.clone()/>
                <input type="hidden" name="months" value=f.months.to_string()/>
                <input type="hidden" name="organisation" value=f.organisation_id.clone()/>
                <fieldset class="field" id=format!("{anchor}-rating")>
                    <legend>{l.t(K::FollowUpRatingLabel)}</legend>
                    {Rating::ALL.into_iter().map(|r| {
                        let id = format!("{anchor}-r{}", r.key());
                        view! {
                            <div class="check">
                                <input type="radio" id=id.clone() name="rating" value=r.key() required/>
                                <label for=id>{r.key()}" — "{l.t(r.label())}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="field">
                    <label for=comment_id.clone()>{l.t(K::FollowUpCommentLabel)}</label>
                    <textarea id=comment_id name="comment" rows="3" maxlength=COMMENT_MAX.to_string()></textarea>
                </div>
                <button type="submit" class="button button-primary">{l.t(K::FollowUpSend)}</button>
            </form>
        }
    });
    view! {
        <li class="card" id=anchor aria-labelledby=heading.clone()>
            <h2 id=heading.clone()>{title}</h2>
            <p class="muted">{l.tf(K::FollowUpAskedOf, &[("organisation", &f.organisation), ("date", &format_utc(f.asked_at))])}</p>
            {answered}
            {form}
        </li>
    }
    .into_any()
}

fn page(l: Locale, p: Page) -> AnyView {
    let title = l.t(K::FollowUpTitle);
    let flash = use_flash("follow_up");
    view! {
        <Title text=title/>
        <h1>{title}</h1>
        <p class="lead">{l.t(K::FollowUpLead)}</p>
        <FormErrorSummary flash=flash.clone()/>
        {if p.items.is_empty() {
            view! { <p class="muted">{l.t(K::FollowUpNone)}</p> }.into_any()
        } else {
            view! { <ul class="plain-list">{p.items.into_iter().map(|f| item(l, f)).collect_view()}</ul> }.into_any()
        }}
    }
    .into_any()
}
