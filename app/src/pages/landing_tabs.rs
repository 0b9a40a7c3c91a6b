//! In the browser only: the landing page's examples become a tab set. The server rendered the
//! tab list (hidden) and the panels (plain articles); this shows the list, gives the panels
//! their roles, shows one at a time, and follows the keyboard pattern of a tab list: arrows
//! move between tabs (wrapping), Home and End go to the ends.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

fn element(id: &str) -> Option<Element> {
    leptos::prelude::document().get_element_by_id(id)
}

/// Shows example `index` and selects its tab; `focus` moves keyboard focus to the tab.
fn select(count: usize, index: usize, focus: bool) {
    for i in 0..count {
        let chosen = i == index;
        if let Some(tab) = element(&format!("example-tab-{i}")) {
            let _ = tab.set_attribute("aria-selected", if chosen { "true" } else { "false" });
            let _ = tab.set_attribute("tabindex", if chosen { "0" } else { "-1" });
            if chosen && focus {
                if let Ok(tab) = tab.dyn_into::<HtmlElement>() {
                    let _ = tab.focus();
                }
            }
        }
        if let Some(panel) = element(&format!("example-{i}")) {
            if chosen {
                let _ = panel.remove_attribute("hidden");
            } else {
                let _ = panel.set_attribute("hidden", "");
            }
        }
    }
}

/// The tab that is selected now.
fn current(count: usize) -> usize {
    (0..count)
        .find(|i| {
            element(&format!("example-tab-{i}")).and_then(|t| t.get_attribute("aria-selected")).as_deref()
                == Some("true")
        })
        .unwrap_or(0)
}

/// Wires the tab list of `count` examples (once: a second call finds it shown and does nothing).
pub fn attach(count: usize) {
    let Some(list) = element("example-tabs") else { return };
    if count == 0 || !list.has_attribute("hidden") {
        return;
    }
    for i in 0..count {
        if let Some(panel) = element(&format!("example-{i}")) {
            let _ = panel.set_attribute("role", "tabpanel");
            let _ = panel.set_attribute("aria-labelledby", &format!("example-tab-{i}"));
            let _ = panel.set_attribute("tabindex", "0");
        }
        if let Some(tab) = element(&format!("example-tab-{i}")) {
            let on_click = Closure::<dyn FnMut()>::new(move || select(count, i, false));
            let _ = tab.add_event_listener_with_callback("click", on_click.as_ref().unchecked_ref());
            on_click.forget();
        }
    }
    let on_key = Closure::<dyn FnMut(web_sys::KeyboardEvent)>::new(move |ev: web_sys::KeyboardEvent| {
        let now = current(count);
        let next = match ev.key().as_str() {
            "ArrowRight" => (now + 1) % count,
            "ArrowLeft" => (now + count - 1) % count,
            "Home" => 0,
            "End" => count - 1,
            _ => return,
        };
        ev.prevent_default();
        select(count, next, true);
    });
    let _ = list.add_event_listener_with_callback("keydown", on_key.as_ref().unchecked_ref());
    on_key.forget();
    select(count, current(count), false);
    let _ = list.remove_attribute("hidden");
}
