//! What an operator sees: `/metrics` in the Prometheus text format, for configured addresses
//! only; a request id in the response, in error pages and in every log line of the request;
//! JSON logs when configured.

use crate::harness::*;

#[tokio::test]
async fn metrics_count_requests_by_route_and_read_the_live_outbox_and_pool_state() {
    for engine in engines() {
        let app = spawn(engine).await;
        assert_eq!(app.get("/").await.status(), StatusCode::OK);
        assert_eq!(app.get("/no-such-page").await.status(), StatusCode::NOT_FOUND);
        let res = app.get("/metrics").await;
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}: from this machine");
        assert!(res.headers()[CONTENT_TYPE].to_str().expect("type").starts_with("application/openmetrics-text"));
        let text = res.text().await.expect("body");
        for needle in [
            "ogpnm_http_requests_total{method=\"GET\",route=\"/\",status=\"200\"} 1",
            "ogpnm_http_requests_total{method=\"GET\",route=\"other\",status=\"404\"} 1",
            "ogpnm_http_request_duration_seconds_bucket{le=\"10.0\",route=\"/\"} 1",
            "ogpnm_live_connections 0",
            "ogpnm_outbox_mails{state=\"waiting\"}",
            "ogpnm_outbox_mails{state=\"failed\"}",
            "ogpnm_db_pool_connections{pool=",
            "ogpnm_database_up 1",
            "# EOF",
        ] {
            assert!(text.contains(needle), "{engine:?}: {needle} in\n{text}");
        }
        // the path of a page never becomes a label (one series per case would grow forever)
        assert!(!text.contains("no-such-page"), "{engine:?}");

        // a request that came through a proxy is refused, whatever its peer
        let res =
            app.client.get(app.url("/metrics")).header("x-forwarded-for", "203.0.113.7").send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn every_response_carries_its_request_id_and_error_pages_show_it() {
    let app = spawn(Engine::Sqlite).await;
    let res = app.get("/no-such-page").await;
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let id = res.headers()["x-request-id"].to_str().expect("id").to_string();
    assert!(id.len() >= 32, "a UUID: {id}");
    let page = res.text().await.expect("page");
    assert!(page.contains(&id), "the error page names its request");
    // a proxy's id is kept (a plain token), a hostile one replaced
    let res = app.client.get(app.url("/")).header("x-request-id", "edge-7f3a-01").send().await.expect("get");
    assert_eq!(res.headers()["x-request-id"], "edge-7f3a-01");
    let res = app.client.get(app.url("/")).header("x-request-id", "<script>x</script>").send().await.expect("get");
    assert_ne!(res.headers()["x-request-id"], "<script>x</script>");
    // in French too
    let res = app.client.get(app.url("/no-such-page")).header(ACCEPT_LANGUAGE, "fr").send().await.expect("get");
    assert!(res.text().await.expect("page").contains("Référence"));
    app.stop().await;
}

#[tokio::test]
async fn json_logs_carry_the_request_id_and_the_jobs_are_counted() {
    let app = spawn(Engine::Sqlite).await;
    let served =
        serve_binary(&app, free_port(), &[("OGPNM_LOG_FORMAT", "json"), ("RUST_LOG", "warn,server=debug")]).await;
    let client = reqwest::Client::new();
    let res = client
        .get(format!("{}/no-such-page", served.base))
        .header("x-request-id", "probe-42")
        .send()
        .await
        .expect("get");
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    // the background jobs run once at start, then at their period
    let mut text = String::new();
    for _ in 0..50 {
        text = client.get(format!("{}/metrics", served.base)).send().await.expect("get").text().await.expect("body");
        if text.contains("job=\"introduction_sweep\",outcome=\"ok\"") {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(text.contains("ogpnm_background_job_runs_total{job=\"introduction_sweep\",outcome=\"ok\"} 1"), "{text}");
    let log = served.log();
    let lines: Vec<serde_json::Value> = log.lines().filter_map(|l| serde_json::from_str(l).ok()).collect();
    assert!(!lines.is_empty() && lines.len() == log.lines().count(), "every line is JSON:\n{log}");
    let answered = lines
        .iter()
        .find(|l| l["span"]["id"] == "probe-42")
        .unwrap_or_else(|| panic!("a line of the request, with its id:\n{log}"));
    assert_eq!(answered["fields"]["status"], 404, "{answered}");
    drop(served);
    app.stop().await;
}

#[test]
fn an_unknown_log_format_or_metrics_network_is_refused_at_start() {
    let (ok, said) = ogpnm(&["migrate"], &[("OGPNM_LOG_FORMAT", "xml"), ("DATABASE_URL", "sqlite::memory:")]);
    assert!(!ok && said.contains("OGPNM_LOG_FORMAT"), "{said}");
    let (ok, said) =
        ogpnm(&["migrate"], &[("OGPNM_METRICS_ALLOW", "10.0.0.0/99"), ("DATABASE_URL", "sqlite::memory:")]);
    assert!(!ok && said.contains("OGPNM_METRICS_ALLOW"), "{said}");
}
