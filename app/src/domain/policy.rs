//! Authorization policy: who may do what, as one pure function. Deny by default: an action is
//! allowed only by an explicit rule below. Every server function and protected page asks
//! [`can`] first, before reading input or touching the database.

use serde::{Deserialize, Serialize};

/// Staff roles. Participants (people acting for organisations) have none.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRole {
    /// Takes cases: scopes requests, makes introductions, guides agreements.
    CaseManager,
    /// Oversees the mechanism; reads most things, changes little.
    Steering,
    /// Runs the platform: accounts, roles, organisations, audit log.
    Admin,
}

impl StaffRole {
    /// Every staff role.
    pub const ALL: [StaffRole; 3] = [StaffRole::CaseManager, StaffRole::Steering, StaffRole::Admin];

    /// The stable key stored in the database and used on the command line.
    pub fn key(self) -> &'static str {
        match self {
            StaffRole::CaseManager => "case_manager",
            StaffRole::Steering => "steering",
            StaffRole::Admin => "admin",
        }
    }

    /// Parses a stable key (also accepts `case-manager`).
    pub fn from_key(key: &str) -> Option<StaffRole> {
        match key.trim().replace('-', "_").as_str() {
            "case_manager" => Some(StaffRole::CaseManager),
            "steering" => Some(StaffRole::Steering),
            "admin" => Some(StaffRole::Admin),
            _ => None,
        }
    }
}

/// Who is asking.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The signed-in user, `None` when anonymous.
    pub user_id: Option<String>,
    /// The user's staff role, if any.
    pub staff_role: Option<StaffRole>,
    /// Organisations the user belongs to.
    pub member_of: Vec<String>,
    /// Organisations the user owns (a subset of `member_of`).
    pub owner_of: Vec<String>,
}

impl Actor {
    /// Nobody signed in.
    pub fn anonymous() -> Actor {
        Actor::default()
    }

    /// Whether someone is signed in.
    pub fn is_signed_in(&self) -> bool {
        self.user_id.is_some()
    }

    fn is(&self, role: StaffRole) -> bool {
        self.staff_role == Some(role)
    }

    fn is_staff(&self) -> bool {
        self.staff_role.is_some()
    }

    fn member(&self, org: &str) -> bool {
        self.member_of.iter().any(|o| o == org)
    }

    fn owner(&self, org: &str) -> bool {
        self.owner_of.iter().any(|o| o == org)
    }

    fn is_user(&self, user: &str) -> bool {
        self.user_id.as_deref() == Some(user)
    }
}

/// What the actor wants to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Read the public network figures.
    ViewNetworkSummary,
    /// Sign in, ask for a password reset, accept an invitation.
    Authenticate,
    /// Read or change one's own account (name, language, password, 2FA, sessions).
    ManageOwnAccount,
    /// Read an organisation's page and member list.
    ViewOrganisation,
    /// Change an organisation's details.
    EditOrganisation,
    /// Invite a colleague to an organisation, or remove one.
    ManageMembers,
    /// Search and read user accounts and organisations (admin screens).
    ListAccounts,
    /// Change a user's staff role, or invite staff.
    ManageStaff,
    /// Disable or enable an account.
    DisableAccount,
    /// Mark an organisation as verified.
    VerifyOrganisation,
    /// Read the audit log.
    ViewAuditLog,
    /// Start a survey, or answer one's own draft (held by its key or owned by the account).
    RespondToSurvey,
    /// See an organisation's own provider profile and requests.
    ViewOwnSubmissions,
    /// Search the rosters of providers and requests, export them, read outreach campaigns.
    ViewRoster,
    /// Import contact lists and send invitations and reminders.
    ManageOutreach,
    /// Confirm an organisation's provider profile is still accurate, or change its listing.
    ManageProfile,
    /// Stop mails to one's address (by the link in an invitation).
    Unsubscribe,
    /// See the list of cases and a case's stage and timeline (staff).
    ViewCases,
    /// Give a case to a Case Manager, or take it (an unassigned case, for a Case Manager).
    AssignCase,
    /// Work a case: move it through its stages, write its scope, next step and notes, decide on
    /// matched providers (its Case Manager, or an admin).
    MoveCase,
    /// See a case's internal notes and match lists (its Case Manager, steering, admin).
    ViewCaseInternals,
    /// See one's own organisation's cases (the requesting government's view).
    ViewOwnCase,
    /// Confirm the scope of one's own organisation's case.
    ConfirmScope,
}

impl Action {
    /// Every action, for exhaustive tests.
    pub const ALL: [Action; 23] = [
        Action::ViewNetworkSummary,
        Action::Authenticate,
        Action::ManageOwnAccount,
        Action::ViewOrganisation,
        Action::EditOrganisation,
        Action::ManageMembers,
        Action::ListAccounts,
        Action::ManageStaff,
        Action::DisableAccount,
        Action::VerifyOrganisation,
        Action::ViewAuditLog,
        Action::RespondToSurvey,
        Action::ViewOwnSubmissions,
        Action::ViewRoster,
        Action::ManageOutreach,
        Action::ManageProfile,
        Action::Unsubscribe,
        Action::ViewCases,
        Action::AssignCase,
        Action::MoveCase,
        Action::ViewCaseInternals,
        Action::ViewOwnCase,
        Action::ConfirmScope,
    ];
}

/// What the action is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Resource<'a> {
    /// Nothing in particular (platform-wide actions).
    Platform,
    /// An organisation, by id.
    Organisation(&'a str),
    /// A user account, by id.
    User(&'a str),
    /// A survey draft: its owner (if any) and whether the caller holds one of its keys.
    Draft { owner: Option<&'a str>, key_held: bool },
    /// A case: its Case Manager (if assigned).
    Case { manager: Option<&'a str> },
}

/// Whether `actor` may perform `action` on `resource`. Deny by default.
pub fn can(actor: &Actor, action: Action, resource: Resource<'_>) -> bool {
    use Action::*;
    match (action, resource) {
        (ViewNetworkSummary, Resource::Platform) => true,
        (Authenticate, Resource::Platform) => true,
        (ManageOwnAccount, Resource::User(user)) => actor.is_user(user),
        (ViewOrganisation, Resource::Organisation(org)) => actor.member(org) || actor.is_staff(),
        (EditOrganisation, Resource::Organisation(org)) => actor.owner(org) || actor.is(StaffRole::Admin),
        (ManageMembers, Resource::Organisation(org)) => actor.owner(org) || actor.is(StaffRole::Admin),
        (ListAccounts, Resource::Platform) => actor.is(StaffRole::Admin) || actor.is(StaffRole::Steering),
        (ManageStaff, Resource::Platform) => actor.is(StaffRole::Admin),
        (ManageStaff, Resource::User(user)) => actor.is(StaffRole::Admin) && !actor.is_user(user),
        (DisableAccount, Resource::User(user)) => actor.is(StaffRole::Admin) && !actor.is_user(user),
        (VerifyOrganisation, Resource::Organisation(_)) => actor.is(StaffRole::Admin),
        (ViewAuditLog, Resource::Platform) => actor.is(StaffRole::Admin),
        (RespondToSurvey, Resource::Platform) => true,
        // a key opens a draft only while nobody owns it; an owned draft is its owner's alone
        (RespondToSurvey, Resource::Draft { owner, key_held }) => match owner {
            Some(owner) => actor.is_user(owner),
            None => key_held,
        },
        (ViewOwnSubmissions, Resource::Organisation(org)) => actor.member(org) || actor.is_staff(),
        (ViewRoster, Resource::Platform) => actor.is_staff(),
        (ManageOutreach, Resource::Platform) => actor.is(StaffRole::Admin) || actor.is(StaffRole::CaseManager),
        (ManageProfile, Resource::Organisation(org)) => actor.member(org) || actor.is(StaffRole::Admin),
        (Unsubscribe, Resource::Platform) => true,
        (ViewCases, Resource::Platform) => actor.is_staff(),
        (AssignCase, Resource::Case { manager }) => {
            actor.is(StaffRole::Admin)
                || actor.is(StaffRole::Steering)
                || (actor.is(StaffRole::CaseManager) && manager.is_none())
        }
        (MoveCase, Resource::Case { manager }) => {
            actor.is(StaffRole::Admin)
                || (actor.is(StaffRole::CaseManager) && manager.is_some_and(|m| actor.is_user(m)))
        }
        (ViewCaseInternals, Resource::Case { manager }) => {
            actor.is(StaffRole::Admin)
                || actor.is(StaffRole::Steering)
                || (actor.is(StaffRole::CaseManager) && manager.is_some_and(|m| actor.is_user(m)))
        }
        // the requesting government's members (staff have their own view; providers none)
        (ViewOwnCase | ConfirmScope, Resource::Organisation(org)) => actor.member(org),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORG_A: &str = "org-a";
    const ORG_B: &str = "org-b";
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
            (ManageOutreach, Resource::Platform) => matches!(who, Admin | CaseManager),
            (ManageProfile, Resource::Organisation(_)) => matches!(who, MemberA | OwnerA) || admin,
            (Unsubscribe, Resource::Platform) => true,
            (ViewCases, Resource::Platform) => staff,
            (ViewOwnCase | ConfirmScope, Resource::Organisation(_)) => matches!(who, MemberA | OwnerA),
            _ => false,
        }
    }

    #[test]
    fn every_role_action_and_resource_is_decided_as_designed() {
        let resources = [Resource::Platform, Resource::Organisation(ORG_A), Resource::User(ME), Resource::User(OTHER)];
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
        assert_eq!(checked, 7 * 23 * 4);
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
    fn anonymous_visitors_may_only_read_public_figures_authenticate_answer_surveys_and_unsubscribe() {
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
            vec![Action::ViewNetworkSummary, Action::Authenticate, Action::RespondToSurvey, Action::Unsubscribe]
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
        assert!(
            !can(&actor(Who::Admin), Action::RespondToSurvey, draft(Some(OTHER), false)),
            "staff do not edit drafts"
        );
    }

    #[test]
    fn only_a_cases_own_manager_moves_it_and_only_they_steering_and_admins_see_its_internals() {
        let mine = Resource::Case { manager: Some(ME) };
        let theirs = Resource::Case { manager: Some(OTHER) };
        let nobody = Resource::Case { manager: None };
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
    fn staff_role_keys_round_trip() {
        for role in StaffRole::ALL {
            assert_eq!(StaffRole::from_key(role.key()), Some(role));
        }
        assert_eq!(StaffRole::from_key("case-manager"), Some(StaffRole::CaseManager));
        assert_eq!(StaffRole::from_key("root"), None);
    }
}
