//! What each case is about (`case_facets`): its scope's issue areas and regions once written,
//! else its request's. Kept with the case, so similar cases are found by a query over the cases
//! that share an area and a region, never by reading every case.

use super::{get, Case};
use crate::db::{Database, Db, Tx};
use crate::domain::taxonomy::{IssueArea, Region};
use crate::{db_run, tx_run};
use std::collections::HashMap;

/// The issue areas and regions a case is about.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    pub areas: Vec<IssueArea>,
    pub regions: Vec<Region>,
}

impl Facets {
    fn push(&mut self, facet: &str, value: &str) {
        match facet {
            "area" => self.areas.extend(IssueArea::from_key(value)),
            _ => self.regions.extend(Region::from_key(value)),
        }
    }
}

/// Writes what `case` is about, replacing what was there (in the caller's transaction).
pub(super) async fn index(tx: &mut Tx, case: &Case) -> Result<(), sqlx::Error> {
    let facets = match &case.scope {
        Some(s) => Facets { areas: s.scope.areas.clone(), regions: s.regions() },
        None => {
            let rows: Vec<(String, String)> = crate::fetch!(
                fetch_all,
                tx,
                "SELECT facet, value FROM roster_facets WHERE roster = 'requests' AND id = $1 \
                     AND facet IN ('area', 'region')",
                &case.request_id,
            )?;
            let mut f = Facets::default();
            for (facet, value) in &rows {
                f.push(facet, value);
            }
            f
        }
    };
    let values =
        facets.areas.iter().map(|a| ("area", a.key())).chain(facets.regions.iter().map(|r| ("region", r.key())));
    tx_run!(tx, |conn| {
        sqlx::query("DELETE FROM case_facets WHERE case_id = $1").bind(&case.id).execute(&mut *conn).await?;
        for (facet, value) in values {
            sqlx::query("INSERT INTO case_facets (case_id, facet, value) VALUES ($1, $2, $3)")
                .bind(&case.id)
                .bind(facet)
                .bind(value)
                .execute(&mut *conn)
                .await?;
        }
        sqlx::query("UPDATE cases SET facets_indexed = TRUE WHERE id = $1").bind(&case.id).execute(&mut *conn).await?;
        Ok::<_, sqlx::Error>(())
    })
}

/// Indexes the cases opened before their facets were kept (once, at start-up); returns how many.
pub async fn index_missing_facets(db: &Database) -> Result<usize, sqlx::Error> {
    let ids: Vec<String> = crate::scalar!(fetch_all, db.read(), "SELECT id FROM cases WHERE NOT facets_indexed",)?;
    let mut tx = db.write().begin().await?;
    for id in &ids {
        if let Some(case) = get(&mut tx, id).await? {
            index(&mut tx, &case).await?;
        }
    }
    tx.commit().await?;
    Ok(ids.len())
}

/// What the cases `ids` are about, by case id (every case when `ids` is `None`).
pub async fn facets(db: &Db, ids: Option<&[String]>) -> Result<HashMap<String, Facets>, sqlx::Error> {
    let sql = match ids {
        Some([]) => return Ok(HashMap::new()),
        Some(ids) => {
            let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
            format!("SELECT case_id, facet, value FROM case_facets WHERE case_id IN ({})", placeholders.join(", "))
        }
        None => "SELECT case_id, facet, value FROM case_facets".to_string(),
    };
    let rows: Vec<(String, String, String)> = db_run!(db, |pool| {
        let mut q = sqlx::query_as(&sql);
        for id in ids.unwrap_or_default() {
            q = q.bind(id);
        }
        q.fetch_all(pool).await
    })?;
    let mut out: HashMap<String, Facets> = HashMap::new();
    for (case_id, facet, value) in &rows {
        out.entry(case_id.clone()).or_default().push(facet, value);
    }
    for f in out.values_mut() {
        f.areas.sort();
        f.regions.sort();
    }
    Ok(out)
}

/// The cases that share an issue area and a region with case `id` (the candidates for its
/// similar cases), by a query over `case_facets`.
pub async fn sharing_area_and_region(db: &Db, id: &str) -> Result<Vec<String>, sqlx::Error> {
    crate::scalar!(
        fetch_all,
        db,
        "SELECT c.id FROM cases c WHERE c.id <> $1 \
             AND EXISTS (SELECT 1 FROM case_facets a JOIN case_facets mine \
                 ON mine.case_id = $1 AND mine.facet = a.facet AND mine.value = a.value \
                 WHERE a.case_id = c.id AND a.facet = 'area') \
             AND EXISTS (SELECT 1 FROM case_facets r JOIN case_facets mine \
                 ON mine.case_id = $1 AND mine.facet = r.facet AND mine.value = r.value \
                 WHERE r.case_id = c.id AND r.facet = 'region')",
        id,
    )
}
