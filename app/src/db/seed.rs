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
    /// Provider profiles and requests.
    pub surveys: usize,
}

/// Loads the demo organisations when there are none, and the demo accounts when there are no
/// accounts, each in one transaction.
pub async fn seed_demo(db: &Database) -> Result<Seeded, AppError> {
    let organisations = seed_organisations(db).await?;
    let accounts = seed_accounts(db).await?;
    let surveys = seed_surveys(db).await?;
    Ok(Seeded { organisations, accounts, surveys })
}

/// Demo provider profiles: (organisation, areas with depth, assistance, cost basis, rate range,
/// delivery, languages, regions, countries, capacity, example of past work).
type DemoProfile = (
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
    &'static str,
);

const DEMO_PROFILES: &[DemoProfile] = &[
    ("Natural Resource Governance Institute for Africa (demo)", &["extractive_industries:expert", "beneficial_ownership:experienced", "fiscal_openness:familiar"], &["strategy_advice", "legal_drafting", "training"], "pro_bono", "", &["remote", "in_person"], &["en", "fr"], &["africa_middle_east"], &["GH", "NG", "TZ", "SN"], "sustained", "Supported Ghana's petroleum commission in publishing all oil contracts online (2019-2021), including a searchable register used by journalists and parliament."),
    ("Transparencia Andina", &["open_contracting:expert", "citizen_participation:experienced", "anti_corruption:experienced"], &["training", "technical_implementation"], "low_cost", "", &["remote", "in_person"], &["es"], &["americas"], &["CO", "PE", "EC", "BO"], "part_time", "Trained 300 municipal officials in Colombia to publish public-works contracts in the Open Contracting Data Standard, with citizen monitors in 12 municipalities."),
    ("Civic Data Commons", &["open_data:expert", "digital_governance:experienced", "public_service_delivery:familiar"], &["strategy_advice", "data_tools"], "pro_bono", "", &["remote"], &["en", "es"], &["americas", "europe"], &["US", "MX", "UY"], "few_days", "Helped a national statistics office prioritise 40 high-value datasets through user research with journalists, businesses and city governments."),
    ("Association pour l'accès à l'information", &["access_to_information:expert", "civic_space:experienced"], &["training", "legal_drafting"], "low_cost", "", &["in_person", "remote"], &["fr", "en"], &["africa_middle_east"], &["SN", "CI", "BF", "ML"], "part_time", "Drafted the implementing regulations of an access to information law with a ministry of communication and trained its first 60 information officers."),
    ("Beneficial Ownership Network (demo)", &["beneficial_ownership:expert", "anti_corruption:expert", "open_data:familiar"], &["legal_drafting", "technical_implementation", "peer_exchange"], "paid", "500 to 700 GBP a day, waived for low-income countries", &["remote", "in_person"], &["en", "ru", "uk"], &["europe", "asia_pacific"], &["GB", "UA", "AM", "ID"], "sustained", "Designed the data model and verification process of a public beneficial ownership register launched in 2022, now covering 1.2 million companies."),
    ("GeoMaps Cooperative", &["extractive_industries:experienced", "climate_environment:experienced", "open_data:experienced"], &["data_tools", "technical_implementation"], "paid", "400 to 600 EUR a day", &["remote"], &["en", "nl", "pt"], &["africa_middle_east", "americas"], &["MZ", "BR", "NL"], "part_time", "Mapped mining concessions against protected areas and community land with a mining cadastre office, published as an open web map."),
    ("Clearview Civic Technology", &["fiscal_openness:experienced", "public_service_delivery:expert", "digital_governance:experienced"], &["data_tools", "technical_implementation"], "paid", "300 to 450 USD a day", &["remote", "in_person"], &["en", "hi", "bn"], &["asia_pacific"], &["IN", "BD", "NP"], "sustained", "Built a state-level spending dashboard linking budget lines to health facilities, used by district officials to spot unspent funds."),
    ("Regional Development Bank, Governance Practice (demo)", &["fiscal_openness:expert", "anti_corruption:experienced", "open_contracting:experienced"], &["strategy_advice", "peer_exchange", "training"], "pro_bono", "", &["in_person", "remote"], &["en", "id", "tl"], &["asia_pacific"], &["PH", "ID", "MN"], "sustained", "Financed and advised e-procurement reforms in three member countries, with peer exchanges between their procurement agencies."),
    ("Institute for Governance Studies, National University (demo)", &["citizen_participation:expert", "gender_inclusion:experienced"], &["strategy_advice", "training"], "low_cost", "", &["remote", "in_person"], &["es", "en"], &["americas"], &["MX", "GT", "CR"], "few_days", "Evaluated participatory budgeting in 20 municipalities and advised a state congress on a citizen participation law."),
    ("Centre for Justice and Open Courts", &["justice:expert", "access_to_information:familiar"], &["strategy_advice", "legal_drafting"], "pro_bono", "", &["remote"], &["en", "pt"], &["africa_middle_east"], &["ZA", "MZ", "KE"], "few_days", "Advised a judiciary on publishing judgments and court statistics as open data while protecting personal information."),
    ("Open Government Unit, Office of the Prime Minister", &["public_service_delivery:expert", "citizen_participation:experienced"], &["peer_exchange"], "pro_bono", "", &["remote", "in_person"], &["ka", "en", "ru"], &["europe"], &["GE", "AM", "MD"], "few_days", "Set up one-stop public service halls and a citizen feedback system; hosted peer delegations from four governments."),
    ("Ministry of Mines and Energy, Transparency Directorate", &["extractive_industries:expert", "fiscal_openness:experienced"], &["peer_exchange", "training"], "pro_bono", "", &["remote", "in_person"], &["es"], &["americas"], &["PE", "CO", "CL"], "few_days", "Publishes extractive revenues transferred to regions every month and trained regional governments to report how they spend them."),
    ("Secretariat for Digital Government", &["open_data:expert", "digital_governance:expert"], &["peer_exchange", "strategy_advice"], "pro_bono", "", &["remote"], &["es", "en"], &["americas"], &["UY", "PY", "AR"], "part_time", "Runs the national open data portal and its data governance framework; advised two neighbouring countries on their portals."),
];

/// Demo requests: (government, areas, stage, need, commitment reference, assistance,
/// languages, timeline, budget).
type DemoRequest = (
    &'static str,
    &'static [&'static str],
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    &'static str,
    &'static str,
);

const DEMO_REQUESTS: &[DemoRequest] = &[
    ("Ministry of Public Administration", &["public_service_delivery", "citizen_participation"], "developing", "We want a commitment on handling citizens' complaints about local services, but we do not know how other governments made complaint systems answer within a set time. We would like to learn from a peer government before we draft.", "", &["peer_exchange", "strategy_advice"], &["id", "en"], "urgent", "costs_covered"),
    ("Directorate of Public Procurement", &["open_contracting", "anti_corruption"], "implementing", "Our open contracting system publishes every tender, but few citizens use the data. We need help to design monitoring by civil society in three pilot regions.", "Action plan 2024-2026, commitment 3", &["training", "technical_implementation"], &["uk", "en"], "next_months", "funded"),
    ("National Treasury, Budget Transparency Office", &["fiscal_openness"], "refining", "Counties publish budgets in very different formats. We are refining a commitment on a common county budget data standard and want an expert review of our draft.", "Draft commitment on county budget data", &["strategy_advice", "data_tools"], &["en", "sw"], "this_year", "pro_bono_expected"),
];

async fn seed_surveys(db: &Database) -> Result<usize, AppError> {
    use super::surveys;
    use crate::domain::survey::{Answers, SurveyKind};
    let existing: i64 = crate::db_run!(db.read(), |pool| {
        sqlx::query_scalar::<_, i64>("SELECT CAST(COUNT(*) AS BIGINT) FROM provider_profile_versions")
            .fetch_one(pool)
            .await
    })?;
    if existing > 0 {
        return Ok(0);
    }
    let mut tx = db.write().begin().await?;
    let mut count = 0;
    for p in DEMO_PROFILES {
        let Some(org) = organisations::id_by_name(&mut tx, p.0).await? else { continue };
        surveys::add_profile_version(&mut tx, &org, &demo_profile(p), None, true).await?;
        count += 1;
    }
    for r in DEMO_REQUESTS {
        let Some(org) = organisations::id_by_name(&mut tx, r.0).await? else { continue };
        let answers = demo_request(r);
        surveys::insert_request(&mut tx, &org, None, answers.first("country"), &answers).await?;
        count += 1;
    }
    // two respondents part-way through
    let mut partial = Answers::default();
    for (id, v) in [
        ("respondent_name", "Marie Dubois"),
        ("respondent_email", "marie.dubois@example.org"),
        ("org_name", "Observatoire citoyen des finances publiques"),
        ("org_kind", "ngo"),
        ("org_country", "BJ"),
    ] {
        partial.0.insert(id.into(), vec![v.into()]);
    }
    let (draft, _) = surveys::create(&mut tx, SurveyKind::Supply, None, None, &partial, 1).await?;
    if let Some(mut d) = surveys::get_tx(&mut tx, &draft).await? {
        d.answers = partial;
        surveys::write_answers(&mut tx, &d, 0, 1, 1, "demo-seed-supply").await?;
    }
    let mut partial = Answers::default();
    for (id, v) in [
        ("country", "MN"),
        ("agency", "Cabinet Secretariat, Open Government Office"),
        ("respondent_name", "Bat-Erdene Gantulga"),
        ("respondent_email", "b.gantulga@example.org"),
    ] {
        partial.0.insert(id.into(), vec![v.into()]);
    }
    let (draft, _) = surveys::create(&mut tx, SurveyKind::Demand, None, None, &partial, 1).await?;
    if let Some(mut d) = surveys::get_tx(&mut tx, &draft).await? {
        d.answers = partial;
        surveys::write_answers(&mut tx, &d, 0, 1, 2, "demo-seed-demand").await?;
    }
    tx.commit().await?;
    Ok(count)
}

fn put(answers: &mut crate::domain::survey::Answers, id: &str, values: &[&str]) {
    let values: Vec<String> = values.iter().filter(|v| !v.is_empty()).map(|v| v.to_string()).collect();
    if !values.is_empty() {
        answers.0.insert(id.to_string(), values);
    }
}

fn demo_profile(p: &DemoProfile) -> crate::domain::survey::Answers {
    let (name, areas, assistance, cost, rate, delivery, languages, regions, countries, capacity, past) = *p;
    let org = DEMO_ORGANISATIONS.iter().find(|o| o.0 == name).expect("demo profile of a demo organisation");
    let mut a = crate::domain::survey::Answers::default();
    put(&mut a, "respondent_name", &["Demo respondent"]);
    put(&mut a, "respondent_email", &["contact@demo.ogpnm.example"]);
    put(&mut a, "org_name", &[name]);
    put(&mut a, "org_kind", &[org.1.key()]);
    if org.1 == OrgKind::Government {
        put(&mut a, "agency", &[name]);
    }
    put(&mut a, "org_country", &[org.2]);
    put(&mut a, "website", &[org.3]);
    put(&mut a, "org_description", &[org.4]);
    put(&mut a, "areas", areas);
    put(&mut a, "past_work", &[past]);
    put(&mut a, "assistance", assistance);
    put(&mut a, "cost_basis", &[cost]);
    put(&mut a, "rate_range", &[rate]);
    put(&mut a, "delivery", delivery);
    put(&mut a, "languages", languages);
    put(&mut a, "regions", regions);
    put(&mut a, "countries", countries);
    put(&mut a, "capacity", &[capacity]);
    put(&mut a, "consent_listing", &["yes"]);
    a
}

fn demo_request(r: &DemoRequest) -> crate::domain::survey::Answers {
    let (name, areas, stage, need, reference, assistance, languages, timeline, budget) = *r;
    let org = DEMO_ORGANISATIONS.iter().find(|o| o.0 == name).expect("demo request of a demo government");
    let mut a = crate::domain::survey::Answers::default();
    put(&mut a, "country", &[org.2]);
    put(&mut a, "agency", &[name]);
    put(&mut a, "respondent_name", &["Demo focal point"]);
    put(&mut a, "respondent_email", &["focal@demo.ogpnm.example"]);
    put(&mut a, "areas", areas);
    put(&mut a, "stage", &[stage]);
    put(&mut a, "need", &[need]);
    put(&mut a, "commitment_ref", &[reference]);
    put(&mut a, "assistance", assistance);
    put(&mut a, "languages", languages);
    put(&mut a, "timeline", &[timeline]);
    put(&mut a, "budget", &[budget]);
    put(&mut a, "consent_share", &["yes"]);
    a
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
    fn demo_profiles_and_requests_are_complete_valid_answers() {
        use crate::domain::survey::{first_incomplete, parse_step, SurveyKind};
        for (kind, answers) in DEMO_PROFILES
            .iter()
            .map(|p| (SurveyKind::Supply, demo_profile(p)))
            .chain(DEMO_REQUESTS.iter().map(|r| (SurveyKind::Demand, demo_request(r))))
        {
            assert_eq!(first_incomplete(kind, &answers, false), None, "{answers:?}");
            for step in kind.steps() {
                let fields: Vec<(String, String)> = answers
                    .0
                    .iter()
                    .flat_map(|(k, vs)| {
                        vs.iter().map(move |v| match v.split_once(':') {
                            Some((area, depth)) if k == "areas" && kind == SurveyKind::Supply => {
                                (format!("areas.{area}"), depth.to_string())
                            }
                            _ => (k.clone(), v.clone()),
                        })
                    })
                    .collect();
                assert!(parse_step(step, &fields).is_ok(), "{:?}", parse_step(step, &fields));
            }
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
