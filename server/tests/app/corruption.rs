//! Loud decoding: a stored value that does not read (a scope, a timeline entry or answers that
//! do not parse) fails the read as an internal error, and no write can then
//! overwrite what is stored with a default.

use crate::harness::*;

async fn exec(app: &TestApp, sql: &'static str, a: &str, b: &str) {
    app::db_run!(app.db.write(), |pool| sqlx::query(sql).bind(a).bind(b).execute(pool).await.map(|_| ()))
        .expect("exec");
}

async fn raw(app: &TestApp, sql: &'static str, id: &str) -> String {
    app::db_run!(app.db.read(), |pool| sqlx::query_scalar::<_, String>(sql).bind(id).fetch_one(pool).await)
        .expect("raw")
}

#[tokio::test]
async fn a_corrupt_stored_value_fails_the_read_and_nothing_is_overwritten() {
    for engine in engines() {
        let app = spawn(engine).await;
        let cm = new_client();
        sign_in_as(&app, &cm, "case.manager@demo.ogpnm.example").await;
        let case = case_board(&app, &cm, "mine=1")
            .await
            .cases
            .iter()
            .find(|c| c.stage.is_open())
            .expect("an open case of hers")
            .clone();
        let (id, version) = (case.id.clone(), case.version.to_string());
        let detail = || cm.get(app.url(&format!("/api/case_detail?id={id}")));
        assert!(detail().send().await.expect("get").status().is_success(), "{engine:?}");

        // a scope that does not parse: the page fails (never an empty scope), and a write on
        // the case changes nothing
        let scope = raw(&app, "SELECT COALESCE(scope, '') FROM cases WHERE id = $1", &id).await;
        exec(&app, "UPDATE cases SET scope = $1 WHERE id = $2", "{\"scope\": [broken", &id).await;
        let res = detail().send().await.expect("get");
        assert_eq!(res.status().as_u16(), 500, "{engine:?}: never read as no scope");
        assert!(!res.text().await.expect("body").contains("broken"), "{engine:?}: no stored text in the answer");
        let fields = [("id", id.as_str()), ("version", &version), ("next_step", "Call the ministry"), ("due", "")];
        let res = post_form(&app, &cm, "set_next_step", &fields).await;
        assert!(res.status().is_server_error(), "{engine:?}: {}", res.status());
        let stored = raw(&app, "SELECT scope FROM cases WHERE id = $1", &id).await;
        assert_eq!(stored, "{\"scope\": [broken", "{engine:?}");
        assert_eq!(raw(&app, "SELECT CAST(version AS TEXT) FROM cases WHERE id = $1", &id).await, version);
        let board = cm.get(app.url("/api/case_list?query=")).send().await.expect("get");
        assert_eq!(board.status().as_u16(), 500, "{engine:?}: the board does not show a guess either");
        if scope.is_empty() {
            app::db_run!(app.db.write(), |pool| {
                sqlx::query("UPDATE cases SET scope = NULL WHERE id = $1").bind(&id).execute(pool).await.map(|_| ())
            })
            .expect("repair");
        } else {
            exec(&app, "UPDATE cases SET scope = $1 WHERE id = $2", &scope, &id).await;
        }
        assert!(detail().send().await.expect("get").status().is_success(), "{engine:?}: repaired, it reads again");

        // a timeline entry that does not parse: the page fails, the entry stays as stored
        let bad = r#"{"kind":"teleported"}"#;
        exec(&app, "UPDATE case_events SET change = $1 WHERE case_id = $2 AND kind = 'opened'", bad, &id).await;
        assert_eq!(detail().send().await.expect("get").status().as_u16(), 500, "{engine:?}");
        let stored = raw(&app, "SELECT change FROM case_events WHERE case_id = $1 AND kind = 'opened'", &id).await;
        assert_eq!(stored, bad, "{engine:?}");

        // a request's answers that do not parse: its page fails instead of showing it empty
        exec(&app, "UPDATE requests SET answers = $1 WHERE id = $2", "{not json", &case.request_id).await;
        let res = cm.get(app.url(&format!("/api/request_detail?id={}", case.request_id))).send().await.expect("get");
        assert_eq!(res.status().as_u16(), 500, "{engine:?}");
        let answers = raw(&app, "SELECT answers FROM requests WHERE id = $1", &case.request_id).await;
        assert_eq!(answers, "{not json", "{engine:?}");
        app.stop().await;
    }
}
