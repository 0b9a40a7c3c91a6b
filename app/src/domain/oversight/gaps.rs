//! The supply and demand gap map: for each issue area and region, how many requests ask for it
//! against how many listed providers offer it (and on what cost basis), so the committee sees
//! where demand finds no supply and can seek providers there.

use crate::domain::taxonomy::{CostBasis, IssueArea, Region};
use serde::{Deserialize, Serialize};

/// A count read from the rosters for one area and region (and cost basis, for providers).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PairCount {
    pub area: IssueArea,
    pub region: Region,
    pub cost: Option<CostBasis>,
    pub n: i64,
}

/// How well demand is met in one cell.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cover {
    /// Nobody asks.
    NoDemand,
    /// Requests, and no provider at all: the gap to close first.
    Unmet,
    /// Fewer providers than requests.
    Thin,
    /// At least as many providers as requests.
    Met,
}

impl Cover {
    pub fn key(self) -> &'static str {
        match self {
            Cover::NoDemand => "no-demand",
            Cover::Unmet => "unmet",
            Cover::Thin => "thin",
            Cover::Met => "met",
        }
    }
}

/// One issue area in one region.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapCell {
    pub area: IssueArea,
    pub region: Region,
    /// Requests asking for this area in this region.
    pub demand: i64,
    /// Listed providers offering it there (each counted once).
    pub supply: i64,
    /// Of those, per cost basis (a provider may offer several).
    pub by_cost: Vec<(CostBasis, i64)>,
    pub cover: Cover,
}

/// Every area × region cell, areas in vocabulary order (an added area no longer offered too,
/// while requests or providers still name it), then regions.
pub fn gap_map(demand: &[PairCount], supply: &[PairCount], by_cost: &[PairCount]) -> Vec<GapCell> {
    let find = |counts: &[PairCount], a: IssueArea, r: Region, c: Option<CostBasis>| {
        counts.iter().filter(|p| p.area == a && p.region == r && p.cost == c).map(|p| p.n).sum::<i64>()
    };
    let mut areas = IssueArea::all();
    for p in demand.iter().chain(supply) {
        if !areas.contains(&p.area) {
            areas.push(p.area);
        }
    }
    let mut out = Vec::with_capacity(areas.len() * Region::ALL.len());
    for area in areas {
        for &region in Region::ALL {
            let (demand, supply) = (find(demand, area, region, None), find(supply, area, region, None));
            let cover = match (demand, supply) {
                (0, _) => Cover::NoDemand,
                (_, 0) => Cover::Unmet,
                (d, s) if s < d => Cover::Thin,
                _ => Cover::Met,
            };
            let by_cost = CostBasis::ALL.iter().map(|&c| (c, find(by_cost, area, region, Some(c)))).collect();
            out.push(GapCell { area, region, demand, supply, by_cost, cover });
        }
    }
    out
}

/// The cells where demand finds no provider, the most asked for first.
pub fn unmet(cells: &[GapCell]) -> Vec<&GapCell> {
    let mut out: Vec<&GapCell> = cells.iter().filter(|c| c.cover == Cover::Unmet).collect();
    out.sort_by(|a, b| b.demand.cmp(&a.demand).then((a.area, a.region).cmp(&(b.area, b.region))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(area: IssueArea, region: Region, cost: Option<CostBasis>, n: i64) -> PairCount {
        PairCount { area, region, cost, n }
    }

    #[test]
    fn each_cell_says_whether_demand_is_met() {
        use IssueArea::*;
        use Region::*;
        let demand = [
            count(OpenContracting, Europe, None, 3),
            count(Justice, Americas, None, 2),
            count(Justice, Europe, None, 1),
        ];
        let supply = [
            count(OpenContracting, Europe, None, 1),
            count(Justice, Europe, None, 4),
            count(CivicSpace, Europe, None, 2),
        ];
        let by_cost = [
            count(OpenContracting, Europe, Some(CostBasis::ProBono), 1),
            count(OpenContracting, Europe, Some(CostBasis::Paid), 1),
        ];
        let cells = gap_map(&demand, &supply, &by_cost);
        // every built-in area × region (an area added meanwhile by another test may follow)
        assert!(cells.len() >= IssueArea::ALL.len() * Region::ALL.len());
        assert!(cells.len().is_multiple_of(Region::ALL.len()));
        let cell = |a, r| cells.iter().find(|c| c.area == a && c.region == r).expect("valid");
        assert_eq!(cell(OpenContracting, Europe).cover, Cover::Thin);
        assert_eq!(
            cell(OpenContracting, Europe).by_cost,
            vec![(CostBasis::ProBono, 1), (CostBasis::LowCost, 0), (CostBasis::Paid, 1)]
        );
        assert_eq!(cell(Justice, Americas).cover, Cover::Unmet);
        assert_eq!(cell(Justice, Europe).cover, Cover::Met);
        assert_eq!(cell(CivicSpace, Europe).cover, Cover::NoDemand);
        let gaps = unmet(&cells);
        assert_eq!(gaps.len(), 1);
        assert_eq!((gaps[0].area, gaps[0].region, gaps[0].demand), (Justice, Americas, 2));
    }
}
