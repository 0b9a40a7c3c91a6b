//! Selection and written agreements as stored: the providers a government selected, the
//! versions of its terms of engagement (a change is a new version, nothing is rewritten) and
//! the parties' acceptances (append-only; the database refuses to change or delete one).
//! Every write first takes the case's row, so two acceptances at the same instant (on two
//! instances) are counted one after the other and the last one moves the case.

use super::cases::{self, Author, Case, Refused};
use super::{Conn, Tx};
use crate::domain::agreements::{Party, PartyRole, Terms};
use crate::domain::timeline::Change;

/// A selected provider.
#[derive(Clone, Debug, PartialEq, Eq, sqlx::FromRow)]
pub struct Selected {
    pub provider_id: String,
    pub name: String,
    pub selected_at: i64,
}

/// The providers selected in a case, by name.
pub async fn selected(conn: impl Into<Conn<'_>>, case_id: &str) -> Result<Vec<Selected>, sqlx::Error> {
    crate::fetch!(
        fetch_all,
        Into::<Conn<'_>>::into(conn),
        "SELECT s.provider_id, o.name, s.selected_at FROM case_selections s \
             JOIN organisations o ON o.id = s.provider_id WHERE s.case_id = $1 ORDER BY o.name",
        case_id,
    )
}

/// Holds the case's row until the transaction ends: writes to one case's selection and
/// agreement queue here, and what they read afterwards includes what the previous one committed.
pub async fn lock_case(tx: &mut Tx, case_id: &str) -> Result<(), sqlx::Error> {
    crate::execute!(tx, "UPDATE cases SET version = version WHERE id = $1", case_id).map(|_| ())
}

/// Records `providers` as the case's selection (replacing an earlier one) and appends it to the
/// timeline. Returns the case as it now is.
pub async fn select(
    tx: &mut Tx,
    case_id: &str,
    providers: &[String],
    author: Author<'_>,
) -> Result<Result<Case, Refused>, sqlx::Error> {
    crate::execute!(tx, "DELETE FROM case_selections WHERE case_id = $1", case_id)?;
    for p in providers {
        crate::execute!(
            tx,
            "INSERT INTO case_selections (case_id, provider_id, selected_by, selected_at) VALUES ($1, $2, $3, $4)",
            case_id,
            p,
            author.actor,
            author.at,
        )?;
    }
    cases::record(tx, case_id, author, Change::Selection { providers: providers.to_vec() }).await
}

/// One version of an agreement.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub version: i64,
    pub terms: Terms,
    pub sha256: String,
    pub written_by: Option<String>,
    pub written_at: i64,
}

#[derive(sqlx::FromRow)]
struct VersionRecord {
    version: i64,
    terms: String,
    sha256: String,
    written_by: Option<String>,
    written_at: i64,
}

/// Every version of a case's agreement, oldest first.
pub async fn versions(conn: impl Into<Conn<'_>>, case_id: &str) -> Result<Vec<Version>, sqlx::Error> {
    let rows: Vec<VersionRecord> = crate::fetch!(
        fetch_all,
        Into::<Conn<'_>>::into(conn),
        "SELECT v.version, v.terms, v.sha256, u.name AS written_by, v.written_at FROM agreement_versions v \
             LEFT JOIN users u ON u.id = v.written_by WHERE v.case_id = $1 ORDER BY v.version",
        case_id,
    )?;
    let at = crate::db::decode::stored("agreement_versions", "terms", case_id);
    rows.into_iter()
        .map(|r| {
            let terms = at.json(&r.terms)?;
            Ok(Version {
                version: r.version,
                terms,
                sha256: r.sha256,
                written_by: r.written_by,
                written_at: r.written_at,
            })
        })
        .collect()
}

/// The SHA-256 of terms' canonical text, in hex: what an acceptance is bound to.
pub fn hash(terms: &Terms) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(terms.canonical().as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `terms` as the agreement's next version (after [`lock_case`]) and appends it to the
/// timeline; terms identical to the current version's are not a new version (`Ok(None)`).
pub async fn write(
    tx: &mut Tx,
    case_id: &str,
    terms: &Terms,
    author: Author<'_>,
) -> Result<Result<Option<i64>, Refused>, sqlx::Error> {
    let sha = hash(terms);
    let current = versions(&mut *tx, case_id).await?.pop();
    if current.as_ref().is_some_and(|v| v.sha256 == sha) {
        return Ok(Ok(None));
    }
    let version = current.map_or(1, |v| v.version + 1);
    let json = serde_json::to_string(terms).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    crate::execute!(
        tx,
        "INSERT INTO agreement_versions (case_id, version, terms, sha256, written_by, written_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        case_id,
        version,
        json,
        &sha,
        author.actor,
        author.at,
    )?;
    Ok(cases::record(tx, case_id, author, Change::AgreementWritten { version }).await?.map(|_| Some(version)))
}

/// An acceptance as recorded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Accepted {
    pub version: i64,
    pub party: Party,
    pub party_name: String,
    pub accepted_by: String,
    pub sha256: String,
    pub accepted_at: i64,
}

#[derive(sqlx::FromRow)]
struct AcceptedRecord {
    version: i64,
    party_kind: String,
    party_id: String,
    party_name: String,
    accepted_by: Option<String>,
    sha256: String,
    accepted_at: i64,
}

/// Every acceptance of a case's agreement, in the order given.
pub async fn acceptances(conn: impl Into<Conn<'_>>, case_id: &str) -> Result<Vec<Accepted>, sqlx::Error> {
    let rows: Vec<AcceptedRecord> = crate::fetch!(
        fetch_all,
        Into::<Conn<'_>>::into(conn),
        "SELECT a.version, a.party_kind, a.party_id, a.party_name, u.name AS accepted_by, a.sha256, a.accepted_at \
             FROM agreement_acceptances a LEFT JOIN users u ON u.id = a.accepted_by \
             WHERE a.case_id = $1 ORDER BY a.accepted_at, a.party_kind, a.party_id",
        case_id,
    )?;
    let at = crate::db::decode::stored("agreement_acceptances", "party_kind", case_id);
    rows.into_iter()
        .map(|r| {
            let party = Party::of(at.key(&r.party_kind, PartyRole::from_key)?, r.party_id);
            Ok(Accepted {
                version: r.version,
                party,
                party_name: r.party_name,
                accepted_by: r.accepted_by.unwrap_or_default(),
                sha256: r.sha256,
                accepted_at: r.accepted_at,
            })
        })
        .collect()
}

/// Records `party`'s acceptance of `version` (checked by the caller, after [`lock_case`]), by
/// `author`, bound to `sha256`, and appends it to the timeline.
pub async fn accept(
    tx: &mut Tx,
    case_id: &str,
    version: i64,
    sha256: &str,
    party: &Party,
    party_name: &str,
    author: Author<'_>,
) -> Result<Result<Case, Refused>, sqlx::Error> {
    let (role, id) = party.role();
    let kind = role.key();
    crate::execute!(
        tx,
        "INSERT INTO agreement_acceptances (case_id, version, party_kind, party_id, party_name, accepted_by, sha256, accepted_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        case_id,
        version,
        kind,
        id,
        party_name,
        author.actor.unwrap_or_default(),
        sha256,
        author.at,
    )?;
    cases::record(tx, case_id, author, Change::AgreementAccepted { version, party: party_name.to_string() }).await
}
