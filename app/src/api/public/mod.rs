//! The public face, for anyone (no sign-in): the directory of providers who consented to it
//! and their public profiles, the public numbers, and the open data's files.

mod directory;
#[cfg(feature = "ssr")]
pub mod files;
mod numbers;
#[cfg(feature = "ssr")]
pub mod site;

pub use directory::*;
pub use numbers::*;
