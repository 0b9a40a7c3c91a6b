//! The board's one island: the connection's state, who else is looking, and what a move did
//! (said to screen readers, or shown at once when refused). It follows the live channel and,
//! when any case changes, loads the cards again (spread over a moment, so a thousand open
//! boards do not ask at the same instant; at once after a gap in the connection); it wires the
//! server's cards for moving (`drag`). Its words come from the page's word table ([`WORDS`]).

use crate::components::{use_live, use_locale, Heard, LiveStatus, PresenceLine, Presences};
use crate::i18n::K;
use crate::model::{Place, Topic};
use leptos::prelude::*;

/// The key prefixes of the words the island composes its messages from: the board's own, the
/// stages', the state machine's refusals, the server's errors, the live channel's and presence's.
pub(super) const WORDS: &[&str] = &["board.", "case.stage_", "case.refused_", "error.", "live.", "presence."];

/// What the island says: to screen readers (a move made) and at once (a refused move, a conflict).
#[derive(Clone, Copy)]
pub(super) struct Said {
    pub announce: RwSignal<String>,
    pub alert: RwSignal<Option<String>>,
}

/// An island: the board's live parts (see the module); `me` is the viewer, left out of "also
/// looking".
#[island(lazy)]
pub(super) fn BoardLive(me: Option<String>) -> impl IntoView {
    let l = use_locale();
    let said = Said { announce: RwSignal::new(String::new()), alert: RwSignal::new(None) };
    let presences = Presences::default();
    let live = use_live(
        vec![Topic::Cases, Topic::Here(Place::Board)],
        move |event: Heard| {
            if !presences.heard(&event) {
                #[cfg(feature = "hydrate")]
                super::drag::refresh_soon();
            }
        },
        move || {
            #[cfg(feature = "hydrate")]
            super::drag::refresh_now();
        },
    );
    // once the island has come to life: the cards the server drew become movable
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| super::drag::wire(l, said));
    view! {
        <div class="board-live">
            <LiveStatus state=live/>
            <PresenceLine presences=presences me=me id="board-presence"/>
        </div>
        <p class="visually-hidden" role="status" aria-live="polite" id="board-announce">{move || said.announce.get()}</p>
        <div role="alert" class="board-alert-region">
            {move || said.alert.get().map(|a| view! {
                <p class="board-alert">
                    <span>{a}</span>" "
                    <button type="button" class="button-link" on:click=move |_| said.alert.set(None)>{l.t(K::BoardDismiss)}</button>
                </p>
            })}
        </div>
    }
}
