//! `sitemap.xml` (server only): the public pages, every published story and every provider of
//! the public directory, with when each last changed.

use crate::db::Db;
use crate::domain::time::{day_of, format_day};
use crate::error::AppError;

/// The sitemap for the site at `base`.
pub async fn sitemap(db: &Db, base: &str) -> Result<String, AppError> {
    let mut extra = Vec::new();
    for s in crate::db::stories::list_published(db, None, None).await? {
        extra.push((format!("/stories/{}", s.id), format_day(day_of(s.published_at.unwrap_or(s.updated_at)))));
    }
    for (id, updated_at) in crate::db::public::directory_ids(db).await? {
        extra.push((format!("/directory/{id}"), format_day(day_of(updated_at))));
    }
    Ok(crate::domain::public_site::sitemap_xml(base, &extra))
}
