//! Introductions, as pure rules: the Case Manager introduces the government to providers (or
//! providers to each other) within a case; each provider named answers within a response window
//! of business days; an introduction nobody answered in time lapses. Shared by the browser
//! (which offers only what is allowed) and the server (which decides).

use super::case::{apply, CaseFacts, CaseStage, Move, Refusal};
use super::casework::TEXT_MAX;
use crate::i18n::K;

/// Most providers one introduction names.
pub const MAX_PROVIDERS: usize = 5;
/// The response window when none is configured, in business days.
pub const DEFAULT_WINDOW_DAYS: u32 = 5;
/// How long before the window closes the reminder goes out.
pub const REMIND_BEFORE_MS: i64 = 24 * 3600 * 1000;
const DAY_MS: i64 = 24 * 3600 * 1000;

keyed! {
    /// What an introduction is for.
    pub enum IntroKind {
        /// A short expert conversation that helps refine a vague request (from Scoping on).
        Scoping = "scoping" => IntroKindScoping,
        /// Providers who may take on the work (from the shortlist; moves the case to Introductions).
        Engagement = "engagement" => IntroKindEngagement,
    }
}

keyed! {
    /// Where an introduction stands.
    pub enum IntroStatus {
        /// Waiting for a steering committee member's approval before anyone is told.
        AwaitingApproval = "awaiting_approval" => IntroStatusAwaitingApproval,
        /// Sent; waiting for the providers' answers.
        Waiting = "waiting" => IntroStatusWaiting,
        /// Every provider accepted: its thread is open.
        Accepted = "accepted" => IntroStatusAccepted,
        /// A provider declined.
        Declined = "declined" => IntroStatusDeclined,
        /// The window closed before every provider answered.
        Lapsed = "lapsed" => IntroStatusLapsed,
    }
}

keyed! {
    /// A provider's answer.
    pub enum Answer {
        Accepted = "accepted" => IntroAnswerAccepted,
        Declined = "declined" => IntroAnswerDeclined,
    }
}

/// Why an introduction cannot be made or answered. Each names what to do instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IntroRefusal {
    /// The case is closed or on hold.
    CaseNotOpen,
    /// Scoping conversations start at Scoping; engagement introductions at Matching.
    TooEarly,
    /// The case cannot move to Introductions yet (confirmed scope, shortlist…).
    Move(Refusal),
    /// Name at least one provider (two when the government is not a party).
    TooFewParties,
    /// At most [`MAX_PROVIDERS`].
    TooManyParties,
    /// An engagement introduction names shortlisted providers only.
    NotShortlisted,
    /// Say why (the note is required).
    NoteRequired,
    NoteTooLong,
    /// The one answering is not a party.
    NotAParty,
    /// This provider already answered.
    AlreadyAnswered,
    /// The introduction is not waiting for answers (awaiting approval, closed or lapsed).
    NotWaiting,
    /// A decline needs a reason.
    ReasonRequired,
    ReasonTooLong,
    /// Only an introduction awaiting approval can be approved.
    NotAwaitingApproval,
}

impl IntroRefusal {
    /// The message saying it to people.
    pub fn key(self) -> K {
        match self {
            IntroRefusal::CaseNotOpen => K::IntroErrorCaseNotOpen,
            IntroRefusal::TooEarly => K::IntroErrorTooEarly,
            IntroRefusal::Move(r) => r.key(),
            IntroRefusal::TooFewParties => K::IntroErrorTooFewParties,
            IntroRefusal::TooManyParties => K::IntroErrorTooManyParties,
            IntroRefusal::NotShortlisted => K::IntroErrorNotShortlisted,
            IntroRefusal::NoteRequired => K::ErrorRequired,
            IntroRefusal::NoteTooLong | IntroRefusal::ReasonTooLong => K::ErrorTooLong,
            IntroRefusal::NotAParty => K::IntroErrorNotAParty,
            IntroRefusal::AlreadyAnswered => K::IntroErrorAlreadyAnswered,
            IntroRefusal::NotWaiting => K::IntroErrorNotWaiting,
            IntroRefusal::ReasonRequired => K::IntroErrorReasonRequired,
            IntroRefusal::NotAwaitingApproval => K::IntroErrorNotAwaitingApproval,
        }
    }
}

/// An introduction asked for, as its form gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewIntroduction<'a> {
    pub kind: IntroKind,
    /// Provider organisations, by id (distinct).
    pub providers: &'a [String],
    /// Whether the requesting government is a party.
    pub with_government: bool,
    pub note: &'a str,
}

/// Checks an introduction against the case as it stands (`shortlist`: its shortlisted
/// providers). Returns the stage the case moves to when this introduction is sent (`None`:
/// it stays where it is).
pub fn check_new(
    stage: CaseStage,
    facts: &CaseFacts,
    shortlist: &[String],
    new: &NewIntroduction<'_>,
    today: i64,
) -> Result<Option<CaseStage>, IntroRefusal> {
    use CaseStage::*;
    if !stage.is_open() {
        return Err(IntroRefusal::CaseNotOpen);
    }
    let min = if new.with_government { 1 } else { 2 };
    if new.providers.len() < min {
        return Err(IntroRefusal::TooFewParties);
    }
    if new.providers.len() > MAX_PROVIDERS {
        return Err(IntroRefusal::TooManyParties);
    }
    let note = new.note.trim();
    if note.is_empty() {
        return Err(IntroRefusal::NoteRequired);
    }
    if note.chars().count() > TEXT_MAX {
        return Err(IntroRefusal::NoteTooLong);
    }
    match new.kind {
        IntroKind::Scoping => match stage {
            Intake => Err(IntroRefusal::TooEarly),
            _ => Ok(None),
        },
        IntroKind::Engagement => {
            if matches!(stage, Intake | Scoping) {
                return Err(IntroRefusal::TooEarly);
            }
            if !new.providers.iter().all(|p| shortlist.contains(p)) {
                return Err(IntroRefusal::NotShortlisted);
            }
            if stage == Matching {
                apply(stage, None, Move::To(Introductions), facts, today).map_err(IntroRefusal::Move)?;
                Ok(Some(Introductions))
            } else {
                Ok(None)
            }
        }
    }
}

/// One provider named by an introduction, with its answer so far.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Party {
    pub organisation_id: String,
    pub answer: Option<Answer>,
}

/// Where an introduction stands, from its parties' answers and its window (`respond_by`, ms;
/// `None` while it awaits approval).
pub fn status_of(parties: &[Party], respond_by: Option<i64>, now: i64) -> IntroStatus {
    let Some(respond_by) = respond_by else { return IntroStatus::AwaitingApproval };
    if parties.iter().any(|p| p.answer == Some(Answer::Declined)) {
        IntroStatus::Declined
    } else if !parties.is_empty() && parties.iter().all(|p| p.answer == Some(Answer::Accepted)) {
        IntroStatus::Accepted
    } else if now > respond_by {
        IntroStatus::Lapsed
    } else {
        IntroStatus::Waiting
    }
}

/// Checks an answer by `organisation` (one the person answering belongs to). Returns the
/// reason to record (trimmed).
pub fn check_answer(
    status: IntroStatus,
    parties: &[Party],
    organisation: &str,
    answer: Answer,
    reason: &str,
) -> Result<String, IntroRefusal> {
    let party = parties.iter().find(|p| p.organisation_id == organisation).ok_or(IntroRefusal::NotAParty)?;
    if party.answer.is_some() {
        return Err(IntroRefusal::AlreadyAnswered);
    }
    if status != IntroStatus::Waiting {
        return Err(IntroRefusal::NotWaiting);
    }
    let reason = reason.trim();
    if answer == Answer::Declined && reason.is_empty() {
        return Err(IntroRefusal::ReasonRequired);
    }
    if reason.chars().count() > super::casework::SHORT_MAX {
        return Err(IntroRefusal::ReasonTooLong);
    }
    Ok(reason.to_string())
}

/// The day of the week of a day number (0 = Monday … 6 = Sunday); 1970-01-01 was a Thursday.
fn weekday(day: i64) -> i64 {
    (day + 3).rem_euclid(7)
}

/// The moment `days` business days (Monday to Friday) after `from` (ms), at the same time of day.
pub fn respond_by(from: i64, days: u32) -> i64 {
    let mut at = from;
    let mut left = days;
    while left > 0 {
        at += DAY_MS;
        if weekday(at.div_euclid(DAY_MS)) < 5 {
            left -= 1;
        }
    }
    at
}

/// Whether the reminder is due: the introduction is waiting, not reminded yet, and its window
/// closes within [`REMIND_BEFORE_MS`].
pub fn reminder_due(status: IntroStatus, respond_by: Option<i64>, reminded: bool, now: i64) -> bool {
    status == IntroStatus::Waiting
        && !reminded
        && respond_by.is_some_and(|by| now >= by - REMIND_BEFORE_MS && now <= by)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn ready() -> CaseFacts {
        CaseFacts {
            has_case_manager: true,
            has_scope: true,
            scope_confirmed: true,
            shortlisted: 2,
            ..CaseFacts::default()
        }
    }

    fn new<'a>(kind: IntroKind, providers: &'a [String], with_government: bool) -> NewIntroduction<'a> {
        NewIntroduction { kind, providers, with_government, note: "They drafted a similar law in 2019." }
    }

    #[test]
    fn an_engagement_introduction_from_matching_moves_the_case_on() {
        let p = ids(&["a"]);
        let short = ids(&["a", "b"]);
        let n = new(IntroKind::Engagement, &p, true);
        assert_eq!(check_new(CaseStage::Matching, &ready(), &short, &n, 0), Ok(Some(CaseStage::Introductions)));
        assert_eq!(check_new(CaseStage::Introductions, &ready(), &short, &n, 0), Ok(None));
        let unconfirmed = CaseFacts { scope_confirmed: false, ..ready() };
        assert_eq!(
            check_new(CaseStage::Matching, &unconfirmed, &short, &n, 0),
            Err(IntroRefusal::Move(Refusal::NeedsConfirmedScope))
        );
        assert_eq!(check_new(CaseStage::Scoping, &ready(), &short, &n, 0), Err(IntroRefusal::TooEarly));
        let stranger = ids(&["z"]);
        assert_eq!(
            check_new(CaseStage::Introductions, &ready(), &short, &new(IntroKind::Engagement, &stranger, true), 0),
            Err(IntroRefusal::NotShortlisted)
        );
    }

    #[test]
    fn a_scoping_conversation_is_possible_from_scoping_and_moves_nothing() {
        let p = ids(&["expert"]);
        let n = new(IntroKind::Scoping, &p, true);
        assert_eq!(check_new(CaseStage::Intake, &ready(), &[], &n, 0), Err(IntroRefusal::TooEarly));
        for stage in [CaseStage::Scoping, CaseStage::Matching, CaseStage::Introductions, CaseStage::Active] {
            assert_eq!(check_new(stage, &ready(), &[], &n, 0), Ok(None), "{stage:?}");
        }
        for stage in [CaseStage::OnHold, CaseStage::Closed] {
            assert_eq!(check_new(stage, &ready(), &[], &n, 0), Err(IntroRefusal::CaseNotOpen), "{stage:?}");
        }
    }

    #[test]
    fn parties_and_note_are_checked() {
        let one = ids(&["a"]);
        let two = ids(&["a", "b"]);
        let many = ids(&["a", "b", "c", "d", "e", "f"]);
        let short = many.clone();
        let at = CaseStage::Introductions;
        // providers among themselves need two of them
        assert_eq!(
            check_new(at, &ready(), &short, &new(IntroKind::Engagement, &one, false), 0),
            Err(IntroRefusal::TooFewParties)
        );
        assert_eq!(check_new(at, &ready(), &short, &new(IntroKind::Engagement, &two, false), 0), Ok(None));
        assert_eq!(
            check_new(at, &ready(), &short, &new(IntroKind::Engagement, &[], true), 0),
            Err(IntroRefusal::TooFewParties)
        );
        assert_eq!(
            check_new(at, &ready(), &short, &new(IntroKind::Engagement, &many, true), 0),
            Err(IntroRefusal::TooManyParties)
        );
        let blank = NewIntroduction { note: "  ", ..new(IntroKind::Engagement, &one, true) };
        assert_eq!(check_new(at, &ready(), &short, &blank, 0), Err(IntroRefusal::NoteRequired));
        let long = "x".repeat(TEXT_MAX + 1);
        let long = NewIntroduction { note: &long, ..new(IntroKind::Engagement, &one, true) };
        assert_eq!(check_new(at, &ready(), &short, &long, 0), Err(IntroRefusal::NoteTooLong));
    }

    fn party(org: &str, answer: Option<Answer>) -> Party {
        Party { organisation_id: org.into(), answer }
    }

    #[test]
    fn status_follows_the_answers_and_the_window() {
        let waiting = [party("a", None), party("b", Some(Answer::Accepted))];
        assert_eq!(status_of(&waiting, None, 0), IntroStatus::AwaitingApproval);
        assert_eq!(status_of(&waiting, Some(100), 50), IntroStatus::Waiting);
        assert_eq!(status_of(&waiting, Some(100), 101), IntroStatus::Lapsed);
        let all = [party("a", Some(Answer::Accepted)), party("b", Some(Answer::Accepted))];
        assert_eq!(status_of(&all, Some(100), 500), IntroStatus::Accepted);
        let one_no = [party("a", Some(Answer::Declined)), party("b", None)];
        assert_eq!(status_of(&one_no, Some(100), 50), IntroStatus::Declined);
    }

    #[test]
    fn answers_are_checked() {
        let parties = [party("a", None), party("b", Some(Answer::Accepted))];
        let w = IntroStatus::Waiting;
        assert_eq!(check_answer(w, &parties, "a", Answer::Accepted, " "), Ok(String::new()));
        assert_eq!(check_answer(w, &parties, "a", Answer::Declined, ""), Err(IntroRefusal::ReasonRequired));
        assert_eq!(check_answer(w, &parties, "a", Answer::Declined, " Busy until June "), Ok("Busy until June".into()));
        assert_eq!(check_answer(w, &parties, "b", Answer::Declined, "x"), Err(IntroRefusal::AlreadyAnswered));
        assert_eq!(check_answer(w, &parties, "z", Answer::Accepted, ""), Err(IntroRefusal::NotAParty));
        for s in [IntroStatus::Lapsed, IntroStatus::AwaitingApproval, IntroStatus::Declined] {
            assert_eq!(check_answer(s, &parties, "a", Answer::Accepted, ""), Err(IntroRefusal::NotWaiting), "{s:?}");
        }
    }

    #[test]
    fn the_window_counts_business_days_only() {
        // 2026-11-27 is a Friday: five business days later is the next Friday
        let friday = crate::domain::time::day_number("2026-11-27").expect("a date") * DAY_MS + 9 * 3600 * 1000;
        let by = respond_by(friday, 5);
        assert_eq!(crate::domain::time::format_day(by / DAY_MS), "2026-12-04");
        assert_eq!(by % DAY_MS, 9 * 3600 * 1000);
        // one business day after a Friday is the Monday
        assert_eq!(crate::domain::time::format_day(respond_by(friday, 1) / DAY_MS), "2026-11-30");
        assert_eq!(respond_by(friday, 0), friday);
    }

    #[test]
    fn the_reminder_goes_out_once_in_the_last_day() {
        let by = 10 * DAY_MS;
        let w = IntroStatus::Waiting;
        assert!(!reminder_due(w, Some(by), false, by - 2 * DAY_MS));
        assert!(reminder_due(w, Some(by), false, by - 3600 * 1000));
        assert!(!reminder_due(w, Some(by), true, by - 3600 * 1000));
        assert!(!reminder_due(IntroStatus::Accepted, Some(by), false, by - 3600 * 1000));
        assert!(!reminder_due(w, Some(by), false, by + 1));
    }
}
