//! `/directory`: search and filter the providers who consented to the public directory (the
//! roster's own query and facets), and a provider's public profile. Contact details only where
//! the provider agreed to show them.

use crate::error::AppError;
use crate::model::{DirectoryPage, PublicProfile};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// One page of the public directory. `query` is the page's query string (`q`, facets, `sort`,
/// `page`); a value that does not exist: 422 naming it.
#[server(name = DirectorySearch, endpoint = "directory_search", input = GetUrl)]
pub async fn directory_search(query: String) -> Result<DirectoryPage, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::db::roster::{self, Audience};
    use crate::domain::policy::{Action, Resource};
    use crate::domain::roster::{Roster, RosterQuery};
    authorize(&current_session().actor, Action::ViewPublicData, Resource::Platform)?;
    let query = RosterQuery::parse(Roster::Providers, &query)
        .map_err(|e| AppError::Validation { field: e.param, key: e.message }.respond())?;
    let state = crate::state::app_state()?;
    let roster::Found { rows, total } =
        roster::search(state.db.read(), Roster::Providers, &query, Audience::Public).await?;
    let pages = crate::api::roster::pages_for(total);
    let rows = rows.into_iter().map(crate::api::roster::row_of).collect();
    Ok(DirectoryPage { query, rows, total, pages })
}

/// The questions of a profile the public profile shows besides its description and areas.
pub const OFFERS: [&str; 6] = ["assistance", "cost_basis", "delivery", "languages", "regions", "countries"];

/// A provider's public profile; 404 when it is not in the directory (never was, or withdrew).
#[server(name = DirectoryProfile, endpoint = "directory_profile", input = GetUrl)]
pub async fn directory_profile(id: String) -> Result<PublicProfile, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::open_data::public_contact;
    use crate::domain::policy::{Action, Resource};
    use crate::domain::taxonomy::OrgKind;
    authorize(&current_session().actor, Action::ViewPublicData, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let Some((who, answers)) = crate::db::public::directory_entry(state.db.read(), id.trim()).await? else {
        return Err(AppError::NotFound.respond());
    };
    let (website, email) = public_contact(&answers);
    Ok(PublicProfile {
        kind: OrgKind::from_key(&who.kind).unwrap_or(OrgKind::Ngo),
        id: who.id,
        name: who.name,
        country: who.country,
        description: answers.first("org_description").trim().to_string(),
        areas: answers.areas_with_depth("areas"),
        offers: OFFERS
            .iter()
            .map(|q| (q.to_string(), answers.values(q).to_vec()))
            .filter(|(_, v)| !v.is_empty())
            .collect(),
        website,
        email,
        updated_at: who.updated_at,
    })
}
