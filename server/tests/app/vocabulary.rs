//! Extending the vocabularies without a release: an administrator adds an issue area and a
//! language (bad input refused, naming the field, and nothing stored), the surveys offer them at
//! once and the directory filters by them; retiring one stops offering it while saved searches
//! keep working; only administrators may do any of it.

use crate::harness::*;
use app::model::{DirectoryPage, VocabularyValue};
use std::sync::atomic::{AtomicUsize, Ordering};

/// Keys unique across the tests of this process (they share the registry of added values).
fn unique(prefix: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    format!("{prefix}_{}", N.fetch_add(1, Ordering::Relaxed))
}

async fn values(app: &TestApp, client: &reqwest::Client) -> reqwest::Response {
    client.get(app.url("/api/vocabulary")).send().await.expect("vocabulary")
}

fn add<'a>(kind: &'a str, key: &'a str, en: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("kind", kind),
        ("key", key),
        ("label_en", en),
        ("label_fr", "Eau et assainissement"),
        ("label_es", "Agua y saneamiento"),
    ]
}

/// An edit of a value's labels with the "offered" box unticked (which retires it).
fn edit<'a>(id: &'a str, version: &'a str, en: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("id", id),
        ("version", version),
        ("label_en", en),
        ("label_fr", "Eau et assainissement"),
        ("label_es", "Agua y saneamiento"),
    ]
}

/// The supply survey's steps 2 (issue areas) and 3 (languages), as one page of HTML (a step is
/// shown once the steps before it are complete).
async fn supply_survey(app: &TestApp, client: &reqwest::Client) -> String {
    start_survey(app, client, "supply").await;
    let mut html = String::new();
    for n in [1, 2] {
        let res = post_step(app, client, "supply", n, SUPPLY_STEPS[n - 1], "next").await;
        assert_eq!(location(&res), format!("/survey/supply/step/{}", n + 1));
        let res = client.get(app.url(&format!("/survey/supply/step/{}", n + 1))).send().await.expect("step");
        html.push_str(&res.text().await.expect("html"));
    }
    html
}

#[tokio::test]
async fn an_admin_adds_an_issue_area_and_a_language_that_are_offered_at_once() {
    for engine in engines() {
        let app = spawn(engine).await;
        let admin = signed_in(&app, "admin@demo.ogpnm.example").await;

        // the demo's additions, used by demo profiles
        let demo: Vec<VocabularyValue> = values(&app, &admin).await.json().await.expect("json");
        assert!(demo.iter().any(|v| v.key == "open_parliament" && v.offered), "{engine:?}: {demo:?}");
        assert!(demo.iter().any(|v| v.key == "qu" && v.offered), "{engine:?}");
        let parliaments: DirectoryPage = new_client()
            .get(app.url("/api/directory_search?query=area%3Dopen_parliament"))
            .send()
            .await
            .expect("directory")
            .json()
            .await
            .expect("json");
        assert!(parliaments.total >= 1, "{engine:?}: a demo provider lists the added area");

        // refusals name the field and store nothing
        let area = unique("water_sanitation");
        for (form, field, message) in [
            (add("issue_area", "Water!", "Water and sanitation"), "vocab-key", "vocab.error_area_key"),
            (add("issue_area", "open_data", "Open data again"), "vocab-key", "vocab.error_taken"),
            (add("issue_area", "open_parliament", "Parliaments"), "vocab-key", "vocab.error_taken"),
            (add("language", "quechua", "Quechua"), "vocab-key", "vocab.error_language_key"),
            (add("region", &area, "Water"), "vocab-kind", "vocab.error_kind"),
            (add("issue_area", &area, " "), "vocab-label_en", "vocab.error_label"),
        ] {
            let res = post_form(&app, &admin, "add_vocabulary_value", &form).await;
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}: {form:?}");
            let body = res.text().await.expect("body");
            assert!(body.contains(message) && body.contains(field), "{engine:?}: {body}");
        }
        let after: Vec<VocabularyValue> = values(&app, &admin).await.json().await.expect("json");
        assert_eq!(after.len(), demo.len(), "{engine:?}: nothing stored");

        // added: offered by the survey at once, and a filter value of the directory
        let res =
            post_form(&app, &admin, "add_vocabulary_value", &add("issue_area", &area, "Water and sanitation")).await;
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        let language = "zu";
        let res = post_form(&app, &admin, "add_vocabulary_value", &add("language", language, "Zulu")).await;
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        let provider = new_client();
        let survey = supply_survey(&app, &provider).await;
        assert!(
            survey.contains(&format!("name=\"areas.{area}\"")),
            "{engine:?}: the area is offered: {}",
            survey
                .split("areas.")
                .skip(1)
                .map(|s| s.chars().take(40).collect::<String>())
                .collect::<Vec<_>>()
                .join(" | ")
        );
        assert!(survey.contains("Water and sanitation"), "{engine:?}: with its label");
        assert!(survey.contains(&format!("value=\"{language}\"")), "{engine:?}: the language is offered");
        let query = format!("/api/directory_search?query={}", urlencoding(&format!("area={area}")));
        let res = new_client().get(app.url(&query)).send().await.expect("directory");
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}: a known filter value");
        let french = new_client().get(app.url("/survey/supply")).header(ACCEPT_LANGUAGE, "fr").send().await;
        assert_eq!(french.expect("page").status(), StatusCode::OK);

        // retired: no longer offered; a saved search keeps working; a stale edit is a conflict
        let added: Vec<VocabularyValue> = values(&app, &admin).await.json().await.expect("json");
        let v = added.iter().find(|v| v.key == area).expect("listed");
        assert_eq!(v.labels[1], "Eau et assainissement", "{engine:?}");
        assert!(v.offered && !v.added_by.is_empty(), "{engine:?}");
        let version = v.version.to_string();
        let id = v.id.clone();
        let res = post_form(&app, &admin, "edit_vocabulary_value", &edit(&id, &version, "W")).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}: a one-letter name");
        let res =
            post_form(&app, &admin, "edit_vocabulary_value", &edit(&id, &version, "Water, sanitation and hygiene"))
                .await;
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}: retired (the box unticked)");
        let res = post_form(&app, &admin, "edit_vocabulary_value", &edit(&id, &version, "Water")).await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{engine:?}: the version seen is stale");
        let survey = supply_survey(&app, &new_client()).await;
        assert!(!survey.contains(&format!("name=\"areas.{area}\"")), "{engine:?}: no longer offered");
        let res = new_client().get(app.url(&query)).send().await.expect("directory");
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}: a saved search still works");
        let now: Vec<VocabularyValue> = values(&app, &admin).await.json().await.expect("json");
        let v = now.iter().find(|v| v.key == area).expect("still listed");
        assert!(!v.offered && v.labels[0] == "Water, sanitation and hygiene", "{engine:?}");

        // the page lists them, and the audit log has each change
        let html = admin.get(app.url("/admin/vocabulary")).send().await.expect("page").text().await.expect("html");
        assert!(html.contains(&area) && html.contains("Open parliaments"), "{engine:?}");
        let audit = admin.get(app.url("/admin/audit")).send().await.expect("page").text().await.expect("html");
        assert!(audit.contains("vocabulary.added") && audit.contains("vocabulary.changed"), "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn only_administrators_manage_the_vocabulary() {
    for engine in engines() {
        let app = spawn(engine).await;
        let key = unique("forbidden_area");
        for who in ["case.manager@demo.ogpnm.example", "steering@demo.ogpnm.example", "provider@demo.ogpnm.example"] {
            let client = signed_in(&app, who).await;
            assert_eq!(values(&app, &client).await.status(), StatusCode::FORBIDDEN, "{engine:?} {who}");
            let res = post_form(&app, &client, "add_vocabulary_value", &add("issue_area", &key, "Forbidden")).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?} {who}");
        }
        let anonymous = new_client();
        assert_eq!(values(&app, &anonymous).await.status(), StatusCode::UNAUTHORIZED, "{engine:?}");
        let res = post_form(&app, &anonymous, "add_vocabulary_value", &add("issue_area", &key, "Forbidden")).await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{engine:?}");
        let page = anonymous.get(app.url("/admin/vocabulary")).send().await.expect("page");
        assert!(!page.text().await.expect("html").contains("vocab-key"), "{engine:?}: no form for the anonymous");
        app.stop().await;
    }
}
