//! The public face, for anyone and without script: the directory of providers and their
//! profiles, the numbers, and the open data's page.

mod directory;
mod numbers;
mod open_data;

pub use directory::{DirectoryPage, DirectoryProfilePage};
pub use numbers::NumbersPage;
pub use open_data::OpenDataPage;
