//! What oversight reads: for every case whose request arrived in a range (and is about an
//! issue area, in a region, when asked), its stage, outcome, Case Manager, the stages it
//! entered, its first introduction, the providers' answers and the follow-up ratings (four
//! queries, whatever the number of cases); and the rosters' counts for the gap map.

use crate::db::Db;
use crate::domain::case::{CaseStage, Outcome};
use crate::domain::oversight::gaps::PairCount;
use crate::domain::oversight::{Answer, CaseRecord, OversightQuery, PartyAnswer, Rating, FUNNEL};
use crate::domain::taxonomy::{CostBasis, IssueArea, Region};
use std::collections::HashMap;

/// The cases of a range with what oversight knows of them, and their Case Managers' names.
#[derive(Clone, Debug, Default)]
pub struct RangeFacts {
    pub cases: Vec<CaseRecord>,
    pub answers: Vec<PartyAnswer>,
    pub ratings: Vec<Rating>,
    /// Case Managers' names by user id.
    pub managers: HashMap<String, String>,
}

/// The cases in the range and filters: `$1`..`$4` are the range's start and end (ms) and the
/// area and region keys (empty: any).
const IN_RANGE: &str = "c.created_at >= $1 AND c.created_at < $2 \
    AND ($3 = '' OR EXISTS (SELECT 1 FROM case_facets f WHERE f.case_id = c.id AND f.facet = 'area' AND f.value = $3)) \
    AND ($4 = '' OR EXISTS (SELECT 1 FROM case_facets f WHERE f.case_id = c.id AND f.facet = 'region' AND f.value = $4))";

#[derive(sqlx::FromRow)]
struct CaseRow {
    id: String,
    stage: String,
    outcome: Option<String>,
    case_manager_id: Option<String>,
    manager_name: Option<String>,
    created_at: i64,
}

/// A case's furthest working stage (its index in the funnel, -1 for none) and when it first
/// became Active.
#[derive(sqlx::FromRow)]
struct Entered {
    case_id: String,
    furthest: i64,
    agreed_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    case_id: String,
    status: String,
    sent_at: i64,
    answer: Option<String>,
    answered_at: Option<i64>,
}

/// Everything the figures of `q` are computed from.
pub async fn range_facts(db: &Db, q: &OversightQuery) -> Result<RangeFacts, sqlx::Error> {
    let (start, end) = q.instants();
    let area = q.area.map(|a| a.key()).unwrap_or("");
    let region = q.region.map(|r| r.key()).unwrap_or("");
    let sql = format!(
        "SELECT c.id, c.stage, c.outcome, c.case_manager_id, u.name AS manager_name, c.created_at FROM cases c \
             LEFT JOIN users u ON u.id = c.case_manager_id WHERE {IN_RANGE} ORDER BY c.created_at, c.id"
    );
    let rows: Vec<CaseRow> = crate::fetch!(fetch_all, db, &sql, start, end, area, region)?;
    let mut out = RangeFacts::default();
    let mut index: HashMap<String, usize> = HashMap::with_capacity(rows.len());
    for r in rows {
        if let (Some(id), Some(name)) = (&r.case_manager_id, r.manager_name) {
            out.managers.insert(id.clone(), name);
        }
        index.insert(r.id.clone(), out.cases.len());
        out.cases.push(CaseRecord {
            id: r.id,
            stage: CaseStage::from_key(&r.stage),
            outcome: r.outcome.as_deref().and_then(Outcome::from_key),
            manager: r.case_manager_id,
            opened_at: r.created_at,
            ..Default::default()
        });
    }
    // one row per case: the furthest working stage its timeline entered, and when it first
    // became Active (a case's stages, not every move, are all the figures need)
    let rank: String = crate::domain::oversight::FUNNEL
        .iter()
        .enumerate()
        .map(|(i, s)| format!(" WHEN '{}' THEN {i}", s.key()))
        .collect();
    let sql = format!(
        "SELECT e.case_id, CAST(MAX(CASE e.to_stage{rank} ELSE -1 END) AS BIGINT) AS furthest, \
             CAST(MIN(CASE WHEN e.to_stage = 'active' THEN e.at END) AS BIGINT) AS agreed_at FROM case_events e \
             JOIN cases c ON c.id = e.case_id WHERE e.to_stage IS NOT NULL AND {IN_RANGE} GROUP BY e.case_id"
    );
    let entered: Vec<Entered> = crate::fetch!(fetch_all, db, &sql, start, end, area, region)?;
    for e in entered {
        let Some(&i) = index.get(&e.case_id) else { continue };
        let case = &mut out.cases[i];
        if let Some(stage) = usize::try_from(e.furthest).ok().and_then(|f| FUNNEL.get(f)) {
            case.entered.push(*stage);
        }
        case.agreed_at = e.agreed_at;
    }
    let sql = format!(
        "SELECT i.case_id, i.status, i.sent_at, p.answer, p.answered_at FROM introduction_parties p \
             JOIN introductions i ON i.id = p.introduction_id JOIN cases c ON c.id = i.case_id \
             WHERE i.sent_at IS NOT NULL AND {IN_RANGE}"
    );
    let answers: Vec<AnswerRow> = crate::fetch!(fetch_all, db, &sql, start, end, area, region)?;
    for a in answers {
        if let Some(&i) = index.get(&a.case_id) {
            let first = &mut out.cases[i].first_introduction_at;
            *first = Some(first.map_or(a.sent_at, |f| f.min(a.sent_at)));
        }
        let answer = match (a.answer.as_deref(), a.status.as_str()) {
            (Some("accepted"), _) => Answer::Accepted,
            (Some(_), _) => Answer::Declined,
            (None, "lapsed") => Answer::Lapsed,
            (None, _) => Answer::Waiting,
        };
        let took = a.answered_at.map(|at| (at - a.sent_at).max(0));
        out.answers.push(PartyAnswer { case_id: a.case_id, answer, took });
    }
    let sql = format!(
        "SELECT f.case_id, f.rating FROM follow_ups f JOIN cases c ON c.id = f.case_id \
             WHERE f.rating IS NOT NULL AND {IN_RANGE}"
    );
    let ratings: Vec<(String, i64)> = crate::fetch!(fetch_all, db, &sql, start, end, area, region)?;
    out.ratings = ratings.into_iter().map(|(case_id, rating)| Rating { case_id, rating }).collect();
    Ok(out)
}

#[derive(sqlx::FromRow)]
struct FacetPair {
    area: String,
    region: String,
    cost: Option<String>,
    n: i64,
}

fn pairs(rows: Vec<FacetPair>) -> Vec<PairCount> {
    rows.into_iter()
        .filter_map(|r| {
            Some(PairCount {
                area: IssueArea::from_key(&r.area)?,
                region: Region::from_key(&r.region)?,
                cost: match r.cost {
                    Some(c) => Some(CostBasis::from_key(&c)?),
                    None => None,
                },
                n: r.n,
            })
        })
        .collect()
}

/// The gap map's counts: listed requests per area and region; listed providers per area and
/// region, and per cost basis too (three grouped queries over the rosters' facets).
pub async fn gap_counts(db: &Db) -> Result<(Vec<PairCount>, Vec<PairCount>, Vec<PairCount>), sqlx::Error> {
    const PAIR: &str = "FROM roster_entries e \
        JOIN roster_facets a ON a.roster = e.roster AND a.id = e.id AND a.facet = 'area' \
        JOIN roster_facets r ON r.roster = e.roster AND r.id = e.id AND r.facet = 'region'";
    let demand = format!(
        "SELECT a.value AS area, r.value AS region, CAST(NULL AS TEXT) AS cost, CAST(COUNT(*) AS BIGINT) AS n {PAIR} \
             WHERE e.roster = 'requests' AND e.listed = TRUE GROUP BY a.value, r.value"
    );
    let supply = format!(
        "SELECT a.value AS area, r.value AS region, CAST(NULL AS TEXT) AS cost, CAST(COUNT(*) AS BIGINT) AS n {PAIR} \
             WHERE e.roster = 'providers' AND e.listed = TRUE GROUP BY a.value, r.value"
    );
    let by_cost = format!(
        "SELECT a.value AS area, r.value AS region, k.value AS cost, CAST(COUNT(*) AS BIGINT) AS n {PAIR} \
             JOIN roster_facets k ON k.roster = e.roster AND k.id = e.id AND k.facet = 'cost' \
             WHERE e.roster = 'providers' AND e.listed = TRUE GROUP BY a.value, r.value, k.value"
    );
    let demand: Vec<FacetPair> = crate::fetch!(fetch_all, db, &demand)?;
    let supply: Vec<FacetPair> = crate::fetch!(fetch_all, db, &supply)?;
    let by_cost: Vec<FacetPair> = crate::fetch!(fetch_all, db, &by_cost)?;
    Ok((pairs(demand), pairs(supply), pairs(by_cost)))
}
