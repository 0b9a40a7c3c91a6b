//! Whose answers a survey draft holds: a key planted in a browser never takes the place of its
//! owner's draft, a draft is filed only under the organisation it was made for, submitted
//! answers are not served to a key, anonymous submissions are answered the same whether an
//! account exists, and organisation names are compared by what they look like.

use crate::harness::*;
use std::sync::Arc;

/// The supply survey's answers with the respondent and organisation replaced.
fn supply_answers(
    email: &'static str,
    org: &'static str,
    country: &'static str,
) -> Vec<Vec<(&'static str, &'static str)>> {
    SUPPLY_STEPS
        .iter()
        .enumerate()
        .map(|(i, step)| {
            step.iter()
                .map(|&(name, value)| match (i, name) {
                    (0, "respondent_email") => (name, email),
                    (0, "org_name") => (name, org),
                    (0, "org_country") => (name, country),
                    _ => (name, value),
                })
                .collect()
        })
        .collect()
}

/// Starts (or reopens) the survey, answers every step as `client` and returns where submitting
/// sends the browser.
async fn answer_and_submit(app: &TestApp, client: &reqwest::Client, steps: &[Vec<(&str, &str)>]) -> String {
    start_survey(app, client, "supply").await;
    for (i, answers) in steps.iter().enumerate() {
        post_step(app, client, "supply", i + 1, answers, "next").await;
    }
    submit_survey(app, client, "supply").await
}

/// The draft key a browser's survey cookie holds, from the `Set-Cookie` of starting a survey.
async fn start_and_take_key(app: &TestApp) -> (reqwest::Client, String) {
    let client = new_client();
    let res = client
        .post(app.url("/api/survey_start"))
        .header(reqwest::header::ACCEPT, "text/html")
        .form(&[("kind", "supply")])
        .send()
        .await
        .expect("start");
    let key = res
        .headers()
        .get_all(SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("ogpnm_survey_supply="))
        .and_then(|c| c.split(';').next())
        .expect("draft cookie")
        .to_string();
    (client, key)
}

async fn profile_versions(app: &TestApp, org_name: &str) -> usize {
    let mut tx = app.db.write().begin().await.expect("begin");
    let org = app::db::organisations::id_by_name(&mut tx, org_name).await.expect("q").expect("organisation");
    drop(tx);
    app::db::surveys::profile_versions(app.db.read(), &org).await.expect("versions").len()
}

#[tokio::test]
async fn a_planted_draft_key_never_takes_the_place_of_a_signed_in_respondents_draft() {
    for engine in engines() {
        let app = spawn(engine).await;
        // an attacker starts a draft of their own and writes into it
        let (attacker, key) = start_and_take_key(&app).await;
        post_step(&app, &attacker, "supply", 1, &[("org_name", "Attacker Holdings")], "").await;
        // the provider's browser is made to carry the attacker's key (a GET can no longer do
        // that; a cookie set by any other means is the worst case)
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let url: reqwest::Url = app.url("/").parse().expect("url");
        let victim = reqwest::Client::builder()
            .redirect(redirect::Policy::none())
            .cookie_provider(jar.clone())
            .build()
            .expect("client");
        sign_in_as(&app, &victim, "provider@demo.ogpnm.example").await;
        jar.add_cookie_str(&format!("ogpnm_survey_supply={key}; Path=/"), &url);
        // updating their profile opens their own draft, prefilled from it, never the planted one
        start_survey(&app, &victim, "supply").await;
        let review = victim.get(app.url("/survey/supply/review")).send().await.expect("get").text().await.expect("t");
        assert!(review.contains("Civic Data Commons"), "{engine:?}");
        assert!(!review.contains("Attacker Holdings"), "{engine:?}: the planted draft stays out");
        let before = profile_versions(&app, "Civic Data Commons").await;
        submit_survey(&app, &victim, "supply").await;
        assert_eq!(profile_versions(&app, "Civic Data Commons").await, before + 1, "{engine:?}");
        let mut tx = app.db.write().begin().await.expect("begin");
        let planted = app::db::organisations::id_by_name(&mut tx, "Attacker Holdings").await.expect("q");
        assert!(planted.is_none(), "{engine:?}: nothing was filed from the attacker's draft");
        app.stop().await;
    }
}

#[tokio::test]
async fn an_anonymous_draft_submitted_by_a_signed_in_member_is_filed_under_its_own_organisation() {
    for engine in engines() {
        let app = spawn(engine).await;
        let (client, key) = start_and_take_key(&app).await;
        let steps = supply_answers("someone@example.org", "Open Ledger Initiative", "KE");
        for (i, answers) in steps.iter().enumerate() {
            post_step(&app, &client, "supply", i + 1, answers, "next").await;
        }
        // a member of a provider continues it from the e-mailed link and confirms
        let member = new_client();
        sign_in_as(&app, &member, "provider@demo.ogpnm.example").await;
        let res = form_as(&app, &member, "survey_resume_confirm", &[("kind", "supply"), ("key", &key)]).await;
        assert!(location(&res).starts_with("/survey/supply/"), "{engine:?}: {}", location(&res));
        let before = profile_versions(&app, "Civic Data Commons").await;
        assert_eq!(submit_survey(&app, &member, "supply").await, "/survey/supply/done", "{engine:?}");
        assert_eq!(
            profile_versions(&app, "Civic Data Commons").await,
            before,
            "{engine:?}: the member's own untouched"
        );
        assert_eq!(profile_versions(&app, "Open Ledger Initiative").await, 1, "{engine:?}: filed under its own");
        // taken over by the member, the draft no longer opens to its key
        let page = client.get(app.url("/survey/supply/review")).send().await.expect("get").text().await.expect("t");
        assert!(!page.contains("Open Ledger Initiative"), "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn anonymous_submissions_answer_the_same_whether_an_account_exists_and_hide_what_was_sent() {
    for engine in engines() {
        let app = spawn(engine).await;
        let fresh = new_client();
        let new_address =
            answer_and_submit(&app, &fresh, &supply_answers("new.person@example.org", "Datos Abiertos Andinos", "PE"))
                .await;
        let known = new_client();
        let known_address =
            answer_and_submit(&app, &known, &supply_answers("provider@demo.ogpnm.example", "Transparencia Lab", "PE"))
                .await;
        assert_eq!(new_address, known_address, "{engine:?}: the same answer either way");
        assert_eq!(new_address, "/survey/supply/done?account=1");
        // both addresses get a message: a link to choose a password, or to sign in
        app.smtp.wait_for("new.person@example.org", "/reset-password?token=").await;
        app.smtp.wait_for("provider@demo.ogpnm.example", "/sign-in").await;
        // the key in the browser that sent them no longer shows what was sent
        for client in [&fresh, &known] {
            for path in ["/survey/supply/review", "/survey/supply/step/1", "/survey/supply/done"] {
                let page = client.get(app.url(path)).send().await.expect("get").text().await.expect("t");
                assert!(
                    !page.contains("Datos Abiertos Andinos") && !page.contains("Transparencia Lab"),
                    "{engine:?} {path}"
                );
            }
            let state = client
                .get(app.url("/api/survey_state?kind=supply"))
                .send()
                .await
                .expect("state")
                .text()
                .await
                .expect("t");
            assert!(
                !state.contains("Lab") && !state.contains("Andinos") && !state.contains("example.org"),
                "{engine:?}: {state}"
            );
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn organisation_names_that_differ_only_by_spacing_case_or_invisible_characters_are_one_name() {
    for engine in engines() {
        let app = spawn(engine).await;
        // "Civic Data Commons" (United States) is in the demo and verified
        for lookalike in ["civic  data commons", "Civic Data\u{200B} Commons", " CIVIC DATA COMMONS\u{00AD}"] {
            let client = new_client();
            let mut steps = supply_answers("lookalike@example.org", "placeholder", "US");
            steps[0] = steps[0].iter().map(|&(n, v)| if n == "org_name" { (n, lookalike) } else { (n, v) }).collect();
            let res = answer_and_submit(&app, &client, &steps).await;
            assert_eq!(res, "/survey/supply/review", "{engine:?}: {lookalike:?} is refused as taken");
        }
        // the same name in another country is another organisation
        let client = new_client();
        assert_eq!(
            answer_and_submit(&app, &client, &supply_answers("other@example.org", "Civic Data Commons", "GH")).await,
            "/survey/supply/done?account=1",
            "{engine:?}"
        );
        app.stop().await;
    }
}
