//! The open data's files (server only): each table read once from the database, written as CSV
//! or JSON, and the whole package as one ZIP with its README (the columns and their meaning,
//! from the same list the files are checked against) and its licence. Served by the server's
//! `/open-data/{file}` routes; always what the database holds now, so a provider who withdraws
//! its consent is gone from the next download.

use crate::db::Db;
use crate::domain::open_data::{
    cases_rows, directory_record, licence_text, outcomes_rows, readme, CasesRow, Dataset, DirectoryRecord, Format,
    OutcomesRow,
};
use crate::error::AppError;
use crate::i18n::Locale;
use serde::Serialize;

/// The published tables as they stand now.
#[derive(Clone, Debug, Default)]
pub struct Tables {
    pub directory: Vec<DirectoryRecord>,
    pub cases: Vec<CasesRow>,
    pub outcomes: Vec<OutcomesRow>,
}

/// Reads the tables (only `which`, or all of them).
pub async fn read(db: &Db, which: Option<Dataset>) -> Result<Tables, AppError> {
    use crate::domain::oversight::OversightQuery;
    let wants = |d: Dataset| which.is_none_or(|w| w == d);
    let mut tables = Tables::default();
    if wants(Dataset::Directory) {
        tables.directory =
            crate::db::public::directory_all(db).await?.iter().map(|(who, a)| directory_record(who, a)).collect();
    }
    if wants(Dataset::Cases) || wants(Dataset::Outcomes) {
        let now = crate::db::now_ms();
        let all_time = OversightQuery { from: 0, to: crate::domain::time::day_of(now), area: None, region: None };
        let facts = crate::db::oversight::range_facts(db, &all_time).await?;
        let places = crate::db::public::case_places(db).await?;
        let year = crate::domain::time::year_of(now);
        if wants(Dataset::Cases) {
            tables.cases = cases_rows(&facts.cases, &places, year);
        }
        if wants(Dataset::Outcomes) {
            tables.outcomes = outcomes_rows(&facts.cases, &places, &facts.ratings, year);
        }
    }
    Ok(tables)
}

fn csv_of<T: Serialize>(d: Dataset, rows: &[T]) -> Result<Vec<u8>, AppError> {
    let fail = |e: &dyn std::fmt::Display| {
        tracing::error!(error = %e, "cannot write an open-data CSV");
        AppError::Internal
    };
    // the header is the README's column list; rows follow it field by field
    let mut w = csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new());
    w.write_record(d.columns().iter().map(|c| c.name)).map_err(|e| fail(&e))?;
    for row in rows {
        w.serialize(row).map_err(|e| fail(&e))?;
    }
    w.into_inner().map_err(|e| fail(&e))
}

fn json_of<T: Serialize>(rows: &[T]) -> Result<Vec<u8>, AppError> {
    serde_json::to_vec(rows).map_err(|e| {
        tracing::error!(error = %e, "cannot write an open-data JSON");
        AppError::Internal
    })
}

impl Tables {
    /// One file's bytes.
    pub fn file(&self, d: Dataset, f: Format) -> Result<Vec<u8>, AppError> {
        match (d, f) {
            (Dataset::Directory, Format::Csv) => csv_of(d, &self.directory),
            (Dataset::Cases, Format::Csv) => csv_of(d, &self.cases),
            (Dataset::Outcomes, Format::Csv) => csv_of(d, &self.outcomes),
            (Dataset::Directory, Format::Json) => json_of(&self.directory),
            (Dataset::Cases, Format::Json) => json_of(&self.cases),
            (Dataset::Outcomes, Format::Json) => json_of(&self.outcomes),
        }
    }

    /// The whole package: `README.md` (in `locale`), `LICENCE.txt` and every file in both formats,
    /// under one folder named after the day it was made.
    pub fn zip(&self, locale: Locale, today: &str) -> Result<Vec<u8>, AppError> {
        use std::io::Write;
        use zip::write::SimpleFileOptions;
        let fail = |e: &dyn std::fmt::Display| {
            tracing::error!(error = %e, "cannot write the open-data ZIP");
            AppError::Internal
        };
        let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        let folder = format!("ogpnm-open-data-{today}");
        let mut put = |name: &str, bytes: &[u8]| -> Result<(), AppError> {
            out.start_file(format!("{folder}/{name}"), options).map_err(|e| fail(&e))?;
            out.write_all(bytes).map_err(|e| fail(&e))
        };
        put("README.md", readme(locale, today).as_bytes())?;
        put("LICENCE.txt", licence_text().as_bytes())?;
        for d in Dataset::ALL {
            for f in Format::ALL {
                put(&format!("{}.{}", d.stem(), f.extension()), &self.file(d, f)?)?;
            }
        }
        Ok(out.finish().map_err(|e| fail(&e))?.into_inner())
    }
}
