//! One module per route.

mod account;
mod admin;
mod invitation;
mod landing;
mod not_found;
mod organisation;
mod password;
mod sign_in;
pub(crate) mod survey;
#[cfg(feature = "hydrate")]
mod survey_autosave;
mod two_factor;

pub use account::AccountPage;
pub use admin::{AdminOrganisationsPage, AdminUsersPage, AuditPage, MailPage};
pub use invitation::InvitationPage;
pub use landing::LandingPage;
pub use not_found::NotFound;
pub use organisation::OrganisationPage;
pub use password::{ForgotPasswordPage, ResetPasswordPage};
pub use sign_in::{use_flash, SignInPage};
pub use survey::{AnswerList, SurveyDonePage, SurveyIntroPage, SurveyReviewPage, SurveyStepPage};
pub use two_factor::{SignInCodePage, TwoFactorPage};
