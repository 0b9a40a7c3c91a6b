//! `#[server]` functions, one file per area. Each has an explicit, stable endpoint under
//! `/api/` so a client and a server built on different machines agree.

pub mod account;
pub mod admin;
pub mod cases;
pub mod network;
pub mod organisation;
pub mod outreach;
pub mod password;
pub mod roster;
pub mod survey;
pub mod two_factor;
