//! The rosters' search index (rebuilt from a profile or a request whenever it changes), roster
//! search with facets, the streamed export, drafts in progress, profile confirmation and
//! listing, and the yearly reminder's bookkeeping.

use super::{escape_like, now_ms, Db, Tx};
use crate::domain::roster::{provider_entry, request_entry, Facet, IndexEntry, Roster, RosterQuery, Sort, PAGE_SIZE};
use crate::domain::survey::Answers;
use crate::domain::taxonomy::OrgKind;
use crate::{db_run, tx_run};

/// Where an entry is seen: in the staff's roster (`listed`), and in the public directory too.
#[derive(Clone, Copy, Debug)]
struct Visibility {
    listed: bool,
    public: bool,
}

/// Writes an entry and its facet values, replacing what was indexed before.
async fn write_entry(
    tx: &mut Tx,
    roster: Roster,
    id: &str,
    organisation_id: &str,
    entry: &IndexEntry,
    standing: Visibility,
    updated_at: i64,
) -> Result<(), sqlx::Error> {
    let Visibility { listed, public } = standing;
    let mut facet_sql = String::from("INSERT INTO roster_facets (roster, id, facet, value) VALUES ");
    for i in 0..entry.facets.len() {
        if i > 0 {
            facet_sql.push_str(", ");
        }
        facet_sql.push_str(&format!("($1, $2, ${}, ${})", 3 + 2 * i, 4 + 2 * i));
    }
    tx_run!(tx, |conn| {
        sqlx::query("DELETE FROM roster_facets WHERE roster = $1 AND id = $2")
            .bind(roster.key())
            .bind(id)
            .execute(&mut *conn)
            .await?;
        sqlx::query(
            "INSERT INTO roster_entries (roster, id, organisation_id, name, sort_name, search_text, summary, kind, country, listed, updated_at, public) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) \
             ON CONFLICT (roster, id) DO UPDATE SET organisation_id = $3, name = $4, sort_name = $5, search_text = $6, \
             summary = $7, kind = $8, country = $9, listed = $10, updated_at = $11, public = $12",
        )
        .bind(roster.key())
        .bind(id)
        .bind(organisation_id)
        .bind(&entry.name)
        .bind(&entry.sort_name)
        .bind(&entry.search_text)
        .bind(&entry.summary)
        .bind(&entry.kind)
        .bind(&entry.country)
        .bind(listed)
        .bind(updated_at)
        .bind(public)
        .execute(&mut *conn)
        .await?;
        if !entry.facets.is_empty() {
            let mut q = sqlx::query(&facet_sql).bind(roster.key()).bind(id);
            for (facet, value) in &entry.facets {
                q = q.bind(facet.key()).bind(value);
            }
            q.execute(&mut *conn).await?;
        }
        Ok::<(), sqlx::Error>(())
    })
}

/// Re-indexes an organisation's provider profile (after a submission or a listing change).
pub async fn index_provider(tx: &mut Tx, organisation_id: &str) -> Result<(), sqlx::Error> {
    let row: Option<(String, String, String, String, bool, i64)> = crate::fetch!(
        fetch_optional,
        tx,
        "SELECT o.name, o.kind, o.country, v.answers, p.listed, p.updated_at FROM provider_profiles p \
             JOIN organisations o ON o.id = p.organisation_id \
             JOIN provider_profile_versions v ON v.organisation_id = p.organisation_id AND v.version = p.current_version \
             WHERE p.organisation_id = $1",
        organisation_id,
    )?;
    let Some((name, kind, country, answers, listed, updated_at)) = row else { return Ok(()) };
    let answers: Answers =
        super::decode::stored("provider_profile_versions", "answers", organisation_id).json(&answers)?;
    let entry = provider_entry(&name, &kind, &country, &answers);
    // the public directory: listed, and the current profile consents to it
    let public = listed && crate::domain::open_data::in_directory(&answers);
    let standing = Visibility { listed, public };
    write_entry(tx, Roster::Providers, organisation_id, organisation_id, &entry, standing, updated_at).await
}

/// Indexes a request (after it is submitted or changes).
pub async fn index_request(tx: &mut Tx, request_id: &str) -> Result<(), sqlx::Error> {
    let row: Option<(String, String, String, i64)> = crate::fetch!(
        fetch_optional,
        tx,
        "SELECT r.organisation_id, o.name, r.answers, r.updated_at FROM requests r \
             JOIN organisations o ON o.id = r.organisation_id WHERE r.id = $1",
        request_id,
    )?;
    let Some((organisation_id, name, answers, updated_at)) = row else { return Ok(()) };
    let answers: Answers = super::decode::stored("requests", "answers", request_id).json(&answers)?;
    let entry = request_entry(&name, &answers);
    let standing = Visibility { listed: true, public: false };
    write_entry(tx, Roster::Requests, request_id, &organisation_id, &entry, standing, updated_at).await
}

/// Who a roster is read for: the staff see every listed entry; the public directory only the
/// providers who consented to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    Staff,
    Public,
}

/// The `WHERE` clause of a roster query and its bound values (`$1` is the roster).
fn filter_sql(roster: Roster, query: &RosterQuery, audience: Audience) -> (String, Vec<String>) {
    let mut binds = vec![roster.key().to_string()];
    let mut sql = String::from(match audience {
        Audience::Staff => "e.roster = $1 AND e.listed = TRUE",
        Audience::Public => "e.roster = $1 AND e.listed = TRUE AND e.public = TRUE",
    });
    for (facet, values) in &query.filters {
        binds.push(facet.key().to_string());
        let facet_param = binds.len();
        let mut placeholders = Vec::with_capacity(values.len());
        for value in values {
            binds.push(value.clone());
            placeholders.push(format!("${}", binds.len()));
        }
        sql.push_str(&format!(
            " AND e.id IN (SELECT f.id FROM roster_facets f WHERE f.roster = $1 AND f.facet = ${facet_param} AND f.value IN ({}))",
            placeholders.join(", ")
        ));
    }
    for word in query.search_words() {
        binds.push(format!("%{}%", escape_like(&word)));
        sql.push_str(&format!(" AND e.search_text LIKE ${} ESCAPE '\\'", binds.len()));
    }
    (sql, binds)
}

fn order_sql(sort: Sort) -> &'static str {
    match sort {
        Sort::Name => "e.sort_name, e.id",
        Sort::Updated => "e.updated_at DESC, e.id",
        Sort::Country => "e.country, e.sort_name, e.id",
    }
}

/// One listed entry as the roster shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listed {
    pub id: String,
    pub organisation_id: String,
    pub name: String,
    pub kind: crate::domain::taxonomy::OrgKind,
    pub country: String,
    pub summary: String,
    pub updated_at: i64,
    /// Issue areas and languages (for the list's tags).
    pub facets: Vec<(Facet, String)>,
}

type ListedRow = (String, String, String, String, String, String, i64, i64);

/// One page of a roster, and how many entries match in all.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub rows: Vec<Listed>,
    pub total: i64,
}

/// One page of a roster and how many entries match in all.
pub async fn search(db: &Db, roster: Roster, query: &RosterQuery, audience: Audience) -> Result<Found, sqlx::Error> {
    let (filter, binds) = filter_sql(roster, query, audience);
    let offset = i64::from(query.page.saturating_sub(1)) * i64::from(PAGE_SIZE);
    let sql = format!(
        "SELECT e.id, e.organisation_id, e.name, e.kind, e.country, e.summary, e.updated_at, COUNT(*) OVER () \
         FROM roster_entries e WHERE {filter} ORDER BY {} LIMIT {PAGE_SIZE} OFFSET {offset}",
        order_sql(query.sort)
    );
    let rows: Vec<ListedRow> = db_run!(db, |pool| {
        let mut q = sqlx::query_as(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        q.fetch_all(pool).await
    })?;
    let total = match rows.first() {
        Some(r) => r.7,
        None if query.page > 1 => {
            // past the end: say how many there are, so the page can point back
            let count_sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM roster_entries e WHERE {filter}");
            db_run!(db, |pool| {
                let mut q = sqlx::query_scalar(&count_sql);
                for b in &binds {
                    q = q.bind(b);
                }
                q.fetch_one(pool).await
            })?
        }
        None => 0,
    };
    let mut listed: Vec<Listed> = rows
        .into_iter()
        .map(|(id, organisation_id, name, kind, country, summary, updated_at, _)| {
            let kind = super::decode::stored("roster_entries", "kind", &id).key(&kind, OrgKind::from_key)?;
            Ok(Listed { id, organisation_id, name, kind, country, summary, updated_at, facets: Vec::new() })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    if !listed.is_empty() {
        let placeholders: Vec<String> = (0..listed.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "SELECT id, facet, value FROM roster_facets WHERE roster = $1 AND facet IN ('area', 'language') \
             AND id IN ({}) ORDER BY facet, value",
            placeholders.join(", ")
        );
        let facets: Vec<(String, String, String)> = db_run!(db, |pool| {
            let mut q = sqlx::query_as(&sql).bind(roster.key());
            for entry in &listed {
                q = q.bind(&entry.id);
            }
            q.fetch_all(pool).await
        })?;
        for (id, facet, value) in facets {
            if let (Some(entry), Some(facet)) = (listed.iter_mut().find(|e| e.id == id), Facet::from_key(&facet)) {
                entry.facets.push((facet, value));
            }
        }
    }
    Ok(Found { rows: listed, total })
}

/// One entry of an export: the index row and the full answers behind it.
#[derive(Clone, Debug)]
pub struct Exported {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub country: String,
    pub updated_at: i64,
    pub answers: Answers,
}

/// Streams every entry matching `query` (all pages, in its order) into `out`, one row at a
/// time: the database cursor is read as the receiver takes rows, so memory stays flat however
/// long the roster. Stops early, without error, when the receiver is gone.
pub async fn export(
    db: &Db,
    roster: Roster,
    query: &RosterQuery,
    audience: Audience,
    out: tokio::sync::mpsc::Sender<Exported>,
) -> Result<(), sqlx::Error> {
    use futures_util::TryStreamExt;
    let (filter, binds) = filter_sql(roster, query, audience);
    let source = match roster {
        Roster::Providers => {
            "JOIN provider_profiles p ON p.organisation_id = e.id \
             JOIN provider_profile_versions v ON v.organisation_id = p.organisation_id AND v.version = p.current_version"
        }
        Roster::Requests => "JOIN requests v ON v.id = e.id",
    };
    let sql = format!(
        "SELECT e.id, e.name, e.kind, e.country, e.updated_at, v.answers FROM roster_entries e {source} \
         WHERE {filter} ORDER BY {}",
        order_sql(query.sort)
    );
    db_run!(db, |pool| {
        let mut q = sqlx::query_as::<_, (String, String, String, String, i64, String)>(&sql);
        for b in &binds {
            q = q.bind(b);
        }
        let mut rows = q.fetch(pool);
        while let Some((id, name, kind, country, updated_at, answers)) = rows.try_next().await? {
            let table = match roster {
                Roster::Providers => "provider_profile_versions",
                Roster::Requests => "requests",
            };
            let answers = super::decode::stored(table, "answers", &id).json(&answers)?;
            if out.send(Exported { id, name, kind, country, updated_at, answers }).await.is_err() {
                break;
            }
        }
        Ok(())
    })
}

/// Drafts with at least one saved answer and not submitted, per survey.
pub async fn drafts_in_progress(db: &Db) -> Result<crate::model::DraftsInProgress, sqlx::Error> {
    let rows: Vec<(String, i64)> = crate::fetch!(
        fetch_all,
        db,
        "SELECT kind, CAST(COUNT(*) AS BIGINT) FROM survey_drafts WHERE submitted_at IS NULL AND seq > 0 GROUP BY kind",
    )?;
    let count = |k: &str| rows.iter().find(|(kind, _)| kind == k).map_or(0, |(_, n)| *n);
    Ok(crate::model::DraftsInProgress { supply: count("supply"), demand: count("demand") })
}

/// Where a provider profile stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Standing {
    pub current_version: i64,
    pub listed: bool,
    pub confirmed_at: i64,
    pub reminded_at: Option<i64>,
}

/// A profile's standing.
pub async fn profile_standing(db: &Db, organisation_id: &str) -> Result<Option<Standing>, sqlx::Error> {
    crate::fetch!(
        fetch_optional,
        db,
        "SELECT CAST(current_version AS BIGINT) AS current_version, listed, confirmed_at, reminded_at FROM provider_profiles \
             WHERE organisation_id = $1",
        organisation_id,
    )
}

/// Records that a profile is still accurate; `false` if there is no profile.
pub async fn confirm_profile(tx: &mut Tx, organisation_id: &str) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let n = crate::execute!(
        tx,
        "UPDATE provider_profiles SET confirmed_at = $1, updated_at = $1 WHERE organisation_id = $2",
        now,
        organisation_id,
    )?;
    Ok(n == 1)
}

/// Lists or withdraws a profile from the roster and re-indexes it; `false` if there is none.
pub async fn set_listed(tx: &mut Tx, organisation_id: &str, listed: bool) -> Result<bool, sqlx::Error> {
    let now = now_ms();
    let n = crate::execute!(
        tx,
        "UPDATE provider_profiles SET listed = $1, updated_at = $2 WHERE organisation_id = $3",
        listed,
        now,
        organisation_id,
    )?;
    if n == 1 {
        index_provider(tx, organisation_id).await?;
    }
    Ok(n == 1)
}

/// A provider whose profile is due a "still accurate?" reminder.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Due {
    pub organisation_id: String,
    pub name: String,
}

/// Profiles not confirmed since `cutoff` and not reminded since.
pub async fn reminders_due(db: &Db, cutoff: i64, limit: i64) -> Result<Vec<Due>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT p.organisation_id, o.name FROM provider_profiles p JOIN organisations o ON o.id = p.organisation_id \
             WHERE p.confirmed_at <= $1 AND (p.reminded_at IS NULL OR p.reminded_at < p.confirmed_at) \
             ORDER BY p.confirmed_at LIMIT $2",
        cutoff,
        limit,
    )
}

/// Marks a profile reminded; `false` if another worker did it first.
pub async fn mark_reminded(tx: &mut Tx, organisation_id: &str, now: i64) -> Result<bool, sqlx::Error> {
    let n = crate::execute!(
        tx,
        "UPDATE provider_profiles SET reminded_at = $1 WHERE organisation_id = $2 \
             AND (reminded_at IS NULL OR reminded_at < confirmed_at)",
        now,
        organisation_id,
    )?;
    Ok(n == 1)
}

/// A person who receives an organisation's mail.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct MailRecipient {
    pub name: String,
    pub email: String,
    /// Their language's code.
    pub locale: String,
}

/// The active members of an organisation who receive its mail.
pub async fn mail_recipients(db: &Db, organisation_id: &str) -> Result<Vec<MailRecipient>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        db,
        "SELECT u.name, u.email, u.locale FROM memberships m JOIN users u ON u.id = m.user_id \
             WHERE m.organisation_id = $1 AND u.disabled_at IS NULL ORDER BY m.is_owner DESC, u.name",
        organisation_id,
    )
}

/// A request by id.
pub async fn request(db: &Db, id: &str) -> Result<Option<super::surveys::Request>, sqlx::Error> {
    use super::surveys::REQUEST_COLUMNS;
    let sql =
        format!("SELECT {REQUEST_COLUMNS} FROM requests r LEFT JOIN cases c ON c.request_id = r.id WHERE r.id = $1");
    let row = crate::fetch!(fetch_optional, db, &sql, id)?;
    row.map(super::surveys::request_of).transpose()
}

/// Indexes every profile and request the index does not hold yet (data from before the index
/// existed, or loaded by the demo seed); returns how many were added.
pub async fn index_missing(db: &super::Database) -> Result<usize, sqlx::Error> {
    let providers: Vec<String> = crate::scalar!(
        fetch_all,
        db.read(),
        "SELECT p.organisation_id FROM provider_profiles p WHERE NOT EXISTS \
             (SELECT 1 FROM roster_entries e WHERE e.roster = 'providers' AND e.id = p.organisation_id)",
    )?;
    let requests: Vec<String> = crate::scalar!(
        fetch_all,
        db.read(),
        "SELECT r.id FROM requests r WHERE NOT EXISTS \
             (SELECT 1 FROM roster_entries e WHERE e.roster = 'requests' AND e.id = r.id)",
    )?;
    let mut tx = db.write().begin().await?;
    for id in &providers {
        index_provider(&mut tx, id).await?;
    }
    for id in &requests {
        index_request(&mut tx, id).await?;
    }
    tx.commit().await?;
    Ok(providers.len() + requests.len())
}
