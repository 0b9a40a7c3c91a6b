//! The oversight figures, computed from what is known of each case in the range: the funnel,
//! how long requests wait for a first introduction and for an agreement, each Case Manager's
//! caseload, how providers answer introductions, outcomes and follow-up ratings.

use super::Metric;
use crate::domain::case::{CaseStage, Outcome};
use serde::{Deserialize, Serialize};

/// The working stages, in the order a case goes through them (the funnel's steps: the board's
/// columns).
pub const FUNNEL: [CaseStage; 7] = crate::domain::board::COLUMNS;

/// What oversight knows of one case (read for every case in the range at once).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseRecord {
    pub id: String,
    pub stage: Option<CaseStage>,
    pub outcome: Option<Outcome>,
    /// Its Case Manager (a user id).
    pub manager: Option<String>,
    /// When the request arrived (ms since 1970, UTC).
    pub opened_at: i64,
    /// Every stage its timeline says it entered.
    pub entered: Vec<CaseStage>,
    /// When its first introduction went out.
    pub first_introduction_at: Option<i64>,
    /// When it first became Active (every party had accepted the agreement).
    pub agreed_at: Option<i64>,
}

impl CaseRecord {
    /// The furthest working stage it reached (a closed or held case counts where it got to).
    pub fn furthest(&self) -> Option<usize> {
        self.entered.iter().chain(self.stage.iter()).filter_map(|s| FUNNEL.iter().position(|f| f == s)).max()
    }
}

/// How a provider named in an introduction answered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Answer {
    Accepted,
    Declined,
    /// The response window passed without an answer.
    Lapsed,
    /// Not answered yet, still within its window.
    Waiting,
}

impl Answer {
    pub const ALL: [Answer; 4] = [Answer::Accepted, Answer::Declined, Answer::Lapsed, Answer::Waiting];

    pub fn key(self) -> &'static str {
        match self {
            Answer::Accepted => "accepted",
            Answer::Declined => "declined",
            Answer::Lapsed => "lapsed",
            Answer::Waiting => "waiting",
        }
    }

    pub fn from_key(key: &str) -> Option<Answer> {
        Answer::ALL.into_iter().find(|a| a.key() == key)
    }
}

/// One provider's answer to one introduction that went out.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyAnswer {
    pub case_id: String,
    pub answer: Answer,
    /// From the introduction going out to the answer (ms), when answered.
    pub took: Option<i64>,
}

/// One follow-up rating (1 to 5) given on a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rating {
    pub case_id: String,
    pub rating: i64,
}

/// A spread of durations: how many, the median and the 90th percentile (ms; nearest rank).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Spread {
    pub count: i64,
    pub median: Option<i64>,
    pub p90: Option<i64>,
}

impl Spread {
    /// The spread of `values` (any order).
    pub fn of(mut values: Vec<i64>) -> Spread {
        values.sort_unstable();
        Spread { count: values.len() as i64, median: percentile(&values, 50), p90: percentile(&values, 90) }
    }
}

/// The `p`th percentile of sorted `values` by nearest rank (the smallest value with at least
/// `p`% of the values at or below it); `None` when there are none.
pub fn percentile(sorted: &[i64], p: usize) -> Option<i64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (p * sorted.len()).div_ceil(100).max(1);
    sorted.get(rank - 1).copied()
}

/// One step of the funnel: how many cases reached the stage (or went further), and how many
/// are in it now.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunnelStep {
    pub stage: CaseStage,
    pub reached: i64,
    pub now: i64,
}

/// One Case Manager's cases in the range: still open, and closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Caseload {
    /// The user id, `None` for cases nobody has taken.
    pub manager: Option<String>,
    /// Their name (filled in by the server).
    pub name: String,
    pub open: i64,
    pub closed: i64,
}

/// The figures of one range.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Figures {
    /// Requests that arrived in the range (the cases every other figure counts).
    pub opened: i64,
    pub funnel: Vec<FunnelStep>,
    pub on_hold: i64,
    pub to_introduction: Spread,
    pub to_agreement: Spread,
    pub caseload: Vec<Caseload>,
    /// Providers' answers to introductions, per answer, in [`Answer::ALL`]'s order.
    pub answers: Vec<(Answer, i64)>,
    pub answer_time: Spread,
    pub outcomes: Vec<(Outcome, i64)>,
    /// Follow-up ratings given, per score (1 to 5).
    pub ratings: Vec<(i64, i64)>,
    /// The mean rating in tenths (41 for 4.1), when any was given.
    pub mean_rating_tenths: Option<i64>,
}

/// The figures of `cases`, with the providers' `answers` and the follow-up `ratings` on them.
pub fn figures(cases: &[CaseRecord], answers: &[PartyAnswer], ratings: &[Rating]) -> Figures {
    let count = |m: &Metric| m.count(cases, answers, ratings);
    let funnel = FUNNEL
        .into_iter()
        .map(|stage| FunnelStep { stage, reached: count(&Metric::Reached(stage)), now: count(&Metric::Now(stage)) })
        .collect();
    let since_opened = |at: fn(&CaseRecord) -> Option<i64>| {
        Spread::of(cases.iter().filter_map(|c| at(c).map(|t| (t - c.opened_at).max(0))).collect())
    };
    let mut caseload: Vec<Caseload> = Vec::new();
    for c in cases {
        let i = match caseload.iter().position(|l| l.manager == c.manager) {
            Some(i) => i,
            None => {
                caseload.push(Caseload { manager: c.manager.clone(), name: String::new(), open: 0, closed: 0 });
                caseload.len() - 1
            }
        };
        if c.stage == Some(CaseStage::Closed) {
            caseload[i].closed += 1;
        } else {
            caseload[i].open += 1;
        }
    }
    caseload.sort_by(|a, b| (b.open, b.closed).cmp(&(a.open, a.closed)).then(a.manager.cmp(&b.manager)));
    let given: Vec<i64> = ratings.iter().map(|r| r.rating).collect();
    let mean_rating_tenths =
        (!given.is_empty()).then(|| (given.iter().sum::<i64>() * 10 + given.len() as i64 / 2) / given.len() as i64);
    Figures {
        opened: cases.len() as i64,
        funnel,
        on_hold: count(&Metric::Now(CaseStage::OnHold)),
        to_introduction: since_opened(|c| c.first_introduction_at),
        to_agreement: since_opened(|c| c.agreed_at),
        caseload,
        answers: Answer::ALL
            .into_iter()
            .map(|a| (a, answers.iter().filter(|p| p.answer == a).count() as i64))
            .collect(),
        answer_time: Spread::of(answers.iter().filter_map(|a| a.took).collect()),
        outcomes: Outcome::ALL.into_iter().map(|o| (o, count(&Metric::Outcome(o)))).collect(),
        ratings: (1..=5).map(|n| (n, given.iter().filter(|r| **r == n).count() as i64)).collect(),
        mean_rating_tenths,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseStage::*;

    const DAY: i64 = 86_400_000;

    fn case(id: &str, stage: CaseStage, entered: &[CaseStage]) -> CaseRecord {
        CaseRecord { id: id.into(), stage: Some(stage), entered: entered.to_vec(), ..Default::default() }
    }

    #[test]
    fn percentiles_are_by_nearest_rank() {
        let v: Vec<i64> = (1..=10).collect();
        assert_eq!(percentile(&v, 50), Some(5));
        assert_eq!(percentile(&v, 90), Some(9));
        assert_eq!(percentile(&[7], 90), Some(7));
        assert_eq!(percentile(&[], 50), None);
        assert_eq!(Spread::of(vec![30, 10, 20]), Spread { count: 3, median: Some(20), p90: Some(30) });
    }

    #[test]
    fn the_funnel_counts_each_case_at_the_furthest_stage_it_reached() {
        let cases = [
            case("a", Intake, &[]),
            case("b", Matching, &[Scoping, Matching]),
            case("c", Closed, &[Scoping, Closed]),
            case("d", OnHold, &[Scoping, Matching, Introductions, OnHold]),
            case("e", Closed, &[Scoping, Matching, Introductions, Selection, Agreement, Active, Closed]),
        ];
        let f = figures(&cases, &[], &[]);
        let reached: Vec<i64> = f.funnel.iter().map(|s| s.reached).collect();
        assert_eq!(reached, vec![5, 4, 3, 2, 1, 1, 1]);
        let now: Vec<i64> = f.funnel.iter().map(|s| s.now).collect();
        assert_eq!(now, vec![1, 0, 1, 0, 0, 0, 0]);
        assert_eq!(f.on_hold, 1);
        assert_eq!(f.opened, 5);
    }

    #[test]
    fn waits_are_measured_from_the_request() {
        let mut a = case("a", Active, &[Active]);
        a.opened_at = 10 * DAY;
        a.first_introduction_at = Some(13 * DAY);
        a.agreed_at = Some(40 * DAY);
        let mut b = case("b", Introductions, &[]);
        b.opened_at = 0;
        b.first_introduction_at = Some(DAY);
        let f = figures(&[a, b, case("c", Intake, &[])], &[], &[]);
        assert_eq!(f.to_introduction, Spread { count: 2, median: Some(DAY), p90: Some(3 * DAY) });
        assert_eq!(f.to_agreement, Spread { count: 1, median: Some(30 * DAY), p90: Some(30 * DAY) });
    }

    #[test]
    fn caseloads_answers_outcomes_and_ratings() {
        let mut cases = vec![case("a", Matching, &[]), case("b", Closed, &[]), case("c", Intake, &[])];
        cases[0].manager = Some("lucia".into());
        cases[1].manager = Some("lucia".into());
        cases[1].outcome = Some(Outcome::Successful);
        let answers = [
            PartyAnswer { case_id: "a".into(), answer: Answer::Accepted, took: Some(2 * DAY) },
            PartyAnswer { case_id: "a".into(), answer: Answer::Declined, took: Some(DAY) },
            PartyAnswer { case_id: "b".into(), answer: Answer::Lapsed, took: None },
        ];
        let ratings = [Rating { case_id: "b".into(), rating: 5 }, Rating { case_id: "b".into(), rating: 4 }];
        let f = figures(&cases, &answers, &ratings);
        assert_eq!(f.caseload.len(), 2);
        assert_eq!((f.caseload[0].manager.as_deref(), f.caseload[0].open, f.caseload[0].closed), (Some("lucia"), 1, 1));
        assert_eq!((f.caseload[1].manager.as_deref(), f.caseload[1].open), (None, 1));
        assert_eq!(
            f.answers,
            vec![(Answer::Accepted, 1), (Answer::Declined, 1), (Answer::Lapsed, 1), (Answer::Waiting, 0)]
        );
        assert_eq!(f.answer_time.median, Some(DAY));
        assert_eq!(f.outcomes[0], (Outcome::Successful, 1));
        assert_eq!(f.ratings, vec![(1, 0), (2, 0), (3, 0), (4, 1), (5, 1)]);
        assert_eq!(f.mean_rating_tenths, Some(45));
        assert_eq!(figures(&[], &[], &[]).mean_rating_tenths, None);
    }
}
