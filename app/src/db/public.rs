//! What the public face reads: a provider of the public directory, all of them for the open
//! data, the public numbers' counts, and every case's place (region, issue areas) for the
//! anonymised aggregates. Nothing here reads a person's name or contact but through the
//! directory's consents.

use super::Db;
use crate::domain::open_data::{CasePlace, Listing};
use crate::domain::survey::Answers;
use crate::domain::taxonomy::OrgKind;
use std::collections::HashMap;

const DIRECTORY_SELECT: &str = "SELECT e.id, e.name, e.kind, e.country, e.updated_at, v.answers FROM roster_entries e \
     JOIN provider_profiles p ON p.organisation_id = e.id \
     JOIN provider_profile_versions v ON v.organisation_id = p.organisation_id AND v.version = p.current_version \
     WHERE e.roster = 'providers' AND e.listed = TRUE AND e.public = TRUE";

type Row = (String, String, String, String, i64, String);

fn entry(row: Row) -> Result<(Listing, Answers), sqlx::Error> {
    let (id, name, kind, country, updated_at, answers) = row;
    let answers = super::decode::stored("provider_profile_versions", "answers", &id).json(&answers)?;
    Ok((Listing { id, name, kind, country, updated_at }, answers))
}

/// A provider of the public directory, with its current answers; `None` when it is not (or no
/// longer) in it.
pub async fn directory_entry(db: &Db, id: &str) -> Result<Option<(Listing, Answers)>, sqlx::Error> {
    let sql = format!("{DIRECTORY_SELECT} AND e.id = $1");
    let row: Option<Row> = crate::fetch!(fetch_optional, db, &sql, id)?;
    row.map(entry).transpose()
}

/// Every provider of the public directory, by name.
pub async fn directory_all(db: &Db) -> Result<Vec<(Listing, Answers)>, sqlx::Error> {
    let sql = format!("{DIRECTORY_SELECT} ORDER BY e.sort_name, e.id");
    let rows: Vec<Row> = crate::fetch!(fetch_all, db, &sql)?;
    rows.into_iter().map(entry).collect()
}

/// The public numbers' counts that are not the cases' figures.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Listed providers per kind.
    pub providers: Vec<(OrgKind, i64)>,
    /// Providers in the public directory.
    pub in_directory: i64,
    pub requests: i64,
    /// Governments (organisations) that sent a request.
    pub governments: i64,
    /// Countries requests came from.
    pub countries: i64,
    pub stories: i64,
}

/// The counts, in four small grouped queries.
pub async fn counts(db: &Db) -> Result<Counts, sqlx::Error> {
    let kinds: Vec<(String, i64)> = crate::fetch!(
        fetch_all,
        db,
        "SELECT kind, CAST(COUNT(*) AS BIGINT) FROM roster_entries WHERE roster = 'providers' AND listed = TRUE GROUP BY kind",
    )?;
    let in_directory: i64 = crate::scalar!(
        fetch_one,
        db,
        "SELECT CAST(COUNT(*) AS BIGINT) FROM roster_entries WHERE roster = 'providers' AND listed = TRUE AND public = TRUE",
    )?;
    let (requests, governments, countries): (i64, i64, i64) = crate::fetch!(
        fetch_one,
        db,
        "SELECT CAST(COUNT(*) AS BIGINT), CAST(COUNT(DISTINCT organisation_id) AS BIGINT), \
             CAST(COUNT(DISTINCT country) AS BIGINT) FROM requests",
    )?;
    let stories: i64 =
        crate::scalar!(fetch_one, db, "SELECT CAST(COUNT(*) AS BIGINT) FROM stories WHERE published_at IS NOT NULL")?;
    let providers = OrgKind::ALL
        .iter()
        .map(|k| (*k, kinds.iter().find(|(key, _)| key == k.key()).map_or(0, |(_, n)| *n)))
        .collect();
    Ok(Counts { providers, in_directory, requests, governments, countries, stories })
}

/// Every case's place: its government's region (from the request's country) and the issue
/// areas it is about (its facets).
pub async fn case_places(db: &Db) -> Result<HashMap<String, CasePlace>, sqlx::Error> {
    use crate::domain::countries::Country;
    let countries: Vec<(String, String)> =
        crate::fetch!(fetch_all, db, "SELECT c.id, r.country FROM cases c JOIN requests r ON r.id = c.request_id")?;
    let mut facets = super::cases::facets(db, None).await?;
    Ok(countries
        .into_iter()
        .map(|(id, country)| {
            let areas = facets.remove(&id).map(|f| f.areas).unwrap_or_default();
            (id, CasePlace { region: Country::by_code(&country).map(|c| c.region), areas })
        })
        .collect())
}

/// Every provider of the public directory: its id and when it last changed (for the sitemap).
pub async fn directory_ids(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT id, updated_at FROM roster_entries WHERE roster = 'providers' AND listed = TRUE AND public = TRUE \
             ORDER BY sort_name, id",
    )
}
