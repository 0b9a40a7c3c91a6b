//! `/board`: the live case board for staff (steering reads it). One column per working stage;
//! cards move by dragging them onto a column (mouse or finger), by "Move to…" (keyboard and
//! screen readers; a plain form without script), and every change anyone makes reaches every
//! open board through the live channel. Who else is looking shows at the top. On a phone the
//! columns become a stage switcher. The filters live in the URL; each person saves named views.

mod card;
mod columns;
mod drag;
mod filters;

use crate::api::board::MOVE_FORM;
use crate::components::{use_locale, use_me, LiveStatus, PresenceLine, Presences};
use crate::domain::casework::CaseQuery;
use crate::i18n::K;
use crate::model::{BoardView, LiveEvent, Place, Topic};
use crate::pages::{refused, set_status, use_flash};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// What the board's parts share: the view's query, the messages it shows, and the drag.
#[derive(Clone, Copy)]
pub(crate) struct BoardCtx {
    /// The filters, canonical (`back` for every move form).
    pub query: StoredValue<String>,
    /// Said to screen readers (a move made, the board updated).
    pub announce: RwSignal<String>,
    /// Shown and said at once (a refused move, a conflict).
    pub alert: RwSignal<Option<String>>,
    /// The card being dragged and the column under it.
    pub drag: RwSignal<Option<drag::Dragging>>,
    pub over: RwSignal<Option<crate::domain::case::CaseStage>>,
    /// The card to focus again once the board is redrawn.
    pub focus: StoredValue<Option<String>>,
    /// The column shown on a phone.
    pub current: RwSignal<Option<crate::domain::case::CaseStage>>,
    pub board: Resource<Result<BoardView, crate::error::AppError>>,
}

/// `/board`.
#[component]
pub fn BoardPage() -> impl IntoView {
    let l = use_locale();
    let me = use_me();
    let staff = me.as_ref().is_some_and(|m| m.staff_role.is_some() && !m.needs_two_factor);
    let search = use_location().search.get_untracked();
    let flash = use_flash(MOVE_FORM);
    view! {
        <Title text=l.t(K::BoardTitle)/>
        <div class="container-wide page board-page">
            <crate::components::FormErrorSummary flash=flash/>
            {if staff {
                // the board composes its words in the browser: it needs the page's word table
                // and the values admins added to the vocabularies, which it labels
                view! {
                    <crate::i18n::PageWords/>
                    {crate::app::vocabulary_meta()}
                    <Board me=me.map(|m| m.user_id) search/>
                }
                .into_any()
            } else {
                set_status(if use_me().is_some() { 403 } else { 401 });
                refused(l, if use_me().is_some() { crate::error::AppError::Forbidden } else { crate::error::AppError::Unauthenticated }, "/board")
            }}
        </div>
    }
}

/// The board for `query`: the server function itself on the server, and from the browser the
/// same endpoint through the island's own small client (`api::browser`).
async fn load_board(query: String) -> Result<crate::model::BoardView, crate::error::AppError> {
    #[cfg(feature = "ssr")]
    return crate::api::board::board(query).await;
    #[cfg(not(feature = "ssr"))]
    return send_wrapper::SendWrapper::new(crate::api::browser::call(&crate::api::board::BoardRead { query })).await;
}

/// An island: the whole board comes to life in the browser (drag and drop, keyboard moves, live
/// changes); `search` is the address's query (the filters and the phone's column).
#[island(lazy)]
fn Board(me: Option<String>, search: String) -> impl IntoView {
    // values administrators added to the vocabularies (the cards' issue areas): registered
    // before the board renders, so the browser labels them as the server did
    #[cfg(feature = "hydrate")]
    crate::register_page_vocabulary();
    let l = use_locale();
    let query = match CaseQuery::parse(&search) {
        Ok(q) => q,
        Err(e) => {
            set_status(400);
            return view! {
                <h1>{l.t(K::BoardTitle)}</h1>
                <div class="error-summary" role="alert">
                    <h2>{l.t(K::RosterErrorTitle)}</h2>
                    <p>{e.describe(l)}</p>
                    <p><a href="/board">{l.t(K::RosterClearFilters)}</a></p>
                </div>
            }
            .into_any();
        }
    };
    let canonical = crate::domain::board::query_string(&query);
    // the column a phone shows: `col=` in the address, else the first with cards
    let col = form_urlencoded::parse(search.trim_start_matches('?').as_bytes())
        .find(|(k, _)| k == "col")
        .and_then(|(_, v)| crate::domain::case::CaseStage::from_key(&v));
    let resource = Resource::new(
        {
            let canonical = canonical.clone();
            move || canonical.clone()
        },
        load_board,
    );
    let ctx = BoardCtx {
        query: StoredValue::new(canonical),
        announce: RwSignal::new(String::new()),
        alert: RwSignal::new(None),
        drag: RwSignal::new(None),
        over: RwSignal::new(None),
        focus: StoredValue::new(None),
        current: RwSignal::new(col),
        board: resource,
    };
    provide_context(ctx);
    let presences = Presences::default();
    // a change anywhere: refetch soon (spread over a moment, so a thousand boards do not ask at
    // the same instant); a gap or a reconnection: refetch now
    let live = crate::components::use_live(
        vec![Topic::Cases, Topic::Here(Place::Board)],
        move |event: LiveEvent| {
            if !presences.heard(&event) {
                drag::refetch_soon(ctx);
            }
        },
        move || resource.refetch(),
    );
    view! {
        <div class="board-head">
            <h1>{l.t(K::BoardTitle)}</h1>
            <LiveStatus state=live/>
        </div>
        <p class="lead">{l.t(K::BoardLead)}" "<a href="/cases">{l.t(K::BoardListLink)}</a></p>
        <PresenceLine presences=presences me=me id="board-presence"/>
        <p class="visually-hidden" role="status" aria-live="polite" id="board-announce">{move || ctx.announce.get()}</p>
        <div role="alert" class="board-alert-region">
            {move || ctx.alert.get().map(|a| view! {
                <p class="board-alert">
                    <span>{a}</span>" "
                    <button type="button" class="button-link" on:click=move |_| ctx.alert.set(None)>{l.t(K::BoardDismiss)}</button>
                </p>
            })}
        </div>
        <Transition fallback=|| view! { <p class="muted">{use_locale().t(K::BoardLoading)}</p> }>
            {move || Suspend::new(async move {
                match resource.await {
                    Ok(b) => {
                        ctx.query.set_value(b.query.clone());
                        drag::restore_focus(ctx);
                        view! {
                            {filters::filters(l, &b)}
                            {columns::columns(l, b)}
                        }.into_any()
                    }
                    Err(e) => refused(l, e, "/board"),
                }
            })}
        </Transition>
    }
    .into_any()
}
