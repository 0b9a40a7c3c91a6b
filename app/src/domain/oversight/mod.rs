//! Oversight: how the mechanism is doing, for the steering committee. What it is asked for (a
//! date range over when requests arrived, an issue area, a region), the figures computed from
//! the cases' facts ([`figures`]), the cases behind any one figure ([`Metric`]), and where
//! demand meets no supply ([`gaps`]). Pure: the server reads the facts, this decides.

pub mod figures;
pub mod gaps;
mod metric;
pub mod tuning;

pub use figures::*;
pub use metric::{answer_label, Metric};

use crate::domain::taxonomy::{IssueArea, Region};
use crate::i18n::{Locale, K};

/// The range a page opens on: the last year, today included.
pub const DEFAULT_RANGE_DAYS: i64 = 365;
/// The longest range asked for at once: ten years (the mechanism began in 2011).
pub const MAX_RANGE_DAYS: i64 = 3653;

/// What oversight is asked for: requests that arrived from `from` to `to` (day numbers, both
/// included), optionally about one issue area and in one region.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OversightQuery {
    pub from: i64,
    pub to: i64,
    pub area: Option<IssueArea>,
    pub region: Option<Region>,
}

/// Why a query was refused: the parameter, the value given, and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OversightError {
    pub param: String,
    pub value: String,
    pub key: K,
}

impl OversightError {
    fn new(param: &str, value: &str, key: K) -> OversightError {
        OversightError { param: param.to_string(), value: value.to_string(), key }
    }

    /// Says what is wrong, in `locale`.
    pub fn describe(&self, locale: Locale) -> String {
        let max = (MAX_RANGE_DAYS / 365).to_string();
        locale.tf(self.key, &[("filter", &self.param), ("value", &self.value), ("years", &max)])
    }
}

impl OversightQuery {
    /// The default view: the last year, every area and region.
    pub fn default_for(today: i64) -> OversightQuery {
        OversightQuery { from: today - (DEFAULT_RANGE_DAYS - 1), to: today, area: None, region: None }
    }

    /// Parses the page's query string (`from`, `to` as `YYYY-MM-DD`, `area`, `region`) with
    /// `extra` parameters the caller reads itself (the drill-down's `metric`). A parameter
    /// nobody knows, a value that is not one, a reversed or too long range: refused, saying which.
    pub fn parse(qs: &str, today: i64, extra: &[&str]) -> Result<OversightQuery, OversightError> {
        let mut q = OversightQuery::default_for(today);
        let (mut from, mut to) = (None, None);
        for (k, v) in form_urlencoded::parse(qs.trim_start_matches('?').as_bytes()) {
            let (k, v) = (k.as_ref(), v.trim());
            if extra.contains(&k) {
                continue;
            }
            if v.is_empty() && matches!(k, "from" | "to" | "area" | "region") {
                continue;
            }
            let bad = || OversightError::new(k, v, K::OversightErrorBadValue);
            match k {
                "from" => from = Some(crate::domain::time::day_number(v).ok_or_else(bad)?),
                "to" => to = Some(crate::domain::time::day_number(v).ok_or_else(bad)?),
                "area" => q.area = Some(IssueArea::from_key(v).ok_or_else(bad)?),
                "region" => q.region = Some(Region::from_key(v).ok_or_else(bad)?),
                _ => return Err(OversightError::new(k, v, K::OversightErrorUnknownFilter)),
            }
        }
        q.to = to.unwrap_or(today);
        q.from = from.unwrap_or(q.to - (DEFAULT_RANGE_DAYS - 1));
        let range = format!("{} – {}", crate::domain::time::format_day(q.from), crate::domain::time::format_day(q.to));
        if q.from > q.to {
            return Err(OversightError::new("from", &range, K::OversightErrorReversed));
        }
        if q.to - q.from + 1 > MAX_RANGE_DAYS {
            return Err(OversightError::new("from", &range, K::OversightErrorTooLong));
        }
        Ok(q)
    }

    /// The canonical query string (every parameter, always in one order).
    pub fn query_string(&self) -> String {
        let mut out = form_urlencoded::Serializer::new(String::new());
        out.append_pair("from", &crate::domain::time::format_day(self.from));
        out.append_pair("to", &crate::domain::time::format_day(self.to));
        if let Some(a) = self.area {
            out.append_pair("area", a.key());
        }
        if let Some(r) = self.region {
            out.append_pair("region", r.key());
        }
        out.finish()
    }

    /// The first and last instant of the range (ms since 1970, UTC; the end excluded).
    pub fn instants(&self) -> (i64, i64) {
        (self.from * 86_400_000, (self.to + 1) * 86_400_000)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TODAY: i64 = 20_000;

    #[test]
    fn an_empty_query_is_the_last_year() {
        let q = OversightQuery::parse("", TODAY, &[]).expect("valid");
        assert_eq!(q, OversightQuery { from: TODAY - 364, to: TODAY, area: None, region: None });
        assert_eq!(OversightQuery::parse(&q.query_string(), TODAY, &[]).expect("valid"), q);
    }

    #[test]
    fn dates_and_filters_are_read_and_written_back() {
        let q = OversightQuery::parse("from=2025-01-01&to=2025-12-31&area=open_contracting&region=europe", TODAY, &[])
            .expect("valid");
        assert_eq!(q.to - q.from, 364);
        assert_eq!(q.area, Some(IssueArea::OpenContracting));
        assert_eq!(q.region, Some(Region::Europe));
        assert_eq!(q.query_string(), "from=2025-01-01&to=2025-12-31&area=open_contracting&region=europe");
        // empty values are no filter; a caller's own parameter is left to it
        let q = OversightQuery::parse("area=&region=&metric=opened", TODAY, &["metric"]).expect("valid");
        assert_eq!((q.area, q.region), (None, None));
    }

    #[test]
    fn a_reversed_an_enormous_or_a_wrong_query_is_refused_saying_why() {
        let err = |qs: &str| OversightQuery::parse(qs, TODAY, &[]).expect_err("refused");
        assert_eq!(err("from=2025-12-31&to=2025-01-01").key, K::OversightErrorReversed);
        assert_eq!(err("from=1990-01-01&to=2025-01-01").key, K::OversightErrorTooLong);
        assert_eq!(err("from=2025-02-30").key, K::OversightErrorBadValue);
        assert_eq!(err("area=astrology").key, K::OversightErrorBadValue);
        assert_eq!(err("region=<script>").param, "region");
        assert_eq!(err("colour=red").key, K::OversightErrorUnknownFilter);
        assert_eq!(err("metric=opened").key, K::OversightErrorUnknownFilter, "only where the caller reads it");
        // exactly ten years is allowed
        let q = OversightQuery::parse(
            &format!(
                "to=2025-12-31&from={}",
                crate::domain::time::format_day(
                    crate::domain::time::day_number("2025-12-31").expect("valid") - (MAX_RANGE_DAYS - 1)
                )
            ),
            TODAY,
            &[],
        );
        assert!(q.is_ok());
        assert!(err("area=nope").describe(Locale::En).contains("nope"));
    }
}
