//! The policy's table test: every action, every resource, every kind of actor.

use super::*;

const ORG_A: &str = "org-a";
const ORG_B: &str = "org-b";
const ORG_C: &str = "org-c";
const ME: &str = "user-me";
const OTHER: &str = "user-other";

/// The people every rule is checked against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    MemberA,
    OwnerA,
    MemberB,
    CaseManager,
    Steering,
    Admin,
}

const EVERYONE: [Who; 7] =
    [Who::Anonymous, Who::MemberA, Who::OwnerA, Who::MemberB, Who::CaseManager, Who::Steering, Who::Admin];

fn actor(who: Who) -> Actor {
    let user = |role: Option<StaffRole>, member: &[&str], owner: &[&str]| Actor {
        user_id: Some(ME.to_string()),
        staff_role: role,
        member_of: member.iter().map(|s| s.to_string()).collect(),
        owner_of: owner.iter().map(|s| s.to_string()).collect(),
    };
    match who {
        Who::Anonymous => Actor::anonymous(),
        Who::MemberA => user(None, &[ORG_A], &[]),
        Who::OwnerA => user(None, &[ORG_A], &[ORG_A]),
        Who::MemberB => user(None, &[ORG_B], &[]),
        Who::CaseManager => user(Some(StaffRole::CaseManager), &[], &[]),
        Who::Steering => user(Some(StaffRole::Steering), &[], &[]),
        Who::Admin => user(Some(StaffRole::Admin), &[], &[]),
    }
}

/// Whether `who` belongs to `org`.
fn member(who: Who, org: &str) -> bool {
    match who {
        Who::MemberA | Who::OwnerA => org == ORG_A,
        Who::MemberB => org == ORG_B,
        _ => false,
    }
}

/// The expected answer for every (action, resource) pair and every kind of actor.
/// Organisation resources are org A (own for MemberA/OwnerA, other for MemberB); user
/// resources are the actor's own account or another's.
fn expected(action: Action, resource: Resource<'_>, who: Who) -> bool {
    use Action::*;
    use Who::*;
    let signed_in = who != Anonymous;
    let admin = who == Admin;
    let staff = matches!(who, CaseManager | Steering | Admin);
    match (action, resource) {
        (ViewNetworkSummary | Authenticate, Resource::Platform) => true,
        (ManageOwnAccount, Resource::User(u)) => signed_in && u == ME,
        (ViewOrganisation, Resource::Organisation(_)) => matches!(who, MemberA | OwnerA) || staff,
        (EditOrganisation | ManageMembers, Resource::Organisation(_)) => who == OwnerA || admin,
        (ListAccounts, Resource::Platform) => matches!(who, Admin | Steering),
        (ManageStaff | ViewAuditLog, Resource::Platform) => admin,
        (ManageStaff | DisableAccount, Resource::User(u)) => admin && u != ME,
        (VerifyOrganisation, Resource::Organisation(_)) => admin,
        (RespondToSurvey, Resource::Platform) => true,
        (ViewOwnSubmissions, Resource::Organisation(_)) => matches!(who, MemberA | OwnerA) || staff,
        (ViewRoster, Resource::Platform) => staff,
        (ManageOutreach | HandleEnquiries, Resource::Platform) => matches!(who, Admin | CaseManager),
        (ManageProfile, Resource::Organisation(_)) => matches!(who, MemberA | OwnerA) || admin,
        (Unsubscribe, Resource::Platform) => true,
        (ViewCases, Resource::Platform | Resource::Case(_)) => staff,
        (SeePresence | SaveBoardView, Resource::Platform) => staff,
        (ViewOversight | StartGapOutreach, Resource::Platform) => matches!(who, Steering | Admin),
        (TuneMechanism, Resource::Platform) => who == Steering,
        (ManageVocabulary, Resource::Platform) => admin,
        (ListOwnCases, Resource::Platform) => signed_in,
        (FollowCases, Resource::Platform) => staff || matches!(who, MemberA | OwnerA | MemberB),
        (ViewCase, Resource::Case(c)) => staff || member(who, c.organisation),
        (ViewOwnCase | ConfirmScope, Resource::Case(c)) => member(who, c.organisation),
        (ViewCaseInternals, Resource::Case(c)) => {
            matches!(who, Admin | Steering) || (who == CaseManager && c.manager == Some(ME))
        }
        (MoveCase, Resource::Case(c)) => admin || (who == CaseManager && c.manager == Some(ME)),
        (AssignCase, Resource::Case(c)) => {
            matches!(who, Admin | Steering) || (who == CaseManager && c.manager.is_none())
        }
        (AssignCase, Resource::Assignment { case, to }) => {
            matches!(who, Admin | Steering) || (who == CaseManager && case.manager.is_none() && to == Some(ME))
        }
        (Introduce | ManageThread, Resource::Case(c)) => admin || (who == CaseManager && c.manager == Some(ME)),
        (ApproveIntroduction, Resource::Case(_)) => matches!(who, Admin | Steering),
        (ViewIntroduction, Resource::Introduction(i)) => {
            matches!(who, Admin | Steering)
                || (who == CaseManager && i.case.manager == Some(ME))
                || i.providers.iter().any(|p| member(who, p))
                || (i.with_government && member(who, i.case.organisation))
        }
        (AnswerIntroduction, Resource::Introduction(i)) => i.providers.iter().any(|p| member(who, p)),
        (ViewThread | PostMessage, Resource::Thread(t)) => {
            (matches!(who, CaseManager | Admin) && t.case.manager == Some(ME))
                || (signed_in && t.users.iter().any(|u| u == ME))
                || t.organisations.iter().any(|o| member(who, o))
        }
        (ViewInbox, Resource::Platform) => signed_in,
        (ViewSelection, Resource::Case(c)) => {
            member(who, c.organisation)
                || matches!(who, Admin | Steering)
                || (who == CaseManager && c.manager == Some(ME))
        }
        (SelectProviders, Resource::Case(c)) => member(who, c.organisation),
        (AnswerFollowUp, Resource::Organisation(o)) => member(who, o),
        (ViewStories | ViewPublicData | ContactTeam | SubscribeNews, Resource::Platform) => true,
        (WriteStory, Resource::Case(c)) => admin || (who == CaseManager && c.manager == Some(ME)),
        (WriteAgreement, Resource::Case(c)) => admin || (who == CaseManager && c.manager == Some(ME)),
        (ViewAgreement, Resource::Agreement(a)) => {
            matches!(who, Admin | Steering)
                || (who == CaseManager && a.case.manager == Some(ME))
                || member(who, a.case.organisation)
                || a.providers.iter().any(|p| member(who, p))
        }
        (AcceptAgreement | ApproveStory, Resource::Agreement(a)) => {
            (signed_in && a.case.manager == Some(ME))
                || member(who, a.case.organisation)
                || a.providers.iter().any(|p| member(who, p))
        }
        _ => false,
    }
}

#[test]
fn every_role_action_and_resource_is_decided_as_designed() {
    let case = |organisation, manager| CaseRef { organisation, manager };
    let owned = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let (b, c, bc, ab) = (owned(&[ORG_B]), owned(&[ORG_C]), owned(&[ORG_B, ORG_C]), owned(&[ORG_A, ORG_B]));
    let (me, other) = (owned(&[ME]), owned(&[OTHER]));
    let resources = [
        Resource::Platform,
        Resource::Organisation(ORG_A),
        Resource::User(ME),
        Resource::User(OTHER),
        Resource::Case(case(ORG_A, None)),
        Resource::Case(case(ORG_A, Some(ME))),
        Resource::Case(case(ORG_B, Some(OTHER))),
        Resource::Assignment { case: case(ORG_A, None), to: Some(ME) },
        Resource::Assignment { case: case(ORG_A, None), to: Some(OTHER) },
        Resource::Assignment { case: case(ORG_A, None), to: None },
        Resource::Assignment { case: case(ORG_A, Some(OTHER)), to: Some(ME) },
        // the government (A) and provider B introduced; providers B and C without the government
        Resource::Introduction(IntroRef { case: case(ORG_A, Some(ME)), providers: &b, with_government: true }),
        Resource::Introduction(IntroRef { case: case(ORG_A, Some(OTHER)), providers: &bc, with_government: false }),
        Resource::Introduction(IntroRef { case: case(ORG_C, Some(OTHER)), providers: &c, with_government: true }),
        // threads: A and B with me as Case Manager; B alone with someone else's; me by name
        Resource::Thread(ThreadRef { case: case(ORG_A, Some(ME)), organisations: &ab, users: &[] }),
        Resource::Thread(ThreadRef { case: case(ORG_A, Some(OTHER)), organisations: &b, users: &[] }),
        Resource::Thread(ThreadRef { case: case(ORG_C, Some(OTHER)), organisations: &c, users: &me }),
        Resource::Thread(ThreadRef { case: case(ORG_C, None), organisations: &[], users: &other }),
        // agreements: A's with B selected and me as Case Manager; C's with B selected, another's
        Resource::Agreement(AgreementRef { case: case(ORG_A, Some(ME)), providers: &b }),
        Resource::Agreement(AgreementRef { case: case(ORG_C, Some(OTHER)), providers: &b }),
        Resource::Agreement(AgreementRef { case: case(ORG_C, None), providers: &c }),
    ];
    let mut checked = 0;
    for who in EVERYONE {
        let a = actor(who);
        for action in Action::ALL {
            for resource in resources {
                assert_eq!(
                    can(&a, action, resource),
                    expected(action, resource, who),
                    "{who:?} {action:?} {resource:?}"
                );
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 7 * Action::ALL.len() * resources.len());
}

#[test]
fn a_member_of_another_organisation_cannot_see_or_change_it() {
    let b = actor(Who::MemberB);
    for action in [Action::ViewOrganisation, Action::EditOrganisation, Action::ManageMembers] {
        assert!(!can(&b, action, Resource::Organisation(ORG_A)), "{action:?}");
    }
    assert!(can(&b, Action::ViewOrganisation, Resource::Organisation(ORG_B)));
}

#[test]
fn an_admin_cannot_disable_or_demote_themselves() {
    let admin = actor(Who::Admin);
    assert!(!can(&admin, Action::DisableAccount, Resource::User(ME)));
    assert!(!can(&admin, Action::ManageStaff, Resource::User(ME)));
    assert!(can(&admin, Action::DisableAccount, Resource::User(OTHER)));
}

#[test]
fn anonymous_visitors_may_only_read_public_figures_and_stories_authenticate_answer_surveys_and_unsubscribe() {
    let anon = Actor::anonymous();
    let allowed: Vec<_> = Action::ALL
        .into_iter()
        .filter(|a| {
            [Resource::Platform, Resource::Organisation(ORG_A), Resource::User(ME)]
                .into_iter()
                .any(|r| can(&anon, *a, r))
        })
        .collect();
    assert_eq!(
        allowed,
        vec![
            Action::ViewNetworkSummary,
            Action::Authenticate,
            Action::RespondToSurvey,
            Action::Unsubscribe,
            Action::ViewStories,
            Action::ViewPublicData,
            Action::ContactTeam,
            Action::SubscribeNews
        ]
    );
}

#[test]
fn a_draft_opens_to_its_owner_or_while_unowned_to_its_key() {
    let me = actor(Who::MemberA);
    let anon = Actor::anonymous();
    let draft = |owner, key_held| Resource::Draft { owner, key_held };
    assert!(can(&anon, Action::RespondToSurvey, draft(None, true)));
    assert!(!can(&anon, Action::RespondToSurvey, draft(None, false)));
    assert!(can(&me, Action::RespondToSurvey, draft(Some(ME), false)));
    assert!(!can(&me, Action::RespondToSurvey, draft(Some(OTHER), false)));
    assert!(!can(&me, Action::RespondToSurvey, draft(Some(OTHER), true)), "a key does not open an owned draft");
    assert!(!can(&anon, Action::RespondToSurvey, draft(Some(ME), true)), "not even to an anonymous visitor");
    assert!(can(&me, Action::RespondToSurvey, draft(Some(ME), true)));
    assert!(!can(&actor(Who::Admin), Action::RespondToSurvey, draft(Some(OTHER), false)), "staff do not edit drafts");
}

#[test]
fn only_a_cases_own_manager_moves_it_and_only_they_steering_and_admins_see_its_internals() {
    let case = |manager| Resource::Case(CaseRef { organisation: ORG_A, manager });
    let (mine, theirs, nobody) = (case(Some(ME)), case(Some(OTHER)), case(None));
    let cm = actor(Who::CaseManager);
    assert!(can(&cm, Action::MoveCase, mine) && can(&cm, Action::ViewCaseInternals, mine));
    assert!(!can(&cm, Action::MoveCase, theirs) && !can(&cm, Action::ViewCaseInternals, theirs));
    assert!(can(&cm, Action::AssignCase, nobody), "a Case Manager takes an unassigned case");
    assert!(!can(&cm, Action::AssignCase, theirs), "but not a colleague's");
    let steering = actor(Who::Steering);
    assert!(can(&steering, Action::AssignCase, theirs) && can(&steering, Action::ViewCaseInternals, theirs));
    assert!(!can(&steering, Action::MoveCase, theirs), "steering oversees, it does not run cases");
    let admin = actor(Who::Admin);
    assert!(can(&admin, Action::MoveCase, theirs) && can(&admin, Action::AssignCase, theirs));
    for who in [Who::Anonymous, Who::MemberA, Who::OwnerA, Who::MemberB] {
        let a = actor(who);
        for action in [Action::AssignCase, Action::MoveCase, Action::ViewCaseInternals] {
            for r in [mine, theirs, nobody] {
                assert!(!can(&a, action, r), "{who:?} {action:?} {r:?}: participants see no case internals");
            }
        }
        assert!(!can(&a, Action::ViewCases, Resource::Platform));
    }
}

#[test]
fn a_provider_sees_no_introduction_or_thread_it_is_not_part_of() {
    let c = vec![ORG_C.to_string()];
    let case = CaseRef { organisation: ORG_A, manager: Some(OTHER) };
    let intro = Resource::Introduction(IntroRef { case, providers: &c, with_government: true });
    let thread = Resource::Thread(ThreadRef { case, organisations: &c, users: &[] });
    for who in [Who::MemberB, Who::Steering, Who::Anonymous] {
        let a = actor(who);
        for action in [Action::AnswerIntroduction, Action::ViewThread, Action::PostMessage] {
            assert!(!can(&a, action, intro) && !can(&a, action, thread), "{who:?} {action:?}");
        }
    }
    assert!(!can(&actor(Who::MemberB), Action::ViewIntroduction, intro));
    // the government reads an introduction it is party to, but answers for no provider
    let gov = actor(Who::MemberA);
    assert!(can(&gov, Action::ViewIntroduction, intro) && !can(&gov, Action::AnswerIntroduction, intro));
}

#[test]
fn only_the_parties_accept_an_agreement_and_a_provider_not_selected_never_reads_it() {
    let b = vec![ORG_B.to_string()];
    let agreement = Resource::Agreement(AgreementRef {
        case: CaseRef { organisation: ORG_C, manager: Some(OTHER) },
        providers: &b,
    });
    assert!(can(&actor(Who::MemberB), Action::AcceptAgreement, agreement), "a selected provider");
    assert!(!can(&actor(Who::MemberA), Action::ViewAgreement, agreement), "a provider not selected");
    for who in [Who::Steering, Who::Admin, Who::CaseManager] {
        assert!(!can(&actor(who), Action::AcceptAgreement, agreement), "{who:?} is not its Case Manager");
    }
    assert!(can(&actor(Who::Steering), Action::ViewAgreement, agreement), "oversight reads it");
}

#[test]
fn a_case_manager_takes_an_unassigned_case_for_themselves_only() {
    let unassigned = CaseRef { organisation: ORG_A, manager: None };
    let cm = actor(Who::CaseManager);
    assert!(can(&cm, Action::AssignCase, Resource::Assignment { case: unassigned, to: Some(ME) }));
    assert!(!can(&cm, Action::AssignCase, Resource::Assignment { case: unassigned, to: Some(OTHER) }));
    assert!(!can(&cm, Action::AssignCase, Resource::Assignment { case: unassigned, to: None }));
    let steering = actor(Who::Steering);
    assert!(can(&steering, Action::AssignCase, Resource::Assignment { case: unassigned, to: Some(OTHER) }));
}

#[test]
fn each_viewer_gets_one_view_of_a_case() {
    use crate::domain::timeline::Audience;
    let case = CaseRef { organisation: ORG_A, manager: Some(ME) };
    let other_cm = CaseRef { organisation: ORG_A, manager: Some(OTHER) };
    assert_eq!(case_audience(&actor(Who::CaseManager), case), Some(Audience::CaseTeam));
    assert_eq!(case_audience(&actor(Who::CaseManager), other_cm), Some(Audience::Staff));
    assert_eq!(case_audience(&actor(Who::Steering), other_cm), Some(Audience::CaseTeam));
    assert_eq!(case_audience(&actor(Who::Admin), other_cm), Some(Audience::CaseTeam));
    assert_eq!(case_audience(&actor(Who::MemberA), case), Some(Audience::Government));
    assert_eq!(case_audience(&actor(Who::OwnerA), case), Some(Audience::Government));
    assert_eq!(case_audience(&actor(Who::MemberB), case), None);
    assert_eq!(case_audience(&Actor::anonymous(), case), None);
}

#[test]
fn staff_role_keys_round_trip() {
    for role in StaffRole::ALL {
        assert_eq!(StaffRole::from_key(role.key()), Some(role));
    }
    assert_eq!(StaffRole::from_key("case-manager"), Some(StaffRole::CaseManager));
    assert_eq!(StaffRole::from_key("root"), None);
}
