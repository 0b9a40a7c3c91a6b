//! Public figures about the network (landing page).

use crate::error::AppError;
use crate::model::NetworkSummary;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Counts of organisations, countries and kinds. Public: any visitor, signed in or not, may
/// read these aggregate figures, so there is no caller to authorise; the function only reads.
#[server(name = GetNetworkSummary, endpoint = "network_summary", input = GetUrl)]
pub async fn network_summary() -> Result<NetworkSummary, AppError> {
    let state = crate::state::app_state()?;
    crate::db::organisations::summary(state.db.read()).await.map_err(|e| AppError::from(e).respond())
}
