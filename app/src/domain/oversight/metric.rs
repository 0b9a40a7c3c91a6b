//! One figure of the oversight page as the cases behind it: what its drill-down lists. Every
//! count on the page is the length of its metric's cases, so a number and its list agree.

use super::figures::{Answer, CaseRecord, PartyAnswer, Rating};
use crate::domain::case::{CaseStage, Outcome};
use crate::i18n::{Locale, K};

/// A figure whose cases can be listed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Metric {
    /// Every request that arrived in the range.
    Opened,
    /// Cases that reached a working stage (or went further).
    Reached(CaseStage),
    /// Cases in a stage now.
    Now(CaseStage),
    /// Cases with at least one introduction sent.
    Introduced,
    /// Cases whose agreement every party accepted.
    Agreed,
    /// One Case Manager's cases (`None`: nobody's yet).
    Manager(Option<String>),
    /// Cases closed with an outcome.
    Outcome(Outcome),
    /// Cases where a provider answered an introduction so.
    Answered(Answer),
    /// Cases with a follow-up rated so.
    Rated(i64),
}

impl Metric {
    /// The key in a drill-down's address (`metric=reached:matching`).
    pub fn key(&self) -> String {
        match self {
            Metric::Opened => "opened".into(),
            Metric::Reached(s) => format!("reached:{}", s.key()),
            Metric::Now(s) => format!("now:{}", s.key()),
            Metric::Introduced => "introduced".into(),
            Metric::Agreed => "agreed".into(),
            Metric::Manager(m) => format!("manager:{}", m.as_deref().unwrap_or("none")),
            Metric::Outcome(o) => format!("outcome:{}", o.key()),
            Metric::Answered(a) => format!("answered:{}", a.key()),
            Metric::Rated(n) => format!("rated:{n}"),
        }
    }

    /// Parses a key; `None` for anything else.
    pub fn parse(key: &str) -> Option<Metric> {
        let (kind, value) = key.split_once(':').unwrap_or((key, ""));
        let metric = match (kind, value) {
            ("opened", "") => Metric::Opened,
            ("introduced", "") => Metric::Introduced,
            ("agreed", "") => Metric::Agreed,
            ("reached", s) => Metric::Reached(CaseStage::from_key(s).filter(|s| super::FUNNEL.contains(s))?),
            ("now", s) => Metric::Now(CaseStage::from_key(s)?),
            ("manager", "none") => Metric::Manager(None),
            ("manager", id) if !id.is_empty() && id.len() <= 64 => Metric::Manager(Some(id.to_string())),
            ("outcome", o) => Metric::Outcome(Outcome::from_key(o)?),
            ("answered", a) => Metric::Answered(Answer::from_key(a)?),
            ("rated", n) => Metric::Rated(n.parse().ok().filter(|n| (1..=5).contains(n))?),
            _ => return None,
        };
        Some(metric)
    }

    /// The ids of the cases behind the figure, in the order of `cases`.
    pub fn cases(&self, cases: &[CaseRecord], answers: &[PartyAnswer], ratings: &[Rating]) -> Vec<String> {
        self.matching(cases, answers, ratings).into_iter().map(|c| c.id.clone()).collect()
    }

    /// How many cases are behind the figure (the length of [`Metric::cases`], without the list).
    pub fn count(&self, cases: &[CaseRecord], answers: &[PartyAnswer], ratings: &[Rating]) -> i64 {
        self.matching(cases, answers, ratings).len() as i64
    }

    fn matching<'a>(
        &self,
        cases: &'a [CaseRecord],
        answers: &[PartyAnswer],
        ratings: &[Rating],
    ) -> Vec<&'a CaseRecord> {
        // the cases named by answers or ratings, looked up once each
        let named: std::collections::HashSet<&str> = match self {
            Metric::Answered(a) => answers.iter().filter(|p| p.answer == *a).map(|p| p.case_id.as_str()).collect(),
            Metric::Rated(n) => ratings.iter().filter(|r| r.rating == *n).map(|r| r.case_id.as_str()).collect(),
            _ => Default::default(),
        };
        let reached = match self {
            Metric::Reached(s) => super::FUNNEL.iter().position(|x| x == s),
            _ => None,
        };
        cases
            .iter()
            .filter(|c| match self {
                Metric::Opened => true,
                Metric::Reached(_) => c.furthest().zip(reached).is_some_and(|(f, i)| f >= i),
                Metric::Now(s) => c.stage == Some(*s),
                Metric::Introduced => c.first_introduction_at.is_some(),
                Metric::Agreed => c.agreed_at.is_some(),
                Metric::Manager(m) => &c.manager == m,
                Metric::Outcome(o) => c.stage == Some(CaseStage::Closed) && c.outcome == Some(*o),
                Metric::Answered(_) | Metric::Rated(_) => named.contains(c.id.as_str()),
            })
            .collect()
    }

    /// What the list shows, in `locale` (`manager` is the Case Manager's name, if the metric
    /// is one's caseload).
    pub fn describe(&self, l: Locale, manager: &str) -> String {
        match self {
            Metric::Opened => l.t(K::OversightMetricOpened).to_string(),
            Metric::Reached(s) => l.tf(K::OversightMetricReached, &[("stage", l.t(s.label()))]),
            Metric::Now(s) => l.tf(K::OversightMetricNow, &[("stage", l.t(s.label()))]),
            Metric::Introduced => l.t(K::OversightMetricIntroduced).to_string(),
            Metric::Agreed => l.t(K::OversightMetricAgreed).to_string(),
            Metric::Manager(None) => l.t(K::OversightMetricUnassigned).to_string(),
            Metric::Manager(Some(_)) => l.tf(K::OversightMetricManager, &[("name", manager)]),
            Metric::Outcome(o) => l.tf(K::OversightMetricOutcome, &[("outcome", l.t(o.label()))]),
            Metric::Answered(a) => l.tf(K::OversightMetricAnswered, &[("answer", l.t(answer_label(*a)))]),
            Metric::Rated(n) => l.tf(K::OversightMetricRated, &[("n", &n.to_string())]),
        }
    }
}

/// The catalogue key of an answer's name.
pub fn answer_label(a: Answer) -> K {
    match a {
        Answer::Accepted => K::OversightAnswerAccepted,
        Answer::Declined => K::OversightAnswerDeclined,
        Answer::Lapsed => K::OversightAnswerLapsed,
        Answer::Waiting => K::OversightAnswerWaiting,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_metric_key_reads_back_and_nonsense_is_refused() {
        let all = [
            Metric::Opened,
            Metric::Reached(CaseStage::Matching),
            Metric::Now(CaseStage::OnHold),
            Metric::Introduced,
            Metric::Agreed,
            Metric::Manager(None),
            Metric::Manager(Some("0193-abc".into())),
            Metric::Outcome(Outcome::Withdrawn),
            Metric::Answered(Answer::Lapsed),
            Metric::Rated(4),
        ];
        for m in all {
            assert_eq!(Metric::parse(&m.key()), Some(m.clone()), "{}", m.key());
            assert!(!m.describe(Locale::Fr, "Lucía").is_empty());
        }
        for bad in ["", "reached:on_hold", "reached:nowhere", "rated:6", "rated:x", "manager:", "opened:1", "<b>"] {
            assert_eq!(Metric::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_figures_count_is_its_lists_length() {
        let case = |id: &str, stage, entered: &[CaseStage]| CaseRecord {
            id: id.into(),
            stage: Some(stage),
            entered: entered.to_vec(),
            ..Default::default()
        };
        let cases = [
            case("a", CaseStage::Matching, &[CaseStage::Scoping, CaseStage::Matching]),
            case("b", CaseStage::Scoping, &[CaseStage::Scoping]),
        ];
        let answers = [PartyAnswer { case_id: "b".into(), answer: Answer::Declined, took: None }];
        let f = super::super::figures(&cases, &answers, &[]);
        for step in &f.funnel {
            assert_eq!(step.reached, Metric::Reached(step.stage).cases(&cases, &answers, &[]).len() as i64);
        }
        assert_eq!(Metric::Reached(CaseStage::Matching).cases(&cases, &answers, &[]), vec!["a".to_string()]);
        assert_eq!(Metric::Answered(Answer::Declined).cases(&cases, &answers, &[]), vec!["b".to_string()]);
    }
}
