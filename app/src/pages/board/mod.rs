//! `/board`: the live case board for staff (steering reads it). One column per working stage;
//! cards move by dragging them onto a column (mouse or finger), by "Move to…" (keyboard and
//! screen readers; a plain form without script), and every change anyone makes reaches every
//! open board through the live channel. Who else is looking shows at the top. On a phone the
//! columns become a stage switcher. The filters live in the URL; each person saves named views.
//!
//! The board is rendered on the server, as any page; one small island ([`live::BoardLive`])
//! brings it to life: it follows the live channel, loads the cards again when anything changes,
//! and wires the drag, the "Move to…" forms and the phone's switcher onto the server's HTML
//! (`drag`), so the browser never renders the board itself (issue 19: the page's weight).

mod card;
mod columns;
#[cfg(feature = "hydrate")]
mod drag;
mod filters;
mod live;

use crate::api::board::MOVE_FORM;
use crate::components::{use_locale, use_me};
use crate::domain::case::CaseStage;
use crate::domain::casework::CaseQuery;
use crate::i18n::K;
use crate::pages::{refused, set_status, use_flash};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_location;

/// The id of the region the island loads again on each change (the count, the switcher, the
/// columns); the filters around it stay as they are, with whatever is being typed in them.
pub(crate) const CARDS_REGION: &str = "board-cards";

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
                view! { <Board me=me.map(|m| m.user_id) search/> }.into_any()
            } else {
                set_status(if use_me().is_some() { 403 } else { 401 });
                refused(l, if use_me().is_some() { crate::error::AppError::Forbidden } else { crate::error::AppError::Unauthenticated }, "/board")
            }}
        </div>
    }
}

/// The board for the address's query (`search`: the filters and the phone's column).
#[component]
fn Board(me: Option<String>, search: String) -> impl IntoView {
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
        .and_then(|(_, v)| CaseStage::from_key(&v));
    let board = Resource::new(move || canonical.clone(), crate::api::board::board);
    view! {
        <div class="board-head">
            <h1>{l.t(K::BoardTitle)}</h1>
        </div>
        <p class="lead">{l.t(K::BoardLead)}" "<a href="/cases">{l.t(K::BoardListLink)}</a></p>
        // the island composes its messages in the browser, from these words of the page's language
        <crate::i18n::PageWords only=live::WORDS/>
        <live::BoardLive me/>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match board.await {
                    Ok(b) => view! {
                        {filters::filters(l, &b)}
                        <div id=CARDS_REGION>{columns::columns(l, b, col)}</div>
                    }.into_any(),
                    Err(e) => refused(l, e, "/board"),
                }
            })}
        </Suspense>
    }
    .into_any()
}
