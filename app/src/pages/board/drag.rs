//! In the browser: the cards the server drew, brought to life by listening on their region
//! (which survives each reload of the cards inside it). A drag with the mouse (anywhere on a
//! card) or a finger (on its grip) follows the pointer; dropped on a column (or a stage of the
//! phone's switcher), the state machine is asked first (a move it refuses is explained and the
//! card goes back), then the server, which decides with the case's facts. "Move to…" makes the
//! same move. Each move is announced; a conflict (someone moved the card first) shows the board
//! as it now is. The phone's switcher shows a column without loading the page.

use super::live::Said;
use super::CARDS_REGION;
use crate::domain::board::check_drop;
use crate::domain::case::CaseStage;
use crate::i18n::{Locale, K};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Element, Event, HtmlElement, PointerEvent};

/// A move asked for: which card, from where, as read.
#[derive(Clone, Debug)]
struct Move {
    id: String,
    from: CaseStage,
    version: i64,
    /// The government's name, to say what moved.
    name: String,
    /// The board's query, for the server's record of where the move was made.
    back: String,
}

/// The card a pointer holds.
struct Held {
    card: HtmlElement,
    what: Move,
    start: (i32, i32),
    /// It moved far enough to be a drag (not a click).
    active: bool,
    /// It ended as a drag: the click that follows is not a click on the card's link.
    ended: bool,
}

thread_local! {
    static HELD: RefCell<Option<Held>> = const { RefCell::new(None) };
    /// The stage under a dragged card, as last marked.
    static OVER: Cell<Option<CaseStage>> = const { Cell::new(None) };
    /// A reload of the cards is already on its way.
    static PENDING: Cell<bool> = const { Cell::new(false) };
    /// The card to focus again once the cards are drawn again.
    static FOCUS: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// How far a pointer travels before a press becomes a drag.
const THRESHOLD: i32 = 6;

/// Listens on the cards' region for drags, moves and the switcher.
pub(super) fn wire(l: Locale, said: Said) {
    let Some(region) = document().get_element_by_id(CARDS_REGION) else { return };
    listen(&region, "pointerdown", |e| e.dyn_ref::<PointerEvent>().into_iter().for_each(down));
    listen(&region, "pointermove", |e| e.dyn_ref::<PointerEvent>().into_iter().for_each(moved));
    listen(&region, "pointerup", move |e| e.dyn_ref::<PointerEvent>().into_iter().for_each(|ev| up(l, said, ev)));
    listen(&region, "pointercancel", |_| cancel());
    listen(&region, "dragstart", |e| {
        if target(&e).and_then(|t| within(&t, ".board-card")).is_some() {
            e.prevent_default();
        }
    });
    listen(&region, "click", click);
    listen(&region, "submit", move |e| submitted(l, said, e));
}

fn listen(el: &Element, name: &str, f: impl FnMut(Event) + 'static) {
    let handler = Closure::<dyn FnMut(Event)>::new(f);
    let _ = el.add_event_listener_with_callback(name, handler.as_ref().unchecked_ref());
    // the region lives as long as the page
    handler.forget();
}

fn target(e: &Event) -> Option<Element> {
    e.target()?.dyn_into::<Element>().ok()
}

fn within(el: &Element, selector: &str) -> Option<Element> {
    el.closest(selector).ok().flatten()
}

fn each(selector: &str, mut f: impl FnMut(Element)) {
    if let Ok(list) = document().query_selector_all(selector) {
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).for_each(&mut f);
    }
}

/// What moving `card` means, read off its HTML.
fn move_of(card: &Element) -> Option<Move> {
    let from = within(card, "[data-stage]")?.get_attribute("data-stage")?;
    let text = |selector: &str| card.query_selector(selector).ok().flatten();
    Some(Move {
        id: card.get_attribute("data-case")?,
        from: CaseStage::from_key(&from)?,
        version: card.get_attribute("data-version")?.parse().ok()?,
        name: text("h3").and_then(|h| h.text_content()).unwrap_or_default().trim().to_string(),
        back: text("input[name='back']").and_then(|i| i.get_attribute("value")).unwrap_or_default(),
    })
}

fn down(ev: &PointerEvent) {
    let Some(on) = target(ev).filter(|_| ev.button() == 0) else { return };
    // only a card its viewer may move has a grip
    let Some(card) = within(&on, ".board-card").filter(|c| c.query_selector(".card-grip").ok().flatten().is_some())
    else {
        return;
    };
    // a finger or a pen drags by the grip (elsewhere it scrolls); a mouse anywhere but a
    // control (its link, "Move to…")
    if ev.pointer_type() != "mouse" && within(&on, ".card-grip").is_none() {
        return;
    }
    if within(&on, "a, button, summary, input, select, textarea, form").is_some() {
        return;
    }
    let (Some(what), Ok(html)) = (move_of(&card), card.clone().dyn_into::<HtmlElement>()) else { return };
    // the browser's own text selection and drag-and-drop would take the pointer away
    ev.prevent_default();
    let _ = card.set_pointer_capture(ev.pointer_id());
    let held = Held { card: html, what, start: (ev.client_x(), ev.client_y()), active: false, ended: false };
    HELD.with(|h| *h.borrow_mut() = Some(held));
}

fn moved(ev: &PointerEvent) {
    let from = HELD.with(|h| {
        let mut h = h.borrow_mut();
        let held = h.as_mut().filter(|d| !d.ended)?;
        let offset = (ev.client_x() - held.start.0, ev.client_y() - held.start.1);
        held.active = held.active || offset.0.abs() > THRESHOLD || offset.1.abs() > THRESHOLD;
        if !held.active {
            return None;
        }
        let _ = held.card.style().set_property("transform", &format!("translate({}px, {}px)", offset.0, offset.1));
        let _ = held.card.class_list().add_1("dragging");
        Some(held.what.from)
    });
    if let Some(from) = from {
        ev.prevent_default();
        mark(from, stage_at(ev.client_x(), ev.client_y()));
    }
}

/// While a card is dragged, the column (and switcher stage) under it says whether it would
/// take it.
fn mark(from: CaseStage, over: Option<CaseStage>) {
    if OVER.replace(over) == over {
        return;
    }
    let class =
        over.filter(|to| *to != from).map(|to| if check_drop(from, to).is_ok() { "drop-ok" } else { "drop-no" });
    each(".board-column[data-stage], .stage-switcher a[data-stage]", |el| {
        let _ = el.class_list().remove_2("drop-ok", "drop-no");
        if let Some(class) = class.filter(|_| el.get_attribute("data-stage").as_deref() == over.map(|o| o.key())) {
            let _ = el.class_list().add_1(class);
        }
    });
}

fn unmark() {
    mark(CaseStage::Intake, None);
}

fn up(l: Locale, said: Said, ev: &PointerEvent) {
    let over = stage_at(ev.client_x(), ev.client_y());
    unmark();
    let Some(held) = HELD.with(|h| h.borrow_mut().take()) else { return };
    if !held.active {
        return;
    }
    // the card goes back to its place; the board moves it once the server has
    let _ = held.card.style().remove_property("transform");
    let _ = held.card.class_list().remove_1("dragging");
    let what = held.what.clone();
    HELD.with(|h| *h.borrow_mut() = Some(Held { active: false, ended: true, ..held }));
    if let Some(to) = over.filter(|to| *to != what.from) {
        attempt(l, said, what, to);
    }
}

fn cancel() {
    unmark();
    if let Some(held) = HELD.with(|h| h.borrow_mut().take()) {
        let _ = held.card.style().remove_property("transform");
        let _ = held.card.class_list().remove_1("dragging");
    }
}

/// The click that ends a drag does not follow the card's link; a stage of the phone's switcher
/// shows its column.
fn click(e: Event) {
    HELD.with(|h| {
        let mut h = h.borrow_mut();
        if h.as_ref().is_some_and(|d| d.ended) {
            e.prevent_default();
        }
        if h.as_ref().is_some_and(|d| d.ended || !d.active) {
            *h = None;
        }
    });
    let link = target(&e).and_then(|t| within(&t, ".stage-switcher a[data-stage]"));
    if let Some(stage) = link.as_ref().and_then(|a| a.get_attribute("data-stage")) {
        e.prevent_default();
        each(".board-column[data-stage]", |col| {
            let _ = col
                .class_list()
                .toggle_with_force("current", col.get_attribute("data-stage").as_deref() == Some(&stage));
        });
        each(".stage-switcher a[data-stage]", |a| {
            let _ = if a.get_attribute("data-stage").as_deref() == Some(&stage) {
                a.set_attribute("aria-current", "true")
            } else {
                a.remove_attribute("aria-current")
            };
        });
        // the address says which column, so a reload (and each reload of the cards) shows it
        if let (Ok(history), Some(href)) = (window().history(), link.and_then(|a| a.get_attribute("href"))) {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&href));
        }
    }
}

/// "Move to…" with script: the move is made in place (without script the form posts).
fn submitted(l: Locale, said: Said, e: Event) {
    let Some(form) = target(&e).filter(|f| within(f, ".card-move").is_some()) else { return };
    let button = e.dyn_ref::<web_sys::SubmitEvent>().and_then(|ev| ev.submitter());
    let to = button
        .and_then(|b| b.dyn_into::<web_sys::HtmlButtonElement>().ok())
        .and_then(|b| CaseStage::from_key(&b.value()));
    let (Some(to), Some(what)) = (to, within(&form, ".board-card").and_then(|c| move_of(&c))) else { return };
    e.prevent_default();
    FOCUS.with(|f| *f.borrow_mut() = Some(format!("card-{}", what.id)));
    attempt(l, said, what, to);
}

/// Asks the state machine, then the server, to move `what` to `to`; says what happened.
fn attempt(l: Locale, said: Said, what: Move, to: CaseStage) {
    let stage = l.t(to.label());
    let refused = |reason: &str| l.tf(K::BoardRefused, &[("case", &what.name), ("stage", stage), ("reason", reason)]);
    if let Err(r) = check_drop(what.from, to) {
        said.alert.set(Some(refused(l.t(r.key()))));
        HELD.with(|h| *h.borrow_mut() = None);
        return;
    }
    leptos::task::spawn_local(async move {
        let request = crate::api::board::BoardMove {
            id: what.id.clone(),
            version: what.version,
            to: to.key().to_string(),
            back: what.back.clone(),
        };
        let answer: Result<crate::model::BoardMoved, _> = crate::api::browser::call(&request).await;
        match answer {
            Ok(_) => {
                said.alert.set(None);
                said.announce.set(l.tf(K::BoardMoved, &[("case", &what.name), ("stage", stage)]));
            }
            Err(crate::error::AppError::Conflict) => {
                said.alert.set(Some(l.tf(K::BoardConflict, &[("case", &what.name)])))
            }
            Err(e) => said.alert.set(Some(
                l.tf(K::BoardRefused, &[("case", &what.name), ("stage", stage), ("reason", l.t(e.message_key()))]),
            )),
        }
        HELD.with(|h| *h.borrow_mut() = None);
        refresh_now();
    });
}

/// A change heard on the live channel: the cards again within a moment (spread out, so that
/// many open boards do not all ask at the same instant), unless a reload is already on its way.
pub(super) fn refresh_soon() {
    if PENDING.replace(true) {
        return;
    }
    let spread = (js_sys::Math::random() * 300.0) as u64;
    set_timeout(
        || {
            PENDING.set(false);
            // a card held (or being dragged) is not pulled from under the pointer
            if HELD.with(|h| h.borrow().as_ref().is_some_and(|d| !d.ended)) {
                refresh_soon();
            } else {
                refresh_now();
            }
        },
        std::time::Duration::from_millis(spread),
    );
}

/// The cards again now; focus inside a card comes back to that card once they are drawn.
pub(super) fn refresh_now() {
    let active = document().active_element().and_then(|el| within(&el, ".board-card")).map(|c| c.id());
    FOCUS.with(|f| {
        let mut f = f.borrow_mut();
        if f.is_none() {
            *f = active;
        }
    });
    leptos::task::spawn_local(async {
        if crate::components::replace_regions(&[CARDS_REGION.to_string()]).await {
            let focus = FOCUS.with(|f| f.borrow_mut().take());
            if let Some(el) = focus.and_then(|id| document().get_element_by_id(&id)) {
                let _ = el.dyn_into::<HtmlElement>().map(|el| el.focus());
            }
        }
    });
}

/// The column (or switcher stage) under a point, looking through the dragged card.
fn stage_at(x: i32, y: i32) -> Option<CaseStage> {
    let found = document().elements_from_point(x as f32, y as f32);
    found.iter().filter_map(|e| e.dyn_into::<Element>().ok()).find_map(|el| {
        if within(&el, ".board-card.dragging").is_some() {
            return None;
        }
        CaseStage::from_key(&within(&el, "[data-stage]")?.get_attribute("data-stage")?)
    })
}
