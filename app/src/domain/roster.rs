//! The two rosters (providers of expertise, requests from governments): their facets, the
//! query a roster page is asked for (parsed from its URL, so a filtered roster is a link staff
//! can bookmark and share), what each profile or request contributes to the search index, and
//! what changed between two versions of a profile. Pure Rust, shared by browser and server.

use super::countries::Country;
use super::survey::{Answers, Options, Question, SurveyKind};
use super::taxonomy::{IssueArea, OrgKind, Region};
use crate::i18n::{Locale, K};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Results per roster page.
pub const PAGE_SIZE: u32 = 25;
/// Longest search text accepted.
pub const SEARCH_MAX: usize = 200;
/// Most values one facet may be filtered by (more than any vocabulary has, fewer than a flood).
pub const VALUES_MAX: usize = 40;

/// Which roster.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Roster {
    /// Providers of expertise (one entry per organisation with a profile).
    Providers,
    /// Requests from governments.
    Requests,
}

impl Roster {
    /// The stable key (URL segment and database value).
    pub fn key(self) -> &'static str {
        match self {
            Roster::Providers => "providers",
            Roster::Requests => "requests",
        }
    }

    /// Parses a key.
    pub fn from_key(key: &str) -> Option<Roster> {
        match key {
            "providers" => Some(Roster::Providers),
            "requests" => Some(Roster::Requests),
            _ => None,
        }
    }

    /// The roster page.
    pub fn path(self) -> &'static str {
        match self {
            Roster::Providers => "/roster/providers",
            Roster::Requests => "/roster/requests",
        }
    }

    /// The facets it is filtered by, in display order.
    pub fn facets(self) -> &'static [Facet] {
        match self {
            Roster::Providers => &[
                Facet::Area,
                Facet::Kind,
                Facet::Region,
                Facet::Country,
                Facet::Language,
                Facet::Cost,
                Facet::Assistance,
            ],
            Roster::Requests => {
                &[Facet::Area, Facet::Stage, Facet::Region, Facet::Country, Facet::Language, Facet::Assistance]
            }
        }
    }

    /// The sort orders offered; the first is the default.
    pub fn sorts(self) -> &'static [Sort] {
        match self {
            Roster::Providers => &[Sort::Name, Sort::Updated, Sort::Country],
            Roster::Requests => &[Sort::Updated, Sort::Name, Sort::Country],
        }
    }

    /// The survey that feeds it.
    pub fn survey(self) -> SurveyKind {
        match self {
            Roster::Providers => SurveyKind::Supply,
            Roster::Requests => SurveyKind::Demand,
        }
    }
}

/// A dimension a roster is filtered by. Within a facet the values are alternatives (any of
/// them); across facets every one must hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Facet {
    Area,
    Kind,
    Region,
    Country,
    Language,
    Cost,
    Assistance,
    Stage,
}

impl Facet {
    /// Every facet.
    pub const ALL: [Facet; 8] = [
        Facet::Area,
        Facet::Kind,
        Facet::Region,
        Facet::Country,
        Facet::Language,
        Facet::Cost,
        Facet::Assistance,
        Facet::Stage,
    ];

    /// The URL parameter and database value.
    pub fn key(self) -> &'static str {
        match self {
            Facet::Area => "area",
            Facet::Kind => "kind",
            Facet::Region => "region",
            Facet::Country => "country",
            Facet::Language => "language",
            Facet::Cost => "cost",
            Facet::Assistance => "assistance",
            Facet::Stage => "stage",
        }
    }

    /// Parses a URL parameter name.
    pub fn from_key(key: &str) -> Option<Facet> {
        Facet::ALL.into_iter().find(|f| f.key() == key)
    }

    /// The facet's label.
    pub fn label(self) -> K {
        match self {
            Facet::Area => K::RosterFacetArea,
            Facet::Kind => K::RosterFacetKind,
            Facet::Region => K::RosterFacetRegion,
            Facet::Country => K::RosterFacetCountry,
            Facet::Language => K::RosterFacetLanguage,
            Facet::Cost => K::RosterFacetCost,
            Facet::Assistance => K::RosterFacetAssistance,
            Facet::Stage => K::RosterFacetStage,
        }
    }

    fn vocabulary(self) -> Option<Options> {
        match self {
            Facet::Area => Some(Options::IssueArea),
            Facet::Kind => Some(Options::OrgKind),
            Facet::Region => Some(Options::Region),
            Facet::Country => None,
            Facet::Language => Some(Options::Language),
            Facet::Cost => Some(Options::CostBasis),
            Facet::Assistance => Some(Options::Assistance),
            Facet::Stage => Some(Options::Stage),
        }
    }

    /// `(value, label)` of every value, in display order (countries by name in `locale`).
    pub fn options(self, locale: Locale) -> Vec<(&'static str, &'static str)> {
        match self.vocabulary() {
            Some(options) => options.items(locale),
            None => Country::sorted_for(locale).into_iter().map(|c| (c.code, c.name(locale))).collect(),
        }
    }

    /// Whether `value` is one of the facet's values (a retired added value too, so a saved
    /// search keeps working).
    pub fn accepts(self, value: &str) -> bool {
        match self.vocabulary() {
            Some(options) => options.label(value, Locale::En).is_some(),
            None => Country::by_code(value).is_some_and(|c| c.code == value),
        }
    }

    /// The label of a value in `locale` (the value itself if unknown).
    pub fn value_label(self, value: &str, locale: Locale) -> String {
        match self.vocabulary() {
            Some(options) => options.label(value, locale).map(str::to_string),
            None => Country::by_code(value).map(|c| c.name(locale).to_string()),
        }
        .unwrap_or_else(|| value.to_string())
    }
}

/// How a roster is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    /// By name, A to Z.
    Name,
    /// Most recently updated first.
    Updated,
    /// By country code, then name.
    Country,
}

impl Sort {
    /// The URL value.
    pub fn key(self) -> &'static str {
        match self {
            Sort::Name => "name",
            Sort::Updated => "updated",
            Sort::Country => "country",
        }
    }

    /// The label.
    pub fn label(self) -> K {
        match self {
            Sort::Name => K::RosterSortName,
            Sort::Updated => K::RosterSortUpdated,
            Sort::Country => K::RosterSortCountry,
        }
    }
}

/// What a roster page was asked for: search text, facet filters, order and page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RosterQuery {
    /// Free text matched against names and descriptions.
    pub q: String,
    /// Selected values per facet (each list sorted, without duplicates).
    pub filters: BTreeMap<Facet, Vec<String>>,
    /// Order.
    pub sort: Sort,
    /// 1-based page.
    pub page: u32,
}

/// Why a roster URL was refused: the parameter, the value given and the message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueryError {
    pub param: String,
    pub value: String,
    /// Catalogue key name of the message.
    pub message: String,
}

impl QueryError {
    fn new(param: &str, value: &str, key: K) -> QueryError {
        QueryError {
            param: param.to_string(),
            value: value.chars().take(80).collect(),
            message: key.name().to_string(),
        }
    }

    /// The message, with the parameter's label and the value filled in.
    pub fn describe(&self, locale: Locale) -> String {
        let key = K::ALL.iter().copied().find(|k| k.name() == self.message).unwrap_or(K::ErrorValidation);
        let param = match Facet::from_key(&self.param) {
            Some(f) => locale.t(f.label()).to_string(),
            None => self.param.clone(),
        };
        locale.tf(key, &[("param", &param), ("value", &self.value)])
    }
}

impl RosterQuery {
    /// The roster as first shown: no filter, default order, page 1.
    pub fn new(roster: Roster) -> RosterQuery {
        RosterQuery { q: String::new(), filters: BTreeMap::new(), sort: roster.sorts()[0], page: 1 }
    }

    /// Parses a roster URL's query string. Parameters that are not the roster's are ignored
    /// (tracking tags, a facet of the other roster); a value that does not exist, an unknown
    /// order or a malformed page number is refused with a message naming it.
    pub fn parse(roster: Roster, query_string: &str) -> Result<RosterQuery, QueryError> {
        let mut query = RosterQuery::new(roster);
        let query_string = query_string.trim_start_matches('?');
        for (name, value) in form_urlencoded::parse(query_string.as_bytes()) {
            let value = value.trim();
            match name.as_ref() {
                "q" => {
                    if value.chars().count() > SEARCH_MAX {
                        return Err(QueryError::new("q", value, K::RosterErrorSearchTooLong));
                    }
                    query.q = value.to_string();
                }
                "sort" => {
                    query.sort = roster
                        .sorts()
                        .iter()
                        .copied()
                        .find(|s| s.key() == value)
                        .ok_or_else(|| QueryError::new("sort", value, K::RosterErrorUnknownSort))?;
                }
                "page" => {
                    query.page = value
                        .parse::<u32>()
                        .ok()
                        .filter(|p| *p >= 1)
                        .ok_or_else(|| QueryError::new("page", value, K::RosterErrorBadPage))?;
                }
                name => {
                    let Some(facet) = Facet::from_key(name).filter(|f| roster.facets().contains(f)) else {
                        continue;
                    };
                    if value.is_empty() {
                        continue;
                    }
                    if !facet.accepts(value) {
                        return Err(QueryError::new(facet.key(), value, K::RosterErrorUnknownValue));
                    }
                    let values = query.filters.entry(facet).or_default();
                    if !values.iter().any(|v| v == value) {
                        if values.len() >= VALUES_MAX {
                            return Err(QueryError::new(facet.key(), value, K::RosterErrorTooManyValues));
                        }
                        values.push(value.to_string());
                        values.sort();
                    }
                }
            }
        }
        Ok(query)
    }

    /// The canonical query string of this query at `page` (without `page` for page 1, and
    /// without the default order), for links and the CSV export.
    pub fn to_query_string(&self, roster: Roster, page: Option<u32>) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        if !self.q.is_empty() {
            out.append_pair("q", &self.q);
        }
        for (facet, values) in &self.filters {
            for value in values {
                out.append_pair(facet.key(), value);
            }
        }
        if self.sort != roster.sorts()[0] {
            out.append_pair("sort", self.sort.key());
        }
        if let Some(page) = page.filter(|p| *p > 1) {
            out.append_pair("page", &page.to_string());
        }
        out.finish()
    }

    /// This query without one facet value (the "remove this filter" links).
    pub fn without(&self, facet: Facet, value: &str) -> RosterQuery {
        let mut query = self.clone();
        if let Some(values) = query.filters.get_mut(&facet) {
            values.retain(|v| v != value);
            if values.is_empty() {
                query.filters.remove(&facet);
            }
        }
        query.page = 1;
        query
    }

    /// Whether any filter or search text is applied.
    pub fn is_filtered(&self) -> bool {
        !self.q.is_empty() || !self.filters.is_empty()
    }

    /// Whether `value` is selected in `facet`.
    pub fn has(&self, facet: Facet, value: &str) -> bool {
        self.filters.get(&facet).is_some_and(|v| v.iter().any(|x| x == value))
    }

    /// The search words, folded like the index's search text; each must appear.
    pub fn search_words(&self) -> Vec<String> {
        fold(&self.q).split_whitespace().take(8).map(str::to_string).collect()
    }
}

/// Text folded for searching and sorting: lower case, accents removed from Latin letters (so
/// "educacion" finds "Educación"), whitespace collapsed.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
            'ç' => 'c',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ñ' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            'ý' | 'ÿ' => 'y',
            '’' | '‘' | '`' | 'ʼ' => '\'',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out.trim().to_string()
}

/// What one provider or request contributes to the roster's index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexEntry {
    /// Name shown in the list.
    pub name: String,
    /// The folded name, for sorting.
    pub sort_name: String,
    /// Folded name and descriptions, for text search.
    pub search_text: String,
    /// A short description for the list.
    pub summary: String,
    /// Organisation kind key.
    pub kind: String,
    /// Country code the entry is based in.
    pub country: String,
    /// Facet values (sorted, without duplicates).
    pub facets: Vec<(Facet, String)>,
}

fn summary(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.chars().count() <= 220 {
        return text;
    }
    let cut: String = text.chars().take(220).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    format!("{cut}…")
}

fn finish(mut facets: Vec<(Facet, String)>) -> Vec<(Facet, String)> {
    facets.retain(|(f, v)| f.accepts(v));
    facets.sort();
    facets.dedup();
    facets
}

/// A provider's index entry from its organisation and current profile answers. The region
/// facet holds the regions it works in and its home region; the country facet its home
/// country and the countries it has worked in.
pub fn provider_entry(org_name: &str, org_kind: &str, org_country: &str, answers: &Answers) -> IndexEntry {
    let mut facets = Vec::new();
    for (area, _) in answers.areas_with_depth("areas") {
        facets.push((Facet::Area, area.key().to_string()));
    }
    facets.push((Facet::Kind, org_kind.to_string()));
    for region in answers.values("regions") {
        facets.push((Facet::Region, region.clone()));
    }
    if let Some(c) = Country::by_code(org_country) {
        facets.push((Facet::Region, c.region.key().to_string()));
        facets.push((Facet::Country, c.code.to_string()));
    }
    for country in answers.values("countries") {
        facets.push((Facet::Country, country.clone()));
    }
    for (facet, id) in [(Facet::Language, "languages"), (Facet::Assistance, "assistance"), (Facet::Cost, "cost_basis")]
    {
        for value in answers.values(id) {
            facets.push((facet, value.clone()));
        }
    }
    let description = answers.first("org_description");
    let search_text = fold(&[org_name, answers.first("agency"), description, answers.first("past_work")].join(" "));
    IndexEntry {
        name: org_name.to_string(),
        sort_name: fold(org_name),
        search_text,
        summary: summary(description),
        kind: OrgKind::from_key(org_kind).unwrap_or(OrgKind::Ngo).key().to_string(),
        country: org_country.to_string(),
        facets: finish(facets),
    }
}

/// A request's index entry from the requesting body's name and the request's answers.
pub fn request_entry(org_name: &str, answers: &Answers) -> IndexEntry {
    let country = answers.first("country");
    let mut facets = Vec::new();
    for (facet, id) in [
        (Facet::Area, "areas"),
        (Facet::Language, "languages"),
        (Facet::Assistance, "assistance"),
        (Facet::Stage, "stage"),
    ] {
        for value in answers.values(id) {
            facets.push((facet, value.clone()));
        }
    }
    if let Some(c) = Country::by_code(country) {
        facets.push((Facet::Region, c.region.key().to_string()));
        facets.push((Facet::Country, c.code.to_string()));
    }
    let need = answers.first("need");
    IndexEntry {
        name: org_name.to_string(),
        sort_name: fold(org_name),
        search_text: fold(&[org_name, need, answers.first("commitment_ref")].join(" ")),
        summary: summary(need),
        kind: OrgKind::Government.key().to_string(),
        country: country.to_string(),
        facets: finish(facets),
    }
}

/// The questions whose answers differ between two versions of a survey's answers, in survey
/// order (what the version history shows as "changed").
pub fn changed_questions(kind: SurveyKind, before: &Answers, after: &Answers) -> Vec<&'static Question> {
    kind.questions().filter(|q| before.values(q.id) != after.values(q.id)).collect()
}

/// The issue areas of an entry's facets (for the list's tags).
pub fn areas_of(facets: &[(Facet, String)]) -> Vec<IssueArea> {
    facets.iter().filter(|(f, _)| *f == Facet::Area).filter_map(|(_, v)| IssueArea::from_key(v)).collect()
}

/// The region of a country code, if known.
pub fn region_of(country: &str) -> Option<Region> {
    Country::by_code(country).map(|c| c.region)
}

/// A profile older than this (since it was last submitted or confirmed) gets the yearly
/// "is this still accurate?" reminder.
pub const CONFIRM_EVERY_MS: i64 = 365 * 24 * 60 * 60 * 1000;

/// Whether a profile is due for its yearly reminder: not confirmed for a year, and not
/// reminded since it was last confirmed.
pub fn reminder_due(confirmed_at: i64, reminded_at: Option<i64>, now: i64) -> bool {
    now - confirmed_at >= CONFIRM_EVERY_MS && reminded_at.is_none_or(|r| r < confirmed_at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &[&str])]) -> Answers {
        Answers(pairs.iter().map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect())).collect())
    }

    #[test]
    fn a_roster_url_round_trips_through_its_query() {
        let q = RosterQuery::parse(
            Roster::Providers,
            "?language=fr&area=open_data&area=fiscal_openness&q=budget+data&sort=updated&page=3&utm_source=mail",
        )
        .expect("valid");
        assert_eq!(q.q, "budget data");
        assert_eq!(q.filters[&Facet::Area], vec!["fiscal_openness", "open_data"]);
        assert_eq!(q.filters[&Facet::Language], vec!["fr"]);
        assert_eq!((q.sort, q.page), (Sort::Updated, 3));
        let again = RosterQuery::parse(Roster::Providers, &q.to_query_string(Roster::Providers, Some(3)));
        assert_eq!(again, Ok(q.clone()));
        assert!(!q.to_query_string(Roster::Providers, Some(1)).contains("page"));
        assert_eq!(RosterQuery::parse(Roster::Providers, ""), Ok(RosterQuery::new(Roster::Providers)));
    }

    #[test]
    fn a_value_that_does_not_exist_is_refused_by_name() {
        let err = RosterQuery::parse(Roster::Providers, "area=open_data&language=klingon").expect_err("refused");
        assert_eq!((err.param.as_str(), err.value.as_str()), ("language", "klingon"));
        assert!(err.describe(Locale::En).contains("klingon"), "{}", err.describe(Locale::En));
        assert!(err.describe(Locale::Fr).contains("Langue") || err.describe(Locale::Fr).contains("langue"));
        for bad in ["page=0", "page=-1", "page=two", "sort=random", "country=Mexico", "country=mx"] {
            assert!(RosterQuery::parse(Roster::Providers, bad).is_err(), "{bad}");
        }
        let long = format!("q={}", "a".repeat(SEARCH_MAX + 1));
        assert!(RosterQuery::parse(Roster::Providers, &long).is_err());
    }

    #[test]
    fn facets_of_the_other_roster_and_empty_values_are_ignored() {
        let q = RosterQuery::parse(Roster::Providers, "stage=developing&area=&cost=pro_bono").expect("valid");
        assert_eq!(q.filters.len(), 1);
        let r = RosterQuery::parse(Roster::Requests, "cost=pro_bono&stage=implementing").expect("valid");
        assert_eq!(r.filters.keys().copied().collect::<Vec<_>>(), vec![Facet::Stage]);
    }

    #[test]
    fn removing_a_filter_goes_back_to_page_one() {
        let q = RosterQuery::parse(Roster::Providers, "area=open_data&area=justice&page=4").expect("valid");
        let r = q.without(Facet::Area, "justice");
        assert_eq!(r.filters[&Facet::Area], vec!["open_data"]);
        assert_eq!(r.page, 1);
        assert!(!r.without(Facet::Area, "open_data").is_filtered());
    }

    #[test]
    fn folding_ignores_case_accents_and_spacing() {
        assert_eq!(fold("  Educación   CÍVICA "), "educacion civica");
        assert_eq!(fold("Société Ouverte"), "societe ouverte");
        let q = RosterQuery::parse(Roster::Providers, "q=Société+%20ouverte").expect("valid");
        assert_eq!(q.search_words(), vec!["societe", "ouverte"]);
    }

    #[test]
    fn a_provider_is_indexed_by_every_facet_it_answers() {
        let a = answers(&[
            ("areas", &["open_data:expert", "fiscal_openness:experienced"]),
            ("languages", &["en", "fr"]),
            ("assistance", &["training"]),
            ("cost_basis", &["pro_bono"]),
            ("regions", &["americas"]),
            ("countries", &["MX", "CO"]),
            ("org_description", &["We open budgets."]),
        ]);
        let e = provider_entry("Datos Abiertos Ñ", "ngo", "SN", &a);
        let has = |f: Facet, v: &str| e.facets.contains(&(f, v.to_string()));
        assert!(has(Facet::Area, "open_data") && has(Facet::Area, "fiscal_openness"));
        assert!(has(Facet::Region, "americas") && has(Facet::Region, "africa_middle_east"), "home region too");
        assert!(has(Facet::Country, "SN") && has(Facet::Country, "MX"));
        assert!(has(Facet::Language, "fr") && has(Facet::Cost, "pro_bono") && has(Facet::Kind, "ngo"));
        assert_eq!(e.sort_name, "datos abiertos n");
        assert!(e.search_text.contains("we open budgets"));
        let mut sorted = e.facets.clone();
        sorted.sort();
        sorted.dedup();
        assert_eq!(sorted, e.facets);
    }

    #[test]
    fn a_request_is_indexed_by_its_country_region_and_needs() {
        let a = answers(&[
            ("country", &["KE"]),
            ("areas", &["access_to_information"]),
            ("stage", &["implementing"]),
            ("languages", &["en", "sw"]),
            ("need", &["A long need. ".repeat(40).as_str()]),
        ]);
        let e = request_entry("Ministry of ICT", &a);
        assert!(e.facets.contains(&(Facet::Region, "africa_middle_east".into())));
        assert!(e.facets.contains(&(Facet::Stage, "implementing".into())));
        assert!(e.summary.ends_with('…') && e.summary.chars().count() <= 221);
        assert_eq!(e.country, "KE");
    }

    #[test]
    fn the_version_history_names_the_questions_that_changed() {
        let v1 = answers(&[("languages", &["en"]), ("org_name", &["A"])]);
        let v2 = answers(&[("languages", &["en", "fr"]), ("org_name", &["A"]), ("website", &["https://a.example"])]);
        let ids: Vec<_> = changed_questions(SurveyKind::Supply, &v1, &v2).iter().map(|q| q.id).collect();
        assert_eq!(ids, vec!["website", "languages"]);
        assert!(changed_questions(SurveyKind::Supply, &v1, &v1).is_empty());
    }

    #[test]
    fn the_yearly_reminder_is_sent_once_per_confirmation() {
        let year = CONFIRM_EVERY_MS;
        assert!(!reminder_due(0, None, year - 1));
        assert!(reminder_due(0, None, year));
        assert!(!reminder_due(0, Some(year), year + 5), "already reminded");
        assert!(reminder_due(year + 10, Some(year), 2 * year + 10), "confirmed again, a year passed");
    }

    #[test]
    fn every_facet_value_has_a_label_in_every_language() {
        for facet in Facet::ALL {
            for locale in Locale::ALL {
                let options = facet.options(locale);
                assert!(!options.is_empty(), "{facet:?}");
                for (value, label) in options {
                    assert!(facet.accepts(value) && !label.is_empty(), "{facet:?} {value}");
                }
            }
        }
    }
}
