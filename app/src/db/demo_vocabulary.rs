//! Demo values added to the open vocabularies by the demo administrator, so `/admin/vocabulary`
//! shows what an addition looks like and a demo profile uses each: an issue area (open
//! parliaments, offered) and a working language (Quechua, offered).

use super::{now_ms, vocabulary, Database};
use crate::domain::vocabulary::{register, OpenKind, TermRecord};

const DAY: i64 = 86_400_000;

/// (vocabulary, key, labels in English, French and Spanish, days ago).
const DEMO_VALUES: &[(OpenKind, &str, [&str; 3], i64)] = &[
    (OpenKind::IssueArea, "open_parliament", ["Open parliaments", "Parlements ouverts", "Parlamentos abiertos"], 20),
    (OpenKind::Language, "qu", ["Quechua", "Quechua", "Quechua"], 9),
];

fn records() -> Vec<TermRecord> {
    DEMO_VALUES
        .iter()
        .map(|(kind, key, labels, _)| TermRecord {
            kind: *kind,
            key: key.to_string(),
            labels: labels.map(str::to_string),
            retired: false,
        })
        .collect()
}

/// Registers the demo values without a database (the demo answers' unit test).
pub fn register_demo() {
    register(&records());
}

/// Adds the demo values once (none while the table has any), then fills the registry.
pub async fn seed(db: &Database) -> Result<usize, sqlx::Error> {
    let mut added = 0;
    if vocabulary::list(db.read()).await?.is_empty() {
        let admin: Option<String> = crate::scalar!(
            fetch_optional,
            db.read(),
            "SELECT id FROM users WHERE email = 'admin@demo.ogpnm.example'",
        )?;
        let admin = admin.unwrap_or_default();
        let mut tx = db.write().begin().await?;
        for (record, (_, _, _, days)) in records().iter().zip(DEMO_VALUES) {
            let at = now_ms() - days * DAY;
            if vocabulary::insert(&mut tx, &super::new_id(), record, &admin, at).await? {
                added += 1;
            }
        }
        tx.commit().await?;
    }
    vocabulary::refresh(db.read()).await?;
    Ok(added)
}
