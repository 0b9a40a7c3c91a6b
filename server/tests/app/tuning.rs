//! Tuning the mechanism: the settings in force (the built-in ones until someone saves), a
//! proposal previewed on the open cases' rankings, saved by steering with a reason as a new
//! version (refusals say which field; a stale version is a conflict), and the Case Manager's
//! ranking following the saved weights.

use crate::harness::*;
use app::domain::matching::FactorKind;
use app::model::{CasePage, TuningView};

async fn tuning(app: &TestApp, client: &reqwest::Client, query: &str) -> reqwest::Response {
    client.get(app.url(&format!("/api/tuning?query={}", urlencoding(query)))).send().await.expect("tuning")
}

fn proposal<'a>(version: &'a str, areas: &'a str, reason: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("version", version),
        ("areas", areas),
        ("assistance", "150"),
        ("languages", "600"),
        ("geography", "100"),
        ("cost", "100"),
        ("capacity", "50"),
        ("kind", "50"),
        ("window", "10"),
        ("reason", reason),
    ]
}

#[tokio::test]
async fn steering_previews_and_saves_weights_that_the_case_manager_ranks_with() {
    for engine in engines() {
        let app = spawn(engine).await;
        let steering = signed_in(&app, "steering@demo.ogpnm.example").await;
        let v: TuningView = tuning(&app, &steering, "").await.json().await.expect("json");
        assert_eq!(v.version, 0, "{engine:?}: never tuned");
        assert_eq!(v.current.weights, app::domain::matching::Weights::default(), "{engine:?}");
        assert!(v.can_tune && v.history.is_empty() && v.preview.is_none(), "{engine:?}");

        // the preview: issue areas no longer count, languages count most
        let res = tuning(&app, &steering, "preview=1&areas=0&languages=600").await;
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        let p = res.json::<TuningView>().await.expect("json").preview.expect("a preview");
        assert!(p.ranked > 0 && !p.changed.is_empty(), "{engine:?}: some open case's best five move");
        assert!(p.changed.iter().all(|c| !c.government.is_empty() && !c.shifts.is_empty()), "{engine:?}");
        assert_eq!(tuning(&app, &steering, "preview=1&cost=5000").await.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(tuning(&app, &steering, "preview=1&window=0").await.status(), StatusCode::UNPROCESSABLE_ENTITY);

        // only steering saves; a reason is required; a stale version is a conflict
        let admin = signed_in(&app, "admin@demo.ogpnm.example").await;
        let cm = signed_in(&app, "case.manager@demo.ogpnm.example").await;
        let why = "Peer exchange depends on a shared language first.";
        for other in [&admin, &cm] {
            let res = post_form(&app, other, "save_tuning", &proposal("0", "0", why)).await;
            assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");
        }
        let res = post_form(&app, &steering, "save_tuning", &proposal("0", "0", " ")).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}");
        assert!(res.text().await.expect("body").contains("tuning.error_reason"), "{engine:?}");
        let res = post_form(&app, &steering, "save_tuning", &proposal("0", "1001", why)).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}");
        assert_eq!(
            post_form(&app, &steering, "save_tuning", &proposal("3", "0", why)).await.status(),
            StatusCode::CONFLICT
        );
        let res = post_form(&app, &steering, "save_tuning", &proposal("0", "0", why)).await;
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        assert_eq!(res.json::<i64>().await.expect("json"), 1, "{engine:?}");
        // the same version again: someone saved first
        assert_eq!(
            post_form(&app, &steering, "save_tuning", &proposal("0", "0", why)).await.status(),
            StatusCode::CONFLICT
        );

        let v: TuningView = tuning(&app, &steering, "").await.json().await.expect("json");
        assert_eq!(
            (v.version, v.current.weights.areas, v.current.weights.languages, v.current.window_days),
            (1, 0, 600, 10)
        );
        assert_eq!(v.history.len(), 1, "{engine:?}");
        assert_eq!((v.history[0].reason.as_str(), v.history[0].by.is_empty()), (why, false), "{engine:?}");

        // the Case Manager's ranking follows: issue areas give no points, languages up to 600
        let board = case_board(&app, &cm, "mine=1&stage=matching").await;
        let id = board.cases.first().expect("a case of Lucía's in Matching").id.clone();
        let page: CasePage = cm
            .get(app.url(&format!("/api/case_detail?id={id}")))
            .send()
            .await
            .expect("get")
            .json()
            .await
            .expect("json");
        let CasePage::Staff(view) = page else { panic!("{engine:?}: the staff view") };
        let matches = view.matches.expect("the case team sees matches");
        assert!(!matches.is_empty(), "{engine:?}");
        for m in &matches {
            let max = |k: FactorKind| m.arranged.ranked.factors.iter().find(|f| f.kind == k).map(|f| f.max);
            assert_eq!((max(FactorKind::Areas), max(FactorKind::Languages)), (Some(0), Some(600)), "{engine:?}");
        }
    }
}
