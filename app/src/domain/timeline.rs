//! What happened to a case, as typed changes: the timeline stores each one as JSON
//! (`case_events.change`), the live channel names its kind, and one function says which
//! audience may see which kind. Nothing re-parses a string to learn what a change meant.

use super::case::{CaseStage, Outcome};
use super::casework::Decision;
use super::introductions::{Answer, IntroKind};
use super::taxonomy::IssueArea;
use serde::{Deserialize, Serialize};

/// One change to a case, as recorded on its append-only timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    /// The request arrived and its case was opened.
    Opened,
    /// The case moved from one stage to another (put on hold until a day, or closed with an outcome).
    Stage {
        from: CaseStage,
        to: CaseStage,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        hold_until_day: Option<i64>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        outcome: Option<Outcome>,
    },
    /// The case was given to a Case Manager (`to`, a user id) or taken away (`to: None`).
    Assigned { from: Option<String>, to: Option<String> },
    /// The scope was written, about these issue areas.
    Scope { areas: Vec<IssueArea> },
    /// The government confirmed the scope it read.
    ScopeConfirmed,
    /// The next step (and the day it is due) was set.
    NextStep { step: String, due_day: Option<i64> },
    /// A decision on a matched provider (an organisation id); `None`: the decision was cleared.
    Decision { provider_id: String, decision: Option<Decision> },
    /// The Case Manager introduced the government to providers (or providers to each other).
    IntroductionMade { introduction_id: String, intro: IntroKind, providers: Vec<String> },
    /// A provider named by an introduction answered it (a decline's reason is the entry's reason).
    IntroductionAnswered { introduction_id: String, provider_id: String, answer: Answer },
    /// An introduction's window closed before every provider answered.
    IntroductionLapsed { introduction_id: String },
    /// The government selected these providers (organisation ids) among those who accepted.
    Selection { providers: Vec<String> },
    /// The Case Manager wrote a version of the agreement.
    AgreementWritten { version: i64 },
    /// A party accepted a version of the agreement (`party`: its name as it read then).
    AgreementAccepted { version: i64, party: String },
    /// The follow-up asked after `months`, answered by an organisation.
    FollowUpAnswered { months: i64, organisation_id: String, rating: i64 },
    /// A success story was published, or taken down (a party withdrew its consent).
    Story { published: bool },
}

keyed! {
    /// The kind of a change to a case, as the live channel names it; notes are changes too,
    /// though they live in their own list rather than on the timeline.
    pub enum ChangeKind {
        Opened = "opened",
        Stage = "stage",
        Assigned = "assigned",
        Scope = "scope",
        ScopeConfirmed = "scope_confirmed",
        NextStep = "next_step",
        Decision = "decision",
        Note = "note",
        Introduction = "introduction",
        Selection = "selection",
        Agreement = "agreement",
        FollowUp = "follow_up",
        Story = "story",
    }
}

/// Who is looking at a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// A member of the requesting government.
    Government,
    /// Staff who see the case but not its internals (another case's Case Manager).
    Staff,
    /// Those who see its internals: its Case Manager, steering, admins.
    CaseTeam,
}

impl ChangeKind {
    /// Whether `audience` may see changes of this kind: the case's stage, who works it and the
    /// scope are the government's business too; the next step is on every staff board; notes
    /// and decisions on providers stay with the case team. The one rule for timelines and the
    /// live channel alike.
    pub fn visible_to(self, audience: Audience) -> bool {
        use ChangeKind::*;
        let public = matches!(self, Opened | Stage | Assigned | Scope | ScopeConfirmed);
        // what the government decided and signed is its business; others' ratings are not
        let own = matches!(self, Introduction | Selection | Agreement | Story);
        match audience {
            Audience::CaseTeam => true,
            Audience::Staff => public || self == NextStep,
            // whom the government is introduced to is its business, not other staff's
            Audience::Government => public || own,
        }
    }
}

impl Change {
    /// Its kind.
    pub fn kind(&self) -> ChangeKind {
        match self {
            Change::Opened => ChangeKind::Opened,
            Change::Stage { .. } => ChangeKind::Stage,
            Change::Assigned { .. } => ChangeKind::Assigned,
            Change::Scope { .. } => ChangeKind::Scope,
            Change::ScopeConfirmed => ChangeKind::ScopeConfirmed,
            Change::NextStep { .. } => ChangeKind::NextStep,
            Change::Decision { .. } => ChangeKind::Decision,
            Change::IntroductionMade { .. }
            | Change::IntroductionAnswered { .. }
            | Change::IntroductionLapsed { .. } => ChangeKind::Introduction,
            Change::Selection { .. } => ChangeKind::Selection,
            Change::AgreementWritten { .. } | Change::AgreementAccepted { .. } => ChangeKind::Agreement,
            Change::FollowUpAnswered { .. } => ChangeKind::FollowUp,
            Change::Story { .. } => ChangeKind::Story,
        }
    }

    /// The stages it moved between, for the timeline's queryable columns.
    pub fn stages(&self) -> (Option<CaseStage>, Option<CaseStage>) {
        match self {
            Change::Opened => (None, Some(CaseStage::Intake)),
            Change::Stage { from, to, .. } => (Some(*from), Some(*to)),
            _ => (None, None),
        }
    }

    /// Whom it is about, by id: the Case Manager assigned (a user) or the provider decided on
    /// (an organisation), for the view to name.
    pub fn subject(&self) -> Option<Subject<'_>> {
        match self {
            Change::Assigned { to: Some(user), .. } => Some(Subject::User(user)),
            Change::Decision { provider_id, .. } | Change::IntroductionAnswered { provider_id, .. } => {
                Some(Subject::Organisation(provider_id))
            }
            Change::FollowUpAnswered { organisation_id, .. } => Some(Subject::Organisation(organisation_id)),
            Change::IntroductionMade { providers, .. } | Change::Selection { providers } => {
                providers.first().map(|p| Subject::Organisation(p))
            }
            _ => None,
        }
    }

    /// Reads a timeline entry written before changes were typed (`kind` and a `detail` text
    /// such as `"{from}→{to}"` or `"{provider}:{decision}"`); `None` when it cannot be read.
    pub fn from_legacy(kind: &str, from: Option<&str>, to: Option<&str>, detail: &str) -> Option<Change> {
        Some(match kind {
            "opened" => Change::Opened,
            "stage" => {
                let (from, to) = (CaseStage::from_key(from?)?, CaseStage::from_key(to?)?);
                let hold_until_day = if to == CaseStage::OnHold { detail.parse().ok() } else { None };
                let outcome = if to == CaseStage::Closed { Outcome::from_key(detail) } else { None };
                Change::Stage { from, to, hold_until_day, outcome }
            }
            "assigned" => {
                let (from, to) = detail.split_once('→')?;
                let id = |s: &str| (!s.is_empty()).then(|| s.to_string());
                Change::Assigned { from: id(from), to: id(to) }
            }
            "scope" => Change::Scope {
                areas: detail.split(',').filter(|k| !k.is_empty()).map(IssueArea::from_key).collect::<Option<_>>()?,
            },
            "scope_confirmed" => Change::ScopeConfirmed,
            // the due day was written into the text: the step as it read stays whole
            "next_step" => Change::NextStep { step: detail.to_string(), due_day: None },
            "decision" => {
                let (provider, decision) = detail.rsplit_once(':')?;
                let decision = match decision {
                    "cleared" => None,
                    key => Some(Decision::from_key(key)?),
                };
                Change::Decision { provider_id: provider.to_string(), decision }
            }
            _ => return None,
        })
    }
}

/// Whom a change is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Subject<'a> {
    User(&'a str),
    Organisation(&'a str),
}

keyed! {
    /// A note's kind: what was learnt scoping the request, or an internal note.
    pub enum NoteKind {
        Scoping = "scoping",
        Internal = "internal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_change() -> Vec<Change> {
        vec![
            Change::Opened,
            Change::Stage { from: CaseStage::Intake, to: CaseStage::Scoping, hold_until_day: None, outcome: None },
            Change::Stage {
                from: CaseStage::Scoping,
                to: CaseStage::OnHold,
                hold_until_day: Some(20_500),
                outcome: None,
            },
            Change::Stage {
                from: CaseStage::Active,
                to: CaseStage::Closed,
                hold_until_day: None,
                outcome: Some(Outcome::Successful),
            },
            Change::Assigned { from: None, to: Some("u1".into()) },
            Change::Assigned { from: Some("u1".into()), to: None },
            Change::Scope { areas: vec![IssueArea::OpenData, IssueArea::FiscalOpenness] },
            Change::ScopeConfirmed,
            Change::NextStep { step: "Call the ministry".into(), due_day: Some(20_600) },
            Change::Decision { provider_id: "o1".into(), decision: Some(Decision::Shortlisted) },
            Change::Decision { provider_id: "o1".into(), decision: None },
            Change::IntroductionMade {
                introduction_id: "i1".into(),
                intro: IntroKind::Engagement,
                providers: vec!["o1".into(), "o2".into()],
            },
            Change::IntroductionAnswered {
                introduction_id: "i1".into(),
                provider_id: "o1".into(),
                answer: Answer::Declined,
            },
            Change::IntroductionLapsed { introduction_id: "i1".into() },
            Change::Selection { providers: vec!["o1".into()] },
            Change::AgreementWritten { version: 2 },
            Change::AgreementAccepted { version: 2, party: "Ministry".into() },
            Change::FollowUpAnswered { months: 3, organisation_id: "o1".into(), rating: 4 },
            Change::Story { published: true },
        ]
    }

    #[test]
    fn every_change_survives_json() {
        for change in every_change() {
            let json = serde_json::to_string(&change).expect("serialise");
            assert!(json.contains(&format!("\"kind\":\"{}", change.kind().key())), "{json}");
            assert_eq!(serde_json::from_str::<Change>(&json).expect("deserialise"), change, "{json}");
        }
    }

    #[test]
    fn an_unknown_or_malformed_change_does_not_read() {
        for bad in [
            r#"{"kind":"teleported"}"#,
            r#"{"kind":"stage","from":"intake","to":"nowhere"}"#,
            r#"{"kind":"stage","from":"intake"}"#,
            r#"{"kind":"decision","provider_id":"o1","decision":"maybe"}"#,
            "",
            "not json",
        ] {
            assert!(serde_json::from_str::<Change>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn what_each_audience_sees() {
        use ChangeKind::*;
        let public = [Opened, Stage, Assigned, Scope, ScopeConfirmed];
        for kind in ChangeKind::ALL {
            assert!(kind.visible_to(Audience::CaseTeam), "{kind:?}");
            assert_eq!(
                kind.visible_to(Audience::Government),
                public.contains(&kind) || [Introduction, Selection, Agreement, Story].contains(&kind),
                "{kind:?}"
            );
            assert_eq!(kind.visible_to(Audience::Staff), public.contains(&kind) || kind == NextStep, "{kind:?}");
        }
    }

    #[test]
    fn legacy_entries_read_as_the_changes_they_recorded() {
        let stage = |from, to, detail| ("stage", Some(from), Some(to), detail);
        let cases = [
            (("opened", None, None, ""), Change::Opened),
            (
                stage("intake", "on_hold", "20500"),
                Change::Stage {
                    from: CaseStage::Intake,
                    to: CaseStage::OnHold,
                    hold_until_day: Some(20_500),
                    outcome: None,
                },
            ),
            (
                stage("active", "closed", "withdrawn"),
                Change::Stage {
                    from: CaseStage::Active,
                    to: CaseStage::Closed,
                    hold_until_day: None,
                    outcome: Some(Outcome::Withdrawn),
                },
            ),
            (("assigned", None, None, "→u2"), Change::Assigned { from: None, to: Some("u2".into()) }),
            (("assigned", None, None, "u2→"), Change::Assigned { from: Some("u2".into()), to: None }),
            (("scope", None, None, "open_data"), Change::Scope { areas: vec![IssueArea::OpenData] }),
            (
                ("decision", None, None, "o1:pinned"),
                Change::Decision { provider_id: "o1".into(), decision: Some(Decision::Pinned) },
            ),
            (("decision", None, None, "o1:cleared"), Change::Decision { provider_id: "o1".into(), decision: None }),
        ];
        for ((kind, from, to, detail), want) in cases {
            assert_eq!(Change::from_legacy(kind, from, to, detail), Some(want), "{kind} {detail}");
        }
        assert_eq!(Change::from_legacy("stage", Some("intake"), Some("nowhere"), ""), None);
        assert_eq!(Change::from_legacy("assigned", None, None, "u1"), None);
        assert_eq!(Change::from_legacy("teleported", None, None, ""), None);
    }

    #[test]
    fn note_kinds_round_trip() {
        for kind in [NoteKind::Scoping, NoteKind::Internal] {
            assert_eq!(NoteKind::from_key(kind.key()), Some(kind));
        }
        assert_eq!(NoteKind::from_key("gossip"), None);
    }
}
