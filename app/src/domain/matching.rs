//! Explainable matching: every listed provider ranked for a case's scope by weighted factors,
//! each result carrying its per-factor points and the matched and missing items, so a Case
//! Manager can read why a provider ranks where it does. Pure Rust, deterministic: the same
//! scope and providers always give the same order (ties broken by id).
//!
//! Points are integers, so a result's factors add up to its score exactly. Each factor gives
//! between 0 and its weight; the weights are settings with the defaults in [`Weights::default`].

use super::taxonomy::{AssistanceType, Budget, Capacity, CostBasis, Depth, IssueArea, Language, OrgKind, Region};
use serde::{Deserialize, Serialize};

/// What a case needs: the structured scope the Case Manager writes and the government confirms.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scope {
    pub areas: Vec<IssueArea>,
    pub assistance: Vec<AssistanceType>,
    pub languages: Vec<Language>,
    pub regions: Vec<Region>,
    /// ISO codes of the countries concerned.
    pub countries: Vec<String>,
    pub budget: Option<Budget>,
    /// Kinds of organisation the government prefers (none: no preference).
    pub preferred_kinds: Vec<OrgKind>,
}

impl Scope {
    /// A scope can be matched once it names an issue area.
    pub fn is_matchable(&self) -> bool {
        !self.areas.is_empty()
    }
}

/// What matching knows of a provider (from its current profile).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Candidate {
    /// Organisation id.
    pub id: String,
    pub kind: OrgKind,
    pub areas: Vec<(IssueArea, Depth)>,
    pub assistance: Vec<AssistanceType>,
    pub languages: Vec<Language>,
    pub regions: Vec<Region>,
    pub countries: Vec<String>,
    pub cost: Option<CostBasis>,
    pub capacity: Option<Capacity>,
}

/// The factors of a score, in the order an explanation lists them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorKind {
    /// Issue areas of the scope the provider covers, weighted by its depth of expertise.
    Areas,
    /// Kinds of assistance sought that the provider offers.
    Assistance,
    /// Working languages in common.
    Languages,
    /// Experience in the scope's regions or countries.
    Geography,
    /// The provider's cost basis against the government's budget.
    Cost,
    /// How much time the provider can give.
    Capacity,
    /// The government's preferred kinds of organisation.
    Kind,
}

impl FactorKind {
    /// Every factor, in explanation order.
    pub const ALL: [FactorKind; 7] = [
        FactorKind::Areas,
        FactorKind::Assistance,
        FactorKind::Languages,
        FactorKind::Geography,
        FactorKind::Cost,
        FactorKind::Capacity,
        FactorKind::Kind,
    ];

    /// The stable key (a form field, a stored weight).
    pub fn key(self) -> &'static str {
        match self {
            FactorKind::Areas => "areas",
            FactorKind::Assistance => "assistance",
            FactorKind::Languages => "languages",
            FactorKind::Geography => "geography",
            FactorKind::Cost => "cost",
            FactorKind::Capacity => "capacity",
            FactorKind::Kind => "kind",
        }
    }
}

/// The weight (maximum points) of each factor. A setting; the defaults put the issue areas
/// first, then what the government asked for (assistance, language), then the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Weights {
    pub areas: u32,
    pub assistance: u32,
    pub languages: u32,
    pub geography: u32,
    pub cost: u32,
    pub capacity: u32,
    pub kind: u32,
}

impl Default for Weights {
    fn default() -> Self {
        Weights { areas: 400, assistance: 150, languages: 150, geography: 100, cost: 100, capacity: 50, kind: 50 }
    }
}

impl Weights {
    /// The weight of one factor.
    pub fn of(&self, factor: FactorKind) -> u32 {
        match factor {
            FactorKind::Areas => self.areas,
            FactorKind::Assistance => self.assistance,
            FactorKind::Languages => self.languages,
            FactorKind::Geography => self.geography,
            FactorKind::Cost => self.cost,
            FactorKind::Capacity => self.capacity,
            FactorKind::Kind => self.kind,
        }
    }

    /// These weights with one factor's changed.
    pub fn with(mut self, factor: FactorKind, weight: u32) -> Weights {
        *match factor {
            FactorKind::Areas => &mut self.areas,
            FactorKind::Assistance => &mut self.assistance,
            FactorKind::Languages => &mut self.languages,
            FactorKind::Geography => &mut self.geography,
            FactorKind::Cost => &mut self.cost,
            FactorKind::Capacity => &mut self.capacity,
            FactorKind::Kind => &mut self.kind,
        } = weight;
        self
    }

    /// The highest score possible.
    pub fn total(&self) -> u32 {
        FactorKind::ALL.iter().map(|f| self.of(*f)).sum()
    }
}

/// One factor of one provider's score.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Factor {
    pub kind: FactorKind,
    /// Points given, between 0 and `max`.
    pub points: u32,
    pub max: u32,
    /// What the provider has of what the scope asks (stable keys).
    pub matched: Vec<String>,
    /// What the scope asks and the provider lacks (stable keys).
    pub missing: Vec<String>,
}

/// One provider's place in the ranking, with its explanation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ranked {
    pub id: String,
    /// The sum of the factors' points.
    pub score: u32,
    pub factors: Vec<Factor>,
}

fn depth_points(depth: Depth) -> u32 {
    match depth {
        Depth::Familiar => 1,
        Depth::Experienced => 2,
        Depth::Expert => 3,
    }
}

/// `weight × got / of`, rounded down; 0 when there is nothing to get.
fn share(weight: u32, got: u32, of: u32) -> u32 {
    if of == 0 {
        0
    } else {
        ((u64::from(weight) * u64::from(got.min(of))) / u64::from(of)) as u32
    }
}

/// Splits what the scope asks into what the provider has and lacks, and scores the share had.
fn overlap<T: Copy + PartialEq>(
    kind: FactorKind,
    weight: u32,
    asked: &[T],
    has: &[T],
    key: fn(T) -> &'static str,
) -> Factor {
    let (matched, missing): (Vec<T>, Vec<T>) = asked.iter().partition(|a| has.contains(a));
    // nothing asked: every provider fits equally
    let points = if asked.is_empty() { weight } else { share(weight, matched.len() as u32, asked.len() as u32) };
    Factor {
        kind,
        points,
        max: weight,
        matched: matched.into_iter().map(|t| key(t).to_string()).collect(),
        missing: missing.into_iter().map(|t| key(t).to_string()).collect(),
    }
}

/// Scores one provider for a scope.
pub fn score(scope: &Scope, c: &Candidate, w: &Weights) -> Ranked {
    let mut factors = Vec::with_capacity(FactorKind::ALL.len());

    // issue areas: each area asked is worth up to 3 (expert), 2 (experienced) or 1 (familiar)
    let mut got = 0;
    let mut matched = Vec::new();
    let mut missing = Vec::new();
    for area in &scope.areas {
        match c.areas.iter().find(|(a, _)| a == area) {
            Some((_, depth)) => {
                got += depth_points(*depth);
                matched.push(format!("{}:{}", area.key(), depth.key()));
            }
            None => missing.push(area.key().to_string()),
        }
    }
    factors.push(Factor {
        kind: FactorKind::Areas,
        points: share(w.areas, got, 3 * scope.areas.len() as u32),
        max: w.areas,
        matched,
        missing,
    });
    factors.push(overlap(FactorKind::Assistance, w.assistance, &scope.assistance, &c.assistance, AssistanceType::key));
    // languages: one language in common is enough to work together
    let mut languages = overlap(FactorKind::Languages, w.languages, &scope.languages, &c.languages, Language::key);
    if !languages.matched.is_empty() {
        languages.points = w.languages;
    }
    factors.push(languages);

    // geography: a country of the scope counts fully, a region of the scope half
    let countries: Vec<&String> = scope.countries.iter().filter(|x| c.countries.contains(x)).collect();
    let regions: Vec<Region> = scope.regions.iter().copied().filter(|r| c.regions.contains(r)).collect();
    let anywhere = scope.countries.is_empty() && scope.regions.is_empty();
    let geography = if anywhere || !countries.is_empty() {
        w.geography
    } else if !regions.is_empty() {
        w.geography / 2
    } else {
        0
    };
    factors.push(Factor {
        kind: FactorKind::Geography,
        points: geography,
        max: w.geography,
        matched: countries.iter().map(|x| x.to_string()).chain(regions.iter().map(|r| r.key().to_string())).collect(),
        missing: scope
            .countries
            .iter()
            .filter(|x| !c.countries.contains(x))
            .cloned()
            .chain(scope.regions.iter().filter(|r| !c.regions.contains(r)).map(|r| r.key().to_string()))
            .collect(),
    });

    // cost basis against budget: pro bono fits every budget; paid work needs funding
    let cost = match (scope.budget, c.cost) {
        (_, None) => 0,
        (None | Some(Budget::Unsure), Some(CostBasis::ProBono)) => w.cost,
        (None | Some(Budget::Unsure), Some(_)) => w.cost / 2,
        (Some(_), Some(CostBasis::ProBono)) => w.cost,
        (Some(Budget::ProBonoExpected), Some(CostBasis::LowCost)) => w.cost / 4,
        (Some(Budget::ProBonoExpected), Some(CostBasis::Paid)) => 0,
        (Some(Budget::CostsCovered), Some(CostBasis::LowCost)) => w.cost,
        (Some(Budget::CostsCovered), Some(CostBasis::Paid)) => w.cost / 4,
        (Some(Budget::Funded), Some(_)) => w.cost,
    };
    factors.push(Factor {
        kind: FactorKind::Cost,
        points: cost,
        max: w.cost,
        matched: c.cost.filter(|_| cost > 0).map(|x| x.key().to_string()).into_iter().collect(),
        missing: scope.budget.filter(|_| cost < w.cost).map(|b| b.key().to_string()).into_iter().collect(),
    });

    let capacity = match c.capacity {
        Some(Capacity::Sustained) => w.capacity,
        Some(Capacity::PartTime) => w.capacity * 2 / 3,
        Some(Capacity::FewDays) => w.capacity / 3,
        None => 0,
    };
    factors.push(Factor {
        kind: FactorKind::Capacity,
        points: capacity,
        max: w.capacity,
        matched: c.capacity.map(|x| x.key().to_string()).into_iter().collect(),
        missing: Vec::new(),
    });
    factors.push(overlap(FactorKind::Kind, w.kind, &scope.preferred_kinds, &[c.kind], OrgKind::key));

    Ranked { id: c.id.clone(), score: factors.iter().map(|f| f.points).sum(), factors }
}

impl FactorKind {
    /// The catalogue key of the factor's name.
    pub fn label(self) -> crate::i18n::K {
        use crate::i18n::K;
        match self {
            FactorKind::Areas => K::MatchFactorAreas,
            FactorKind::Assistance => K::MatchFactorAssistance,
            FactorKind::Languages => K::MatchFactorLanguages,
            FactorKind::Geography => K::MatchFactorGeography,
            FactorKind::Cost => K::MatchFactorCost,
            FactorKind::Capacity => K::MatchFactorCapacity,
            FactorKind::Kind => K::MatchFactorKind,
        }
    }
}

/// An explanation item (a stable key of [`Factor::matched`] or [`Factor::missing`]) in words:
/// `open_data:expert` → "Open data (expert)", `SN` → "Senegal", `fr` → "French".
pub fn describe_item(kind: FactorKind, key: &str, l: crate::i18n::Locale) -> String {
    let word = match kind {
        FactorKind::Areas => {
            let (area, depth) = key.split_once(':').map_or((key, None), |(a, d)| (a, Some(d)));
            let area = IssueArea::from_key(area).map_or(area.to_string(), |a| a.label(l).to_string());
            return match depth.and_then(Depth::from_key) {
                // the depth's short name: its label up to the colon ("Expert: a recognised specialist")
                Some(d) => format!("{area} ({})", d.label(l).split(':').next().unwrap_or("").trim().to_lowercase()),
                None => area,
            };
        }
        FactorKind::Assistance => AssistanceType::from_key(key).map(|t| t.label(l)),
        FactorKind::Languages => Language::from_key(key).map(|t| t.label(l)),
        FactorKind::Geography => Region::from_key(key)
            .map(|r| r.label(l))
            .or_else(|| super::countries::Country::by_code(key).map(|c| c.name(l))),
        FactorKind::Cost => {
            CostBasis::from_key(key).map(|t| t.label(l)).or_else(|| Budget::from_key(key).map(|b| b.label(l)))
        }
        FactorKind::Capacity => Capacity::from_key(key).map(|t| t.label(l)),
        FactorKind::Kind => OrgKind::from_key(key).map(|t| t.label(l)),
    };
    word.map_or_else(|| key.to_string(), str::to_string)
}

/// Ranks every candidate for a scope: highest score first, ties by id (deterministic).
pub fn rank(scope: &Scope, candidates: &[Candidate], w: &Weights) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = candidates.iter().map(|c| score(scope, c, w)).collect();
    ranked.sort_unstable_by(|a, b| b.score.cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn explanation_items_read_as_words_in_every_language() {
        use crate::i18n::Locale;
        assert_eq!(describe_item(FactorKind::Areas, "open_data:expert", Locale::En), "Open data (expert)");
        assert_eq!(describe_item(FactorKind::Geography, "SN", Locale::Fr), "Sénégal");
        assert_eq!(describe_item(FactorKind::Languages, "fr", Locale::En), "French");
        assert_eq!(
            describe_item(FactorKind::Cost, "pro_bono_expected", Locale::En),
            Budget::ProBonoExpected.label(Locale::En)
        );
        assert_eq!(describe_item(FactorKind::Kind, "unknown", Locale::Es), "unknown", "an unknown key is shown as is");
        for f in FactorKind::ALL {
            for l in Locale::ALL {
                assert!(!l.t(f.label()).is_empty());
            }
        }
    }

    fn candidate(id: &str, areas: &[(IssueArea, Depth)]) -> Candidate {
        Candidate {
            id: id.into(),
            kind: OrgKind::Ngo,
            areas: areas.to_vec(),
            assistance: vec![AssistanceType::Training],
            languages: vec![Language::French],
            regions: vec![Region::AfricaMiddleEast],
            countries: vec!["SN".into()],
            cost: Some(CostBasis::ProBono),
            capacity: Some(Capacity::PartTime),
        }
    }

    fn scope() -> Scope {
        Scope {
            areas: vec![IssueArea::FiscalOpenness, IssueArea::OpenData],
            assistance: vec![AssistanceType::Training, AssistanceType::StrategyAdvice],
            languages: vec![Language::French, Language::English],
            regions: vec![Region::AfricaMiddleEast],
            countries: vec!["SN".into()],
            budget: Some(Budget::ProBonoExpected),
            preferred_kinds: vec![],
        }
    }

    #[test]
    fn an_expert_in_every_area_asked_ranks_first_and_the_explanation_says_why() {
        let w = Weights::default();
        let expert =
            candidate("b", &[(IssueArea::FiscalOpenness, Depth::Expert), (IssueArea::OpenData, Depth::Expert)]);
        let partial = candidate("a", &[(IssueArea::FiscalOpenness, Depth::Familiar)]);
        let ranked = rank(&scope(), &[partial, expert], &w);
        assert_eq!(ranked[0].id, "b");
        let areas = &ranked[1].factors[0];
        assert_eq!(areas.kind, FactorKind::Areas);
        assert_eq!(areas.matched, vec!["fiscal_openness:familiar"]);
        assert_eq!(areas.missing, vec!["open_data"]);
        assert_eq!(areas.points, w.areas / 6, "1 of 6 depth points");
        let assistance = &ranked[0].factors[1];
        assert_eq!(
            (assistance.matched.clone(), assistance.missing.clone()),
            (vec!["training".into()], vec!["strategy_advice".into()])
        );
        assert_eq!(ranked[0].factors.len(), FactorKind::ALL.len());
    }

    #[test]
    fn ties_are_broken_by_id_so_the_order_never_changes() {
        let w = Weights::default();
        let same = [(IssueArea::OpenData, Depth::Expert)];
        let ranked = rank(&scope(), &[candidate("z", &same), candidate("m", &same), candidate("c", &same)], &w);
        assert_eq!(ranked.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec!["c", "m", "z"]);
    }

    #[test]
    fn paid_work_does_not_fit_a_pro_bono_budget() {
        let w = Weights::default();
        let mut paid = candidate("p", &[(IssueArea::OpenData, Depth::Expert)]);
        paid.cost = Some(CostBasis::Paid);
        let cost = score(&scope(), &paid, &w).factors[4].clone();
        assert_eq!((cost.kind, cost.points), (FactorKind::Cost, 0));
        assert_eq!(cost.missing, vec!["pro_bono_expected"]);
    }

    fn arb_candidate() -> impl Strategy<Value = Candidate> {
        (
            "[a-z]{1,6}",
            proptest::sample::subsequence(IssueArea::ALL.to_vec(), 0..6),
            proptest::collection::vec(0usize..3, 6),
            proptest::sample::subsequence(AssistanceType::ALL.to_vec(), 0..4),
            proptest::sample::subsequence(Language::ALL.to_vec(), 0..4),
            proptest::sample::subsequence(Region::ALL.to_vec(), 0..3),
            proptest::option::of(proptest::sample::select(CostBasis::ALL.to_vec())),
            proptest::option::of(proptest::sample::select(Capacity::ALL.to_vec())),
            proptest::sample::select(OrgKind::ALL.to_vec()),
        )
            .prop_map(|(id, areas, depths, assistance, languages, regions, cost, capacity, kind)| Candidate {
                id,
                kind,
                areas: areas.into_iter().zip(depths).map(|(a, d)| (a, Depth::ALL[d])).collect(),
                assistance,
                languages,
                regions,
                countries: vec!["KE".into()],
                cost,
                capacity,
            })
    }

    fn arb_scope() -> impl Strategy<Value = Scope> {
        (
            proptest::sample::subsequence(IssueArea::ALL.to_vec(), 1..5),
            proptest::sample::subsequence(AssistanceType::ALL.to_vec(), 0..3),
            proptest::sample::subsequence(Language::ALL.to_vec(), 0..3),
            proptest::sample::subsequence(Region::ALL.to_vec(), 0..2),
            proptest::option::of(proptest::sample::select(Budget::ALL.to_vec())),
            proptest::sample::subsequence(OrgKind::ALL.to_vec(), 0..2),
        )
            .prop_map(|(areas, assistance, languages, regions, budget, preferred_kinds)| Scope {
                areas,
                assistance,
                languages,
                regions,
                countries: vec![],
                budget,
                preferred_kinds,
            })
    }

    proptest! {
        #[test]
        fn the_explanation_adds_up_to_the_score(scope in arb_scope(), c in arb_candidate()) {
            let w = Weights::default();
            let r = score(&scope, &c, &w);
            prop_assert_eq!(r.score, r.factors.iter().map(|f| f.points).sum::<u32>());
            prop_assert!(r.score <= w.total());
            for f in &r.factors {
                prop_assert!(f.points <= f.max);
            }
        }

        #[test]
        fn adding_a_matching_area_never_lowers_a_score(scope in arb_scope(), c in arb_candidate(), depth in 0usize..3) {
            let w = Weights::default();
            let before = score(&scope, &c, &w).score;
            for area in &scope.areas {
                if c.areas.iter().any(|(a, _)| a == area) {
                    continue;
                }
                let mut more = c.clone();
                more.areas.push((*area, Depth::ALL[depth]));
                prop_assert!(score(&scope, &more, &w).score >= before);
            }
        }

        #[test]
        fn ranking_is_deterministic(scope in arb_scope(), cs in proptest::collection::vec(arb_candidate(), 0..30)) {
            let w = Weights::default();
            let once = rank(&scope, &cs, &w);
            let mut reversed = cs.clone();
            reversed.reverse();
            let twice = rank(&scope, &reversed, &w);
            let ids = |r: &[Ranked]| r.iter().map(|x| (x.id.clone(), x.score)).collect::<Vec<_>>();
            // same multiset of results in the same order, whatever order the providers came in
            prop_assert_eq!(ids(&once).iter().map(|x| x.1).collect::<Vec<_>>(), ids(&twice).iter().map(|x| x.1).collect::<Vec<_>>());
            prop_assert_eq!(rank(&scope, &cs, &w), once);
            for pair in ids(&twice).windows(2) {
                prop_assert!(pair[0].1 > pair[1].1 || (pair[0].1 == pair[1].1 && pair[0].0 <= pair[1].0));
            }
        }
    }
}

/// The values of a question that are keys of a vocabulary (others are skipped).
fn keys<T>(answers: &super::survey::Answers, id: &str, parse: fn(&str) -> Option<T>) -> Vec<T> {
    answers.values(id).iter().filter_map(|v| parse(v)).collect()
}

/// A first scope drawn from a request's answers (issue areas, assistance, languages, country
/// and its region, budget), for the Case Manager to refine during scoping.
pub fn scope_from_request(answers: &super::survey::Answers) -> Scope {
    let country = answers.first("country");
    Scope {
        areas: keys(answers, "areas", IssueArea::from_key),
        assistance: keys(answers, "assistance", AssistanceType::from_key),
        languages: keys(answers, "languages", Language::from_key),
        regions: super::countries::Country::by_code(country).map(|c| c.region).into_iter().collect(),
        countries: super::countries::Country::by_code(country).map(|c| c.code.to_string()).into_iter().collect(),
        budget: Budget::from_key(answers.first("budget")),
        preferred_kinds: Vec::new(),
    }
}

/// What matching knows of a provider, from its organisation and current profile answers.
pub fn candidate_from_profile(id: &str, kind: &str, country: &str, answers: &super::survey::Answers) -> Candidate {
    let mut regions = keys(answers, "regions", Region::from_key);
    let mut countries: Vec<String> = answers.values("countries").to_vec();
    if let Some(home) = super::countries::Country::by_code(country) {
        if !regions.contains(&home.region) {
            regions.push(home.region);
        }
        if !countries.iter().any(|c| c == home.code) {
            countries.push(home.code.to_string());
        }
    }
    Candidate {
        id: id.to_string(),
        kind: OrgKind::from_key(kind).unwrap_or(OrgKind::Ngo),
        areas: answers.areas_with_depth("areas"),
        assistance: keys(answers, "assistance", AssistanceType::from_key),
        languages: keys(answers, "languages", Language::from_key),
        regions,
        countries,
        cost: CostBasis::from_key(answers.first("cost_basis")),
        capacity: Capacity::from_key(answers.first("capacity")),
    }
}

#[cfg(test)]
mod from_answers {
    use super::*;
    use crate::domain::survey::Answers;

    fn answers(pairs: &[(&str, &[&str])]) -> Answers {
        Answers(pairs.iter().map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect())).collect())
    }

    #[test]
    fn a_request_gives_a_first_scope_with_its_region() {
        let s = scope_from_request(&answers(&[
            ("country", &["KE"]),
            ("areas", &["fiscal_openness", "nonsense"]),
            ("assistance", &["strategy_advice"]),
            ("languages", &["en", "sw"]),
            ("budget", &["pro_bono_expected"]),
        ]));
        assert_eq!(s.areas, vec![IssueArea::FiscalOpenness]);
        assert_eq!(s.regions, vec![Region::AfricaMiddleEast]);
        assert_eq!(s.countries, vec!["KE".to_string()]);
        assert_eq!(s.budget, Some(Budget::ProBonoExpected));
        assert!(s.is_matchable());
        assert!(!scope_from_request(&Answers::default()).is_matchable(), "an empty scope cannot be matched");
    }

    #[test]
    fn a_profile_counts_its_home_country_and_region() {
        let c = candidate_from_profile(
            "org",
            "ngo",
            "SN",
            &answers(&[("areas", &["open_data:expert"]), ("regions", &["europe"]), ("cost_basis", &["paid"])]),
        );
        assert_eq!(c.areas, vec![(IssueArea::OpenData, Depth::Expert)]);
        assert!(c.regions.contains(&Region::Europe) && c.regions.contains(&Region::AfricaMiddleEast));
        assert_eq!(c.countries, vec!["SN".to_string()]);
        assert_eq!(c.cost, Some(CostBasis::Paid));
    }
}
