//! Building each audience's view of a case from what was loaded: pure functions, no I/O, so
//! what a government, a colleague and the case team see is decided (and tested) here.

use crate::db::cases::{Decided, Event, Listed};
use crate::domain::case::moves_from;
use crate::domain::case::{CaseStage, Outcome};
use crate::domain::casework::{similar, CaseSketch, Decision};
use crate::domain::policy::{can, Action, Actor, Resource};
use crate::domain::timeline::{Audience, Subject};
use crate::model::{CaseView, GovCaseView, ShortlistEntry, SimilarCase, TimelineEntry};
use std::collections::HashMap;

/// Names of the people and organisations a timeline is about, by id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Names {
    pub users: HashMap<String, String>,
    pub organisations: HashMap<String, String>,
}

impl Names {
    /// The name of whom a change is about, when known.
    pub fn of(&self, subject: Subject<'_>) -> Option<String> {
        match subject {
            Subject::User(id) => self.users.get(id).cloned(),
            Subject::Organisation(id) => self.organisations.get(id).cloned(),
        }
    }
}

/// The entries of a timeline `audience` may see, each with whom it is about named.
pub fn timeline(events: Vec<Event>, audience: Audience, names: &Names) -> Vec<TimelineEntry> {
    events
        .into_iter()
        .filter(|e| e.change.kind().visible_to(audience))
        .map(|e| TimelineEntry {
            at: e.at,
            actor: e.actor_name,
            subject: e.change.subject().and_then(|s| names.of(s)),
            change: e.change,
            reason: e.reason,
        })
        .collect()
}

/// Whom the entries `audience` may see are about and `names` does not know yet.
pub fn unnamed<'a>(events: &'a [Event], audience: Audience, names: &Names) -> Vec<Subject<'a>> {
    let mut out: Vec<Subject<'a>> = Vec::new();
    for s in events.iter().filter(|e| e.change.kind().visible_to(audience)).filter_map(|e| e.change.subject()) {
        if names.of(s).is_none() && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

/// Whether the government is told whom it is introduced to: from Introductions on (a held
/// case: as where it was), and after a successful close.
pub fn shortlist_is_shared(stage: CaseStage, held_from: Option<CaseStage>, outcome: Option<Outcome>) -> bool {
    use CaseStage::*;
    let stage = if stage == OnHold { held_from } else { Some(stage) };
    matches!(stage, Some(Introductions | Selection | Agreement | Active))
        || (stage == Some(Closed) && outcome == Some(Outcome::Successful))
}

/// The requesting government's own view: no notes, no match list, no reasons, and the
/// shortlist only once it is shared.
pub fn government(listed: &Listed, decisions: &[Decided], can_confirm: bool) -> GovCaseView {
    let c = &listed.case;
    let introduced = if shortlist_is_shared(c.stage, c.held_from, c.outcome) {
        decisions.iter().filter(|d| d.decision == Decision::Shortlisted).map(|d| d.provider.clone()).collect()
    } else {
        Vec::new()
    };
    GovCaseView {
        earlier: Vec::new(),
        id: c.id.clone(),
        request_id: c.request_id.clone(),
        organisation: listed.organisation.clone(),
        stage: c.stage,
        held_from: c.held_from,
        hold_until_day: c.hold_until_day,
        outcome: c.outcome,
        case_manager: listed.case_manager.clone(),
        scope: c.scope.clone(),
        scope_confirmed_at: c.scope_confirmed_at,
        can_confirm,
        introduced,
        version: c.version,
        updated_at: c.updated_at,
    }
}

/// What the staff view of a case is built from (loaded by `detail`).
pub struct Loaded {
    pub listed: Listed,
    pub decisions: Vec<Decided>,
    /// The request's answers.
    pub request: crate::domain::survey::Answers,
    pub facets: super::support::Facets,
    /// The timeline as the viewer's audience sees it.
    pub timeline: Vec<TimelineEntry>,
    pub case_managers: Vec<crate::model::CaseManagerLoad>,
    /// For the case team only: the match list, the excluded providers and the notes.
    pub matches: Option<Vec<crate::model::MatchView>>,
    pub excluded: Vec<crate::model::MatchView>,
    pub notes: Option<Vec<crate::model::NoteView>>,
    pub similar: Vec<crate::model::SimilarCase>,
    /// What the stage guards read (the moves offered follow them).
    pub facts: crate::domain::case::CaseFacts,
}

/// The staff working view: what `actor` may do with the case decided by the policy, the
/// moves offered only those the state machine would allow with the case's real facts.
pub fn staff(actor: &Actor, loaded: Loaded, today: i64) -> CaseView {
    let Loaded {
        listed,
        decisions,
        request,
        facets,
        timeline,
        case_managers,
        matches,
        excluded,
        notes,
        similar,
        facts,
    } = loaded;
    let c = listed.case.clone();
    let case = Resource::Case(c.policy_ref());
    let can_work = can(actor, Action::MoveCase, case);
    let shortlisted: Vec<&Decided> = decisions.iter().filter(|d| d.decision == Decision::Shortlisted).collect();
    let internals = can(actor, Action::ViewCaseInternals, case);
    let (scope, scope_is_draft) = super::support::scope_of(&c, &request);
    CaseView {
        earlier: Vec::new(),
        moves: if can_work { moves_from(c.stage, c.held_from, &facts) } else { Vec::new() },
        can_assign: can(actor, Action::AssignCase, case),
        // giving the case to nobody is what only those who assign others' cases may do
        assign_others: can(actor, Action::AssignCase, Resource::Assignment { case: c.policy_ref(), to: None }),
        can_work,
        scope_confirmed_at: c.scope_confirmed_at,
        shortlist: if internals {
            shortlisted
                .iter()
                .map(|d| ShortlistEntry {
                    provider_id: d.provider_id.clone(),
                    name: d.provider.clone(),
                    reason: d.reason.clone(),
                })
                .collect()
        } else {
            Vec::new()
        },
        summary: super::support::summary(listed, &facets, today),
        request,
        scope,
        scope_is_draft,
        timeline,
        case_managers,
        matches,
        excluded,
        notes,
        similar,
        viewer_id: actor.user_id.clone(),
    }
}

/// Cases like this one (sharing an issue area and a region), best first.
pub fn similar_cases(this: &Listed, all: &[Listed], facets: &super::support::Facets) -> Vec<SimilarCase> {
    let sketch = |c: &crate::db::cases::Case| {
        let (areas, regions) = super::support::areas_regions(c, facets);
        CaseSketch { id: c.id.clone(), areas, regions, stage: c.stage, outcome: c.outcome }
    };
    let others: Vec<CaseSketch> = all.iter().map(|l| sketch(&l.case)).collect();
    similar(&sketch(&this.case), &others, super::SIMILAR_SHOWN)
        .into_iter()
        .filter_map(|s| {
            let l = all.iter().find(|l| l.case.id == s.id)?;
            Some(SimilarCase {
                id: s.id,
                organisation: l.organisation.clone(),
                country: l.country.clone(),
                stage: l.case.stage,
                outcome: l.case.outcome,
                shared: s.shared,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::cases::Case;
    use crate::domain::timeline::Change;

    fn case(stage: CaseStage, held_from: Option<CaseStage>, outcome: Option<Outcome>) -> Listed {
        Listed {
            case: Case {
                id: "c1".into(),
                request_id: "r1".into(),
                organisation_id: "gov".into(),
                stage,
                held_from,
                hold_until_day: None,
                outcome,
                case_manager_id: Some("cm".into()),
                scope: None,
                scope_confirmed_at: None,
                scope_confirmed_by: None,
                next_step: "Call the ministry's legal team".into(),
                next_step_due_day: None,
                version: 3,
                updated_at: 0,
            },
            organisation: "Ministry of Finance".into(),
            country: "SN".into(),
            case_manager: Some("Ana".into()),
        }
    }

    fn decided(provider: &str, decision: Decision) -> Decided {
        Decided {
            provider_id: format!("id-{provider}"),
            provider: provider.into(),
            decision,
            reason: "internal reason".into(),
        }
    }

    fn event(change: Change) -> Event {
        Event { at: 1, actor_user_id: None, actor_name: Some("Ana".into()), change, reason: String::new() }
    }

    #[test]
    fn the_government_sees_its_shortlist_only_once_introductions_began() {
        let decisions = [decided("Open Data Lab", Decision::Shortlisted), decided("Hidden Co", Decision::Excluded)];
        for (stage, held, outcome, shared) in [
            (CaseStage::Matching, None, None, false),
            (CaseStage::Introductions, None, None, true),
            (CaseStage::OnHold, Some(CaseStage::Selection), None, true),
            (CaseStage::OnHold, Some(CaseStage::Matching), None, false),
            (CaseStage::Closed, None, Some(Outcome::Successful), true),
            (CaseStage::Closed, None, Some(Outcome::Withdrawn), false),
        ] {
            let view = government(&case(stage, held, outcome), &decisions, true);
            let want: Vec<String> = if shared { vec!["Open Data Lab".into()] } else { Vec::new() };
            assert_eq!(view.introduced, want, "{stage:?} {held:?} {outcome:?}");
        }
    }

    #[test]
    fn each_audience_sees_its_part_of_the_timeline_with_names() {
        let events = vec![
            event(Change::Opened),
            event(Change::Assigned { from: None, to: Some("cm".into()) }),
            event(Change::NextStep { step: "Call".into(), due_day: None }),
            event(Change::Decision { provider_id: "p1".into(), decision: Some(Decision::Excluded) }),
        ];
        let mut names = Names::default();
        names.users.insert("cm".into(), "Ana".into());
        assert_eq!(unnamed(&events, Audience::CaseTeam, &names), vec![Subject::Organisation("p1")]);
        assert!(unnamed(&events, Audience::Staff, &names).is_empty(), "colleagues see no decisions");
        names.organisations.insert("p1".into(), "Open Data Lab".into());
        let team = timeline(events.clone(), Audience::CaseTeam, &names);
        assert_eq!(team.len(), 4);
        assert_eq!(team[1].subject.as_deref(), Some("Ana"));
        assert_eq!(team[3].subject.as_deref(), Some("Open Data Lab"));
        let staff = timeline(events.clone(), Audience::Staff, &names);
        assert_eq!(staff.iter().map(|e| e.change.kind()).collect::<Vec<_>>().len(), 3);
        let government = timeline(events, Audience::Government, &names);
        assert_eq!(government.len(), 2, "opened and assigned");
    }

    #[test]
    fn the_staff_view_offers_what_the_policy_and_the_state_machine_allow() {
        use crate::domain::case::Move;
        use crate::domain::policy::StaffRole;
        let loaded = |stage| Loaded {
            listed: case(stage, None, None),
            decisions: vec![decided("Open Data Lab", Decision::Shortlisted)],
            request: Default::default(),
            facets: Default::default(),
            timeline: Vec::new(),
            case_managers: Vec::new(),
            matches: None,
            excluded: Vec::new(),
            notes: None,
            similar: Vec::new(),
            facts: crate::domain::case::CaseFacts { shortlisted: 1, ..Default::default() },
        };
        let person = |id: &str, role| Actor { user_id: Some(id.into()), staff_role: Some(role), ..Default::default() };
        let manager = staff(&person("cm", StaffRole::CaseManager), loaded(CaseStage::Selection), 20_000);
        assert!(manager.can_work && !manager.can_assign && !manager.assign_others);
        assert!(manager.moves.contains(&Move::To(CaseStage::Introductions)));
        assert!(
            !manager.moves.contains(&Move::To(CaseStage::Agreement)),
            "nothing is selected yet: the server would refuse Agreement, so it is not offered"
        );
        assert!(!manager.moves.contains(&Move::Close(Outcome::Successful)));
        assert_eq!(manager.shortlist.len(), 1);
        let colleague = staff(&person("cm2", StaffRole::CaseManager), loaded(CaseStage::Selection), 20_000);
        assert!(!colleague.can_work && colleague.moves.is_empty() && colleague.shortlist.is_empty());
        let steering = staff(&person("st", StaffRole::Steering), loaded(CaseStage::Selection), 20_000);
        assert!(steering.can_assign && steering.assign_others && !steering.can_work);
    }
}
