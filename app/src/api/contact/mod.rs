//! The contact form and the conversations it opens: a visitor writes (rate-limited per address,
//! robots recognised and not told), gets a secret link to follow the conversation and answer;
//! the Case Managers read and answer at `/enquiries`, each answer mailed to the visitor. The
//! news subscription with its double opt-in is beside it.

mod news;
mod team;
mod visitor;

pub use news::*;
pub use team::*;
pub use visitor::*;

/// The visitor's address of their conversation.
pub const CONVERSATION_PATH: &str = "/contact/conversation";

#[cfg(feature = "ssr")]
pub(crate) fn messages(rows: Vec<crate::db::enquiries::MessageRow>) -> Vec<crate::model::EnquiryMessage> {
    rows.into_iter()
        .map(|m| crate::model::EnquiryMessage {
            from_visitor: m.from_visitor,
            author: m.author.unwrap_or_default(),
            body: m.body,
            at: m.at,
        })
        .collect()
}
