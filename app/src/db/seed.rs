//! Demo data so a newcomer running `make run` sees a living network. Only ever applied to an
//! empty database, in one transaction.

use super::organisations::{self, NewOrganisation};
use super::{users, Database};
use crate::domain::policy::StaffRole;
use crate::domain::taxonomy::OrgKind;
use crate::error::AppError;

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

/// The password of every demo account (shown by `make run`; demo databases only).
pub const DEMO_PASSWORD: &str = "open government demo";

/// The two-factor key of the demo staff accounts (add it to an authenticator app, or compute
/// codes with it in tests). Demo databases only.
pub const DEMO_TOTP_SECRET: &str = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/// Demo accounts: (e-mail, name, staff role, organisation they own).
pub const DEMO_ACCOUNTS: &[(&str, &str, Option<StaffRole>, Option<&str>)] = &[
    ("admin@demo.ogpnm.example", "Amara Okafor", Some(StaffRole::Admin), None),
    ("case.manager@demo.ogpnm.example", "Lucía Fernández", Some(StaffRole::CaseManager), None),
    ("steering@demo.ogpnm.example", "Jonas Lindqvist", Some(StaffRole::Steering), None),
    ("focal.point@demo.ogpnm.example", "Sofía Pereira", None, Some("Secretariat for Digital Government")),
    ("provider@demo.ogpnm.example", "Daniel Mensah", None, Some("Civic Data Commons")),
];

/// What [`seed_demo`] loaded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seeded {
    pub organisations: usize,
    pub accounts: usize,
}

/// Loads the demo organisations when there are none, and the demo accounts when there are no
/// accounts, each in one transaction.
pub async fn seed_demo(db: &Database) -> Result<Seeded, AppError> {
    let organisations = seed_organisations(db).await?;
    let accounts = seed_accounts(db).await?;
    Ok(Seeded { organisations, accounts })
}

async fn seed_accounts(db: &Database) -> Result<usize, AppError> {
    if users::count(db.read()).await? > 0 {
        return Ok(0);
    }
    let hash = crate::auth::password::hash(DEMO_PASSWORD.to_string()).await?;
    let mut tx = db.write().begin().await?;
    for (email, name, role, org) in DEMO_ACCOUNTS {
        let user = users::NewUser {
            email: (*email).to_string(),
            name: (*name).to_string(),
            locale: "en".to_string(),
            password_hash: Some(hash.clone()),
            staff_role: *role,
            email_verified: true,
        };
        let id = users::insert(&mut tx, &user).await?;
        if role.is_some() {
            super::mfa::set_pending_secret(&mut tx, &id, DEMO_TOTP_SECRET).await?;
            super::mfa::enable(&mut tx, &id, super::now_ms(), &[]).await?;
        }
        if let Some(org) = org {
            if let Some(org_id) = organisations::id_by_name(&mut tx, org).await? {
                users::add_membership(&mut tx, &id, &org_id, true).await?;
            }
        }
    }
    tx.commit().await?;
    Ok(DEMO_ACCOUNTS.len())
}

async fn seed_organisations(db: &Database) -> Result<usize, sqlx::Error> {
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

    #[test]
    fn demo_accounts_cover_every_role_and_belong_to_demo_organisations() {
        for role in StaffRole::ALL {
            assert!(DEMO_ACCOUNTS.iter().any(|a| a.2 == Some(role)), "{role:?}");
        }
        for (email, _, _, org) in DEMO_ACCOUNTS {
            assert!(crate::domain::account::validate_email(email).is_ok());
            assert_eq!(crate::domain::account::validate_password(DEMO_PASSWORD, email), Ok(()));
            if let Some(org) = org {
                assert!(DEMO_ORGANISATIONS.iter().any(|o| o.0 == *org), "{org}");
            }
        }
    }
}
