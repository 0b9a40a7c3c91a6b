//! The dialogue: `/inbox` (conversations, introductions waiting for an answer, notifications),
//! `/threads/{id}` (one conversation) and `/introductions/{id}` (an introduction as the
//! providers it names see it). Every action is a plain form; with JavaScript the conversation
//! is live and messages go through the browser's outbox.

mod compose;
mod files;
mod inbox;
mod introduction;
#[cfg(feature = "hydrate")]
mod outbox;
mod participants;
mod thread;

pub use inbox::InboxPage;
pub use introduction::IntroductionPage;
pub use thread::ThreadPage;

use crate::i18n::{Locale, K};
use crate::model::ThreadKind;

/// A thread's title: with the government's name for those who may know it, else its country.
fn thread_title(l: Locale, kind: ThreadKind, government: Option<&str>, country: &str) -> String {
    match (kind, government) {
        (ThreadKind::Government, Some(g)) => l.tf(K::ThreadTitleGovernment, &[("government", g)]),
        (ThreadKind::Introduction, Some(g)) => l.tf(K::ThreadTitleIntroduction, &[("government", g)]),
        (_, None) => l.tf(K::ThreadTitleCountry, &[("country", country)]),
    }
}
