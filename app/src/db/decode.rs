//! Reading stored values loudly. A JSON document or a vocabulary key that does not parse is a
//! corrupt row: it is logged once (table, column, row) and refused as an internal error, never
//! read as empty or as a default, so the next save cannot overwrite real data with nothing.

use serde::de::DeserializeOwned;

/// Where a stored value comes from, for the log line that names a corrupt one.
#[derive(Clone, Copy, Debug)]
pub struct Stored<'a> {
    pub table: &'static str,
    pub column: &'static str,
    /// The row's id.
    pub row: &'a str,
}

impl Stored<'_> {
    fn corrupt(&self, detail: &dyn std::fmt::Display) -> sqlx::Error {
        tracing::error!(table = self.table, column = self.column, row = self.row, %detail, "corrupt stored value");
        sqlx::Error::Decode(format!("corrupt value in {}.{}", self.table, self.column).into())
    }

    /// A JSON document.
    pub fn json<T: DeserializeOwned>(&self, raw: &str) -> Result<T, sqlx::Error> {
        serde_json::from_str(raw).map_err(|e| self.corrupt(&e))
    }

    /// An optional JSON document (`NULL` is `None`; anything else must parse).
    pub fn json_opt<T: DeserializeOwned>(&self, raw: Option<&str>) -> Result<Option<T>, sqlx::Error> {
        raw.map(|r| self.json(r)).transpose()
    }

    /// A vocabulary key, read by `parse`.
    pub fn key<T>(&self, raw: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T, sqlx::Error> {
        parse(raw).ok_or_else(|| self.corrupt(&format_args!("unknown key {raw:?}")))
    }

    /// An optional vocabulary key (`NULL` is `None`; anything else must be known).
    pub fn key_opt<T>(&self, raw: Option<&str>, parse: impl Fn(&str) -> Option<T>) -> Result<Option<T>, sqlx::Error> {
        raw.map(|r| self.key(r, &parse)).transpose()
    }
}

/// A stored value of `table.column` in row `row`.
pub fn stored<'a>(table: &'static str, column: &'static str, row: &'a str) -> Stored<'a> {
    Stored { table, column, row }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::Answers;

    #[test]
    fn a_corrupt_value_is_an_error_never_a_default() {
        let at = stored("requests", "answers", "r1");
        assert!(at.json::<Answers>("{not json").is_err());
        assert!(at.json::<Answers>("{}").is_ok());
        assert_eq!(at.json_opt::<Answers>(None).ok(), Some(None));
        let stage = stored("cases", "stage", "c1");
        assert!(stage.key("limbo", crate::domain::case::CaseStage::from_key).is_err());
        assert!(stage.key_opt(Some("limbo"), crate::domain::case::CaseStage::from_key).is_err());
        assert_eq!(stage.key_opt(None, crate::domain::case::CaseStage::from_key).ok(), Some(None));
    }
}
