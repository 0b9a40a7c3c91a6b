//! The `ogpnm` server: settings, the axum router around the Leptos app, security headers and
//! the command line. `main.rs` only parses arguments and reports errors.

pub mod backup;
pub mod cli;
pub mod config;
pub mod live;
pub mod ops;
pub mod public;
pub mod routes;
pub mod security;
pub mod stylesheet;
pub mod uploads;

pub use config::Settings;
pub use routes::{router, router_with};
