//! A case's life as a state machine: Intake → Scoping → Matching → Introductions → Selection →
//! Agreement → Active → Closed, with On hold (until a date) from any open stage, sensible moves
//! back, and guards on what must be true before a stage is reached. Pure Rust, shared by the
//! browser (which offers only the moves allowed) and the server (which decides).

use serde::{Deserialize, Serialize};

/// Where a case stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStage {
    /// A request has arrived; nobody has looked at it yet.
    Intake,
    /// The Case Manager clarifies the need (often a short expert conversation first).
    Scoping,
    /// Looking for providers that fit the scope.
    Matching,
    /// The government is introduced to shortlisted providers; the dialogue goes back and forth.
    Introductions,
    /// The government chooses its providers.
    Selection,
    /// Everyone agrees the terms of engagement in writing.
    Agreement,
    /// The providers are at work.
    Active,
    /// Paused until a date.
    OnHold,
    /// Over, with an outcome.
    Closed,
}

impl CaseStage {
    /// Every stage, in the order of a case's life (On hold and Closed last).
    pub const ALL: [CaseStage; 9] = [
        CaseStage::Intake,
        CaseStage::Scoping,
        CaseStage::Matching,
        CaseStage::Introductions,
        CaseStage::Selection,
        CaseStage::Agreement,
        CaseStage::Active,
        CaseStage::OnHold,
        CaseStage::Closed,
    ];

    /// The stable key stored in the database.
    pub fn key(self) -> &'static str {
        match self {
            CaseStage::Intake => "intake",
            CaseStage::Scoping => "scoping",
            CaseStage::Matching => "matching",
            CaseStage::Introductions => "introductions",
            CaseStage::Selection => "selection",
            CaseStage::Agreement => "agreement",
            CaseStage::Active => "active",
            CaseStage::OnHold => "on_hold",
            CaseStage::Closed => "closed",
        }
    }

    /// Parses a key.
    pub fn from_key(key: &str) -> Option<CaseStage> {
        CaseStage::ALL.into_iter().find(|s| s.key() == key)
    }

    /// The catalogue key of its name.
    pub fn label(self) -> crate::i18n::K {
        use crate::i18n::K;
        match self {
            CaseStage::Intake => K::CaseStageIntake,
            CaseStage::Scoping => K::CaseStageScoping,
            CaseStage::Matching => K::CaseStageMatching,
            CaseStage::Introductions => K::CaseStageIntroductions,
            CaseStage::Selection => K::CaseStageSelection,
            CaseStage::Agreement => K::CaseStageAgreement,
            CaseStage::Active => K::CaseStageActive,
            CaseStage::OnHold => K::CaseStageOnHold,
            CaseStage::Closed => K::CaseStageClosed,
        }
    }

    /// Whether the case is still being worked on (not closed, not paused).
    pub fn is_open(self) -> bool {
        !matches!(self, CaseStage::OnHold | CaseStage::Closed)
    }
}

/// How a case ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// The government got the help it asked for.
    Successful,
    /// No provider could help.
    NoSuitableProvider,
    /// The government withdrew its request.
    Withdrawn,
}

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 3] = [Outcome::Successful, Outcome::NoSuitableProvider, Outcome::Withdrawn];

    /// The stable key.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Successful => "successful",
            Outcome::NoSuitableProvider => "no_suitable_provider",
            Outcome::Withdrawn => "withdrawn",
        }
    }

    /// The catalogue key of its name.
    pub fn label(self) -> crate::i18n::K {
        use crate::i18n::K;
        match self {
            Outcome::Successful => K::CaseOutcomeSuccessful,
            Outcome::NoSuitableProvider => K::CaseOutcomeNoSuitableProvider,
            Outcome::Withdrawn => K::CaseOutcomeWithdrawn,
        }
    }

    /// Parses a key.
    pub fn from_key(key: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.key() == key)
    }
}

/// What is known about a case when a move is asked for (read in the same transaction).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CaseFacts {
    /// A Case Manager is assigned.
    pub has_case_manager: bool,
    /// The structured scope has at least one issue area.
    pub has_scope: bool,
    /// The government confirmed the scope.
    pub scope_confirmed: bool,
    /// Providers on the shortlist.
    pub shortlisted: usize,
    /// Providers the government selected.
    pub selected: usize,
    /// Everyone accepted the written agreement.
    pub agreement_accepted: bool,
}

/// A move asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Move {
    /// To another working stage.
    To(CaseStage),
    /// Pause until a day (days since 1970-01-01, UTC).
    Hold { until_day: i64 },
    /// Back from On hold to the stage it was paused in.
    Resume,
    /// Close with an outcome.
    Close(Outcome),
}

/// Why a move is refused. Each names what to do instead (the message keys say it to people).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// This move does not exist from this stage.
    NotAllowed,
    /// Assign a Case Manager first.
    NeedsCaseManager,
    /// Write a scope with at least one issue area first.
    NeedsScope,
    /// The government must confirm the scope first.
    NeedsConfirmedScope,
    /// Shortlist at least one provider first.
    NeedsShortlist,
    /// The government must select a provider first.
    NeedsSelection,
    /// Everyone must accept the agreement first.
    NeedsAcceptedAgreement,
    /// A resume date must be after today.
    HoldDateInPast,
}

/// The stage a move leads to from `stage` (with `held_from`: the stage an On hold case was paused
/// in), or why it is refused. `today` is days since 1970-01-01 (UTC).
pub fn apply(
    stage: CaseStage,
    held_from: Option<CaseStage>,
    mv: Move,
    facts: &CaseFacts,
    today: i64,
) -> Result<CaseStage, Refusal> {
    use CaseStage::*;
    match mv {
        Move::Hold { until_day } => {
            if !stage.is_open() {
                return Err(Refusal::NotAllowed);
            }
            if until_day <= today {
                return Err(Refusal::HoldDateInPast);
            }
            Ok(OnHold)
        }
        Move::Resume => match (stage, held_from) {
            (OnHold, Some(back)) if back.is_open() => Ok(back),
            _ => Err(Refusal::NotAllowed),
        },
        Move::Close(outcome) => {
            // a case on hold may be closed too (a withdrawn request waits for nothing)
            if stage == Closed {
                return Err(Refusal::NotAllowed);
            }
            match outcome {
                Outcome::Successful if stage != Active => Err(Refusal::NotAllowed),
                Outcome::Successful if !facts.agreement_accepted => Err(Refusal::NeedsAcceptedAgreement),
                _ => Ok(Closed),
            }
        }
        Move::To(to) => {
            let allowed = matches!(
                (stage, to),
                // forward, one stage at a time
                (Intake, Scoping)
                    | (Scoping, Matching)
                    | (Matching, Introductions)
                    | (Introductions, Selection)
                    | (Selection, Agreement)
                    | (Agreement, Active)
                    // back, when the dialogue shows the scope or the shortlist was wrong
                    | (Matching, Scoping)
                    | (Introductions, Matching)
                    | (Introductions, Scoping)
                    | (Selection, Introductions)
                    | (Selection, Matching)
                    | (Agreement, Selection)
            );
            if !allowed {
                return Err(Refusal::NotAllowed);
            }
            let guard = match to {
                Scoping if !facts.has_case_manager => Some(Refusal::NeedsCaseManager),
                Matching if !facts.has_scope => Some(Refusal::NeedsScope),
                Introductions if !facts.scope_confirmed => Some(Refusal::NeedsConfirmedScope),
                Introductions if facts.shortlisted == 0 => Some(Refusal::NeedsShortlist),
                Agreement | Active if facts.selected == 0 => Some(Refusal::NeedsSelection),
                Active if !facts.agreement_accepted => Some(Refusal::NeedsAcceptedAgreement),
                _ => None,
            };
            guard.map_or(Ok(to), Err)
        }
    }
}

/// Every move worth offering from a stage (the page shows them; [`apply`] still decides).
pub fn moves_from(stage: CaseStage, held_from: Option<CaseStage>) -> Vec<Move> {
    let mut out: Vec<Move> = CaseStage::ALL
        .into_iter()
        .filter(|to| apply(stage, held_from, Move::To(*to), &CaseFacts::everything(), 0).is_ok())
        .map(Move::To)
        .collect();
    if stage.is_open() {
        out.push(Move::Hold { until_day: 1 });
    }
    if stage == CaseStage::OnHold {
        out.push(Move::Resume);
    }
    if stage != CaseStage::Closed {
        out.extend(
            Outcome::ALL
                .into_iter()
                .filter(|o| *o != Outcome::Successful || stage == CaseStage::Active)
                .map(Move::Close),
        );
    }
    out
}

impl CaseFacts {
    /// Facts under which no guard refuses (to list the moves a stage allows).
    pub fn everything() -> CaseFacts {
        CaseFacts {
            has_case_manager: true,
            has_scope: true,
            scope_confirmed: true,
            shortlisted: 1,
            selected: 1,
            agreement_accepted: true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseStage::*;

    /// The designed table: every (from, to) working move, with every guard satisfied.
    fn designed(from: CaseStage, to: CaseStage) -> bool {
        matches!(
            (from, to),
            (Intake, Scoping)
                | (Scoping, Matching)
                | (Matching, Introductions)
                | (Introductions, Selection)
                | (Selection, Agreement)
                | (Agreement, Active)
                | (Matching, Scoping)
                | (Introductions, Matching)
                | (Introductions, Scoping)
                | (Selection, Introductions)
                | (Selection, Matching)
                | (Agreement, Selection)
        )
    }

    #[test]
    fn every_stage_pair_is_allowed_or_refused_as_designed() {
        let all = CaseFacts::everything();
        let mut checked = 0;
        for from in CaseStage::ALL {
            for to in CaseStage::ALL {
                let got = apply(from, Some(Scoping), Move::To(to), &all, 0);
                if designed(from, to) {
                    assert_eq!(got, Ok(to), "{from:?} → {to:?}");
                } else {
                    assert_eq!(got, Err(Refusal::NotAllowed), "{from:?} → {to:?}");
                }
                checked += 1;
            }
        }
        assert_eq!(checked, 81);
    }

    #[test]
    fn guards_say_what_is_missing() {
        let none = CaseFacts::default();
        assert_eq!(apply(Intake, None, Move::To(Scoping), &none, 0), Err(Refusal::NeedsCaseManager));
        let cm = CaseFacts { has_case_manager: true, ..none };
        assert_eq!(apply(Scoping, None, Move::To(Matching), &cm, 0), Err(Refusal::NeedsScope));
        let scoped = CaseFacts { has_scope: true, ..cm };
        assert_eq!(apply(Matching, None, Move::To(Introductions), &scoped, 0), Err(Refusal::NeedsConfirmedScope));
        let confirmed = CaseFacts { scope_confirmed: true, ..scoped };
        assert_eq!(apply(Matching, None, Move::To(Introductions), &confirmed, 0), Err(Refusal::NeedsShortlist));
        let listed = CaseFacts { shortlisted: 2, ..confirmed };
        assert_eq!(apply(Selection, None, Move::To(Agreement), &listed, 0), Err(Refusal::NeedsSelection));
        let selected = CaseFacts { selected: 1, ..listed };
        assert_eq!(apply(Agreement, None, Move::To(Active), &selected, 0), Err(Refusal::NeedsAcceptedAgreement));
        assert_eq!(
            apply(Active, None, Move::Close(Outcome::Successful), &selected, 0),
            Err(Refusal::NeedsAcceptedAgreement),
            "no successful close without an accepted agreement"
        );
        let agreed = CaseFacts { agreement_accepted: true, ..selected };
        assert_eq!(apply(Active, None, Move::Close(Outcome::Successful), &agreed, 0), Ok(Closed));
        assert_eq!(apply(Selection, None, Move::Close(Outcome::Successful), &agreed, 0), Err(Refusal::NotAllowed));
    }

    #[test]
    fn any_open_stage_can_be_held_until_a_later_day_and_resumed_where_it_was() {
        let all = CaseFacts::everything();
        for stage in CaseStage::ALL {
            let held = apply(stage, None, Move::Hold { until_day: 11 }, &all, 10);
            if stage.is_open() {
                assert_eq!(held, Ok(OnHold), "{stage:?}");
                assert_eq!(apply(OnHold, Some(stage), Move::Resume, &all, 10), Ok(stage));
                assert_eq!(apply(stage, None, Move::Hold { until_day: 10 }, &all, 10), Err(Refusal::HoldDateInPast));
            } else {
                assert_eq!(held, Err(Refusal::NotAllowed), "{stage:?}");
            }
        }
        assert_eq!(apply(Matching, None, Move::Resume, &all, 0), Err(Refusal::NotAllowed));
        assert_eq!(apply(OnHold, None, Move::Resume, &all, 0), Err(Refusal::NotAllowed), "nowhere to go back to");
    }

    #[test]
    fn any_case_but_a_closed_one_can_be_withdrawn_or_closed_without_a_provider() {
        for stage in CaseStage::ALL {
            for outcome in [Outcome::Withdrawn, Outcome::NoSuitableProvider] {
                let got = apply(stage, Some(Scoping), Move::Close(outcome), &CaseFacts::default(), 0);
                assert_eq!(got.is_ok(), stage != Closed, "{stage:?} {outcome:?}");
            }
        }
    }

    #[test]
    fn the_moves_offered_are_the_moves_allowed() {
        for stage in CaseStage::ALL {
            for mv in moves_from(stage, Some(Matching)) {
                let mv = match mv {
                    Move::Hold { .. } => Move::Hold { until_day: 5 },
                    other => other,
                };
                assert!(apply(stage, Some(Matching), mv, &CaseFacts::everything(), 0).is_ok(), "{stage:?} {mv:?}");
            }
        }
        assert!(moves_from(Closed, None).is_empty());
    }

    #[test]
    fn keys_round_trip() {
        for s in CaseStage::ALL {
            assert_eq!(CaseStage::from_key(s.key()), Some(s));
        }
        for o in Outcome::ALL {
            assert_eq!(Outcome::from_key(o.key()), Some(o));
        }
    }
}
