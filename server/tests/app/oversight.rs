//! Oversight: the figures of the demo (the funnel, waits, caseloads, answers, outcomes), each
//! figure's count matching the cases its drill-down lists, the filters and their refusals, who
//! may look, the pages without script, and the gap map with its outreach action.

use crate::harness::*;
use app::domain::case::CaseStage;
use app::domain::oversight::FUNNEL;
use app::model::{DrillDown, GapMapView, OversightView};

async fn get(app: &TestApp, client: &reqwest::Client, endpoint: &str, query: &str) -> reqwest::Response {
    client.get(app.url(&format!("/api/{endpoint}?query={}", urlencoding(query)))).send().await.expect("get")
}

async fn figures(app: &TestApp, client: &reqwest::Client, query: &str) -> OversightView {
    let res = get(app, client, "oversight", query).await;
    assert_eq!(res.status(), StatusCode::OK, "{query}");
    res.json().await.expect("json")
}

async fn drill(app: &TestApp, client: &reqwest::Client, query: &str, metric: &str) -> DrillDown {
    let res = get(app, client, "oversight_cases", &format!("{query}&metric={}", urlencoding(metric))).await;
    assert_eq!(res.status(), StatusCode::OK, "{metric}");
    res.json().await.expect("json")
}

#[tokio::test]
async fn the_figures_reflect_the_demo_and_each_lists_the_cases_behind_it() {
    for engine in engines() {
        let app = spawn(engine).await;
        let steering = signed_in(&app, "steering@demo.ogpnm.example").await;
        let v = figures(&app, &steering, "").await;
        let f = &v.figures;
        assert!(f.opened >= 8, "{engine:?}: the demo's cases arrived within the last year ({})", f.opened);
        assert_eq!(v.to_day - v.from_day, 364, "{engine:?}: the last year by default");
        let reached: Vec<i64> = f.funnel.iter().map(|s| s.reached).collect();
        assert_eq!(reached[0], f.opened, "{engine:?}: every case reached intake");
        assert!(reached.windows(2).all(|w| w[0] >= w[1]), "{engine:?}: a funnel narrows: {reached:?}");
        assert!(reached[6] > 0, "{engine:?}: some case reached Active");
        assert!(f.to_introduction.count > 0 && f.to_introduction.median.is_some(), "{engine:?}");
        assert!(f.to_agreement.count > 0 && f.to_agreement.p90 >= f.to_agreement.median, "{engine:?}");
        assert!(f.caseload.iter().any(|c| c.manager.is_some() && !c.name.is_empty()), "{engine:?}");
        assert!(f.answers.iter().map(|a| a.1).sum::<i64>() > 0, "{engine:?}: providers answered introductions");
        assert!(f.outcomes.iter().map(|o| o.1).sum::<i64>() > 0, "{engine:?}: cases closed");

        // every figure's count is the length of the list behind it
        for step in &f.funnel {
            let d = drill(&app, &steering, &v.query, &format!("reached:{}", step.stage.key())).await;
            assert_eq!(d.total, step.reached, "{engine:?}: {:?}", step.stage);
            assert_eq!(d.cases.len() as i64, step.reached, "{engine:?}");
        }
        for load in &f.caseload {
            let id = load.manager.clone().unwrap_or_else(|| "none".into());
            let d = drill(&app, &steering, &v.query, &format!("manager:{id}")).await;
            assert_eq!(d.total, load.open + load.closed, "{engine:?}");
            assert!(d.cases.iter().all(|c| c.case_manager_id == load.manager), "{engine:?}");
        }
        let agreed = drill(&app, &steering, &v.query, "agreed").await;
        assert_eq!(agreed.total, f.to_agreement.count, "{engine:?}");
        let held = drill(&app, &steering, &v.query, "now:on_hold").await;
        assert!(held.cases.iter().all(|c| c.stage == CaseStage::OnHold), "{engine:?}");
        assert_eq!(held.total, f.on_hold, "{engine:?}");

        // filters narrow the cases; a period before the demo has none
        let mut some = 0;
        for area in app::domain::taxonomy::IssueArea::ALL {
            let by_area = figures(&app, &steering, &format!("area={}", area.key())).await;
            assert!(by_area.figures.opened <= f.opened, "{engine:?}");
            some += by_area.figures.opened;
        }
        assert!(some >= f.opened, "{engine:?}: every case is about some issue area");
        let old = figures(&app, &steering, "from=2015-01-01&to=2015-12-31").await;
        assert_eq!(old.figures.opened, 0, "{engine:?}");
        assert_eq!(old.figures.funnel.len(), FUNNEL.len(), "{engine:?}");

        // a reversed, an enormous or an unknown filter, an unknown figure: 422, saying which
        for bad in ["from=2025-12-31&to=2025-01-01", "from=1990-01-01&to=2025-01-01", "colour=red", "area=astrology"] {
            assert_eq!(
                get(&app, &steering, "oversight", bad).await.status(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "{bad}"
            );
        }
        let res = get(&app, &steering, "oversight_cases", "metric=reached:nowhere").await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}");
        assert!(res.text().await.expect("body").contains("oversight.error_bad_metric"), "{engine:?}");

        // only steering and admins oversee
        let admin = signed_in(&app, "admin@demo.ogpnm.example").await;
        assert_eq!(get(&app, &admin, "oversight", "").await.status(), StatusCode::OK, "{engine:?}");
        let cm = signed_in(&app, "case.manager@demo.ogpnm.example").await;
        assert_eq!(get(&app, &cm, "oversight", "").await.status(), StatusCode::FORBIDDEN, "{engine:?}");
        assert_eq!(get(&app, &cm, "oversight_cases", "metric=opened").await.status(), StatusCode::FORBIDDEN);
        let gov = member_of(&app, "Ministry of Justice, Judicial Data Office", "olena.oversight@example.org").await;
        assert_eq!(get(&app, &gov, "oversight", "").await.status(), StatusCode::FORBIDDEN, "{engine:?}");
        assert_eq!(get(&app, &new_client(), "oversight", "").await.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn the_pages_render_without_script_and_explain_a_bad_query() {
    let app = spawn(Engine::Sqlite).await;
    let steering = signed_in(&app, "steering@demo.ogpnm.example").await;
    let page = |path: &'static str, lang: &'static str| {
        let (app, client) = (&app, steering.clone());
        async move {
            let res = client.get(app.url(path)).header(ACCEPT_LANGUAGE, lang).send().await.expect("page");
            (res.status(), res.text().await.expect("text"))
        }
    };
    let (status, html) = page("/oversight", "en").await;
    assert_eq!(status, StatusCode::OK);
    for part in
        ["chart-funnel", "chart-caseload", "chart-answers", "chart-outcomes", "<svg", "<desc", "/oversight/cases?"]
    {
        assert!(html.contains(part), "/oversight has {part}");
    }
    let (_, fr) = page("/oversight", "fr").await;
    assert!(fr.contains("L’entonnoir") && fr.contains("Médiane"), "French");
    let (_, es) = page("/oversight/gaps", "es").await;
    assert!(es.contains("Mapa de oferta y demanda"), "Spanish");
    let (status, html) = page("/oversight?from=2025-12-31&to=2025-01-01", "en").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(html.contains("ends before it starts"), "the reason is given");
    let (status, html) = page("/oversight/cases?metric=reached:matching", "en").await;
    assert_eq!(status, StatusCode::OK);
    assert!(html.contains("href=\"/cases/"), "the drill-down links to its cases");
    let (status, _) = page("/oversight/cases?metric=nonsense", "en").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let cm = signed_in(&app, "case.manager@demo.ogpnm.example").await;
    let res = cm.get(app.url("/oversight")).send().await.expect("page");
    assert_eq!(res.status(), StatusCode::FORBIDDEN, "a Case Manager does not oversee");
}

#[tokio::test]
async fn the_gap_map_shows_unmet_demand_and_opens_outreach_for_a_gap() {
    for engine in engines() {
        let app = spawn(engine).await;
        let steering = signed_in(&app, "steering@demo.ogpnm.example").await;
        let res = steering.get(app.url("/api/oversight_gaps")).send().await.expect("gaps");
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        let map: GapMapView = res.json().await.expect("json");
        // every built-in area and the demo's added one, in each of the four regions (an area
        // another test of this process adds meanwhile may add its row: the registry is shared)
        assert!(map.cells.len() > app::domain::taxonomy::IssueArea::ALL.len() * 4, "{engine:?}");
        assert!(map.cells.len().is_multiple_of(4), "{engine:?}");
        let parliaments = map.cells.iter().filter(|c| c.area.key() == "open_parliament");
        assert_eq!(parliaments.map(|c| c.supply).sum::<i64>(), 1, "{engine:?}: the demo's provider of an added area");
        assert!(map.can_start_outreach, "{engine:?}");
        assert!(map.cells.iter().map(|c| c.demand).sum::<i64>() > 0, "{engine:?}: the demo's requests");
        assert!(map.cells.iter().map(|c| c.supply).sum::<i64>() > 0, "{engine:?}: the demo's providers");
        for c in &map.cells {
            assert!(c.by_cost.iter().all(|(_, n)| *n <= c.supply), "{engine:?}: a provider counted once per cost");
        }
        // the cell's count is the roster's own for that area and region
        let cell = map.cells.iter().find(|c| c.demand > 0).expect("a cell with demand");
        let roster: app::model::RosterPage = steering
            .get(app.url(&format!(
                "/api/roster_search?roster=requests&query={}",
                urlencoding(&format!("area={}&region={}", cell.area.key(), cell.region.key()))
            )))
            .send()
            .await
            .expect("roster")
            .json()
            .await
            .expect("json");
        assert_eq!(roster.total, cell.demand, "{engine:?}");

        // a gap becomes an outreach campaign seeking providers, in the caller's language
        let res =
            post_form(&app, &steering, "start_gap_outreach", &[("area", "justice"), ("region", "americas")]).await;
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        let id: String = res.json().await.expect("json");
        let admin = signed_in(&app, "admin@demo.ogpnm.example").await;
        let page =
            admin.get(app.url(&format!("/outreach/{id}"))).send().await.expect("page").text().await.expect("text");
        assert!(page.contains("Providers wanted: Justice"), "{engine:?}");
        let bad =
            post_form(&app, &steering, "start_gap_outreach", &[("area", "astrology"), ("region", "americas")]).await;
        assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}");
        let cm = signed_in(&app, "case.manager@demo.ogpnm.example").await;
        let res = post_form(&app, &cm, "start_gap_outreach", &[("area", "justice"), ("region", "americas")]).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");
        assert_eq!(cm.get(app.url("/api/oversight_gaps")).send().await.expect("gaps").status(), StatusCode::FORBIDDEN);
    }
}
