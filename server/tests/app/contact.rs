//! The contact form: a visitor's message opens a conversation the Case Managers answer (the
//! answer mailed with a private link where the visitor writes back); refusals name the field;
//! a robot is answered like a person and kept nowhere; a flood from one address is refused
//! without affecting another visitor. The news subscription's double opt-in.

use crate::harness::*;
use app::model::{EnquiryList, EnquiryView, VisitorEnquiry};

fn contact<'a>(email: &'a str, message: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", "Ana Gómez"),
        ("email", email),
        ("organisation", "Ministry of Justice"),
        ("topic", "asking_help"),
        ("message", message),
        ("website", ""),
    ]
}

async fn enquiries_count(app: &TestApp) -> i64 {
    app::db::enquiries::list(app.db.read(), None).await.expect("list").len() as i64
}

#[tokio::test]
async fn a_visitor_writes_a_case_manager_answers_and_the_visitor_writes_back() {
    for engine in engines() {
        let app = spawn(engine).await;
        let visitor = new_client();
        let res =
            form_as(&app, &visitor, "send_contact", &contact("ana@example.org", "How do introductions work?")).await;
        assert_eq!(location(&res), "/contact?sent=1", "{engine:?}");
        let mail = app.smtp.wait_for("ana@example.org", "How do introductions work?").await;
        let link = link_in(&mail, &app.url("/contact/conversation?t="));

        // the Case Managers see it, answer it; the answer is mailed with a fresh link
        let cm = signed_in(&app, "case.manager@demo.ogpnm.example").await;
        let list: EnquiryList =
            cm.get(app.url("/api/enquiries?status=open")).send().await.expect("list").json().await.expect("json");
        let row = list.rows.iter().find(|r| r.name == "Ana Gómez").expect("the enquiry is listed");
        let e: EnquiryView = cm
            .get(app.url(&format!("/api/enquiry?id={}", row.id)))
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
        assert_eq!(e.email, "ana@example.org", "{engine:?}");
        let answer = [
            ("id", e.id.as_str()),
            ("version", &e.version.to_string()),
            ("message", "A Case Manager scopes your request, then introduces you to providers."),
            ("close", "0"),
        ];
        let res = form_as(&app, &cm, "answer_enquiry", &answer).await;
        assert_eq!(location(&res), format!("/enquiries/{}", e.id), "{engine:?}");
        // the same version again: someone else answered first
        let again = post_form(&app, &cm, "answer_enquiry", &answer).await;
        assert_eq!(again.status(), StatusCode::CONFLICT, "{engine:?}");
        let mail = app.smtp.wait_for("ana@example.org", "scopes your request").await;
        let fresh = link_in(&mail, &app.url("/contact/conversation?t="));
        assert_ne!(fresh, link, "{engine:?}: each answer brings a fresh link");

        // the visitor reads the conversation and writes back: open again for the team
        let t = fresh.split("t=").nth(1).expect("token").to_string();
        let v: VisitorEnquiry = visitor
            .get(app.url(&format!("/api/visitor_conversation?t={t}")))
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
        assert_eq!(v.messages.len(), 2, "{engine:?}");
        let page = visitor.get(&fresh).send().await.expect("page").text().await.expect("html");
        assert!(page.contains("scopes your request") && page.contains("Write back"), "{engine:?}");
        let res =
            form_as(&app, &visitor, "visitor_reply", &[("t", &t), ("message", "Thank you, we will apply.")]).await;
        assert!(location(&res).starts_with("/contact/conversation?t="), "{engine:?}");
        let e: EnquiryView = cm
            .get(app.url(&format!("/api/enquiry?id={}", e.id)))
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
        assert_eq!(e.messages.len(), 3, "{engine:?}");
        assert_eq!(e.status, app::domain::contact::EnquiryStatus::Open, "{engine:?}");

        // a made-up link opens nothing; a government member or a visitor cannot read the list
        let res = visitor.get(app.url("/api/visitor_conversation?t=made-up")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{engine:?}");
        let member = signed_in(&app, "focal.point@demo.ogpnm.example").await;
        let res = member.get(app.url("/api/enquiries?status=")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");
        let res = new_client().get(app.url("/api/enquiries?status=")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{engine:?}");
        let html =
            cm.get(app.url(&format!("/enquiries/{}", e.id))).send().await.expect("page").text().await.expect("html");
        assert!(html.contains("we will apply"), "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn bad_input_is_refused_robots_are_not_told_and_a_flood_stops_at_its_own_address() {
    for engine in engines() {
        let app = spawn_setup(engine, Setup { trusted_proxies: 1, ..Setup::default() }).await;
        let before = enquiries_count(&app).await;
        let long = "x".repeat(app::domain::contact::MESSAGE_MAX + 1);
        for (field, fields) in [
            ("email", contact("not an address", "A perfectly fine message.")),
            ("message", contact("ana@example.org", "hi")),
            ("message", contact("ana@example.org", &long)),
        ] {
            let res = post_form(&app, &new_client(), "send_contact", &fields).await;
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?} {field}");
            assert!(res.text().await.expect("body").contains(field), "{engine:?}: names {field}");
        }
        // without script, the form comes back with the reason and what was typed
        let client = new_client();
        let res = form_as(&app, &client, "send_contact", &contact("ana@example.org", "hi")).await;
        assert!(res.status().is_redirection(), "{engine:?}: back to the form");
        let page = client.get(app.url("/contact")).send().await.expect("page").text().await.expect("html");
        assert!(page.contains("at least 10 characters") && page.contains("Ana Gómez"), "{engine:?}");

        // a robot filling the trap field is thanked and forgotten
        let mut robot = contact("bot@example.org", "Cheap pills for your ministry today.");
        robot[5] = ("website", "https://pills.example");
        let res = form_as(&app, &new_client(), "send_contact", &robot).await;
        assert_eq!(location(&res), "/contact?sent=1", "{engine:?}");
        assert_eq!(enquiries_count(&app).await, before, "{engine:?}: nothing kept");

        // five an hour from one address; the sixth is refused, another address goes through
        let from = |ip: &'static str, email: &'static str| {
            let app = &app;
            async move {
                app.client
                    .post(app.url("/api/send_contact"))
                    .header("x-forwarded-for", ip)
                    .form(&contact(email, "Message number whatever, again."))
                    .send()
                    .await
                    .expect("post")
                    .status()
            }
        };
        let mut statuses = Vec::new();
        for _ in 0..6 {
            statuses.push(from("203.0.113.50", "flood@example.org").await);
        }
        assert_eq!(statuses.last(), Some(&StatusCode::TOO_MANY_REQUESTS), "{engine:?}: {statuses:?}");
        let other = from("198.51.100.9", "someone.else@example.org").await;
        assert_ne!(other, StatusCode::TOO_MANY_REQUESTS, "{engine:?}: others are not affected");
        app.stop().await;
    }
}

#[tokio::test]
async fn the_news_needs_a_confirmed_address_and_is_left_with_one_click() {
    for engine in engines() {
        let app = spawn(engine).await;
        let visitor = new_client();
        let demo = app::db::enquiries::news_subscribers(app.db.read()).await.expect("count");
        let res = form_as(&app, &visitor, "subscribe_news", &[("email", "reader@example.org"), ("website", "")]).await;
        assert_eq!(location(&res), "/news?sent=1", "{engine:?}");
        let count = || async { app::db::enquiries::news_subscribers(app.db.read()).await.expect("count") - demo };
        assert_eq!(count().await, 0, "{engine:?}: not before the link is followed");
        let mail = app.smtp.wait_for("reader@example.org", "Confirm").await;
        let confirm = link_in(&mail, &app.url("/news/confirm?t="));
        // opening the link (a mail scanner does) changes nothing; the button does
        let page = visitor.get(&confirm).send().await.expect("page").text().await.expect("html");
        assert!(page.contains("Confirm your subscription"), "{engine:?}");
        assert_eq!(count().await, 0, "{engine:?}");
        let t = confirm.split("t=").nth(1).expect("token").to_string();
        let res = form_as(&app, &visitor, "confirm_news", &[("t", &t)]).await;
        assert_eq!(location(&res), "/news?confirmed=1", "{engine:?}");
        assert_eq!(count().await, 1, "{engine:?}");
        // asking again for a subscribed address mails nothing new and says the same
        let res = form_as(&app, &visitor, "subscribe_news", &[("email", "reader@example.org"), ("website", "")]).await;
        assert_eq!(location(&res), "/news?sent=1", "{engine:?}");
        let res = form_as(&app, &visitor, "leave_news", &[("t", &t)]).await;
        assert_eq!(location(&res), "/news?left=1", "{engine:?}");
        assert_eq!(count().await, 0, "{engine:?}");
        let bad = post_form(&app, &visitor, "confirm_news", &[("t", "made-up")]).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}");
        let bad = post_form(&app, &visitor, "subscribe_news", &[("email", "nope"), ("website", "")]).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}");
        for lang in ["en", "fr", "es"] {
            let res = new_client().get(app.url("/news")).header("accept-language", lang).send().await.expect("page");
            assert_eq!(res.status(), StatusCode::OK);
            let res = new_client().get(app.url("/contact")).header("accept-language", lang).send().await.expect("page");
            assert_eq!(res.status(), StatusCode::OK);
        }
        app.stop().await;
    }
}
