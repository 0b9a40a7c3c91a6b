//! The survey wizards: `/survey/{supply,demand}` (what the survey is, start or continue, what
//! was submitted before), `/survey/{kind}/step/{n}` (one step per screen), `/survey/{kind}/review`
//! and `/survey/{kind}/done`. Every step is a real form that posts and re-renders with the
//! server's checks; once the WASM is loaded the answers are also autosaved while typing and
//! kept in the browser while offline (see `survey_autosave`). The questions themselves are drawn
//! by the server, so the browser downloads none of their code.

use super::use_flash;
use crate::api::survey::{survey_state, survey_step};
use crate::components::use_locale;
use crate::domain::survey::{display_value, is_shown, Answers, SurveyKind};
use crate::domain::taxonomy::IssueArea;
use crate::domain::time::format_utc;
use crate::i18n::K;
use crate::model::{SurveyOverview, SurveyStepView};
// the step's questions are drawn by the server only (see `render_step`)
#[cfg(feature = "ssr")]
use crate::domain::{
    countries::Country,
    survey::{validate_step, FieldError, Options, Question, QuestionKind, Step},
    taxonomy::Depth,
};
#[cfg(feature = "ssr")]
use crate::model::DraftView;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;
use leptos_router::hooks::{use_params_map, use_query_map};

fn kind_from_params() -> Option<SurveyKind> {
    use_params_map().with_untracked(|p| p.get("kind")).and_then(|k| SurveyKind::from_key(&k))
}

fn overview(kind: SurveyKind) -> Resource<Result<SurveyOverview, crate::error::AppError>> {
    Resource::new(move || kind, |kind| survey_state(kind.key().to_string()))
}

/// `/survey/supply` and `/survey/demand`: what the survey asks, start or continue, and what
/// the respondent submitted before.
#[component]
pub fn SurveyIntroPage(kind: SurveyKind) -> impl IntoView {
    let l = use_locale();
    let data = overview(kind);
    let expired = use_query_map().with_untracked(|q| q.get("expired").is_some());
    let (lead, steps) = match kind {
        SurveyKind::Supply => (K::SurveySupplyLead, kind.steps()),
        SurveyKind::Demand => (K::SurveyDemandLead, kind.steps()),
    };
    view! {
        <Title text=l.t(kind.title())/>
        <div class="container narrow page">
            <h1>{l.t(kind.title())}</h1>
            <p class="lead">{l.t(lead)}</p>
            {expired.then(|| view! { <p class="notice" role="status">{l.t(K::ErrorLinkInvalid)}</p> })}
            <ol class="survey-outline">
                {steps.iter().map(|s| view! { <li><strong>{l.t(s.title)}</strong>" — "{l.t(s.intro)}</li> }).collect_view()}
            </ol>
            <p>{l.t(K::SurveyDuration)}</p>
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let o = data.await.unwrap_or_default();
                    let open = o.draft.as_ref().filter(|d| !d.submitted && d.seq > 0).map(|d| d.reached_step);
                    view! {
                        {open.map(|reached| {
                            let n = reached.min(kind.steps().len() as i64) as usize;
                            let step = kind.step(n).map(|s| l.t(s.title)).unwrap_or_default();
                            view! { <p class="notice">{l.tf(K::SurveyContinueStep, &[("n", &n.to_string()), ("step", step)])}</p> }
                        })}
                        <form method="post" action="/api/survey_start" class="section-tight">
                            <input type="hidden" name="kind" value=kind.key()/>
                            <button type="submit" class="button button-primary">
                                {l.t(if open.is_some() { K::SurveyContinue } else if kind == SurveyKind::Demand && !o.requests.is_empty() { K::SurveyNewRequest } else if o.profile.is_some() { K::SurveyProfileEdit } else { K::SurveyStart })}
                            </button>
                        </form>
                        <Submissions overview=o kind/>
                    }
                })}
            </Suspense>
        </div>
    }
}

/// A signed-in respondent's provider profile and requests.
#[component]
fn Submissions(overview: SurveyOverview, kind: SurveyKind) -> impl IntoView {
    let l = use_locale();
    let profile = overview.profile.filter(|_| kind == SurveyKind::Supply).map(|p| {
        view! {
            <section class="card section-tight" aria-labelledby="profile-title">
                <h2 id="profile-title">{l.t(K::SurveyProfileTitle)}</h2>
                <p><strong>{p.organisation_name}</strong></p>
                <p>{l.tf(K::SurveyProfileVersion, &[("version", &p.version.to_string()), ("date", &format_utc(p.submitted_at))])}</p>
                <p><a href=format!("/roster/providers/{}", p.organisation_id)>{l.t(K::SurveyProfileOpen)}</a></p>
            </section>
        }
    });
    let requests = (kind == SurveyKind::Demand && !overview.requests.is_empty()).then(|| {
        view! {
            <section class="section-tight" aria-labelledby="requests-title">
                <h2 id="requests-title">{l.t(K::SurveyRequestsTitle)}</h2>
                <ul class="request-list">
                    {overview.requests.into_iter().map(|r| {
                        let areas = r.areas.iter().filter_map(|a| IssueArea::from_key(a)).map(|a| a.label(l)).collect::<Vec<_>>().join(", ");
                        view! {
                            <li class="card">
                                <p class="badge">{l.t(K::SurveyRequestStatusSubmitted)}</p>
                                <p><strong>{areas}</strong></p>
                                <p>{r.need}</p>
                                <p class="muted">{l.tf(K::SurveyRequestSubmitted, &[("date", &format_utc(r.created_at))])}</p>
                                <p><a href=format!("/roster/requests/{}", r.id)>{l.t(K::SurveyRequestOpen)}</a></p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
                <p><a href="/cases">{l.t(K::RequestFollowCase)}</a></p>
            </section>
        }
    });
    view! { {profile} {requests} }
}

/// `/survey/{kind}/step/{n}`: one step of the wizard.
#[component]
pub fn SurveyStepPage() -> impl IntoView {
    let l = use_locale();
    let Some(kind) = kind_from_params() else { return view! { <crate::pages::NotFound/> }.into_any() };
    let number: usize = use_params_map().with_untracked(|p| p.get("n")).and_then(|n| n.parse().ok()).unwrap_or(0);
    let Some(step) = kind.step(number) else { return view! { <crate::pages::NotFound/> }.into_any() };
    let check = use_query_map().with_untracked(|q| q.get("check").is_some());
    let data = Resource::new(
        move || (kind, number, check),
        |(kind, number, check)| survey_step(kind.key().to_string(), number, check),
    );
    let sent = use_query_map().with_untracked(|q| q.get("sent").is_some());
    let flash = use_flash("survey");
    let later_flash = use_flash("survey_later");
    view! {
        <Title text=format!("{} · {}", l.t(step.title), l.t(kind.title()))/>
        <div class="container page wizard">
            <Suspense fallback=|| ()>
                {move || {
                    let flash = flash.clone();
                    let later_flash = later_flash.clone();
                    Suspend::new(async move {
                        let SurveyStepView { overview: o, form_html } = data.await.unwrap_or_default();
                        let draft = match open_draft(kind, o.draft.clone(), number as i64) {
                            Ok(draft) => draft,
                            Err(redirect) => return redirect,
                        };
                        let status = RwSignal::new(if draft.seq > 0 { SaveStatus::Saved } else { SaveStatus::Idle });
                        #[cfg(feature = "hydrate")]
                        crate::pages::survey_autosave::attach(kind, number, draft.id.clone(), draft.seq, status);
                        view! {
                            <StepList kind current=number reached=draft.reached_step/>
                            <div class="wizard-main">
                                <p class="step-count">{l.tf(K::SurveyStepOf, &[("n", &number.to_string()), ("total", &kind.steps().len().to_string())])}</p>
                                <h1>{l.t(step.title)}</h1>
                                <p class="lead">{l.t(step.intro)}</p>
                                <crate::components::FormErrorSummary flash=flash/>
                                // the questions are rendered by the server (`render_step`): the
                                // browser never needs their code, only the form it posts
                                <div class="step-body" inner_html=form_html></div>
                                <SaveStatusLine status/>
                                <ContinueLater kind email=o.email.clone() signed_in=draft.signed_in sent flash=later_flash/>
                            </div>
                        }.into_any()
                    })
                }}
            </Suspense>
        </div>
    }
    .into_any()
}

/// The respondent's draft if it is open and has reached step `number` (one past the last step
/// is the review page); otherwise where to go instead: the survey's start, its thank-you page, or
/// the furthest step reached.
fn open_draft(
    kind: SurveyKind,
    draft: Option<crate::model::DraftView>,
    number: i64,
) -> Result<crate::model::DraftView, AnyView> {
    let path = match &draft {
        None => format!("/survey/{}", kind.key()),
        Some(d) if d.submitted => format!("/survey/{}/done", kind.key()),
        Some(d) if number > d.reached_step => format!("/survey/{}/step/{}", kind.key(), d.reached_step),
        Some(_) => return draft.ok_or_else(|| ().into_any()),
    };
    Err(view! { <Redirect path/> }.into_any())
}

/// The list of steps: done ones are links, later ones plain text.
#[component]
fn StepList(kind: SurveyKind, current: usize, reached: i64) -> impl IntoView {
    let l = use_locale();
    let review = kind.steps().len() + 1;
    view! {
        <nav class="step-list" aria-label=l.t(K::SurveyStepsLabel)>
            <ol>
                {kind.steps().iter().enumerate().map(|(i, s)| {
                    let n = i + 1;
                    let label = l.t(s.title);
                    if n == current {
                        view! { <li class="current"><a href=format!("/survey/{}/step/{n}", kind.key()) aria-current="step">{label}</a></li> }.into_any()
                    } else if n as i64 <= reached {
                        view! { <li class="done"><a href=format!("/survey/{}/step/{n}", kind.key())>{label}</a></li> }.into_any()
                    } else {
                        view! { <li>{label}</li> }.into_any()
                    }
                }).collect_view()}
                {if review as i64 <= reached {
                    view! { <li class=if current == review { "current" } else { "done" }><a href=format!("/survey/{}/review", kind.key()) aria-current=(current == review).then_some("step")>{l.t(K::SurveyReview)}</a></li> }.into_any()
                } else {
                    view! { <li>{l.t(K::SurveyReview)}</li> }.into_any()
                }}
            </ol>
        </nav>
    }
}

#[cfg(feature = "ssr")]
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

#[cfg(feature = "ssr")]
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
        <form id="survey-form" class="form survey-form" method="post" action="/api/survey_save_step" enctype="multipart/form-data" novalidate>
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

/// Where the answers stand, announced politely to screen readers.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing typed yet.
    Idle,
    /// A save is on its way.
    Saving,
    /// On the server.
    Saved,
    /// Kept in this browser until the connection returns.
    Offline,
    /// The server refused or failed; a retry is offered.
    Failed,
    /// Another tab or device saved newer answers.
    Conflict,
}

#[component]
fn SaveStatusLine(status: RwSignal<SaveStatus>) -> impl IntoView {
    let l = use_locale();
    view! {
        <p class="save-status" role="status" aria-live="polite" data-status=move || format!("{:?}", status.get()).to_lowercase()>
            {move || match status.get() {
                SaveStatus::Idle => String::new(),
                SaveStatus::Saving => l.t(K::SurveyStatusSaving).to_string(),
                SaveStatus::Saved => l.t(K::SurveyStatusSaved).to_string(),
                SaveStatus::Offline => l.t(K::SurveyStatusOffline).to_string(),
                SaveStatus::Failed => l.t(K::SurveyStatusFailed).to_string(),
                SaveStatus::Conflict => l.t(K::SurveyStatusConflict).to_string(),
            }}
            {move || (status.get() == SaveStatus::Failed).then(|| view! {
                " "<button type="button" class="link-button" id="survey-retry">{l.t(K::SurveyStatusRetry)}</button>
            })}
        </p>
    }
}

#[cfg(feature = "ssr")]
/// One question as native form controls.
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
                aria-describedby=described.clone() aria-invalid=invalid aria-required=required inner_html=crate::components::textarea_markup(&value)></textarea>
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
            <textarea id=input_id.clone() name=id rows="4" inputmode="url" aria-describedby=described.clone() aria-invalid=invalid inner_html=crate::components::textarea_markup(&values.join("\n"))></textarea>
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
        QuestionKind::Single(options) if options.items().len() > 6 => view! {
            <select id=input_id.clone() name=id aria-describedby=described.clone() aria-invalid=invalid aria-required=required>
                <option value="">{l.t(K::SurveyChoose)}</option>
                {options.items().into_iter().map(|(k, lab)| view! { <option value=k selected=k == value>{l.t(lab)}</option> }).collect_view()}
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
                        {IssueArea::ALL.iter().map(|area| {
                            let field = format!("{id}.{}", area.key());
                            let field_id = format!("q-{id}-{}", area.key());
                            let current = chosen.iter().find(|(a, _)| a == area).map(|(_, d)| *d);
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

#[cfg(feature = "ssr")]
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
    let many = options.items().len() > 8;
    view! {
        <fieldset class="q choice-group" class:columns=many id=format!("q-{id}") aria-describedby=described tabindex="-1" data-show-if=show_if>
            <legend>{label}</legend>
            {help}
            {error}
            <div class="choices">
                {options.items().into_iter().map(|(key, lab)| {
                    let option_id = format!("q-{id}-{key}");
                    view! {
                        <div class="check">
                            <input id=option_id.clone() type=if multiple { "checkbox" } else { "radio" } name=id value=key checked=values.iter().any(|v| v == key)/>
                            <label for=option_id>{l.t(lab)}</label>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// "Continue later": an e-mailed link (or, signed in, any device).
#[component]
fn ContinueLater(
    kind: SurveyKind,
    email: Option<String>,
    signed_in: bool,
    sent: bool,
    flash: Option<crate::forms::FormFlash>,
) -> impl IntoView {
    let l = use_locale();
    view! {
        <section class="card later" aria-labelledby="later-title">
            <h2 id="later-title">{l.t(K::SurveyLaterTitle)}</h2>
            {if signed_in {
                view! { <p>{l.t(K::SurveyLaterSignedIn)}</p> }.into_any()
            } else if sent {
                view! { <p role="status">{l.tf(K::SurveyLaterSent, &[("email", email.as_deref().unwrap_or_default())])}</p> }.into_any()
            } else {
                view! {
                    <p>{l.t(K::SurveyLaterBody)}</p>
                    <crate::components::FormErrorSummary flash/>
                    <form method="post" action="/api/survey_resume_link">
                        <input type="hidden" name="kind" value=kind.key()/>
                        <button type="submit" class="button button-secondary">{l.t(K::SurveyLaterSend)}</button>
                    </form>
                }.into_any()
            }}
        </section>
    }
}

/// `/survey/{kind}/review`: every answer in readable form with links to change it, and submit.
#[component]
pub fn SurveyReviewPage() -> impl IntoView {
    let l = use_locale();
    let Some(kind) = kind_from_params() else { return view! { <crate::pages::NotFound/> }.into_any() };
    let data = overview(kind);
    let flash = use_flash("survey");
    view! {
        <Title text=format!("{} · {}", l.t(K::SurveyReview), l.t(kind.title()))/>
        <div class="container page wizard">
            <Suspense fallback=|| ()>
                {move || {
                    let flash = flash.clone();
                    Suspend::new(async move {
                        let o = data.await.unwrap_or_default();
                        let review = kind.steps().len() as i64 + 1;
                        let draft = match open_draft(kind, o.draft.clone(), review) {
                            Ok(draft) => draft,
                            Err(redirect) => return redirect,
                        };
                        view! {
                            <StepList kind current=review as usize reached=draft.reached_step/>
                            <div class="wizard-main">
                                <h1>{l.t(K::SurveyReview)}</h1>
                                <p class="lead">{l.t(K::SurveyReviewIntro)}</p>
                                <crate::components::FormErrorSummary flash/>
                                <AnswerList kind answers=draft.answers.clone() signed_in=draft.signed_in edit=true/>
                                <form method="post" action="/api/survey_submit">
                                    <input type="hidden" name="kind" value=kind.key()/>
                                    <input type="hidden" name="draft" value=draft.id.clone()/>
                                    <button type="submit" class="button button-primary">
                                        {l.t(if kind == SurveyKind::Supply { K::SurveySubmitSupply } else { K::SurveySubmitDemand })}
                                    </button>
                                </form>
                            </div>
                        }.into_any()
                    })
                }}
            </Suspense>
        </div>
    }
    .into_any()
}

/// Every answer of a survey, step by step, in readable form.
#[component]
pub fn AnswerList(kind: SurveyKind, answers: Answers, signed_in: bool, edit: bool) -> impl IntoView {
    let l = use_locale();
    kind.steps()
        .iter()
        .enumerate()
        .map(|(i, step)| {
            let rows = step
                .questions
                .iter()
                .filter(|q| is_shown(q, &answers) && !(q.from_account && signed_in && !answers.has(q.id)))
                .map(|q| {
                    let shown = answers.values(q.id).iter().map(|v| display_value(q, v, l)).collect::<Vec<_>>();
                    view! {
                        <div>
                            <dt>{l.t(q.label)}</dt>
                            <dd>
                                {if shown.is_empty() {
                                    view! { <span class="muted">{l.t(K::SurveyNoAnswer)}</span> }.into_any()
                                } else if shown.len() == 1 {
                                    view! { <span class="answer">{shown[0].clone()}</span> }.into_any()
                                } else {
                                    view! { <ul class="answer-list">{shown.into_iter().map(|s| view! { <li>{s}</li> }).collect_view()}</ul> }.into_any()
                                }}
                            </dd>
                        </div>
                    }
                })
                .collect_view();
            let heading_id = format!("review-{}", step.id);
            let labelled_by = heading_id.clone();
            view! {
                <section class="card review-step" aria-labelledby=labelled_by>
                    <div class="review-head">
                        <h2 id=heading_id>{l.t(step.title)}</h2>
                        {edit.then(|| view! {
                            <a href=format!("/survey/{}/step/{}", kind.key(), i + 1)>
                                {l.t(K::SurveyEditStep)}<span class="visually-hidden">": "{l.t(step.title)}</span>
                            </a>
                        })}
                    </div>
                    <dl class="facts">{rows}</dl>
                </section>
            }
        })
        .collect_view()
}

/// `/survey/{kind}/done`: thanks, and what happens next.
#[component]
pub fn SurveyDonePage() -> impl IntoView {
    let l = use_locale();
    let Some(kind) = kind_from_params() else { return view! { <crate::pages::NotFound/> }.into_any() };
    let data = overview(kind);
    let account = use_query_map().with_untracked(|q| q.get("account").is_some());
    // where the mail went: told to the browser that submitted, once (never read from the draft)
    let email = crate::pages::use_flash("survey_done").map(|f| f.get("email")).unwrap_or_default();
    let (title, body) = match kind {
        SurveyKind::Supply => (K::SurveyDoneSupplyTitle, K::SurveyDoneSupplyBody),
        SurveyKind::Demand => (K::SurveyDoneDemandTitle, K::SurveyDoneDemandBody),
    };
    view! {
        <Title text=l.t(title)/>
        <div class="container narrow page">
            <h1>{l.t(title)}</h1>
            <p class="lead">{l.t(body)}</p>
            {(account && !email.is_empty()).then(|| view! { <p class="notice" role="status">{l.tf(K::SurveyDoneAccount, &[("email", &email)])}</p> })}
            <Suspense fallback=|| ()>
                {move || Suspend::new(async move {
                    let o = data.await.unwrap_or_default();
                    view! { <Submissions overview=o kind/> }
                })}
            </Suspense>
            {(kind == SurveyKind::Demand).then(|| view! {
                <section class="card section-tight" aria-labelledby="offer-title">
                    <h2 id="offer-title">{l.t(K::SurveySupplyTitle)}</h2>
                    <p>{l.t(K::SurveyDoneOffer)}</p>
                    <a class="button button-secondary" href="/survey/supply">{l.t(K::SurveySupplyTitle)}</a>
                </section>
            })}
            <p class="section-tight"><a href="/">{l.t(K::SoonBack)}</a></p>
        </div>
    }
    .into_any()
}

/// Renders a step's form (and the summary of what is missing when `check`) to HTML on the
/// server, for the step page to show as is.
#[cfg(feature = "ssr")]
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
