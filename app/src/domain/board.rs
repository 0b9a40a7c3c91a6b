//! The live case board's rules, shared by the browser (which offers only the drops and "Move
//! to…" choices the state machine allows, and explains a refusal at once) and the server (which
//! decides): its columns, how long a card has waited (with the amber and red thresholds the
//! platform is set with), who a case is waiting on, saved views' names and a view's address.

use super::case::{apply, CaseFacts, CaseStage, Move, Refusal};
use super::casework::CaseQuery;
use serde::{Deserialize, Serialize};

/// The board's columns: the working stages, in order (On hold and Closed are counted beside).
pub const COLUMNS: [CaseStage; 7] = [
    CaseStage::Intake,
    CaseStage::Scoping,
    CaseStage::Matching,
    CaseStage::Introductions,
    CaseStage::Selection,
    CaseStage::Agreement,
    CaseStage::Active,
];

/// Whether `stage` has a column.
pub fn is_column(stage: CaseStage) -> bool {
    COLUMNS.contains(&stage)
}

/// The columns a card in `from` may be dropped on: the moves the state machine has between
/// working stages (its guards still decide, on the server, with the case's facts).
pub fn drop_targets(from: CaseStage) -> Vec<CaseStage> {
    COLUMNS.into_iter().filter(|to| *to != from && check_drop(from, *to).is_ok()).collect()
}

/// Whether a card may be dropped from `from` on `to`, as far as the stages alone say (a drop on
/// its own column is no move at all and is refused as such).
pub fn check_drop(from: CaseStage, to: CaseStage) -> Result<(), Refusal> {
    if from == to || !is_column(to) {
        return Err(Refusal::NotAllowed);
    }
    apply(from, None, Move::To(to), &CaseFacts::everything(), 0).map(|_| ())
}

/// How long a card has been in its column, against the platform's thresholds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Ageing {
    /// Under the amber threshold.
    Fresh,
    /// At or over the amber threshold.
    Amber,
    /// At or over the red threshold.
    Red,
}

/// The days in a stage at which a card turns amber and red (`OGPNM_BOARD_AMBER_DAYS`,
/// `OGPNM_BOARD_RED_DAYS`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeingThresholds {
    pub amber_days: i64,
    pub red_days: i64,
}

impl Default for AgeingThresholds {
    fn default() -> Self {
        AgeingThresholds { amber_days: 14, red_days: 30 }
    }
}

impl AgeingThresholds {
    /// Thresholds from settings: each a whole number of days from 1 to 365, amber before red.
    pub fn new(amber_days: i64, red_days: i64) -> Option<AgeingThresholds> {
        let ok = (1..=365).contains(&amber_days) && (1..=365).contains(&red_days) && amber_days < red_days;
        ok.then_some(AgeingThresholds { amber_days, red_days })
    }

    /// How a card `days` into its stage reads.
    pub fn classify(self, days: i64) -> Ageing {
        if days >= self.red_days {
            Ageing::Red
        } else if days >= self.amber_days {
            Ageing::Amber
        } else {
            Ageing::Fresh
        }
    }
}

/// Whole days between two instants (ms since 1970, UTC), never negative.
pub fn days_between(since_ms: i64, now_ms: i64) -> i64 {
    (now_ms - since_ms).max(0) / 86_400_000
}

keyed! {
    /// Whose move a case waits for.
    pub enum Waiting {
        /// The government: to confirm the scope, choose its providers, accept the agreement.
        Government = "government" => BoardWaitingGovernment,
        /// A provider: to answer an introduction, accept the agreement.
        Provider = "provider" => BoardWaitingProvider,
    }
}

/// What a case is waiting for, read for the board in one query for every case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WaitFacts {
    pub stage: Option<CaseStage>,
    /// A scope is written and the government has not confirmed it.
    pub scope_unconfirmed: bool,
    /// Introductions sent and not yet answered by every provider.
    pub introductions_waiting: i64,
    /// Providers the government selected.
    pub selected: i64,
    /// The current agreement version exists.
    pub agreement_written: bool,
    /// The government accepted the current version.
    pub government_accepted: bool,
    /// Selected providers that accepted the current version.
    pub providers_accepted: i64,
}

/// Whom the case waits on now (both may hold at once, or neither).
pub fn waiting_on(f: &WaitFacts) -> Vec<Waiting> {
    let stage = f.stage;
    let government = (stage == Some(CaseStage::Scoping) && f.scope_unconfirmed)
        || (stage == Some(CaseStage::Selection) && f.selected == 0)
        || (stage == Some(CaseStage::Agreement) && f.agreement_written && !f.government_accepted);
    let provider = f.introductions_waiting > 0
        || (stage == Some(CaseStage::Agreement) && f.agreement_written && f.providers_accepted < f.selected);
    let mut out = Vec::new();
    if government {
        out.push(Waiting::Government);
    }
    if provider {
        out.push(Waiting::Provider);
    }
    out
}

/// The longest name of a saved view, in characters.
pub const VIEW_NAME_MAX: usize = 60;
/// The most views one person keeps.
pub const VIEWS_MAX: usize = 20;

/// Why a saved view is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ViewRefusal {
    NameRequired,
    NameTooLong,
    TooMany,
}

impl ViewRefusal {
    /// The translated reason.
    pub fn key(self) -> crate::i18n::K {
        use crate::i18n::K;
        match self {
            ViewRefusal::NameRequired => K::BoardViewErrorName,
            ViewRefusal::NameTooLong => K::ErrorTooLong,
            ViewRefusal::TooMany => K::BoardViewErrorTooMany,
        }
    }
}

/// A saved view's name, trimmed, with its spaces and control characters folded into single
/// spaces; refused when empty or too long.
pub fn check_view_name(name: &str) -> Result<String, ViewRefusal> {
    let name: String = name
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if name.is_empty() {
        Err(ViewRefusal::NameRequired)
    } else if name.chars().count() > VIEW_NAME_MAX {
        Err(ViewRefusal::NameTooLong)
    } else {
        Ok(name)
    }
}

/// A view's query string, in a stable order (what a saved view keeps and a shared link
/// carries), without the leading `?`.
pub fn query_string(q: &CaseQuery) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for s in &q.stages {
        out.append_pair("stage", s.key());
    }
    for m in &q.case_managers {
        out.append_pair("cm", m);
    }
    for a in &q.areas {
        out.append_pair("area", a.key());
    }
    for r in &q.regions {
        out.append_pair("region", r.key());
    }
    for w in &q.waiting {
        out.append_pair("waiting", w.key());
    }
    if q.overdue {
        out.append_pair("overdue", "1");
    }
    if q.mine {
        out.append_pair("mine", "1");
    }
    out.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use CaseStage::*;

    #[test]
    fn a_card_may_be_dropped_only_where_the_state_machine_leads() {
        assert_eq!(drop_targets(Intake), vec![Scoping]);
        assert_eq!(drop_targets(Introductions), vec![Scoping, Matching, Selection]);
        assert_eq!(drop_targets(Active), Vec::<CaseStage>::new());
        assert_eq!(check_drop(Intake, Active), Err(Refusal::NotAllowed));
        assert_eq!(check_drop(Matching, Matching), Err(Refusal::NotAllowed));
        assert_eq!(check_drop(Agreement, Closed), Err(Refusal::NotAllowed));
        for from in COLUMNS {
            for to in drop_targets(from) {
                assert!(apply(from, None, Move::To(to), &CaseFacts::everything(), 0).is_ok(), "{from:?} → {to:?}");
            }
        }
    }

    #[test]
    fn a_card_turns_amber_then_red_at_the_thresholds() {
        let t = AgeingThresholds::new(7, 21).expect("valid");
        assert_eq!(t.classify(0), Ageing::Fresh);
        assert_eq!(t.classify(6), Ageing::Fresh);
        assert_eq!(t.classify(7), Ageing::Amber);
        assert_eq!(t.classify(20), Ageing::Amber);
        assert_eq!(t.classify(21), Ageing::Red);
        assert_eq!(AgeingThresholds::new(21, 7), None);
        assert_eq!(AgeingThresholds::new(0, 7), None);
        assert_eq!(AgeingThresholds::new(7, 400), None);
        assert_eq!(days_between(0, 86_400_000 * 3 + 5), 3);
        assert_eq!(days_between(10, 0), 0);
    }

    #[test]
    fn a_case_waits_on_whoever_must_act_next() {
        let f = |stage, tweak: fn(&mut WaitFacts)| {
            let mut facts = WaitFacts { stage: Some(stage), ..WaitFacts::default() };
            tweak(&mut facts);
            waiting_on(&facts)
        };
        assert_eq!(f(Scoping, |w| w.scope_unconfirmed = true), vec![Waiting::Government]);
        assert_eq!(f(Scoping, |_| ()), vec![]);
        assert_eq!(f(Introductions, |w| w.introductions_waiting = 2), vec![Waiting::Provider]);
        assert_eq!(f(Selection, |_| ()), vec![Waiting::Government]);
        assert_eq!(f(Selection, |w| w.selected = 1), vec![]);
        let agreement = |w: &mut WaitFacts| {
            w.selected = 2;
            w.agreement_written = true;
            w.providers_accepted = 1;
        };
        assert_eq!(f(Agreement, agreement), vec![Waiting::Government, Waiting::Provider]);
        assert_eq!(
            f(Agreement, |w| {
                w.selected = 1;
                w.agreement_written = true;
                w.government_accepted = true;
                w.providers_accepted = 1;
            }),
            vec![]
        );
        // nothing written yet: the Case Manager's move
        assert_eq!(f(Agreement, |w| w.selected = 1), vec![]);
    }

    #[test]
    fn a_views_name_is_tidied_and_bounded() {
        assert_eq!(check_view_name("  Overdue\tin   Africa \n"), Ok("Overdue in Africa".into()));
        assert_eq!(check_view_name(" \u{7} "), Err(ViewRefusal::NameRequired));
        assert_eq!(check_view_name(&"é".repeat(61)), Err(ViewRefusal::NameTooLong));
        assert_eq!(check_view_name(&"é".repeat(60)).map(|n| n.chars().count()), Ok(60));
    }

    #[test]
    fn a_views_address_reads_back_as_the_same_view() {
        let qs = "stage=scoping&cm=none&area=open_data&region=africa_middle_east&waiting=government&overdue=1&mine=1";
        let q = CaseQuery::parse(qs).expect("parses");
        assert_eq!(query_string(&q), qs);
        assert_eq!(CaseQuery::parse(&query_string(&q)).expect("again"), q);
        assert_eq!(query_string(&CaseQuery::default()), "");
    }
}
