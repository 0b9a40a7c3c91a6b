//! One module per route.

mod landing;
mod not_found;
mod survey_soon;

pub use landing::LandingPage;
pub use not_found::NotFound;
pub use survey_soon::{SurveySide, SurveySoon};
