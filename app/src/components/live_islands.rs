//! The live channel's islands: the only parts of a followed page that come to life in the
//! browser. [`LiveNotice`] says a page changed (with a link to load it again) where the page holds
//! forms being typed in; [`LiveRefresh`] shows what changed by loading the page again in the
//! background and replacing its changing regions. Both show where the connection stands, and
//! staff pages who else is there. Their words are resolved on the server.

use super::live::{use_live, LiveState};
use super::presence::{others, Presences};
use crate::i18n::{Locale, K};
use crate::model::{LiveEvent, ThreadChange, Topic};
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

/// An island: follows `topics` and, on each change (and after a gap), loads the page again in
/// the background and puts the new content of each region in `regions` (element ids) in place;
/// the header's unread count is counted again. On a thread it also says who is typing.
#[island(lazy)]
pub fn LiveRefresh(topics: Vec<String>, regions: Vec<String>, words: RefreshWords) -> impl IntoView {
    let (updated, set_updated) = signal(false);
    let (typing, set_typing) = signal(None::<String>);
    let typing_heard = StoredValue::new(0u64);
    let me = words.typing.as_ref().map(|(_, me)| me.clone()).unwrap_or_default();
    let unread = super::use_unread();
    let refresh = move || {
        #[cfg(feature = "hydrate")]
        {
            let regions = regions.clone();
            leptos::task::spawn_local(async move {
                if super::refresh::replace_regions(&regions).await {
                    set_updated.set(true);
                    if let Some(u) = unread {
                        u.refresh();
                    }
                }
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (&regions, set_updated, unread);
    };
    let topics = topics.iter().filter_map(|t| Topic::from_key(t)).collect();
    let again = refresh.clone();
    let state = use_live(
        topics,
        move |event| match event {
            LiveEvent::Thread(t) => match &t.what {
                ThreadChange::Typing(name) if *name != me => {
                    set_typing.set(Some(name.clone()));
                    // announced every few seconds while it goes on: without a new one it clears
                    let heard = typing_heard.get_value() + 1;
                    typing_heard.set_value(heard);
                    set_timeout(
                        move || {
                            if typing_heard.get_value() == heard {
                                set_typing.set(None);
                            }
                        },
                        std::time::Duration::from_millis(TYPING_SHOWN_MS),
                    );
                }
                ThreadChange::Typing(_) | ThreadChange::Read => {}
                ThreadChange::Message | ThreadChange::Participants => {
                    set_typing.set(None);
                    refresh();
                }
            },
            _ => refresh(),
        },
        again,
    );
    let typing_words = words.typing.clone().map(|(line, _)| line);
    let said = words.updated.clone();
    view! {
        {status_line(state, words.live)}
        {said.map(|said| view! {
            <p class="visually-hidden" role="status" aria-live="polite">{move || updated.get().then(|| said.clone())}</p>
        })}
        {typing_words.map(|line| view! {
            <p class="muted typing" role="status" aria-live="polite">
                {move || typing.get().map(|name| line.replace("{name}", &name))}
            </p>
        })}
    }
}

/// How long "is typing" stays without a new announcement (the writer's page announces every
/// three seconds while typing).
const TYPING_SHOWN_MS: u64 = 7_000;
