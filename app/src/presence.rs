//! Who is looking at the board and at each case. Every staff member's open live stream that
//! says where it is (`here=board`, `here=case:ID`) is counted while it lasts; dropping the
//! stream (the tab closed, the connection lost) counts them out.
//!
//! Each instance knows its own viewers and reports them as a [`PresenceReport`] on the live
//! channel: after a change (at most four times a second per place, however many join at once)
//! and every [`HEARTBEAT`] for every place someone looks at. On PostgreSQL the reports cross
//! instances like any event; each instance keeps the others' latest reports (forgetting one
//! not renewed within [`STALE_AFTER`], an instance that stopped) to greet a new viewer with
//! everyone already there. A page keeps the latest report of each instance and shows them
//! together.

use crate::model::{Place, PresenceReport, Viewer, PRESENCE_NAMES};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How often an instance repeats who looks where.
pub const HEARTBEAT: Duration = Duration::from_secs(20);
/// How long another instance's report holds without being renewed.
pub const STALE_AFTER: Duration = Duration::from_secs(60);
/// How long a change waits for others to gather into one report.
pub const GATHER: Duration = Duration::from_millis(250);

/// The presence registry of one instance (cheap to clone).
#[derive(Clone, Debug)]
pub struct Presence {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    instance: String,
    state: Mutex<State>,
    changed: tokio::sync::Notify,
}

#[derive(Debug, Default)]
struct State {
    next: u64,
    /// Per place, each open stream's viewer.
    local: HashMap<Place, HashMap<u64, Viewer>>,
    /// The other instances' latest reports, with when they arrived.
    remote: HashMap<(String, Place), (PresenceReport, Instant)>,
    /// Places whose viewers changed since the last report.
    dirty: HashSet<Place>,
}

/// One stream counted at a place; counted out when dropped.
#[derive(Debug)]
pub struct Here {
    presence: Presence,
    place: Place,
    id: u64,
}

impl Drop for Here {
    fn drop(&mut self) {
        let mut state = self.presence.lock();
        if let Some(viewers) = state.local.get_mut(&self.place) {
            viewers.remove(&self.id);
            if viewers.is_empty() {
                state.local.remove(&self.place);
            }
        }
        state.dirty.insert(self.place.clone());
        drop(state);
        self.presence.inner.changed.notify_one();
    }
}

impl Default for Presence {
    fn default() -> Self {
        Presence::new()
    }
}

impl Presence {
    /// A registry for a new instance (with a random name of its own).
    pub fn new() -> Presence {
        Presence {
            inner: Arc::new(Inner {
                instance: uuid::Uuid::now_v7().simple().to_string(),
                state: Mutex::new(State::default()),
                changed: tokio::sync::Notify::new(),
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        // a panic elsewhere never poisons who is looking beyond use
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// This instance's name in its reports.
    pub fn instance(&self) -> &str {
        &self.inner.instance
    }

    /// Counts `viewer` at `place` until the returned guard is dropped.
    pub fn enter(&self, place: Place, viewer: Viewer) -> Here {
        let mut state = self.lock();
        state.next += 1;
        let id = state.next;
        state.local.entry(place.clone()).or_default().insert(id, viewer);
        state.dirty.insert(place.clone());
        drop(state);
        self.inner.changed.notify_one();
        Here { presence: self.clone(), place, id }
    }

    /// This instance's report for `place`: each person once, named up to the limit.
    pub fn report(&self, place: &Place) -> PresenceReport {
        let state = self.lock();
        report_of(&self.inner.instance, place, state.local.get(place))
    }

    /// Every report to greet a new viewer of `place` with: this instance's and the other
    /// instances' that still hold.
    pub fn snapshot(&self, place: &Place) -> Vec<PresenceReport> {
        let mut out = vec![self.report(place)];
        let state = self.lock();
        out.extend(
            state
                .remote
                .iter()
                .filter(|((_, p), (_, at))| p == place && at.elapsed() < STALE_AFTER)
                .map(|(_, (r, _))| r.clone()),
        );
        out
    }

    /// Notes a report heard on the live channel (another instance's; one's own is ignored).
    pub fn heard(&self, report: &PresenceReport) {
        if report.instance == self.inner.instance {
            return;
        }
        let mut state = self.lock();
        state.remote.retain(|_, (_, at)| at.elapsed() < STALE_AFTER);
        state.remote.insert((report.instance.clone(), report.place.clone()), (report.clone(), Instant::now()));
    }

    /// Waits for a change, lets others gather for a moment, and returns the reports of the
    /// places that changed.
    pub async fn changes(&self) -> Vec<PresenceReport> {
        self.inner.changed.notified().await;
        tokio::time::sleep(GATHER).await;
        let mut state = self.lock();
        let dirty: Vec<Place> = state.dirty.drain().collect();
        dirty.iter().map(|p| report_of(&self.inner.instance, p, state.local.get(p))).collect()
    }

    /// The reports of every place someone looks at through this instance (the heartbeat).
    pub fn all(&self) -> Vec<PresenceReport> {
        let state = self.lock();
        state.local.iter().map(|(p, v)| report_of(&self.inner.instance, p, Some(v))).collect()
    }
}

fn report_of(instance: &str, place: &Place, viewers: Option<&HashMap<u64, Viewer>>) -> PresenceReport {
    // each person once (several tabs are one person), in a stable order
    let people: BTreeMap<&str, &Viewer> =
        viewers.map(|v| v.values().map(|viewer| (viewer.user_id.as_str(), viewer)).collect()).unwrap_or_default();
    let mut named: Vec<Viewer> = people.values().map(|v| (*v).clone()).collect();
    named.sort_by(|a, b| a.name.cmp(&b.name).then(a.user_id.cmp(&b.user_id)));
    let count = named.len();
    named.truncate(PRESENCE_NAMES);
    PresenceReport { instance: instance.to_string(), place: place.clone(), viewers: named, count }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn viewer(id: &str) -> Viewer {
        Viewer { user_id: id.into(), name: format!("Person {id}") }
    }

    #[tokio::test]
    async fn a_viewer_counts_while_their_stream_lasts_and_tabs_count_once() {
        let p = Presence::new();
        let a = p.enter(Place::Board, viewer("a"));
        let a2 = p.enter(Place::Board, viewer("a"));
        let b = p.enter(Place::Case("c1".into()), viewer("b"));
        assert_eq!(p.report(&Place::Board).count, 1);
        assert_eq!(p.report(&Place::Case("c1".into())).viewers, vec![viewer("b")]);
        let changed = p.changes().await;
        assert_eq!(changed.len(), 2, "each changed place reported once: {changed:?}");
        drop(a);
        assert_eq!(p.report(&Place::Board).count, 1, "the other tab is still open");
        drop((a2, b));
        assert_eq!(p.report(&Place::Board).count, 0);
        assert!(p.all().is_empty());
        let gone = p.changes().await;
        assert!(gone.iter().all(|r| r.count == 0 && r.viewers.is_empty()), "{gone:?}");
    }

    #[test]
    fn a_report_names_a_dozen_and_counts_everyone() {
        let p = Presence::new();
        let here: Vec<Here> = (0..30).map(|i| p.enter(Place::Board, viewer(&format!("{i:02}")))).collect();
        let r = p.report(&Place::Board);
        assert_eq!((r.count, r.viewers.len()), (30, PRESENCE_NAMES));
        drop(here);
    }

    #[test]
    fn other_instances_reports_greet_a_new_viewer_and_ones_own_are_not_kept_twice() {
        let (p, q) = (Presence::new(), Presence::new());
        let _b = q.enter(Place::Board, viewer("b"));
        p.heard(&q.report(&Place::Board));
        p.heard(&p.report(&Place::Board));
        let _a = p.enter(Place::Board, viewer("a"));
        let snap = p.snapshot(&Place::Board);
        assert_eq!(snap.len(), 2, "{snap:?}");
        let names: Vec<&str> = snap.iter().flat_map(|r| r.viewers.iter().map(|v| v.user_id.as_str())).collect();
        assert_eq!(names, ["a", "b"]);
        assert!(p.snapshot(&Place::Case("x".into())).iter().all(|r| r.count == 0));
    }
}
