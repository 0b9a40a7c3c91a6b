//! The vocabulary administration page's data (admins only).

use crate::domain::vocabulary::OpenKind;
use serde::{Deserialize, Serialize};

/// A value an administrator added to a vocabulary.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VocabularyValue {
    pub id: String,
    /// What an edit must name (compare and swap).
    pub version: i64,
    pub kind: OpenKind,
    pub key: String,
    /// English, French and Spanish.
    pub labels: [String; 3],
    /// Still offered for new answers.
    pub offered: bool,
    pub added_by: String,
    pub added_at: i64,
    pub changed_by: String,
    pub changed_at: i64,
}
