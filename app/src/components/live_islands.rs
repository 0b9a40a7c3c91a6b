//! The live channel's islands: the only parts of a followed page that come to life in the
//! browser. [`LiveNotice`] says a page changed (with a link to load it again) where the page holds
//! forms being typed in; [`LiveRefresh`] shows what changed by loading the page again in the
//! background and replacing its changing regions. Both show where the connection stands, and
//! staff pages who else is there. Their words are resolved on the server.

use super::live::{use_live, LiveState};
use super::presence::{others, Presences};
use crate::i18n::{Locale, K};
use crate::model::Topic;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The live channel's words and a page's change notice.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct LiveWords {
    pub connecting: String,
    pub live: String,
    pub reconnecting: String,
    pub changed: String,
    pub reload: String,
}

impl LiveWords {
    /// The words in `l`, with `changed` as the page's own change notice.
    pub fn new(l: Locale, changed: K) -> Self {
        LiveWords {
            connecting: l.t(K::LiveConnecting).into(),
            live: l.t(K::LiveOn).into(),
            reconnecting: l.t(K::LiveReconnecting).into(),
            changed: l.t(changed).into(),
            reload: l.t(K::CaseReload).into(),
        }
    }
}

/// Who else is looking, for staff: the viewer's id, the line's id and its words (`{names}`,
/// `{count}` filled in the browser).
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct PresenceWords {
    pub me: Option<String>,
    pub id: String,
    pub alone: String,
    pub others: String,
    pub more: String,
}

impl PresenceWords {
    /// The words in `l` for the line `id`, the viewer being `me`.
    pub fn new(l: Locale, me: Option<String>, id: &str) -> Self {
        PresenceWords {
            me,
            id: id.to_string(),
            alone: l.t(K::PresenceAlone).into(),
            others: l.t(K::PresenceOthers).into(),
            more: l.t(K::PresenceMore).into(),
        }
    }
}

/// The connection state, in words (nothing while not following).
fn status_line(state: ReadSignal<LiveState>, words: LiveWords) -> impl IntoView {
    move || {
        let (class, text) = match state.get() {
            LiveState::Off => return None,
            LiveState::Connecting => ("live-status live-connecting", words.connecting.clone()),
            LiveState::Live => ("live-status live-on", words.live.clone()),
            LiveState::Reconnecting => ("live-status live-reconnecting", words.reconnecting.clone()),
        };
        Some(view! { <p class=class>{text}</p> })
    }
}

/// "Also here: …", once the first presence report arrived.
fn presence_line(presences: Presences, words: Option<PresenceWords>) -> impl IntoView {
    move || {
        let w = words.as_ref()?;
        let reports = presences.reports();
        if reports.is_empty() {
            return None;
        }
        let (people, more) = others(&reports, w.me.as_deref());
        let text = if people.is_empty() && more == 0 {
            w.alone.clone()
        } else {
            let names: Vec<String> = people.iter().map(|v| v.name.clone()).collect();
            let mut text = w.others.replace("{names}", &names.join(", "));
            if more > 0 {
                text.push(' ');
                text.push_str(&w.more.replace("{count}", &more.to_string()));
            }
            text
        };
        Some(view! {
            <p class="presence" id=w.id.clone()>
                <span class="presence-dot" aria-hidden="true"></span>
                {text}
            </p>
        })
    }
}

fn topics_of(keys: &[String], presence: &Option<PresenceWords>, here: Option<crate::model::Place>) -> Vec<Topic> {
    let mut topics: Vec<Topic> = keys.iter().filter_map(|t| Topic::from_key(t)).collect();
    if let (Some(PresenceWords { me: Some(_), .. }), Some(place)) = (presence, here) {
        topics.push(Topic::Here(place));
    }
    topics
}

/// An island: follows `topics` (topic keys) and, when anything changes, says so with a link that
/// loads `path` again: the page holds forms being typed in, so nothing is loaded over them. After
/// a gap in the connection it says so only if the page's `#page-version` moved on (when the page
/// has one). Staff see who else is at `here` (a place key).
#[island(lazy)]
pub fn LiveNotice(
    topics: Vec<String>,
    path: String,
    words: LiveWords,
    #[prop(optional_no_strip)] presence: Option<PresenceWords>,
    #[prop(optional)] here: Option<String>,
) -> impl IntoView {
    let (changed, set_changed) = signal(false);
    let presences = Presences::default();
    let here = here.as_deref().and_then(crate::model::Place::from_key);
    let topics = topics_of(&topics, &presence, here);
    let state = use_live(
        topics,
        move |event| {
            if !presences.heard(&event) {
                set_changed.set(true)
            }
        },
        move || {
            #[cfg(feature = "hydrate")]
            leptos::task::spawn_local(async move {
                if super::refresh::version_moved_on().await {
                    set_changed.set(true);
                }
            });
        },
    );
    let notice = words.clone();
    view! {
        {status_line(state, words)}
        {presence_line(presences, presence)}
        <div role="status" aria-live="polite" class="no-print">
            {move || changed.get().then(|| view! {
                <p class="notice">{notice.changed.clone()}" "<a href=path.clone() rel="external">{notice.reload.clone()}</a></p>
            })}
        </div>
    }
}

/// What a [`LiveRefresh`] shows besides the refreshed regions.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct RefreshWords {
    pub live: LiveWords,
    /// Said (to screen readers) after a refresh, if anything.
    pub updated: Option<String>,
    /// "{name} is typing…" on a thread, and the viewer's own name (not announced).
    pub typing: Option<(String, String)>,
}

/// Follows `topics` and, on each change (and after a gap), loads the page again in the
/// background and puts the new content of each region in `regions` (element ids) in place; the
/// header's unread count is counted again. On a thread it also says who is typing. Its three
/// lines are drawn by the server, empty, and written into in the browser by a small island
/// without props or view of its own (`dom`), so a thread's first visit carries less code
/// (issue 19).
#[component]
pub fn LiveRefresh(topics: Vec<String>, regions: Vec<String>, words: RefreshWords) -> impl IntoView {
    let (typing, me) = words.typing.unwrap_or_default();
    view! {
        // what the island needs, as data on its line (an island without props carries no code
        // to read them)
        <p id=dom::STATUS hidden=true data-topics=topics.join(" ") data-regions=regions.join(" ")
            data-connecting=words.live.connecting data-live=words.live.live data-reconnecting=words.live.reconnecting
            data-updated=words.updated.unwrap_or_default() data-typing=typing data-me=me></p>
        <p class="visually-hidden" role="status" aria-live="polite" id=dom::UPDATED></p>
        <p class="muted typing" role="status" aria-live="polite" id=dom::TYPING></p>
        <LiveRefreshFollow/>
    }
}

/// The island of [`LiveRefresh`]: reads its topics, regions and words off its line.
#[island(lazy)]
fn LiveRefreshFollow() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    dom::start();
}

/// [`LiveRefresh`]'s lines, written into in the browser.
mod dom {
    /// The connection's state, who is typing, and what screen readers hear after a refresh.
    pub const STATUS: &str = "live-refresh-status";
    pub const TYPING: &str = "live-refresh-typing";
    pub const UPDATED: &str = "live-refresh-updated";

    #[cfg(feature = "hydrate")]
    pub use browser::start;

    #[cfg(feature = "hydrate")]
    mod browser {
        use super::super::{LiveState, LiveWords};
        use super::{STATUS, TYPING, UPDATED};
        use crate::components::use_live;
        use crate::components::Heard;
        use crate::model::{ThreadChange, Topic};
        use leptos::prelude::*;
        use std::cell::Cell;
        use std::rc::Rc;

        /// How long "is typing" stays without a new announcement (the writer's page announces
        /// every three seconds while typing).
        const TYPING_SHOWN_MS: u64 = 7_000;

        fn write(id: &str, text: Option<&str>) {
            if let Some(el) = document().get_element_by_id(id) {
                el.set_text_content(text);
            }
        }

        /// Follows what the line says: its topics, its regions, its words.
        pub fn start() {
            let Some(line) = document().get_element_by_id(STATUS) else { return };
            let data = |name: &str| line.get_attribute(name).unwrap_or_default();
            let list = |name: &str| data(name).split_whitespace().map(str::to_string).collect::<Vec<_>>();
            let words = LiveWords {
                connecting: data("data-connecting"),
                live: data("data-live"),
                reconnecting: data("data-reconnecting"),
                ..LiveWords::default()
            };
            let typing = (data("data-typing"), data("data-me"));
            let state = follow(list("data-topics"), list("data-regions"), data("data-updated"), typing);
            Effect::new(move |_| show_state(state.get(), &words));
        }

        /// Shows the connection's state in words (hidden while not following).
        fn show_state(state: LiveState, words: &LiveWords) {
            let Some(el) = document().get_element_by_id(STATUS) else { return };
            let (class, text) = match state {
                LiveState::Off => ("live-status", None),
                LiveState::Connecting => ("live-status live-connecting", Some(&words.connecting)),
                LiveState::Live => ("live-status live-on", Some(&words.live)),
                LiveState::Reconnecting => ("live-status live-reconnecting", Some(&words.reconnecting)),
            };
            el.set_class_name(class);
            el.set_text_content(text.map(String::as_str));
            let _ = if text.is_some() { el.remove_attribute("hidden") } else { el.set_attribute("hidden", "") };
        }

        /// Subscribes to `topics`: a change loads `regions` again; someone typing is said.
        /// `updated`: said after a refresh (if anything); `(line, me)`: "{name} is typing…" and
        /// the viewer's own name (no line: not said).
        fn follow(
            topics: Vec<String>,
            regions: Vec<String>,
            updated: String,
            (line, me): (String, String),
        ) -> ReadSignal<LiveState> {
            let refresh = move || {
                let (regions, updated) = (regions.clone(), updated.clone());
                leptos::task::spawn_local(async move {
                    if crate::components::replace_regions(&regions).await {
                        write(UPDATED, Some(updated.as_str()).filter(|u| !u.is_empty()));
                        crate::components::recount_unread();
                    }
                });
            };
            let heard = Rc::new(Cell::new(0u64));
            let again = refresh.clone();
            let topics = topics.iter().filter_map(|t| Topic::from_key(t)).collect();
            use_live(
                topics,
                move |event| match event {
                    Heard::Thread(what) => match &what {
                        ThreadChange::Typing(name) if *name != me && !line.is_empty() => {
                            write(TYPING, Some(&line.replace("{name}", name)));
                            // announced every few seconds while it goes on: without a new one it clears
                            let now = heard.get() + 1;
                            heard.set(now);
                            let heard = heard.clone();
                            set_timeout(
                                move || {
                                    if heard.get() == now {
                                        write(TYPING, None);
                                    }
                                },
                                std::time::Duration::from_millis(TYPING_SHOWN_MS),
                            );
                        }
                        ThreadChange::Typing(_) | ThreadChange::Read => {}
                        ThreadChange::Message | ThreadChange::Participants => {
                            write(TYPING, None);
                            refresh();
                        }
                    },
                    _ => refresh(),
                },
                again,
            )
        }
    }
}
