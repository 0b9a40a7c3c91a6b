//! Selection and written agreements: the government compares the providers who accepted an
//! introduction and selects; the Case Manager writes the terms of engagement in versions; each
//! party accepts one exact version; when all have accepted the current one the case is Active.
//! Each function checks who asks first, then the input, writes in one transaction (timeline,
//! notifications and mails included) and publishes a live event.

mod agreement;
#[cfg(feature = "ssr")]
mod compare;
mod follow_on;
mod selection;
#[cfg(feature = "ssr")]
pub(crate) mod terms;

pub use agreement::*;
pub use follow_on::*;
pub use selection::*;
