//! The two stylesheets: the survey's and sign-in's pages need only `style/main.css`; every other
//! page also links `style/pages.css`, which the app serves from the binary.

use crate::harness::*;
use std::collections::BTreeSet;

const MAIN_CSS: &str = include_str!("../../../style/main.css");

/// The class names a stylesheet's selectors name.
fn css_classes(css: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for rule in css.split('}') {
        let selector = rule.rsplit('{').nth(1).unwrap_or_default();
        let mut rest = selector;
        while let Some(i) = rest.find('.') {
            rest = &rest[i + 1..];
            let name: String =
                rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect();
            // `.95rem` and the like are numbers, not classes
            if name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                out.insert(name);
            }
        }
    }
    out
}

/// The class names a page's elements carry.
fn page_classes(page: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for part in page.split("class=\"").skip(1) {
        let value = part.split('"').next().unwrap_or_default();
        out.extend(value.split_whitespace().map(str::to_string));
    }
    out
}

/// Fails when `page` uses a class whose rules live only in `pages.css`, or links that sheet.
fn assert_lean(path: &str, page: &str, only_in_pages: &BTreeSet<String>) {
    let missing: Vec<_> = page_classes(page).intersection(only_in_pages).cloned().collect();
    assert!(
        missing.is_empty(),
        "{path} uses {missing:?}, styled only in style/pages.css: move their rules to main.css"
    );
    assert!(!page.contains("/pkg/pages.css"), "{path} links pages.css");
}

#[tokio::test]
async fn survey_and_sign_in_pages_need_only_the_main_stylesheet() {
    let app = spawn(Engine::Sqlite).await;
    let only_in_pages: BTreeSet<String> =
        css_classes(app::styles::PAGES_CSS).difference(&css_classes(MAIN_CSS)).cloned().collect();
    assert!(only_in_pages.contains("cta-row") && !only_in_pages.contains("step-list"));

    for path in ["/survey/supply", "/survey/demand", "/sign-in", "/forgot-password", "/reset-password?token=x"] {
        let page = app.get(path).await.text().await.expect("page");
        assert_lean(path, &page, &only_in_pages);
    }
    // every step of the supply survey, as first shown, with its errors, and the review
    let client = new_client();
    start_survey(&app, &client, "supply").await;
    let text = |path: String| {
        let client = client.clone();
        let url = app.url(&path);
        async move { client.get(url).send().await.expect("get").text().await.expect("text") }
    };
    post_step(&app, &client, "supply", 1, &SUPPLY_STEPS[0][..3], "next").await;
    assert_lean("step 1 with errors", &text("/survey/supply/step/1?check=1".into()).await, &only_in_pages);
    for (i, answers) in SUPPLY_STEPS.iter().enumerate() {
        let path = format!("/survey/supply/step/{}", i + 1);
        assert_lean(&path, &text(path.clone()).await, &only_in_pages);
        post_step(&app, &client, "supply", i + 1, answers, "next").await;
    }
    let review = text("/survey/supply/review".into()).await;
    assert!(review.contains("Budget Ouvert Sahel"), "the review shows the answers");
    assert_lean("/survey/supply/review", &review, &only_in_pages);

    // the other pages link the second sheet
    let landing = app.get("/").await.text().await.expect("landing");
    assert!(landing.contains(&app::styles::pages_href("pkg")), "the landing page links pages.css");
    app.stop().await;
}

#[tokio::test]
async fn the_second_stylesheet_is_served_compressed_and_cached_as_a_built_asset() {
    let app = spawn_with(Engine::Sqlite, true, false).await;
    let href = app::styles::pages_href("pkg");
    let res = app.client.get(app.url(&href)).header(ACCEPT_ENCODING, "br").send().await.expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[CONTENT_ENCODING], "br");
    assert_eq!(res.headers()[CONTENT_TYPE], "text/css; charset=utf-8");
    assert_eq!(res.headers()[CACHE_CONTROL], "public, max-age=31536000, immutable");
    assert!(res.headers().get("content-security-policy").is_none(), "a built asset, not a document");
    let compressed = res.bytes().await.expect("body");
    assert!(compressed.len() < app::styles::PAGES_CSS.len() / 3, "{} bytes", compressed.len());

    // a client without brotli gets the text (gzipped by the compression layer when it asks)
    let plain = app.client.get(app.url(&href)).header(ACCEPT_ENCODING, "identity").send().await.expect("get");
    assert!(plain.headers().get(CONTENT_ENCODING).is_none());
    assert_eq!(plain.text().await.expect("text"), app::styles::PAGES_CSS);
    app.stop().await;
}
