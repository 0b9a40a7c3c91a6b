//! Tuning the mechanism without a release: the matching weights and the days providers have to
//! answer an introduction, as the steering committee sets them (each change a new version, with
//! who and why), what a proposed change is checked against, and how it would move the current
//! open cases' rankings (the preview shown before saving).

use crate::domain::matching::{FactorKind, Weights};
use crate::i18n::K;
use serde::{Deserialize, Serialize};

/// The largest weight one factor may have.
pub const WEIGHT_MAX: u32 = 1000;
/// The response window's bounds, in days.
pub const WINDOW_DAYS: std::ops::RangeInclusive<u32> = 1..=60;
/// The longest reason kept with a change.
pub const REASON_MAX: usize = 500;
/// How many of a case's best matches the preview compares.
pub const PREVIEW_TOP: usize = 5;

/// The tunable settings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tuning {
    pub weights: Weights,
    /// Days providers have to answer an introduction.
    pub window_days: u32,
}

/// A refused value: the field and what is wrong.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TuningRefusal {
    pub field: &'static str,
    pub key: K,
}

impl Tuning {
    /// Reads a proposed tuning from form fields (`areas`, `assistance`, … `kind`, `window`): a
    /// field missing keeps its value in `base`; a value that is not a whole number in range,
    /// or weights that are all zero, are refused naming the field.
    pub fn from_fields(base: Tuning, fields: &[(String, String)]) -> Result<Tuning, TuningRefusal> {
        let get = |name: &str| fields.iter().find(|(k, _)| k == name).map(|(_, v)| v.trim());
        let mut weights = base.weights;
        for kind in FactorKind::ALL {
            if let Some(v) = get(kind.key()) {
                let w = v.parse::<u32>().ok().filter(|w| *w <= WEIGHT_MAX);
                let w = w.ok_or(TuningRefusal { field: kind.key(), key: K::TuningErrorWeight })?;
                weights = weights.with(kind, w);
            }
        }
        if weights.total() == 0 {
            return Err(TuningRefusal { field: FactorKind::Areas.key(), key: K::TuningErrorAllZero });
        }
        let window_days = match get("window") {
            Some(v) => v
                .parse::<u32>()
                .ok()
                .filter(|d| WINDOW_DAYS.contains(d))
                .ok_or(TuningRefusal { field: "window", key: K::TuningErrorWindow })?,
            None => base.window_days,
        };
        Ok(Tuning { weights, window_days })
    }
}

/// The reason given for a change, tidied; refused when empty or too long.
pub fn check_reason(reason: &str) -> Result<String, TuningRefusal> {
    let clean = reason.trim();
    if clean.chars().count() < 3 {
        return Err(TuningRefusal { field: "reason", key: K::TuningErrorReason });
    }
    if clean.chars().count() > REASON_MAX {
        return Err(TuningRefusal { field: "reason", key: K::ErrorTooLong });
    }
    Ok(clean.to_string())
}

/// One provider's place in a case's best matches before and after a change (1 is first).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shift {
    pub provider: String,
    pub before: Option<usize>,
    pub after: Option<usize>,
}

/// How the best [`PREVIEW_TOP`] of a ranking change: every provider in either list, in the new
/// order (then those that leave it); empty when nothing moves.
pub fn shifts(before: &[String], after: &[String]) -> Vec<Shift> {
    let top = |list: &[String]| list.iter().take(PREVIEW_TOP).cloned().collect::<Vec<_>>();
    let (before, after) = (top(before), top(after));
    if before == after {
        return Vec::new();
    }
    let place = |list: &[String], id: &str| list.iter().position(|x| x == id).map(|i| i + 1);
    let mut out: Vec<Shift> = after
        .iter()
        .map(|id| Shift { provider: id.clone(), before: place(&before, id), after: place(&after, id) })
        .collect();
    out.extend(before.iter().filter(|id| !after.contains(id)).map(|id| Shift {
        provider: id.clone(),
        before: place(&before, id),
        after: None,
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    const BASE: Tuning = Tuning {
        weights: Weights {
            areas: 400,
            assistance: 150,
            languages: 150,
            geography: 100,
            cost: 100,
            capacity: 50,
            kind: 50,
        },
        window_days: 5,
    };

    #[test]
    fn a_proposal_changes_what_it_names_and_refuses_what_is_out_of_range() {
        let t = Tuning::from_fields(BASE, &fields(&[("languages", "300"), ("window", "10")])).expect("valid");
        assert_eq!((t.weights.languages, t.weights.areas, t.window_days), (300, 400, 10));
        let refused = |pairs: &[(&str, &str)]| Tuning::from_fields(BASE, &fields(pairs)).expect_err("refused");
        assert_eq!(refused(&[("cost", "1001")]), TuningRefusal { field: "cost", key: K::TuningErrorWeight });
        assert_eq!(refused(&[("cost", "-5")]).field, "cost");
        assert_eq!(refused(&[("kind", "lots")]).field, "kind");
        assert_eq!(refused(&[("window", "0")]).key, K::TuningErrorWindow);
        assert_eq!(refused(&[("window", "61")]).key, K::TuningErrorWindow);
        let zero: Vec<(&str, &str)> = FactorKind::ALL.iter().map(|k| (k.key(), "0")).collect();
        assert_eq!(refused(&zero).key, K::TuningErrorAllZero);
    }

    #[test]
    fn a_reason_is_required_and_bounded() {
        assert_eq!(
            check_reason("  Languages matter more for peer exchange. "),
            Ok("Languages matter more for peer exchange.".into())
        );
        assert_eq!(check_reason(" ").expect_err("empty").key, K::TuningErrorReason);
        assert_eq!(check_reason(&"x".repeat(REASON_MAX + 1)).expect_err("long").key, K::ErrorTooLong);
    }

    #[test]
    fn shifts_show_the_best_five_before_and_after() {
        let ids = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert!(shifts(&ids("a b c d e f"), &ids("a b c d e g")).is_empty(), "beyond the fifth does not count");
        assert_eq!(shifts(&ids("a b c d e"), &ids("a b c d x")).len(), 6, "x comes in, e leaves");
        let s = shifts(&ids("a b c"), &ids("b a d"));
        assert_eq!(
            s,
            vec![
                Shift { provider: "b".into(), before: Some(2), after: Some(1) },
                Shift { provider: "a".into(), before: Some(1), after: Some(2) },
                Shift { provider: "d".into(), before: None, after: Some(3) },
                Shift { provider: "c".into(), before: Some(3), after: None },
            ]
        );
    }
}
