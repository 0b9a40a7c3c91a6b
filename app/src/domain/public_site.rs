//! The public site as search engines see it: the pages anyone may read (and nothing behind a
//! sign-in), the sitemap listing them with each story and directory profile, and `robots.txt`
//! keeping crawlers out of the signed-in areas and the API.

/// The public pages (stable, bookmarked addresses).
pub const PUBLIC_PAGES: [&str; 9] =
    ["/", "/survey/demand", "/survey/supply", "/directory", "/numbers", "/stories", "/open-data", "/contact", "/news"];

/// What crawlers should not walk: signed-in areas, forms' endpoints, tokens in links.
const DISALLOWED: [&str; 16] = [
    "/api/",
    "/account",
    "/admin/",
    "/board",
    "/cases",
    "/follow-ups",
    "/inbox",
    "/introductions/",
    "/invitation",
    "/organisations/",
    "/outreach",
    "/oversight",
    "/reset-password",
    "/roster/",
    "/sign-in",
    "/threads/",
];

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// `sitemap.xml`: the public pages, then `extra` (path, last change as `YYYY-MM-DD`).
pub fn sitemap_xml(base: &str, extra: &[(String, String)]) -> String {
    let base = base.trim_end_matches('/');
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for path in PUBLIC_PAGES {
        out.push_str(&format!("<url><loc>{}</loc></url>\n", escape(&format!("{base}{path}"))));
    }
    for (path, day) in extra {
        out.push_str(&format!(
            "<url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            escape(&format!("{base}{path}")),
            escape(day)
        ));
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`.
pub fn robots_txt(base: &str) -> String {
    let mut out = String::from("User-agent: *\n");
    for path in DISALLOWED {
        out.push_str(&format!("Disallow: {path}\n"));
    }
    out.push_str(&format!("\nSitemap: {}/sitemap.xml\n", base.trim_end_matches('/')));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sitemap_lists_public_pages_and_escapes() {
        let xml = sitemap_xml("https://nm.example/", &[("/directory/a&b".into(), "2026-11-30".into())]);
        assert!(xml.contains("<loc>https://nm.example/directory</loc>"));
        assert!(xml.contains("<loc>https://nm.example/directory/a&amp;b</loc><lastmod>2026-11-30</lastmod>"));
        assert!(!xml.contains("/board"), "nothing behind a sign-in");
    }

    #[test]
    fn robots_keeps_crawlers_out_of_signed_in_areas_and_points_to_the_sitemap() {
        let txt = robots_txt("https://nm.example");
        assert!(txt.contains("Disallow: /api/\n"));
        assert!(txt.contains("Disallow: /oversight\n"));
        assert!(txt.ends_with("Sitemap: https://nm.example/sitemap.xml\n"));
        for page in PUBLIC_PAGES {
            assert!(!DISALLOWED.iter().any(|d| page.starts_with(d) && page != "/"), "{page} is public");
        }
    }
}
