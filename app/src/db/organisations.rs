//! Organisations: the bodies people act for (governments, NGOs, firms, multilaterals,
//! academic institutions). Accounts and memberships attach to them in a later migration.

use super::{new_id, now_ms, Database, Db, Tx};
use crate::domain::taxonomy::OrgKind;
use crate::domain::text::{clean_name, name_key};
use crate::model::NetworkSummary;
use crate::{db_run, tx_run};

/// What is needed to list a new organisation.
#[derive(Clone, Debug)]
pub struct NewOrganisation {
    pub name: String,
    pub kind: OrgKind,
    /// ISO alpha-2 code (validated by the caller through `CountryCode`).
    pub country: String,
    pub website: Option<String>,
    pub description: String,
    pub verified: bool,
}

/// Inserts one organisation in the caller's transaction and returns its id. The name is stored
/// cleaned (`domain::text::clean_name`); a name whose normalised key another organisation of
/// the country already has is a unique violation.
pub async fn insert(tx: &mut Tx, org: &NewOrganisation) -> Result<String, sqlx::Error> {
    let id = new_id();
    let now = now_ms();
    let name = clean_name(&org.name);
    let key = name_key(&name);
    crate::execute!(
        tx,
        "INSERT INTO organisations \
             (id, name, name_key, kind, country, website, description, verified, created_at, updated_at) \
             VALUES ($1, $2, $9, $3, $4, $5, $6, $7, $8, $8)",
        &id,
        &name,
        org.kind.key(),
        &org.country,
        &org.website,
        &org.description,
        org.verified,
        now,
        &key,
    )
    .map(|_| ())?;
    Ok(id)
}

/// Number of organisations listed.
pub async fn count(db: &Db) -> Result<i64, sqlx::Error> {
    db_run!(db, |pool| {
        sqlx::query_scalar::<_, i64>("SELECT CAST(COUNT(*) AS BIGINT) FROM organisations").fetch_one(pool).await
    })
}

/// Public figures for the landing page, in two queries.
pub async fn summary(db: &Db) -> Result<NetworkSummary, sqlx::Error> {
    let (totals, kinds) = db_run!(db, |pool| {
        let totals: (i64, i64, i64) = sqlx::query_as(
            "SELECT CAST(COUNT(*) AS BIGINT), CAST(COUNT(DISTINCT country) AS BIGINT), \
             CAST(COALESCE(SUM(CASE WHEN verified THEN 1 ELSE 0 END), 0) AS BIGINT) FROM organisations",
        )
        .fetch_one(pool)
        .await?;
        let kinds: Vec<(String, i64)> =
            sqlx::query_as("SELECT kind, CAST(COUNT(*) AS BIGINT) FROM organisations GROUP BY kind")
                .fetch_all(pool)
                .await?;
        Ok::<_, sqlx::Error>((totals, kinds))
    })?;
    let by_kind = OrgKind::ALL
        .iter()
        .map(|k| crate::model::KindCount {
            kind: *k,
            organisations: kinds.iter().find(|(key, _)| key == k.key()).map_or(0, |(_, n)| *n),
        })
        .collect();
    Ok(NetworkSummary { organisations: totals.0, countries: totals.1, verified: totals.2, by_kind })
}

/// The id of the organisation with exactly this name (demo data and tests).
pub async fn id_by_name(tx: &mut Tx, name: &str) -> Result<Option<String>, sqlx::Error> {
    crate::scalar!(fetch_optional, tx, "SELECT id FROM organisations WHERE name = $1", name)
}

/// One organisation, as stored.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Organisation {
    pub id: String,
    pub name: String,
    pub kind: OrgKind,
    /// ISO alpha-2 code.
    pub country: String,
    pub website: Option<String>,
    pub description: String,
    pub verified: bool,
}

/// The organisation with this id.
pub async fn get(db: &Db, id: &str) -> Result<Option<Organisation>, sqlx::Error> {
    type Row = (String, String, String, String, Option<String>, String, bool);
    let row: Option<Row> = crate::fetch!(
        fetch_optional,
        db,
        "SELECT id, name, kind, country, website, description, verified FROM organisations WHERE id = $1",
        id,
    )?;
    row.map(|(id, name, kind, country, website, description, verified)| {
        let kind = super::decode::stored("organisations", "kind", &id).key(&kind, OrgKind::from_key)?;
        Ok(Organisation { id, name, kind, country, website, description, verified })
    })
    .transpose()
}

/// The people of an organisation, owners first.
pub async fn members(db: &Db, id: &str) -> Result<Vec<crate::model::MemberView>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT u.id AS user_id, u.name, u.email, m.is_owner FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.organisation_id = $1 ORDER BY m.is_owner DESC, u.name",
        id,
    )
}

/// The organisations of a user.
pub async fn of_user(db: &Db, user_id: &str) -> Result<Vec<crate::model::MyOrganisation>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT o.id, o.name, m.is_owner FROM memberships m JOIN organisations o ON o.id = m.organisation_id \
             WHERE m.user_id = $1 ORDER BY o.name",
        user_id,
    )
}

/// Organisations whose name contains `q` (case-insensitive), by name.
pub async fn search(db: &Db, q: &str, limit: i64) -> Result<Vec<crate::model::AdminOrgRow>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct Row {
        id: String,
        name: String,
        kind: String,
        country: String,
        verified: bool,
    }
    let pattern = format!("%{}%", super::escape_like(&q.to_lowercase()));
    let rows: Vec<Row> = crate::fetch!(
        fetch_all,
        db,
        "SELECT id, name, kind, country, verified FROM organisations WHERE lower(name) LIKE $1 ESCAPE '\\' \
             ORDER BY name LIMIT $2",
        &pattern,
        limit,
    )?;
    rows.into_iter()
        .map(|r| {
            let kind = super::decode::stored("organisations", "kind", &r.id).key(&r.kind, OrgKind::from_key)?;
            Ok(crate::model::AdminOrgRow { id: r.id, name: r.name, kind, country: r.country, verified: r.verified })
        })
        .collect()
}

/// Marks an organisation verified or not; returns whether it exists.
pub async fn set_verified(tx: &mut Tx, id: &str, verified: bool) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    tx_run!(tx, |conn| {
        sqlx::query("UPDATE organisations SET verified = $2, updated_at = $3 WHERE id = $1")
            .bind(id)
            .bind(verified)
            .bind(now)
            .execute(conn)
            .await
            .map(|r| r.rows_affected() > 0)
    })
}

/// Recomputes the name keys of organisations written before keys were computed in Rust (the
/// migration could only lower-case them). Two earlier names that now share a key keep their
/// old keys, and the clash is logged for an admin to resolve.
pub async fn refresh_name_keys(database: &Database) -> Result<usize, sqlx::Error> {
    let rows: Vec<(String, String, Option<String>)> =
        crate::fetch!(fetch_all, database.read(), "SELECT id, name, name_key FROM organisations")?;
    let mut refreshed = 0;
    for (id, name, key) in rows {
        let fresh = name_key(&name);
        if key.as_deref() == Some(fresh.as_str()) {
            continue;
        }
        let updated =
            crate::execute!(database.write(), "UPDATE organisations SET name_key = $2 WHERE id = $1", &id, &fresh,);
        match updated {
            Ok(_) => refreshed += 1,
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                tracing::warn!(organisation = %id, "two organisations share a normalised name; left as they were");
            }
            Err(e) => return Err(e),
        }
    }
    Ok(refreshed)
}
