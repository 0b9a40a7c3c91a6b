//! The count of unread messages and notifications in the header. The server renders the inbox
//! link with an empty place for it (`#inbox-count`), so no page waits for the count; in the
//! browser the entry point counts once the page has loaded ([`recount`]), and the pages that
//! hear of new messages through their own live subscription (the inbox, a thread) count again,
//! so the header moves without a connection of its own. Plain DOM, no island: its code is a few
//! hundred bytes of every signed-in page instead of a lazily loaded island of a dozen files
//! (issue 19).

/// The id of the element the count is written into; it carries the word said after the number
/// to screen readers (`data-unread`, in the page's language).
pub const COUNT_ID: &str = "inbox-count";

/// In the browser: counts the unread messages and notifications again and shows the number
/// (nothing when there are none); a page without the inbox link (signed out) asks nothing.
#[cfg(feature = "hydrate")]
pub fn recount() {
    use leptos::prelude::*;
    if document().get_element_by_id(COUNT_ID).is_none() {
        return;
    }
    leptos::task::spawn_local(async {
        let counts: Result<crate::model::Unread, _> =
            crate::api::browser::call(&crate::api::threads::UnreadCounts {}).await;
        let (Ok(counts), Some(place)) = (counts, document().get_element_by_id(COUNT_ID)) else { return };
        show(&place, counts.messages + counts.notices);
    });
}

/// Writes `count` into `place` as the server would: " <span class="badge">N<span
/// class="visually-hidden"> unread</span></span>", or nothing.
#[cfg(feature = "hydrate")]
fn show(place: &web_sys::Element, count: i64) {
    use leptos::prelude::document;
    place.set_text_content(None);
    if count <= 0 {
        return;
    }
    let doc = document();
    let (Ok(badge), Ok(said)) = (doc.create_element("span"), doc.create_element("span")) else { return };
    badge.set_class_name("badge badge-info");
    badge.set_text_content(Some(&count.to_string()));
    said.set_class_name("visually-hidden");
    said.set_text_content(Some(&format!(" {}", place.get_attribute("data-unread").unwrap_or_default())));
    let _ = badge.append_child(&said);
    let _ = place.append_with_str_1(" ");
    let _ = place.append_child(&badge);
}
