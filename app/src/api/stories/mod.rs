//! Success stories: drafted by the Case Manager from a successful case, approved by every party
//! on its exact text, published on `/stories` (and its Atom feed) while every approval stands.

mod desk;
mod public;
#[cfg(feature = "ssr")]
mod support;

pub use desk::*;
#[cfg(feature = "ssr")]
pub use public::support::atom;
pub use public::*;
