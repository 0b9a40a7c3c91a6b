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
                        <form method="post" action={crate::forms::action::<crate::api::survey::SurveyStart>()} class="section-tight">
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
                                <p>{crate::components::request_badge(l, r.case_stage)}</p>
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
                                <Autosave kind step=number draft=draft.id.clone() seq=draft.seq labels=SaveLabels::new(l)/>
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

impl SaveStatus {
    /// The status as the page's `data-status` says it (for styles and tests).
    fn key(self) -> &'static str {
        match self {
            SaveStatus::Idle => "idle",
            SaveStatus::Saving => "saving",
            SaveStatus::Saved => "saved",
            SaveStatus::Offline => "offline",
            SaveStatus::Failed => "failed",
            SaveStatus::Conflict => "conflict",
        }
    }
}

/// The save status line's words, resolved on the server (the browser needs no catalogue for them).
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct SaveLabels {
    saving: String,
    saved: String,
    offline: String,
    failed: String,
    conflict: String,
    retry: String,
}

impl SaveLabels {
    fn new(l: crate::i18n::Locale) -> Self {
        SaveLabels {
            saving: l.t(K::SurveyStatusSaving).into(),
            saved: l.t(K::SurveyStatusSaved).into(),
            offline: l.t(K::SurveyStatusOffline).into(),
            failed: l.t(K::SurveyStatusFailed).into(),
            conflict: l.t(K::SurveyStatusConflict).into(),
            retry: l.t(K::SurveyStatusRetry).into(),
        }
    }

    fn of(&self, status: SaveStatus) -> String {
        match status {
            SaveStatus::Idle => String::new(),
            SaveStatus::Saving => self.saving.clone(),
            SaveStatus::Saved => self.saved.clone(),
            SaveStatus::Offline => self.offline.clone(),
            SaveStatus::Failed => self.failed.clone(),
            SaveStatus::Conflict => self.conflict.clone(),
        }
    }
}

/// An island: the step's autosave (wired to `#survey-form` in the browser) and where the
/// answers stand, announced politely to screen readers.
#[island]
fn Autosave(kind: SurveyKind, step: usize, draft: String, seq: i64, labels: SaveLabels) -> impl IntoView {
    let status = RwSignal::new(if seq > 0 { SaveStatus::Saved } else { SaveStatus::Idle });
    #[cfg(feature = "hydrate")]
    crate::pages::survey_autosave::attach(kind, step, draft, seq, status);
    #[cfg(not(feature = "hydrate"))]
    let _ = (kind, step, draft);
    let retry = labels.retry.clone();
    view! {
        <p class="save-status" role="status" aria-live="polite" data-status=move || status.get().key()>
            {move || labels.of(status.get())}
            {move || (status.get() == SaveStatus::Failed).then(|| view! {
                " "<button type="button" class="link-button" id="survey-retry">{retry.clone()}</button>
            })}
        </p>
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
                    <form method="post" action={crate::forms::action::<crate::api::survey::SurveyResumeLink>()}>
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
                                <form method="post" action={crate::forms::action::<crate::api::survey::SurveySubmit>()}>
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
