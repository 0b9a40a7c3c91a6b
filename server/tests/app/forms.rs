//! Every form is bound to its server function: the pages are read as every audience, each
//! form that posts to `/api/…` is collected with the fields the page gives it, and each is
//! posted as a browser without script would. An address no server function is registered at,
//! or fields the function cannot read (400), fail the test, naming the page and the form.

use crate::harness::*;
use scraper::{ElementRef, Html, Selector};
use std::collections::BTreeMap;

/// A form found on a page.
#[derive(Clone, Debug)]
struct FoundForm {
    page: String,
    action: String,
    multipart: bool,
    fields: Vec<(String, String)>,
}

fn select<'a>(el: ElementRef<'a>, css: &str) -> Vec<ElementRef<'a>> {
    el.select(&Selector::parse(css).expect("selector")).collect()
}

/// What a person would send: the values the page holds, something typed where it holds none.
fn fields_of(form: ElementRef<'_>) -> Vec<(String, String)> {
    let mut fields: Vec<(String, String)> = Vec::new();
    let mut seen_choice: Vec<String> = Vec::new();
    for input in select(form, "input[name]") {
        let v = input.value();
        let name = v.attr("name").unwrap_or_default().to_string();
        let value = v.attr("value").unwrap_or_default();
        let typed = |filler: &str| if value.is_empty() { filler.to_string() } else { value.to_string() };
        match v.attr("type").unwrap_or("text") {
            "checkbox" | "radio" => {
                if !seen_choice.contains(&name) {
                    seen_choice.push(name.clone());
                    fields.push((name, value.to_string()));
                }
            }
            "hidden" => fields.push((name, value.to_string())),
            "email" => fields.push((name, typed("someone@example.org"))),
            "date" => fields.push((name, typed("2031-01-15"))),
            "number" => fields.push((name, typed("1"))),
            "url" => fields.push((name, typed("https://example.org"))),
            "file" => {}
            _ => fields.push((name, typed("A few words"))),
        }
    }
    for s in select(form, "select[name]") {
        let options = select(s, "option");
        let chosen = options.iter().find(|o| o.value().attr("selected").is_some()).or(options.first());
        let value = chosen.and_then(|o| o.value().attr("value")).unwrap_or_default();
        fields.push((s.value().attr("name").unwrap_or_default().to_string(), value.to_string()));
    }
    for t in select(form, "textarea[name]") {
        fields.push((t.value().attr("name").unwrap_or_default().to_string(), "A few words".to_string()));
    }
    // the first named submit button is the one pressed
    if let Some(b) = select(form, "button[name]").first() {
        let v = b.value();
        fields.push((v.attr("name").unwrap_or_default().to_string(), v.attr("value").unwrap_or_default().to_string()));
    }
    fields
}

fn forms_on(page: &str, html: &str) -> Vec<FoundForm> {
    let doc = Html::parse_document(html);
    select(doc.root_element(), "form[action^=\"/api/\"]")
        .into_iter()
        .map(|f| FoundForm {
            page: page.to_string(),
            action: f.value().attr("action").unwrap_or_default().to_string(),
            multipart: f.value().attr("enctype") == Some("multipart/form-data"),
            fields: fields_of(f),
        })
        .collect()
}

async fn read(app: &TestApp, client: &reqwest::Client, path: &str) -> String {
    let res = client.get(app.url(path)).send().await.expect("page");
    assert!(res.status().is_success(), "{path}: {}", res.status());
    res.text().await.expect("text")
}

/// Posts a form as a browser without script, from a fresh browser (so nothing the form does
/// happens to the accounts reading the pages; the function reads its arguments before it
/// asks who is calling).
async fn post(app: &TestApp, form: &FoundForm) -> reqwest::StatusCode {
    use reqwest::header::{ACCEPT, REFERER};
    let request =
        new_client().post(app.url(&form.action)).header(ACCEPT, "text/html").header(REFERER, app.url(&form.page));
    let request = if form.multipart {
        let mut body = reqwest::multipart::Form::new();
        for (name, value) in &form.fields {
            body = body.text(name.clone(), value.clone());
        }
        request.multipart(body)
    } else {
        request.form(&form.fields)
    };
    request.send().await.expect("post").status()
}

/// Endpoints whose forms appear only with a token mailed to someone (a password reset, an
/// invitation, an unsubscribe link, an unlock link) or in the middle of a sign-in: their
/// addresses and fields are proven by the tests that follow those mails.
const BEHIND_A_MAILED_TOKEN: &[&str] = &[
    "/api/visitor_reply",
    "/api/reset_password",
    "/api/accept_invitation",
    "/api/unsubscribe",
    "/api/outreach_accept",
    "/api/unlock_browser",
    "/api/verify_sign_in_code",
    "/api/confirm_two_factor",
    // shown only when introductions wait for the steering committee (OGPNM_INTRO_APPROVAL);
    // dialogue.rs posts it with the setting on
    "/api/approve_introduction",
];

#[tokio::test]
async fn every_form_posts_to_a_server_function_with_fields_it_reads() {
    // the form addresses the pages are written with (`forms::action::<…>()`), from the source
    let mut in_source: Vec<String> = Vec::new();
    // and the address of each server function, by its type's name
    let mut addresses: Vec<(String, String)> = Vec::new();
    for entry in walk(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../app/src"))) {
        let text = std::fs::read_to_string(&entry).expect("source");
        for part in text.split("#[server(name = ").skip(1) {
            let name = part.split(',').next().expect("name").trim().to_string();
            let endpoint = part.split("endpoint = \"").nth(1).and_then(|e| e.split('"').next()).expect("endpoint");
            addresses.push((name, format!("/api/{endpoint}")));
        }
        for part in text.split("forms::action::<").skip(1) {
            let ty = part.split(">()").next().expect("type");
            let name = ty.rsplit("::").next().expect("name").to_string();
            if !in_source.contains(&name) {
                in_source.push(name);
            }
        }
    }
    assert!(in_source.len() >= 35, "form addresses in the source: {in_source:?}");

    let app = spawn(engines()[0]).await;
    let admin = new_client();
    sign_in_as(&app, &admin, "admin@demo.ogpnm.example").await;
    let steering = signed_in(&app, "steering@demo.ogpnm.example").await;
    let cm = new_client();
    sign_in_as(&app, &cm, "case.manager@demo.ogpnm.example").await;
    let provider = new_client();
    sign_in_as(&app, &provider, "provider@demo.ogpnm.example").await;
    let government = new_client();
    sign_in_as(&app, &government, "finance.ministry@demo.ogpnm.example").await;
    let visitor = new_client();

    let my_case = case_board(&app, &cm, "mine=1")
        .await
        .cases
        .iter()
        .find(|c| c.stage.is_open())
        .expect("an open case")
        .id
        .clone();
    let gov_cases: Vec<app::model::GovCaseSummary> =
        government.get(app.url("/api/my_cases")).send().await.expect("get").json().await.expect("json");
    let all = case_board(&app, &admin, "").await;
    let unassigned = all.cases.iter().find(|c| c.case_manager_id.is_none()).expect("an unassigned case").id.clone();
    let orgs: Vec<app::model::MyOrganisation> =
        provider.get(app.url("/api/my_organisations")).send().await.expect("get").json().await.expect("json");
    let own_org = orgs.first().expect("an organisation").id.clone();
    let res = post_form(&app, &cm, "create_campaign", &[("name", "Form check"), ("survey", "supply")]).await;
    let campaign = location(&res).trim_start_matches("/outreach/").to_string();
    // the dialogue's pages: a thread of each kind, an introduction waiting for its answer, and a
    // message of the provider's own (so its edit form shows)
    let thread_of = |government: &'static str, introduction: bool| {
        let app = &app;
        async move {
            let mut tx = app.db.write().begin().await.expect("begin");
            let gov = app::db::organisations::id_by_name(&mut tx, government).await.expect("q").expect("org");
            drop(tx);
            let case = app::db::cases::of_organisation(app.db.read(), &gov).await.expect("q").remove(0).case;
            let threads = app::db::threads::of_case(app.db.read(), &case.id).await.expect("threads");
            threads.into_iter().find(|t| t.introduction_id.is_some() == introduction).expect("a thread")
        }
    };
    let judicial = thread_of("Ministry of Justice, Judicial Data Office", true).await;
    let auditor = thread_of("Office of the Auditor General, Citizen Engagement Unit", true).await;
    let finance = thread_of("Ministry of Finance, Fiscal Transparency Unit", false).await;
    let waiting = {
        let villa = thread_of("Municipality of Villa Esperanza, Open Government Office", false).await;
        let intros = app::db::introductions::of_case(app.db.read(), &villa.case_id).await.expect("intros");
        intros.into_iter().find(|i| i.status == app::domain::introductions::IntroStatus::Waiting).expect("waiting").id
    };
    let andina = new_client();
    sign_in_as(&app, &andina, "transparencia.andina@demo.ogpnm.example").await;
    let enquiry = app::db::enquiries::list(app.db.read(), None).await.expect("enquiries").remove(0).id;
    let res =
        post_form(&app, &provider, "post_message", &[("id", &judicial.id), ("key", "forms-1"), ("body", "Noted.")])
            .await;
    assert!(ok(&res), "{}", res.status());
    // the end of a case: a selection to make, an agreement to accept (and to change), a story
    // to approve or withdraw, a follow-up to answer, a closed case to come back from
    let case_of = |government: &'static str| {
        let app = &app;
        async move {
            let mut tx = app.db.write().begin().await.expect("begin");
            let gov = app::db::organisations::id_by_name(&mut tx, government).await.expect("q").expect("org");
            drop(tx);
            app::db::cases::of_organisation(app.db.read(), &gov).await.expect("q").remove(0).case.id
        }
    };
    let schools = case_of("Ministry of National Education, Open Schools Programme").await;
    let health = case_of("Ministry of Health, Service Transparency Unit").await;
    let judicial_case = judicial.case_id.clone();
    let schools_gov = new_client();
    sign_in_as(&app, &schools_gov, "open.schools@demo.ogpnm.example").await;
    let health_gov = new_client();
    sign_in_as(&app, &health_gov, "health.transparency@demo.ogpnm.example").await;
    let kijiji = new_client();
    sign_in_as(&app, &kijiji, "kijiji@demo.ogpnm.example").await;
    // a visitor half way through a survey; a provider's new version starts at its review
    start_survey(&app, &visitor, "demand").await;
    start_survey(&app, &provider, "supply").await;

    let mut pages: Vec<(&reqwest::Client, String)> = vec![
        (&visitor, "/".into()),
        (&visitor, "/sign-in".into()),
        (&visitor, "/forgot-password".into()),
        (&visitor, "/survey/supply".into()),
        (&visitor, "/survey/demand/step/1".into()),
        (&provider, "/survey/supply/review".into()),
        (&visitor, "/survey/supply/resume?key=abc".into()),
        (&provider, "/account".into()),
        (&provider, "/account/two-factor".into()),
        (&provider, format!("/organisations/{own_org}")),
        (&provider, format!("/roster/providers/{own_org}")),
        (&cm, format!("/cases/{my_case}")),
        (&cm, format!("/cases/{unassigned}")),
        (&cm, "/outreach".into()),
        (&cm, "/board".into()),
        (&admin, "/oversight".into()),
        (&admin, "/oversight/gaps".into()),
        (&steering, "/oversight/tuning?preview=1&languages=300".into()),
        (&cm, format!("/outreach/{campaign}")),
        (&admin, format!("/cases/{my_case}")),
        (&admin, "/admin/users".into()),
        (&admin, "/admin/organisations".into()),
        (&admin, "/admin/vocabulary".into()),
        (&provider, "/inbox".into()),
        (&provider, format!("/threads/{}", judicial.id)),
        (&cm, format!("/threads/{}", auditor.id)),
        (&government, format!("/threads/{}", finance.id)),
        (&andina, format!("/introductions/{waiting}")),
        (&andina, "/inbox".into()),
        (&schools_gov, format!("/cases/{schools}/selection")),
        (&provider, format!("/cases/{judicial_case}/agreement")),
        (&admin, format!("/cases/{judicial_case}/agreement")),
        (&kijiji, "/follow-ups".into()),
        (&admin, format!("/cases/{health}/story")),
        (&health_gov, format!("/cases/{health}")),
        (&visitor, "/stories".into()),
        (&visitor, "/directory".into()),
        (&visitor, "/contact".into()),
        (&visitor, "/news".into()),
        (&visitor, "/news/confirm?t=forms".into()),
        (&visitor, "/news/unsubscribe?t=forms".into()),
        (&cm, format!("/enquiries/{enquiry}")),
        (&kijiji, format!("/cases/{health}/story")),
    ];
    pages.extend(gov_cases.iter().map(|c| (&government, format!("/cases/{}", c.id))));

    let mut found: Vec<FoundForm> = Vec::new();
    for (client, path) in &pages {
        found.extend(forms_on(path, &read(&app, client, path).await));
    }
    // one of each form (the same form on several rows is checked once)
    let mut distinct: BTreeMap<(String, Vec<String>), FoundForm> = BTreeMap::new();
    for form in found {
        let mut names: Vec<String> = form.fields.iter().map(|(n, _)| n.clone()).collect();
        names.sort();
        distinct.entry((form.action.clone(), names)).or_insert(form);
    }
    // the server functions the app registered, by address (a 404 from one of them is its own
    // answer, "no such thing", not a missing address)
    let registered: Vec<&str> = leptos::server_fn::axum::server_fn_paths()
        .filter(|(_, method)| *method == http::Method::POST)
        .map(|(path, _)| path)
        .collect();
    for form in distinct.values() {
        assert!(
            registered.contains(&form.action.as_str()),
            "{} posts to {}: no server function",
            form.page,
            form.action
        );
        let status = post(&app, form).await;
        assert!(
            !matches!(status.as_u16(), 400 | 405 | 415) && !status.is_server_error(),
            "{} posts to {} with {:?}: {status}",
            form.page,
            form.action,
            form.fields.iter().map(|(n, _)| n).collect::<Vec<_>>()
        );
    }

    // every address written in the source was seen on a page (or waits behind a mailed token)
    let seen: Vec<&str> = distinct.keys().map(|(action, _)| action.as_str()).collect();
    for name in &in_source {
        let path = addresses
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.as_str())
            .unwrap_or_else(|| panic!("{name} is no server function"));
        assert!(
            seen.contains(&path) || BEHIND_A_MAILED_TOKEN.contains(&path),
            "no page read here has the form posting to {path} ({name})"
        );
    }
    app.stop().await;
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out
}
