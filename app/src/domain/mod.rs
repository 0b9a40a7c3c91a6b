//! Pure domain logic shared by the server and the browser: no I/O, no framework types.
//! Later areas (survey, case, matching, policy, agreement) live beside the taxonomy.

pub mod account;
pub mod case;
pub mod casework;
pub mod countries;
pub mod matching;
pub mod net;
pub mod outreach;
pub mod policy;
pub mod roster;
pub mod survey;
pub mod taxonomy;
pub mod text;
pub mod time;
