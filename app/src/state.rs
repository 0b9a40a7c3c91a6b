//! `AppState`: everything a request handler or server function needs, registered once with
//! `leptos_routes_with_context` and read through accessors that return `AppError`.

use crate::auth::session::SessionPolicy;
use crate::db::Database;
use crate::error::AppError;
use crate::mail::Mailer;
use axum::extract::FromRef;
use leptos::prelude::*;

/// Shared application state (cheap to clone).
#[derive(Clone, Debug)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    pub db: Database,
    /// Session lifetimes and cookie flavour.
    pub sessions: SessionPolicy,
    /// Outgoing e-mail (through the outbox).
    pub mailer: Mailer,
    /// Live case events (published after each change, heard by open boards).
    pub events: crate::events::Events,
    /// Reverse proxies in front of the app whose `X-Forwarded-For` entries are trusted.
    pub trusted_proxies: usize,
    /// How introductions go out.
    pub introductions: IntroSettings,
    /// Where attachments are kept.
    pub files: crate::files::Files,
    /// When the board's cards turn amber and red.
    pub board: crate::domain::board::AgeingThresholds,
}

/// How introductions go out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntroSettings {
    /// Business days a provider has to answer.
    pub window_days: u32,
    /// Whether a steering committee member approves each introduction before anyone is told.
    pub needs_approval: bool,
}

impl Default for IntroSettings {
    fn default() -> Self {
        IntroSettings { window_days: crate::domain::introductions::DEFAULT_WINDOW_DAYS, needs_approval: false }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state inside a server function or server render.
pub fn app_state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the request context");
        AppError::Internal
    })
}
