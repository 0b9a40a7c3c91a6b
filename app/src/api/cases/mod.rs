//! Cases: the staff board, a case's page (the Case Manager's working view, or the requesting
//! government's own view), assignment, moves through the stages, the structured scope and its
//! confirmation, the next step, notes and decisions on matched providers.
//!
//! Each function checks who is asking first, then the input, then writes in one transaction and
//! publishes a live event. Writes that change the case name the version they were made on; a
//! stale one is answered with a conflict and changes nothing. Every form is a plain post: a
//! refusal comes back to the case page as a translated message.

mod assign;
mod board;
mod detail;
#[cfg(feature = "ssr")]
pub(crate) mod support;
#[cfg(feature = "ssr")]
mod view;
mod work;

pub use assign::*;
pub use board::*;
pub use detail::*;
pub use work::*;

/// How many explained matches a case page shows (besides pinned and shortlisted ones).
pub const MATCHES_SHOWN: usize = 10;
/// How many similar cases a case page suggests.
pub const SIMILAR_SHOWN: usize = 5;
