//! `/cases/{id}/selection` (compare and select) and `/cases/{id}/agreement` (the written
//! agreement, its versions and acceptances).

mod agreement;
mod followups;
mod selection;
mod terms_form;

pub use agreement::AgreementPage;
pub use followups::FollowUpsPage;
pub use selection::SelectionPage;
