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
        /// To the chosen providers and the Case Manager: the government selected.
        ProvidersSelected = "providers_selected" => NoticeProvidersSelected,
        /// To every party: a version of the agreement waits for their acceptance.
        AgreementToAccept = "agreement_to_accept" => NoticeAgreementToAccept,
        /// To every party: everyone accepted, the engagement is active.
        AgreementActive = "agreement_active" => NoticeAgreementActive,
        /// To each side: how did it go, three or six months after the agreement.
        FollowUpAsked = "follow_up_asked" => NoticeFollowUpAsked,
        /// To every party: a success story waits for their approval.
        StoryToApprove = "story_to_approve" => NoticeStoryToApprove,
    }
}

impl NoticeKind {
    /// Whether it asks the recipient to do something (then no preference turns it off).
    pub fn needs_action(self) -> bool {
        matches!(
            self,
            NoticeKind::ScopeReady
                | NoticeKind::Introduced
                | NoticeKind::IntroductionReminder
                | NoticeKind::ApprovalNeeded
                | NoticeKind::AgreementToAccept
                | NoticeKind::FollowUpAsked
                | NoticeKind::StoryToApprove
        )
    }
}

keyed! {
    /// How a person hears of messages by mail.
    pub enum MessageMail {
        /// One digest of the unread messages soon after they arrive.
        Soon = "soon" => MessageMailSoon,
        /// One digest a day at most.
        Daily = "daily" => MessageMailDaily,
        /// No mail about messages (what needs an action is still mailed).
        Off = "off" => MessageMailOff,
    }
}

const DAY_MS: i64 = 24 * 3600 * 1000;

/// Whether a digest is due for someone who chose `mode`, whose oldest unread message not yet
/// mailed arrived at `oldest` and whose last digest went at `last`: messages wait `delay_ms`
/// (they may be read meanwhile); a daily digest goes a day after the last one at the soonest.
pub fn digest_due(mode: MessageMail, oldest: i64, last: Option<i64>, now: i64, delay_ms: i64) -> bool {
    let waited = now - oldest >= delay_ms;
    match mode {
        MessageMail::Off => false,
        MessageMail::Soon => waited,
        MessageMail::Daily => waited && last.is_none_or(|t| now - t >= DAY_MS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_wait_for_the_delay_and_daily_ones_for_a_day() {
        let delay = 15 * 60_000;
        assert!(!digest_due(MessageMail::Soon, 0, None, delay - 1, delay));
        assert!(digest_due(MessageMail::Soon, 0, Some(0), delay, delay));
        assert!(!digest_due(MessageMail::Off, 0, None, 10 * DAY_MS, delay));
        assert!(digest_due(MessageMail::Daily, 0, None, delay, delay));
        assert!(!digest_due(MessageMail::Daily, 0, Some(delay), DAY_MS, delay), "a day after the last");
        assert!(digest_due(MessageMail::Daily, 0, Some(delay), DAY_MS + delay, delay));
    }

    #[test]
    fn kinds_read_back_and_those_asking_for_action_are_known() {
        for kind in NoticeKind::ALL {
            assert_eq!(NoticeKind::from_key(kind.key()), Some(kind));
        }
        assert!(NoticeKind::Introduced.needs_action());
        assert!(!NoticeKind::IntroductionAnswered.needs_action());
    }
}
