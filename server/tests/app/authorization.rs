//! Who may call what: every server function as six kinds of caller, and cross-site posts.

use crate::harness::*;

#[tokio::test]
async fn cross_site_posts_are_refused_before_they_change_anything() {
    let app = spawn(Engine::Sqlite).await;
    let res = app
        .client
        .post(app.url("/language"))
        .header("sec-fetch-site", "cross-site")
        .header(ACCEPT_LANGUAGE, "fr")
        .form(&[("lang", "es"), ("next", "/")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);
    assert!(res.headers().get(SET_COOKIE).is_none(), "nothing changed");
    assert!(res.text().await.expect("body").contains("autre site"), "refusal in the visitor's language");

    let res = app
        .client
        .post(app.url("/language"))
        .header("origin", "https://evil.example")
        .form(&[("lang", "es"), ("next", "/")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::FORBIDDEN);

    let same_origin = app.base.clone();
    let res = app
        .client
        .post(app.url("/language"))
        .header("origin", same_origin)
        .header("sec-fetch-site", "same-origin")
        .form(&[("lang", "es"), ("next", "/")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::SEE_OTHER);
    let res = app.client.get(app.url("/healthz")).header("sec-fetch-site", "cross-site").send().await.expect("get");
    assert_eq!(res.status(), StatusCode::OK, "reads are not affected");
    app.stop().await;
}

/// Every server function called by every kind of caller: allowed calls never answer 401/403,
/// refused ones answer 401 (anonymous) or 403 (signed in), and an organisation a caller may not
/// see answers 404.
#[tokio::test]
async fn every_server_function_enforces_the_authorization_policy() {
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Who {
        Anonymous,
        MemberA,
        MemberB,
        CaseManager,
        Steering,
        Admin,
    }
    #[derive(Clone, Copy, Debug, PartialEq)]
    enum Expect {
        Allow,
        Deny,
        Hidden,
    }
    use Expect::*;
    use Who::*;
    let everyone = [Anonymous, MemberA, MemberB, CaseManager, Steering, Admin];
    for engine in engines() {
        let app = spawn(engine).await;
        let mut tx = app.db.write().begin().await.expect("begin");
        let org_a = app::db::organisations::id_by_name(&mut tx, "Secretariat for Digital Government")
            .await
            .expect("q")
            .expect("a");
        let target = app::db::users::insert(
            &mut tx,
            &app::db::users::NewUser {
                email: "target@example.org".into(),
                name: "Target Person".into(),
                locale: "en".into(),
                password_hash: None,
                staff_role: None,
                email_verified: true,
            },
        )
        .await
        .expect("target");
        tx.commit().await.expect("commit");

        // (endpoint, GET?, form fields, expectation per caller)
        let signed_in = |w: Who| if w == Anonymous { Deny } else { Allow };
        let admin_only = |w: Who| if w == Admin { Allow } else { Deny };
        let owner_a_or_admin = |w: Who| if matches!(w, MemberA | Admin) { Allow } else { Deny };
        let staff = |w: Who| if matches!(w, CaseManager | Steering | Admin) { Allow } else { Deny };
        let outreach = |w: Who| if matches!(w, CaseManager | Admin) { Allow } else { Deny };
        /// (endpoint, is a GET, form fields, expectation per caller)
        type Call = (&'static str, bool, Vec<(&'static str, String)>, Box<dyn Fn(Who) -> Expect>);
        let calls: Vec<Call> = vec![
            ("network_summary", true, vec![], Box::new(|_| Allow)),
            (
                "sign_in",
                false,
                vec![("email", "nobody@example.org".into()), ("password", "wrong password!".into())],
                Box::new(|_| Allow),
            ),
            ("request_password_reset", false, vec![("email", "nobody@example.org".into())], Box::new(|_| Allow)),
            ("reset_link_valid", true, vec![("token", "x".into())], Box::new(|_| Allow)),
            (
                "reset_password",
                false,
                vec![("token", "x".into()), ("password", "long enough phrase".into())],
                Box::new(|_| Allow),
            ),
            ("invitation_details", true, vec![("token", "x".into())], Box::new(|_| Allow)),
            ("accept_invitation", false, vec![("token", "x".into())], Box::new(|_| Allow)),
            ("my_sessions", true, vec![], Box::new(signed_in)),
            ("end_session", false, vec![("id", "unknown".into())], Box::new(signed_in)),
            ("my_organisations", true, vec![], Box::new(signed_in)),
            ("two_factor_status", true, vec![], Box::new(signed_in)),
            ("begin_two_factor", false, vec![], Box::new(signed_in)),
            ("confirm_two_factor", false, vec![("code", "000000".into())], Box::new(signed_in)),
            ("verify_sign_in_code", false, vec![("code", "000000".into())], Box::new(|_| Allow)),
            ("update_profile", false, vec![("name", "".into()), ("locale", "en".into())], Box::new(signed_in)),
            (
                "change_password",
                false,
                vec![("current_password", "wrong".into()), ("new_password", "x".into())],
                Box::new(signed_in),
            ),
            (
                "organisation_detail",
                true,
                vec![("id", org_a.clone())],
                Box::new(|w| match w {
                    Anonymous => Deny,
                    MemberB => Hidden,
                    _ => Allow,
                }),
            ),
            (
                "invite_member",
                false,
                vec![("organisation_id", org_a.clone()), ("email", "new.person@example.org".into())],
                Box::new(owner_a_or_admin),
            ),
            (
                "remove_member",
                false,
                vec![("organisation_id", org_a.clone()), ("user_id", "nobody".into())],
                Box::new(owner_a_or_admin),
            ),
            (
                "invite_staff",
                false,
                vec![("email", "staff.person@example.org".into()), ("role", "steering".into())],
                Box::new(admin_only),
            ),
            ("admin_users", true, vec![], Box::new(|w| if matches!(w, Admin | Steering) { Allow } else { Deny })),
            (
                "admin_organisations",
                true,
                vec![],
                Box::new(|w| if matches!(w, Admin | Steering) { Allow } else { Deny }),
            ),
            ("set_user_role", false, vec![("user_id", target.clone()), ("role", "".into())], Box::new(admin_only)),
            (
                "set_user_disabled",
                false,
                vec![("user_id", target.clone()), ("disabled", "false".into())],
                Box::new(admin_only),
            ),
            (
                "set_organisation_verified",
                false,
                vec![("organisation_id", org_a.clone()), ("verified", "true".into())],
                Box::new(admin_only),
            ),
            ("audit_log", true, vec![], Box::new(admin_only)),
            ("admin_mail", true, vec![], Box::new(admin_only)),
            ("vocabulary", true, vec![], Box::new(admin_only)),
            (
                "add_vocabulary_value",
                false,
                vec![
                    ("kind", "issue_area".into()),
                    ("key", "Not a key!".into()),
                    ("label_en", "x".into()),
                    ("label_fr", "x".into()),
                    ("label_es", "x".into()),
                ],
                Box::new(admin_only),
            ),
            (
                "edit_vocabulary_value",
                false,
                vec![
                    ("id", "unknown".into()),
                    ("version", "1".into()),
                    ("label_en", "Water".into()),
                    ("label_fr", "Eau".into()),
                    ("label_es", "Agua".into()),
                ],
                Box::new(admin_only),
            ),
            ("survey_state", true, vec![("kind", "supply".into())], Box::new(|_| Allow)),
            (
                "survey_step",
                true,
                vec![("kind", "supply".into()), ("step", "1".into()), ("check", "false".into())],
                Box::new(|_| Allow),
            ),
            ("survey_start", false, vec![("kind", "demand".into())], Box::new(|_| Allow)),
            ("survey_resume_link", false, vec![("kind", "supply".into())], Box::new(|_| Allow)),
            ("survey_resume", true, vec![("kind", "supply".into()), ("key", "x".into())], Box::new(|_| Allow)),
            ("survey_submit", false, vec![("kind", "supply".into()), ("draft", "x".into())], Box::new(|_| Allow)),
            ("roster_search", true, vec![("roster", "providers".into()), ("query", "".into())], Box::new(staff)),
            (
                "provider_profile",
                true,
                vec![("organisation_id", org_a.clone())],
                Box::new(|w| if matches!(w, Anonymous | MemberB) { Deny } else { Allow }),
            ),
            (
                "request_detail",
                true,
                vec![("id", "unknown".into())],
                Box::new(|w| if w == Anonymous { Deny } else { Hidden }),
            ),
            ("confirm_profile", false, vec![("organisation_id", org_a.clone())], Box::new(owner_a_or_admin)),
            (
                "set_profile_listed",
                false,
                vec![("organisation_id", org_a.clone()), ("listed", "true".into())],
                Box::new(owner_a_or_admin),
            ),
            ("outreach_campaigns", true, vec![], Box::new(staff)),
            ("outreach_campaign", true, vec![("id", "unknown".into())], Box::new(staff)),
            ("create_campaign", false, vec![("name", "".into()), ("survey", "supply".into())], Box::new(outreach)),
            (
                "outreach_send",
                false,
                vec![("campaign", "unknown".into()), ("reminder", "false".into())],
                Box::new(outreach),
            ),
            ("outreach_open", true, vec![("t", "unknown".into())], Box::new(|_| Allow)),
            ("unsubscribe_info", true, vec![("t", "unknown".into())], Box::new(|_| Allow)),
            ("unsubscribe", false, vec![("t", "unknown".into())], Box::new(|_| Allow)),
            ("case_list", true, vec![("query", "".into())], Box::new(staff)),
            ("my_cases", true, vec![], Box::new(signed_in)),
            (
                "case_detail",
                true,
                vec![("id", "unknown".into())],
                Box::new(|w| match w {
                    Anonymous => Deny,
                    MemberA | MemberB => Hidden,
                    _ => Allow,
                }),
            ),
            (
                "confirm_scope",
                false,
                vec![("id", "unknown".into()), ("version", "1".into())],
                Box::new(|w| if w == Anonymous { Deny } else { Hidden }),
            ),
            (
                "set_next_step",
                false,
                vec![("id", "unknown".into()), ("version", "1".into()), ("next_step", "x".into()), ("due", "".into())],
                Box::new(staff),
            ),
            (
                "add_case_note",
                false,
                vec![("id", "unknown".into()), ("kind", "internal".into()), ("body", "x".into())],
                Box::new(staff),
            ),
            (
                "decide_match",
                false,
                vec![
                    ("id", "unknown".into()),
                    ("version", "1".into()),
                    ("provider", "x".into()),
                    ("decision", "shortlisted".into()),
                    ("reason", "".into()),
                ],
                Box::new(staff),
            ),
            (
                "assign_case",
                false,
                vec![
                    ("id", "unknown".into()),
                    ("version", "1".into()),
                    ("case_manager", "".into()),
                    ("reason", "".into()),
                ],
                Box::new(staff),
            ),
            (
                "move_case",
                false,
                vec![
                    ("id", "unknown".into()),
                    ("version", "1".into()),
                    ("action", "scoping".into()),
                    ("reason", "".into()),
                ],
                Box::new(staff),
            ),
            ("sign_out", false, vec![], Box::new(|_| Allow)),
        ];
        for who in everyone {
            let client = new_client();
            let email = match who {
                Anonymous => None,
                MemberA => Some("focal.point@demo.ogpnm.example"),
                MemberB => Some("provider@demo.ogpnm.example"),
                CaseManager => Some("case.manager@demo.ogpnm.example"),
                Steering => Some("steering@demo.ogpnm.example"),
                Admin => Some("admin@demo.ogpnm.example"),
            };
            if let Some(email) = email {
                sign_in_as(&app, &client, email).await;
            }
            for (endpoint, get, fields, expect) in &calls {
                if *endpoint == "sign_in" || *endpoint == "sign_out" {
                    // these change who the client is; they are checked after the others
                    continue;
                }
                let url = app.url(&format!("/api/{endpoint}"));
                let res = if *get {
                    client.get(&url).query(fields).send().await
                } else {
                    client.post(&url).form(fields).send().await
                }
                .expect("call");
                let status = res.status();
                let expected = expect(who);
                let ok = match expected {
                    Allow => status != StatusCode::UNAUTHORIZED && status != StatusCode::FORBIDDEN,
                    Deny => status == if who == Anonymous { StatusCode::UNAUTHORIZED } else { StatusCode::FORBIDDEN },
                    Hidden => status == StatusCode::NOT_FOUND,
                };
                assert!(ok, "{engine:?} {who:?} {endpoint}: expected {expected:?}, got {status}");
            }
            for endpoint in ["sign_out", "sign_in"] {
                let (_, _, fields, _) = calls.iter().find(|c| c.0 == endpoint).expect("call");
                let res = client.post(app.url(&format!("/api/{endpoint}"))).form(fields).send().await.expect("call");
                assert!(
                    ![401, 403].contains(&res.status().as_u16()),
                    "{engine:?} {who:?} {endpoint}: {}",
                    res.status()
                );
            }
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn a_cross_site_post_to_any_server_function_is_refused() {
    let app = spawn(Engine::Sqlite).await;
    let client = new_client();
    sign_in_as(&app, &client, "admin@demo.ogpnm.example").await;
    let endpoints = [
        "sign_in",
        "sign_out",
        "sign_out_everywhere",
        "end_session",
        "request_password_reset",
        "reset_password",
        "invite_member",
        "remove_member",
        "invite_staff",
        "accept_invitation",
        "set_user_role",
        "set_user_disabled",
        "set_organisation_verified",
        "update_profile",
        "change_password",
        "begin_two_factor",
        "confirm_two_factor",
        "verify_sign_in_code",
        "survey_start",
        "survey_save_step",
        "survey_autosave",
        "survey_resume_link",
        "survey_submit",
        "confirm_profile",
        "set_profile_listed",
        "create_campaign",
        "outreach_import",
        "outreach_send",
        "unsubscribe",
        "assign_case",
        "move_case",
        "write_scope",
        "confirm_scope",
        "set_next_step",
        "add_case_note",
        "decide_match",
    ];
    for endpoint in endpoints {
        for (header, value) in [("sec-fetch-site", "cross-site"), ("origin", "https://evil.example")] {
            let res = client
                .post(app.url(&format!("/api/{endpoint}")))
                .header(header, value)
                .form(&[("x", "y")])
                .send()
                .await
                .expect("post");
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{endpoint} with {header}: {value}");
        }
    }
    let res = client.get(app.url("/account")).send().await.expect("get");
    assert_eq!(res.status(), StatusCode::OK, "the admin's session survived every refused request");
    app.stop().await;
}
