//! What the case board reads beside the cases themselves, each for every case in one query:
//! when each entered its stage, the introductions it waits for, where its selection and
//! agreement stand, and the viewer's unread messages; and the staff's saved views.

use crate::db::threads::TAKES_PART;
use crate::db::{new_id, Db, Tx};
use crate::domain::board::WaitFacts;
use crate::model::SavedView;
use std::collections::HashMap;

/// Per case, what the board shows beside the case itself.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CardFacts {
    /// When the case entered its current stage (ms since 1970, UTC).
    pub stage_since: Option<i64>,
    pub wait: WaitFacts,
    /// Messages in its threads the viewer has not read.
    pub unread: i64,
}

#[derive(sqlx::FromRow)]
struct CaseCount {
    case_id: String,
    n: i64,
}

#[derive(sqlx::FromRow)]
struct AgreementRow {
    case_id: String,
    government: i64,
    providers: i64,
}

/// The board's facts for every case, for `viewer` (whose unread messages are counted).
pub async fn card_facts(db: &Db, viewer: &str) -> Result<HashMap<String, CardFacts>, sqlx::Error> {
    let mut out: HashMap<String, CardFacts> = HashMap::new();
    let since: Vec<CaseCount> = crate::fetch!(
        fetch_all,
        db,
        "SELECT case_id, CAST(MAX(at) AS BIGINT) AS n FROM case_events WHERE to_stage IS NOT NULL GROUP BY case_id",
    )?;
    for r in since {
        out.entry(r.case_id).or_default().stage_since = Some(r.n);
    }
    let waiting: Vec<CaseCount> = crate::fetch!(
        fetch_all,
        db,
        "SELECT case_id, CAST(COUNT(*) AS BIGINT) AS n FROM introductions \
             WHERE status IN ('awaiting_approval', 'waiting') GROUP BY case_id",
    )?;
    for r in waiting {
        out.entry(r.case_id).or_default().wait.introductions_waiting = r.n;
    }
    let selected: Vec<CaseCount> = crate::fetch!(
        fetch_all,
        db,
        "SELECT case_id, CAST(COUNT(*) AS BIGINT) AS n FROM case_selections GROUP BY case_id",
    )?;
    for r in selected {
        out.entry(r.case_id).or_default().wait.selected = r.n;
    }
    // the current version of each agreement, and who accepted it
    let agreements: Vec<AgreementRow> = crate::fetch!(
        fetch_all,
        db,
        "SELECT v.case_id, \
             CAST((SELECT COUNT(*) FROM agreement_acceptances a WHERE a.case_id = v.case_id \
                 AND a.version = v.version AND a.party_kind = 'government') AS BIGINT) AS government, \
             CAST((SELECT COUNT(*) FROM agreement_acceptances a WHERE a.case_id = v.case_id \
                 AND a.version = v.version AND a.party_kind = 'provider') AS BIGINT) AS providers \
         FROM agreement_versions v \
         WHERE v.version = (SELECT MAX(w.version) FROM agreement_versions w WHERE w.case_id = v.case_id)",
    )?;
    for r in agreements {
        let wait = &mut out.entry(r.case_id).or_default().wait;
        wait.agreement_written = true;
        wait.government_accepted = r.government > 0;
        wait.providers_accepted = r.providers;
    }
    let unread_sql = format!(
        "SELECT t.case_id, CAST(SUM(t.last_seq - COALESCE(r.last_seq, 0)) AS BIGINT) AS n FROM threads t \
             JOIN cases c ON c.id = t.case_id LEFT JOIN thread_reads r ON r.thread_id = t.id AND r.user_id = $1 \
             WHERE t.last_seq > COALESCE(r.last_seq, 0) AND {TAKES_PART} GROUP BY t.case_id"
    );
    let unread: Vec<CaseCount> = crate::fetch!(fetch_all, db, &unread_sql, viewer)?;
    for r in unread {
        out.entry(r.case_id).or_default().unread = r.n;
    }
    Ok(out)
}

/// `user`'s saved views, by name.
pub async fn views(db: &Db, user: &str) -> Result<Vec<SavedView>, sqlx::Error> {
    crate::fetch!(fetch_all, db, "SELECT id, name, query FROM board_views WHERE user_id = $1 ORDER BY name, id", user)
}

/// How many views `user` keeps (read in the transaction that adds one).
pub async fn view_count(tx: &mut Tx, user: &str) -> Result<i64, sqlx::Error> {
    crate::scalar!(fetch_one, tx, "SELECT CAST(COUNT(*) AS BIGINT) FROM board_views WHERE user_id = $1", user)
}

/// Saves `query` as `user`'s view `name` (a view of that name is replaced); returns its id.
pub async fn save_view(tx: &mut Tx, user: &str, name: &str, query: &str, at: i64) -> Result<String, sqlx::Error> {
    crate::scalar!(
        fetch_one,
        tx,
        "INSERT INTO board_views (id, user_id, name, query, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (user_id, name) DO UPDATE SET query = excluded.query RETURNING id",
        new_id(),
        user,
        name,
        query,
        at,
    )
}

/// Deletes `user`'s view `id`; whether there was one (someone else's is never touched).
pub async fn delete_view(tx: &mut Tx, user: &str, id: &str) -> Result<bool, sqlx::Error> {
    crate::execute!(tx, "DELETE FROM board_views WHERE id = $1 AND user_id = $2", id, user).map(|n| n > 0)
}

/// The demo Case Manager's saved views (idempotent: the same names again change nothing new).
pub async fn seed_demo_views(db: &crate::db::Database) -> Result<usize, sqlx::Error> {
    const VIEWS: [(&str, &str); 2] = [
        ("My overdue cases", "overdue=1&mine=1"),
        ("Africa, waiting on the government", "region=africa_middle_east&waiting=government"),
    ];
    let Some(cm) = crate::db::users::find_by_email(db.read(), "case.manager@demo.ogpnm.example").await? else {
        return Ok(0);
    };
    let mut tx = db.write().begin().await?;
    for (name, query) in VIEWS {
        save_view(&mut tx, &cm.user.user_id, name, query, crate::db::now_ms()).await?;
    }
    tx.commit().await?;
    Ok(VIEWS.len())
}
