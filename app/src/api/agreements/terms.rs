//! What the agreement functions share (server only): a case's agreement as loaded, its parties,
//! the page each reader gets, the form's fields, and telling the parties.

use crate::db::agreements::{self, Accepted, Selected, Version};
use crate::db::cases::{Author, Case};
use crate::db::{notifications, Conn, Tx};
use crate::domain::agreements::{diff, parties_of, Acceptance, Deliverable, Party, Responsibility, Terms};
use crate::domain::policy::{can, Action, Actor, AgreementRef, Resource};
use crate::error::AppError;
use crate::i18n::K;
use crate::model::{AcceptanceRecord, AgreementPage, PartyStanding, TermsVersion};

/// A case's agreement and everything its page is built from.
pub struct Loaded {
    pub case: Case,
    pub government: String,
    pub country: String,
    pub case_manager: Option<String>,
    pub selected: Vec<Selected>,
    pub selected_ids: Vec<String>,
    pub versions: Vec<Version>,
    pub acceptances: Vec<Accepted>,
    /// The confirmed scope's objectives and deliverables, for a first draft.
    pub scope: Option<(String, String)>,
}

/// Reads case `id`'s agreement (404 when there is no such case).
pub async fn load(conn: impl Into<Conn<'_>>, id: &str) -> Result<Loaded, AppError> {
    let mut conn = conn.into();
    let Some(listed) = crate::db::cases::get_listed(conn.reborrow(), id).await? else {
        return Err(AppError::NotFound.respond());
    };
    let selected = agreements::selected(conn.reborrow(), id).await?;
    let versions = agreements::versions(conn.reborrow(), id).await?;
    let acceptances = agreements::acceptances(conn.reborrow(), id).await?;
    let scope = listed.case.scope.as_ref().map(|s| (s.objectives.clone(), s.deliverables.clone()));
    Ok(Loaded {
        selected_ids: selected.iter().map(|s| s.provider_id.clone()).collect(),
        case: listed.case,
        government: listed.organisation,
        country: listed.country,
        case_manager: listed.case_manager,
        selected,
        versions,
        acceptances,
        scope,
    })
}

impl Loaded {
    /// What the policy knows of this agreement.
    pub fn policy_ref(&self) -> AgreementRef<'_> {
        AgreementRef { case: self.case.policy_ref(), providers: &self.selected_ids }
    }

    /// Its parties: the government, each selected provider, the Case Manager.
    pub fn parties(&self) -> Vec<Party> {
        parties_of(&self.case.organisation_id, &self.selected_ids, self.case.case_manager_id.as_deref())
    }

    /// The acceptances as the rules read them.
    pub fn accepted(&self) -> Vec<Acceptance> {
        self.acceptances.iter().map(|a| Acceptance { party: a.party.clone(), version: a.version }).collect()
    }

    /// A party's name as the record states it.
    pub fn party_name(&self, party: &Party) -> String {
        match party {
            Party::Government(_) => Some(self.government.clone()),
            Party::Provider(id) => self.selected.iter().find(|s| &s.provider_id == id).map(|s| s.name.clone()),
            Party::CaseManager(_) => self.case_manager.clone(),
        }
        .unwrap_or_default()
    }
}

/// Whether `actor` acts for `party` (a member of its organisation, or the Case Manager).
pub fn acts_for(actor: &Actor, party: &Party) -> bool {
    match party {
        Party::Government(org) | Party::Provider(org) => actor.member_of.contains(org),
        Party::CaseManager(user) => actor.user_id.as_deref() == Some(user.as_str()),
    }
}

fn version_view(v: &Version) -> TermsVersion {
    TermsVersion {
        version: v.version,
        terms: v.terms.clone(),
        sha256: v.sha256.clone(),
        written_by: v.written_by.clone(),
        written_at: v.written_at,
    }
}

/// The page `actor` gets (after the policy allowed them to read it).
pub fn page(actor: &Actor, l: Loaded) -> AgreementPage {
    use crate::domain::case::CaseStage;
    let current = l.versions.last();
    let previous = current.and_then(|c| l.versions.iter().rev().find(|v| v.version < c.version));
    let parties = l.parties();
    let of_current =
        |p: &Party| current.and_then(|c| l.acceptances.iter().find(|a| a.version == c.version && &a.party == p));
    let standing = parties
        .iter()
        .map(|p| {
            let accepted = of_current(p);
            PartyStanding {
                name: l.party_name(p),
                role: p.role().0,
                accepted_at: accepted.map(|a| a.accepted_at),
                accepted_by: accepted.map(|a| a.accepted_by.clone()),
            }
        })
        .collect();
    let open = l.case.stage == CaseStage::Agreement;
    let accept_as = parties
        .iter()
        .filter(|p| open && current.is_some() && of_current(p).is_none() && acts_for(actor, p))
        .map(|p| {
            let (role, id) = p.role();
            format!("{}:{id}", role.key())
        })
        .collect();
    let mut names: Vec<String> = vec![l.government.clone()];
    names.extend(l.selected.iter().map(|s| s.name.clone()));
    let draft = match current {
        Some(v) => v.terms.clone(),
        None => {
            let (objectives, deliverables) = l.scope.clone().unwrap_or_default();
            let today = crate::domain::time::format_day(crate::api::cases::support::today());
            Terms::draft(&objectives, &deliverables, &names, &today)
        }
    };
    AgreementPage {
        case_id: l.case.id.clone(),
        government: l.government.clone(),
        country: l.country.clone(),
        stage: l.case.stage,
        changes: match (previous, current) {
            (Some(p), Some(c)) => diff(&p.terms.lines(), &c.terms.lines()),
            _ => Vec::new(),
        },
        previous: previous.map(|p| p.version),
        current: current.map(version_view),
        parties: standing,
        record: l
            .acceptances
            .iter()
            .map(|a| AcceptanceRecord {
                version: a.version,
                party: a.party_name.clone(),
                by: a.accepted_by.clone(),
                at: a.accepted_at,
                sha256: a.sha256.clone(),
            })
            .collect(),
        draft,
        can_write: open && can(actor, Action::WriteAgreement, Resource::Case(l.case.policy_ref())),
        accept_as,
        selected: l.selected.iter().map(|s| s.name.clone()).collect(),
    }
}

/// One field of a multipart form (empty when absent).
pub fn field(fields: &[(String, String)], name: &str) -> String {
    fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default()
}

fn all(fields: &[(String, String)], name: &str) -> Vec<String> {
    fields.iter().filter(|(k, _)| k == name).map(|(_, v)| v.clone()).collect()
}

/// The terms as posted: rows of deliverables and responsibilities pair their fields by order.
pub fn from_fields(fields: &[(String, String)]) -> Terms {
    let (what, due) = (all(fields, "deliverable_what"), all(fields, "deliverable_due"));
    let (party, duties) = (all(fields, "responsibility_party"), all(fields, "responsibility_duties"));
    let at = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
    Terms {
        objectives: field(fields, "objectives"),
        deliverables: (0..what.len().max(due.len()))
            .map(|i| Deliverable { what: at(&what, i), due: at(&due, i) })
            .collect(),
        responsibilities: (0..party.len().max(duties.len()))
            .map(|i| Responsibility { party: at(&party, i), duties: at(&duties, i) })
            .collect(),
        cost: field(fields, "cost"),
        communication: field(fields, "communication"),
        starts: field(fields, "starts"),
        ends: field(fields, "ends"),
    }
}

/// What the parties are told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Told {
    /// A version waits for their acceptance.
    ToAccept,
    /// Everyone accepted: the engagement is active.
    Active,
}

/// Tells every party of `case`'s agreement (the government's and the selected providers'
/// members, its Case Manager), in the app and by mail; the person who acted is left out.
pub async fn tell_parties(
    tx: &mut Tx,
    state: &crate::state::AppState,
    case: &Case,
    author: Author<'_>,
    what: Told,
) -> Result<(), AppError> {
    use crate::api::notify::{tell, Tell};
    use crate::domain::notices::NoticeKind;
    let mut organisations = vec![case.organisation_id.clone()];
    organisations.extend(agreements::selected(&mut *tx, &case.id).await?.into_iter().map(|s| s.provider_id));
    let mut told = notifications::members(&mut *tx, &organisations).await?;
    if let Some(manager) = &case.case_manager_id {
        told.extend(notifications::person(&mut *tx, manager).await?);
    }
    let (kind, subject, body) = match what {
        Told::ToAccept => (NoticeKind::AgreementToAccept, K::MailAgreementSubject, K::MailAgreementBody),
        Told::Active => (NoticeKind::AgreementActive, K::MailAgreementActiveSubject, K::MailAgreementActiveBody),
    };
    let path = format!("/cases/{}/agreement", case.id);
    let what = Tell { kind, case_id: Some(&case.id), path: &path, subject, body, vars: &[], at: author.at };
    tell(tx, &state.mailer, &told, author.actor, &what).await?;
    Ok(())
}
