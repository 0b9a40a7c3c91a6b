//! The dialogue: `/inbox` (conversations, introductions waiting for an answer, notifications),
//! `/threads/{id}` (one conversation) and `/introductions/{id}` (an introduction as the
//! providers it names see it). Every action is a plain form; with JavaScript the conversation
//! is live and messages go through the browser's outbox.

mod compose;
mod inbox;
mod introduction;
#[cfg(feature = "hydrate")]
mod outbox;
mod participants;
mod thread;

pub use inbox::InboxPage;
pub use introduction::IntroductionPage;
pub use thread::ThreadPage;
