//! Demo data so a newcomer running `make run` sees a living network. Only ever applied to an
//! empty database, in one transaction.

use super::organisations::{self, NewOrganisation};
use super::Database;
use crate::domain::taxonomy::OrgKind;

/// (name, kind, country, website, description, verified)
const DEMO_ORGANISATIONS: &[(&str, OrgKind, &str, &str, &str, bool)] = &[
    ("Open Government Unit, Office of the Prime Minister", OrgKind::Government, "GE", "", "Coordinates the national open government action plan and peer exchanges with other governments on public service delivery.", true),
    ("Ministry of Mines and Energy, Transparency Directorate", OrgKind::Government, "PE", "", "Publishes extractive revenue data by region and shares its sub-national reporting experience.", true),
    ("National Treasury, Budget Transparency Office", OrgKind::Government, "KE", "", "Leads fiscal openness reforms, including citizens' budgets and county-level budget portals.", true),
    ("Secretariat for Digital Government", OrgKind::Government, "UY", "", "Runs the national open data portal and advises peers on data governance.", true),
    ("Directorate of Public Procurement", OrgKind::Government, "UA", "", "Operates an open contracting system covering all public tenders.", false),
    ("Ministry of Public Administration", OrgKind::Government, "ID", "", "Drafting commitments on complaint-handling and citizen feedback for local services.", false),
    ("Natural Resource Governance Institute for Africa (demo)", OrgKind::Ngo, "GH", "https://example.org/nrg-africa", "Helps governments disclose contracts and revenues from oil, gas and mining, nationally and sub-nationally.", true),
    ("Transparencia Andina", OrgKind::Ngo, "CO", "https://example.org/transparencia-andina", "Citizen monitoring of public works and open contracting in the Andean region.", true),
    ("Civic Data Commons", OrgKind::Ngo, "US", "https://example.org/civic-data-commons", "Strategy support for open data programmes: which data, for whom, and with what theory of change.", true),
    ("Association pour l'accès à l'information", OrgKind::Ngo, "SN", "https://example.org/acces-information", "Training for public officials and journalists on access to information laws in West Africa.", false),
    ("Beneficial Ownership Network (demo)", OrgKind::Ngo, "GB", "https://example.org/bo-network", "Technical and legal help to build public registers of beneficial owners.", true),
    ("GeoMaps Cooperative", OrgKind::PrivateFirm, "NL", "https://example.org/geomaps", "Geo-referencing software that maps resource concessions with local partners.", false),
    ("Clearview Civic Technology", OrgKind::PrivateFirm, "IN", "https://example.org/clearview", "Builds data visualisation platforms for public spending and service delivery.", true),
    ("Regional Development Bank, Governance Practice (demo)", OrgKind::Multilateral, "PH", "https://example.org/rdb-governance", "Finances and advises public sector transparency reforms in Asia and the Pacific.", true),
    ("Institute for Governance Studies, National University (demo)", OrgKind::Academic, "MX", "https://example.org/igs", "Research and evaluation of citizen participation mechanisms in Latin America.", false),
    ("Centre for Justice and Open Courts", OrgKind::Academic, "ZA", "https://example.org/open-courts", "Advice on open justice data and court transparency.", false),
];

/// Inserts the demo organisations when there are none yet. Returns how many were inserted.
pub async fn seed_demo(db: &Database) -> Result<usize, sqlx::Error> {
    if organisations::count(db.read()).await? > 0 {
        return Ok(0);
    }
    let mut tx = db.write().begin().await?;
    for (name, kind, country, website, description, verified) in DEMO_ORGANISATIONS {
        let org = NewOrganisation {
            name: (*name).to_string(),
            kind: *kind,
            country: (*country).to_string(),
            website: (!website.is_empty()).then(|| (*website).to_string()),
            description: (*description).to_string(),
            verified: *verified,
        };
        organisations::insert(&mut tx, &org).await?;
    }
    tx.commit().await?;
    Ok(DEMO_ORGANISATIONS.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::countries::Country;

    #[test]
    fn demo_organisations_use_real_countries_and_every_kind() {
        for (name, _, country, _, _, _) in DEMO_ORGANISATIONS {
            assert!(Country::by_code(country).is_some(), "{name}: {country}");
        }
        for kind in OrgKind::ALL {
            assert!(DEMO_ORGANISATIONS.iter().any(|o| o.1 == *kind), "{kind:?}");
        }
    }
}
