//! Cases and outcomes as anonymised aggregates. Every year × region × issue area (or outcome)
//! is a row, whether or not any request fell in it, so a row's presence says nothing; every
//! count below the threshold is suppressed, and a mean rating is published only when enough
//! ratings stand behind it.

use super::suppress;
use crate::domain::case::{CaseStage, Outcome};
use crate::domain::oversight::{CaseRecord, Rating};
use crate::domain::taxonomy::{IssueArea, Region};
use crate::domain::time::year_of;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where a case falls: its government's region and the issue areas it asks about.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CasePlace {
    pub region: Option<Region>,
    pub areas: Vec<IssueArea>,
}

/// One row of `cases`: requests that arrived in `year` from governments of `region` naming
/// `issue_area`, and how many of their cases got an introduction, an agreement, were closed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CasesRow {
    pub year: i64,
    pub region: String,
    pub issue_area: String,
    pub requests: Option<i64>,
    pub introduced: Option<i64>,
    pub agreed: Option<i64>,
    pub closed: Option<i64>,
}

/// One row of `outcomes`: the cases of `year` (their request's) and `region` closed with
/// `outcome`, and the mean of their follow-up ratings (one decimal).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutcomesRow {
    pub year: i64,
    pub region: String,
    pub outcome: String,
    pub cases: Option<i64>,
    pub mean_rating: Option<f64>,
}

/// The years from the first request's to `this_year` (none when there is no case).
fn years(cases: &[CaseRecord], this_year: i64) -> Vec<i64> {
    match cases.iter().map(|c| year_of(c.opened_at)).min() {
        Some(first) => (first..=this_year.max(first)).collect(),
        None => Vec::new(),
    }
}

/// The `cases` table.
pub fn cases_rows(cases: &[CaseRecord], places: &HashMap<String, CasePlace>, this_year: i64) -> Vec<CasesRow> {
    #[derive(Default, Clone, Copy)]
    struct Tally {
        requests: i64,
        introduced: i64,
        agreed: i64,
        closed: i64,
    }
    let mut tallies: HashMap<(i64, Region, IssueArea), Tally> = HashMap::new();
    for c in cases {
        let Some(place) = places.get(&c.id) else { continue };
        let Some(region) = place.region else { continue };
        for area in &place.areas {
            let t = tallies.entry((year_of(c.opened_at), region, *area)).or_default();
            t.requests += 1;
            t.introduced += i64::from(c.first_introduction_at.is_some());
            t.agreed += i64::from(c.agreed_at.is_some());
            t.closed += i64::from(c.stage == Some(CaseStage::Closed));
        }
    }
    // every offered area, and one no longer offered while cases name it: the grid is whole
    let mut areas = IssueArea::all();
    let retired: std::collections::BTreeSet<IssueArea> =
        tallies.keys().map(|(_, _, area)| *area).filter(|a| !areas.contains(a)).collect();
    areas.extend(retired);
    let mut rows = Vec::new();
    for year in years(cases, this_year) {
        for region in Region::ALL {
            for area in &areas {
                let t = tallies.get(&(year, *region, *area)).copied().unwrap_or_default();
                rows.push(CasesRow {
                    year,
                    region: region.key().to_string(),
                    issue_area: area.key().to_string(),
                    requests: suppress(t.requests),
                    introduced: suppress(t.introduced),
                    agreed: suppress(t.agreed),
                    closed: suppress(t.closed),
                });
            }
        }
    }
    rows
}

/// The `outcomes` table.
pub fn outcomes_rows(
    cases: &[CaseRecord],
    places: &HashMap<String, CasePlace>,
    ratings: &[Rating],
    this_year: i64,
) -> Vec<OutcomesRow> {
    let mut count: HashMap<(i64, Region, Outcome), i64> = HashMap::new();
    let mut rated: HashMap<(i64, Region, Outcome), Vec<i64>> = HashMap::new();
    let mut key_of: HashMap<&str, (i64, Region, Outcome)> = HashMap::new();
    for c in cases {
        let (Some(outcome), Some(region)) = (c.outcome, places.get(&c.id).and_then(|p| p.region)) else { continue };
        let key = (year_of(c.opened_at), region, outcome);
        *count.entry(key).or_default() += 1;
        key_of.insert(c.id.as_str(), key);
    }
    for r in ratings {
        if let Some(key) = key_of.get(r.case_id.as_str()) {
            rated.entry(*key).or_default().push(r.rating);
        }
    }
    let mut rows = Vec::new();
    for year in years(cases, this_year) {
        for region in Region::ALL {
            for outcome in Outcome::ALL {
                let key = (year, *region, outcome);
                let given = rated.get(&key).map(Vec::as_slice).unwrap_or_default();
                let mean_rating = suppress(given.len() as i64).map(|n| {
                    let tenths = (given.iter().sum::<i64>() * 10 + n / 2) / n;
                    tenths as f64 / 10.0
                });
                rows.push(OutcomesRow {
                    year,
                    region: region.key().to_string(),
                    outcome: outcome.key().to_string(),
                    cases: suppress(count.get(&key).copied().unwrap_or(0)),
                    mean_rating,
                });
            }
        }
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    const YEAR_2026: i64 = 1_767_225_600_000; // 2026-01-01

    fn case(i: usize, introduced: bool, outcome: Option<Outcome>) -> CaseRecord {
        CaseRecord {
            id: format!("c{i}"),
            stage: Some(if outcome.is_some() { CaseStage::Closed } else { CaseStage::Matching }),
            outcome,
            opened_at: YEAR_2026 + i as i64,
            first_introduction_at: introduced.then_some(YEAR_2026 + 1000),
            ..CaseRecord::default()
        }
    }

    fn places(cases: &[CaseRecord], area: IssueArea, region: Region) -> HashMap<String, CasePlace> {
        cases.iter().map(|c| (c.id.clone(), CasePlace { region: Some(region), areas: vec![area] })).collect()
    }

    #[test]
    fn every_cell_is_a_row_and_small_counts_are_blank() {
        let cases: Vec<CaseRecord> = (0..7).map(|i| case(i, i < 3, None)).collect();
        let area = IssueArea::ALL[0];
        let rows = cases_rows(&cases, &places(&cases, area, Region::ALL[0]), 2026);
        // one year, every cell (an area added meanwhile by another test may add its row)
        assert!(rows.len() >= Region::ALL.len() * IssueArea::ALL.len(), "one year, every cell");
        let hit =
            rows.iter().find(|r| r.region == Region::ALL[0].key() && r.issue_area == area.key()).expect("the cell");
        assert_eq!(hit.requests, Some(7));
        assert_eq!(hit.introduced, None, "three introduced is too few to publish");
        assert!(rows.iter().filter(|r| r != &hit).all(|r| r.requests.is_none()), "empty cells look like small ones");
    }

    #[test]
    fn outcomes_publish_a_mean_only_over_enough_ratings() {
        let cases: Vec<CaseRecord> = (0..6).map(|i| case(i, true, Some(Outcome::Successful))).collect();
        let p = places(&cases, IssueArea::ALL[0], Region::ALL[1]);
        let ratings: Vec<Rating> =
            (0..5).map(|i| Rating { case_id: format!("c{i}"), rating: 4 + (i as i64 % 2) }).collect();
        let rows = outcomes_rows(&cases, &p, &ratings, 2027);
        assert_eq!(rows.len(), 2 * Region::ALL.len() * Outcome::ALL.len(), "2026 and 2027");
        let hit = rows
            .iter()
            .find(|r| r.year == 2026 && r.region == Region::ALL[1].key() && r.outcome == "successful")
            .expect("the cell");
        assert_eq!(hit.cases, Some(6));
        assert_eq!(hit.mean_rating, Some(4.4));
        let few = outcomes_rows(&cases, &p, &ratings[..4], 2026);
        assert!(few.iter().all(|r| r.mean_rating.is_none()), "four ratings are too few");
    }

    #[test]
    fn no_case_no_rows() {
        assert!(cases_rows(&[], &HashMap::new(), 2026).is_empty());
    }
}
