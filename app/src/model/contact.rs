//! The contact form's conversations: as the team sees them (with the visitor's address) and as
//! the visitor sees their own (through the secret link; no field for the team's internals).

use crate::domain::contact::{EnquiryStatus, Topic};
use serde::{Deserialize, Serialize};

/// One message of a conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnquiryMessage {
    pub from_visitor: bool,
    /// The team member who wrote it (empty for the visitor's).
    pub author: String,
    pub body: String,
    pub at: i64,
}

/// `/enquiries/{id}`: a conversation for the team.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnquiryView {
    pub id: String,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub topic: Topic,
    pub status: EnquiryStatus,
    pub version: i64,
    pub created_at: i64,
    pub messages: Vec<EnquiryMessage>,
}

/// A conversation in the team's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnquiryRowView {
    pub id: String,
    pub name: String,
    pub organisation: String,
    pub topic: Topic,
    pub status: EnquiryStatus,
    pub updated_at: i64,
}

/// `/enquiries`: the conversations, by status.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnquiryList {
    pub status: Option<EnquiryStatus>,
    pub rows: Vec<EnquiryRowView>,
    pub open: i64,
}

/// `/contact/conversation?t=…`: the visitor's own conversation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisitorEnquiry {
    pub name: String,
    pub topic: Topic,
    pub status: EnquiryStatus,
    pub messages: Vec<EnquiryMessage>,
}
