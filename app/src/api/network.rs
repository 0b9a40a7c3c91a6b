//! Public figures about the network (landing page).

use crate::error::AppError;
use crate::model::NetworkSummary;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Counts of organisations, countries and kinds: public aggregate figures (the policy allows
/// every visitor, signed in or not).
#[server(name = GetNetworkSummary, endpoint = "network_summary", input = GetUrl)]
pub async fn network_summary() -> Result<NetworkSummary, AppError> {
    use crate::domain::policy::{Action, Resource};
    crate::auth::authorize(&crate::auth::current_session().actor, Action::ViewNetworkSummary, Resource::Platform)?;
    let state = crate::state::app_state()?;
    // public aggregate figures: counted at most every few seconds, however many visit
    let now = crate::db::now_ms();
    if let Some(summary) = state.db.recent_network_summary(now) {
        return Ok(summary);
    }
    let summary = crate::db::organisations::summary(state.db.read()).await.map_err(|e| AppError::from(e).respond())?;
    state.db.keep_network_summary(now, &summary);
    Ok(summary)
}
