//! Introductions, threads, the inbox and notifications, over HTTP as the pages' forms post them.

use crate::harness::*;
use app::domain::introductions::IntroStatus;

const GOVERNMENT: &str = "Ministry of Environment, Climate Information Directorate";
const PROVIDER_A: &str = "Institute for Governance Studies, National University (demo)";
const PROVIDER_B: &str = "GeoMaps Cooperative";

async fn org(app: &TestApp, name: &str) -> String {
    let mut tx = app.db.write().begin().await.expect("begin");
    app::db::organisations::id_by_name(&mut tx, name).await.expect("q").expect("org")
}

async fn the_case(app: &TestApp) -> app::db::cases::Case {
    let gov = org(app, GOVERNMENT).await;
    app::db::cases::of_organisation(app.db.read(), &gov).await.expect("q").remove(0).case
}

/// Posts the case page's introduce form (multipart) as `client`.
async fn introduce(app: &TestApp, client: &reqwest::Client, providers: &[&str], note: &str) -> reqwest::Response {
    use reqwest::header::{ACCEPT, REFERER};
    let case = the_case(app).await;
    let mut form = reqwest::multipart::Form::new()
        .text("id", case.id.clone())
        .text("version", case.version.to_string())
        .text("kind", "engagement")
        .text("with_government", "1")
        .text("note", note.to_string());
    for p in providers {
        form = form.text("provider", org(app, p).await);
    }
    client
        .post(app.url("/api/introduce"))
        .header(ACCEPT, "text/html")
        .header(REFERER, app.url(&format!("/cases/{}", case.id)))
        .multipart(form)
        .send()
        .await
        .expect("introduce")
}

async fn intros(app: &TestApp) -> Vec<app::db::introductions::Introduction> {
    app::db::introductions::of_case(app.db.read(), &the_case(app).await.id).await.expect("intros")
}

async fn get_json<T: serde::de::DeserializeOwned>(
    app: &TestApp,
    client: &reqwest::Client,
    path: &str,
) -> (StatusCode, Option<T>) {
    let res = client.get(app.url(path)).send().await.expect("get");
    let status = res.status();
    (status, if status.is_success() { Some(res.json().await.expect("json")) } else { None })
}

#[tokio::test]
async fn an_introduction_is_answered_opens_a_thread_and_only_its_parties_talk_in_it() {
    for engine in engines() {
        let app = spawn(engine).await;
        let cm = new_client();
        sign_in_as(&app, &cm, "case.manager2@demo.ogpnm.example").await;
        let gov = member_of(&app, GOVERNMENT, "climate@gov.example").await;
        let a = member_of(&app, PROVIDER_A, "a@provider.example").await;
        let b = member_of(&app, PROVIDER_B, "b@provider.example").await;

        // a note is required: refused, nothing stored, the case stays in Matching
        let res = introduce(&app, &cm, &[PROVIDER_A], "  ").await;
        assert!(location(&res).contains("#introductions"), "{engine:?}");
        assert!(intros(&app).await.is_empty());
        assert_eq!(the_case(&app).await.stage, app::domain::case::CaseStage::Matching);
        // one introduction each: the first moves the case to Introductions
        assert!(ok(&introduce(&app, &cm, &[PROVIDER_A], "Research on participation in Latin America.").await));
        assert!(ok(&introduce(&app, &cm, &[PROVIDER_B], "Maps of concessions with local partners.").await));
        let made = intros(&app).await;
        assert_eq!(made.len(), 2, "{engine:?}");
        assert_eq!(the_case(&app).await.stage, app::domain::case::CaseStage::Introductions);
        let (intro_a, intro_b) = (made[0].id.clone(), made[1].id.clone());
        // each provider is told, in its own mail; the government hears of both
        app.smtp.wait_for("a@provider.example", "introduced").await;
        app.smtp.wait_for("b@provider.example", "introduced").await;
        app.smtp.wait_for("climate@gov.example", "You have been introduced").await;
        assert!(!app
            .smtp
            .received
            .lock()
            .await
            .iter()
            .any(|m| m.contains("a@provider.example") && m.contains("b@provider.example")));

        // provider B cannot read A's introduction: as if it did not exist
        let (status, _) =
            get_json::<app::model::IntroductionPage>(&app, &b, &format!("/api/introduction_detail?id={intro_a}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{engine:?}");
        let (_, page) =
            get_json::<app::model::IntroductionPage>(&app, &a, &format!("/api/introduction_detail?id={intro_a}")).await;
        let page = page.expect("A reads its introduction");
        assert_eq!(page.answer_for.len(), 1);
        assert!(page.parties.iter().all(|p| p.name == PROVIDER_A), "no other provider named");

        // B declines: a reason is needed; then declined, and a second answer changes nothing
        let b_org = org(&app, PROVIDER_B).await;
        let answer = |client: &reqwest::Client, id: &str, org: &str, answer: &str, reason: &str| {
            let (client, id, org, answer, reason) =
                (client.clone(), id.to_string(), org.to_string(), answer.to_string(), reason.to_string());
            let app = &app;
            async move {
                post_form(
                    app,
                    &client,
                    "answer_introduction",
                    &[("id", &id), ("organisation", &org), ("answer", &answer), ("reason", &reason)],
                )
                .await
            }
        };
        assert_eq!(answer(&b, &intro_b, &b_org, "declined", "").await.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(ok(&answer(&b, &intro_b, &b_org, "declined", "Busy with elections until June.").await));
        assert!(answer(&b, &intro_b, &b_org, "accepted", "").await.status().is_client_error(), "answered twice");
        // B cannot answer for A
        let a_org = org(&app, PROVIDER_A).await;
        assert!(answer(&b, &intro_a, &a_org, "accepted", "").await.status().is_client_error());
        assert!(ok(&answer(&a, &intro_a, &a_org, "accepted", "").await));
        let now = intros(&app).await;
        assert_eq!((now[0].status, now[1].status), (IntroStatus::Accepted, IntroStatus::Declined), "{engine:?}");
        app.smtp.wait_for("climate@gov.example", "declined the introduction").await;

        // the accepted introduction's thread: A, the government and the Case Manager
        let thread = app::db::threads::of_introduction(app.db.read(), &intro_a).await.expect("q").expect("a thread");
        let post = |client: &reqwest::Client, key: &str, body: &str| {
            let (client, key, body, thread) = (client.clone(), key.to_string(), body.to_string(), thread.clone());
            let app = &app;
            async move { post_form(app, &client, "post_message", &[("id", &thread), ("key", &key), ("body", &body)]).await }
        };
        let payload = "Hello <script>alert(1)</script> **there** [x](javascript:alert(1))";
        assert!(ok(&post(&a, "k-1", payload).await));
        assert!(ok(&post(&a, "k-1", payload).await), "a retry is the same message");
        assert!(ok(&post(&gov, "k-1", "Welcome, and thank you.").await), "keys are per author");
        let (_, view) = get_json::<app::model::ThreadView>(&app, &cm, &format!("/api/thread_detail?id={thread}")).await;
        let view = view.expect("the Case Manager reads it");
        assert_eq!(view.messages.len(), 2, "{engine:?}: no duplicate");
        let html = view.messages[0].html.to_lowercase();
        assert!(
            html.contains("<strong>there</strong>") && !html.contains("<script") && !html.contains("javascript:"),
            "{html}"
        );
        // B sees nothing of it: not the thread, not a post, not in its inbox or search
        let (status, _) =
            get_json::<app::model::ThreadView>(&app, &b, &format!("/api/thread_detail?id={thread}")).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert_eq!(post(&b, "k-9", "let me in").await.status(), StatusCode::NOT_FOUND);
        let (_, inbox) = get_json::<app::model::InboxView>(&app, &b, "/api/inbox?q=there").await;
        assert!(inbox.expect("inbox").threads.is_empty(), "{engine:?}");
        let (_, inbox) = get_json::<app::model::InboxView>(&app, &gov, "/api/inbox?q=THERE").await;
        assert_eq!(inbox.expect("inbox").threads.len(), 1, "{engine:?}: search finds the thread");
        // the Case Manager takes part in every thread of their cases, and finds by two words
        let (_, inbox) = get_json::<app::model::InboxView>(&app, &cm, "/api/inbox?q=").await;
        assert!(inbox.expect("inbox").threads.iter().any(|t| t.id == thread), "{engine:?}: the Case Manager's inbox");
        let (_, inbox) = get_json::<app::model::InboxView>(&app, &cm, "/api/inbox?q=welcome+thank").await;
        assert_eq!(inbox.expect("inbox").threads.len(), 1, "{engine:?}: two words");

        // unread counts: A has the government's answer to read, until it opens the thread
        let (_, unread) = get_json::<app::model::Unread>(&app, &a, "/api/unread_counts").await;
        assert_eq!(unread.expect("counts").messages, 1, "{engine:?}");
        let _ = get_json::<app::model::ThreadView>(&app, &a, &format!("/api/thread_detail?id={thread}")).await;
        let (_, unread) = get_json::<app::model::Unread>(&app, &a, "/api/unread_counts").await;
        assert_eq!(unread.expect("counts").messages, 0, "{engine:?}");

        // the Case Manager removes A: A may no longer read or post
        let a_participant = view.participants.iter().find(|p| p.name == PROVIDER_A).expect("A takes part").id.clone();
        assert!(ok(&post_form(
            &app,
            &cm,
            "remove_thread_participant",
            &[("id", &thread), ("participant", &a_participant)]
        )
        .await));
        assert_eq!(post(&a, "k-2", "still here?").await.status(), StatusCode::NOT_FOUND, "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn with_approval_on_nobody_is_told_until_the_steering_committee_approves() {
    for engine in engines() {
        let app = spawn_setup(engine, Setup { intro_approval: true, ..Setup::default() }).await;
        let cm = new_client();
        sign_in_as(&app, &cm, "case.manager2@demo.ogpnm.example").await;
        let _a = member_of(&app, PROVIDER_A, "a@provider.example").await;
        assert!(ok(&introduce(&app, &cm, &[PROVIDER_A], "Research on participation.").await));
        let intro = intros(&app).await.remove(0);
        assert_eq!(intro.status, IntroStatus::AwaitingApproval, "{engine:?}");
        app.smtp.wait_for("steering@demo.ogpnm.example", "approval").await;
        assert!(!app.smtp.received.lock().await.iter().any(|m| m.contains("a@provider.example")));
        // the Case Manager cannot approve their own introduction; steering can, once
        let res = post_form(&app, &cm, "approve_introduction", &[("id", &intro.id)]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN);
        let steering = new_client();
        sign_in_as(&app, &steering, "steering@demo.ogpnm.example").await;
        assert!(ok(&post_form(&app, &steering, "approve_introduction", &[("id", &intro.id)]).await));
        assert!(post_form(&app, &steering, "approve_introduction", &[("id", &intro.id)])
            .await
            .status()
            .is_client_error());
        assert_eq!(intros(&app).await[0].status, IntroStatus::Waiting);
        app.smtp.wait_for("a@provider.example", "introduced").await;
        app.stop().await;
    }
}

#[tokio::test]
async fn a_provider_is_reminded_before_its_window_closes_and_the_case_manager_told_when_it_lapses() {
    for engine in engines() {
        let app = spawn(engine).await;
        let cm = new_client();
        sign_in_as(&app, &cm, "case.manager2@demo.ogpnm.example").await;
        let _a = member_of(&app, PROVIDER_A, "a@provider.example").await;
        assert!(ok(&introduce(&app, &cm, &[PROVIDER_A], "Research on participation.").await));
        let intro = intros(&app).await.remove(0);
        let by = intro.respond_by.expect("a window");
        let sweep = |now: i64| {
            let app = &app;
            async move {
                app::api::introductions::sweep_introductions(&app.db, &app.mailer, &app.events, now)
                    .await
                    .expect("sweep")
            }
        };
        assert_eq!(sweep(by - 3 * 86_400_000).await.reminded, 0, "too early");
        assert_eq!(sweep(by - 3_600_000).await.reminded, 1, "{engine:?}");
        assert_eq!(sweep(by - 1_800_000).await.reminded, 0, "once");
        app.smtp.wait_for("a@provider.example", "Reminder").await;
        assert_eq!(sweep(by + 1).await.lapsed, 1, "{engine:?}");
        assert_eq!(intros(&app).await[0].status, IntroStatus::Lapsed);
        app.smtp.wait_for("case.manager2@demo.ogpnm.example", "lapsed").await;
        // answering a lapsed introduction is refused and changes nothing
        let a_org = org(&app, PROVIDER_A).await;
        let a = new_client();
        sign_in_as(&app, &a, "a@provider.example").await;
        let res = post_form(
            &app,
            &a,
            "answer_introduction",
            &[("id", &intro.id), ("organisation", &a_org), ("answer", "accepted"), ("reason", "")],
        )
        .await;
        assert!(res.status().is_client_error(), "{engine:?}");
        assert_eq!(intros(&app).await[0].status, IntroStatus::Lapsed);
        app.stop().await;
    }
}

#[tokio::test]
async fn unread_messages_become_one_digest_each_as_its_reader_chose() {
    for engine in engines() {
        let app = spawn(engine).await;
        // the demo's conversation in the Ministry of Finance's thread: its member has unread messages
        let finance = account(&app, "finance.ministry@demo.ogpnm.example").await;
        let cm = new_client();
        sign_in_as(&app, &cm, "case.manager@demo.ogpnm.example").await;
        let gov = org(&app, "Ministry of Finance, Fiscal Transparency Unit").await;
        let case = app::db::cases::of_organisation(app.db.read(), &gov).await.expect("q").remove(0).case;
        let thread = app::db::threads::of_case(app.db.read(), &case.id).await.expect("q").remove(0).id;
        let delay = 15 * 60_000;
        let digests = |now: i64| {
            let app = &app;
            async move { app::api::threads::send_digests(&app.db, &app.mailer, now, delay).await.expect("digests") }
        };
        // the demo's older unread messages go first
        digests(app::db::now_ms()).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let mailed = |from: usize| {
            let app = &app;
            let to = finance.email.clone();
            async move {
                for _ in 0..50 {
                    let found = app.smtp.received.lock().await.iter().skip(from).find(|m| m.contains(&to)).cloned();
                    if found.is_some() {
                        return found;
                    }
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                None
            }
        };
        for (key, body) in
            [("d-1", "The revised scope is on your page."), ("d-2", "It adds the training of two IT staff.")]
        {
            assert!(ok(&post_form(&app, &cm, "post_message", &[("id", &thread), ("key", key), ("body", body)]).await));
        }
        let now = app::db::now_ms();
        assert_eq!(digests(now).await, 0, "{engine:?}: messages wait the delay unread first");
        let before = app.smtp.received.lock().await.len();
        assert!(digests(now + delay).await >= 1, "{engine:?}");
        let mail = mailed(before).await.expect("a digest");
        let text = decoded(&mail);
        assert!(text.contains("unread message") && text.contains("/threads/"), "{text}");
        assert!(text.contains("Ministry of Finance, Fiscal Transparency Unit"), "{text}");
        assert!(!text.contains("training of two IT staff"), "a digest names the conversation, not the message");
        // nothing is mailed twice
        let before = app.smtp.received.lock().await.len();
        digests(now + 2 * delay).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let again = app.smtp.received.lock().await.iter().skip(before).any(|m| m.contains(&finance.email));
        assert!(!again, "{engine:?}: the same messages are not mailed again");
        // off: a new message is not mailed; what needs an action still is
        let me = new_client();
        sign_in_as(&app, &me, "finance.ministry@demo.ogpnm.example").await;
        assert!(ok(&post_form(&app, &me, "set_message_mail", &[("mode", "off")]).await));
        assert_eq!(
            post_form(&app, &me, "set_message_mail", &[("mode", "hourly")]).await.status(),
            StatusCode::UNPROCESSABLE_ENTITY
        );
        assert!(ok(&post_form(
            &app,
            &cm,
            "post_message",
            &[("id", &thread), ("key", "d-3"), ("body", "One more thing.")]
        )
        .await));
        let before = app.smtp.received.lock().await.len();
        digests(app::db::now_ms() + delay).await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert!(
            !app.smtp.received.lock().await.iter().skip(before).any(|m| m.contains(&finance.email)),
            "{engine:?}: off"
        );
        app.stop().await;
    }
}
