//! The count of unread messages and notifications in the header, shared with the pages that
//! hear of new messages through their own live subscription (the inbox, a thread): they ask
//! for a recount, so the header moves without a connection of its own. It is counted again on
//! every page change too.

use leptos::prelude::*;

/// The header's unread count and the pages' requests to count again.
#[derive(Clone, Copy, Debug)]
pub struct Unread {
    pub count: RwSignal<i64>,
    asked: RwSignal<u32>,
}

impl Unread {
    /// Asks for the count again (after a message arrived, or a thread was read).
    pub fn refresh(self) {
        self.asked.update(|n| *n = n.wrapping_add(1));
    }

    /// Tracks the requests to count again.
    pub fn track(self) -> u32 {
        self.asked.get()
    }
}

/// Provides the count to the header and the pages (once, in the app's root).
pub fn provide_unread() {
    provide_context(Unread { count: RwSignal::new(0), asked: RwSignal::new(0) });
}

/// The shared count, where the app provides it.
pub fn use_unread() -> Option<Unread> {
    use_context::<Unread>()
}
