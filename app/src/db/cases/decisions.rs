//! Decisions on matched providers, and the facts the state machine's guards read.

use super::writes::{change, Refused};
use super::{Author, Case};
use crate::db::{Conn, Db, Tx};
use crate::domain::case::CaseFacts;
use crate::domain::casework::Decision;
use crate::domain::timeline::Change;
use crate::tx_run;

/// Whether `provider_id` is a listed provider (one a case may shortlist).
pub async fn is_listed_provider(tx: &mut Tx, provider_id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = crate::fetch!(
        fetch_optional,
        tx,
        "SELECT organisation_id FROM provider_profiles WHERE organisation_id = $1 AND listed = TRUE",
        provider_id,
    )?;
    Ok(row.is_some())
}

/// Records a decision on a provider for a case (`None` clears it) if the case is still at
/// `expected_version`: a decision moves the version on, so a move whose guards counted the
/// shortlist cannot pass over a decision made meanwhile. On the timeline too.
pub async fn decide(
    tx: &mut Tx,
    case_id: &str,
    expected_version: i64,
    provider_id: &str,
    decision: Option<Decision>,
    author: Author<'_>,
) -> Result<Result<Case, Refused>, sqlx::Error> {
    let decided = Change::Decision { provider_id: provider_id.to_string(), decision };
    let changed = change(tx, case_id, expected_version, author, |_| Ok(()), |_, _| decided).await?;
    if changed.is_err() {
        return Ok(changed);
    }
    let now = author.at;
    tx_run!(tx, |conn| {
        sqlx::query("DELETE FROM case_decisions WHERE case_id = $1 AND provider_id = $2")
            .bind(case_id)
            .bind(provider_id)
            .execute(&mut *conn)
            .await?;
        if let Some(d) = decision {
            sqlx::query(
                "INSERT INTO case_decisions (case_id, provider_id, decision, reason, by_user_id, at) \
                 VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(case_id)
            .bind(provider_id)
            .bind(d.key())
            .bind(author.reason)
            .bind(author.actor)
            .bind(now)
            .execute(&mut *conn)
            .await?;
        }
        Ok::<_, sqlx::Error>(())
    })?;
    Ok(changed)
}

/// Whether the case has a decision on this provider (one that may be cleared even if the
/// provider has since left the roster).
pub async fn has_decision(tx: &mut Tx, case_id: &str, provider_id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = crate::fetch!(
        fetch_optional,
        tx,
        "SELECT provider_id FROM case_decisions WHERE case_id = $1 AND provider_id = $2",
        case_id,
        provider_id,
    )?;
    Ok(row.is_some())
}

/// A decision taken on a matched provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decided {
    pub provider_id: String,
    /// The provider organisation's name.
    pub provider: String,
    pub decision: Decision,
    pub reason: String,
}

/// The decisions on a case's matched providers: shortlisted first, then pinned, then excluded, each by name.
pub async fn decisions(db: &Db, case_id: &str) -> Result<Vec<Decided>, sqlx::Error> {
    let rows: Vec<(String, String, String, String)> = crate::fetch!(
        fetch_all,
        db,
        "SELECT d.provider_id, o.name, d.decision, d.reason FROM case_decisions d \
             JOIN organisations o ON o.id = d.provider_id WHERE d.case_id = $1 ORDER BY d.decision DESC, o.name",
        case_id,
    )?;
    rows.into_iter()
        .map(|(provider_id, provider, decision, reason)| {
            let at = crate::db::decode::stored("case_decisions", "decision", case_id);
            Ok(Decided { decision: at.key(&decision, Decision::from_key)?, provider_id, provider, reason })
        })
        .collect()
}

/// What the stage guards need to know of a case: read in the transaction that moves it, or on
/// the pool for the moves a page offers.
pub async fn facts(conn: impl Into<Conn<'_>>, case: &Case) -> Result<CaseFacts, sqlx::Error> {
    use crate::domain::agreements::{all_accepted, parties_of, Acceptance};
    let mut conn = conn.into();
    let (shortlisted,): (i64,) = crate::fetch!(
        fetch_one,
        conn.reborrow(),
        "SELECT CAST(COUNT(*) AS BIGINT) FROM case_decisions WHERE case_id = $1 AND decision = 'shortlisted'",
        &case.id,
    )?;
    let selected: Vec<String> =
        crate::db::agreements::selected(conn.reborrow(), &case.id).await?.into_iter().map(|s| s.provider_id).collect();
    let current = crate::db::agreements::versions(conn.reborrow(), &case.id).await?.pop();
    let agreement_accepted = match current {
        Some(v) => {
            let accepted: Vec<Acceptance> = crate::db::agreements::acceptances(conn.reborrow(), &case.id)
                .await?
                .into_iter()
                .map(|a| Acceptance { party: a.party, version: a.version })
                .collect();
            let parties = parties_of(&case.organisation_id, &selected, case.case_manager_id.as_deref());
            all_accepted(&parties, &accepted, v.version)
        }
        None => false,
    };
    Ok(CaseFacts {
        has_case_manager: case.case_manager_id.is_some(),
        has_scope: case.scope.as_ref().is_some_and(|s| s.scope.is_matchable()),
        scope_confirmed: case.scope_confirmed_at.is_some(),
        shortlisted: shortlisted as usize,
        selected: selected.len(),
        agreement_accepted,
    })
}
