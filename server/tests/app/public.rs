//! The public face: the directory of consenting providers (contact details only where agreed),
//! the public numbers, the open data (each file, and the ZIP whose files validate against its
//! README, with small counts suppressed), a provider withdrawing and disappearing from the
//! directory and the next exports, the sitemap and robots.txt, the pages without script.

use crate::harness::*;
use app::domain::open_data::{columns_in_readme, Dataset, SUPPRESS_BELOW};
use app::model::{DirectoryPage, NumbersView, PublicProfile};
use reqwest::header::ACCEPT_LANGUAGE;
use std::io::Read;

const PUBLIC_WITH_CONTACT: &str = "Civic Data Commons";
const PUBLIC_NO_CONTACT: &str = "Transparencia Andina";
const NOT_PUBLIC: &str = app::db::seed::DEMO_NOT_PUBLIC[0];

async fn directory(app: &TestApp, query: &str) -> reqwest::Response {
    new_client().get(app.url(&format!("/api/directory_search?query={}", urlencoding(query)))).send().await.expect("get")
}

async fn bytes(app: &TestApp, path: &str) -> (StatusCode, Vec<u8>) {
    let res = new_client().get(app.url(path)).send().await.expect("get");
    (res.status(), res.bytes().await.expect("body").to_vec())
}

async fn id_of(app: &TestApp, name: &str) -> String {
    let page: DirectoryPage = directory(app, &format!("q={}", name)).await.json().await.expect("json");
    page.rows.into_iter().find(|r| r.name == name).map(|r| r.id).unwrap_or_else(|| panic!("{name} is listed"))
}

/// Checks a CSV and a JSON file of `d` against the README's columns; returns the CSV's rows.
fn check_files(d: Dataset, readme_columns: &[String], csv_bytes: &[u8], json_bytes: &[u8]) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(csv_bytes);
    let header: Vec<String> = reader.headers().expect("header").iter().map(String::from).collect();
    assert_eq!(header, readme_columns, "{d:?}: the CSV's header is the README's columns");
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.expect("a CSV row").iter().map(String::from).collect()).collect();
    let json: Vec<serde_json::Map<String, serde_json::Value>> = serde_json::from_slice(json_bytes).expect("JSON array");
    assert_eq!(json.len(), rows.len(), "{d:?}: the same rows in both formats");
    for object in &json {
        let keys: Vec<&String> = object.keys().collect();
        let mut expected: Vec<&String> = readme_columns.iter().collect();
        expected.sort();
        let mut keys = keys;
        keys.sort();
        assert_eq!(keys, expected, "{d:?}: every JSON object has the README's columns");
    }
    rows
}

#[tokio::test]
async fn the_directory_lists_consenting_providers_with_contacts_only_where_agreed() {
    for engine in engines() {
        let app = spawn(engine).await;
        let all: DirectoryPage = directory(&app, "").await.json().await.expect("json");
        assert!(all.total >= 30, "{engine:?}: most demo providers consented ({})", all.total);
        let staff: app::model::RosterPage = signed_in(&app, "admin@demo.ogpnm.example")
            .await
            .get(app.url("/api/roster_search?roster=providers&query="))
            .send()
            .await
            .expect("roster")
            .json()
            .await
            .expect("json");
        assert_eq!(all.total + 3, staff.total, "{engine:?}: three providers keep to the staff's roster");
        let hidden: DirectoryPage =
            directory(&app, &format!("q={}", urlencoding(NOT_PUBLIC))).await.json().await.expect("json");
        assert_eq!(hidden.total, 0, "{engine:?}: not in the directory without consent");

        // filters are the roster's; a value that does not exist is refused, naming it
        let open_data: DirectoryPage = directory(&app, "area=open_data").await.json().await.expect("json");
        assert!(open_data.total > 0 && open_data.total < all.total, "{engine:?}");
        assert_eq!(directory(&app, "area=astrology").await.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // a profile shows contact details only with that consent too
        let with = id_of(&app, PUBLIC_WITH_CONTACT).await;
        let p: PublicProfile = new_client()
            .get(app.url(&format!("/api/directory_profile?id={with}")))
            .send()
            .await
            .expect("profile")
            .json()
            .await
            .expect("json");
        assert_eq!(p.email.as_deref(), Some("contact@demo.ogpnm.example"), "{engine:?}");
        assert!(p.website.is_some() && !p.areas.is_empty(), "{engine:?}");
        let without = id_of(&app, PUBLIC_NO_CONTACT).await;
        let p: PublicProfile = new_client()
            .get(app.url(&format!("/api/directory_profile?id={without}")))
            .send()
            .await
            .expect("profile")
            .json()
            .await
            .expect("json");
        assert_eq!((p.email, p.website), (None, None), "{engine:?}: no contact without consent");
        let page = app.get(&format!("/directory/{without}")).await.text().await.expect("html");
        assert!(!page.contains("contact@demo.ogpnm.example"), "{engine:?}");
        assert!(page.contains("through a Case Manager"), "{engine:?}: how to reach it instead");

        // the provider withdraws: gone from the directory, its page and the next export
        let provider = signed_in(&app, "provider@demo.ogpnm.example").await;
        let res =
            post_form(&app, &provider, "set_profile_listed", &[("organisation_id", &with), ("listed", "false")]).await;
        assert!(ok(&res), "{engine:?}: {}", res.status());
        let after: DirectoryPage = directory(&app, "").await.json().await.expect("json");
        assert_eq!(after.total, all.total - 1, "{engine:?}");
        let res = new_client().get(app.url(&format!("/api/directory_profile?id={with}"))).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{engine:?}");
        let (_, csv) = bytes(&app, "/open-data/directory.csv").await;
        let csv = String::from_utf8(csv).expect("utf-8");
        assert!(!csv.contains(PUBLIC_WITH_CONTACT), "{engine:?}: not in the next export");
        assert!(csv.contains(PUBLIC_NO_CONTACT) && !csv.contains(NOT_PUBLIC), "{engine:?}");
        let sitemap = app.get("/sitemap.xml").await.text().await.expect("xml");
        assert!(sitemap.contains(&format!("/directory/{without}</loc>")), "{engine:?}");
        assert!(!sitemap.contains(&format!("/directory/{with}</loc>")), "{engine:?}: withdrawn");
        app.stop().await;
    }
}

#[tokio::test]
async fn the_open_data_zip_validates_against_its_readme_and_suppresses_small_counts() {
    for engine in engines() {
        let app = spawn(engine).await;
        let (status, zipped) = bytes(&app, "/open-data/ogpnm-open-data.zip").await;
        assert_eq!(status, StatusCode::OK, "{engine:?}");
        let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zipped)).expect("a ZIP");
        let mut files = std::collections::HashMap::new();
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).expect("entry");
            let name = f.name().rsplit('/').next().unwrap_or_default().to_string();
            let mut body = Vec::new();
            f.read_to_end(&mut body).expect("read");
            files.insert(name, body);
        }
        let readme = String::from_utf8(files["README.md"].clone()).expect("README");
        assert!(String::from_utf8_lossy(&files["LICENCE.txt"]).contains("CC BY 4.0"), "{engine:?}");
        let listed = columns_in_readme(&readme);
        assert_eq!(listed.len(), Dataset::ALL.len(), "{engine:?}: the README documents every file");
        for (stem, columns) in &listed {
            let d = Dataset::from_stem(stem).expect("a known file");
            let rows = check_files(d, columns, &files[&format!("{stem}.csv")], &files[&format!("{stem}.json")]);
            // the file at its own stable address is the one in the ZIP
            let (status, alone) = bytes(&app, &format!("/open-data/{stem}.csv")).await;
            assert_eq!(status, StatusCode::OK, "{engine:?}");
            assert_eq!(alone, files[&format!("{stem}.csv")], "{engine:?}: {stem}");
            if d == Dataset::Directory {
                assert!(rows.len() >= 30, "{engine:?}");
                continue;
            }
            assert!(!rows.is_empty(), "{engine:?}: {stem} has a row for every cell");
            // every count is blank or at least the threshold: the demo's few cases are all hidden
            for row in &rows {
                for (name, cell) in columns.iter().zip(row) {
                    if ["requests", "introduced", "agreed", "closed", "cases"].contains(&name.as_str())
                        && !cell.is_empty()
                    {
                        assert!(cell.parse::<i64>().expect("a count") >= SUPPRESS_BELOW, "{engine:?}: {stem} {name}");
                    }
                }
            }
        }
        let (status, _) = bytes(&app, "/open-data/secrets.csv").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn numbers_sitemap_robots_and_the_pages_without_script() {
    let app = spawn(Engine::Sqlite).await;
    let v: NumbersView =
        new_client().get(app.url("/api/public_numbers")).send().await.expect("get").json().await.expect("json");
    assert_eq!(v.requests, 16, "the demo's requests");
    assert!(v.governments > 0 && v.countries > 0 && v.in_directory >= 30);
    assert_eq!(v.funnel.first().map(|f| f.1), Some(16), "every case reached intake");
    assert!(v.mean_rating_tenths.is_none(), "too few ratings to publish a mean");

    for (path, lang, needle) in [
        ("/directory", "en", "Directory of providers"),
        ("/directory", "fr", "Annuaire des prestataires"),
        ("/directory", "es", "Directorio de proveedores"),
        ("/numbers", "en", "The mechanism in numbers"),
        ("/numbers", "fr", "Le mécanisme en chiffres"),
        ("/numbers", "es", "El mecanismo en cifras"),
        ("/open-data", "en", "ogpnm-open-data.zip"),
        ("/open-data", "fr", "Données ouvertes"),
        ("/stories", "en", "stories"),
    ] {
        let res = new_client().get(app.url(path)).header(ACCEPT_LANGUAGE, lang).send().await.expect("page");
        assert_eq!(res.status(), StatusCode::OK, "{path} {lang}");
        let html = res.text().await.expect("html");
        assert!(html.contains(needle), "{path} {lang}: {needle}");
    }
    let html = app.get("/directory?area=open_data").await.text().await.expect("html");
    assert!(html.contains("href=\"/directory/"), "results link to public profiles");
    let res = app.get("/directory?area=astrology").await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert!(res.text().await.expect("html").contains("astrology"), "the refused value is named");
    let res = app.get("/directory/no-such-provider").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);

    let robots = app.get("/robots.txt").await.text().await.expect("robots");
    assert!(robots.contains("Disallow: /oversight") && robots.contains("Sitemap: "), "{robots}");
    let sitemap = app.get("/sitemap.xml").await;
    assert_eq!(sitemap.status(), StatusCode::OK);
    let sitemap = sitemap.text().await.expect("xml");
    for page in ["/directory</loc>", "/numbers</loc>", "/open-data</loc>", "/stories/"] {
        assert!(sitemap.contains(page), "{page}");
    }
    assert!(!sitemap.contains("/board"), "nothing behind a sign-in");
    app.stop().await;
}
