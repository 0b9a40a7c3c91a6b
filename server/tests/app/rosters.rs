//! Rosters, provider profiles and outreach campaigns.

use crate::harness::*;

#[tokio::test]
async fn staff_find_a_new_provider_in_the_filtered_roster_and_export_the_filtered_list() {
    for engine in engines() {
        let app = spawn(engine).await;
        // a provider answers the survey
        let client = new_client();
        start_survey(&app, &client, "supply").await;
        for (i, answers) in SUPPLY_STEPS.iter().enumerate() {
            post_step(&app, &client, "supply", i + 1, answers, "next").await;
        }
        assert!(submit_survey(&app, &client, "supply").await.starts_with("/survey/supply/done"), "{engine:?}");

        let cm = new_client();
        sign_in_as(&app, &cm, "case.manager@demo.ogpnm.example").await;
        let page = |path: &'static str| {
            let cm = cm.clone();
            let url = app.url(path);
            async move {
                let res = cm.get(url).send().await.expect("get");
                (res.status(), res.text().await.expect("page"))
            }
        };
        let (status, filtered) = page("/roster/providers?area=fiscal_openness&language=fr").await;
        assert_eq!(status, StatusCode::OK, "{engine:?}");
        assert!(filtered.contains("Budget Ouvert Sahel"), "{engine:?}: the new provider is found");
        assert!(!filtered.contains("Civic Data Commons"), "{engine:?}: no French, no fiscal openness");
        assert!(filtered.contains("provider surveys started and not yet submitted"), "{engine:?}");
        let found: usize = filtered
            .split("id=\"roster-count\"")
            .nth(1)
            .and_then(|s| s.split('>').nth(1))
            .and_then(|s| s.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .expect("count");
        assert!(found >= 1, "{engine:?}");
        let (_, searched) = page("/roster/providers?q=citizens+BUDGETS").await;
        assert!(searched.contains("Budget Ouvert Sahel"), "{engine:?}: text search, any case");

        // the export holds exactly the filtered list
        let res = cm.get(app.url("/roster/providers.csv?area=fiscal_openness&language=fr")).send().await.expect("csv");
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        assert!(res.headers()[reqwest::header::CONTENT_TYPE].to_str().expect("ct").starts_with("text/csv"));
        assert!(res.headers()[reqwest::header::CONTENT_DISPOSITION].to_str().expect("cd").contains("attachment"));
        let csv = res.text().await.expect("csv");
        let mut lines = csv.trim_start_matches('\u{feff}').lines();
        let header = lines.next().expect("header");
        assert!(header.starts_with("Id,Organisation,Kind,Country"), "{header}");
        let rows: Vec<&str> = lines.collect();
        assert_eq!(rows.len(), found, "{engine:?}: one row per provider found");
        let row = rows.iter().find(|r| r.contains("Budget Ouvert Sahel")).expect("new provider exported");
        assert!(row.contains("Senegal") && row.contains("French") && row.contains("aicha.diallo@example.org"), "{row}");

        // bad input: a value that does not exist, a page past the end
        let (status, body) = page("/roster/providers?area=open_data&language=klingon").await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{engine:?}");
        assert!(body.contains("klingon") && body.contains("Clear all filters"), "{engine:?}");
        let res = cm.get(app.url("/roster/providers.csv?cost=free")).send().await.expect("csv");
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "{engine:?}");
        let (status, body) = page("/roster/providers?page=99").await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{engine:?}");
        assert!(body.contains("There is no page 99"), "{engine:?}");

        // the requests roster
        let (_, requests) = page("/roster/requests?stage=implementing").await;
        assert!(requests.contains("Directorate of Public Procurement"), "{engine:?}");
        assert!(!requests.contains("National Treasury, Budget Transparency Office"), "{engine:?}: refining");

        // only staff see rosters
        let anonymous = new_client();
        let res = anonymous.get(app.url("/roster/providers.csv")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::SEE_OTHER, "{engine:?}");
        let provider = new_client();
        sign_in_as(&app, &provider, "provider@demo.ogpnm.example").await;
        let res = provider.get(app.url("/roster/providers")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");
        let res = provider.get(app.url("/roster/providers.csv")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn outreach_imports_a_list_invites_each_recipient_in_their_language_and_follows_them() {
    use app::i18n::{Locale, K};
    for engine in engines() {
        let app = spawn(engine).await;
        let staff = new_client();
        sign_in_as(&app, &staff, "case.manager@demo.ogpnm.example").await;
        let res =
            form_as(&app, &staff, "create_campaign", &[("name", "West Africa, spring round"), ("survey", "supply")])
                .await;
        let campaign = location(&res).trim_start_matches("/outreach/").to_string();
        assert!(!campaign.is_empty() && !campaign.contains('/'), "{engine:?}: {}", location(&res));

        let import = |csv: &'static str| {
            let staff = staff.clone();
            let url = app.url("/api/outreach_import");
            let campaign = campaign.clone();
            async move {
                let part = reqwest::multipart::Part::bytes(csv.as_bytes().to_vec()).file_name("contacts.csv");
                let form = reqwest::multipart::Form::new().text("campaign", campaign).part("file", part);
                staff
                    .post(url)
                    .header(reqwest::header::ACCEPT, "text/html")
                    .multipart(form)
                    .send()
                    .await
                    .expect("import")
            }
        };
        let res = import(
            "name,email,organisation,kind,country,language\n\
             Aminata Sow,aminata@ong-dakar.example,ONG Dakar Ouverte,ngo,SN,fr\n\
             Luis Rojas,luis.rojas@datos-claros.example,Datos Claros,ngo,Peru,es\n\
             Bad Row,not-an-email,Somewhere,ngo,SN,fr\n",
        )
        .await;
        assert!(location(&res).ends_with("#import-report"), "{engine:?}");
        let page_path = format!("/outreach/{campaign}");
        let page = staff.get(app.url(&page_path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("2 contacts added."), "{engine:?}");
        assert!(page.contains("Line 4:") && page.contains("not-an-email"), "{engine:?}: the bad line is reported");
        assert!(page.contains("Send invitations to 2 new contacts"), "{engine:?}");

        // invitations, each in its recipient's language, sent once
        let res = form_as(&app, &staff, "outreach_send", &[("campaign", &campaign), ("reminder", "false")]).await;
        assert!(location(&res).ends_with("?sent=2"), "{engine:?}: {}", location(&res));
        let res = form_as(&app, &staff, "outreach_send", &[("campaign", &campaign), ("reminder", "false")]).await;
        assert!(location(&res).ends_with("?sent=0"), "{engine:?}: nobody is invited twice");
        let french = decoded(&app.smtp.wait_for("aminata@ong-dakar.example", "/survey/invitation?t=").await);
        let spanish = decoded(&app.smtp.wait_for("luis.rojas@datos-claros.example", "/survey/invitation?t=").await);
        let greeting = |l: Locale, name: &str| {
            l.tf(K::MailInviteSupplyBody, &[("name", name)]).lines().next().expect("first line").to_string()
        };
        assert!(french.contains(&greeting(Locale::Fr, "Aminata Sow")), "{engine:?}: {french}");
        assert!(spanish.contains(&greeting(Locale::Es, "Luis Rojas")), "{engine:?}: {spanish}");

        // the recipient opens the survey: prefilled, in French, and the status moves
        let recipient = new_client();
        let open = link_in(&french, &app.url("/survey/invitation?t="));
        let token = open.split("t=").nth(1).expect("token").to_string();
        // following the link only shows the page that asks; starting is a form post
        let page = recipient.get(&open).send().await.expect("open").text().await.expect("page");
        assert!(page.contains("action=\"/api/outreach_accept\""), "{engine:?}");
        let page = staff.get(app.url(&page_path)).send().await.expect("get").text().await.expect("page");
        assert!(!page.contains("Opened the survey"), "{engine:?}: nothing recorded by a GET");
        let res = form_as(&app, &recipient, "outreach_accept", &[("t", &token)]).await;
        assert_eq!(location(&res), "/survey/supply/step/1", "{engine:?}");
        let res = new_client().get(app.url(&format!("/api/outreach_open?t={token}"))).send().await.expect("old link");
        assert_eq!(
            location(&res),
            format!("/survey/invitation?t={token}"),
            "{engine:?}: links sent before still lead there"
        );
        let step =
            recipient.get(app.url("/survey/supply/step/1")).send().await.expect("step").text().await.expect("page");
        assert!(step.contains("lang=\"fr\"") && step.contains("ONG Dakar Ouverte"), "{engine:?}");
        let page = staff.get(app.url(&page_path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("Opened the survey"), "{engine:?}");
        post_step(&app, &recipient, "supply", 1, &SUPPLY_STEPS[0][..3], "next").await;
        let page = staff.get(app.url(&page_path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("status-started"), "{engine:?}");

        // Luis unsubscribes: no reminder for him, ever, even when imported again
        let unsubscribe = link_in(&spanish, &app.url("/unsubscribe?t="));
        let token = unsubscribe.split("t=").nth(1).expect("token").to_string();
        let page = new_client().get(&unsubscribe).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("l••@datos-claros.example"), "{engine:?}");
        let res = form_as(&app, &new_client(), "unsubscribe", &[("t", &token)]).await;
        assert!(location(&res).contains("done=1"), "{engine:?}");
        let res = form_as(&app, &staff, "outreach_send", &[("campaign", &campaign), ("reminder", "true")]).await;
        assert!(location(&res).ends_with("?sent=1"), "{engine:?}: only Aminata is reminded");
        let res = form_as(&app, &staff, "outreach_send", &[("campaign", &campaign), ("reminder", "true")]).await;
        assert!(location(&res).ends_with("?sent=0"), "{engine:?}: one reminder only");
        app.smtp.wait_for("aminata@ong-dakar.example", "Rappel").await;
        let to_luis =
            app.smtp.received.lock().await.iter().filter(|m| m.contains("luis.rojas@datos-claros.example")).count();
        assert_eq!(to_luis, 1, "{engine:?}");
        import("name,email,organisation,kind,country,language\nLuis Rojas,LUIS.ROJAS@datos-claros.example,Datos Claros,ngo,PE,es\n")
            .await;
        let page = staff.get(app.url(&page_path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("asked not to receive our e-mails"), "{engine:?}");

        // a whole file refused: nothing imported, the reason shown
        import("nom,courriel\nA,a@b.example\n").await;
        let page = staff.get(app.url(&page_path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("Nothing was imported.") && page.contains("lacks the columns"), "{engine:?}");

        // steering reads outreach but does not run it
        let steering = new_client();
        sign_in_as(&app, &steering, "steering@demo.ogpnm.example").await;
        let res = form_as(&app, &steering, "outreach_send", &[("campaign", &campaign), ("reminder", "false")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");
        let res = steering.get(app.url(&page_path)).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_provider_sees_its_profile_history_confirms_it_and_gets_the_yearly_reminder() {
    use app::i18n::{Locale, K};
    for engine in engines() {
        let app = spawn(engine).await;
        let mut tx = app.db.write().begin().await.expect("begin");
        let org = app::db::organisations::id_by_name(&mut tx, "Civic Data Commons").await.expect("q").expect("org");
        drop(tx);
        let provider = new_client();
        sign_in_as(&app, &provider, "provider@demo.ogpnm.example").await;
        let path = format!("/roster/providers/{org}");
        let page = provider.get(app.url(&path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("Version history") && page.contains("First version."), "{engine:?}");

        // a second version, with one more language
        assert_eq!(start_survey(&app, &provider, "supply").await, "/survey/supply/review", "{engine:?}");
        let step3 = [
            ("assistance", "strategy_advice"),
            ("assistance", "data_tools"),
            ("cost_basis", "pro_bono"),
            ("delivery", "remote"),
            ("languages", "en"),
            ("languages", "es"),
            ("languages", "fr"),
        ];
        post_step(&app, &provider, "supply", 3, &step3, "next").await;
        submit_survey(&app, &provider, "supply").await;
        let page = provider.get(app.url(&path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("Changed answers:"), "{engine:?}");
        assert!(page.contains(Locale::En.t(K::SurveyQLanguages)), "{engine:?}");
        let staff = new_client();
        sign_in_as(&app, &staff, "case.manager@demo.ogpnm.example").await;
        let roster = staff.get(app.url("/roster/providers?language=fr&q=civic+data")).send().await.expect("get");
        assert!(roster.text().await.expect("page").contains("Civic Data Commons"), "{engine:?}: re-indexed");

        // confirm, withdraw (gone from the roster), list again
        let res = form_as(&app, &provider, "confirm_profile", &[("organisation_id", &org)]).await;
        assert!(location(&res).ends_with("?confirmed=1"), "{engine:?}");
        form_as(&app, &provider, "set_profile_listed", &[("organisation_id", &org), ("listed", "false")]).await;
        let roster = staff.get(app.url("/roster/providers?q=civic+data")).send().await.expect("get");
        assert!(!roster.text().await.expect("page").contains("Civic Data Commons"), "{engine:?}: withdrawn");
        form_as(&app, &provider, "set_profile_listed", &[("organisation_id", &org), ("listed", "true")]).await;

        // another organisation's member may not see it
        let other = new_client();
        sign_in_as(&app, &other, "focal.point@demo.ogpnm.example").await;
        let res = other.get(app.url(&path)).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");

        // a year later, one reminder per profile
        let mailer =
            app::mail::Mailer::new(Some(&app.smtp.url), "OGP NM <nm@test.example>", &app.base, app.site.path().into())
                .expect("mailer");
        let year = app::domain::roster::CONFIRM_EVERY_MS;
        let later = app::db::now_ms() + year + 60_000;
        let profiles: i64 = match app.db.read() {
            app::db::Db::Sqlite(p) => sqlx::query_scalar("SELECT COUNT(*) FROM provider_profiles").fetch_one(p).await,
            app::db::Db::Postgres(p) => sqlx::query_scalar("SELECT COUNT(*) FROM provider_profiles").fetch_one(p).await,
        }
        .expect("count");
        let sent = app::api::roster::send_profile_reminders(&app.db, &mailer, later).await.expect("reminders");
        assert_eq!(sent as i64, profiles, "{engine:?}");
        assert_eq!(app::api::roster::send_profile_reminders(&app.db, &mailer, later).await.expect("again"), 0);
        app::mail::deliver_due(&app.db, &mailer).await.expect("deliver");
        let mail = decoded(&app.smtp.wait_for("provider@demo.ogpnm.example", "still accurate").await);
        assert!(mail.contains(&path), "{engine:?}");
        app.stop().await;
    }
}
