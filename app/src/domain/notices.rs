//! What needs someone: each kind of notification, shown in the app and mailed through the
//! outbox in the recipient's language. Those that ask for an action cannot be turned off.

keyed! {
    /// A kind of notification.
    pub enum NoticeKind {
        /// To the government: the scope is written and waits for its confirmation.
        ScopeReady = "scope_ready" => NoticeScopeReady,
        /// To the Case Manager: the government confirmed the scope.
        ScopeConfirmed = "scope_confirmed" => NoticeScopeConfirmed,
        /// To a provider: it was introduced and is asked to answer.
        Introduced = "introduced" => NoticeIntroduced,
        /// To the government: the Case Manager introduced it to providers.
        IntroductionMade = "introduction_made" => NoticeIntroductionMade,
        /// To the Case Manager and the government: a provider answered.
        IntroductionAnswered = "introduction_answered" => NoticeIntroductionAnswered,
        /// To a provider: its window to answer closes soon.
        IntroductionReminder = "introduction_reminder" => NoticeIntroductionReminder,
        /// To the Case Manager: an introduction lapsed without every answer.
        IntroductionLapsed = "introduction_lapsed" => NoticeIntroductionLapsed,
        /// To the steering committee: an introduction waits for approval.
        ApprovalNeeded = "approval_needed" => NoticeApprovalNeeded,
        /// To the Case Manager: the government wrote in its thread.
        GovernmentWrote = "government_wrote" => NoticeGovernmentWrote,
    }
}

impl NoticeKind {
    /// Whether it asks the recipient to do something (then no preference turns it off).
    pub fn needs_action(self) -> bool {
        matches!(
            self,
            NoticeKind::ScopeReady | NoticeKind::Introduced | NoticeKind::IntroductionReminder | NoticeKind::ApprovalNeeded
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back_and_those_asking_for_action_are_known() {
        for kind in NoticeKind::ALL {
            assert_eq!(NoticeKind::from_key(kind.key()), Some(kind));
        }
        assert!(NoticeKind::Introduced.needs_action());
        assert!(!NoticeKind::IntroductionAnswered.needs_action());
    }
}
