//! The OGP Networking Mechanism application: components, shared model and domain types, and
//! `#[server]` functions. Compiled twice: with `ssr` into the server binary and with `hydrate`
//! into the browser's WASM. Server-only modules sit behind `#[cfg(feature = "ssr")]`.

pub mod api;
pub mod app;
pub mod components;
pub mod domain;
pub mod error;
#[cfg(feature = "ssr")]
pub mod events;
#[cfg(feature = "ssr")]
pub mod files;
pub mod forms;
pub mod i18n;
#[cfg(feature = "ssr")]
pub mod mail;
pub mod markup;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod presence;
#[cfg(feature = "ssr")]
pub mod styles;

#[cfg(feature = "ssr")]
pub mod auth;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod state;

pub use app::{shell, App};
pub use error::AppError;
