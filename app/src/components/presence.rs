//! Who else is looking (staff only): the board and each case page keep the latest presence
//! report of each app instance ([`Presences::heard`]) and show the people in them, the viewer
//! left out. Nothing is shown before the live channel connects.

use super::live::{Heard, Seen};
use crate::i18n::K;
use crate::model::Viewer;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// The latest report of each instance for one place.
#[derive(Clone, Copy, Debug)]
pub struct Presences(RwSignal<BTreeMap<String, Seen>>);

impl Default for Presences {
    fn default() -> Self {
        Presences(RwSignal::new(BTreeMap::new()))
    }
}

impl Presences {
    /// The latest reports (tracked).
    pub fn reports(&self) -> BTreeMap<String, Seen> {
        self.0.get()
    }

    /// Keeps `event` if it is a presence report; whether it was one.
    pub fn heard(&self, event: &Heard) -> bool {
        match event {
            Heard::Presence { instance, seen } => {
                let (instance, seen) = (instance.clone(), seen.clone());
                self.0.update(|m| {
                    m.insert(instance, seen);
                });
                true
            }
            _ => false,
        }
    }
}

/// The people looking besides `me`, each once, and how many more are not named.
pub fn others(reports: &BTreeMap<String, Seen>, me: Option<&str>) -> (Vec<Viewer>, usize) {
    let mut named: BTreeMap<&str, &Viewer> = BTreeMap::new();
    let mut unnamed = 0;
    for r in reports.values() {
        for v in &r.viewers {
            named.insert(v.user_id.as_str(), v);
        }
        unnamed += r.count.saturating_sub(r.viewers.len());
    }
    let mut people: Vec<Viewer> = named.into_values().filter(|v| Some(v.user_id.as_str()) != me).cloned().collect();
    people.sort_by(|a, b| a.name.cmp(&b.name));
    (people, unnamed)
}

/// "Also here: …" for a place (`label`: what the place is, e.g. "on the board").
#[component]
pub fn PresenceLine(presences: Presences, me: Option<String>, #[prop(into)] id: String) -> impl IntoView {
    let l = crate::components::use_locale();
    move || {
        let reports = presences.0.get();
        if reports.is_empty() {
            return None;
        }
        let (people, more) = others(&reports, me.as_deref());
        let text = if people.is_empty() && more == 0 {
            l.t(K::PresenceAlone).to_string()
        } else {
            let names: Vec<String> = people.iter().map(|v| v.name.clone()).collect();
            let mut text = l.tf(K::PresenceOthers, &[("names", &names.join(", "))]);
            if more > 0 {
                text.push(' ');
                text.push_str(&l.tf(K::PresenceMore, &[("count", &more.to_string())]));
            }
            text
        };
        Some(view! {
            <p class="presence" id=id.clone()>
                <span class="presence-dot" aria-hidden="true"></span>
                {text}
            </p>
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(_instance: &str, ids: &[&str], count: usize) -> Seen {
        Seen {
            viewers: ids.iter().map(|i| Viewer { user_id: i.to_string(), name: format!("Name {i}") }).collect(),
            count,
        }
    }

    #[test]
    fn everyone_on_every_instance_is_shown_once_and_the_viewer_is_left_out() {
        let mut m = BTreeMap::new();
        m.insert("i1".to_string(), report("i1", &["me", "b"], 2));
        m.insert("i2".to_string(), report("i2", &["b", "c"], 5));
        let (people, more) = others(&m, Some("me"));
        assert_eq!(people.iter().map(|v| v.user_id.as_str()).collect::<Vec<_>>(), ["b", "c"]);
        assert_eq!(more, 3);
    }
}
