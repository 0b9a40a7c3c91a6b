//! The survey wizards: plain-form steps, autosave, new profile versions.

use crate::harness::*;

#[tokio::test]
async fn a_provider_completes_the_supply_survey_with_plain_forms_and_gets_a_profile_and_an_account() {
    for engine in engines() {
        let app = spawn(engine).await;
        let client = new_client();
        let page = app.get("/survey/supply").await.text().await.expect("intro");
        assert!(page.contains("action=\"/api/survey_start\""), "{engine:?}");
        assert_eq!(start_survey(&app, &client, "supply").await, "/survey/supply/step/1");

        // skipping ahead is sent back to the step reached
        let res = client.get(app.url("/survey/supply/step/3")).send().await.expect("get");
        let page = res.text().await.expect("page");
        assert!(!page.contains("name=\"cost_basis\""), "step 3 is not shown before step 1 is complete");

        // an incomplete step is stored, and shown again with its errors
        let res = post_step(&app, &client, "supply", 1, &SUPPLY_STEPS[0][..3], "next").await;
        assert_eq!(location(&res), "/survey/supply/step/1?check=1#errors", "{engine:?}");
        let page =
            client.get(app.url("/survey/supply/step/1?check=1")).send().await.expect("get").text().await.expect("t");
        assert!(page.contains("class=\"error-summary\"") && page.contains("This answer is required."), "{engine:?}");
        assert!(page.contains("value=\"Budget Ouvert Sahel\""), "what was typed is kept");

        // a forged option is refused whole and changes nothing
        let res = post_step(&app, &client, "supply", 1, &[("org_kind", "secret_society")], "next").await;
        assert_eq!(location(&res), "/survey/supply/step/1");
        let page = client.get(app.url("/survey/supply/step/1")).send().await.expect("get").text().await.expect("t");
        assert!(page.contains("This option is not one of the choices."), "{engine:?}");
        assert!(page.contains("value=\"Budget Ouvert Sahel\""), "the stored answers are untouched");

        for (i, answers) in SUPPLY_STEPS.iter().enumerate() {
            let res = post_step(&app, &client, "supply", i + 1, answers, "next").await;
            let expected = if i + 1 < SUPPLY_STEPS.len() {
                format!("/survey/supply/step/{}", i + 2)
            } else {
                "/survey/supply/review".into()
            };
            assert_eq!(location(&res), expected, "{engine:?} step {}", i + 1);
        }
        // back keeps the answers and goes one step back
        let res = post_step(&app, &client, "supply", 3, SUPPLY_STEPS[2], "back").await;
        assert_eq!(location(&res), "/survey/supply/step/2");

        let review = client.get(app.url("/survey/supply/review")).send().await.expect("get").text().await.expect("t");
        for shown in
            ["Budget Ouvert Sahel", "Senegal", "Fiscal openness", "300 to 400 EUR a day", "https://b.example.org"]
        {
            assert!(review.contains(shown), "{engine:?}: review lacks {shown}");
        }
        let draft = field_value(&review, "draft");
        assert_eq!(submit_draft(&app, &client, "supply", &draft).await, "/survey/supply/done?account=1", "{engine:?}");
        assert_eq!(
            submit_draft(&app, &client, "supply", &draft).await,
            "/survey/supply/done?account=1",
            "submitting twice is answered like the first time"
        );

        let mut tx = app.db.write().begin().await.expect("begin");
        let org =
            app::db::organisations::id_by_name(&mut tx, "Budget Ouvert Sahel").await.expect("q").expect("org created");
        drop(tx);
        let versions = app::db::surveys::profile_versions(app.db.read(), &org).await.expect("versions");
        assert_eq!(versions.len(), 1, "{engine:?}: one profile version");
        let answers = &versions[0].answers;
        assert_eq!(answers.values("areas"), ["fiscal_openness:expert", "citizen_participation:experienced"]);
        assert_eq!(answers.values("languages"), ["fr", "en"]);
        assert_eq!(answers.first("rate_range"), "300 to 400 EUR a day");
        assert_eq!(answers.values("references"), ["https://a.example.org/report", "https://b.example.org"]);
        assert_eq!(answers.first("consent_listing"), "yes");
        let user = account(&app, "aicha.diallo@example.org").await;
        assert_eq!(user.name, "Aïcha Diallo");
        let mail = app.smtp.wait_for("aicha.diallo@example.org", "/reset-password?token=").await;
        assert!(mail.contains("Offer expertise"), "{mail}");
        let done =
            client.get(app.url("/survey/supply/done?account=1")).send().await.expect("get").text().await.expect("t");
        assert!(done.contains("aicha.diallo@example.org"));

        // naming an organisation already listed does not take it over
        let intruder = new_client();
        start_survey(&app, &intruder, "supply").await;
        for (i, answers) in SUPPLY_STEPS.iter().enumerate() {
            let answers: Vec<(&str, &str)> = answers
                .iter()
                .map(|(k, v)| if *k == "respondent_email" { (*k, "someone.else@example.org") } else { (*k, *v) })
                .collect();
            post_step(&app, &intruder, "supply", i + 1, &answers, "next").await;
        }
        assert_eq!(submit_survey(&app, &intruder, "supply").await, "/survey/supply/review", "{engine:?}");
        let review = intruder.get(app.url("/survey/supply/review")).send().await.expect("get").text().await.expect("t");
        assert!(review.contains("already registered in this country"), "{engine:?}");
        assert_eq!(app::db::surveys::profile_versions(app.db.read(), &org).await.expect("versions").len(), 1);
        assert!(app::db::users::find_by_email(app.db.read(), "someone.else@example.org").await.expect("q").is_none());
        app.stop().await;
    }
}

#[tokio::test]
async fn autosaves_are_sequenced_idempotent_and_refuse_forged_input_without_changing_anything() {
    for engine in engines() {
        let app = spawn(engine).await;
        let client = new_client();
        start_survey(&app, &client, "demand").await;
        let page = client.get(app.url("/survey/demand/step/1")).send().await.expect("get").text().await.expect("t");
        let draft = field_value(&page, "draft");
        let government = [
            ("country", "KE"),
            ("agency", "Ministry of ICT"),
            ("respondent_name", "Wanjiru Kamau"),
            ("respondent_email", "w.kamau@example.org"),
        ];
        let saved = |seq: i64| serde_json::json!({ "Saved": { "seq": seq } });
        let stale = |seq: i64| serde_json::json!({ "Stale": { "seq": seq } });
        assert_eq!(
            autosave(&app, &client, &draft, 1, 1, "key-0001", &government[..1]).await,
            (StatusCode::OK, saved(1))
        );
        // a replay of the same save: answered, not applied again
        assert_eq!(
            autosave(&app, &client, &draft, 1, 1, "key-0001", &government[..1]).await,
            (StatusCode::OK, saved(1))
        );
        assert_eq!(autosave(&app, &client, &draft, 1, 3, "key-0003", &government).await, (StatusCode::OK, saved(3)));
        // a stale tab (older number, new key) is refused and changes nothing
        let (status, body) = autosave(&app, &client, &draft, 1, 2, "key-0002", &[("country", "UG")]).await;
        assert_eq!((status, body), (StatusCode::OK, stale(3)), "{engine:?}");
        // forged input: unknown country, oversized text, a step not reached, a malformed key
        let long = "x".repeat(5000);
        for (step, fields, what) in [
            (1, vec![("country", "XX")], "unknown country"),
            (1, vec![("agency", long.as_str())], "oversized text"),
            (3, vec![("budget", "funded")], "a step not reached"),
        ] {
            let (status, _) = autosave(&app, &client, &draft, step, 9, "key-0009", &fields).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}: {what}");
        }
        let (status, _) = autosave(&app, &client, &draft, 1, 9, "k", &government).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a malformed idempotency key");
        // another browser cannot write to this draft
        let (status, _) = autosave(&app, &new_client(), &draft, 1, 10, "key-0010", &government).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{engine:?}");

        let page = client.get(app.url("/survey/demand/step/1")).send().await.expect("get").text().await.expect("t");
        assert_eq!(field_value(&page, "seq"), "4", "{engine:?}: the next save must carry 4");
        assert!(page.contains("value=\"Ministry of ICT\"") && page.contains("value=\"KE\" selected"), "{engine:?}");

        // continue on another device through an e-mailed link
        let res = client
            .post(app.url("/api/survey_resume_link"))
            .header(reqwest::header::ACCEPT, "text/html")
            .header(reqwest::header::REFERER, app.url("/survey/demand/step/1"))
            .form(&[("kind", "demand")])
            .send()
            .await
            .expect("resume link");
        assert_eq!(location(&res), "/survey/demand/step/1?sent=1");
        let mail = app.smtp.wait_for("w.kamau@example.org", "/survey/demand/resume?key=").await;
        let link = link_in(&mail, "http");
        let key = link.split("key=").nth(1).expect("key").to_string();
        let other = new_client();
        // following the link changes nothing: the page asks first
        let res = other.get(&link).send().await.expect("resume");
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        let page = res.text().await.expect("page");
        assert!(page.contains("action=\"/api/survey_resume_confirm\"") && page.contains(&key), "{engine:?}");
        assert!(!page.contains("Ministry of ICT"), "{engine:?}: the link alone shows no answers");
        let page = other.get(app.url("/survey/demand/step/1")).send().await.expect("get").text().await.expect("t");
        assert!(!page.contains("Ministry of ICT"), "{engine:?}: nor does it open the draft");
        let res = form_as(&app, &other, "survey_resume_confirm", &[("kind", "demand"), ("key", &key)]).await;
        assert_eq!(location(&res), "/survey/demand/step/1", "{engine:?}");
        let page = other.get(app.url("/survey/demand/step/1")).send().await.expect("get").text().await.expect("t");
        assert!(page.contains("value=\"Ministry of ICT\""), "{engine:?}: the other device sees the answers");
        let res = form_as(&app, &new_client(), "survey_resume_confirm", &[("kind", "demand"), ("key", "forged")]).await;
        assert_eq!(location(&res), "/survey/demand?expired=1");
        // links sent before the page existed lead to it, changing nothing either
        let res =
            new_client().get(app.url(&format!("/api/survey_resume?kind=demand&key={key}"))).send().await.expect("get");
        assert_eq!(location(&res), format!("/survey/demand/resume?key={key}"));

        // the other device completes the request with plain forms
        let res = post_step(&app, &other, "demand", 1, &government, "next").await;
        assert_eq!(location(&res), "/survey/demand/step/2", "{engine:?}");
        let need = [
            ("areas", "fiscal_openness"),
            ("areas", "open_data"),
            ("stage", "refining"),
            ("need", "We want county budgets published in one open format."),
        ];
        assert_eq!(location(&post_step(&app, &other, "demand", 2, &need, "next").await), "/survey/demand/step/3");
        let assistance = [
            ("assistance", "strategy_advice"),
            ("languages", "en"),
            ("languages", "sw"),
            ("timeline", "next_months"),
            ("budget", "pro_bono_expected"),
            ("consent_share", "yes"),
        ];
        assert_eq!(location(&post_step(&app, &other, "demand", 3, &assistance, "next").await), "/survey/demand/review");
        assert_eq!(submit_survey(&app, &other, "demand").await, "/survey/demand/done?account=1", "{engine:?}");
        // the first browser's stale tab cannot change the submitted draft: it belongs to the
        // account the submission created now, and the key no longer opens it
        let (status, _) = autosave(&app, &client, &draft, 1, 50, "key-0050", &[("country", "UG")]).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{engine:?}");
        let mut tx = app.db.write().begin().await.expect("begin");
        let org = app::db::organisations::id_by_name(&mut tx, "Ministry of ICT").await.expect("q").expect("government");
        drop(tx);
        let requests = app::db::surveys::requests_of(app.db.read(), &[org]).await.expect("requests");
        assert_eq!(requests.len(), 1);
        let request = &requests[0];
        let (status, answers) = (&request.status, &request.answers);
        assert_eq!(status, "submitted");
        assert_eq!(answers.first("country"), "KE");
        assert_eq!(answers.values("areas"), ["fiscal_openness", "open_data"]);
        assert_eq!(answers.values("languages"), ["en", "sw"]);
        assert_eq!(answers.first("need"), "We want county budgets published in one open format.");
        // the request opened its case, at Intake, with the opening on its timeline
        let case = app::db::cases::of_request(app.db.read(), &requests[0].id).await.expect("q").expect("a case");
        assert_eq!((case.stage, case.version), (app::domain::case::CaseStage::Intake, 1), "{engine:?}");
        let timeline = app::db::cases::timeline(app.db.read(), &case.id).await.expect("timeline");
        assert_eq!(timeline.iter().map(|e| e.change.kind().key()).collect::<Vec<_>>(), ["opened"], "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_signed_in_provider_updates_their_profile_as_a_new_version() {
    for engine in engines() {
        let app = spawn(engine).await;
        let client = new_client();
        sign_in_as(&app, &client, "provider@demo.ogpnm.example").await;
        let intro = client.get(app.url("/survey/supply")).send().await.expect("get").text().await.expect("t");
        assert!(
            intro.contains("Civic Data Commons") && intro.contains("Version 1"),
            "{engine:?}: the current profile is shown"
        );
        assert_eq!(
            start_survey(&app, &client, "supply").await,
            "/survey/supply/review",
            "a complete profile opens on review"
        );
        let page = client.get(app.url("/survey/supply/step/1")).send().await.expect("get").text().await.expect("t");
        assert!(page.contains("value=\"Civic Data Commons\""), "{engine:?}: prefilled from the current profile");
        assert!(!page.contains("name=\"respondent_email\""), "the account's e-mail is not asked again");
        // every step as prefilled, except a new example of past work
        for step in 1..=5 {
            let res = if step == 2 {
                post_step(
                    &app,
                    &client,
                    "supply",
                    step,
                    &[("areas.open_data", "expert"), ("past_work", "A new example of our work.")],
                    "next",
                )
                .await
            } else {
                post_prefilled(&app, &client, step).await
            };
            assert!(location(&res).starts_with("/survey/supply/"), "{engine:?} step {step}: {}", location(&res));
            assert!(!location(&res).contains("check"), "{engine:?} step {step}: {}", location(&res));
        }
        assert_eq!(submit_survey(&app, &client, "supply").await, "/survey/supply/done", "{engine:?}");
        let mut tx = app.db.write().begin().await.expect("begin");
        let org = app::db::organisations::id_by_name(&mut tx, "Civic Data Commons").await.expect("q").expect("org");
        drop(tx);
        let versions = app::db::surveys::profile_versions(app.db.read(), &org).await.expect("versions");
        assert_eq!(versions.len(), 2, "{engine:?}: the first version is kept");
        assert_eq!(versions[1].answers.first("past_work"), "A new example of our work.");
        assert_eq!(versions[1].answers.values("areas"), ["open_data:expert"]);
        assert_eq!(versions[1].answers.first("respondent_email"), "provider@demo.ogpnm.example");
        assert_ne!(versions[0].answers.first("past_work"), versions[1].answers.first("past_work"));
        app.stop().await;
    }
}
