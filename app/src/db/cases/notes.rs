//! Scoping and internal notes on a case (never edited).

use super::Author;
use crate::db::{new_id, Db, Tx};
use crate::domain::timeline::NoteKind;

/// A note on a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub at: i64,
    pub kind: NoteKind,
    pub author_name: Option<String>,
    pub body: String,
}

/// Adds a note written by `author.actor` at `author.at` (notes are never edited).
pub async fn add_note(
    tx: &mut Tx,
    case_id: &str,
    kind: NoteKind,
    author: Author<'_>,
    body: &str,
) -> Result<(), sqlx::Error> {
    crate::execute!(
        tx,
        "INSERT INTO case_notes (id, case_id, kind, author_user_id, body, at) VALUES ($1, $2, $3, $4, $5, $6)",
        new_id(),
        case_id,
        kind.key(),
        author.actor,
        body,
        author.at,
    )
    .map(|_| ())
}

/// A case's notes, newest first.
pub async fn notes(db: &Db, case_id: &str) -> Result<Vec<Note>, sqlx::Error> {
    #[derive(sqlx::FromRow)]
    struct NoteRecord {
        id: String,
        at: i64,
        kind: String,
        author_name: Option<String>,
        body: String,
    }
    let rows: Vec<NoteRecord> = crate::fetch!(
        fetch_all,
        db,
        "SELECT n.id, n.at, n.kind, u.name AS author_name, n.body FROM case_notes n \
             LEFT JOIN users u ON u.id = n.author_user_id WHERE n.case_id = $1 ORDER BY n.at DESC, n.id",
        case_id,
    )?;
    rows.into_iter()
        .map(|r| {
            let kind = crate::db::decode::stored("case_notes", "kind", &r.id).key(&r.kind, NoteKind::from_key)?;
            Ok(Note { at: r.at, kind, author_name: r.author_name, body: r.body })
        })
        .collect()
}
