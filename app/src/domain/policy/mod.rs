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

    /// The catalogue key of its name.
    pub fn label(self) -> crate::i18n::K {
        use crate::i18n::K;
        match self {
            StaffRole::CaseManager => K::RoleCaseManager,
            StaffRole::Steering => K::RoleSteering,
            StaffRole::Admin => K::RoleAdmin,
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
    /// See the cases of one's own organisations (any signed-in person; the list may be empty).
    ListOwnCases,
    /// Follow cases at all: open a case page or the live channel (staff, or a member of an
    /// organisation, whose own cases these may be). Checked before any case is read.
    FollowCases,
    /// See one case: staff see the case's working view, its government's members their own.
    ViewCase,
    /// Give a case to a Case Manager, or take it (an unassigned case, for a Case Manager): on a
    /// case, whether the caller may assign it at all; on an assignment, whether this one.
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
    /// Introduce the government to providers, or providers to each other, within a case (its
    /// Case Manager, or an admin).
    Introduce,
    /// Let an introduction waiting for the steering committee's approval go out.
    ApproveIntroduction,
    /// Read an introduction: the case team, the providers it names, the government when it is a party.
    ViewIntroduction,
    /// Accept or decline an introduction (a member of a provider it names).
    AnswerIntroduction,
    /// Read a thread and its attachments (its participants and the case's Case Manager).
    ViewThread,
    /// Post to a thread (as for reading it).
    PostMessage,
    /// Add or remove a thread's participants (the case's Case Manager, or an admin).
    ManageThread,
    /// Read one's own inbox and notifications.
    ViewInbox,
    /// Compare the providers who accepted an introduction (the government, the case team).
    ViewSelection,
    /// Select the providers (the requesting government's members).
    SelectProviders,
    /// Read a case's agreement and its record (its parties, the case team).
    ViewAgreement,
    /// Write a version of the agreement (the case's Case Manager, or an admin).
    WriteAgreement,
    /// Accept the current version for a party one acts for.
    AcceptAgreement,
    /// Answer a follow-up asked of one's organisation.
    AnswerFollowUp,
    /// Read the published success stories (anyone).
    ViewStories,
    /// Draft or edit a case's success story (its Case Manager, or an admin).
    WriteStory,
    /// Approve a story's text, or withdraw that consent, for a party one acts for.
    ApproveStory,
    /// See who else is looking at the board and at a case, and be seen there (staff).
    SeePresence,
    /// Keep named views of the case board (staff, each their own).
    SaveBoardView,
    /// Read the oversight figures and the supply and demand gap map (steering, admins).
    ViewOversight,
    /// Open an outreach campaign seeking providers for a gap in the map (steering, admins).
    StartGapOutreach,
    /// Change the matching weights and the introductions' response window (steering).
    TuneMechanism,
    /// Read the public directory, the public numbers and the open data (anyone).
    ViewPublicData,
    /// Write to the team through the contact form, and follow that conversation (anyone).
    ContactTeam,
    /// Subscribe to the news, confirm it and leave it (anyone).
    SubscribeNews,
    /// Read and answer the conversations the contact form opens (Case Managers, admins).
    HandleEnquiries,
    /// Add a value to an open vocabulary (an issue area, a language), relabel or retire one
    /// (admins).
    ManageVocabulary,
}

impl Action {
    /// Every action, for exhaustive tests.
    pub const ALL: [Action; 53] = [
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
        Action::ListOwnCases,
        Action::FollowCases,
        Action::ViewCase,
        Action::AssignCase,
        Action::MoveCase,
        Action::ViewCaseInternals,
        Action::ViewOwnCase,
        Action::ConfirmScope,
        Action::Introduce,
        Action::ApproveIntroduction,
        Action::ViewIntroduction,
        Action::AnswerIntroduction,
        Action::ViewThread,
        Action::PostMessage,
        Action::ManageThread,
        Action::ViewInbox,
        Action::ViewSelection,
        Action::SelectProviders,
        Action::ViewAgreement,
        Action::WriteAgreement,
        Action::AcceptAgreement,
        Action::AnswerFollowUp,
        Action::ViewStories,
        Action::WriteStory,
        Action::ApproveStory,
        Action::SeePresence,
        Action::SaveBoardView,
        Action::ViewOversight,
        Action::StartGapOutreach,
        Action::TuneMechanism,
        Action::ViewPublicData,
        Action::ContactTeam,
        Action::SubscribeNews,
        Action::HandleEnquiries,
        Action::ManageVocabulary,
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
    /// A case: its requesting organisation and its Case Manager.
    Case(CaseRef<'a>),
    /// Giving a case to a Case Manager (`to`, a user id) or to nobody (`None`).
    Assignment { case: CaseRef<'a>, to: Option<&'a str> },
    /// An introduction within a case.
    Introduction(IntroRef<'a>),
    /// A messaging thread within a case.
    Thread(ThreadRef<'a>),
    /// A case's agreement, with the providers selected (its parties with the government and
    /// the Case Manager).
    Agreement(AgreementRef<'a>),
}

/// What the policy knows of an agreement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AgreementRef<'a> {
    pub case: CaseRef<'a>,
    /// The provider organisations selected.
    pub providers: &'a [String],
}

/// What the policy knows of an introduction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IntroRef<'a> {
    pub case: CaseRef<'a>,
    /// The provider organisations it names.
    pub providers: &'a [String],
    /// Whether the requesting government is a party.
    pub with_government: bool,
}

/// What the policy knows of a thread: its case and who takes part (removed participants left).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ThreadRef<'a> {
    pub case: CaseRef<'a>,
    /// Organisations taking part (all their members).
    pub organisations: &'a [String],
    /// People taking part by name.
    pub users: &'a [String],
}

/// What the policy knows of a case.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseRef<'a> {
    /// The requesting organisation.
    pub organisation: &'a str,
    /// Its Case Manager, if assigned.
    pub manager: Option<&'a str>,
}

/// Which view of a case `actor` gets, if any: the case team sees its internals, other staff
/// its working view without them, the requesting government's members their own view.
pub fn case_audience(actor: &Actor, case: CaseRef<'_>) -> Option<crate::domain::timeline::Audience> {
    use crate::domain::timeline::Audience;
    let r = Resource::Case(case);
    if can(actor, Action::ViewCaseInternals, r) {
        Some(Audience::CaseTeam)
    } else if can(actor, Action::ViewCases, r) {
        Some(Audience::Staff)
    } else if can(actor, Action::ViewOwnCase, r) {
        Some(Audience::Government)
    } else {
        None
    }
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
        (ManageOutreach | HandleEnquiries, Resource::Platform) => {
            actor.is(StaffRole::Admin) || actor.is(StaffRole::CaseManager)
        }
        (ManageProfile, Resource::Organisation(org)) => actor.member(org) || actor.is(StaffRole::Admin),
        (Unsubscribe, Resource::Platform) => true,
        (ViewCases, Resource::Platform) => actor.is_staff(),
        (ViewCases, Resource::Case(_)) => actor.is_staff(),
        (SeePresence | SaveBoardView, Resource::Platform) => actor.is_staff(),
        (TuneMechanism, Resource::Platform) => actor.is(StaffRole::Steering),
        (ManageVocabulary, Resource::Platform) => actor.is(StaffRole::Admin),
        (ViewOversight | StartGapOutreach, Resource::Platform) => {
            actor.is(StaffRole::Steering) || actor.is(StaffRole::Admin)
        }
        (ListOwnCases, Resource::Platform) => actor.is_signed_in(),
        (FollowCases, Resource::Platform) => actor.is_staff() || !actor.member_of.is_empty(),
        (ViewCase, Resource::Case(c)) => actor.is_staff() || actor.member(c.organisation),
        (AssignCase, Resource::Case(c)) => {
            actor.is(StaffRole::Admin)
                || actor.is(StaffRole::Steering)
                || (actor.is(StaffRole::CaseManager) && c.manager.is_none())
        }
        // a Case Manager may only take an unassigned case, for themselves
        (AssignCase, Resource::Assignment { case, to }) => {
            actor.is(StaffRole::Admin)
                || actor.is(StaffRole::Steering)
                || (actor.is(StaffRole::CaseManager) && case.manager.is_none() && to.is_some_and(|u| actor.is_user(u)))
        }
        (MoveCase, Resource::Case(c)) => {
            actor.is(StaffRole::Admin)
                || (actor.is(StaffRole::CaseManager) && c.manager.is_some_and(|m| actor.is_user(m)))
        }
        (ViewCaseInternals, Resource::Case(c)) => {
            actor.is(StaffRole::Admin)
                || actor.is(StaffRole::Steering)
                || (actor.is(StaffRole::CaseManager) && c.manager.is_some_and(|m| actor.is_user(m)))
        }
        // the requesting government's members (staff have their own view; providers none)
        (ViewOwnCase | ConfirmScope, Resource::Case(c)) => actor.member(c.organisation),
        (Introduce | ManageThread, Resource::Case(c)) => can(actor, MoveCase, Resource::Case(c)),
        (ApproveIntroduction, Resource::Case(_)) => actor.is(StaffRole::Steering) || actor.is(StaffRole::Admin),
        // a provider sees only the introductions naming it; the case team all of them
        (ViewIntroduction, Resource::Introduction(i)) => {
            can(actor, ViewCaseInternals, Resource::Case(i.case))
                || i.providers.iter().any(|p| actor.member(p))
                || (i.with_government && actor.member(i.case.organisation))
        }
        (AnswerIntroduction, Resource::Introduction(i)) => i.providers.iter().any(|p| actor.member(p)),
        // a thread is its participants' and its Case Manager's: nobody else reads it, not even
        // steering or admins (who would need to be added)
        (ViewThread | PostMessage, Resource::Thread(t)) => {
            ((actor.is(StaffRole::CaseManager) || actor.is(StaffRole::Admin))
                && t.case.manager.is_some_and(|m| actor.is_user(m)))
                || t.users.iter().any(|u| actor.is_user(u))
                || t.organisations.iter().any(|o| actor.member(o))
        }
        (ViewInbox, Resource::Platform) => actor.is_signed_in(),
        // the choice is the government's; its Case Manager (and oversight) follow it
        (ViewSelection, Resource::Case(c)) => {
            actor.member(c.organisation) || can(actor, ViewCaseInternals, Resource::Case(c))
        }
        (SelectProviders, Resource::Case(c)) => actor.member(c.organisation),
        // an agreement is its parties' and the case team's; a provider not selected has no part
        (ViewAgreement, Resource::Agreement(a)) => {
            can(actor, ViewCaseInternals, Resource::Case(a.case))
                || actor.member(a.case.organisation)
                || a.providers.iter().any(|p| actor.member(p))
        }
        (WriteAgreement, Resource::Case(c)) => can(actor, MoveCase, Resource::Case(c)),
        // the Case Manager accepts as a party; steering and admins oversee, they do not sign
        (AcceptAgreement, Resource::Agreement(a)) => {
            a.case.manager.is_some_and(|m| actor.is_user(m))
                || actor.member(a.case.organisation)
                || a.providers.iter().any(|p| actor.member(p))
        }
        (AnswerFollowUp, Resource::Organisation(org)) => actor.member(org),
        (ViewStories | ViewPublicData | ContactTeam | SubscribeNews, Resource::Platform) => true,
        (WriteStory, Resource::Case(c)) => can(actor, MoveCase, Resource::Case(c)),
        // a story speaks for its parties: each approves it (or withdraws) for itself
        (ApproveStory, Resource::Agreement(a)) => can(actor, AcceptAgreement, Resource::Agreement(a)),
        _ => false,
    }
}

#[cfg(test)]
mod tests;
