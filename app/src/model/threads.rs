//! Introductions, threads, the inbox and notifications, as each audience sees them: a provider's
//! view of an introduction shows the case only as far as the government shares it; the
//! government's list of introductions has no field for a decline's reason or the Case
//! Manager's note.

use crate::domain::introductions::{Answer, IntroKind, IntroStatus};
use crate::domain::notices::NoticeKind;
use serde::{Deserialize, Serialize};

/// A provider named by an introduction, with its answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyView {
    pub name: String,
    pub answer: Option<Answer>,
}

/// An introduction on its case's page, for the case team: with the note, each answer's reason
/// and the thread it opened.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntroSummary {
    pub id: String,
    pub kind: IntroKind,
    pub status: IntroStatus,
    pub note: String,
    pub with_government: bool,
    pub parties: Vec<PartyView>,
    /// Each decline's reason, by provider name.
    pub reasons: Vec<PartyReason>,
    pub respond_by: Option<i64>,
    pub created_at: i64,
    pub thread_id: Option<String>,
}

/// Why a provider declined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartyReason {
    pub name: String,
    pub reason: String,
}

/// An introduction on the government's case page: who, and where it stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GovIntro {
    pub id: String,
    pub kind: IntroKind,
    pub status: IntroStatus,
    pub parties: Vec<PartyView>,
    pub thread_id: Option<String>,
}

/// An introduction as a provider it names sees it (`/introductions/:id`): the case as far as
/// the government shares it (country, confirmed scope, timeline), never internal notes or
/// providers outside this introduction.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntroductionPage {
    pub id: String,
    pub kind: IntroKind,
    pub status: IntroStatus,
    pub note: String,
    /// The government, when it is a party.
    pub government: Option<String>,
    pub country: String,
    /// The confirmed scope (none before the government confirmed it).
    pub scope: Option<crate::domain::casework::CaseScope>,
    pub parties: Vec<PartyView>,
    pub respond_by: Option<i64>,
    /// The viewer's organisations that may still answer (id and name).
    pub answer_for: Vec<OrgChoice>,
    pub thread_id: Option<String>,
    /// The viewer runs the case (approves or sees it from the case team's side).
    pub can_approve: bool,
}

/// An organisation to choose in a form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrgChoice {
    pub id: String,
    pub name: String,
}

/// What a thread is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ThreadKind {
    /// The government and its Case Manager.
    Government,
    /// The parties of an accepted introduction and the Case Manager.
    Introduction,
}

/// Someone taking part in a thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantView {
    pub id: String,
    pub name: String,
    pub organisation: bool,
    pub removed: bool,
}

/// One message, its Markdown already made safe HTML on the server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageView {
    pub id: String,
    pub seq: i64,
    pub author: String,
    pub at: i64,
    pub html: String,
    pub edited: bool,
    pub mine: bool,
    /// The text, for its author's edit form while it may still be edited.
    pub editable: Option<String>,
    /// Its files, in order.
    pub attachments: Vec<AttachmentView>,
}

/// A file attached to a message: downloaded at `/attachments/{id}` by the thread's participants.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: String,
    pub name: String,
    pub kind: crate::domain::attachments::FileKind,
    pub size: i64,
}

/// How far someone has read.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeenBy {
    pub name: String,
    pub seq: i64,
}

/// A thread's page.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadView {
    pub id: String,
    pub case_id: String,
    pub kind: ThreadKind,
    /// The requesting government's name, for those who may know it (the government, its Case
    /// Manager, a thread the government takes part in); providers among themselves see the country.
    pub government: Option<String>,
    pub country: String,
    pub participants: Vec<ParticipantView>,
    pub messages: Vec<MessageView>,
    pub seen_by: Vec<SeenBy>,
    pub last_seq: i64,
    /// Posting is open (not a closed case).
    pub open: bool,
    /// The largest attachment, in megabytes.
    pub file_max_mb: u32,
    /// The viewer adds and removes participants (the case's Case Manager).
    pub can_manage: bool,
    /// Organisations the manager may add (the government, the case's shortlisted providers).
    pub addable: Vec<OrgChoice>,
    /// The viewer sees the case page (staff, the government).
    pub case_link: bool,
    /// A fresh idempotency key for the compose form (a form sent twice is one message).
    pub compose_key: String,
}

/// One thread in the inbox.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxThread {
    pub id: String,
    pub kind: ThreadKind,
    /// As in [`ThreadView::government`].
    pub government: Option<String>,
    pub country: String,
    pub unread: i64,
    pub last_at: Option<i64>,
    pub excerpt: String,
    pub last_author: Option<String>,
}

/// A notification in the app.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeView {
    pub kind: NoticeKind,
    pub link: String,
    pub at: i64,
    pub read: bool,
}

/// The inbox (`/inbox`): threads (those matching the search when there is one), the
/// introductions waiting for the viewer's answer, and notifications.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxView {
    pub search: String,
    pub threads: Vec<InboxThread>,
    pub waiting: Vec<WaitingIntro>,
    pub notices: Vec<NoticeView>,
    /// How the viewer hears of messages by mail.
    pub message_mail: crate::domain::notices::MessageMail,
}

/// An introduction waiting for the viewer's organisation to answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WaitingIntro {
    pub id: String,
    pub kind: IntroKind,
    pub country: String,
    pub respond_by: Option<i64>,
}

/// What the header shows: unread messages and notifications.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unread {
    pub messages: i64,
    pub notices: i64,
}

/// A thread changed (a live event): its participants' open pages fetch what is new.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadChanged {
    pub thread_id: String,
    pub case_id: String,
    /// The case's Case Manager and the participants at the time (who may hear of it).
    pub case_manager_id: Option<String>,
    pub organisations: Vec<String>,
    pub users: Vec<String>,
    pub last_seq: i64,
    pub what: ThreadChange,
}

/// What happened in a thread.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ThreadChange {
    /// A message was posted (or edited).
    Message,
    /// Someone read up to a message.
    Read,
    /// Someone is typing (their name).
    Typing(String),
    /// Participants were added or removed.
    Participants,
}

/// A case's introductions and threads on its page, as the viewer may see them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CaseIntros {
    /// The case team: every introduction with its note and reasons, every thread, and what it
    /// may introduce from.
    Team(Box<TeamIntros>),
    /// The requesting government: the introductions it is part of and its thread with the Case
    /// Manager.
    Government { intros: Vec<GovIntro>, thread_id: Option<String> },
    /// Other staff: nothing of the dialogue.
    Hidden,
}

/// The case team's view of a case's introductions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamIntros {
    pub intros: Vec<IntroSummary>,
    pub threads: Vec<ThreadLink>,
    /// The shortlist (engagement introductions name these).
    pub shortlist: Vec<OrgChoice>,
    /// Listed providers a scoping conversation may name (the best matches first).
    pub experts: Vec<OrgChoice>,
    /// The viewer introduces (the case's Case Manager, an admin).
    pub can_introduce: bool,
    /// The viewer approves introductions waiting for the steering committee.
    pub can_approve: bool,
    /// Introductions go out only once approved.
    pub needs_approval: bool,
}

/// A thread of a case, for a link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ThreadLink {
    pub id: String,
    pub kind: ThreadKind,
    /// Who takes part (organisations' names).
    pub parties: Vec<String>,
    pub last_seq: i64,
}
