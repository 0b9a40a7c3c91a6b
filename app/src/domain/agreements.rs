//! Written agreements, as pure rules: the terms of engagement a Case Manager drafts from the
//! confirmed scope (objectives, deliverables with dates, each party's responsibilities, cost
//! basis and terms, how the parties communicate, start and end), what makes them complete, the
//! difference between two versions, and who still has to accept the current version. An
//! acceptance is bound to one version's exact content: its canonical text, hashed by the server.

use crate::domain::time::day_number;
use crate::i18n::K;
use serde::{Deserialize, Serialize};

/// Longest free text of one section, in characters.
pub const TEXT_MAX: usize = 4_000;
/// Longest deliverable or responsibility line, in characters.
pub const LINE_MAX: usize = 500;
/// Most deliverables or responsibilities.
pub const ITEMS_MAX: usize = 30;

/// One deliverable and the day it is due (`YYYY-MM-DD`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deliverable {
    pub what: String,
    pub due: String,
}

/// What one party undertakes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Responsibility {
    pub party: String,
    pub duties: String,
}

/// The terms of engagement.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Terms {
    pub objectives: String,
    pub deliverables: Vec<Deliverable>,
    pub responsibilities: Vec<Responsibility>,
    /// Cost basis and terms (pro bono, costs covered, fees…).
    pub cost: String,
    /// How the parties communicate (channels, rhythm, languages).
    pub communication: String,
    /// First and last day (`YYYY-MM-DD`).
    pub starts: String,
    pub ends: String,
}

keyed! {
    /// A section of the terms, as the difference between versions names it.
    pub enum Section {
        Objectives = "objectives" => AgreementObjectives,
        Deliverable = "deliverable" => AgreementDeliverable,
        Responsibility = "responsibility" => AgreementResponsibility,
        Cost = "cost" => AgreementCost,
        Communication = "communication" => AgreementCommunication,
        Period = "period" => AgreementPeriod,
    }
}

/// One line of the terms' canonical text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TermLine {
    pub section: Section,
    pub text: String,
}

/// Why terms are refused: the field and the message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermsRefusal {
    pub field: &'static str,
    pub key: K,
}

fn refuse(field: &'static str, key: K) -> TermsRefusal {
    TermsRefusal { field, key }
}

fn text(value: &str, field: &'static str, max: usize, required: bool) -> Result<String, TermsRefusal> {
    let value = value.trim();
    if required && value.is_empty() {
        return Err(refuse(field, K::ErrorRequired));
    }
    if value.chars().count() > max {
        return Err(refuse(field, K::ErrorTooLong));
    }
    if value.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Err(refuse(field, K::ErrorValidation));
    }
    Ok(value.replace("\r\n", "\n"))
}

/// The terms, trimmed, or why they are incomplete: every section filled, at least one
/// deliverable and one responsibility, real dates with the start before the end and every
/// deliverable due within the period.
pub fn check_terms(t: &Terms) -> Result<Terms, TermsRefusal> {
    let starts = day_number(&t.starts).ok_or(refuse("agreement-starts", K::AgreementErrorDate))?;
    let ends = day_number(&t.ends).ok_or(refuse("agreement-ends", K::AgreementErrorDate))?;
    if ends < starts {
        return Err(refuse("agreement-ends", K::AgreementErrorPeriod));
    }
    let mut deliverables = Vec::new();
    for d in t.deliverables.iter().filter(|d| !(d.what.trim().is_empty() && d.due.trim().is_empty())) {
        let what = text(&d.what, "agreement-deliverables", LINE_MAX, true)?;
        let due = day_number(&d.due).ok_or(refuse("agreement-deliverables", K::AgreementErrorDate))?;
        if due < starts || due > ends {
            return Err(refuse("agreement-deliverables", K::AgreementErrorDueOutside));
        }
        deliverables.push(Deliverable { what, due: d.due.trim().to_string() });
    }
    let mut responsibilities = Vec::new();
    for r in t.responsibilities.iter().filter(|r| !(r.party.trim().is_empty() && r.duties.trim().is_empty())) {
        let party = text(&r.party, "agreement-responsibilities", LINE_MAX, true)?;
        let duties = text(&r.duties, "agreement-responsibilities", LINE_MAX, true)?;
        responsibilities.push(Responsibility { party, duties });
    }
    if deliverables.is_empty() {
        return Err(refuse("agreement-deliverables", K::AgreementErrorNoDeliverable));
    }
    if responsibilities.is_empty() {
        return Err(refuse("agreement-responsibilities", K::AgreementErrorNoResponsibility));
    }
    if deliverables.len() > ITEMS_MAX || responsibilities.len() > ITEMS_MAX {
        return Err(refuse("agreement-deliverables", K::ErrorTooLong));
    }
    Ok(Terms {
        objectives: text(&t.objectives, "agreement-objectives", TEXT_MAX, true)?,
        deliverables,
        responsibilities,
        cost: text(&t.cost, "agreement-cost", TEXT_MAX, true)?,
        communication: text(&t.communication, "agreement-communication", TEXT_MAX, true)?,
        starts: t.starts.trim().to_string(),
        ends: t.ends.trim().to_string(),
    })
}

impl Terms {
    /// A first draft from the confirmed scope: its objectives, each expected deliverable on a
    /// line of its own (their dates to set), a line of responsibilities for each party (to
    /// write), starting `starts`. The Case Manager completes it; [`check_terms`] decides.
    pub fn draft(objectives: &str, deliverables: &str, parties: &[String], starts: &str) -> Terms {
        Terms {
            objectives: objectives.trim().to_string(),
            deliverables: deliverables
                .lines()
                .map(|l| l.trim().trim_start_matches(['-', '*', '•']).trim())
                .filter(|l| !l.is_empty())
                .take(ITEMS_MAX)
                .map(|what| Deliverable { what: what.chars().take(LINE_MAX).collect(), due: String::new() })
                .collect(),
            responsibilities: parties
                .iter()
                .map(|p| Responsibility { party: p.clone(), duties: String::new() })
                .collect(),
            starts: starts.to_string(),
            ..Terms::default()
        }
    }

    /// The terms as lines, in a fixed order: what a version's difference compares and what its
    /// hash covers.
    pub fn lines(&self) -> Vec<TermLine> {
        let line = |section, text: String| TermLine { section, text };
        let mut out: Vec<TermLine> =
            self.objectives.lines().map(|l| line(Section::Objectives, l.to_string())).collect();
        out.extend(self.deliverables.iter().map(|d| line(Section::Deliverable, format!("{} — {}", d.due, d.what))));
        out.extend(
            self.responsibilities.iter().map(|r| line(Section::Responsibility, format!("{}: {}", r.party, r.duties))),
        );
        out.extend(self.cost.lines().map(|l| line(Section::Cost, l.to_string())));
        out.extend(self.communication.lines().map(|l| line(Section::Communication, l.to_string())));
        out.push(line(Section::Period, format!("{} → {}", self.starts, self.ends)));
        out
    }

    /// The canonical text an acceptance is bound to (the server hashes it): one line per term
    /// line, its section's key first.
    pub fn canonical(&self) -> String {
        self.lines().iter().map(|l| format!("{}\t{}\n", l.section.key(), l.text)).collect()
    }
}

/// A line of the difference between two versions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Kept(TermLine),
    Added(TermLine),
    Removed(TermLine),
}

/// The difference from `old` to `new`, line by line (a longest common subsequence: the
/// documents are a few dozen lines).
pub fn diff(old: &[TermLine], new: &[TermLine]) -> Vec<Change> {
    let (n, m) = (old.len(), new.len());
    // common[i][j]: the longest common run of old[i..] and new[j..]
    let mut common = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            common[i][j] =
                if old[i] == new[j] { common[i + 1][j + 1] + 1 } else { common[i + 1][j].max(common[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::with_capacity(n.max(m)));
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            out.push(Change::Kept(old[i].clone()));
            (i, j) = (i + 1, j + 1);
        } else if j < m && (i == n || common[i][j + 1] >= common[i + 1][j]) {
            out.push(Change::Added(new[j].clone()));
            j += 1;
        } else {
            out.push(Change::Removed(old[i].clone()));
            i += 1;
        }
    }
    out
}

/// A party that accepts an agreement: the government, a selected provider (organisations) or
/// the Case Manager (a person).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Party {
    Government(String),
    Provider(String),
    CaseManager(String),
}

keyed! {
    /// The role a party of an agreement (or of a story) plays.
    pub enum PartyRole {
        Government = "government" => AgreementRoleGovernment,
        Provider = "provider" => AgreementRoleProvider,
        CaseManager = "case_manager" => AgreementRoleCaseManager,
    }
}

impl Party {
    /// Its role and its id (an organisation's, or the Case Manager's user id).
    pub fn role(&self) -> (PartyRole, &str) {
        match self {
            Party::Government(id) => (PartyRole::Government, id),
            Party::Provider(id) => (PartyRole::Provider, id),
            Party::CaseManager(id) => (PartyRole::CaseManager, id),
        }
    }

    /// The party of `role` with `id`.
    pub fn of(role: PartyRole, id: String) -> Party {
        match role {
            PartyRole::Government => Party::Government(id),
            PartyRole::Provider => Party::Provider(id),
            PartyRole::CaseManager => Party::CaseManager(id),
        }
    }
}

/// The parties of a case's agreement: its government, each selected provider and its Case
/// Manager (when one is assigned).
pub fn parties_of(government: &str, selected: &[String], case_manager: Option<&str>) -> Vec<Party> {
    let mut out = vec![Party::Government(government.to_string())];
    out.extend(selected.iter().map(|p| Party::Provider(p.clone())));
    out.extend(case_manager.map(|m| Party::CaseManager(m.to_string())));
    out
}

/// Whether every party accepted version `current` (an agreement nobody may accept, with no
/// parties, is not accepted).
pub fn all_accepted(parties: &[Party], accepted: &[Acceptance], current: i64) -> bool {
    !parties.is_empty() && pending(parties, accepted, current).is_empty()
}

/// An acceptance as recorded: by whom, of which version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Acceptance {
    pub party: Party,
    pub version: i64,
}

/// The parties that have not accepted version `current` yet (an acceptance of an earlier
/// version counts for nothing: a change asks everyone again).
pub fn pending(parties: &[Party], accepted: &[Acceptance], current: i64) -> Vec<Party> {
    parties.iter().filter(|p| !accepted.iter().any(|a| a.version == current && &a.party == *p)).cloned().collect()
}

/// Why an acceptance is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AcceptRefusal {
    /// The version shown is no longer the current one.
    Outdated,
    /// Not a party of this agreement.
    NotAParty,
    /// This party has already accepted this version.
    AlreadyAccepted,
}

impl AcceptRefusal {
    pub fn key(self) -> K {
        match self {
            AcceptRefusal::Outdated => K::AgreementErrorOutdated,
            AcceptRefusal::NotAParty => K::AgreementErrorNotAParty,
            AcceptRefusal::AlreadyAccepted => K::AgreementErrorAlreadyAccepted,
        }
    }
}

/// Whether `party` may accept `version` (with the content hash it was shown) when `current`
/// (with `current_hash`) is the agreement's current version.
pub fn check_accept(
    party: &Party,
    version: i64,
    hash: &str,
    current: i64,
    current_hash: &str,
    parties: &[Party],
    accepted: &[Acceptance],
) -> Result<(), AcceptRefusal> {
    if version != current || hash != current_hash {
        return Err(AcceptRefusal::Outdated);
    }
    if !parties.contains(party) {
        return Err(AcceptRefusal::NotAParty);
    }
    if !pending(parties, accepted, current).contains(party) {
        return Err(AcceptRefusal::AlreadyAccepted);
    }
    Ok(())
}

#[cfg(test)]
mod tests;
