//! Attachments to messages, as pure rules: which kinds of file are taken (known by their
//! content: the server reads the type from the file's first bytes and passes it here, never
//! trusting the name), how large and how many, and the name a download carries.

use crate::i18n::K;

/// Largest attachment by default, in bytes (a setting: `OGPNM_ATTACHMENT_MAX_MB`).
pub const DEFAULT_FILE_MAX: usize = 10 * 1024 * 1024;
/// Most attachments on one message.
pub const FILES_MAX: usize = 3;
/// Longest file name kept, in characters.
pub const NAME_MAX: usize = 120;
/// What the file picker offers (a hint for the browser; the server checks the content).
pub const ACCEPT: &str = ".pdf,.doc,.docx,.xls,.xlsx,.ppt,.pptx,.odt,.ods,.odp,.png,.jpg,.jpeg,.gif,.webp";

keyed! {
    /// A kind of file a message may carry, named by what its content is.
    pub enum FileKind {
        Pdf = "pdf" => FileKindPdf,
        Word = "word" => FileKindWord,
        Excel = "excel" => FileKindExcel,
        PowerPoint = "powerpoint" => FileKindPowerpoint,
        OpenText = "odt" => FileKindOdt,
        OpenSheet = "ods" => FileKindOds,
        OpenSlides = "odp" => FileKindOdp,
        Png = "png" => FileKindImage,
        Jpeg = "jpeg" => FileKindImage,
        Gif = "gif" => FileKindImage,
        Webp = "webp" => FileKindImage,
    }
}

impl FileKind {
    /// The kind of a detected media type; `None` for anything not taken (an executable, an
    /// archive, a script, a file whose content says nothing).
    pub fn from_mime(mime: &str) -> Option<FileKind> {
        Some(match mime {
            "application/pdf" => FileKind::Pdf,
            "application/msword" | "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => {
                FileKind::Word
            }
            "application/vnd.ms-excel" | "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => {
                FileKind::Excel
            }
            "application/vnd.ms-powerpoint"
            | "application/vnd.openxmlformats-officedocument.presentationml.presentation" => FileKind::PowerPoint,
            "application/vnd.oasis.opendocument.text" => FileKind::OpenText,
            "application/vnd.oasis.opendocument.spreadsheet" => FileKind::OpenSheet,
            "application/vnd.oasis.opendocument.presentation" => FileKind::OpenSlides,
            "image/png" => FileKind::Png,
            "image/jpeg" => FileKind::Jpeg,
            "image/gif" => FileKind::Gif,
            "image/webp" => FileKind::Webp,
            _ => return None,
        })
    }

    /// The extensions a file of this kind may carry; the first is added to a name that has none
    /// of them.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            FileKind::Pdf => &["pdf"],
            FileKind::Word => &["docx", "doc"],
            FileKind::Excel => &["xlsx", "xls"],
            FileKind::PowerPoint => &["pptx", "ppt"],
            FileKind::OpenText => &["odt"],
            FileKind::OpenSheet => &["ods"],
            FileKind::OpenSlides => &["odp"],
            FileKind::Png => &["png"],
            FileKind::Jpeg => &["jpg", "jpeg"],
            FileKind::Gif => &["gif"],
            FileKind::Webp => &["webp"],
        }
    }
}

/// Why a file is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileRefusal {
    /// Empty.
    Empty,
    /// Larger than the limit.
    TooLarge,
    /// Not a kind that is taken (whatever its name says).
    Kind,
    /// More files than a message carries.
    TooMany,
}

impl FileRefusal {
    pub fn key(self) -> K {
        match self {
            FileRefusal::Empty => K::AttachmentErrorEmpty,
            FileRefusal::TooLarge => K::AttachmentErrorTooLarge,
            FileRefusal::Kind => K::AttachmentErrorKind,
            FileRefusal::TooMany => K::AttachmentErrorTooMany,
        }
    }
}

/// A file that may be attached: its kind and the name its download carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CheckedFile {
    pub kind: FileKind,
    pub name: String,
}

/// Checks one file: `size` in bytes, `detected` the media type read from its content (`None`
/// when the content says nothing), `name` as the browser sent it.
pub fn check_file(name: &str, size: usize, detected: Option<&str>, max: usize) -> Result<CheckedFile, FileRefusal> {
    if size == 0 {
        return Err(FileRefusal::Empty);
    }
    if size > max {
        return Err(FileRefusal::TooLarge);
    }
    let kind = detected.and_then(FileKind::from_mime).ok_or(FileRefusal::Kind)?;
    Ok(CheckedFile { kind, name: safe_name(name, kind) })
}

/// The name a download carries: the last part of what the browser sent (no folders), without
/// control or quoting characters, at most [`NAME_MAX`] characters, ending with an extension of
/// its real kind (`report.exe` holding a PDF becomes `report.exe.pdf`).
pub fn safe_name(name: &str, kind: FileKind) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String =
        last.chars()
            .map(|c| {
                if c.is_control() || is_bidi(c) || matches!(c, '"' | '<' | '>' | ':' | '*' | '?' | '|') {
                    '_'
                } else {
                    c
                }
            })
            .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_string();
    let stem = if cleaned.is_empty() { "attachment".to_string() } else { cleaned };
    let ext = stem.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    let suffix =
        if kind.extensions().contains(&ext.as_str()) { String::new() } else { format!(".{}", kind.extensions()[0]) };
    let room = NAME_MAX.saturating_sub(suffix.chars().count());
    let mut out: String = stem.chars().take(room).collect();
    out.push_str(&suffix);
    out
}

/// A character that reorders the text around it (a name could show `fdp.exe` as `exe.pdf`).
fn is_bidi(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}')
}

/// A size for people: bytes as KB or MB (one decimal under 10 MB), with the unit's key.
pub fn size_label(bytes: i64) -> (String, K) {
    let kb = bytes as f64 / 1024.0;
    if kb < 1024.0 {
        (format!("{}", kb.ceil().max(1.0) as i64), K::AttachmentSizeKb)
    } else {
        let mb = kb / 1024.0;
        if mb < 10.0 {
            (format!("{mb:.1}"), K::AttachmentSizeMb)
        } else {
            (format!("{}", mb.round() as i64), K::AttachmentSizeMb)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX: usize = 1000;

    #[test]
    fn a_file_is_taken_by_its_content_never_its_name() {
        let pdf = check_file("terms.pdf", 10, Some("application/pdf"), MAX);
        assert_eq!(pdf, Ok(CheckedFile { kind: FileKind::Pdf, name: "terms.pdf".into() }));
        // an executable renamed .pdf, an archive, a file whose content says nothing
        for mime in [Some("application/x-executable"), Some("application/vnd.microsoft.portable-executable")] {
            assert_eq!(check_file("terms.pdf", 10, mime, MAX), Err(FileRefusal::Kind));
        }
        assert_eq!(check_file("plan.docx", 10, Some("application/zip"), MAX), Err(FileRefusal::Kind));
        assert_eq!(check_file("notes.pdf", 10, None, MAX), Err(FileRefusal::Kind));
        assert_eq!(check_file("logo.svg", 10, Some("image/svg+xml"), MAX), Err(FileRefusal::Kind));
        let word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        assert_eq!(check_file("plan.docx", 10, Some(word), MAX).map(|f| f.kind), Ok(FileKind::Word));
    }

    #[test]
    fn a_file_is_bounded_and_not_empty() {
        assert_eq!(check_file("a.pdf", 0, Some("application/pdf"), MAX), Err(FileRefusal::Empty));
        assert_eq!(check_file("a.pdf", MAX, Some("application/pdf"), MAX).map(|f| f.kind), Ok(FileKind::Pdf));
        assert_eq!(check_file("a.pdf", MAX + 1, Some("application/pdf"), MAX), Err(FileRefusal::TooLarge));
    }

    #[test]
    fn a_download_name_is_plain_and_says_what_the_file_is() {
        assert_eq!(safe_name("C:\\Users\\ana\\Plan 2027.PDF", FileKind::Pdf), "Plan 2027.PDF");
        assert_eq!(safe_name("../../etc/passwd", FileKind::Pdf), "passwd.pdf");
        assert_eq!(safe_name("setup.exe", FileKind::Pdf), "setup.exe.pdf");
        assert_eq!(safe_name("<img src=x onerror=alert(1)>.png", FileKind::Png), "_img src=x onerror=alert(1)_.png");
        assert_eq!(safe_name("a\"b\r\n.jpg", FileKind::Jpeg), "a_b__.jpg");
        assert_eq!(safe_name("invoice\u{202E}fdp.exe", FileKind::Pdf), "invoice_fdp.exe.pdf");
        assert_eq!(safe_name("", FileKind::Webp), "attachment.webp");
        assert_eq!(safe_name(".hidden", FileKind::Gif), "hidden.gif");
        let long = safe_name(&"é".repeat(500), FileKind::Word);
        assert_eq!(long.chars().count(), NAME_MAX);
        assert!(long.ends_with(".docx"));
    }

    #[test]
    fn sizes_read_as_people_say_them() {
        assert_eq!(size_label(1), ("1".into(), K::AttachmentSizeKb));
        assert_eq!(size_label(1536), ("2".into(), K::AttachmentSizeKb));
        assert_eq!(size_label(1024 * 1024 * 3 / 2), ("1.5".into(), K::AttachmentSizeMb));
        assert_eq!(size_label(25 * 1024 * 1024), ("25".into(), K::AttachmentSizeMb));
    }
}
