//! Outreach: the contact lists staff import to invite people to the surveys, checked line by
//! line, and where each invited person stands. Pure Rust; the CSV reading itself is on the
//! server (the browser only uploads the file).

use super::account::validate_email;
use super::countries::Country;
use super::taxonomy::OrgKind;
use crate::i18n::{Locale, K};
use serde::{Deserialize, Serialize};

/// The columns a contact list must have (any order, any case, extra columns ignored).
pub const COLUMNS: [&str; 6] = ["name", "email", "organisation", "kind", "country", "language"];
/// Most contacts one file may hold.
pub const ROWS_MAX: usize = 5000;
/// Longest name or organisation name.
pub const FIELD_MAX: usize = 200;

/// One contact, checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    pub name: String,
    /// Trimmed, lower-cased.
    pub email: String,
    pub organisation: String,
    pub kind: OrgKind,
    /// ISO alpha-2 code.
    pub country: String,
    /// The language their invitation is written in.
    pub language: Locale,
}

/// A problem with one line of the file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineProblem {
    /// 1-based line in the file (the header is line 1).
    pub line: usize,
    /// The column concerned (empty for the whole line).
    pub column: String,
    /// What was found there.
    pub value: String,
    /// Catalogue key name of the message.
    pub message: String,
}

impl LineProblem {
    fn new(line: usize, column: &str, value: &str, key: K) -> LineProblem {
        LineProblem {
            line,
            column: column.to_string(),
            value: value.chars().take(120).collect(),
            message: key.name().to_string(),
        }
    }

    /// The message in `locale`.
    pub fn describe(&self, locale: Locale) -> String {
        let key = K::ALL.iter().copied().find(|k| k.name() == self.message).unwrap_or(K::ErrorValidation);
        locale.tf(key, &[("column", &self.column), ("value", &self.value)])
    }
}

/// Why a whole file was refused (nothing of it is imported).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum FileProblem {
    /// No file, or nothing but a header.
    Empty,
    /// Not UTF-8 text (e.g. a spreadsheet saved as "CSV" in a legacy encoding, or a workbook).
    NotUtf8 { line: usize },
    /// Required columns are missing.
    MissingColumns(Vec<String>),
    /// More than [`ROWS_MAX`] contacts.
    TooManyRows,
    /// The CSV itself is broken (an unclosed quote).
    Malformed { line: usize },
}

impl FileProblem {
    /// The message in `locale`.
    pub fn describe(&self, locale: Locale) -> String {
        match self {
            FileProblem::Empty => locale.t(K::OutreachFileEmpty).to_string(),
            FileProblem::NotUtf8 { line } => locale.tf(K::OutreachFileNotUtf8, &[("line", &line.to_string())]),
            FileProblem::MissingColumns(cols) => locale
                .tf(K::OutreachFileMissingColumns, &[("missing", &cols.join(", ")), ("expected", &COLUMNS.join(", "))]),
            FileProblem::TooManyRows => locale.tf(K::OutreachFileTooManyRows, &[("max", &ROWS_MAX.to_string())]),
            FileProblem::Malformed { line } => locale.tf(K::OutreachFileMalformed, &[("line", &line.to_string())]),
        }
    }
}

/// A file read line by line: the good contacts (with their line) and the problems.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParsedContacts {
    pub contacts: Vec<(usize, Contact)>,
    pub problems: Vec<LineProblem>,
}

fn matches_label<T: Copy>(all: &[T], label: impl Fn(T, Locale) -> &'static str, text: &str) -> Option<T> {
    let folded = super::roster::fold(text);
    all.iter().copied().find(|t| Locale::ALL.iter().any(|l| super::roster::fold(label(*t, *l)) == folded))
}

/// An organisation kind from its key or its name in any interface language.
pub fn parse_kind(text: &str) -> Option<OrgKind> {
    let key = text.trim().to_lowercase().replace([' ', '-'], "_");
    OrgKind::from_key(&key).or_else(|| matches_label(OrgKind::ALL, |k, l| k.label(l), text))
}

/// A country from its ISO code or its name in any interface language.
pub fn parse_country(text: &str) -> Option<&'static Country> {
    let text = text.trim();
    if text.len() == 2 {
        if let Some(c) = Country::by_code(text) {
            return Some(c);
        }
    }
    let folded = super::roster::fold(text);
    Country::sorted_for(Locale::En)
        .into_iter()
        .find(|c| Locale::ALL.iter().any(|l| super::roster::fold(c.name(*l)) == folded))
}

/// An interface language from its code (`fr`, `fr-CA`) or its own or English name.
pub fn parse_language(text: &str) -> Option<Locale> {
    Locale::from_code(text).or_else(|| {
        let folded = super::roster::fold(text);
        Locale::ALL.into_iter().find(|l| {
            let english = match l {
                Locale::En => "english",
                Locale::Fr => "french",
                Locale::Es => "spanish",
            };
            super::roster::fold(l.endonym()) == folded || english == folded
        })
    })
}

/// Checks one record (cells in [`COLUMNS`] order) of line `line`; every problem is reported.
pub fn check_contact(line: usize, cells: [&str; 6]) -> Result<Contact, Vec<LineProblem>> {
    let [name, email, organisation, kind, country, language] = cells.map(str::trim);
    let mut problems = Vec::new();
    let mut required = |column: &str, value: &str| {
        if value.is_empty() {
            problems.push(LineProblem::new(line, column, value, K::OutreachLineMissing));
            false
        } else if value.chars().count() > FIELD_MAX || value.chars().any(char::is_control) {
            problems.push(LineProblem::new(line, column, value, K::OutreachLineTooLong));
            false
        } else {
            true
        }
    };
    let name_ok = required("name", name);
    let org_ok = required("organisation", organisation);
    let email = match validate_email(email) {
        Ok(e) => Some(e),
        Err(_) => {
            let key = if email.is_empty() { K::OutreachLineMissing } else { K::OutreachLineBadEmail };
            problems.push(LineProblem::new(line, "email", email, key));
            None
        }
    };
    let kind = parse_kind(kind);
    if kind.is_none() {
        problems.push(LineProblem::new(line, "kind", cells[3].trim(), K::OutreachLineBadKind));
    }
    let country = parse_country(country);
    if country.is_none() {
        problems.push(LineProblem::new(line, "country", cells[4].trim(), K::OutreachLineBadCountry));
    }
    let language = parse_language(language);
    if language.is_none() {
        problems.push(LineProblem::new(line, "language", cells[5].trim(), K::OutreachLineBadLanguage));
    }
    match (name_ok && org_ok, email, kind, country, language) {
        (true, Some(email), Some(kind), Some(country), Some(language)) => Ok(Contact {
            name: name.to_string(),
            email,
            organisation: organisation.to_string(),
            kind,
            country: country.code.to_string(),
            language,
        }),
        _ => Err(problems),
    }
}

/// Reads a contact list. The file is refused as a whole when it is not UTF-8 CSV with the
/// required columns; otherwise each line is checked, and bad or repeated lines are reported
/// (by line number) while the good ones are kept. A UTF-8 byte-order mark and a `;` separator
/// (spreadsheets in many locales) are accepted.
#[cfg(feature = "ssr")]
pub fn parse_contacts(bytes: &[u8]) -> Result<ParsedContacts, FileProblem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Err(e) = std::str::from_utf8(bytes) {
        let line = bytes[..e.valid_up_to()].iter().filter(|b| **b == b'\n').count() + 1;
        return Err(FileProblem::NotUtf8 { line });
    }
    let header_line = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let delimiter = if header_line.contains(&b';') && !header_line.contains(&b',') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(bytes);
    let headers = reader.headers().map_err(|_| FileProblem::Malformed { line: 1 })?.clone();
    let position = |column: &str| {
        headers.iter().position(|h| {
            let h = h.trim().to_lowercase();
            h == column || (column == "organisation" && h == "organization") || (column == "email" && h == "e-mail")
        })
    };
    let missing: Vec<String> = COLUMNS.iter().filter(|c| position(c).is_none()).map(|c| c.to_string()).collect();
    if headers.iter().all(|h| h.trim().is_empty()) {
        return Err(FileProblem::Empty);
    }
    if !missing.is_empty() {
        return Err(FileProblem::MissingColumns(missing));
    }
    let columns = COLUMNS.map(|c| position(c).unwrap_or(0));
    let mut parsed = ParsedContacts::default();
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut rows = 0;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let offset = e.position().map_or(0, |p| p.byte() as usize).min(bytes.len());
                let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
                return Err(FileProblem::Malformed { line });
            }
        };
        // the physical line, counting blank lines (which the reader skips and counts in the
        // record's start position)
        let mut offset = record.position().map_or(0, |p| p.byte() as usize).min(bytes.len());
        while offset < bytes.len() && matches!(bytes[offset], b'\n' | b'\r') {
            offset += 1;
        }
        let line = bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1;
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        rows += 1;
        if rows > ROWS_MAX {
            return Err(FileProblem::TooManyRows);
        }
        let cells = columns.map(|i| record.get(i).unwrap_or(""));
        match check_contact(line, cells) {
            Ok(contact) => match seen.get(&contact.email) {
                Some(first) => parsed.problems.push(LineProblem::new(
                    line,
                    "email",
                    &format!("{} ({first})", contact.email),
                    K::OutreachLineDuplicate,
                )),
                None => {
                    seen.insert(contact.email.clone(), line);
                    parsed.contacts.push((line, contact));
                }
            },
            Err(problems) => parsed.problems.extend(problems),
        }
    }
    if rows == 0 {
        return Err(FileProblem::Empty);
    }
    Ok(parsed)
}

/// Where an invited person stands, furthest first wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RecipientStatus {
    /// Imported, no invitation yet.
    Imported,
    /// Invitation sent.
    Sent,
    /// Opened the survey from the invitation.
    Opened,
    /// Saved answers in the survey.
    Started,
    /// Submitted the survey.
    Submitted,
    /// Asked not to be mailed again.
    Unsubscribed,
}

impl RecipientStatus {
    /// Every status, in order.
    pub const ALL: [RecipientStatus; 6] = [
        RecipientStatus::Imported,
        RecipientStatus::Sent,
        RecipientStatus::Opened,
        RecipientStatus::Started,
        RecipientStatus::Submitted,
        RecipientStatus::Unsubscribed,
    ];

    /// The stable key.
    pub fn key(self) -> &'static str {
        match self {
            RecipientStatus::Imported => "imported",
            RecipientStatus::Sent => "sent",
            RecipientStatus::Opened => "opened",
            RecipientStatus::Started => "started",
            RecipientStatus::Submitted => "submitted",
            RecipientStatus::Unsubscribed => "unsubscribed",
        }
    }

    /// The label.
    pub fn label(self) -> K {
        match self {
            RecipientStatus::Imported => K::OutreachStatusImported,
            RecipientStatus::Sent => K::OutreachStatusSent,
            RecipientStatus::Opened => K::OutreachStatusOpened,
            RecipientStatus::Started => K::OutreachStatusStarted,
            RecipientStatus::Submitted => K::OutreachStatusSubmitted,
            RecipientStatus::Unsubscribed => K::OutreachStatusUnsubscribed,
        }
    }

    /// Where someone stands from what is recorded: invitation sent, survey opened, answers
    /// saved (the draft's sequence), submitted, unsubscribed. A submission outranks an
    /// unsubscription (the answers came in).
    pub fn of(invited: bool, opened: bool, saves: i64, submitted: bool, unsubscribed: bool) -> RecipientStatus {
        if submitted {
            RecipientStatus::Submitted
        } else if unsubscribed {
            RecipientStatus::Unsubscribed
        } else if saves > 0 {
            RecipientStatus::Started
        } else if opened {
            RecipientStatus::Opened
        } else if invited {
            RecipientStatus::Sent
        } else {
            RecipientStatus::Imported
        }
    }

    /// Whether a reminder makes sense: invited, not submitted, not unsubscribed.
    pub fn may_be_reminded(self) -> bool {
        matches!(self, RecipientStatus::Sent | RecipientStatus::Opened | RecipientStatus::Started)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_line_becomes_a_contact_in_its_language() {
        let c = check_contact(2, ["Ana Pérez", " Ana@Gob.Example ", "Ministerio TIC", "Government", "Colombia", "es"])
            .expect("valid");
        assert_eq!(c.email, "ana@gob.example");
        assert_eq!((c.kind, c.country.as_str(), c.language), (OrgKind::Government, "CO", Locale::Es));
        let fr = check_contact(3, ["Luc", "luc@ong.example", "ONG", "ngo", "sn", "Français"]).expect("valid");
        assert_eq!((fr.country.as_str(), fr.language), ("SN", Locale::Fr));
        assert_eq!(parse_country("Côte d'Ivoire").map(|c| c.code), Some("CI"));
        assert_eq!(parse_kind("private firm"), Some(OrgKind::PrivateFirm));
        assert_eq!(parse_language("Spanish"), Some(Locale::Es));
    }

    #[test]
    fn every_problem_of_a_bad_line_is_reported_with_its_column() {
        let problems = check_contact(7, ["", "not-an-email", "Org", "club", "Atlantis", "klingon"]).expect_err("bad");
        let columns: Vec<_> = problems.iter().map(|p| p.column.as_str()).collect();
        assert_eq!(columns, vec!["name", "email", "kind", "country", "language"]);
        assert!(problems.iter().all(|p| p.line == 7));
        assert!(problems[1].describe(Locale::En).contains("not-an-email"));
    }

    #[test]
    fn status_follows_the_furthest_step() {
        use RecipientStatus::*;
        assert_eq!(RecipientStatus::of(false, false, 0, false, false), Imported);
        assert_eq!(RecipientStatus::of(true, false, 0, false, false), Sent);
        assert_eq!(RecipientStatus::of(true, true, 0, false, false), Opened);
        assert_eq!(RecipientStatus::of(true, true, 3, false, false), Started);
        assert_eq!(RecipientStatus::of(true, true, 3, true, true), Submitted);
        assert_eq!(RecipientStatus::of(true, true, 3, false, true), Unsubscribed);
        assert!(Started.may_be_reminded() && !Submitted.may_be_reminded() && !Imported.may_be_reminded());
    }

    #[cfg(feature = "ssr")]
    mod files {
        use super::super::*;

        #[test]
        fn a_file_with_one_bad_and_one_repeated_line_keeps_the_good_ones() {
            let csv = "\u{FEFF}Name,E-mail,Organization,Kind,Country,Language,Phone\n\
                       Ana Pérez,ana@gob.example,Ministerio TIC,government,CO,es,123\n\
                       \n\
                       \"Okafor, Ngozi\",ngozi@civic.example,Civic Lab,ngo,NG,en,\n\
                       Bad Row,not-an-email,X,ngo,NG,en,\n\
                       Ana again,ANA@gob.example,Ministerio TIC,government,CO,es,\n";
            let parsed = parse_contacts(csv.as_bytes()).expect("readable");
            assert_eq!(parsed.contacts.len(), 2);
            assert_eq!(parsed.contacts[1].1.name, "Okafor, Ngozi");
            assert_eq!(parsed.contacts[1].0, 4, "line numbers count the blank line");
            let lines: Vec<_> = parsed.problems.iter().map(|p| (p.line, p.message.as_str())).collect();
            assert_eq!(lines, vec![(5, K::OutreachLineBadEmail.name()), (6, K::OutreachLineDuplicate.name())]);
        }

        #[test]
        fn semicolon_files_are_read_too() {
            let csv = "name;email;organisation;kind;country;language\nLuc;luc@ong.example;ONG Ouverte;ngo;SN;fr\n";
            assert_eq!(parse_contacts(csv.as_bytes()).expect("readable").contacts.len(), 1);
        }

        #[test]
        fn a_file_that_cannot_be_read_is_refused_whole() {
            assert_eq!(parse_contacts(b""), Err(FileProblem::Empty));
            assert_eq!(parse_contacts(b"name,email,organisation,kind,country,language\n"), Err(FileProblem::Empty));
            assert_eq!(
                parse_contacts(b"name,mail,org\nA,a@b.example,X\n"),
                Err(FileProblem::MissingColumns(vec![
                    "email".into(),
                    "organisation".into(),
                    "kind".into(),
                    "country".into(),
                    "language".into()
                ]))
            );
            // "Pérez" in Windows-1252 on line 2
            let latin1 = b"name,email,organisation,kind,country,language\nP\xe9rez,p@x.example,X,ngo,CO,es\n";
            assert_eq!(parse_contacts(latin1), Err(FileProblem::NotUtf8 { line: 2 }));
            let many = format!(
                "name,email,organisation,kind,country,language\n{}",
                (0..=ROWS_MAX).map(|i| format!("P{i},p{i}@x.example,X,ngo,CO,es\n")).collect::<String>()
            );
            assert_eq!(parse_contacts(many.as_bytes()), Err(FileProblem::TooManyRows));
            for problem in [FileProblem::Empty, FileProblem::NotUtf8 { line: 2 }, FileProblem::TooManyRows] {
                for l in Locale::ALL {
                    assert!(!problem.describe(l).is_empty());
                }
            }
        }
    }
}
