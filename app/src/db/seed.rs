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
    ("Ministry of Information and Communication Technologies, Open Data Office", OrgKind::Government, "PY", "", "Coordinates the publication of government data and the national open data portal.", true),
    ("Ministry of Health, Service Transparency Unit", OrgKind::Government, "KE", "", "Publishes health facility data and handles citizens' feedback on health services.", true),
    ("Ministry of National Education, Open Schools Programme", OrgKind::Government, "MG", "", "Publishes school results and budgets and works with parents' associations on their use.", false),
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
    // more providers, so the roster shows every kind in every region
    ("Ministry of Digital Economy, Public Data Directorate (demo)", OrgKind::Government, "TN", "", "Runs the national open data portal and the data inventory of 40 ministries; shares its experience with French- and Arabic-speaking peers.", true),
    ("Ministry of Finance, Public Budget Directorate", OrgKind::Government, "MD", "", "Publishes the citizens' budget and monthly budget execution data, and holds public consultations on the draft budget each autumn.", true),
    ("Office of the Comptroller General, Citizen Audit Division", OrgKind::Government, "CL", "", "Runs participatory audits in which citizens help audit public works and services, and shares the method with other audit institutions.", true),
    ("Ministry of Public Administration and Digital Affairs, Public Data Strategy Division", OrgKind::Government, "KR", "", "Leads the national public data strategy, data quality management and the release of high-demand datasets through an open API platform.", false),
    ("Companies Registry, Beneficial Ownership Division", OrgKind::Government, "NG", "", "Keeps the public register of the beneficial owners of companies and shares lessons on verification and data sharing with other registries.", true),
    ("Federal Access to Information Commission (demo)", OrgKind::Government, "CA", "", "Oversees the access to information law, investigates complaints and advises federal bodies on proactive disclosure and open data.", true),
    ("Budget Ouvert Afrique centrale", OrgKind::Ngo, "CM", "https://example.org/budget-ouvert", "Helps finance ministries and communes in Central Africa publish budgets citizens can read, and trains civil society to follow the money.", true),
    ("Red Ciudadana de Datos Abiertos", OrgKind::Ngo, "AR", "https://example.org/red-datos", "A network of data journalists and civic technologists that helps governments publish data people actually use.", true),
    ("Lobbying Transparency Watch (demo)", OrgKind::Ngo, "BE", "https://example.org/lobbying-watch", "Advises parliaments and governments on lobbying registers, legislative footprints and revolving-door rules.", true),
    ("Pacific Climate Accountability Forum", OrgKind::Ngo, "FJ", "https://example.org/pacific-climate", "Tracks climate finance in Pacific island countries and helps ministries involve communities in adaptation spending.", false),
    ("Civic Space Defenders Collective", OrgKind::Ngo, "JO", "https://example.org/civic-space-collective", "Legal advice and monitoring on freedom of association, assembly and expression, with governments and civil society in the Middle East and North Africa.", false),
    ("Mujeres por la Transparencia", OrgKind::Ngo, "GT", "https://example.org/mujeres-transparencia", "Works with governments so that open government commitments reach women and Indigenous communities, from design to monitoring.", true),
    ("Open Procurement Alliance Balkans", OrgKind::Ngo, "RS", "https://example.org/opa-balkans", "Monitors public procurement in the Western Balkans and helps procurement offices publish and use open contracting data.", true),
    ("Initiative citoyenne pour les données ouvertes (demo)", OrgKind::Ngo, "MG", "https://example.org/donnees-ouvertes-mg", "Supports ministries and municipalities in French-speaking Africa in publishing budget, health and education data as open data.", false),
    ("Atelier Données Publiques", OrgKind::PrivateFirm, "FR", "https://example.org/atelier-donnees", "Consultancy for open data and budget transparency: data inventories, publication pipelines and training for public administrations.", true),
    ("Andes Analytics (demo)", OrgKind::PrivateFirm, "EC", "https://example.org/andes-analytics", "Data analysis and dashboards for public procurement and spending, built on open standards and handed over to government teams.", false),
    ("Kijiji Digital Services", OrgKind::PrivateFirm, "TZ", "https://example.org/kijiji-digital", "Builds SMS and mobile tools that let citizens report problems with local services and follow how councils respond.", true),
    ("Nordlys Integrity Advisers", OrgKind::PrivateFirm, "NO", "https://example.org/nordlys", "Advisers on integrity systems, conflict of interest rules, asset declarations and lobbying regulation for public bodies.", true),
    ("Mekong Civic Labs", OrgKind::PrivateFirm, "TH", "https://example.org/mekong-civic-labs", "Designs digital public services with their users, and helps agencies publish the data behind them.", false),
    ("Lagune Conseil en finances publiques", OrgKind::PrivateFirm, "CI", "https://example.org/lagune-conseil", "Public finance consultancy in West Africa: budget transparency, extractive revenue reporting and audit of public spending.", true),
    ("Pan-African Public Finance Facility (demo)", OrgKind::Multilateral, "ET", "https://example.org/pafpf", "Intergovernmental facility that funds and advises budget transparency, revenue and open data reforms in African member states.", true),
    ("Inter-American Open Government Fund (demo)", OrgKind::Multilateral, "PA", "https://example.org/iaogf", "Regional fund that co-finances and advises digital government and open data reforms in Latin America and the Caribbean.", true),
    ("European Rule of Law and Integrity Facility (demo)", OrgKind::Multilateral, "AT", "https://example.org/eurlif", "Intergovernmental programme supporting judicial transparency, integrity and lobbying reforms in candidate and neighbouring countries.", false),
    ("Pacific Public Sector Cooperation Programme (demo)", OrgKind::Multilateral, "WS", "https://example.org/ppscp", "Programme of Pacific island governments sharing expertise on public finance, service delivery and climate resilience.", true),
    ("Laboratoire de recherche sur la gouvernance ouverte (demo)", OrgKind::Academic, "MA", "https://example.org/lrgo", "University laboratory studying citizen participation and open data in North and West Africa, and training public officials.", true),
    ("Centro de Estudios de Justicia Abierta", OrgKind::Academic, "ES", "https://example.org/justicia-abierta", "Academic centre on open justice: court data, publication of judgments and access to information in the justice sector.", false),
    ("Centre for Inclusive Governance, Institute of Public Policy Studies (demo)", OrgKind::Academic, "PK", "https://example.org/cig-ipps", "Research and training on gender-responsive public services, local government accountability and citizen feedback in South Asia.", false),
    ("Centre for Open Data Research, Peninsula Technical University (demo)", OrgKind::Academic, "MY", "https://example.org/codr", "Applied research on open data, data standards and digital government, with short courses for civil servants.", true),
    // more governments asking for help
    ("Ministry of Finance, Fiscal Transparency Unit", OrgKind::Government, "BF", "", "Prepares the citizens' budget and publishes the quarterly budget execution reports.", false),
    ("Ministry of Mining and Heavy Industry, Transparency Division", OrgKind::Government, "MN", "", "Issues mining licences and publishes the extractive industries reports; leads the government's work on disclosing mining contracts and licence holders.", true),
    ("Ministry of Environment, Climate Information Directorate", OrgKind::Government, "CR", "", "Manages the national climate change information system and public reporting on environmental licences.", true),
    ("Office of the Auditor General, Citizen Engagement Unit", OrgKind::Government, "LK", "", "Opens the audit process to citizens through complaints, participatory audits and plain-language audit summaries.", false),
    ("Ministry of Justice, Judicial Data Office", OrgKind::Government, "AM", "", "Responsible for court statistics, the e-justice system and the publication of judicial decisions.", true),
    ("National Mining Cadastre, Contract Disclosure Unit", OrgKind::Government, "CD", "", "Keeps the mining cadastre and is responsible for publishing mining contracts and the owners of licence holders.", false),
    ("Municipality of Villa Esperanza, Open Government Office", OrgKind::Government, "PY", "", "Open government office of a municipality of 280,000 residents, coordinating transparency, public works information and citizen services.", false),
    ("Ministry Delegate for Civil Society and Public Participation", OrgKind::Government, "MA", "", "Coordinates dialogue with civil society, public consultations and petitions, and the government's participation commitments.", true),
    ("Prime Minister's Chancellery, Integrity and Lobbying Unit", OrgKind::Government, "RO", "", "Coordinates integrity policy across ministries and is preparing a mandatory register of interest representatives.", true),
    ("Ministry of Local Government, Local Services Division", OrgKind::Government, "NP", "", "Supports municipalities in service delivery, grievance handling and digital services, especially in remote districts.", false),
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
    ("case.manager2@demo.ogpnm.example", "Kwame Asante", Some(StaffRole::CaseManager), None),
    (
        "finance.ministry@demo.ogpnm.example",
        "Awa Ouédraogo",
        None,
        Some("Ministry of Finance, Fiscal Transparency Unit"),
    ),
    // the parties of the demo introductions and conversations
    (
        "auditor.general@demo.ogpnm.example",
        "Nimal Perera",
        None,
        Some("Office of the Auditor General, Citizen Engagement Unit"),
    ),
    (
        "comptroller@demo.ogpnm.example",
        "Camila Rojas",
        None,
        Some("Office of the Comptroller General, Citizen Audit Division"),
    ),
    (
        "governance.bank@demo.ogpnm.example",
        "Maria Santos",
        None,
        Some("Regional Development Bank, Governance Practice (demo)"),
    ),
    ("judicial.data@demo.ogpnm.example", "Ani Petrosyan", None, Some("Ministry of Justice, Judicial Data Office")),
    ("open.courts@demo.ogpnm.example", "Thandiwe Nkosi", None, Some("Centre for Justice and Open Courts")),
    (
        "resource.governance@demo.ogpnm.example",
        "Kofi Boateng",
        None,
        Some("Natural Resource Governance Institute for Africa (demo)"),
    ),
    ("ownership.network@demo.ogpnm.example", "Harriet Cole", None, Some("Beneficial Ownership Network (demo)")),
    (
        "villa.esperanza@demo.ogpnm.example",
        "Rodrigo Benítez",
        None,
        Some("Municipality of Villa Esperanza, Open Government Office"),
    ),
    ("transparencia.andina@demo.ogpnm.example", "Valentina Quispe", None, Some("Transparencia Andina")),
    // a case in Matching whose government and two shortlisted providers can be introduced
    (
        "climate.directorate@demo.ogpnm.example",
        "Mariana Gutiérrez",
        None,
        Some("Ministry of Environment, Climate Information Directorate"),
    ),
    (
        "governance.studies@demo.ogpnm.example",
        "Tomás Álvarez",
        None,
        Some("Institute for Governance Studies, National University (demo)"),
    ),
    ("geomaps@demo.ogpnm.example", "Inés Duarte", None, Some("GeoMaps Cooperative")),
    // the parties of the demo agreements and story, and of a case ready for its selection
    (
        "open.data.office@demo.ogpnm.example",
        "Lorena Giménez",
        None,
        Some("Ministry of Information and Communication Technologies, Open Data Office"),
    ),
    (
        "health.transparency@demo.ogpnm.example",
        "Grace Wanjiru",
        None,
        Some("Ministry of Health, Service Transparency Unit"),
    ),
    ("kijiji@demo.ogpnm.example", "Baraka Mwita", None, Some("Kijiji Digital Services")),
    (
        "open.schools@demo.ogpnm.example",
        "Hery Rakoto",
        None,
        Some("Ministry of National Education, Open Schools Programme"),
    ),
    (
        "donnees.citoyennes@demo.ogpnm.example",
        "Aïcha Diallo",
        None,
        Some("Initiative citoyenne pour les données ouvertes (demo)"),
    ),
    ("atelier.donnees@demo.ogpnm.example", "Julien Moreau", None, Some("Atelier Données Publiques")),
];

/// What [`seed_demo`] loaded.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Seeded {
    pub organisations: usize,
    pub accounts: usize,
    /// Provider profiles and requests.
    pub surveys: usize,
    /// Outreach campaigns.
    pub outreach: usize,
    /// Cases worked on beyond Intake.
    pub cases: usize,
    pub introductions: usize,
    /// Demo cases taken through selection, agreement and (one) a published story.
    pub agreements: usize,
}

/// Loads the demo organisations when there are none, and the demo accounts when there are no
/// accounts, each in one transaction; the demo's files go to `files`.
pub async fn seed_demo(db: &Database, files: &crate::files::Files) -> Result<Seeded, AppError> {
    let organisations = seed_organisations(db).await?;
    let accounts = seed_accounts(db).await?;
    // before the surveys: a demo profile names an added issue area and an added language
    super::demo_vocabulary::seed(db).await?;
    let surveys = seed_surveys(db).await?;
    super::roster::index_missing(db).await?;
    super::cases::open_missing(db).await?;
    let outreach = seed_outreach(db).await?;
    let cases = seed_cases(db).await?;
    let introductions = super::demo_dialogue::seed_dialogue(db, files).await?;
    let agreements = super::demo_agreements::seed_agreements(db).await?;
    super::board::seed_demo_views(db).await?;
    super::demo_contact::seed(db).await?;
    Ok(Seeded { organisations, accounts, surveys, outreach, cases, introductions, agreements })
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
    ("Transparencia Andina", &["open_contracting:expert", "citizen_participation:experienced", "anti_corruption:experienced"], &["training", "technical_implementation"], "low_cost", "", &["remote", "in_person"], &["es", "qu"], &["americas"], &["CO", "PE", "EC", "BO"], "part_time", "Trained 300 municipal officials in Colombia to publish public-works contracts in the Open Contracting Data Standard, with citizen monitors in 12 municipalities."),
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
    ("Ministry of Digital Economy, Public Data Directorate (demo)", &["open_data:expert", "digital_governance:experienced", "access_to_information:familiar"], &["peer_exchange", "training"], "pro_bono", "", &["remote", "in_person"], &["fr", "ar", "en"], &["africa_middle_east"], &["TN", "MA", "JO", "SN"], "few_days", "Built an inventory of 1,800 datasets held by 40 ministries, published 600 of them on the national portal and trained a network of 90 data officers; hosted peer visits from two French-speaking governments in 2023."),
    ("Ministry of Finance, Public Budget Directorate", &["fiscal_openness:expert", "citizen_participation:experienced"], &["peer_exchange", "training"], "pro_bono", "", &["remote", "in_person"], &["ro", "ru", "en"], &["europe"], &["MD", "UA", "GE", "AM"], "few_days", "Moved budget execution reporting from yearly PDF reports to monthly open data by programme and district in 2021, and held 14 regional hearings on the draft budget with 1,100 participants."),
    ("Office of the Comptroller General, Citizen Audit Division", &["anti_corruption:expert", "citizen_participation:expert", "open_contracting:familiar"], &["peer_exchange", "training", "strategy_advice"], "pro_bono", "", &["remote", "in_person"], &["es", "en"], &["americas"], &["CL", "PE", "PY", "CR"], "part_time", "Ran 35 participatory audits of schools, health centres and road works since 2018 with 2,400 citizen volunteers; its manual and online course on the method were adopted by two audit offices in the region."),
    ("Ministry of Public Administration and Digital Affairs, Public Data Strategy Division", &["open_data:expert", "digital_governance:expert", "public_service_delivery:experienced"], &["peer_exchange", "strategy_advice"], "pro_bono", "", &["remote"], &["ko", "en"], &["asia_pacific"], &["KR", "MN", "VN", "ID"], "few_days", "Set up a data quality certification applied to 2,000 government databases and an open API platform serving 70,000 registered developers; ran remote study sessions for officials of six Asian governments in 2022-2023."),
    ("Companies Registry, Beneficial Ownership Division", &["beneficial_ownership:expert", "anti_corruption:experienced", "extractive_industries:familiar"], &["peer_exchange", "technical_implementation"], "pro_bono", "", &["remote", "in_person"], &["en"], &["africa_middle_east"], &["NG", "GH", "KE", "ZM"], "part_time", "Launched a free public beneficial ownership register in 2023 holding 150,000 declarations, linked to the tax and procurement agencies so that the owners of bidders are checked before contract award."),
    ("Federal Access to Information Commission (demo)", &["access_to_information:expert", "open_data:experienced", "justice:familiar"], &["peer_exchange", "training", "legal_drafting"], "pro_bono", "", &["remote"], &["en", "fr"], &["americas", "africa_middle_east"], &["CA", "HT", "CM", "SN"], "few_days", "Designed a bilingual course for 300 access to information coordinators and has published its complaint decisions as open data since 2020; advised two French-speaking information commissions on their first rules of procedure."),
    ("Budget Ouvert Afrique centrale", &["fiscal_openness:expert", "citizen_participation:experienced", "open_data:familiar"], &["training", "strategy_advice"], "low_cost", "", &["in_person", "remote"], &["fr", "en"], &["africa_middle_east"], &["CM", "GA", "TD", "CG", "CF"], "part_time", "Co-produced the first citizens' budget of a finance ministry in 2022 and trained 45 communes to post their budgets and accounts on notice boards and online; 12,000 copies were distributed in French and English."),
    ("Red Ciudadana de Datos Abiertos", &["open_data:expert", "gender_inclusion:experienced", "digital_governance:familiar"], &["training", "data_tools", "strategy_advice"], "low_cost", "", &["remote", "in_person"], &["es", "pt"], &["americas"], &["AR", "UY", "PY", "BR"], "part_time", "Ran 18 data hackathons with provincial governments and helped one province publish gender-based violence data in an open standard, cutting replies to information requests on it from weeks to days."),
    ("Lobbying Transparency Watch (demo)", &["lobbying:expert", "anti_corruption:experienced", "access_to_information:familiar", "open_parliament:experienced"], &["legal_drafting", "strategy_advice"], "low_cost", "", &["remote", "in_person"], &["en", "fr", "nl", "de"], &["europe"], &["BE", "IE", "RO", "XK"], "few_days", "Reviewed the draft lobbying law of a national parliament in 2022 and proposed a mandatory register with quarterly reporting of meetings; 9 of its 12 recommendations were kept in the law adopted in 2023."),
    ("Pacific Climate Accountability Forum", &["climate_environment:expert", "fiscal_openness:experienced", "citizen_participation:experienced"], &["training", "strategy_advice", "peer_exchange"], "pro_bono", "", &["in_person", "remote"], &["en"], &["asia_pacific"], &["FJ", "VU", "SB", "TO", "WS"], "sustained", "Built a public tracker of 240 climate finance projects in five Pacific countries with their finance ministries, and ran community scorecards on 30 coastal adaptation projects in Fiji and Vanuatu."),
    ("Civic Space Defenders Collective", &["civic_space:expert", "access_to_information:experienced", "gender_inclusion:familiar"], &["legal_drafting", "training"], "pro_bono", "", &["remote", "in_person"], &["ar", "en", "fr"], &["africa_middle_east"], &["JO", "TN", "MA", "LB"], "part_time", "Reviewed a draft law on associations with a ministry of social development in 2021, replacing prior approval with simple notification for new associations, and trained 120 registry officials on the new procedure."),
    ("Mujeres por la Transparencia", &["gender_inclusion:expert", "citizen_participation:experienced", "public_service_delivery:experienced"], &["training", "strategy_advice"], "low_cost", "", &["in_person", "remote"], &["es"], &["americas"], &["GT", "HN", "SV", "MX"], "part_time", "Ran gender audits of two national action plans and co-designed a commitment on maternal health services with a health ministry, monitored by committees of Indigenous women in 16 rural municipalities."),
    ("Open Procurement Alliance Balkans", &["open_contracting:expert", "anti_corruption:experienced", "open_data:familiar"], &["technical_implementation", "training", "data_tools"], "low_cost", "", &["remote", "in_person"], &["sr", "en"], &["europe"], &["RS", "ME", "BA", "MK", "AL", "XK"], "sustained", "Built a red-flag tool over 180,000 tenders published in the Open Contracting Data Standard, adopted by a procurement office in 2022 to choose what to audit, and trained 200 procurement officers in four countries."),
    ("Initiative citoyenne pour les données ouvertes (demo)", &["open_data:expert", "fiscal_openness:experienced", "public_service_delivery:familiar"], &["training", "data_tools", "technical_implementation"], "low_cost", "", &["remote", "in_person"], &["fr", "en"], &["africa_middle_east"], &["MG", "SN", "BJ", "CD", "KM"], "part_time", "Helped a ministry of education publish the results and budgets of 8,000 schools as open data in 2022, and trained 60 officials of six municipalities to publish their budgets every month on a shared portal."),
    ("Atelier Données Publiques", &["open_data:expert", "fiscal_openness:experienced", "digital_governance:experienced"], &["technical_implementation", "data_tools", "training"], "paid", "450 to 650 EUR a day", &["remote", "in_person"], &["fr", "en", "es"], &["europe", "africa_middle_east"], &["FR", "BE", "SN", "TN", "MA"], "sustained", "Built the open budget data pipeline of a regional council, publishing 12 years of budgets and accounts in a common schema, and trained 150 staff of 30 local authorities to reuse it in their own publications."),
    ("Andes Analytics (demo)", &["open_contracting:experienced", "fiscal_openness:experienced", "open_data:experienced"], &["data_tools", "technical_implementation"], "paid", "250 to 400 USD a day", &["remote"], &["es", "en"], &["americas"], &["EC", "PE", "BO", "CO"], "part_time", "Delivered a procurement analytics dashboard to a national procurement agency in 2023, covering 95,000 contracts a year, with the source code and training handed over to the agency's own team of five analysts."),
    ("Kijiji Digital Services", &["public_service_delivery:expert", "digital_governance:experienced", "citizen_participation:familiar"], &["technical_implementation", "data_tools"], "low_cost", "", &["remote", "in_person"], &["sw", "en"], &["africa_middle_east"], &["TZ", "KE", "UG", "RW"], "sustained", "Deployed an SMS feedback line for water points in 22 district councils: 41,000 reports in 2022 and average repair times cut from 19 to 6 days. The system now runs on the councils' own servers."),
    ("Nordlys Integrity Advisers", &["anti_corruption:expert", "lobbying:experienced", "beneficial_ownership:familiar"], &["legal_drafting", "strategy_advice", "training"], "paid", "600 to 800 EUR a day", &["remote", "in_person"], &["en", "de"], &["europe", "asia_pacific"], &["NO", "LV", "MN", "PH"], "few_days", "Drafted the asset and interest declaration rules of a national anti-corruption commission and its online declaration form, used by 14,000 officials since 2021, and trained its verification team of 25 staff."),
    ("Mekong Civic Labs", &["public_service_delivery:experienced", "open_data:experienced", "digital_governance:experienced"], &["technical_implementation", "data_tools", "training"], "paid", "200 to 350 USD a day", &["remote", "in_person"], &["th", "en", "vi"], &["asia_pacific"], &["TH", "VN", "KH", "LA"], "part_time", "Redesigned an online business licensing service after 60 user interviews, cutting the steps from 14 to 5, and published the licensing data behind it as open data with a monthly update pipeline."),
    ("Lagune Conseil en finances publiques", &["fiscal_openness:expert", "extractive_industries:experienced", "open_data:familiar"], &["strategy_advice", "training", "technical_implementation"], "paid", "350 to 500 EUR a day", &["in_person", "remote"], &["fr", "en"], &["africa_middle_east"], &["CI", "BF", "ML", "NE", "GN", "TG"], "part_time", "Helped a budget ministry publish all eight key budget documents within two years, and trained 80 officials of the treasury and the mining revenue office to produce quarterly revenue and spending reports."),
    ("Pan-African Public Finance Facility (demo)", &["fiscal_openness:expert", "extractive_industries:experienced", "open_data:experienced"], &["strategy_advice", "peer_exchange", "training"], "pro_bono", "", &["in_person", "remote"], &["en", "fr", "ar", "pt"], &["africa_middle_east"], &["ET", "RW", "SN", "MZ", "CD"], "sustained", "Funded and advised fiscal transparency reforms in 11 member states since 2019, including a peer-learning programme in which six finance ministries reviewed each other's budget publications and open data portals."),
    ("Inter-American Open Government Fund (demo)", &["digital_governance:expert", "open_data:experienced", "public_service_delivery:experienced"], &["strategy_advice", "technical_implementation", "peer_exchange"], "pro_bono", "", &["remote", "in_person"], &["es", "en", "pt"], &["americas"], &["PA", "DO", "JM", "HN", "BR"], "sustained", "Co-financed digital identity and online services programmes in four countries (2018-2023), bringing 230 procedures online, and convenes a yearly network of chief digital officers from 20 governments."),
    ("European Rule of Law and Integrity Facility (demo)", &["anti_corruption:expert", "justice:experienced", "lobbying:experienced"], &["strategy_advice", "legal_drafting", "peer_exchange"], "pro_bono", "", &["remote", "in_person"], &["en", "de", "fr", "ru"], &["europe"], &["AT", "MD", "UA", "AL", "ME"], "part_time", "Reviewed the integrity and lobbying laws of five governments between 2020 and 2024, and ran peer reviews in which judicial councils compared how they publish appointments, assets and disciplinary decisions."),
    ("Pacific Public Sector Cooperation Programme (demo)", &["fiscal_openness:experienced", "public_service_delivery:experienced", "climate_environment:experienced"], &["peer_exchange", "training"], "pro_bono", "", &["remote", "in_person"], &["en"], &["asia_pacific"], &["WS", "TO", "FJ", "PG", "KI", "TV"], "part_time", "Organised secondments of 18 budget officers between six island finance ministries and a shared citizens' budget template, now published every year by four countries in English and local languages."),
    ("Laboratoire de recherche sur la gouvernance ouverte (demo)", &["citizen_participation:expert", "open_data:experienced", "fiscal_openness:familiar"], &["training", "strategy_advice"], "low_cost", "", &["remote", "in_person"], &["fr", "ar", "en"], &["africa_middle_east"], &["MA", "TN", "SN", "CI"], "part_time", "Evaluated the petition and public consultation platforms of 25 municipalities in 2022, and built a certificate course on participation and open data taken by 140 officials from nine French-speaking countries."),
    ("Centro de Estudios de Justicia Abierta", &["justice:expert", "access_to_information:experienced", "open_data:familiar"], &["training", "strategy_advice", "legal_drafting"], "paid", "3,000 EUR for a 5-day course of up to 25 participants; advice at 400 EUR a day", &["remote", "in_person"], &["es", "en", "pt"], &["europe", "americas"], &["ES", "PT", "AR", "CR", "DO"], "few_days", "Designed the anonymisation protocol a supreme court uses to publish 200,000 judgments a year, and taught an open justice course to 180 judges and clerks from seven Latin American countries."),
    ("Centre for Inclusive Governance, Institute of Public Policy Studies (demo)", &["gender_inclusion:experienced", "public_service_delivery:experienced", "citizen_participation:experienced"], &["training", "strategy_advice"], "low_cost", "", &["in_person", "remote"], &["ur", "en"], &["asia_pacific"], &["PK", "BD", "NP", "LK"], "part_time", "Ran citizen report cards on health and water services in 40 union councils, with women making up a third of respondents, and trained 250 local officials to use the results in their annual development plans."),
    ("Centre for Open Data Research, Peninsula Technical University (demo)", &["open_data:expert", "digital_governance:experienced", "open_contracting:familiar"], &["training", "strategy_advice", "data_tools"], "low_cost", "", &["remote", "in_person"], &["ms", "en", "zh"], &["asia_pacific"], &["MY", "ID", "PH", "TH"], "few_days", "Assessed 1,100 datasets of a national open data portal against quality and licensing criteria in 2023, and ran a six-week data stewardship course completed by 320 civil servants from 45 agencies."),
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
    // the oldest, and one no listed provider can answer yet (no provider offers extractive
    // industries or access to information in Asia-Pacific): the gap map's first gap
    ("Ministry of Mining and Heavy Industry, Transparency Division", &["extractive_industries", "access_to_information"], "developing", "Our action plan will commit to publishing every mining licence and contract, and to answering citizens' requests about them within 20 days. We are looking for a government or organisation in our region that has done this, to learn how they prepared the law and the registry.", "Draft action plan 2025-2027, commitment 2", &["peer_exchange", "legal_drafting"], &["en", "ru"], "next_months", "pro_bono_expected"),
    ("Ministry of Public Administration", &["public_service_delivery", "citizen_participation"], "developing", "We want a commitment on handling citizens' complaints about local services, but we do not know how other governments made complaint systems answer within a set time. We would like to learn from a peer government before we draft.", "", &["peer_exchange", "strategy_advice"], &["id", "en"], "urgent", "costs_covered"),
    ("Directorate of Public Procurement", &["open_contracting", "anti_corruption"], "implementing", "Our open contracting system publishes every tender, but few citizens use the data. We need help to design monitoring by civil society in three pilot regions.", "Action plan 2024-2026, commitment 3", &["training", "technical_implementation"], &["uk", "en"], "next_months", "funded"),
    ("National Treasury, Budget Transparency Office", &["fiscal_openness"], "refining", "Counties publish budgets in very different formats. We are refining a commitment on a common county budget data standard and want an expert review of our draft.", "Draft commitment on county budget data", &["strategy_advice", "data_tools"], &["en", "sw"], "this_year", "pro_bono_expected"),
    ("Ministry of Finance, Fiscal Transparency Unit", &["fiscal_openness", "open_data"], "developing", "Our quarterly budget execution reports are published only as PDF files, and civil society organisations ask for data they can reuse. We are drafting a commitment to publish execution data by ministry and region in open formats every quarter and would like advice from a French-speaking peer or expert on the data model and a realistic publication calendar.", "Action plan 2025-2027, draft commitment 2", &["strategy_advice", "peer_exchange", "data_tools"], &["fr"], "next_months", "costs_covered"),
    ("Ministry of Environment, Climate Information Directorate", &["climate_environment", "access_to_information", "citizen_participation"], "refining", "We have committed to publish environmental impact assessments and climate finance data on one public platform. We have the legal mandate, but need advice on how to involve affected communities in deciding what is published and in what form, and on training our regional offices to answer their questions.", "Action plan 2023-2027, commitment 5", &["strategy_advice", "training"], &["es"], "this_year", "pro_bono_expected"),
    ("Office of the Auditor General, Citizen Engagement Unit", &["anti_corruption", "citizen_participation", "open_contracting"], "implementing", "We are piloting participatory audits of rural road projects with civil society partners in two provinces. We would like to learn from audit institutions that run such audits at scale, especially how they select projects, protect citizen auditors and follow up on findings.", "Action plan 2023-2025, commitment 6", &["peer_exchange", "training"], &["en"], "flexible", "unsure"),
    ("Ministry of Justice, Judicial Data Office", &["justice", "open_data"], "refining", "Courts publish their decisions, but personal data is removed by hand and the backlog exceeds 30,000 decisions. We are refining a commitment to publish all decisions and court statistics as open data, and need expert advice on automated anonymisation and on a data standard for court statistics.", "Action plan 2024-2026, commitment 7", &["technical_implementation", "strategy_advice"], &["hy", "en", "ru"], "next_months", "funded"),
    ("National Mining Cadastre, Contract Disclosure Unit", &["extractive_industries", "beneficial_ownership", "open_data"], "implementing", "We must publish all mining contracts and the beneficial owners of licence holders by the end of the year. We have scanned 420 contracts but have no system to publish them with their metadata, and our staff have never verified ownership declarations. We need French-speaking technical help quickly.", "Action plan 2024-2026, commitment 4", &["technical_implementation", "training", "data_tools"], &["fr"], "urgent", "costs_covered"),
    ("Municipality of Villa Esperanza, Open Government Office", &["open_contracting", "public_service_delivery", "citizen_participation"], "developing", "Residents tell us they cannot follow the public works contracts in their neighbourhood or report delays. We want our first local action plan to include a commitment to publish works contracts on a map and receive citizen reports, but we are a team of three with no budget for consultants.", "", &["strategy_advice", "data_tools", "peer_exchange"], &["es"], "this_year", "pro_bono_expected"),
    ("Ministry Delegate for Civil Society and Public Participation", &["civic_space", "citizen_participation", "gender_inclusion"], "refining", "We are revising the decree on public consultations and petitions, which few associations use today. We would like to hear how other governments set realistic petition thresholds and response deadlines, and to have our draft reviewed by experts on civic space and on the participation of women and young people.", "Action plan 2024-2026, commitment 9", &["legal_drafting", "peer_exchange"], &["fr", "ar"], "this_year", "costs_covered"),
    ("Prime Minister's Chancellery, Integrity and Lobbying Unit", &["lobbying", "anti_corruption"], "developing", "Parliament has asked the government to present a draft law on a mandatory lobbying register within four months. We need experienced advisers to help us compare models, define who must register and what they must disclose, and draft the law with us.", "Action plan 2024-2026, commitment 1", &["legal_drafting", "strategy_advice"], &["ro", "en"], "urgent", "funded"),
    ("Ministry of Local Government, Local Services Division", &["public_service_delivery", "digital_governance", "gender_inclusion"], "developing", "We want to help 50 municipalities offer basic services such as vital registration online and by mobile phone, including for women and people in remote areas who do not use the internet. We are looking for other countries' experience of designing such services with users and measuring whether they reach everyone.", "", &["strategy_advice", "technical_implementation", "peer_exchange"], &["ne", "en"], "next_months", "unsure"),
    ("Ministry of Information and Communication Technologies, Open Data Office", &["open_data", "digital_governance"], "implementing", "Our open data portal lists 300 datasets, but half are out of date and ministries publish without a common process. We want a data governance framework and a publication calendar agreed with every ministry, and to learn from a government that has done it.", "Action plan 2024-2026, commitment 5", &["peer_exchange", "strategy_advice"], &["es"], "next_months", "pro_bono_expected"),
    ("Ministry of Health, Service Transparency Unit", &["public_service_delivery", "citizen_participation", "open_data"], "implementing", "We committed to let patients report problems with health facilities and to publish how each county responds. We need a provider who has run an SMS feedback line with local governments and can hand the system over to our team.", "Action plan 2023-2025, commitment 3", &["technical_implementation", "data_tools"], &["en", "sw"], "urgent", "costs_covered"),
    ("Ministry of National Education, Open Schools Programme", &["open_data", "fiscal_openness", "public_service_delivery"], "implementing", "We publish the results of national exams, but not the budgets each school receives. We want to publish school budgets as open data and help parents' associations read them, starting with three regions.", "Action plan 2024-2026, commitment 2", &["technical_implementation", "training", "data_tools"], &["fr"], "this_year", "costs_covered"),
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
    for (i, p) in DEMO_PROFILES.iter().enumerate() {
        let Some(org) = organisations::id_by_name(&mut tx, p.0).await? else { continue };
        let mut answers = demo_profile(p);
        // most providers are in the public directory too, every other one with its contact
        // details; a few government bodies keep to the staff's roster
        if !DEMO_NOT_PUBLIC.contains(&p.0) {
            put(&mut answers, "consent_public", &["yes"]);
            if i.is_multiple_of(2) {
                put(&mut answers, "consent_public_contact", &["yes"]);
            }
        }
        surveys::add_profile_version(&mut tx, &org, &answers, None, true).await?;
        count += 1;
    }
    // the requests came in over the past two months, a few days apart; each opened its case
    let now = super::now_ms();
    for (i, r) in DEMO_REQUESTS.iter().enumerate() {
        let Some(org) = organisations::id_by_name(&mut tx, r.0).await? else { continue };
        let answers = demo_request(r);
        let submitted = now - (DEMO_REQUESTS.len() - i) as i64 * 5 * 86_400_000;
        // a case the demo works from further back came in three days before that work began
        let submitted = match super::demo_agreements::work_began_days_ago(r.0) {
            Some(days) => submitted.min(now - (days + 3) * 86_400_000),
            None => submitted,
        };
        let id = surveys::insert_request(&mut tx, &org, None, answers.first("country"), &answers, submitted).await?;
        // as a submission does: the roster entry, then the case
        super::roster::index_request(&mut tx, &id).await?;
        super::cases::open(&mut tx, &id, &org, submitted).await?;
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
    let draft = surveys::create(&mut tx, SurveyKind::Supply, None, None, &partial, 1).await?.id;
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
    let draft = surveys::create(&mut tx, SurveyKind::Demand, None, None, &partial, 1).await?.id;
    if let Some(mut d) = surveys::get_tx(&mut tx, &draft).await? {
        d.answers = partial;
        surveys::write_answers(&mut tx, &d, 0, 1, 2, "demo-seed-demand").await?;
    }
    tx.commit().await?;
    Ok(count)
}

/// Demo providers listed for the staff only (not in the public directory).
pub const DEMO_NOT_PUBLIC: [&str; 3] = [
    "Ministry of Finance, Public Budget Directorate",
    "Office of the Comptroller General, Citizen Audit Division",
    "Companies Registry, Beneficial Ownership Division",
];

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

/// Demo outreach: (name, e-mail, organisation, kind, country, language, what they did):
/// 0 imported, 1 invited, 2 opened, 3 started, 4 submitted, 5 unsubscribed.
const DEMO_OUTREACH: &[(&str, &str, &str, &str, &str, &str, u8)] = &[
    ("Fatou Ndiaye", "f.ndiaye@example.org", "Réseau citoyen pour la transparence budgétaire", "ngo", "SN", "fr", 3),
    (
        "Jean-Baptiste Kaboré",
        "jb.kabore@example.org",
        "Institut burkinabè de la gouvernance locale",
        "academic",
        "BF",
        "fr",
        2,
    ),
    ("Camila Vargas", "c.vargas@example.org", "Observatorio de Contratación Abierta", "ngo", "CL", "es", 4),
    ("Diego Morales", "d.morales@example.org", "Laboratorio de Datos Públicos", "private_firm", "AR", "es", 1),
    ("Grace Otieno", "g.otieno@example.org", "Open Counties Initiative", "ngo", "KE", "en", 1),
    ("Priya Raman", "p.raman@example.org", "Civic Analytics Studio", "private_firm", "IN", "en", 5),
    ("Tomasz Nowak", "t.nowak@example.org", "Foundation for Open Public Finance", "ngo", "PL", "en", 0),
    ("Mariam Haddad", "m.haddad@example.org", "Centre for Access to Information Studies", "academic", "JO", "en", 0),
];

/// A campaign in progress, its recipients at every status, when there is none yet.
async fn seed_outreach(db: &Database) -> Result<usize, AppError> {
    use super::{outreach, surveys};
    use crate::domain::outreach::check_contact;
    use crate::domain::survey::{Answers, SurveyKind};
    if !outreach::campaigns(db.read()).await?.is_empty() {
        return Ok(0);
    }
    let mut tx = db.write().begin().await?;
    let campaign =
        outreach::create_campaign(&mut tx, "Providers of expertise, autumn round", SurveyKind::Supply, None).await?;
    for (i, (name, email, org, kind, country, language, reached)) in DEMO_OUTREACH.iter().enumerate() {
        let contact =
            check_contact(i + 2, [name, email, org, kind, country, language]).map_err(|_| AppError::Internal)?;
        let Ok(recipient) = outreach::add_recipient(&mut tx, &campaign, &contact).await? else { continue };
        if *reached >= 1 {
            outreach::mark_sent(&mut tx, &recipient, false).await?;
            outreach::add_token(&mut tx, &recipient).await?;
        }
        if *reached >= 2 && *reached <= 4 {
            let mut answers = Answers::default();
            answers.0.insert("respondent_name".into(), vec![contact.name.clone()]);
            answers.0.insert("respondent_email".into(), vec![contact.email.clone()]);
            answers.0.insert("org_name".into(), vec![contact.organisation.clone()]);
            let draft = surveys::create(&mut tx, SurveyKind::Supply, None, None, &answers, 1).await?.id;
            outreach::set_opened(&mut tx, &recipient, &draft).await?;
            if *reached >= 3 {
                if let Some(d) = surveys::get_tx(&mut tx, &draft).await? {
                    surveys::write_answers(&mut tx, &d, 0, 1, 2, &format!("demo-outreach-{i}")).await?;
                }
            }
            if *reached == 4 {
                surveys::mark_submitted(&mut tx, &draft, None, "demo").await?;
            }
        }
        if *reached == 5 {
            outreach::unsubscribe(&mut tx, &contact.email).await?;
        }
    }
    tx.commit().await?;
    Ok(1)
}

/// What a demo case has been through: (requesting organisation, Case Manager's e-mail, how far
/// it went, scope confirmed, providers shortlisted, pinned and excluded with their reasons, the
/// next step and its due day from today, a scoping note).
struct DemoCase {
    organisation: &'static str,
    case_manager: &'static str,
    path: &'static [DemoMove],
    confirmed: bool,
    shortlist: &'static [&'static str],
    pinned: &'static [(&'static str, &'static str)],
    excluded: &'static [(&'static str, &'static str)],
    next_step: Option<(&'static str, i64)>,
    note: Option<&'static str>,
}

#[derive(Clone, Copy)]
enum DemoMove {
    To(crate::domain::case::CaseStage, &'static str),
    Scope,
    Hold(i64, &'static str),
    Close(crate::domain::case::Outcome, &'static str),
}

const CM1: &str = "case.manager@demo.ogpnm.example";
const CM2: &str = "case.manager2@demo.ogpnm.example";

const DEMO_CASES: &[DemoCase] = {
    use crate::domain::case::{CaseStage::*, Outcome};
    use DemoMove::*;
    &[
        DemoCase {
            organisation: "National Treasury, Budget Transparency Office",
            case_manager: CM1,
            path: &[To(Scoping, "Clear need; a call with the county finance team is booked.")],
            confirmed: false,
            shortlist: &[],
            pinned: &[],
            excluded: &[],
            next_step: Some(("Expert call with the county finance team (90 minutes)", 3)),
            note: Some("Three counties already publish budgets as spreadsheets; the others only as scanned PDFs. The Treasury wants one data template and a training plan, not a new portal."),
        },
        DemoCase {
            organisation: "Ministry of Finance, Fiscal Transparency Unit",
            case_manager: CM1,
            path: &[To(Scoping, ""), Scope, To(Matching, "Scope sent to the ministry for confirmation.")],
            confirmed: false,
            shortlist: &[],
            pinned: &[("Ministry of Finance, Public Budget Directorate", "Peer ministry that made the same move to monthly open data; ask about their availability in the first quarter.")],
            excluded: &[],
            next_step: Some(("Ministry to confirm the scope", 5)),
            note: Some("Civil society asked for machine-readable execution data by programme. The unit has a data engineer but no experience with publication standards."),
        },
        DemoCase {
            organisation: "Ministry of Environment, Climate Information Directorate",
            case_manager: CM2,
            path: &[To(Scoping, ""), Scope, To(Matching, "")],
            confirmed: true,
            shortlist: &["Institute for Governance Studies, National University (demo)", "GeoMaps Cooperative"],
            pinned: &[],
            excluded: &[(
                "Association pour l'accès à l'information",
                "Strong on access to information, but works in French and English only; the directorate works in Spanish.",
            )],
            next_step: Some(("Check the shortlisted providers' availability before introductions", 2)),
            note: None,
        },
        DemoCase {
            organisation: "Office of the Auditor General, Citizen Engagement Unit",
            case_manager: CM1,
            path: &[To(Scoping, ""), Scope, To(Matching, ""), To(Introductions, "Two providers shortlisted and introduced by e-mail.")],
            confirmed: true,
            shortlist: &["Office of the Comptroller General, Citizen Audit Division", "Regional Development Bank, Governance Practice (demo)"],
            pinned: &[],
            excluded: &[],
            next_step: Some(("Follow up on the first calls with both providers", -2)),
            note: Some("The unit wants a peer who has run participatory audits at scale, and help with a volunteer training course."),
        },
        DemoCase {
            organisation: "Ministry of Justice, Judicial Data Office",
            case_manager: CM2,
            path: &[To(Scoping, ""), Scope, To(Matching, ""), To(Introductions, ""), To(Selection, "The office met both providers.")],
            confirmed: true,
            shortlist: &["Centre for Justice and Open Courts", "Civic Data Commons"],
            pinned: &[],
            excluded: &[],
            next_step: Some(("Office to choose its provider", 7)),
            note: None,
        },
        DemoCase {
            organisation: "National Mining Cadastre, Contract Disclosure Unit",
            case_manager: CM1,
            path: &[To(Scoping, ""), Scope, To(Matching, ""), To(Introductions, ""), To(Selection, "Both providers met the unit; it is choosing whom to work with.")],
            confirmed: true,
            shortlist: &["Natural Resource Governance Institute for Africa (demo)", "Beneficial Ownership Network (demo)"],
            pinned: &[],
            excluded: &[],
            next_step: Some(("The unit chooses between the two providers", 4)),
            note: None,
        },
        DemoCase {
            organisation: "Municipality of Villa Esperanza, Open Government Office",
            case_manager: CM2,
            path: &[To(Scoping, ""), Scope, To(Matching, ""), To(Introductions, "Introduced to Transparencia Andina for a first call.")],
            confirmed: true,
            shortlist: &["Transparencia Andina"],
            pinned: &[],
            excluded: &[],
            next_step: Some(("First call between the municipality and the provider", -1)),
            note: None,
        },
        DemoCase {
            organisation: "Ministry Delegate for Civil Society and Public Participation",
            case_manager: CM2,
            path: &[To(Scoping, ""), Hold(20, "The decree is on hold until the new consultation period opens.")],
            confirmed: false,
            shortlist: &[],
            pinned: &[],
            excluded: &[],
            next_step: None,
            note: Some("The ministry will come back once the consultation calendar is published."),
        },
        DemoCase {
            organisation: "Prime Minister's Chancellery, Integrity and Lobbying Unit",
            case_manager: CM1,
            path: &[To(Scoping, ""), Scope, To(Matching, ""), To(Introductions, ""), Close(Outcome::NoSuitableProvider, "No adviser could start before the parliament's deadline; the unit drafted the law with the ministry's own lawyers.")],
            confirmed: true,
            shortlist: &["Beneficial Ownership Network (demo)"],
            pinned: &[],
            excluded: &[],
            next_step: None,
            note: None,
        },
        DemoCase {
            organisation: "Ministry of Local Government, Local Services Division",
            case_manager: CM2,
            path: &[To(Scoping, ""), Close(Outcome::Withdrawn, "The ministry found funding for a national programme and withdrew its request.")],
            confirmed: false,
            shortlist: &[],
            pinned: &[],
            excluded: &[],
            next_step: None,
            note: None,
        },
    ]
};

/// Works the demo cases as Case Managers would have, through the same functions and guards a
/// person's request meets, each change dated when it happened: between the request's
/// submission and yesterday (the timeline is written once, never rewritten). Agreement and
/// Active wait for the workflow that records selections and agreements. Runs once (a case
/// beyond its first version means it ran).
async fn seed_cases(db: &Database) -> Result<usize, AppError> {
    use super::cases::{self, Author};
    use crate::domain::case::Move;
    use crate::domain::casework::{CaseScope, Decision};
    let worked: Vec<(i64,)> = crate::fetch!(fetch_all, db.read(), "SELECT version FROM cases WHERE version > 1",)?;
    if !worked.is_empty() {
        return Ok(0);
    }
    let now = super::now_ms();
    let day = 86_400_000;
    let mut done = 0;
    for demo in DEMO_CASES {
        let mut tx = db.write().begin().await?;
        let Some(org) = organisations::id_by_name(&mut tx, demo.organisation).await? else { continue };
        let Some(opened) = cases::of_organisation(db.read(), &org).await?.into_iter().next().map(|l| l.case) else {
            continue;
        };
        let Some(cm) = users::find_by_email(db.read(), demo.case_manager).await?.map(|f| f.user) else {
            // a demo database made before this Case Manager existed
            tracing::warn!(organisation = demo.organisation, "demo case skipped: its Case Manager has no account");
            continue;
        };
        let cm_id = cm.user_id.clone();
        // the changes are spread evenly between the request and yesterday
        let steps = demo.path.len() as i64 + 2;
        let gap = ((now - day - opened.updated_at) / (steps + 1)).max(60_000);
        let mut step = 0;
        let mut next_at = || {
            step += 1;
            opened.updated_at + step * gap
        };
        let case_id = opened.id.clone();
        let took = |r: Result<cases::Case, cases::Refused>| {
            r.map_err(|e| {
                tracing::error!(case = %case_id, refused = ?e, "demo case could not be worked");
                AppError::Internal
            })
        };
        let by = |reason: &'static str, at: i64| Author { actor: Some(&cm_id), reason, at };
        let mut case = took(cases::assign(&mut tx, &case_id, opened.version, Some(&cm_id), by("", next_at())).await?)?;
        for mv in demo.path {
            let at = next_at();
            let today = crate::domain::time::day_of(at);
            // the guards read the case's facts, as they do for a person's move
            let facts = cases::facts(&mut tx, &case).await?;
            let moved = match *mv {
                DemoMove::To(stage, reason) => {
                    cases::move_case(&mut tx, &case_id, case.version, Move::To(stage), &facts, today, by(reason, at))
                        .await?
                }
                DemoMove::Scope => {
                    let request = super::roster::request(db.read(), &opened.request_id)
                        .await?
                        .map(|r| r.answers)
                        .unwrap_or_default();
                    let mut scope = CaseScope::from_request(&request);
                    scope.deliverables =
                        "A short written review with recommendations, then two working sessions with the team.".into();
                    let written = cases::write_scope(&mut tx, &case_id, case.version, &scope, by("", at)).await?;
                    if demo.confirmed {
                        let version = took(written)?.version;
                        // the ministry confirmed in writing; its Case Manager records it
                        let confirmed = by("Confirmed by the ministry in writing.", at + 3_600_000);
                        cases::confirm_scope(&mut tx, &case_id, version, confirmed).await?
                    } else {
                        written
                    }
                }
                DemoMove::Hold(days, reason) => {
                    let mv = Move::Hold { until_day: crate::domain::time::day_of(now) + days };
                    cases::move_case(&mut tx, &case_id, case.version, mv, &facts, today, by(reason, at)).await?
                }
                DemoMove::Close(outcome, reason) => {
                    let mv = Move::Close(outcome);
                    cases::move_case(&mut tx, &case_id, case.version, mv, &facts, today, by(reason, at)).await?
                }
            };
            case = took(moved)?;
            // the decisions on matched providers are taken as soon as the case is in Matching
            if matches!(mv, DemoMove::To(crate::domain::case::CaseStage::Matching, _)) {
                let decide = [(Decision::Shortlisted, demo.shortlist.iter().map(|p| (*p, "")).collect::<Vec<_>>())]
                    .into_iter()
                    .chain([(Decision::Pinned, demo.pinned.to_vec()), (Decision::Excluded, demo.excluded.to_vec())]);
                let mut minutes = 0;
                for (decision, providers) in decide {
                    for (provider, reason) in providers {
                        if let Some(p) = organisations::id_by_name(&mut tx, provider).await? {
                            minutes += 10;
                            let author = by(reason, at + minutes * 60_000);
                            case = took(
                                cases::decide(&mut tx, &case_id, case.version, &p, Some(decision), author).await?,
                            )?;
                        }
                    }
                }
            }
        }
        let at = next_at();
        if let Some((step, due)) = demo.next_step {
            let due = crate::domain::time::day_of(now) + due;
            took(cases::set_next_step(&mut tx, &case_id, case.version, step, Some(due), by("", at)).await?)?;
        }
        if let Some(note) = demo.note {
            cases::add_note(&mut tx, &case_id, crate::domain::timeline::NoteKind::Scoping, by("", at), note).await?;
        }
        tx.commit().await?;
        done += 1;
    }
    Ok(done)
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
        // two demo profiles name values the demo administrator added
        super::super::demo_vocabulary::register_demo();
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
