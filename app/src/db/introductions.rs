//! Introductions: made by a case's Case Manager (approved first when the steering committee must
//! approve them), answered by the providers they name, lapsed when their window closes. Each
//! write records what happened on the case's timeline in the same transaction.

use super::cases::{self, Author, Refused};
use super::{new_id, Conn, Tx};
use crate::domain::introductions::{status_of, Answer, IntroKind, IntroRefusal, IntroStatus, Party};
use crate::domain::timeline::Change;

/// An introduction as stored, with its parties.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Introduction {
    pub id: String,
    pub case_id: String,
    pub kind: IntroKind,
    pub note: String,
    pub with_government: bool,
    pub status: IntroStatus,
    pub respond_by: Option<i64>,
    pub reminded_at: Option<i64>,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub parties: Vec<StoredParty>,
}

impl Introduction {
    /// The provider organisations it names.
    pub fn providers(&self) -> Vec<String> {
        self.parties.iter().map(|p| p.organisation_id.clone()).collect()
    }

    /// The parties as the rules read them.
    pub fn rule_parties(&self) -> Vec<Party> {
        self.parties.iter().map(|p| Party { organisation_id: p.organisation_id.clone(), answer: p.answer }).collect()
    }
}

/// A provider named by an introduction, with its answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredParty {
    pub organisation_id: String,
    pub name: String,
    pub answer: Option<Answer>,
    pub reason: String,
    pub answered_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct IntroRecord {
    id: String,
    case_id: String,
    kind: String,
    note: String,
    with_government: bool,
    status: String,
    respond_by: Option<i64>,
    reminded_at: Option<i64>,
    created_by: Option<String>,
    created_at: i64,
    sent_at: Option<i64>,
}

#[derive(sqlx::FromRow)]
struct PartyRecord {
    introduction_id: String,
    organisation_id: String,
    name: String,
    answer: Option<String>,
    reason: String,
    answered_at: Option<i64>,
}

const COLUMNS: &str =
    "id, case_id, kind, note, with_government, status, respond_by, reminded_at, created_by, created_at, sent_at";

/// What a new introduction is: made by `author` at `author.at`; `respond_by` is `None` while it
/// waits for approval.
#[derive(Clone, Debug)]
pub struct Made<'a> {
    pub case_id: &'a str,
    pub kind: IntroKind,
    pub providers: &'a [String],
    pub with_government: bool,
    pub note: &'a str,
    pub respond_by: Option<i64>,
}

/// Stores a new introduction and records it on the case's timeline; returns its id.
pub async fn make(tx: &mut Tx, made: &Made<'_>, author: Author<'_>) -> Result<Result<String, Refused>, sqlx::Error> {
    let id = new_id();
    let status = if made.respond_by.is_some() { IntroStatus::Waiting } else { IntroStatus::AwaitingApproval };
    crate::execute!(
        tx,
        "INSERT INTO introductions (id, case_id, kind, note, with_government, status, respond_by, created_by, \
             created_at, sent_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        &id,
        made.case_id,
        made.kind.key(),
        made.note,
        made.with_government,
        status.key(),
        made.respond_by,
        author.actor,
        author.at,
        made.respond_by.map(|_| author.at),
    )?;
    for provider in made.providers {
        crate::execute!(
            tx,
            "INSERT INTO introduction_parties (introduction_id, organisation_id) VALUES ($1, $2)",
            &id,
            provider,
        )?;
    }
    let what =
        Change::IntroductionMade { introduction_id: id.clone(), intro: made.kind, providers: made.providers.to_vec() };
    Ok(cases::record(tx, made.case_id, author, what).await?.map(|_| id))
}

/// Lets an introduction waiting for approval go out, with its window closing at `respond_by`.
pub async fn approve(tx: &mut Tx, id: &str, approver: &str, at: i64, respond_by: i64) -> Result<bool, sqlx::Error> {
    let n = crate::execute!(
        tx,
        "UPDATE introductions SET status = 'waiting', approved_by = $2, sent_at = $3, respond_by = $4, \
             version = version + 1 WHERE id = $1 AND status = 'awaiting_approval'",
        id,
        approver,
        at,
        respond_by,
    )?;
    Ok(n == 1)
}

/// Records `organisation`'s answer (once: a second answer changes nothing and returns `false`),
/// stores the introduction's new status and records the answer on the case's timeline.
pub async fn answer(
    tx: &mut Tx,
    intro: &Introduction,
    organisation: &str,
    answer: Answer,
    author: Author<'_>,
) -> Result<Result<IntroStatus, IntroRefusal>, sqlx::Error> {
    // the introduction's row first: an answer and a lapse (or two answers) queue here
    let waiting = crate::execute!(
        tx,
        "UPDATE introductions SET version = version + 1 WHERE id = $1 AND status = 'waiting'",
        &intro.id
    )?;
    if waiting != 1 {
        return Ok(Err(IntroRefusal::NotWaiting));
    }
    let n = crate::execute!(
        tx,
        "UPDATE introduction_parties SET answer = $3, reason = $4, answered_by = $5, answered_at = $6 \
             WHERE introduction_id = $1 AND organisation_id = $2 AND answer IS NULL",
        &intro.id,
        organisation,
        answer.key(),
        author.reason,
        author.actor,
        author.at,
    )?;
    if n != 1 {
        return Ok(Err(IntroRefusal::AlreadyAnswered));
    }
    let Some(now) = get(&mut *tx, &intro.id).await? else { return Ok(Err(IntroRefusal::NotWaiting)) };
    let status = status_of(&now.rule_parties(), now.respond_by, author.at);
    set_status(tx, &intro.id, status).await?;
    let what = Change::IntroductionAnswered {
        introduction_id: intro.id.clone(),
        provider_id: organisation.to_string(),
        answer,
    };
    // a case that moved on meanwhile is read again by `record`; only a missing case refuses
    Ok(cases::record(tx, &intro.case_id, author, what).await?.map(|_| status).map_err(|_| IntroRefusal::NotWaiting))
}

async fn set_status(tx: &mut Tx, id: &str, status: IntroStatus) -> Result<(), sqlx::Error> {
    crate::execute!(tx, "UPDATE introductions SET status = $2, version = version + 1 WHERE id = $1", id, status.key())
        .map(|_| ())
}

/// Marks a waiting introduction whose window closed as lapsed, on its case's timeline too;
/// `false` if it was not waiting any more.
pub async fn lapse(tx: &mut Tx, intro: &Introduction, at: i64) -> Result<bool, sqlx::Error> {
    let n = crate::execute!(
        tx,
        "UPDATE introductions SET status = 'lapsed', version = version + 1 WHERE id = $1 AND status = 'waiting'",
        &intro.id,
    )?;
    if n != 1 {
        return Ok(false);
    }
    let platform = Author { actor: None, reason: "", at };
    let what = Change::IntroductionLapsed { introduction_id: intro.id.clone() };
    Ok(cases::record(tx, &intro.case_id, platform, what).await?.is_ok())
}

/// Notes that the reminder goes out; `false` if it already went (another instance's sweep) or
/// the introduction is no longer waiting.
pub async fn mark_reminded(tx: &mut Tx, id: &str, at: i64) -> Result<bool, sqlx::Error> {
    let n = crate::execute!(
        tx,
        "UPDATE introductions SET reminded_at = $2 WHERE id = $1 AND reminded_at IS NULL AND status = 'waiting'",
        id,
        at,
    )?;
    Ok(n == 1)
}

async fn with_parties(conn: Conn<'_>, rows: Vec<IntroRecord>) -> Result<Vec<Introduction>, sqlx::Error> {
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let placeholders: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT p.introduction_id, p.organisation_id, o.name, p.answer, p.reason, p.answered_at \
             FROM introduction_parties p JOIN organisations o ON o.id = p.organisation_id \
             WHERE p.introduction_id IN ({}) ORDER BY o.name",
        placeholders.join(", ")
    );
    let parties: Vec<PartyRecord> = crate::conn_run!(conn, |c| {
        let mut q = sqlx::query_as(&sql);
        for id in &ids {
            q = q.bind(id);
        }
        q.fetch_all(c).await
    })?;
    rows.into_iter()
        .map(|r| {
            let at = |column| crate::db::decode::stored("introductions", column, &r.id);
            let mut mine = Vec::new();
            for p in parties.iter().filter(|p| p.introduction_id == r.id) {
                let answer = crate::db::decode::stored("introduction_parties", "answer", &r.id)
                    .key_opt(p.answer.as_deref(), Answer::from_key)?;
                mine.push(StoredParty {
                    organisation_id: p.organisation_id.clone(),
                    name: p.name.clone(),
                    answer,
                    reason: p.reason.clone(),
                    answered_at: p.answered_at,
                });
            }
            Ok(Introduction {
                kind: at("kind").key(&r.kind, IntroKind::from_key)?,
                status: at("status").key(&r.status, IntroStatus::from_key)?,
                id: r.id,
                case_id: r.case_id,
                note: r.note,
                with_government: r.with_government,
                respond_by: r.respond_by,
                reminded_at: r.reminded_at,
                created_by: r.created_by,
                created_at: r.created_at,
                sent_at: r.sent_at,
                parties: mine,
            })
        })
        .collect()
}

/// One introduction, on a pool or in the caller's transaction.
pub async fn get(conn: impl Into<Conn<'_>>, id: &str) -> Result<Option<Introduction>, sqlx::Error> {
    let mut conn = conn.into();
    let sql = format!("SELECT {COLUMNS} FROM introductions WHERE id = $1");
    let rows: Vec<IntroRecord> =
        crate::conn_run!(conn.reborrow(), |c| sqlx::query_as(&sql).bind(id).fetch_all(c).await)?;
    Ok(with_parties(conn, rows).await?.pop())
}

/// A case's introductions, oldest first.
pub async fn of_case(conn: impl Into<Conn<'_>>, case_id: &str) -> Result<Vec<Introduction>, sqlx::Error> {
    let mut conn = conn.into();
    let sql = format!("SELECT {COLUMNS} FROM introductions WHERE case_id = $1 ORDER BY created_at, id");
    let rows: Vec<IntroRecord> =
        crate::conn_run!(conn.reborrow(), |c| sqlx::query_as(&sql).bind(case_id).fetch_all(c).await)?;
    with_parties(conn, rows).await
}

/// The introductions naming any of `organisations`, newest first.
pub async fn naming(conn: impl Into<Conn<'_>>, organisations: &[String]) -> Result<Vec<Introduction>, sqlx::Error> {
    if organisations.is_empty() {
        return Ok(Vec::new());
    }
    let mut conn = conn.into();
    let placeholders: Vec<String> = (1..=organisations.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT {COLUMNS} FROM introductions WHERE status <> 'awaiting_approval' AND id IN \
             (SELECT introduction_id FROM introduction_parties WHERE organisation_id IN ({})) \
             ORDER BY created_at DESC, id",
        placeholders.join(", ")
    );
    let rows: Vec<IntroRecord> = crate::conn_run!(conn.reborrow(), |c| {
        let mut q = sqlx::query_as(&sql);
        for o in organisations {
            q = q.bind(o);
        }
        q.fetch_all(c).await
    })?;
    with_parties(conn, rows).await
}

/// Waiting introductions whose window closes before `until` (for reminders and lapses).
pub async fn waiting_until(conn: impl Into<Conn<'_>>, until: i64) -> Result<Vec<Introduction>, sqlx::Error> {
    let mut conn = conn.into();
    let sql = format!("SELECT {COLUMNS} FROM introductions WHERE status = 'waiting' AND respond_by <= $1");
    let rows: Vec<IntroRecord> =
        crate::conn_run!(conn.reborrow(), |c| sqlx::query_as(&sql).bind(until).fetch_all(c).await)?;
    with_parties(conn, rows).await
}
