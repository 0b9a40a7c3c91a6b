//! Accounts: sessions, signing in and out, password resets, invitations, administration, lockout, two-factor.

use crate::harness::*;

#[tokio::test]
async fn sessions_end_when_idle_too_long_past_their_limit_or_when_the_account_is_disabled() {
    for engine in engines() {
        let test_db = TestDb::new(engine).await;
        let db = test_db.open().await;
        let policy = SessionPolicy::default();
        let mut tx = db.write().begin().await.expect("begin");
        let new_user = |email: &str, role| app::db::users::NewUser {
            email: email.into(),
            name: "Someone".into(),
            locale: "fr".into(),
            password_hash: None,
            staff_role: role,
            email_verified: true,
        };
        app::db::users::insert(&mut tx, &new_user("cm@example.org", Some(app::domain::policy::StaffRole::CaseManager)))
            .await
            .expect("cm");
        app::db::users::insert(&mut tx, &new_user("gov@example.org", None)).await.expect("participant");
        tx.commit().await.expect("commit");
        let cm = app::db::users::find_by_email(db.read(), "cm@example.org").await.expect("q").expect("cm").user;
        let gov = app::db::users::find_by_email(db.read(), "gov@example.org").await.expect("q").expect("gov").user;

        let t0 = 1_800_000_000_000_i64;
        let minute = 60_000;
        let start = |user: app::db::users::SessionUser| {
            let db = db.clone();
            let policy = policy.clone();
            async move {
                let mut tx = db.write().begin().await.expect("begin");
                let token = session::start(&mut tx, &user, &policy, "127.0.0.1", "test", t0).await.expect("start");
                tx.commit().await.expect("commit");
                token
            }
        };
        let staff_token = start(cm.clone()).await;
        // used every 20 minutes, a staff session lives until its 12-hour limit
        let mut t = t0;
        while t + 20 * minute < t0 + 12 * 60 * minute {
            t += 20 * minute;
            assert!(
                session::resume(&db, &staff_token, &policy, t).await.expect("resume").is_some(),
                "{engine:?} at {t}"
            );
        }
        assert!(
            session::resume(&db, &staff_token, &policy, t0 + 12 * 60 * minute).await.expect("resume").is_none(),
            "absolute limit"
        );
        assert!(
            session::resume(&db, &staff_token, &policy, t0).await.expect("resume").is_none(),
            "an ended session stays ended"
        );

        let staff_token = start(cm.clone()).await;
        assert!(
            session::resume(&db, &staff_token, &policy, t0 + 31 * minute).await.expect("resume").is_none(),
            "staff idle limit"
        );

        let gov_token = start(gov.clone()).await;
        assert_eq!(
            session::resume(&db, &gov_token, &policy, t0 + 31 * minute).await.expect("resume").map(|u| u.email),
            Some("gov@example.org".to_string()),
            "participants may idle longer"
        );
        let mut tx = db.write().begin().await.expect("begin");
        app::db::users::set_disabled(&mut tx, &gov.user_id, true).await.expect("disable");
        app::db::sessions::delete_all_for_user(&mut tx, &gov.user_id).await.expect("end sessions");
        tx.commit().await.expect("commit");
        assert!(
            session::resume(&db, &gov_token, &policy, t0 + 32 * minute).await.expect("resume").is_none(),
            "disabled"
        );
        assert_eq!(app::db::sessions::count_for_user(db.read(), &gov.user_id).await.expect("count"), 0);
        assert!(session::resume(&db, "forged-token", &policy, t0).await.expect("resume").is_none());
        db.close().await;
        test_db.cleanup().await;
    }
}

#[tokio::test]
async fn signing_in_and_out_with_plain_forms_on_both_engines() {
    use reqwest::header::{ACCEPT, REFERER};
    for engine in engines() {
        let app = spawn(engine).await;
        let form_post = |path: &str, fields: &[(&str, &str)]| {
            app.client
                .post(app.url(path))
                .header(ACCEPT, "text/html,application/xhtml+xml")
                .header(REFERER, app.url("/sign-in"))
                .form(fields)
                .send()
        };
        let page = app.get("/sign-in").await.text().await.expect("page");
        assert!(page.contains("action=\"/api/sign_in\"") && page.contains("autocomplete=\"current-password\""));

        // a wrong password: back to the form, with the message and the e-mail kept
        let res = form_post(
            "/api/sign_in",
            &[("email", "admin@demo.ogpnm.example"), ("password", "not the password"), ("next", "")],
        )
        .await
        .expect("post");
        assert_eq!(res.status(), StatusCode::FOUND, "{engine:?}");
        assert!(res.headers()[LOCATION].to_str().expect("ascii").contains("/sign-in"), "{:?}", res.headers());
        let page = app.get("/sign-in").await.text().await.expect("page");
        assert!(page.contains("The e-mail address or the password is not right."), "{engine:?}");
        assert!(page.contains("value=\"admin@demo.ogpnm.example\""), "the e-mail typed is kept");
        let page = app.get("/sign-in").await.text().await.expect("page");
        assert!(!page.contains("is not right"), "a flash is shown once");

        // an unknown e-mail gets the very same answer
        form_post("/api/sign_in", &[("email", "nobody@example.org"), ("password", "whatever it is"), ("next", "")])
            .await
            .expect("post");
        let page = app.get("/sign-in").await.text().await.expect("page");
        assert!(page.contains("The e-mail address or the password is not right."));

        // the right password: a session cookie and the account page
        let res = form_post(
            "/api/sign_in",
            &[("email", "Admin@Demo.ogpnm.example"), ("password", seed::DEMO_PASSWORD), ("next", "/account")],
        )
        .await
        .expect("post");
        assert_eq!(res.headers()[LOCATION], "/sign-in/code", "{engine:?}: staff give a code next");
        let res = form_post("/api/verify_sign_in_code", &[("code", &demo_code())]).await.expect("code");
        assert_eq!(res.status(), StatusCode::FOUND);
        assert_eq!(res.headers()[LOCATION], "/account");
        let cookie = res
            .headers()
            .get_all(SET_COOKIE)
            .iter()
            .map(|v| v.to_str().expect("ascii").to_string())
            .find(|c| c.starts_with("ogpnm_session="))
            .expect("session cookie");
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
        let page = app.get("/account").await.text().await.expect("page");
        assert!(
            page.contains("Amara Okafor") && page.contains("Administrator") && page.contains("This device"),
            "{engine:?}"
        );

        // signing in again rotates the session: still one session
        form_post(
            "/api/sign_in",
            &[("email", "admin@demo.ogpnm.example"), ("password", seed::DEMO_PASSWORD), ("next", "")],
        )
        .await
        .expect("post");
        forget_used_codes(&app, "admin@demo.ogpnm.example").await;
        form_post("/api/verify_sign_in_code", &[("code", &demo_code())]).await.expect("code");
        let admin = account(&app, "admin@demo.ogpnm.example").await;
        assert_eq!(
            app::db::sessions::count_for_user(app.db.read(), &admin.user_id).await.expect("count"),
            1,
            "{engine:?}"
        );

        // a JSON client (the hydrated page) gets a 422 with the translated error
        let res = app
            .client
            .post(app.url("/api/sign_in"))
            .form(&[("email", "not-an-email"), ("password", "x")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // sign out everywhere ends every session and the account page asks to sign in again
        let res = form_post("/api/sign_out_everywhere", &[]).await.expect("post");
        assert_eq!(res.headers()[LOCATION], "/sign-in");
        assert_eq!(app::db::sessions::count_for_user(app.db.read(), &admin.user_id).await.expect("count"), 0);
        let res = app.client.get(app.url("/account")).header(ACCEPT, "text/html").send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FOUND);
        assert_eq!(res.headers()[LOCATION], "/sign-in?next=/account");

        let audit: Vec<String> =
            app::db::audit::recent(app.db.read(), 20).await.expect("audit").into_iter().map(|e| e.action).collect();
        for action in ["sign_in.failed", "sign_in", "sign_out.everywhere"] {
            assert!(audit.iter().any(|a| a == action), "{engine:?}: {action} missing from {audit:?}");
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn a_forgotten_password_is_reset_through_a_single_use_mailed_link() {
    use reqwest::header::{ACCEPT, REFERER};
    for engine in engines() {
        let app = spawn(engine).await;
        let post = |path: &str, referer: &str, fields: &[(&str, &str)]| {
            app.client
                .post(app.url(path))
                .header(ACCEPT, "text/html")
                .header(REFERER, app.url(referer))
                .form(fields)
                .send()
        };
        let res = post("/api/request_password_reset", "/forgot-password", &[("email", "steering@demo.ogpnm.example")])
            .await
            .expect("post");
        assert_eq!(res.headers()[LOCATION], "/forgot-password?sent=1");
        // an unknown address gets the same answer and no mail
        let res = post("/api/request_password_reset", "/forgot-password", &[("email", "nobody@example.org")])
            .await
            .expect("post");
        assert_eq!(res.headers()[LOCATION], "/forgot-password?sent=1");

        let mail = app.smtp.wait_for("steering@demo.ogpnm.example", "Reset your password").await;
        let link = link_in(&mail, &app.url("/reset-password?token="));
        let token = link.split("token=").nth(1).expect("token").to_string();
        let path = link.trim_start_matches(&app.base).to_string();
        let page = app.get(&path).await.text().await.expect("page");
        assert!(page.contains("name=\"password\""), "{engine:?}: the link opens the form");

        // a weak password is refused and the link still works
        post("/api/reset_password", &path, &[("token", &token), ("password", "short")]).await.expect("post");
        let page = app.get(&path).await.text().await.expect("page");
        assert!(page.contains("Use at least 12 characters"), "{engine:?}");

        let res = post("/api/reset_password", &path, &[("token", &token), ("password", "a brand new phrase")])
            .await
            .expect("post");
        assert_eq!(res.headers()[LOCATION], "/sign-in?reset=1");
        let res = post(
            "/api/sign_in",
            "/sign-in",
            &[("email", "steering@demo.ogpnm.example"), ("password", "a brand new phrase")],
        )
        .await
        .expect("post");
        assert_eq!(
            res.headers()[LOCATION],
            "/sign-in/code",
            "{engine:?}: the new password works (staff give a code next)"
        );

        // the link works once
        let page = app.get(&path).await.text().await.expect("page");
        assert!(page.contains("has expired or has already been used"), "{engine:?}");
        let mails = app::db::outbox::for_address(app.db.read(), "nobody@example.org").await.expect("outbox");
        assert!(mails.is_empty(), "nothing is sent to unknown addresses");
        app.stop().await;
    }
}

#[tokio::test]
async fn an_owner_invites_a_colleague_who_joins_through_the_mailed_link() {
    use reqwest::header::{ACCEPT, REFERER};
    for engine in engines() {
        let app = spawn(engine).await;
        let mut tx = app.db.write().begin().await.expect("begin");
        let org_id = app::db::organisations::id_by_name(&mut tx, "Civic Data Commons").await.expect("q").expect("org");
        let other_org = app::db::organisations::id_by_name(&mut tx, "Secretariat for Digital Government")
            .await
            .expect("q")
            .expect("org");
        drop(tx);
        let owner = new_client();
        sign_in_as(&app, &owner, "provider@demo.ogpnm.example").await;
        let org_path = format!("/organisations/{org_id}");
        let page = owner.get(app.url(&org_path)).send().await.expect("get").text().await.expect("page");
        assert!(
            page.contains("Civic Data Commons")
                && page.contains("Daniel Mensah")
                && page.contains("Invite a colleague"),
            "{engine:?}"
        );

        // another organisation's page does not exist for this owner
        let res = owner.get(app.url(&format!("/organisations/{other_org}"))).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{engine:?}");

        let res = owner
            .post(app.url("/api/invite_member"))
            .header(ACCEPT, "text/html")
            .header(REFERER, app.url(&org_path))
            .form(&[("organisation_id", org_id.as_str()), ("email", "Colleague@Example.org")])
            .send()
            .await
            .expect("invite");
        assert_eq!(res.headers()[LOCATION].to_str().expect("ascii"), format!("{org_path}?invited=1"));
        let mail = app.smtp.wait_for("colleague@example.org", "Civic Data Commons").await;
        let link = link_in(&mail, &app.url("/invitation?token="));
        let path = link.trim_start_matches(&app.base).to_string();
        let token = link.split("token=").nth(1).expect("token").to_string();

        let invitee = new_client();
        let page = invitee.get(app.url(&path)).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("You are invited to act for Civic Data Commons"), "{engine:?}");
        let accept = |fields: Vec<(&'static str, String)>| {
            invitee
                .post(app.url("/api/accept_invitation"))
                .header(ACCEPT, "text/html")
                .header(REFERER, app.url(&path))
                .form(&fields)
                .send()
        };
        accept(vec![("token", token.clone()), ("name", "Kwame Boateng".into()), ("password", "short".into())])
            .await
            .expect("post");
        let page = invitee.get(app.url(&path)).send().await.expect("get").text().await.expect("page");
        assert!(
            page.contains("Use at least 12 characters") && page.contains("value=\"Kwame Boateng\""),
            "{engine:?}: error shown, name kept"
        );
        let res = accept(vec![
            ("token", token.clone()),
            ("name", "Kwame Boateng".into()),
            ("password", "maps of open contracts".into()),
        ])
        .await
        .expect("post");
        assert_eq!(res.headers()[LOCATION], "/account", "{engine:?}");
        let page = invitee.get(app.url("/account")).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("Kwame Boateng") && page.contains("Civic Data Commons"), "{engine:?}: signed in, member");

        // the link is used up
        let res = accept(vec![
            ("token", token.clone()),
            ("name", "Someone Else".into()),
            ("password", "another long phrase".into()),
        ])
        .await
        .expect("post");
        assert!(res.headers()[LOCATION].to_str().expect("ascii").contains("/invitation"), "back to the page");
        assert_eq!(
            app::db::users::count(app.db.read()).await.expect("count"),
            seed::DEMO_ACCOUNTS.len() as i64 + 1,
            "{engine:?}: exactly one new account"
        );

        // the owner removes the colleague; the last owner cannot be removed
        let kwame = account(&app, "colleague@example.org").await;
        let daniel = account(&app, "provider@demo.ogpnm.example").await;
        for (user, expected) in [(kwame.user_id.as_str(), 0), (daniel.user_id.as_str(), 1)] {
            owner
                .post(app.url("/api/remove_member"))
                .header(ACCEPT, "text/html")
                .header(REFERER, app.url(&org_path))
                .form(&[("organisation_id", org_id.as_str()), ("user_id", user)])
                .send()
                .await
                .expect("remove");
            assert_eq!(
                app::db::organisations::of_user(app.db.read(), user).await.expect("q").len(),
                expected,
                "{engine:?}"
            );
        }
        // a member of another organisation cannot invite here
        let outsider = new_client();
        sign_in_as(&app, &outsider, "focal.point@demo.ogpnm.example").await;
        let res = outsider
            .post(app.url("/api/invite_member"))
            .form(&[("organisation_id", org_id.as_str()), ("email", "x@example.org")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn an_admin_disables_an_account_changes_a_role_and_verifies_an_organisation() {
    use reqwest::header::{ACCEPT, REFERER};
    for engine in engines() {
        let app = spawn(engine).await;
        let admin = new_client();
        sign_in_as(&app, &admin, "admin@demo.ogpnm.example").await;
        let victim = new_client();
        sign_in_as(&app, &victim, "focal.point@demo.ogpnm.example").await;
        let focal = account(&app, "focal.point@demo.ogpnm.example").await;
        let cm = account(&app, "case.manager@demo.ogpnm.example").await;
        let page = admin.get(app.url("/admin/users?q=demo")).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("Sofía Pereira") && page.contains("Lucía Fernández"), "{engine:?}");
        let page =
            admin.get(app.url("/admin/users?q=zzz-nobody")).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("Nothing matches this search."));

        let post = |path: &str, fields: Vec<(&str, String)>| {
            admin
                .post(app.url(path))
                .header(ACCEPT, "text/html")
                .header(REFERER, app.url("/admin/users"))
                .form(&fields)
                .send()
        };
        post("/api/set_user_disabled", vec![("user_id", focal.user_id.clone()), ("disabled", "true".into())])
            .await
            .expect("disable");
        let res = victim.get(app.url("/account")).header(ACCEPT, "text/html").send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FOUND, "{engine:?}: a disabled account's sessions end");
        let res = app
            .client
            .post(app.url("/api/sign_in"))
            .form(&[("email", "focal.point@demo.ogpnm.example"), ("password", seed::DEMO_PASSWORD)])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "a disabled account cannot sign in");

        post("/api/set_user_role", vec![("user_id", cm.user_id.clone()), ("role", "steering".into())])
            .await
            .expect("role");
        let cm_after = account(&app, "case.manager@demo.ogpnm.example").await;
        assert_eq!(cm_after.staff_role, Some(app::domain::policy::StaffRole::Steering));
        let res = admin
            .post(app.url("/api/set_user_role"))
            .form(&[("user_id", cm.user_id.as_str()), ("role", "emperor")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "an unknown role changes nothing");

        let mut tx = app.db.write().begin().await.expect("begin");
        let org = app::db::organisations::id_by_name(&mut tx, "Directorate of Public Procurement")
            .await
            .expect("q")
            .expect("org");
        drop(tx);
        post("/api/set_organisation_verified", vec![("organisation_id", org.clone()), ("verified", "true".into())])
            .await
            .expect("verify");
        let summary: app::model::NetworkSummary = app.get("/api/network_summary").await.json().await.expect("json");
        assert_eq!(summary.verified, 37, "{engine:?}");

        let page = admin.get(app.url("/admin/audit")).send().await.expect("get").text().await.expect("page");
        for action in ["account.disabled", "role.changed", "organisation.verified", "sign_in"] {
            assert!(page.contains(action), "{engine:?}: audit page lacks {action}");
        }
        app.stop().await;
    }
}

#[tokio::test]
async fn repeated_failed_sign_ins_lock_the_account_with_retry_after() {
    for engine in engines() {
        let app = spawn(engine).await;
        let attempt = |password: &'static str| {
            app.client
                .post(app.url("/api/sign_in"))
                .form(&[("email", "steering@demo.ogpnm.example"), ("password", password)])
                .send()
        };
        for i in 0..10 {
            let res = attempt("wrong password here").await.expect("post");
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}: attempt {i}");
        }
        // locked now, even with the right password, and told when to retry
        let res = attempt("open government demo").await.expect("post");
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{engine:?}");
        let retry: u64 = res.headers()["retry-after"].to_str().expect("ascii").parse().expect("seconds");
        assert!((1..=900).contains(&retry), "{retry}");
        // other accounts are not affected
        let res = app
            .client
            .post(app.url("/api/sign_in"))
            .form(&[("email", "admin@demo.ogpnm.example"), ("password", seed::DEMO_PASSWORD)])
            .send()
            .await
            .expect("post");
        assert!(res.status().is_redirection() || res.status().is_success(), "{engine:?}: {}", res.status());
        app.stop().await;
    }
}

#[tokio::test]
async fn people_change_their_name_language_and_password() {
    use reqwest::header::{ACCEPT, REFERER};
    for engine in engines() {
        let app = spawn(engine).await;
        let me = new_client();
        sign_in_as(&app, &me, "case.manager@demo.ogpnm.example").await;
        let other_device = new_client();
        sign_in_as(&app, &other_device, "case.manager@demo.ogpnm.example").await;
        let post = |path: &str, fields: Vec<(&str, &str)>| {
            me.post(app.url(path)).header(ACCEPT, "text/html").header(REFERER, app.url("/account")).form(&fields).send()
        };
        let res =
            post("/api/update_profile", vec![("name", "Lucía Fernández Ruiz"), ("locale", "es")]).await.expect("post");
        assert_eq!(res.headers()[LOCATION], "/account?saved=profile");
        let page = me.get(app.url("/account")).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("<html lang=\"es\"") && page.contains("Lucía Fernández Ruiz"), "{engine:?}");

        post(
            "/api/change_password",
            vec![("current_password", "not it at all"), ("new_password", "a new long phrase")],
        )
        .await
        .expect("post");
        let page = me.get(app.url("/account")).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("La contraseña actual no es correcta."), "{engine:?}: refused in the person's language");
        let res = post(
            "/api/change_password",
            vec![("current_password", seed::DEMO_PASSWORD), ("new_password", "a new long phrase")],
        )
        .await
        .expect("post");
        assert_eq!(res.headers()[LOCATION], "/account?saved=password");
        let res = other_device.get(app.url("/account")).header(ACCEPT, "text/html").send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FOUND, "{engine:?}: other sessions end");
        let res = me.get(app.url("/account")).header(ACCEPT, "text/html").send().await.expect("get");
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}: this session stays");
        app.stop().await;
    }
}

#[tokio::test]
async fn staff_enrol_two_factor_and_then_need_a_code_or_a_recovery_code_to_sign_in() {
    use reqwest::header::{ACCEPT, REFERER};
    for engine in engines() {
        let app = spawn(engine).await;
        // a new staff member, without two-factor yet: their staff role waits for it
        let hash = app::auth::password::hash(seed::DEMO_PASSWORD.to_string()).await.expect("hash");
        let mut tx = app.db.write().begin().await.expect("begin");
        let new_staff = app::db::users::NewUser {
            email: "new.staff@example.org".into(),
            name: "Nadia Haddad".into(),
            locale: "en".into(),
            password_hash: Some(hash),
            staff_role: Some(app::domain::policy::StaffRole::Steering),
            email_verified: true,
        };
        app::db::users::insert(&mut tx, &new_staff).await.expect("insert");
        tx.commit().await.expect("commit");
        let admin = new_client();
        sign_in_as(&app, &admin, "new.staff@example.org").await;
        let page = admin.get(app.url("/account")).send().await.expect("get").text().await.expect("page");
        assert!(
            page.contains("Your staff role becomes active once two-factor authentication is set up."),
            "{engine:?}"
        );
        let res = admin.get(app.url("/api/admin_users")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}: no staff powers before two-factor");
        let form = |client: &reqwest::Client, path: &str, fields: Vec<(&str, String)>| {
            client
                .post(app.url(path))
                .header(ACCEPT, "text/html")
                .header(REFERER, app.url("/account/two-factor"))
                .form(&fields)
                .send()
        };
        form(&admin, "/api/begin_two_factor", vec![]).await.expect("begin");
        let page = admin.get(app.url("/account/two-factor")).send().await.expect("get").text().await.expect("page");
        assert!(
            page.contains("<svg") && page.contains("autocomplete=\"one-time-code\""),
            "{engine:?}: QR code and code field"
        );
        let status: app::model::TwoFactorView =
            admin.get(app.url("/api/two_factor_status")).send().await.expect("get").json().await.expect("json");
        let secret = status.pending.expect("pending secret").secret;
        let now = || app::db::now_ms() / 1000;
        form(&admin, "/api/confirm_two_factor", vec![("code", "123456".into())]).await.expect("wrong");
        let page = admin.get(app.url("/account/two-factor")).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("This code is not right."), "{engine:?}");
        let code = app::auth::totp::code_at(&secret, now()).expect("code");
        form(&admin, "/api/confirm_two_factor", vec![("code", code)]).await.expect("confirm");
        let page = admin.get(app.url("/account/two-factor")).send().await.expect("get").text().await.expect("page");
        assert!(
            page.contains("Your recovery codes") && page.contains("Two-factor authentication is on."),
            "{engine:?}"
        );
        let recovery =
            page.split("<li><code>").nth(1).and_then(|s| s.split('<').next()).expect("a recovery code").to_string();
        let page = admin.get(app.url("/account/two-factor")).send().await.expect("get").text().await.expect("page");
        assert!(!page.contains("Your recovery codes"), "shown only once");
        let res = admin.get(app.url("/api/admin_users")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}: the staff role is active once two-factor is on");

        // signing in now takes a code
        let fresh = new_client();
        let res = form(
            &fresh,
            "/api/sign_in",
            vec![("email", "new.staff@example.org".into()), ("password", seed::DEMO_PASSWORD.into())],
        )
        .await
        .expect("post");
        assert_eq!(res.headers()[LOCATION], "/sign-in/code", "{engine:?}");
        let res = fresh.get(app.url("/account")).header(ACCEPT, "text/html").send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FOUND, "no session before the code");
        form(&fresh, "/api/verify_sign_in_code", vec![("code", "000000".into())]).await.expect("wrong code");
        let page = fresh.get(app.url("/sign-in/code")).send().await.expect("get").text().await.expect("page");
        assert!(page.contains("This code is not right."));
        let code = app::auth::totp::code_at(&secret, now()).expect("code");
        let res = form(&fresh, "/api/verify_sign_in_code", vec![("code", code)]).await.expect("code");
        assert_eq!(res.headers()[LOCATION], "/account", "{engine:?}");

        // a recovery code works once
        for expected_ok in [true, false] {
            let other = new_client();
            form(
                &other,
                "/api/sign_in",
                vec![("email", "new.staff@example.org".into()), ("password", seed::DEMO_PASSWORD.into())],
            )
            .await
            .expect("post");
            let res = form(&other, "/api/verify_sign_in_code", vec![("code", recovery.to_uppercase())])
                .await
                .expect("recovery");
            let ok = res.headers()[LOCATION] == "/account";
            assert_eq!(ok, expected_ok, "{engine:?}: recovery code use");
        }
        app.stop().await;
    }
}
