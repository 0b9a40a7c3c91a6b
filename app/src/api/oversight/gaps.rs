//! The supply and demand gap map, and the action that opens an outreach campaign for a gap.

use crate::error::AppError;
use crate::model::GapMapView;
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// Every issue area × region: listed requests against listed providers (by cost basis).
#[server(name = GapMapRead, endpoint = "oversight_gaps", input = GetUrl)]
pub async fn gap_map() -> Result<GapMapView, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{can, Action, Resource};
    let actor = current_session().actor;
    authorize(&actor, Action::ViewOversight, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let (demand, supply, by_cost) = crate::db::oversight::gap_counts(state.db.read()).await?;
    Ok(GapMapView {
        cells: crate::domain::oversight::gaps::gap_map(&demand, &supply, &by_cost),
        can_start_outreach: can(&actor, Action::StartGapOutreach, Resource::Platform),
    })
}

/// Opens an outreach campaign inviting providers of `area` in `region` to the supply survey
/// (named for the gap, in the caller's language), and goes to it, where contacts are imported.
#[server(name = OpenGapOutreach, endpoint = "start_gap_outreach")]
pub async fn start_gap_outreach(area: String, region: String) -> Result<String, AppError> {
    use crate::auth::{authorize, client_ip, current_session};
    use crate::db::{audit, outreach};
    use crate::domain::policy::{Action, Resource};
    use crate::domain::survey::SurveyKind;
    use crate::domain::taxonomy::{IssueArea, Region};
    use crate::i18n::K;
    let current = current_session();
    authorize(&current.actor, Action::StartGapOutreach, Resource::Platform)?;
    let area =
        IssueArea::from_key(area.trim()).ok_or_else(|| AppError::invalid("area", K::ErrorUnknownOption).respond())?;
    let region =
        Region::from_key(region.trim()).ok_or_else(|| AppError::invalid("region", K::ErrorUnknownOption).respond())?;
    let l = crate::i18n::use_locale();
    let name = l.tf(K::GapsCampaignName, &[("area", area.label(l)), ("region", region.label(l))]);
    let state = crate::state::app_state()?;
    let ip = client_ip();
    let user = current.user.as_ref().map(|u| u.user_id.as_str());
    let mut tx = state.db.write().begin().await?;
    let id = outreach::create_campaign(&mut tx, &name, SurveyKind::Supply, user).await?;
    let detail = format!("{} {}", area.key(), region.key());
    let event = audit::AuditEvent {
        actor_user_id: user,
        action: "oversight.gap_outreach",
        subject: &id,
        ip: &ip,
        detail: &detail,
    };
    audit::record(&mut tx, &event).await?;
    tx.commit().await?;
    if crate::auth::is_plain_form_post() {
        leptos_axum::redirect(&format!("/outreach/{id}"));
    }
    Ok(id)
}
