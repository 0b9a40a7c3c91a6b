//! The Case Manager's work on a case, as pure rules: the structured scope (read from its form
//! and checked), decisions on matched providers, the match list arranged by those decisions,
//! similar past cases, what is overdue, and the staff case list's filters.

use super::case::{CaseStage, Outcome};
use super::matching::{Ranked, Scope};
use super::taxonomy::{AssistanceType, Budget, IssueArea, Language, OrgKind, Region, Timeline};
use crate::i18n::{Locale, K};
use serde::{Deserialize, Serialize};

/// Longest objectives, deliverables, note, next step or reason text, in characters.
pub const TEXT_MAX: usize = 2000;
/// Longest reason for a decision or a next step, in characters.
pub const SHORT_MAX: usize = 300;

/// The structured scope of a case: what matching looks for, plus what the government wants to
/// achieve and receive, and when. Written by the Case Manager, confirmed by the government.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseScope {
    /// The matching query (issue areas, assistance, languages, regions, countries, budget,
    /// preferred kinds of organisation).
    pub scope: Scope,
    /// What the government wants to achieve.
    pub objectives: String,
    /// What it expects to receive (a review, a workshop, a draft law…).
    pub deliverables: String,
    /// When it needs the help.
    pub timeline: Option<Timeline>,
}

/// A field of the scope form that is refused, with why (a catalogue key).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ScopeError {
    /// The form field.
    pub field: &'static str,
    pub key: K,
}

fn terms<T>(fields: &[(String, String)], name: &'static str, parse: fn(&str) -> Option<T>) -> Result<Vec<T>, ScopeError>
where
    T: PartialEq,
{
    let mut out = Vec::new();
    for (_, v) in fields.iter().filter(|(n, v)| n == name && !v.is_empty()) {
        let t = parse(v).ok_or(ScopeError { field: name, key: K::ErrorUnknownOption })?;
        if !out.contains(&t) {
            out.push(t);
        }
    }
    Ok(out)
}

fn text(fields: &[(String, String)], name: &'static str, required: bool) -> Result<String, ScopeError> {
    let v = fields.iter().find(|(n, _)| n == name).map(|(_, v)| v.trim().to_string()).unwrap_or_default();
    if required && v.is_empty() {
        return Err(ScopeError { field: name, key: K::ErrorRequired });
    }
    if v.chars().count() > TEXT_MAX {
        return Err(ScopeError { field: name, key: K::ErrorTooLong });
    }
    Ok(v)
}

impl CaseScope {
    /// Reads the scope form (repeated names for the multiple choices). An empty scope (no issue
    /// area) or no objectives is refused; so is any value that is not in the vocabulary.
    pub fn from_form(fields: &[(String, String)]) -> Result<CaseScope, ScopeError> {
        let areas = terms(fields, "areas", IssueArea::from_key)?;
        if areas.is_empty() {
            return Err(ScopeError { field: "areas", key: K::CaseErrorEmptyScope });
        }
        let countries =
            terms(fields, "countries", |c| super::countries::Country::by_code(c).map(|c| c.code.to_string()))?;
        let one = |name: &'static str| fields.iter().find(|(n, v)| n == name && !v.is_empty()).map(|(_, v)| v.as_str());
        let budget = match one("budget") {
            Some(b) => Some(Budget::from_key(b).ok_or(ScopeError { field: "budget", key: K::ErrorUnknownOption })?),
            None => None,
        };
        let timeline = match one("timeline") {
            Some(t) => Some(Timeline::from_key(t).ok_or(ScopeError { field: "timeline", key: K::ErrorUnknownOption })?),
            None => None,
        };
        Ok(CaseScope {
            scope: Scope {
                areas,
                assistance: terms(fields, "assistance", AssistanceType::from_key)?,
                languages: terms(fields, "languages", Language::from_key)?,
                regions: terms(fields, "regions", Region::from_key)?,
                countries,
                budget,
                preferred_kinds: terms(fields, "kinds", OrgKind::from_key)?,
            },
            objectives: text(fields, "objectives", true)?,
            deliverables: text(fields, "deliverables", false)?,
            timeline,
        })
    }

    /// A first scope from the request's answers, for the Case Manager to correct.
    pub fn from_request(answers: &super::survey::Answers) -> CaseScope {
        CaseScope {
            scope: super::matching::scope_from_request(answers),
            objectives: answers.first("need").to_string(),
            deliverables: String::new(),
            timeline: Timeline::from_key(answers.first("timeline")),
        }
    }

    /// The regions the case concerns: the scope's own, else those of its countries.
    pub fn regions(&self) -> Vec<Region> {
        let mut out = self.scope.regions.clone();
        for c in &self.scope.countries {
            if let Some(r) = super::countries::Country::by_code(c).map(|c| c.region) {
                if !out.contains(&r) {
                    out.push(r);
                }
            }
        }
        out
    }
}

keyed! {
    /// A Case Manager's decision on a matched provider.
    pub enum Decision {
        /// On the shortlist the government will be introduced to.
        Shortlisted = "shortlisted" => CaseDecisionShortlisted,
        /// Not to be proposed, with a reason (a conflict of interest, no capacity this year…).
        Excluded = "excluded" => CaseDecisionExcluded,
        /// Kept at the top of the list, with a reason, while the Case Manager checks it.
        Pinned = "pinned" => CaseDecisionPinned,
    }
}

impl Decision {
    /// Whether the decision must say why (an exclusion or a pin must; a shortlist may).
    pub fn needs_reason(self) -> bool {
        matches!(self, Decision::Excluded | Decision::Pinned)
    }
}

/// Checks a decision's reason: trimmed, required for an exclusion or a pin, not too long.
pub fn check_reason(decision: Option<Decision>, reason: &str) -> Result<String, K> {
    let reason = reason.trim();
    if decision.is_some_and(Decision::needs_reason) && reason.is_empty() {
        return Err(K::CaseErrorReasonRequired);
    }
    if reason.chars().count() > SHORT_MAX {
        return Err(K::ErrorTooLong);
    }
    Ok(reason.to_string())
}

/// A provider in the arranged match list: its ranking and the decision taken on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arranged {
    pub ranked: Ranked,
    /// Its place in the plain ranking (1 = best), shown beside pinned providers.
    pub rank: usize,
    pub decision: Option<(Decision, String)>,
}

/// Arranges a ranking by the Case Manager's decisions: pinned providers first, then the others
/// by rank (shortlisted ones stay where they rank, marked), `shown` in all; excluded providers
/// are returned apart, with their reasons, so they are never proposed but stay visible.
pub fn arrange(
    ranked: Vec<Ranked>,
    decisions: &[(String, Decision, String)],
    shown: usize,
) -> (Vec<Arranged>, Vec<Arranged>) {
    let decided = |id: &str| decisions.iter().find(|(p, _, _)| p == id).map(|(_, d, r)| (*d, r.clone()));
    let mut pinned = Vec::new();
    let mut rest = Vec::new();
    let mut excluded = Vec::new();
    for (i, r) in ranked.into_iter().enumerate() {
        let decision = decided(&r.id);
        let a = Arranged { ranked: r, rank: i + 1, decision };
        match a.decision.as_ref().map(|d| d.0) {
            Some(Decision::Pinned) => pinned.push(a),
            Some(Decision::Excluded) => excluded.push(a),
            // every shortlisted provider is shown, however it ranks
            Some(Decision::Shortlisted) => rest.push(a),
            None if rest.len() < shown => rest.push(a),
            None => {}
        }
    }
    pinned.extend(rest);
    (pinned, excluded)
}

/// What is known of another case to decide whether it is similar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseSketch {
    pub id: String,
    pub areas: Vec<IssueArea>,
    pub regions: Vec<Region>,
    pub stage: CaseStage,
    pub outcome: Option<Outcome>,
}

/// A similar case and the issue areas it shares.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Similar {
    pub id: String,
    pub shared: Vec<IssueArea>,
}

/// Cases like this one: at least one issue area in common and the same region. Past cases
/// come first (closed successfully, then closed otherwise, then the rest), then by areas in
/// common, then by id. At most `limit`.
pub fn similar(this: &CaseSketch, others: &[CaseSketch], limit: usize) -> Vec<Similar> {
    let mut found: Vec<(u8, usize, &str, Vec<IssueArea>)> = others
        .iter()
        .filter(|o| o.id != this.id)
        .filter(|o| o.regions.iter().any(|r| this.regions.contains(r)))
        .filter_map(|o| {
            let shared: Vec<IssueArea> = this.areas.iter().copied().filter(|a| o.areas.contains(a)).collect();
            if shared.is_empty() {
                return None;
            }
            let past = match (o.stage, o.outcome) {
                (CaseStage::Closed, Some(Outcome::Successful)) => 0,
                (CaseStage::Closed, _) => 1,
                _ => 2,
            };
            Some((past, shared.len(), o.id.as_str(), shared))
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
    found.into_iter().take(limit).map(|(_, _, id, shared)| Similar { id: id.to_string(), shared }).collect()
}

/// Whether a case needs attention today: its next step is past due, or it is on hold past the
/// day it was due back.
pub fn is_overdue(stage: CaseStage, next_step_due_day: Option<i64>, hold_until_day: Option<i64>, today: i64) -> bool {
    match stage {
        CaseStage::Closed => false,
        CaseStage::OnHold => hold_until_day.is_some_and(|d| d <= today),
        _ => next_step_due_day.is_some_and(|d| d < today),
    }
}

/// The staff case list's filters, from its URL (`?stage=…&cm=…&area=…&region=…&overdue=1&mine=1`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseQuery {
    pub stages: Vec<CaseStage>,
    /// Case Manager user ids; `none` for unassigned cases.
    pub case_managers: Vec<String>,
    pub areas: Vec<IssueArea>,
    pub regions: Vec<Region>,
    /// Whom the case waits on (the board's "waiting on the government / a provider" views).
    pub waiting: Vec<crate::domain::board::Waiting>,
    pub overdue: bool,
    pub mine: bool,
}

/// A filter value the list does not know.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaseQueryError {
    pub param: String,
    pub value: String,
}

impl CaseQueryError {
    /// Says what is wrong, in `locale`.
    pub fn describe(&self, locale: Locale) -> String {
        locale.tf(K::CaseErrorBadFilter, &[("value", &self.value), ("filter", &self.param)])
    }
}

impl CaseQuery {
    /// Parses a query string; an unknown filter value is refused (an unknown parameter is
    /// ignored, as links from elsewhere may carry their own).
    pub fn parse(qs: &str) -> Result<CaseQuery, CaseQueryError> {
        let mut q = CaseQuery::default();
        for (k, v) in form_urlencoded::parse(qs.trim_start_matches('?').as_bytes()) {
            let (k, v) = (k.into_owned(), v.trim().to_string());
            if v.is_empty() {
                continue;
            }
            let bad = || CaseQueryError { param: k.clone(), value: v.clone() };
            match k.as_str() {
                "stage" => q.stages.push(CaseStage::from_key(&v).ok_or_else(bad)?),
                "cm" => q.case_managers.push(v.clone()),
                "area" => q.areas.push(IssueArea::from_key(&v).ok_or_else(bad)?),
                "region" => q.regions.push(Region::from_key(&v).ok_or_else(bad)?),
                "waiting" => q.waiting.push(crate::domain::board::Waiting::from_key(&v).ok_or_else(bad)?),
                "overdue" => q.overdue = matches!(v.as_str(), "1" | "true" | "on"),
                "mine" => q.mine = matches!(v.as_str(), "1" | "true" | "on"),
                _ => {}
            }
        }
        Ok(q)
    }

    /// Whether a case passes every filter (any value within one filter; every filter must hold).
    pub fn admits(&self, c: &CaseRowFacts<'_>, me: Option<&str>, today: i64) -> bool {
        let any = |empty: bool, hit: bool| empty || hit;
        any(self.stages.is_empty(), self.stages.contains(&c.stage))
            && any(
                self.case_managers.is_empty(),
                self.case_managers.iter().any(|m| {
                    if m == "none" {
                        c.case_manager.is_none()
                    } else {
                        c.case_manager == Some(m.as_str())
                    }
                }),
            )
            && any(self.areas.is_empty(), self.areas.iter().any(|a| c.areas.contains(a)))
            && any(self.regions.is_empty(), self.regions.iter().any(|r| c.regions.contains(r)))
            && any(self.waiting.is_empty(), self.waiting.iter().any(|w| c.waiting.contains(w)))
            && (!self.overdue || is_overdue(c.stage, c.next_step_due_day, c.hold_until_day, today))
            && (!self.mine || (me.is_some() && c.case_manager == me))
    }
}

/// The facts of a case the list filters on.
#[derive(Clone, Copy, Debug)]
pub struct CaseRowFacts<'a> {
    pub stage: CaseStage,
    pub case_manager: Option<&'a str>,
    pub areas: &'a [IssueArea],
    pub regions: &'a [Region],
    /// Whom it waits on.
    pub waiting: &'a [crate::domain::board::Waiting],
    pub next_step_due_day: Option<i64>,
    pub hold_until_day: Option<i64>,
}

/// What the government reads about its case's stage: where it stands and what happens next.
pub fn stage_for_government(stage: CaseStage) -> (K, K) {
    match stage {
        CaseStage::Intake => (K::CaseGovIntake, K::CaseGovIntakeNext),
        CaseStage::Scoping => (K::CaseGovScoping, K::CaseGovScopingNext),
        CaseStage::Matching => (K::CaseGovMatching, K::CaseGovMatchingNext),
        CaseStage::Introductions => (K::CaseGovIntroductions, K::CaseGovIntroductionsNext),
        CaseStage::Selection => (K::CaseGovSelection, K::CaseGovSelectionNext),
        CaseStage::Agreement => (K::CaseGovAgreement, K::CaseGovAgreementNext),
        CaseStage::Active => (K::CaseGovActive, K::CaseGovActiveNext),
        CaseStage::OnHold => (K::CaseGovOnHold, K::CaseGovOnHoldNext),
        CaseStage::Closed => (K::CaseGovClosed, K::CaseGovClosedNext),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::matching::{Factor, FactorKind};

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
    }

    #[test]
    fn a_scope_form_is_read_with_its_repeated_choices() {
        let s = CaseScope::from_form(&fields(&[
            ("areas", "open_data"),
            ("areas", "fiscal_openness"),
            ("areas", "open_data"),
            ("assistance", "training"),
            ("languages", "fr"),
            ("regions", "africa_middle_east"),
            ("countries", "SN"),
            ("budget", "costs_covered"),
            ("kinds", "ngo"),
            ("objectives", "  Publish the budget as open data  "),
            ("deliverables", "A data portal review"),
            ("timeline", "next_months"),
        ]))
        .expect("a good scope");
        assert_eq!(s.scope.areas, vec![IssueArea::OpenData, IssueArea::FiscalOpenness], "repeats count once");
        assert_eq!(s.objectives, "Publish the budget as open data");
        assert_eq!(s.scope.budget, Some(Budget::CostsCovered));
        assert_eq!(s.timeline, Some(Timeline::NextMonths));
        assert_eq!(s.scope.countries, vec!["SN".to_string()]);
        assert_eq!(s.regions(), vec![Region::AfricaMiddleEast]);
    }

    #[test]
    fn an_empty_or_bad_scope_is_refused_with_the_field_to_fix() {
        let err = |pairs: &[(&str, &str)]| CaseScope::from_form(&fields(pairs)).expect_err("refused");
        assert_eq!(err(&[("objectives", "x")]), ScopeError { field: "areas", key: K::CaseErrorEmptyScope });
        assert_eq!(err(&[("areas", "open_data")]), ScopeError { field: "objectives", key: K::ErrorRequired });
        assert_eq!(
            err(&[("areas", "astrology"), ("objectives", "x")]),
            ScopeError { field: "areas", key: K::ErrorUnknownOption }
        );
        assert_eq!(
            err(&[("areas", "open_data"), ("objectives", "x"), ("countries", "XX")]),
            ScopeError { field: "countries", key: K::ErrorUnknownOption }
        );
        assert_eq!(
            err(&[("areas", "open_data"), ("objectives", "x"), ("budget", "gold")]),
            ScopeError { field: "budget", key: K::ErrorUnknownOption }
        );
        let long = "x".repeat(TEXT_MAX + 1);
        assert_eq!(
            err(&[("areas", "open_data"), ("objectives", &long)]),
            ScopeError { field: "objectives", key: K::ErrorTooLong }
        );
    }

    #[test]
    fn exclusions_and_pins_need_a_reason_and_shortlists_do_not() {
        assert_eq!(check_reason(Some(Decision::Excluded), "  "), Err(K::CaseErrorReasonRequired));
        assert_eq!(check_reason(Some(Decision::Pinned), ""), Err(K::CaseErrorReasonRequired));
        assert_eq!(check_reason(Some(Decision::Shortlisted), ""), Ok(String::new()));
        assert_eq!(check_reason(None, " cleared "), Ok("cleared".into()));
        assert_eq!(check_reason(Some(Decision::Excluded), &"x".repeat(SHORT_MAX + 1)), Err(K::ErrorTooLong));
        for d in Decision::ALL {
            assert_eq!(Decision::from_key(d.key()), Some(d));
        }
    }

    fn ranked(id: &str, score: u32) -> Ranked {
        Ranked {
            id: id.into(),
            score,
            factors: vec![Factor {
                kind: FactorKind::Areas,
                points: score,
                max: 400,
                matched: vec![],
                missing: vec![],
            }],
        }
    }

    #[test]
    fn pinned_providers_come_first_excluded_ones_apart_and_shortlisted_ones_always_shown() {
        let ranking: Vec<Ranked> = (0..6).map(|i| ranked(&format!("p{i}"), 100 - i)).collect();
        let decisions = vec![
            ("p4".to_string(), Decision::Pinned, "ask about capacity".to_string()),
            ("p1".to_string(), Decision::Excluded, "conflict of interest".to_string()),
            ("p5".to_string(), Decision::Shortlisted, String::new()),
        ];
        let (shown, excluded) = arrange(ranking, &decisions, 2);
        let ids: Vec<(&str, usize)> = shown.iter().map(|a| (a.ranked.id.as_str(), a.rank)).collect();
        assert_eq!(ids, vec![("p4", 5), ("p0", 1), ("p2", 3), ("p5", 6)]);
        assert_eq!(excluded.len(), 1);
        assert_eq!(excluded[0].decision, Some((Decision::Excluded, "conflict of interest".to_string())));
    }

    fn sketch(id: &str, areas: &[IssueArea], region: Region, stage: CaseStage, outcome: Option<Outcome>) -> CaseSketch {
        CaseSketch { id: id.into(), areas: areas.to_vec(), regions: vec![region], stage, outcome }
    }

    #[test]
    fn similar_cases_share_an_area_and_a_region_and_past_successes_come_first() {
        use IssueArea::*;
        let this = sketch("me", &[OpenData, FiscalOpenness], Region::Americas, CaseStage::Scoping, None);
        let others = vec![
            sketch("me", &[OpenData], Region::Americas, CaseStage::Scoping, None),
            sketch("open", &[OpenData, FiscalOpenness], Region::Americas, CaseStage::Matching, None),
            sketch("won", &[FiscalOpenness], Region::Americas, CaseStage::Closed, Some(Outcome::Successful)),
            sketch("lost", &[OpenData], Region::Americas, CaseStage::Closed, Some(Outcome::Withdrawn)),
            sketch("far", &[OpenData], Region::Europe, CaseStage::Closed, Some(Outcome::Successful)),
            sketch("other", &[ExtractiveIndustries], Region::Americas, CaseStage::Closed, Some(Outcome::Successful)),
        ];
        let got = similar(&this, &others, 5);
        let ids: Vec<&str> = got.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, vec!["won", "lost", "open"]);
        assert_eq!(got[2].shared, vec![OpenData, FiscalOpenness]);
        assert_eq!(similar(&this, &others, 1).len(), 1);
    }

    #[test]
    fn overdue_means_a_past_due_step_or_a_hold_past_its_day() {
        assert!(is_overdue(CaseStage::Scoping, Some(9), None, 10));
        assert!(!is_overdue(CaseStage::Scoping, Some(10), None, 10), "due today is not late yet");
        assert!(!is_overdue(CaseStage::Scoping, None, None, 10));
        assert!(is_overdue(CaseStage::OnHold, Some(20), Some(10), 10), "due back today");
        assert!(!is_overdue(CaseStage::OnHold, Some(1), Some(11), 10));
        assert!(!is_overdue(CaseStage::Closed, Some(1), None, 10));
    }

    #[test]
    fn the_case_list_filters_parse_and_refuse_unknown_values() {
        let q = CaseQuery::parse(
            "stage=scoping&stage=matching&cm=none&area=open_data&region=americas&overdue=1&mine=1&x=y",
        )
        .expect("parses");
        assert_eq!(q.stages, vec![CaseStage::Scoping, CaseStage::Matching]);
        assert_eq!(q.case_managers, vec!["none".to_string()]);
        assert!(q.overdue && q.mine);
        assert_eq!(
            CaseQuery::parse("stage=limbo").expect_err("refused"),
            CaseQueryError { param: "stage".into(), value: "limbo".into() }
        );
        assert_eq!(CaseQuery::parse("area=open%20data").expect_err("refused").value, "open data");
        assert_eq!(CaseQuery::parse("").expect("empty"), CaseQuery::default());
        assert!(!CaseQueryError { param: "stage".into(), value: "limbo".into() }.describe(Locale::Fr).is_empty());
    }

    #[test]
    fn every_filter_must_hold_and_any_value_within_one_does() {
        let areas = [IssueArea::OpenData];
        let regions = [Region::Americas];
        let row = CaseRowFacts {
            stage: CaseStage::Matching,
            case_manager: Some("cm1"),
            areas: &areas,
            regions: &regions,
            waiting: &[crate::domain::board::Waiting::Provider],
            next_step_due_day: Some(5),
            hold_until_day: None,
        };
        let admits = |qs: &str, me: Option<&str>| CaseQuery::parse(qs).expect("parses").admits(&row, me, 10);
        assert!(admits("", None));
        assert!(admits("stage=scoping&stage=matching", None));
        assert!(!admits("stage=scoping", None));
        assert!(admits("cm=cm1", None) && !admits("cm=none", None));
        assert!(admits("area=open_data&region=americas", None));
        assert!(!admits("area=open_data&region=europe", None));
        assert!(admits("overdue=1", None));
        assert!(admits("waiting=provider", None) && !admits("waiting=government", None));
        assert!(admits("mine=1", Some("cm1")) && !admits("mine=1", Some("cm2")) && !admits("mine=1", None));
    }

    #[test]
    fn every_stage_tells_the_government_where_it_stands_and_what_comes_next() {
        for stage in CaseStage::ALL {
            let (now, next) = stage_for_government(stage);
            for l in Locale::ALL {
                assert!(!l.t(now).is_empty() && !l.t(next).is_empty(), "{stage:?} {l:?}");
            }
        }
    }
}
