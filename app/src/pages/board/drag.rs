//! Moving cards in the browser: a drag with the mouse (anywhere on a card) or a finger (on its
//! grip) follows the pointer; dropped on a column (or a stage of the phone's switcher), the
//! state machine is asked first (a move it refuses is explained and the card goes back), then
//! the server, which decides with the case's facts. "Move to…" makes the same move. Each move
//! is announced; a conflict (someone moved the card first) shows the board as it now is.

use super::BoardCtx;
use crate::domain::board::check_drop;
use crate::domain::case::CaseStage;
use crate::i18n::{Locale, K};
use leptos::ev::{MouseEvent, PointerEvent, SubmitEvent};
use leptos::prelude::*;

/// The card a pointer holds.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Grab {
    pub id: String,
    pub from: CaseStage,
    pub version: i64,
    /// The government's name, to say what moved.
    pub name: String,
}

/// A drag under way.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Dragging {
    pub grab: Grab,
    pub from: CaseStage,
    start: (i32, i32),
    pub offset: (i32, i32),
    /// It moved far enough to be a drag (not a click).
    pub active: bool,
    /// It ended as a drag: the click that follows is not a click on the card's link.
    ended: bool,
}

/// How far a pointer travels before a press becomes a drag.
const THRESHOLD: i32 = 6;

pub(super) fn down(ctx: BoardCtx, grab: &Grab, ev: PointerEvent) {
    if ev.button() != 0 {
        return;
    }
    // a finger or a pen drags by the grip (elsewhere it scrolls); a mouse anywhere but a
    // control (its link, "Move to…")
    let on = |selector: &str| target_within(&ev, selector);
    if ev.pointer_type() != "mouse" && !on(".card-grip") {
        return;
    }
    if on("a, button, summary, input, select, textarea, form") {
        return;
    }
    // the browser's own text selection and drag-and-drop would take the pointer away
    ev.prevent_default();
    capture(&ev);
    ctx.drag.set(Some(Dragging {
        grab: grab.clone(),
        from: grab.from,
        start: (ev.client_x(), ev.client_y()),
        offset: (0, 0),
        active: false,
        ended: false,
    }));
}

pub(super) fn moved(ctx: BoardCtx, ev: PointerEvent) {
    let Some(mut d) = ctx.drag.get_untracked() else { return };
    if d.ended {
        return;
    }
    let offset = (ev.client_x() - d.start.0, ev.client_y() - d.start.1);
    d.active = d.active || offset.0.abs() > THRESHOLD || offset.1.abs() > THRESHOLD;
    if !d.active {
        return;
    }
    ev.prevent_default();
    d.offset = offset;
    ctx.drag.set(Some(d));
    let over = stage_at(ev.client_x(), ev.client_y());
    if ctx.over.get_untracked() != over {
        ctx.over.set(over);
    }
}

pub(super) fn up(ctx: BoardCtx, l: Locale, ev: PointerEvent) {
    let Some(d) = ctx.drag.get_untracked() else { return };
    let over = stage_at(ev.client_x(), ev.client_y());
    ctx.over.set(None);
    if !d.active {
        ctx.drag.set(None);
        return;
    }
    // the card goes back to its place; the board moves it once the server has
    ctx.drag.set(Some(Dragging { active: false, ended: true, offset: (0, 0), ..d.clone() }));
    if let Some(to) = over.filter(|to| *to != d.from) {
        attempt(ctx, l, d.grab, to);
    }
}

pub(super) fn cancel(ctx: BoardCtx) {
    ctx.over.set(None);
    ctx.drag.set(None);
}

/// The click that ends a drag does not follow the card's link.
pub(super) fn click(ctx: BoardCtx, ev: MouseEvent) {
    if ctx.drag.get_untracked().is_some_and(|d| d.ended) {
        ev.prevent_default();
    }
    if ctx.drag.get_untracked().is_some_and(|d| d.ended || !d.active) {
        ctx.drag.set(None);
    }
}

/// "Move to…" with script: the move is made in place (without script the form posts).
pub(super) fn submitted(ctx: BoardCtx, l: Locale, grab: &Grab, ev: SubmitEvent) {
    let to = submitter_value(&ev).and_then(|v| CaseStage::from_key(&v));
    let Some(to) = to else { return };
    ev.prevent_default();
    ctx.focus.set_value(Some(format!("card-{}", grab.id)));
    attempt(ctx, l, grab.clone(), to);
}

/// Asks the state machine, then the server, to move `grab` to `to`; says what happened.
fn attempt(ctx: BoardCtx, l: Locale, grab: Grab, to: CaseStage) {
    let stage = l.t(to.label());
    if let Err(r) = check_drop(grab.from, to) {
        let text = l.tf(K::BoardRefused, &[("case", &grab.name), ("stage", stage), ("reason", l.t(r.key()))]);
        ctx.alert.set(Some(text));
        ctx.drag.set(None);
        return;
    }
    let query = ctx.query.get_value();
    // the server's answer: only ever asked in the browser (a board without script posts the
    // card's own form)
    #[cfg(feature = "hydrate")]
    leptos::task::spawn_local(async move {
        let request = crate::api::board::BoardMove {
            id: grab.id.clone(),
            version: grab.version,
            to: to.key().to_string(),
            back: query,
        };
        let answer: Result<crate::model::BoardMoved, _> = crate::api::browser::call(&request).await;
        match answer {
            Ok(_) => {
                ctx.alert.set(None);
                ctx.announce.set(l.tf(K::BoardMoved, &[("case", &grab.name), ("stage", stage)]));
            }
            Err(crate::error::AppError::Conflict) => {
                ctx.alert.set(Some(l.tf(K::BoardConflict, &[("case", &grab.name)])));
            }
            Err(e) => {
                let text =
                    l.tf(K::BoardRefused, &[("case", &grab.name), ("stage", stage), ("reason", l.t(e.message_key()))]);
                ctx.alert.set(Some(text));
            }
        }
        ctx.drag.set(None);
        ctx.board.refetch();
    });
    #[cfg(not(feature = "hydrate"))]
    let _ = (query, stage, ctx.board);
}

/// A change heard on the live channel: refetch within a moment (spread out, so that many
/// open boards do not all ask at the same instant), unless one is already on its way.
pub(super) fn refetch_soon(ctx: BoardCtx) {
    #[cfg(feature = "hydrate")]
    {
        thread_local! {
            static PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
        }
        if PENDING.with(|p| p.replace(true)) {
            return;
        }
        let spread = (js_sys::Math::random() * 300.0) as u64;
        set_timeout(
            move || {
                PENDING.with(|p| p.set(false));
                // a card held (or being dragged) is not pulled from under the pointer
                if ctx.drag.get_untracked().is_some_and(|d| !d.ended) {
                    refetch_soon(ctx);
                } else {
                    if let Some(active) = active_id() {
                        ctx.focus.set_value(Some(active));
                    }
                    ctx.board.refetch();
                }
            },
            std::time::Duration::from_millis(spread),
        );
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ctx;
}

/// Once the board is drawn again, focus goes back where it was.
pub(super) fn restore_focus(ctx: BoardCtx) {
    #[cfg(feature = "hydrate")]
    if let Some(id) = ctx.focus.get_value() {
        ctx.focus.set_value(None);
        request_animation_frame(move || {
            use wasm_bindgen::JsCast;
            if let Some(el) = document().get_element_by_id(&id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ctx;
}

#[cfg(feature = "hydrate")]
fn active_id() -> Option<String> {
    let el = document().active_element()?;
    // focus inside a card comes back to the card
    let card = el.closest(".board-card").ok().flatten()?;
    Some(card.id())
}

fn target_within(ev: &PointerEvent, selector: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        ev.target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|el| el.closest(selector).ok().flatten())
            .is_some()
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (ev, selector);
        false
    }
}

fn capture(ev: &PointerEvent) {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        if let Some(el) = ev.current_target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) {
            let _ = el.set_pointer_capture(ev.pointer_id());
        }
    }
    #[cfg(not(feature = "hydrate"))]
    let _ = ev;
}

/// The column (or switcher stage) under a point, looking through the dragged card.
fn stage_at(x: i32, y: i32) -> Option<CaseStage> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let found = document().elements_from_point(x as f32, y as f32);
        found.iter().filter_map(|e| e.dyn_into::<web_sys::Element>().ok()).find_map(|el| {
            if el.closest(".board-card.dragging").ok().flatten().is_some() {
                return None;
            }
            let stage = el.closest("[data-stage]").ok().flatten()?.get_attribute("data-stage")?;
            CaseStage::from_key(&stage)
        })
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = (x, y);
        None
    }
}

fn submitter_value(ev: &SubmitEvent) -> Option<String> {
    #[cfg(feature = "hydrate")]
    {
        use wasm_bindgen::JsCast;
        let button = ev.submitter()?.dyn_into::<web_sys::HtmlButtonElement>().ok()?;
        Some(button.value())
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = ev;
        None
    }
}
