//! The public face of success stories: the list (filtered by issue area and region), each story's
//! page and the Atom feed. No sign-in; nothing but what every party approved is shown.

use crate::error::AppError;
use crate::model::{PublicStory, StoriesPage};
use leptos::prelude::*;
use leptos::server_fn::codec::GetUrl;

/// The published stories, about `area` and in `region` (stable keys; empty for any).
#[server(name = PublicStories, endpoint = "public_stories", input = GetUrl)]
pub async fn public_stories(area: String, region: String) -> Result<StoriesPage, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    use crate::domain::taxonomy::{IssueArea, Region};
    authorize(&current_session().actor, Action::ViewStories, Resource::Platform)?;
    let state = crate::state::app_state()?;
    // an unknown filter is no filter (a shared link from an older vocabulary still lists)
    let area = IssueArea::from_key(area.trim());
    let region = Region::from_key(region.trim());
    let db = state.db.read();
    let stories = crate::db::stories::list_published(db, area.map(|a| a.key()), region.map(|r| r.key())).await?;
    let mut out = Vec::with_capacity(stories.len());
    for s in stories {
        out.push(support::public(db, s).await?);
    }
    Ok(StoriesPage { stories: out, area, region })
}

/// One published story; 404 when there is none (or it was taken down).
#[server(name = PublicStoryDetail, endpoint = "public_story", input = GetUrl)]
pub async fn public_story(id: String) -> Result<PublicStory, AppError> {
    use crate::auth::{authorize, current_session};
    use crate::domain::policy::{Action, Resource};
    authorize(&current_session().actor, Action::ViewStories, Resource::Platform)?;
    let state = crate::state::app_state()?;
    let db = state.db.read();
    let Some(story) = crate::db::stories::published(db, &id).await? else { return Err(AppError::NotFound.respond()) };
    support::public(db, story).await
}

#[cfg(feature = "ssr")]
pub(crate) mod support {
    use crate::db::stories::Story;
    use crate::db::Db;
    use crate::error::AppError;
    use crate::model::PublicStory;

    /// A story as the public reads it: its text, the parties' names, what it was about.
    pub async fn public(db: &Db, s: Story) -> Result<PublicStory, AppError> {
        let listed = crate::db::cases::get_listed(db, &s.case_id).await?.ok_or(AppError::NotFound)?;
        let providers = crate::db::agreements::selected(db, &s.case_id).await?.into_iter().map(|p| p.name).collect();
        let ids = [s.case_id.clone()];
        let facets = crate::db::cases::facets(db, Some(&ids)).await?.remove(&s.case_id).unwrap_or_default();
        Ok(PublicStory {
            id: s.id,
            title: s.text.title,
            summary: s.text.summary,
            body: s.text.body,
            country: listed.country,
            government: listed.organisation,
            providers,
            areas: facets.areas,
            regions: facets.regions,
            published_at: s.published_at.unwrap_or(s.updated_at),
        })
    }

    fn escape(s: &str) -> String {
        s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
    }

    fn rfc3339(ms: i64) -> String {
        let day = ms.div_euclid(86_400_000);
        let secs = ms.rem_euclid(86_400_000) / 1000;
        format!("{}T{:02}:{:02}:{:02}Z", crate::domain::time::format_day(day), secs / 3600, (secs / 60) % 60, secs % 60)
    }

    /// The Atom feed of the published stories (`base`: the site's public address).
    pub async fn atom(db: &Db, base: &str, title: &str) -> Result<String, AppError> {
        let stories = crate::db::stories::list_published(db, None, None).await?;
        let updated = stories.iter().filter_map(|s| s.published_at).max().unwrap_or(0);
        let mut out =
            String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n");
        out.push_str(&format!("<title>{}</title>\n<id>{base}/stories</id>\n", escape(title)));
        out.push_str(&format!("<link rel=\"alternate\" href=\"{base}/stories\"/>\n<link rel=\"self\" href=\"{base}/stories/feed.xml\"/>\n"));
        out.push_str(&format!("<updated>{}</updated>\n", rfc3339(updated)));
        for s in stories.into_iter().take(50) {
            let link = format!("{base}/stories/{}", s.id);
            out.push_str(&format!(
                "<entry>\n<title>{}</title>\n<id>{link}</id>\n<link rel=\"alternate\" href=\"{link}\"/>\n<updated>{}</updated>\n<author><name>OGP Networking Mechanism</name></author>\n<summary>{}</summary>\n<content type=\"text\">{}</content>\n</entry>\n",
                escape(&s.text.title),
                rfc3339(s.published_at.unwrap_or(s.updated_at)),
                escape(&s.text.summary),
                escape(&s.text.body),
            ));
        }
        out.push_str("</feed>\n");
        Ok(out)
    }
}
