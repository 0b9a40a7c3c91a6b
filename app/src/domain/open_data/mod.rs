//! Open data: what is published (the public directory, cases as anonymised aggregates, their
//! outcomes), each file's columns with their meaning (the README of the ZIP and the
//! `/open-data` page are written from the same list, so they cannot drift apart), and the
//! small-count suppression that keeps a government or a provider from being re-identified.

mod aggregate;
mod directory;

pub use aggregate::*;
pub use directory::*;

use crate::i18n::{Locale, K};
use serde::{Deserialize, Serialize};

/// A count below this is published as empty (suppressed), never as its value.
pub const SUPPRESS_BELOW: i64 = 5;

/// The count as published: `None` (suppressed) when it is below [`SUPPRESS_BELOW`], zero
/// included, since "none" in a small group says as much as "one".
pub fn suppress(count: i64) -> Option<i64> {
    (count >= SUPPRESS_BELOW).then_some(count)
}

/// The licence the data is published under.
pub const LICENCE_NAME: &str = "Creative Commons Attribution 4.0 International (CC BY 4.0)";
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";

/// The ZIP's stable address.
pub const ZIP_PATH: &str = "/open-data/ogpnm-open-data.zip";

/// One published table.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Dataset {
    /// The providers of the public directory.
    Directory,
    /// Requests and how far their cases went, per year, region and issue area.
    Cases,
    /// How closed cases ended, per year and region.
    Outcomes,
}

/// One column: its stable name (CSV header, JSON key) and what it holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub meaning: K,
}

const fn col(name: &'static str, meaning: K) -> Column {
    Column { name, meaning }
}

impl Dataset {
    pub const ALL: [Dataset; 3] = [Dataset::Directory, Dataset::Cases, Dataset::Outcomes];

    /// The file name without its extension (stable: part of the URLs).
    pub fn stem(self) -> &'static str {
        match self {
            Dataset::Directory => "directory",
            Dataset::Cases => "cases",
            Dataset::Outcomes => "outcomes",
        }
    }

    pub fn from_stem(stem: &str) -> Option<Dataset> {
        Dataset::ALL.into_iter().find(|d| d.stem() == stem)
    }

    pub fn title(self) -> K {
        match self {
            Dataset::Directory => K::OpenDataDirectoryTitle,
            Dataset::Cases => K::OpenDataCasesTitle,
            Dataset::Outcomes => K::OpenDataOutcomesTitle,
        }
    }

    pub fn about(self) -> K {
        match self {
            Dataset::Directory => K::OpenDataDirectoryAbout,
            Dataset::Cases => K::OpenDataCasesAbout,
            Dataset::Outcomes => K::OpenDataOutcomesAbout,
        }
    }

    /// The stable address of the file in `format`.
    pub fn path(self, format: Format) -> String {
        format!("/open-data/{}.{}", self.stem(), format.extension())
    }

    /// The columns, in the files' order.
    pub fn columns(self) -> &'static [Column] {
        match self {
            Dataset::Directory => &DIRECTORY_COLUMNS,
            Dataset::Cases => &CASES_COLUMNS,
            Dataset::Outcomes => &OUTCOMES_COLUMNS,
        }
    }
}

const DIRECTORY_COLUMNS: [Column; 13] = [
    col("id", K::OpenDataColId),
    col("name", K::OpenDataColName),
    col("kind", K::OpenDataColKind),
    col("country", K::OpenDataColCountry),
    col("description", K::OpenDataColDescription),
    col("issue_areas", K::OpenDataColIssueAreas),
    col("languages", K::OpenDataColLanguages),
    col("regions", K::OpenDataColRegions),
    col("assistance", K::OpenDataColAssistance),
    col("cost_basis", K::OpenDataColCostBasis),
    col("website", K::OpenDataColWebsite),
    col("email", K::OpenDataColEmail),
    col("updated_on", K::OpenDataColUpdatedOn),
];
const CASES_COLUMNS: [Column; 7] = [
    col("year", K::OpenDataColYear),
    col("region", K::OpenDataColRegion),
    col("issue_area", K::OpenDataColIssueArea),
    col("requests", K::OpenDataColRequests),
    col("introduced", K::OpenDataColIntroduced),
    col("agreed", K::OpenDataColAgreed),
    col("closed", K::OpenDataColClosed),
];
const OUTCOMES_COLUMNS: [Column; 5] = [
    col("year", K::OpenDataColYear),
    col("region", K::OpenDataColRegion),
    col("outcome", K::OpenDataColOutcome),
    col("cases", K::OpenDataColCases),
    col("mean_rating", K::OpenDataColMeanRating),
];

/// A file format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub const ALL: [Format; 2] = [Format::Csv, Format::Json];

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Json => "json",
        }
    }

    pub fn from_extension(ext: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.extension() == ext)
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// `directory.csv` → the directory as CSV; anything else → `None`.
pub fn parse_file_name(name: &str) -> Option<(Dataset, Format)> {
    let (stem, ext) = name.rsplit_once('.')?;
    Some((Dataset::from_stem(stem)?, Format::from_extension(ext)?))
}

/// The ZIP's README (Markdown) in `l`: what the package holds, every file's columns and their
/// meaning, the suppression rule and the licence. `generated` is the date it was made.
pub fn readme(l: Locale, generated: &str) -> String {
    let mut out = format!("# {}\n\n{}\n\n", l.t(K::OpenDataTitle), l.tf(K::OpenDataGenerated, &[("date", generated)]));
    out.push_str(&format!("{}\n\n", l.t(K::OpenDataLead)));
    for d in Dataset::ALL {
        out.push_str(&format!("## {} (`{}.csv`, `{}.json`)\n\n", l.t(d.title()), d.stem(), d.stem()));
        out.push_str(&format!("{}\n\n| column | meaning |\n|---|---|\n", l.t(d.about())));
        for c in d.columns() {
            out.push_str(&format!("| `{}` | {} |\n", c.name, l.t(c.meaning)));
        }
        out.push('\n');
    }
    out.push_str(&format!("## {}\n\n{}\n\n", l.t(K::OpenDataFormatsTitle), l.t(K::OpenDataFormats)));
    out.push_str(&format!(
        "## {}\n\n{}\n\n",
        l.t(K::OpenDataSuppressionTitle),
        l.tf(K::OpenDataSuppression, &[("n", &SUPPRESS_BELOW.to_string())])
    ));
    out.push_str(&format!(
        "## {}\n\n{}\n",
        l.t(K::OpenDataLicenceTitle),
        l.tf(K::OpenDataLicence, &[("licence", LICENCE_NAME), ("url", LICENCE_URL)])
    ));
    out
}

/// The ZIP's LICENCE file.
pub fn licence_text() -> String {
    format!(
        "{LICENCE_NAME}\n{LICENCE_URL}\nLegal code: {LICENCE_URL}legalcode\n\n\
         You are free to share (copy and redistribute the material in any medium or format) and adapt \
         (remix, transform and build upon the material) for any purpose, even commercially, under the \
         following term: attribution. You must give appropriate credit (\"Open Government Partnership \
         Networking Mechanism\"), provide a link to the licence, and indicate if changes were made.\n"
    )
}

/// The README's column names per file, read back from a README: what the tests check the files
/// against (`## Title (`stem.csv`, …)` opens a file's section; each `| `name` |` row is a column).
pub fn columns_in_readme(readme: &str) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<(String, Vec<String>)> = Vec::new();
    for line in readme.lines() {
        if let Some(head) = line.strip_prefix("## ") {
            if let Some(stem) = head.split("(`").nth(1).and_then(|s| s.split(".csv").next()) {
                out.push((stem.to_string(), Vec::new()));
            }
        } else if let Some(rest) = line.strip_prefix("| `") {
            if let (Some(name), Some(last)) = (rest.split('`').next(), out.last_mut()) {
                last.1.push(name.to_string());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_counts_are_suppressed_zero_included() {
        assert_eq!(suppress(0), None);
        assert_eq!(suppress(4), None);
        assert_eq!(suppress(5), Some(5));
        assert_eq!(suppress(120), Some(120));
    }

    #[test]
    fn file_names_are_read_back() {
        for d in Dataset::ALL {
            for f in Format::ALL {
                let path = d.path(f);
                let name = path.trim_start_matches("/open-data/");
                assert_eq!(parse_file_name(name), Some((d, f)));
            }
        }
        assert_eq!(parse_file_name("secrets.csv"), None);
        assert_eq!(parse_file_name("cases.xml"), None);
        assert_eq!(parse_file_name("cases"), None);
    }

    #[test]
    fn the_readme_lists_every_files_columns_in_every_language() {
        for l in Locale::ALL {
            let listed = columns_in_readme(&readme(l, "2026-11-30"));
            assert_eq!(listed.len(), Dataset::ALL.len());
            for (d, (stem, columns)) in Dataset::ALL.iter().zip(listed) {
                assert_eq!(stem, d.stem());
                let expected: Vec<&str> = d.columns().iter().map(|c| c.name).collect();
                assert_eq!(columns, expected, "{l:?} {stem}");
            }
        }
    }
}
