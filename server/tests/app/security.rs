//! The defences an outside probe found wanting, each proved for its whole class: limits counted
//! before the check (so parallel guesses cannot pass them), two-factor codes limited per account
//! and used once, a lockout strangers cannot impose on an account's owner, the client address
//! behind proxies, mail anyone can trigger, paths to return to, cookies and caching over HTTPS.

use crate::harness::*;

/// Audit entries with `action` (and `subject`, when given).
async fn audited(app: &TestApp, action: &str, subject: Option<&str>) -> Vec<(String, String)> {
    app::db_run!(app.db.read(), |pool| {
        sqlx::query_as::<_, (String, String)>(
            "SELECT subject, ip FROM audit_log WHERE action = $1 AND ($2 = '' OR subject = $2) ORDER BY at",
        )
        .bind(action)
        .bind(subject.unwrap_or(""))
        .fetch_all(pool)
        .await
    })
    .expect("audit")
}

async fn sign_in_status(app: &TestApp, client: &reqwest::Client, email: &str, password: &str) -> reqwest::Response {
    client
        .post(app.url("/api/sign_in"))
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .expect("sign in")
}

/// A server function called without a browser answers a redirect as 200 with a header.
fn signed_in(res: &reqwest::Response) -> bool {
    res.status().is_redirection() || res.status().is_success()
}

#[tokio::test]
async fn parallel_wrong_passwords_cannot_pass_the_account_limit() {
    for engine in engines() {
        let app = spawn(engine).await;
        let email = "steering@demo.ogpnm.example";
        let guesses = (0..30).map(|i| {
            let app = &app;
            async move { sign_in_status(app, &new_client(), email, &format!("guess number {i:02}")).await.status() }
        });
        let statuses = futures_util::future::join_all(guesses).await;
        let checked = audited(&app, "sign_in.failed", Some(email)).await.len();
        assert!(checked <= 10, "{engine:?}: {checked} passwords were checked against a limit of 10");
        assert_eq!(
            statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count(),
            30 - checked,
            "{engine:?}"
        );
        app.stop().await;
    }
}

#[tokio::test]
async fn strangers_cannot_lock_an_owner_out_and_an_emailed_link_unlocks_a_new_browser() {
    for engine in engines() {
        let app = spawn(engine).await;
        let email = "provider@demo.ogpnm.example";
        // the owner's usual browser has signed in before
        let owner = new_client();
        sign_in_as(&app, &owner, email).await;
        owner.post(app.url("/api/sign_out")).send().await.expect("sign out");
        // a stranger's guesses lock out browsers the account does not know
        for _ in 0..10 {
            sign_in_status(&app, &new_client(), email, "not the password at all").await;
        }
        let res = sign_in_status(&app, &new_client(), email, seed::DEMO_PASSWORD).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{engine:?}: new browsers wait");
        // ...but not the owner's own browser
        let res = sign_in_status(&app, &owner, email, seed::DEMO_PASSWORD).await;
        assert!(signed_in(&res), "{engine:?}: the owner still gets in ({})", res.status());
        // the owner was told once, with a link that unlocks the browser it is opened in
        let mail = decoded(&app.smtp.wait_for(email, "/sign-in/unlock?token=").await);
        for _ in 0..3 {
            sign_in_status(&app, &new_client(), email, "still guessing here").await;
        }
        let unlock_mails = app.smtp.received.lock().await.iter().filter(|m| m.contains("/sign-in/unlock")).count();
        assert_eq!(unlock_mails, 1, "{engine:?}: one mail per lockout");
        let link = link_in(&mail, "http");
        let token = link.split("token=").nth(1).expect("token").to_string();
        let laptop = new_client();
        let page = laptop.get(&link).send().await.expect("page").text().await.expect("text");
        assert!(page.contains("action=\"/api/unlock_browser\""), "{engine:?}: the link only shows a page");
        let res = sign_in_status(&app, &laptop, email, seed::DEMO_PASSWORD).await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{engine:?}: following the link changed nothing");
        let res = form_as(&app, &laptop, "unlock_browser", &[("token", &token)]).await;
        assert_eq!(location(&res), "/sign-in?unlocked=1", "{engine:?}");
        let res = sign_in_status(&app, &laptop, email, seed::DEMO_PASSWORD).await;
        assert!(signed_in(&res), "{engine:?}: the unlocked browser gets in ({})", res.status());
        let res = form_as(&app, &new_client(), "unlock_browser", &[("token", &token)]).await;
        assert_eq!(location(&res), "/sign-in/unlock?expired=1", "{engine:?}: a link works once");
        app.stop().await;
    }
}

#[tokio::test]
async fn two_factor_codes_are_limited_per_account_and_each_signs_in_once() {
    for engine in engines() {
        let app = spawn(engine).await;
        let email = "case.manager@demo.ogpnm.example";
        let code_step = |client: reqwest::Client, code: String| {
            let app = &app;
            async move {
                let res = sign_in_status(app, &client, email, seed::DEMO_PASSWORD).await;
                assert_eq!(location(&res), "/sign-in/code");
                form_as(app, &client, "verify_sign_in_code", &[("code", &code)]).await
            }
        };
        // a code signs in once; the same code again (a replay within its 30 s) is refused
        let code = demo_code();
        assert_eq!(location(&code_step(new_client(), code.clone()).await), "/account", "{engine:?}");
        assert_ne!(location(&code_step(new_client(), code).await), "/account", "{engine:?}: replayed code");
        forget_used_codes(&app, email).await;
        // wrong codes count per account, across new challenges, however many passwords are right
        let wrong_code = |i: u32| {
            let app = &app;
            async move {
                let client = new_client();
                let res = sign_in_status(app, &client, email, seed::DEMO_PASSWORD).await;
                assert!(signed_in(&res), "{}", res.status());
                let form = [("code", format!("{:06}", 100_000 + i))];
                client.post(app.url("/api/verify_sign_in_code")).form(&form).send().await.expect("code").status()
            }
        };
        let mut statuses = Vec::new();
        for i in 0..12 {
            statuses.push(wrong_code(i).await);
        }
        // ten wrong codes an hour: the replay above was the first
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY).count(), 9, "{engine:?}");
        assert_eq!(statuses.iter().filter(|s| **s == StatusCode::TOO_MANY_REQUESTS).count(), 3, "{engine:?}");
        let res = code_step(new_client(), demo_code()).await;
        assert_ne!(location(&res), "/account", "{engine:?}: even the right code waits now");
        app.stop().await;
    }
}

#[tokio::test]
async fn wrong_current_passwords_are_limited_when_changing_it() {
    for engine in engines() {
        let app = spawn(engine).await;
        let client = new_client();
        sign_in_as(&app, &client, "provider@demo.ogpnm.example").await;
        let change = |current: &'static str| {
            client
                .post(app.url("/api/change_password"))
                .form(&[("current_password", current), ("new_password", "a brand new passphrase")])
                .send()
        };
        for _ in 0..5 {
            assert_eq!(change("wrong current one").await.expect("post").status(), StatusCode::UNPROCESSABLE_ENTITY);
        }
        let res = change("open government demo").await.expect("post");
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS, "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn behind_trusted_proxies_the_client_is_the_rightmost_hop_they_did_not_add() {
    for engine in engines() {
        for (trusted, expected) in [(0, "127.0.0.1"), (1, "203.0.113.7")] {
            let app = spawn_setup(engine, Setup { trusted_proxies: trusted, ..Setup::default() }).await;
            let res = app
                .client
                .post(app.url("/api/sign_in"))
                .header("x-forwarded-for", "198.51.100.1, 203.0.113.7")
                .form(&[("email", "nobody@example.org"), ("password", "whatever it is")])
                .send()
                .await
                .expect("post");
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY);
            let failures = audited(&app, "sign_in.failed", Some("nobody@example.org")).await;
            assert_eq!(failures[0].1, expected, "{engine:?} with {trusted} proxies");
            app.stop().await;
        }
    }
}

#[tokio::test]
async fn mail_anyone_can_trigger_is_limited_per_recipient() {
    for engine in engines() {
        let app = spawn(engine).await;
        let victim = "victim@example.org";
        let mut refused = 0;
        for _ in 0..8 {
            // a fresh anonymous draft each time (resume links are also limited per draft)
            let client = new_client();
            start_survey(&app, &client, "demand").await;
            post_step(&app, &client, "demand", 1, &[("respondent_email", victim)], "").await;
            let res = client
                .post(app.url("/api/survey_resume_link"))
                .form(&[("kind", "demand")])
                .send()
                .await
                .expect("resume link");
            if res.status() == StatusCode::TOO_MANY_REQUESTS {
                refused += 1;
            }
        }
        assert_eq!(refused, 3, "{engine:?}: five mails an hour to one address");
        tokio::time::sleep(Duration::from_millis(500)).await;
        let sent = app.smtp.received.lock().await.iter().filter(|m| m.contains(victim)).count();
        assert_eq!(sent, 5, "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn only_plain_local_paths_are_followed_after_signing_in() {
    let app = spawn(Engine::Sqlite).await;
    for next in ["/\t/evil.example", "/\u{1}x", "//evil.example", "/ /x", "https://evil.example"] {
        let res = form_as(
            &app,
            &new_client(),
            "sign_in",
            &[("email", "provider@demo.ogpnm.example"), ("password", seed::DEMO_PASSWORD), ("next", next)],
        )
        .await;
        assert_eq!(location(&res), "/account", "{next:?}");
    }
    app.stop().await;
}

#[tokio::test]
async fn over_https_every_cookie_is_secure_and_personal_answers_are_not_stored() {
    let app = spawn_setup(Engine::Sqlite, Setup { https: true, ..Setup::default() }).await;
    let cookies = |res: &reqwest::Response| -> Vec<String> {
        res.headers().get_all(SET_COOKIE).iter().map(|v| v.to_str().expect("ascii").to_string()).collect()
    };
    let client = new_client();
    // the two-factor challenge
    let res = sign_in_status(&app, &client, "admin@demo.ogpnm.example", seed::DEMO_PASSWORD).await;
    let set = cookies(&res);
    assert!(!set.is_empty() && set.iter().all(|c| c.contains("; Secure")), "{set:?}");
    // a flash (a refused form) and the language
    let res = form_as(&app, &client, "sign_in", &[("email", "not an address"), ("password", "x")]).await;
    let set = cookies(&res);
    assert!(!set.is_empty() && set.iter().all(|c| c.contains("; Secure")), "{set:?}");
    let res = client.post(app.url("/language")).form(&[("lang", "fr"), ("next", "/")]).send().await.expect("lang");
    assert!(cookies(&res).iter().all(|c| c.contains("; Secure")), "{:?}", cookies(&res));
    // a signed-in page and a server function's answer are never stored; a public page may be
    let res = app.get("/").await;
    assert_eq!(res.headers()[CACHE_CONTROL], "private, no-cache");
    let staff = new_client();
    let cookie = {
        let mut tx = app.db.write().begin().await.expect("begin");
        let user = account(&app, "provider@demo.ogpnm.example").await;
        let token = session::start(&mut tx, &user, &SessionPolicy::default(), "127.0.0.1", "test", app::db::now_ms())
            .await
            .expect("session");
        tx.commit().await.expect("commit");
        format!("{}={token}", session::COOKIE_TLS)
    };
    let res = staff.get(app.url("/account")).header(COOKIE, &cookie).send().await.expect("account");
    assert_eq!(res.headers()[CACHE_CONTROL], "no-store", "a signed-in page");
    let res = staff.get(app.url("/api/my_sessions")).header(COOKIE, &cookie).send().await.expect("api");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[CACHE_CONTROL], "no-store", "a server function's answer");
    app.stop().await;
}
