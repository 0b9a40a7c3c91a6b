//! A case's life as a state machine: Intake → Scoping → Matching → Introductions → Selection →
//! Agreement → Active → Closed, with On hold (until a date) from any open stage, sensible moves
//! back, and guards on what must be true before a stage is reached. Pure Rust, shared by the
//! browser (which offers only the moves allowed) and the server (which decides).

use serde::{Deserialize, Serialize};

keyed! {
    /// Where a case stands.
    #[derive(PartialOrd, Ord)]
    pub enum CaseStage {
        /// A request has arrived; nobody has looked at it yet.
        Intake = "intake" => CaseStageIntake,
        /// The Case Manager clarifies the need (often a short expert conversation first).
        Scoping = "scoping" => CaseStageScoping,
        /// Looking for providers that fit the scope.
        Matching = "matching" => CaseStageMatching,
        /// The government is introduced to shortlisted providers; the dialogue goes back and forth.
        Introductions = "introductions" => CaseStageIntroductions,
        /// The government chooses its providers.
        Selection = "selection" => CaseStageSelection,
        /// Everyone agrees the terms of engagement in writing.
        Agreement = "agreement" => CaseStageAgreement,
        /// The providers are at work.
        Active = "active" => CaseStageActive,
        /// Paused until a date.
        OnHold = "on_hold" => CaseStageOnHold,
        /// Over, with an outcome.
        Closed = "closed" => CaseStageClosed,
    }
}

impl CaseStage {
    /// Whether the case is still being worked on (not closed, not paused).
    pub fn is_open(self) -> bool {
        !matches!(self, CaseStage::OnHold | CaseStage::Closed)
    }
}

keyed! {
    /// How a case ended.
    pub enum Outcome {
        /// The government got the help it asked for.
        Successful = "successful" => CaseOutcomeSuccessful,
        /// No provider could help.
        NoSuitableProvider = "no_suitable_provider" => CaseOutcomeNoSuitableProvider,
        /// The government withdrew its request.
        Withdrawn = "withdrawn" => CaseOutcomeWithdrawn,
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

impl Refusal {
    /// The translated reason it gives, naming what to do.
    pub fn key(self) -> crate::i18n::K {
        use crate::i18n::K;
        match self {
            Refusal::NotAllowed => K::CaseRefusedNotAllowed,
            Refusal::NeedsCaseManager => K::CaseRefusedNeedsCaseManager,
            Refusal::NeedsScope => K::CaseRefusedNeedsScope,
            Refusal::NeedsConfirmedScope => K::CaseRefusedNeedsConfirmedScope,
            Refusal::NeedsShortlist => K::CaseRefusedNeedsShortlist,
            Refusal::NeedsSelection => K::CaseRefusedNeedsSelection,
            Refusal::NeedsAcceptedAgreement => K::CaseRefusedNeedsAgreement,
            Refusal::HoldDateInPast => K::CaseRefusedHoldDateInPast,
        }
    }
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

impl Refusal {
    /// Whether a move refused for this reason is still offered, so that choosing it says what
    /// to do first: someone can settle it from the case today (assign a Case Manager, write the
    /// scope, the government confirms it, shortlist a provider). A selection is the government's
    /// to make on its selection page (which moves the case on), and an accepted agreement moves
    /// the case to Active by itself, so moves that wait for them are not offered.
    pub fn is_actionable(self) -> bool {
        matches!(
            self,
            Refusal::NeedsCaseManager | Refusal::NeedsScope | Refusal::NeedsConfirmedScope | Refusal::NeedsShortlist
        )
    }
}

/// The moves the page offers from a stage given the case's `facts`: those [`apply`] allows, and
/// those it refuses for a reason someone can settle ([`Refusal::is_actionable`]), so the refusal
/// can say what to do. [`apply`] still decides.
pub fn moves_from(stage: CaseStage, held_from: Option<CaseStage>, facts: &CaseFacts) -> Vec<Move> {
    let offered = |mv: &Move| match apply(stage, held_from, *mv, facts, 0) {
        Ok(_) => true,
        Err(refusal) => refusal.is_actionable(),
    };
    CaseStage::ALL
        .into_iter()
        .map(Move::To)
        .chain([Move::Hold { until_day: 1 }, Move::Resume])
        .chain(Outcome::ALL.into_iter().map(Move::Close))
        .filter(offered)
        .collect()
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
    fn the_moves_offered_are_allowed_or_refused_for_a_reason_someone_can_settle() {
        for facts in [CaseFacts::everything(), CaseFacts::default()] {
            for stage in CaseStage::ALL {
                for mv in moves_from(stage, Some(Matching), &facts) {
                    match apply(stage, Some(Matching), mv, &facts, 0) {
                        Ok(_) => {}
                        Err(refusal) => assert!(refusal.is_actionable(), "{stage:?} {mv:?}: {refusal:?}"),
                    }
                }
            }
        }
        let all = CaseFacts::everything();
        assert!(moves_from(Intake, None, &all).contains(&Move::To(Scoping)));
        assert!(moves_from(Scoping, None, &CaseFacts::default()).contains(&Move::To(Matching)), "then says: a scope");
        assert!(moves_from(Closed, None, &all).is_empty());
    }

    #[test]
    fn moves_that_wait_for_the_parties_are_not_offered() {
        // what a Case Manager can settle from the case: a Case Manager, a confirmed scope, a shortlist
        let today = CaseFacts { selected: 0, agreement_accepted: false, ..CaseFacts::everything() };
        assert!(!moves_from(Selection, None, &today).contains(&Move::To(Agreement)));
        assert!(!moves_from(Agreement, None, &today).contains(&Move::To(Active)));
        assert!(!moves_from(Active, None, &today).contains(&Move::Close(Outcome::Successful)));
        assert!(moves_from(Active, None, &today).contains(&Move::Close(Outcome::Withdrawn)));
        assert!(moves_from(Selection, None, &today).contains(&Move::To(Introductions)), "back is always there");
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
