//! The live channel's events. Every kind of change the platform announces is a variant here
//! (cases now; introductions, threads and agreements add theirs); the server filters each one
//! through the policy for the person connected, and a page subscribes to the topics it shows.

use super::{CaseChanged, Place, PresenceReport, ThreadChanged};
use crate::domain::policy::{can, case_audience, Action, Actor, CaseRef, Resource, ThreadRef};
use serde::{Deserialize, Serialize};

/// One live event, as `{"case": {…}}` (externally tagged: the lightest form to read in the
/// browser's WASM).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LiveEvent {
    /// A case changed.
    Case(CaseChanged),
    /// A thread changed (a message, a read mark, someone typing, its participants).
    Thread(ThreadChanged),
    /// Who is looking at the board or a case, through one instance.
    Presence(PresenceReport),
}

/// What a page listens to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Topic {
    /// Every case the viewer may see (the case board, a government's list).
    Cases,
    /// One case (its page).
    Case(String),
    /// Every thread the viewer takes part in (the inbox, the header's unread count).
    Threads,
    /// One thread (its page).
    Thread(String),
    /// Who else is looking at a place (asked with `here=`, which also counts the viewer there).
    Here(Place),
}

impl Topic {
    /// The topic as a query value (`cases`, `case:ID`).
    pub fn key(&self) -> String {
        match self {
            Topic::Cases => "cases".to_string(),
            Topic::Case(id) => format!("case:{id}"),
            Topic::Threads => "threads".to_string(),
            Topic::Thread(id) => format!("thread:{id}"),
            Topic::Here(place) => format!("here:{}", place.key()),
        }
    }

    /// Parses a query value.
    pub fn from_key(key: &str) -> Option<Topic> {
        if let Some(place) = key.strip_prefix("here:") {
            return Place::from_key(place).map(Topic::Here);
        }
        match key.split_once(':') {
            None if key == "cases" => Some(Topic::Cases),
            None if key == "threads" => Some(Topic::Threads),
            Some(("case", id)) if !id.is_empty() && id.len() <= 64 => Some(Topic::Case(id.to_string())),
            Some(("thread", id)) if !id.is_empty() && id.len() <= 64 => Some(Topic::Thread(id.to_string())),
            _ => None,
        }
    }

    /// Whether `event` is about this topic.
    pub fn covers(&self, event: &LiveEvent) -> bool {
        match (self, event) {
            (Topic::Cases, LiveEvent::Case(_)) => true,
            (Topic::Case(id), LiveEvent::Case(c)) => &c.case_id == id,
            (Topic::Threads, LiveEvent::Thread(_)) => true,
            (Topic::Thread(id), LiveEvent::Thread(t)) => &t.thread_id == id,
            (Topic::Here(place), LiveEvent::Presence(p)) => &p.place == place,
            _ => false,
        }
    }
}

impl LiveEvent {
    /// Whether `actor` may hear of this event: only of a case they may see, and only of the
    /// changes their view of it shows (one rule with the timeline: `ChangeKind::visible_to`).
    pub fn audible_to(&self, actor: &Actor) -> bool {
        match self {
            LiveEvent::Case(c) => {
                let case = CaseRef { organisation: &c.organisation_id, manager: c.case_manager_id.as_deref() };
                case_audience(actor, case).is_some_and(|audience| c.kind.visible_to(audience))
            }
            // the same rule as reading the thread
            LiveEvent::Thread(t) => {
                let case = CaseRef { organisation: "", manager: t.case_manager_id.as_deref() };
                let thread = ThreadRef { case, organisations: &t.organisations, users: &t.users };
                can(actor, Action::ViewThread, Resource::Thread(thread))
            }
            LiveEvent::Presence(_) => can(actor, Action::SeePresence, Resource::Platform),
        }
    }
}

/// The path of the live channel (server-sent events): `?topic=…`, repeated.
pub const LIVE_PATH: &str = "/events";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::case::CaseStage;
    use crate::domain::policy::StaffRole;
    use crate::domain::timeline::ChangeKind;

    fn event(kind: ChangeKind) -> LiveEvent {
        LiveEvent::Case(CaseChanged {
            case_id: "c1".into(),
            organisation_id: "gov".into(),
            case_manager_id: Some("cm".into()),
            stage: CaseStage::Scoping,
            version: 2,
            kind,
        })
    }

    fn person(user: &str, role: Option<StaffRole>, member_of: &[&str]) -> Actor {
        Actor {
            user_id: Some(user.into()),
            staff_role: role,
            member_of: member_of.iter().map(|s| s.to_string()).collect(),
            owner_of: Vec::new(),
        }
    }

    #[test]
    fn each_person_hears_what_their_view_shows() {
        let manager = person("cm", Some(StaffRole::CaseManager), &[]);
        let colleague = person("cm2", Some(StaffRole::CaseManager), &[]);
        let government = person("g", None, &["gov"]);
        let stranger = person("s", None, &["other"]);
        for kind in ChangeKind::ALL {
            let e = event(kind);
            assert!(e.audible_to(&manager), "{kind:?}");
            use ChangeKind::*;
            let own = matches!(kind, Introduction | Selection | Agreement | Story);
            let public = !own && !matches!(kind, NextStep | Decision | Note | FollowUp);
            assert_eq!(e.audible_to(&colleague), public || kind == NextStep, "{kind:?}");
            assert_eq!(e.audible_to(&government), public || own, "{kind:?}");
            assert!(!e.audible_to(&stranger), "{kind:?}");
            assert!(!e.audible_to(&Actor::anonymous()), "{kind:?}");
        }
    }

    #[test]
    fn topics_read_back_and_cover_their_events() {
        for topic in [Topic::Cases, Topic::Case("c1".into())] {
            assert_eq!(Topic::from_key(&topic.key()), Some(topic));
        }
        for topic in [Topic::Threads, Topic::Thread("t1".into())] {
            assert_eq!(Topic::from_key(&topic.key()), Some(topic));
        }
        for topic in [Topic::Here(Place::Board), Topic::Here(Place::Case("c1".into()))] {
            assert_eq!(Topic::from_key(&topic.key()), Some(topic));
        }
        for bad in ["", "case:", "cases:x", "thread:", "case", "thread", "here:", "here:case:", "here:cases"] {
            assert_eq!(Topic::from_key(bad), None, "{bad}");
        }
        let e = event(ChangeKind::Stage);
        assert!(Topic::Cases.covers(&e) && Topic::Case("c1".into()).covers(&e));
        assert!(!Topic::Case("c2".into()).covers(&e));
    }

    #[test]
    fn only_a_threads_participants_and_case_manager_hear_of_it() {
        let e = LiveEvent::Thread(ThreadChanged {
            thread_id: "t1".into(),
            case_id: "c1".into(),
            case_manager_id: Some("cm".into()),
            organisations: vec!["gov".into(), "p1".into()],
            users: vec!["guest".into()],
            last_seq: 3,
            what: crate::model::ThreadChange::Message,
        });
        for (who, hears) in [
            (person("cm", Some(StaffRole::CaseManager), &[]), true),
            (person("g", None, &["gov"]), true),
            (person("x", None, &["p1"]), true),
            (person("guest", None, &[]), true),
            (person("y", None, &["p2"]), false),
            (person("cm2", Some(StaffRole::CaseManager), &[]), false),
            (person("boss", Some(StaffRole::Steering), &[]), false),
            (Actor::anonymous(), false),
        ] {
            assert_eq!(e.audible_to(&who), hears, "{who:?}");
        }
        assert!(Topic::Threads.covers(&e) && Topic::Thread("t1".into()).covers(&e));
        assert!(!Topic::Thread("t2".into()).covers(&e) && !Topic::Cases.covers(&e));
    }

    #[test]
    fn only_staff_hear_who_is_looking() {
        let e = LiveEvent::Presence(PresenceReport {
            instance: "i1".into(),
            place: Place::Board,
            viewers: vec![crate::model::Viewer { user_id: "cm".into(), name: "Ana".into() }],
            count: 1,
        });
        assert!(e.audible_to(&person("cm2", Some(StaffRole::CaseManager), &[])));
        assert!(e.audible_to(&person("boss", Some(StaffRole::Steering), &[])));
        assert!(!e.audible_to(&person("g", None, &["gov"])));
        assert!(!e.audible_to(&Actor::anonymous()));
        assert!(Topic::Here(Place::Board).covers(&e) && !Topic::Here(Place::Case("c1".into())).covers(&e));
        assert!(!Topic::Cases.covers(&e));
    }

    #[test]
    fn events_survive_the_wire() {
        let e = event(ChangeKind::ScopeConfirmed);
        let json = serde_json::to_string(&e).expect("serialise");
        assert!(json.starts_with("{\"case\":"), "{json}");
        assert_eq!(serde_json::from_str::<LiveEvent>(&json).expect("deserialise"), e);
    }
}
