//! Answering the surveys as a browser does: starting, posting steps, autosaving, submitting.

use super::*;

/// Posts one wizard step as the browser's form would (multipart, no JavaScript).
pub async fn post_step(
    app: &TestApp,
    client: &reqwest::Client,
    kind: &str,
    step: usize,
    answers: &[(&str, &str)],
    nav: &str,
) -> reqwest::Response {
    use reqwest::header::{ACCEPT, REFERER};
    let page_url = app.url(&format!("/survey/{kind}/step/{step}"));
    let page = client.get(&page_url).send().await.expect("page").text().await.expect("text");
    let mut form = reqwest::multipart::Form::new();
    for name in ["kind", "draft", "step", "seq", "key"] {
        form = form.text(name, field_value(&page, name));
    }
    for (name, value) in answers {
        form = form.text(name.to_string(), value.to_string());
    }
    form = form.text("nav", nav.to_string());
    client
        .post(app.url("/api/survey_save_step"))
        .header(ACCEPT, "text/html")
        .header(REFERER, page_url)
        .multipart(form)
        .send()
        .await
        .expect("post step")
}

/// Submits the draft shown on the review page, as its "Submit" button does; returns where the
/// browser is sent.
pub async fn submit_survey(app: &TestApp, client: &reqwest::Client, kind: &str) -> String {
    let review = client.get(app.url(&format!("/survey/{kind}/review"))).send().await.expect("review");
    submit_draft(app, client, kind, &field_value(&review.text().await.expect("text"), "draft")).await
}

/// Posts the review page's submit form for `draft`.
pub async fn submit_draft(app: &TestApp, client: &reqwest::Client, kind: &str, draft: &str) -> String {
    let res = client
        .post(app.url("/api/survey_submit"))
        .header(reqwest::header::ACCEPT, "text/html")
        .header(reqwest::header::REFERER, app.url(&format!("/survey/{kind}/review")))
        .form(&[("kind", kind), ("draft", draft)])
        .send()
        .await
        .expect("submit");
    location(&res)
}

pub async fn start_survey(app: &TestApp, client: &reqwest::Client, kind: &str) -> String {
    use reqwest::header::{ACCEPT, REFERER};
    let res = client
        .post(app.url("/api/survey_start"))
        .header(ACCEPT, "text/html")
        .header(REFERER, app.url(&format!("/survey/{kind}")))
        .form(&[("kind", kind)])
        .send()
        .await
        .expect("start");
    assert_eq!(res.status(), StatusCode::FOUND);
    location(&res)
}

pub const SUPPLY_STEPS: [&[(&str, &str)]; 5] = [
    &[
        ("respondent_name", "Aïcha Diallo"),
        ("respondent_email", "aicha.diallo@example.org"),
        ("org_name", "Budget Ouvert Sahel"),
        ("org_kind", "ngo"),
        ("org_country", "SN"),
        ("website", "https://budget-ouvert.example.org"),
        ("org_description", "We help ministries publish citizens' budgets."),
    ],
    &[
        ("areas.fiscal_openness", "expert"),
        ("areas.citizen_participation", "experienced"),
        ("past_work", "Citizens' budget for the Ministry of Finance of Senegal, 2023."),
    ],
    &[
        ("assistance", "training"),
        ("assistance", "strategy_advice"),
        ("cost_basis", "paid"),
        ("rate_range", "300 to 400 EUR a day"),
        ("delivery", "remote"),
        ("languages", "fr"),
        ("languages", "en"),
    ],
    &[("regions", "africa_middle_east"), ("countries", "SN"), ("countries", "ML")],
    &[
        ("capacity", "part_time"),
        ("references", "https://a.example.org/report\nhttps://b.example.org"),
        ("consent_listing", "yes"),
    ],
];

/// Calls the autosave as the WASM does.
pub async fn autosave(
    app: &TestApp,
    client: &reqwest::Client,
    draft: &str,
    step: usize,
    seq: i64,
    key: &str,
    fields: &[(&str, &str)],
) -> (StatusCode, serde_json::Value) {
    let body = serde_json::json!({
        "kind": "demand", "draft": draft, "step": step, "seq": seq, "key": key,
        "fields": fields.iter().map(|(a, b)| [a.to_string(), b.to_string()]).collect::<Vec<_>>(),
    });
    let res = client.post(app.url("/api/survey_autosave")).json(&body).send().await.expect("autosave");
    let status = res.status();
    let text = res.text().await.expect("body");
    (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)))
}

/// Re-posts a step with the answers the page shows (as a browser would when nothing changed).
pub async fn post_prefilled(app: &TestApp, client: &reqwest::Client, step: usize) -> reqwest::Response {
    let draft = app::db::surveys::open_of_user(
        app.db.read(),
        app::domain::survey::SurveyKind::Supply,
        &account(app, "provider@demo.ogpnm.example").await.user_id,
    )
    .await
    .expect("q")
    .expect("draft");
    let kind = app::domain::survey::SurveyKind::Supply;
    let questions = kind.step(step).expect("step").questions;
    let mut pairs: Vec<(String, String)> = Vec::new();
    for q in questions {
        for v in draft.answers.values(q.id) {
            match (q.kind, v.split_once(':')) {
                (app::domain::survey::QuestionKind::AreasWithDepth, Some((a, d))) => {
                    pairs.push((format!("{}.{a}", q.id), d.to_string()))
                }
                _ => pairs.push((q.id.to_string(), v.clone())),
            }
        }
    }
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    post_step(app, client, "supply", step, &borrowed, "next").await
}
