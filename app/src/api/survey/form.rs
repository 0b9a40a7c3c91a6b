//! A survey step's form, drawn on the server only: its questions, the missing answers and the
//! hidden save envelope. The step page shows the HTML as is, so the browser downloads none of
//! this code; the survey step server function renders it.

use crate::domain::{
    countries::Country,
    survey::{validate_step, Answers, FieldError, Options, Question, QuestionKind, Step, SurveyKind},
    taxonomy::{Depth, IssueArea},
};
use crate::i18n::use_locale;
use crate::i18n::K;
use crate::model::DraftView;
use leptos::prelude::*;

/// The answers still missing or wrong on this step, linking to each question.
#[component]
fn ErrorSummary(errors: Vec<FieldError>, step: &'static Step) -> impl IntoView {
    let l = use_locale();
    (!errors.is_empty()).then(|| {
        view! {
            <div class="error-summary" id="errors" role="alert" tabindex="-1">
                <h2>{l.t(K::ErrorSummaryTitle)}</h2>
                <ul>
                    {errors.into_iter().map(|e| {
                        let label = step.questions.iter().find(|q| q.id == e.question).map(|q| l.t(q.label)).unwrap_or_default();
                        view! { <li><a href=format!("#q-{}", e.question)>{l.tf(K::SurveyErrorItem, &[("question", label), ("message", l.t(e.key()))])}</a></li> }
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

/// The step's form: its questions, the hidden save envelope, and back / save and continue.
#[component]
fn StepForm(
    kind: SurveyKind,
    number: usize,
    step: &'static Step,
    draft: DraftView,
    errors: Vec<FieldError>,
) -> impl IntoView {
    let l = use_locale();
    let answers = draft.answers.clone();
    let seq = draft.seq;
    let questions = step
        .questions
        .iter()
        .filter(|q| !(q.from_account && draft.signed_in))
        .map(|q| {
            let error = errors.iter().find(|e| e.question == q.id).map(|e| l.t(e.key()));
            view! { <QuestionField question=q answers=answers.clone() error/> }
        })
        .collect_view();
    view! {
        <form id="survey-form" class="form survey-form" method="post" action={crate::forms::action::<crate::api::survey::SurveySaveStep>()} enctype="multipart/form-data" novalidate>
            <input type="hidden" name="kind" value=kind.key()/>
            <input type="hidden" name="draft" value=draft.id.clone()/>
            <input type="hidden" name="step" value=number.to_string()/>
            <input type="hidden" name="seq" id="survey-seq" value=(seq + 1).to_string()/>
            <input type="hidden" name="key" id="survey-key" value=draft.next_key.clone()/>
            {questions}
            <div class="wizard-actions">
                <button type="submit" name="nav" value="next" class="button button-primary">{l.t(K::SurveyNext)}</button>
                {(number > 1).then(|| view! {
                    <button type="submit" name="nav" value="back" class="button button-secondary">{l.t(K::SurveyBack)}</button>
                })}
            </div>
        </form>
    }
}

#[component]
fn QuestionField(question: &'static Question, answers: Answers, error: Option<&'static str>) -> impl IntoView {
    let l = use_locale();
    let id = question.id;
    let input_id = format!("q-{id}");
    let help_id = format!("help-{id}");
    let error_id = format!("err-{id}");
    let described = [question.help.map(|_| help_id.clone()), error.map(|_| error_id.clone())]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let described = (!described.is_empty()).then_some(described);
    let invalid = error.map(|_| "true");
    let required = question.required.then_some("true");
    let value = answers.first(id).to_string();
    let values = answers.values(id).to_vec();
    let label = view! {
        {l.t(question.label)}
        {(!question.required).then(|| view! { " "<span class="optional">"("{l.t(K::SurveyOptional)}")"</span> })}
    };
    let help = question.help.map(|h| view! { <p class="hint" id=help_id.clone()>{l.t(h)}</p> });
    let error_line = error.map(|e| view! { <p class="field-error" id=error_id.clone()>{e}</p> });
    let show_if = question.show_if.map(|c| format!("{}={}", c.question, c.equals));
    let control = match question.kind {
        QuestionKind::ShortText { max } => view! {
            <input id=input_id.clone() name=id type="text" maxlength=max.to_string() value=value
                autocomplete=match id { "respondent_name" => "name", "org_name" => "organization", "respondent_role" => "organization-title", _ => "off" }
                aria-describedby=described.clone() aria-invalid=invalid aria-required=required/>
        }.into_any(),
        QuestionKind::LongText { max } => view! {
            <textarea id=input_id.clone() name=id rows="6" maxlength=max.to_string()
                aria-describedby=described.clone() aria-invalid=invalid aria-required=required inner_html=crate::markup::textarea_markup(&value)></textarea>
        }.into_any(),
        QuestionKind::Email => view! {
            <input id=input_id.clone() name=id type="email" inputmode="email" autocomplete="email" maxlength="254" value=value
                aria-describedby=described.clone() aria-invalid=invalid aria-required=required/>
        }.into_any(),
        QuestionKind::Url => view! {
            <input id=input_id.clone() name=id type="url" inputmode="url" autocomplete="url" maxlength="500" value=value placeholder="https://"
                aria-describedby=described.clone() aria-invalid=invalid aria-required=required/>
        }.into_any(),
        QuestionKind::UrlList { .. } => view! {
            <textarea id=input_id.clone() name=id rows="4" inputmode="url" aria-describedby=described.clone() aria-invalid=invalid inner_html=crate::markup::textarea_markup(&values.join("\n"))></textarea>
            <p class="hint">{l.t(K::SurveyUrlsHint)}</p>
        }.into_any(),
        QuestionKind::Date => view! {
            <input id=input_id.clone() name=id type="date" min="2000-01-01" max="2100-12-31" value=value
                aria-describedby=described.clone() aria-invalid=invalid/>
        }.into_any(),
        QuestionKind::Country => view! {
            <select id=input_id.clone() name=id autocomplete="country" aria-describedby=described.clone() aria-invalid=invalid aria-required=required>
                <option value="">{l.t(K::SurveyChoose)}</option>
                {Country::sorted_for(l).into_iter().map(|c| view! { <option value=c.code selected=c.code == value>{c.name(l)}</option> }).collect_view()}
            </select>
        }.into_any(),
        QuestionKind::Countries => view! {
            <select id=input_id.clone() name=id multiple size="8" aria-describedby=described.clone() aria-invalid=invalid>
                {Country::sorted_for(l).into_iter().map(|c| view! { <option value=c.code selected=values.iter().any(|v| v == c.code)>{c.name(l)}</option> }).collect_view()}
            </select>
            <p class="hint">{l.t(K::SurveyCountriesHint)}</p>
        }.into_any(),
        QuestionKind::Single(options) if options.count() > 6 => view! {
            <select id=input_id.clone() name=id aria-describedby=described.clone() aria-invalid=invalid aria-required=required>
                <option value="">{l.t(K::SurveyChoose)}</option>
                {options.items(l).into_iter().map(|(k, lab)| view! { <option value=k selected=k == value>{lab}</option> }).collect_view()}
            </select>
        }.into_any(),
        QuestionKind::Single(options) => return choice_group(question, options, &values, false, label.into_any(), help, error_line, described, show_if).into_any(),
        QuestionKind::Multi(options) => return choice_group(question, options, &values, true, label.into_any(), help, error_line, described, show_if).into_any(),
        QuestionKind::AreasWithDepth => {
            let chosen = answers.areas_with_depth(id);
            return view! {
                <fieldset class="q choice-group areas" id=input_id.clone() aria-describedby=described.clone() tabindex="-1">
                    <legend>{label}</legend>
                    {help}
                    {error_line}
                    <div class="area-grid">
                        {IssueArea::all().into_iter().map(|area| {
                            let field = format!("{id}.{}", area.key());
                            let field_id = format!("q-{id}-{}", area.key());
                            let current = chosen.iter().find(|(a, _)| *a == area).map(|(_, d)| *d);
                            view! {
                                <div class="area-row">
                                    <label for=field_id.clone()>{area.label(l)}</label>
                                    <select id=field_id name=field>
                                        <option value="">{l.t(K::SurveyNotMyArea)}</option>
                                        {Depth::ALL.iter().map(|d| view! { <option value=d.key() selected=current == Some(*d)>{d.label(l)}</option> }).collect_view()}
                                    </select>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            }.into_any();
        }
        QuestionKind::Consent => {
            return view! {
                <div class="q consent" data-show-if=show_if>
                    {error_line}
                    <div class="check">
                        <input id=input_id.clone() name=id type="checkbox" value="yes" checked=value == "yes" aria-describedby=described aria-invalid=invalid/>
                        <label for=input_id>{label}</label>
                    </div>
                    {help}
                </div>
            }.into_any();
        }
    };
    view! {
        <div class="q field" data-show-if=show_if>
            <label for=input_id>{label}</label>
            {help}
            {error_line}
            {control}
        </div>
    }
    .into_any()
}

#[allow(clippy::too_many_arguments)]
fn choice_group(
    question: &'static Question,
    options: Options,
    values: &[String],
    multiple: bool,
    label: AnyView,
    help: Option<impl IntoView + 'static>,
    error: Option<impl IntoView + 'static>,
    described: Option<String>,
    show_if: Option<String>,
) -> impl IntoView {
    let l = use_locale();
    let id = question.id;
    let many = options.count() > 8;
    view! {
        <fieldset class="q choice-group" class:columns=many id=format!("q-{id}") aria-describedby=described tabindex="-1" data-show-if=show_if>
            <legend>{label}</legend>
            {help}
            {error}
            <div class="choices">
                {options.items(l).into_iter().map(|(key, lab)| {
                    let option_id = format!("q-{id}-{key}");
                    view! {
                        <div class="check">
                            <input id=option_id.clone() type=if multiple { "checkbox" } else { "radio" } name=id value=key checked=values.iter().any(|v| v == key)/>
                            <label for=option_id>{lab}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// Renders a step's form (and the summary of what is missing when `check`) to HTML on the
/// server, for the step page to show as is.
pub(crate) fn render_step(kind: SurveyKind, number: usize, draft: &DraftView, check: bool) -> String {
    use leptos::tachys::view::RenderHtml;
    let Some(step) = kind.step(number) else { return String::new() };
    let errors = if check { validate_step(step, &draft.answers, draft.signed_in) } else { Vec::new() };
    let draft = draft.clone();
    view! {
        <ErrorSummary errors=errors.clone() step/>
        <StepForm kind number step draft errors/>
    }
    .to_html()
}
