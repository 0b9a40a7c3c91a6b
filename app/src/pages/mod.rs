//! One module per route.

mod account;
mod admin;
mod agreements;
mod board;
pub(crate) mod cases;
mod contact;
mod invitation;
mod landing;
#[cfg(feature = "hydrate")]
mod landing_tabs;
mod not_found;
mod organisation;
mod outreach;
mod oversight;
mod password;
mod public;
mod roster;
mod sign_in;
mod stories;
pub(crate) mod survey;
#[cfg(feature = "hydrate")]
mod survey_autosave;
mod survey_links;
mod threads;
mod two_factor;
mod vocabulary;

pub use account::AccountPage;
pub use admin::{AdminOrganisationsPage, AdminUsersPage, AuditPage, MailPage};
pub use agreements::{AgreementPage, FollowUpsPage, SelectionPage};
pub use board::BoardPage;
pub use cases::{CasePage, CasesPage};
pub use contact::{
    ContactPage, ConversationPage, EnquiriesPage, EnquiryPage, NewsConfirmPage, NewsPage, NewsUnsubscribePage,
};
pub use invitation::InvitationPage;
pub use landing::LandingPage;
pub use not_found::NotFound;
pub use organisation::OrganisationPage;
pub use outreach::{CampaignPage, OutreachPage, UnsubscribePage};
pub use oversight::{GapsPage, OversightCasesPage, OversightPage, TuningPage};
pub use password::{ForgotPasswordPage, ResetPasswordPage};
pub use public::{DirectoryPage, DirectoryProfilePage, NumbersPage, OpenDataPage};
pub use roster::{ProviderProfilePage, RequestPage, RosterListPage};
pub use sign_in::{use_flash, SignInPage, UnlockPage};
pub use stories::{StoriesPage, StoryDeskPage, StoryPage};
pub use survey::{AnswerList, SurveyDonePage, SurveyIntroPage, SurveyReviewPage, SurveyStepPage};
pub use survey_links::{SurveyInvitationPage, SurveyResumePage};
pub use threads::{InboxPage, IntroductionPage, ThreadPage};
pub use two_factor::{SignInCodePage, TwoFactorPage};
pub use vocabulary::VocabularyPage;

use crate::error::AppError;
use crate::i18n::{Locale, K};
use leptos::prelude::*;
use leptos_router::components::Redirect;

/// Sets the status of the server-rendered page (a bad filter is 400, a page past the end 404).
pub(crate) fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = http::StatusCode::from_u16(code) {
            res.set_status(code);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}

/// A page's data, once loaded: what `render` builds from it, or the refusal the server gave
/// (sign in first, not allowed, not found), inside the `Suspense` every data page uses.
pub(crate) fn loaded<T>(
    l: Locale,
    data: Resource<Result<T, AppError>>,
    path: String,
    render: impl Fn(T) -> AnyView + Clone + Send + Sync + 'static,
) -> impl IntoView
where
    T: Clone + Send + Sync + serde::Serialize + serde::de::DeserializeOwned + 'static,
{
    view! {
        <Suspense fallback=|| ()>
            {move || {
                let (path, render) = (path.clone(), render.clone());
                Suspend::new(async move {
                    match data.await {
                        Ok(value) => render(value),
                        Err(e) => refused(l, e, &path),
                    }
                })
            }}
        </Suspense>
    }
}

/// Shows a refused read as a page: sign in first, or a translated 403.
pub(crate) fn refused(l: Locale, e: AppError, next: &str) -> AnyView {
    #[cfg(feature = "ssr")]
    if let Some(res) = use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(code) = http::StatusCode::from_u16(e.status()) {
            res.set_status(code);
        }
    }
    match e {
        AppError::Unauthenticated => view! { <Redirect path=format!("/sign-in?next={next}")/> }.into_any(),
        e => {
            let reference = (e.status() >= 500).then(|| reference(l));
            view! { <h1>{l.t(K::ErrorTitle)}</h1><p class="lead">{e.message(l)}</p>{reference} }.into_any()
        }
    }
}

/// The request's id on an error page, for the person to quote and an operator to find the
/// request's log lines with (pages rendered on the server only).
pub(crate) fn reference(l: Locale) -> Option<impl IntoView> {
    use_context::<crate::error::RequestId>()
        .map(|id| view! { <p class="muted">{l.t(K::ErrorReference)}" "<code>{id.0}</code></p> })
}
