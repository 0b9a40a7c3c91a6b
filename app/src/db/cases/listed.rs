//! Cases with the names they are shown with, caseloads, the request facets a case without a
//! scope is filtered by, and the providers a case is matched against.

use super::{case, Case, CaseRecord};
use crate::db::Db;
use crate::db_run;

/// A Case Manager's open cases.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, sqlx::FromRow)]
pub struct Caseload {
    pub case_manager_id: String,
    pub open_cases: i64,
}

/// Open cases per Case Manager (their current caseload).
pub async fn caseloads(db: &Db) -> Result<Vec<Caseload>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT case_manager_id, CAST(COUNT(*) AS BIGINT) AS open_cases FROM cases \
             WHERE case_manager_id IS NOT NULL AND stage <> 'closed' GROUP BY case_manager_id",
    )
}

/// A listed provider as a matching candidate, with its organisation's name.
#[derive(Clone, Debug)]
pub struct NamedCandidate {
    pub name: String,
    pub candidate: crate::domain::matching::Candidate,
}

/// Every listed provider as a matching candidate (from its current profile), with its name.
pub async fn candidates_named(db: &Db) -> Result<Vec<NamedCandidate>, sqlx::Error> {
    use crate::domain::matching::candidate_from_profile;
    let rows: Vec<(String, String, String, String, String)> = crate::fetch!(
        fetch_all,
        db,
        "SELECT p.organisation_id, o.name, o.kind, o.country, v.answers FROM provider_profiles p \
             JOIN organisations o ON o.id = p.organisation_id \
             JOIN provider_profile_versions v ON v.organisation_id = p.organisation_id AND v.version = p.current_version \
             WHERE p.listed = TRUE",
    )?;
    rows.into_iter()
        .map(|(id, name, kind, country, answers)| {
            let answers = crate::db::decode::stored("provider_profile_versions", "answers", &id).json(&answers)?;
            Ok(NamedCandidate { name, candidate: candidate_from_profile(&id, &kind, &country, &answers) })
        })
        .collect()
}

/// A case with the names it is shown with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub case: Case,
    /// The requesting government body.
    pub organisation: String,
    /// Its country (ISO code).
    pub country: String,
    /// The Case Manager's name.
    pub case_manager: Option<String>,
}

const LISTED_SQL: &str = "SELECT c.id, c.request_id, c.organisation_id, c.stage, c.held_from, c.hold_until_day, \
     c.outcome, c.case_manager_id, c.scope, c.scope_confirmed_at, c.scope_confirmed_by, c.next_step, c.next_step_due_day, c.version, \
     c.updated_at, o.name AS org_name, o.country AS org_country, u.name AS manager_name \
     FROM cases c JOIN organisations o ON o.id = c.organisation_id LEFT JOIN users u ON u.id = c.case_manager_id";

#[derive(sqlx::FromRow)]
struct ListedRecord {
    #[sqlx(flatten)]
    case: CaseRecord,
    org_name: String,
    org_country: String,
    manager_name: Option<String>,
}

fn listed(r: ListedRecord) -> Result<Listed, sqlx::Error> {
    Ok(Listed { case: case(r.case)?, organisation: r.org_name, country: r.org_country, case_manager: r.manager_name })
}

/// Every case with its names, most recently changed first (one query).
pub async fn all_listed(db: &Db) -> Result<Vec<Listed>, sqlx::Error> {
    let sql = format!("{LISTED_SQL} ORDER BY c.updated_at DESC, c.id");
    let rows: Vec<ListedRecord> = crate::fetch!(fetch_all, db, &sql)?;
    rows.into_iter().map(listed).collect()
}

/// The cases of one organisation with their names, newest first.
pub async fn of_organisation(db: &Db, organisation_id: &str) -> Result<Vec<Listed>, sqlx::Error> {
    let sql = format!("{LISTED_SQL} WHERE c.organisation_id = $1 ORDER BY c.updated_at DESC, c.id");
    let rows: Vec<ListedRecord> = crate::fetch!(fetch_all, db, &sql, organisation_id)?;
    rows.into_iter().map(listed).collect()
}

/// One case with its names.
pub async fn get_listed(conn: impl Into<crate::db::Conn<'_>>, id: &str) -> Result<Option<Listed>, sqlx::Error> {
    let sql = format!("{LISTED_SQL} WHERE c.id = $1");
    let row: Option<ListedRecord> = crate::fetch!(fetch_optional, Into::<crate::db::Conn<'_>>::into(conn), &sql, id)?;
    row.map(listed).transpose()
}

/// The cases `ids` with their names (in no particular order).
pub async fn listed_in(db: &Db, ids: &[String]) -> Result<Vec<Listed>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!("{LISTED_SQL} WHERE c.id IN ({})", placeholders.join(", "));
    let rows: Vec<ListedRecord> = db_run!(db, |pool| {
        let mut q = sqlx::query_as(&sql);
        for id in ids {
            q = q.bind(id);
        }
        q.fetch_all(pool).await
    })?;
    rows.into_iter().map(listed).collect()
}

/// The active Case Managers with their open caseload, by name.
pub async fn case_managers(db: &Db) -> Result<Vec<crate::model::CaseManagerLoad>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT u.id AS user_id, u.name, CAST(COUNT(c.id) AS BIGINT) AS open_cases FROM users u \
             LEFT JOIN cases c ON c.case_manager_id = u.id AND c.stage <> 'closed' \
             WHERE u.staff_role = 'case_manager' AND u.disabled_at IS NULL GROUP BY u.id, u.name ORDER BY u.name",
    )
}
