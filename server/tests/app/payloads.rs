//! The payload sweep: markup typed into every field a visitor, a participant or a staff member
//! can write (survey answers, organisation and display names, case scope, next step, notes and
//! reasons, campaign names, contact lists, messages and their files' names, a browser's user
//! agent, search and filter values, the names of saved board views) is
//! read back on every page that shows it, as every audience, and must come back as text: no
//! element it describes exists in the parsed page, the page has one title, and the words are
//! there to read. `end2end/tests/payloads.spec.ts` proves the same pages still bring their islands
//! to life.

use crate::harness::*;
use app::model::CasePage;
use scraper::{Html, Selector};

/// Ends an attribute, a title, a textarea and a script, then tries a redirect, an element and a
/// same-origin form (inside another form a parser drops the nested `<form>` but keeps its
/// button, so the button is marked too).
const PAYLOAD: &str = r#""><meta http-equiv="refresh" content="0;url=https://evil.example/"></title></textarea></script><img id="x-inject" src="/x"><form action="/api/set_user_role" method="post"><button id="x-button">Continue</button></form>"#;
/// The same within a display name's 120 characters.
const SHORT: &str =
    r#""></title></textarea><meta http-equiv=refresh content=0;url=//evil.example><img id=x-inject src=/x>"#;

/// The same within a vocabulary label's 80 characters.
const LABEL: &str = r#""></title><img id=x-inject src=/x><meta http-equiv=refresh content=0>"#;

/// What a page must be, whatever was typed: markup stays text.
fn assert_inert(html: &str, what: &str, shows_payload: bool) {
    let doc = Html::parse_document(html);
    let count = |css: &str| doc.select(&Selector::parse(css).expect("selector")).count();
    assert_eq!(count("meta[http-equiv]"), 0, "{what}: an injected meta element");
    assert_eq!(count("#x-inject"), 0, "{what}: an injected element");
    assert_eq!(count("#x-button"), 0, "{what}: an injected button");
    assert_eq!(count("head title"), 1, "{what}: one title");
    assert_eq!(count("body title"), count("svg title"), "{what}: a title in the body only within a chart");
    assert_eq!(count("script:not([nonce])"), 0, "{what}: a script without the page's nonce");
    if shows_payload {
        let mut text: String = doc.root_element().text().collect();
        for input in doc.select(&Selector::parse("input[value]").expect("selector")) {
            text.push_str(input.value().attr("value").unwrap_or_default());
        }
        assert!(text.contains("x-inject"), "{what}: the typed words are shown as text");
    }
}

async fn page(client: &reqwest::Client, app: &TestApp, path: &str) -> String {
    let res = client.get(app.url(path)).send().await.expect("page");
    assert!(res.status().as_u16() < 500, "{path}: {}", res.status());
    res.text().await.expect("text")
}

/// Fills a survey with payloads wherever free text goes, leaving it ready to submit.
async fn answer_with_payloads(app: &TestApp, client: &reqwest::Client, kind: &str, steps: &[Vec<(&str, &str)>]) {
    start_survey(app, client, kind).await;
    for (i, answers) in steps.iter().enumerate() {
        let res = post_step(app, client, kind, i + 1, answers, "next").await;
        let next = if i + 1 == steps.len() {
            format!("/survey/{kind}/review")
        } else {
            format!("/survey/{kind}/step/{}", i + 2)
        };
        assert_eq!(location(&res), next, "{kind} step {}: every answer is taken", i + 1);
    }
}

async fn id_of(app: &TestApp, sql: &str, bind: &str) -> String {
    app::db_run!(app.db.read(), |pool| sqlx::query_scalar::<_, String>(sql).bind(bind).fetch_one(pool).await)
        .expect("id")
}

async fn case_version(app: &TestApp, cm: &reqwest::Client, id: &str) -> String {
    let page: CasePage =
        cm.get(app.url(&format!("/api/case_detail?id={id}"))).send().await.expect("get").json().await.expect("json");
    match page {
        CasePage::Staff(v) => v.summary.version.to_string(),
        CasePage::Government(_) => panic!("staff view expected"),
    }
}

#[tokio::test]
async fn markup_typed_anywhere_comes_back_as_text_on_every_page_for_every_audience() {
    for engine in engines() {
        let app = spawn(engine).await;
        // names and short answers are at most 200 characters
        let supply_org = format!("S{SHORT}");
        let demand_org = format!("D{SHORT}");

        // an anonymous provider and an anonymous government answer with payloads
        let provider = new_client();
        let supply: Vec<Vec<(&str, &str)>> = vec![
            vec![
                ("respondent_name", SHORT),
                ("respondent_email", "s.payload@example.org"),
                ("respondent_role", SHORT),
                ("org_name", &supply_org),
                ("org_kind", "ngo"),
                ("org_country", "SN"),
                ("org_description", PAYLOAD),
            ],
            vec![("areas.fiscal_openness", "expert"), ("past_work", PAYLOAD)],
            vec![
                ("assistance", "training"),
                ("cost_basis", "paid"),
                ("rate_range", SHORT),
                ("delivery", "remote"),
                ("languages", "fr"),
            ],
            vec![("regions", "africa_middle_east")],
            vec![
                ("capacity", "part_time"),
                ("reference_contacts", PAYLOAD),
                ("consent_listing", "yes"),
                ("consent_public", "yes"),
                ("consent_public_contact", "yes"),
            ],
        ];
        answer_with_payloads(&app, &provider, "supply", &supply).await;
        let government = new_client();
        let demand: Vec<Vec<(&str, &str)>> = vec![
            vec![
                ("country", "KE"),
                ("agency", &demand_org),
                ("respondent_name", SHORT),
                ("respondent_email", "d.payload@example.org"),
            ],
            vec![("areas", "fiscal_openness"), ("stage", "refining"), ("need", PAYLOAD), ("commitment_ref", SHORT)],
            vec![
                ("assistance", "strategy_advice"),
                ("languages", "en"),
                ("timeline", "next_months"),
                ("budget", "pro_bono_expected"),
                ("consent_share", "yes"),
            ],
        ];
        answer_with_payloads(&app, &government, "demand", &demand).await;
        for (client, kind, steps) in [(&provider, "supply", 5), (&government, "demand", 3)] {
            for step in 1..=steps {
                let html = page(client, &app, &format!("/survey/{kind}/step/{step}")).await;
                assert_inert(&html, &format!("{engine:?} respondent /survey/{kind}/step/{step}"), step <= 2);
            }
            let html = page(client, &app, &format!("/survey/{kind}/review")).await;
            assert_inert(&html, &format!("{engine:?} respondent review {kind}"), true);
            submit_survey(&app, client, kind).await;
        }
        let supply_id = id_of(&app, "SELECT id FROM organisations WHERE name = $1", &supply_org).await;
        let demand_id = id_of(&app, "SELECT id FROM organisations WHERE name = $1", &demand_org).await;
        let request_id = id_of(&app, "SELECT id FROM requests WHERE organisation_id = $1", &demand_id).await;
        let case_id = id_of(&app, "SELECT id FROM cases WHERE organisation_id = $1", &demand_id).await;

        // members of both, with markup for a display name and a browser's user agent
        let member = member_of(&app, &supply_org, "member.s@example.org").await;
        let res = form_as(&app, &member, "update_profile", &[("name", SHORT), ("locale", "en")]).await;
        assert_eq!(location(&res), "/account?saved=profile", "{engine:?}");
        let odd_browser = reqwest::Client::builder()
            .redirect(redirect::Policy::none())
            .cookie_store(true)
            .user_agent(PAYLOAD)
            .build()
            .expect("client");
        sign_in_as(&app, &odd_browser, "member.s@example.org").await;
        let minister = member_of(&app, &demand_org, "member.d@example.org").await;

        // the Case Manager works the case with payloads in every text
        let cm = new_client();
        sign_in_as(&app, &cm, "case.manager@demo.ogpnm.example").await;
        let me = account(&app, "case.manager@demo.ogpnm.example").await;
        let v = case_version(&app, &cm, &case_id).await;
        form_as(
            &app,
            &cm,
            "assign_case",
            &[("id", &case_id), ("version", &v), ("case_manager", &me.user_id), ("reason", PAYLOAD)],
        )
        .await;
        let v = case_version(&app, &cm, &case_id).await;
        form_as(
            &app,
            &cm,
            "move_case",
            &[("id", &case_id), ("version", &v), ("action", "scoping"), ("reason", PAYLOAD)],
        )
        .await;
        let v = case_version(&app, &cm, &case_id).await;
        let scope = reqwest::multipart::Form::new()
            .text("id", case_id.clone())
            .text("version", v)
            .text("areas", "fiscal_openness")
            .text("objectives", PAYLOAD)
            .text("deliverables", PAYLOAD);
        let res = cm.post(app.url("/api/write_scope")).multipart(scope).send().await.expect("scope");
        assert!(res.status().is_success() || res.status().is_redirection(), "{engine:?}: {}", res.status());
        let v = case_version(&app, &cm, &case_id).await;
        form_as(&app, &cm, "set_next_step", &[("id", &case_id), ("version", &v), ("next_step", PAYLOAD), ("due", "")])
            .await;
        form_as(&app, &cm, "add_case_note", &[("id", &case_id), ("kind", "internal"), ("body", PAYLOAD)]).await;
        let v = case_version(&app, &cm, &case_id).await;
        assert_ne!(v, "1", "{engine:?}: the case was worked");

        // an outreach campaign named with markup, with a contact list full of it
        let res = form_as(&app, &cm, "create_campaign", &[("name", SHORT), ("survey", "supply")]).await;
        let campaign = location(&res).trim_start_matches("/outreach/").to_string();
        assert!(!campaign.is_empty() && !campaign.contains('?'), "{engine:?}: {}", location(&res));
        let csv = format!(
            "name,email,organisation,kind,country,language\n\"{}\",contact@example.org,\"{}\",ngo,SN,fr\n",
            SHORT.replace('"', "\"\""),
            SHORT.replace('"', "\"\"")
        );
        let form = reqwest::multipart::Form::new()
            .text("campaign", campaign.clone())
            .part("file", reqwest::multipart::Part::bytes(csv.into_bytes()).file_name("contacts.csv"));
        cm.post(app.url("/api/outreach_import"))
            .header(reqwest::header::ACCEPT, "text/html")
            .multipart(form)
            .send()
            .await
            .expect("import");

        // the dialogue: a scoping conversation with the payload provider, its answer and messages
        let v = case_version(&app, &cm, &case_id).await;
        let intro = reqwest::multipart::Form::new()
            .text("id", case_id.clone())
            .text("version", v)
            .text("kind", "scoping")
            .text("provider", supply_id.clone())
            .text("with_government", "1")
            .text("note", PAYLOAD);
        let res = cm.post(app.url("/api/introduce")).multipart(intro).send().await.expect("introduce");
        assert!(res.status().is_success() || res.status().is_redirection(), "{engine:?}: {}", res.status());
        let intro_id = id_of(&app, "SELECT id FROM introductions WHERE case_id = $1", &case_id).await;
        let res = form_as(
            &app,
            &member,
            "answer_introduction",
            &[("id", &intro_id), ("organisation", &supply_id), ("answer", "accepted"), ("reason", SHORT)],
        )
        .await;
        assert!(!location(&res).is_empty(), "{engine:?}: answered");
        let intro_thread = id_of(&app, "SELECT id FROM threads WHERE introduction_id = $1", &intro_id).await;
        let gov_thread =
            id_of(&app, "SELECT id FROM threads WHERE case_id = $1 AND introduction_id IS NULL", &case_id).await;
        for (client, thread) in [(&member, &intro_thread), (&minister, &gov_thread), (&cm, &gov_thread)] {
            let res =
                form_as(&app, client, "post_message", &[("id", thread), ("key", "payload"), ("body", PAYLOAD)]).await;
            assert!(location(&res).starts_with("/threads/"), "{engine:?}: {}", location(&res));
        }
        // a file whose name is markup, shown to everyone in the thread
        let name = "<img id=x-inject src=x onerror=alert(1)>.png";
        let res = post_with_files(&app, &member, &intro_thread, "payload-file", "", &[(name, PNG)]).await;
        assert!(ok(&res), "{engine:?}: {}", res.status());

        // the end of the case: the government selects the payload provider; the terms, a story
        // and a follow-up answer are all markup (the stages between are set directly: their
        // pages were swept above)
        let set_stage = |stage: &'static str, outcome: Option<&'static str>| {
            let (app, case_id) = (&app, case_id.clone());
            async move {
                app::db_run!(app.db.write(), |pool| sqlx::query(
                    "UPDATE cases SET stage = $1, outcome = $2, version = version + 1 WHERE id = $3"
                )
                .bind(stage)
                .bind(outcome)
                .bind(&case_id)
                .execute(pool)
                .await
                .map(|_| ()))
                .expect("stage");
            }
        };
        set_stage("selection", None).await;
        let res = form_as(&app, &minister, "select_providers", &[("id", &case_id), ("provider", &supply_id)]).await;
        assert!(location(&res).ends_with("/agreement"), "{engine:?}: {}", location(&res));
        let terms: Vec<(&str, &str)> = vec![
            ("id", &case_id),
            ("objectives", PAYLOAD),
            ("deliverable_what", PAYLOAD),
            ("deliverable_due", "2027-02-01"),
            ("responsibility_party", SHORT),
            ("responsibility_duties", SHORT),
            ("cost", PAYLOAD),
            ("communication", PAYLOAD),
            ("starts", "2027-01-04"),
            ("ends", "2027-06-30"),
        ];
        let res = form_as(&app, &cm, "write_agreement", &terms).await;
        assert!(location(&res).ends_with("/agreement"), "{engine:?}: {}", location(&res));
        set_stage("closed", Some("successful")).await;
        let story = [("id", case_id.as_str()), ("title", SHORT), ("summary", SHORT), ("body", PAYLOAD)];
        let res = form_as(&app, &cm, "write_story", &story).await;
        assert!(location(&res).ends_with("/story"), "{engine:?}: {}", location(&res));
        let desk: app::model::StoryDesk = cm
            .get(app.url(&format!("/api/story_desk?id={case_id}")))
            .send()
            .await
            .expect("desk")
            .json()
            .await
            .expect("json");
        for client in [&cm, &minister, &member] {
            let mine: app::model::StoryDesk = client
                .get(app.url(&format!("/api/story_desk?id={case_id}")))
                .send()
                .await
                .expect("desk")
                .json()
                .await
                .expect("json");
            for party in &mine.approve_as {
                let fields =
                    [("id", case_id.as_str()), ("sha256", desk.sha256.as_str()), ("party", party), ("withdraw", "0")];
                assert!(ok(&form_as(&app, client, "consent_story", &fields).await), "{engine:?}");
            }
        }
        let story_id =
            id_of(&app, "SELECT id FROM stories WHERE case_id = $1 AND published_at IS NOT NULL", &case_id).await;
        {
            let mut tx = app.db.write().begin().await.expect("begin");
            app::db::followups::ask(&mut tx, &case_id, 3, &supply_id, app::db::now_ms()).await.expect("ask");
            tx.commit().await.expect("commit");
        }
        let answer = [
            ("case_id", case_id.as_str()),
            ("months", "3"),
            ("organisation", &supply_id),
            ("rating", "4"),
            ("comment", PAYLOAD),
        ];
        assert!(ok(&form_as(&app, &member, "answer_follow_up", &answer).await), "{engine:?}");
        let feed = page(&new_client(), &app, "/stories/feed.xml").await;
        assert!(!feed.contains("<img") && feed.contains("x-inject"), "{engine:?}: the feed escapes the story");

        // a saved view of the board, named with markup (within the name's 60 characters)
        let view_name = r#""></title><img id=x-inject src=/x><meta http-equiv=refresh>"#;
        let saved = form_as(&app, &cm, "save_board_view", &[("name", view_name), ("query", "overdue=1")]).await;
        assert!(ok(&saved), "{engine:?}: {}", saved.status());

        // a message through the contact form: name, organisation and message made of markup
        let short = r#""></title><img id=x-inject src=/x><meta http-equiv=refresh>"#;
        let fields = [
            ("name", short),
            ("email", "p.payload@example.org"),
            ("organisation", short),
            ("topic", "other"),
            ("message", PAYLOAD),
            ("website", ""),
        ];
        assert!(ok(&form_as(&app, &new_client(), "send_contact", &fields).await), "{engine:?}");
        let mail = app.smtp.wait_for("p.payload@example.org", "Subject").await;
        let conversation = link_in(&mail, &app.url("/contact/conversation?t=")).replace(&app.url(""), "");
        let enquiry_id = id_of(&app, "SELECT id FROM enquiries WHERE email = $1", "p.payload@example.org").await;

        // a tuning of the mechanism saved with a reason made of markup
        let steering = signed_in(&app, "steering@demo.ogpnm.example").await;
        let tuned = form_as(
            &app,
            &steering,
            "save_tuning",
            &[
                ("version", "0"),
                ("areas", "300"),
                ("assistance", "150"),
                ("languages", "150"),
                ("geography", "100"),
                ("cost", "100"),
                ("capacity", "50"),
                ("kind", "50"),
                ("window", "5"),
                ("reason", SHORT),
            ],
        )
        .await;
        assert!(ok(&tuned), "{engine:?}: {}", tuned.status());

        // every page that shows them, as every audience
        let admin = new_client();
        sign_in_as(&app, &admin, "admin@demo.ogpnm.example").await;

        // an issue area added with names made of markup (offered on every page of this process
        // until it is retired below: the registry of added values is shared)
        let area_key = format!("payload_area_{}", engine as u8);
        let added = form_as(
            &app,
            &admin,
            "add_vocabulary_value",
            &[
                ("kind", "issue_area"),
                ("key", &area_key),
                ("label_en", LABEL),
                ("label_fr", LABEL),
                ("label_es", LABEL),
            ],
        )
        .await;
        assert!(ok(&added), "{engine:?}: {}", added.status());
        let q = urlencoding(PAYLOAD);
        let visitor = new_client();
        let sweep: Vec<(&str, &reqwest::Client, String, bool)> = vec![
            ("admin", &admin, format!("/roster/providers?q={}", urlencoding("x-inject")), true),
            ("admin", &admin, format!("/roster/providers/{supply_id}"), true),
            ("admin", &admin, "/roster/requests".into(), true),
            ("admin", &admin, format!("/roster/requests/{request_id}"), true),
            ("admin", &admin, format!("/organisations/{supply_id}"), true),
            ("admin", &admin, format!("/organisations/{demand_id}"), true),
            ("admin", &admin, "/admin/users".into(), true),
            ("admin", &admin, format!("/admin/users?q={q}"), true),
            ("admin", &admin, "/admin/organisations".into(), true),
            ("admin", &admin, "/admin/audit".into(), false),
            ("admin", &admin, "/outreach".into(), true),
            ("admin", &admin, format!("/outreach/{campaign}"), true),
            ("admin", &admin, "/cases".into(), true),
            ("admin", &admin, format!("/cases/{case_id}"), true),
            ("admin", &admin, format!("/roster/providers?area={q}"), false),
            ("admin", &admin, format!("/cases?stage={q}"), false),
            ("case manager", &cm, "/cases".into(), true),
            ("case manager", &cm, "/board".into(), true),
            ("admin", &admin, "/board".into(), false),
            ("admin", &admin, format!("/board?area={q}&waiting={q}"), false),
            ("admin", &admin, "/oversight/cases?metric=opened".into(), true),
            ("admin", &admin, "/oversight".into(), false),
            ("admin", &admin, format!("/oversight?area={q}&to={q}"), false),
            ("admin", &admin, format!("/oversight/cases?metric={q}"), false),
            ("admin", &admin, "/oversight/gaps".into(), false),
            ("admin", &admin, "/oversight/tuning".into(), true),
            ("steering", &steering, format!("/oversight/tuning?preview=1&areas={q}"), false),
            ("case manager", &cm, format!("/cases/{case_id}"), true),
            ("government", &minister, "/cases".into(), true),
            ("government", &minister, format!("/cases/{case_id}"), true),
            ("government", &minister, format!("/organisations/{demand_id}"), true),
            ("government", &minister, "/survey/demand".into(), true),
            ("provider", &member, format!("/roster/providers/{supply_id}"), true),
            ("provider", &member, format!("/organisations/{supply_id}"), true),
            ("provider", &member, "/account".into(), true),
            ("provider", &odd_browser, "/account".into(), true),
            ("provider", &member, "/survey/supply".into(), true),
            ("case manager", &cm, format!("/threads/{gov_thread}"), true),
            ("case manager", &cm, format!("/threads/{intro_thread}"), false),
            ("case manager", &cm, "/inbox".into(), false),
            ("government", &minister, format!("/threads/{gov_thread}"), true),
            ("government", &minister, format!("/threads/{intro_thread}"), false),
            ("government", &minister, format!("/introductions/{intro_id}"), true),
            ("government", &minister, format!("/inbox?q={q}"), false),
            ("provider", &member, format!("/introductions/{intro_id}"), true),
            ("provider", &member, format!("/threads/{intro_thread}"), true),
            ("provider", &member, "/inbox".into(), false),
            ("government", &minister, format!("/cases/{case_id}/selection"), true),
            ("government", &minister, format!("/cases/{case_id}/agreement"), true),
            ("government", &minister, format!("/cases/{case_id}/story"), true),
            ("provider", &member, format!("/cases/{case_id}/agreement"), true),
            ("provider", &member, format!("/cases/{case_id}/story"), true),
            ("provider", &member, "/follow-ups".into(), true),
            ("case manager", &cm, format!("/cases/{case_id}/selection"), true),
            ("case manager", &cm, format!("/cases/{case_id}/agreement"), true),
            ("case manager", &cm, format!("/cases/{case_id}/story"), true),
            ("admin", &admin, format!("/cases/{case_id}/agreement"), true),
            ("anonymous", &visitor, "/stories".into(), true),
            ("anonymous", &visitor, format!("/stories/{story_id}"), true),
            ("anonymous", &visitor, format!("/stories?area={q}&region={q}"), false),
            ("anonymous", &visitor, format!("/directory?q={}", urlencoding("x-inject")), true),
            ("anonymous", &visitor, format!("/directory/{supply_id}"), true),
            ("anonymous", &visitor, format!("/directory?area={q}&q={q}"), false),
            ("anonymous", &visitor, "/numbers".into(), false),
            ("anonymous", &visitor, conversation.clone(), true),
            ("case manager", &cm, "/enquiries".into(), true),
            ("case manager", &cm, format!("/enquiries/{enquiry_id}"), true),
            ("anonymous", &visitor, format!("/contact?topic={q}"), false),
            ("anonymous", &visitor, "/open-data".into(), false),
            ("anonymous", &visitor, format!("/sign-in?next={q}"), false),
            ("anonymous", &visitor, format!("/survey/supply/resume?key={q}"), true),
            ("anonymous", &visitor, format!("/survey/invitation?t={q}"), true),
            ("anonymous", &visitor, format!("/sign-in/unlock?token={q}"), true),
            ("admin", &admin, "/admin/vocabulary".into(), true),
            ("anonymous", &visitor, "/".into(), true),
            ("anonymous", &visitor, "/directory".into(), true),
            ("anonymous", &visitor, format!("/directory?area={area_key}"), true),
            ("provider", &member, "/survey/supply/step/2".into(), false),
        ];
        for (who, client, path, shows) in sweep {
            let html = page(client, &app, &path).await;
            assert_inert(&html, &format!("{engine:?} {who} {path}"), shows);
        }
        // the scope's textareas hold exactly what was typed
        let html = page(&cm, &app, &format!("/cases/{case_id}")).await;
        let doc = Html::parse_document(&html);
        let objectives = doc.select(&Selector::parse("#scope-objectives").expect("selector")).next().expect("textarea");
        assert_eq!(objectives.text().collect::<String>(), PAYLOAD, "{engine:?}");
        // the markup-named area retired: no longer offered to the other tests' pages
        app::domain::vocabulary::register(&[app::domain::vocabulary::TermRecord {
            kind: app::domain::vocabulary::OpenKind::IssueArea,
            key: area_key.clone(),
            labels: [LABEL.into(), LABEL.into(), LABEL.into()],
            retired: true,
        }]);
        app.stop().await;
    }
}
