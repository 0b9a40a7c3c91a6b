//! Selection, written agreements, follow-up and success stories, over HTTP as the pages' forms
//! post them, on the demo case whose two introductions were accepted.

use crate::harness::*;
use app::domain::case::CaseStage;

pub(crate) const GOVERNMENT: &str = "Ministry of National Education, Open Schools Programme";
pub(crate) const CHOSEN: &str = "Atelier Données Publiques";
const OTHER: &str = "Initiative citoyenne pour les données ouvertes (demo)";

pub(crate) async fn org(app: &TestApp, name: &str) -> String {
    let mut tx = app.db.write().begin().await.expect("begin");
    app::db::organisations::id_by_name(&mut tx, name).await.expect("q").expect("org")
}

pub(crate) async fn the_case(app: &TestApp) -> app::db::cases::Case {
    let gov = org(app, GOVERNMENT).await;
    app::db::cases::of_organisation(app.db.read(), &gov).await.expect("q").remove(0).case
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

pub(crate) async fn agreement(app: &TestApp, client: &reqwest::Client, case: &str) -> app::model::AgreementPage {
    let (status, page) = get_json(app, client, &format!("/api/agreement_detail?id={case}")).await;
    page.unwrap_or_else(|| panic!("agreement: {status}"))
}

/// Complete terms, with `extra` deliverables (a change makes a new version).
pub(crate) fn terms(case: &str, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![
        ("id".into(), case.into()),
        ("objectives".into(), "Publish each school's budget every term.".into()),
        ("deliverable_what".into(), "A publication pipeline".into()),
        ("deliverable_due".into(), "2027-03-01".into()),
        ("responsibility_party".into(), GOVERNMENT.into()),
        ("responsibility_duties".into(), "Shares the budget files.".into()),
        ("responsibility_party".into(), CHOSEN.into()),
        ("responsibility_duties".into(), "Builds the pipeline; trains three regions.".into()),
        ("cost".into(), "Fees paid by the programme.".into()),
        ("communication".into(), "A call every two weeks, in French.".into()),
        ("starts".into(), "2027-01-04".into()),
        ("ends".into(), "2027-06-30".into()),
    ];
    for (what, due) in extra {
        f.push(("deliverable_what".into(), what.to_string()));
        f.push(("deliverable_due".into(), due.to_string()));
    }
    f
}

pub(crate) async fn post(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    fields: &[(String, String)],
) -> reqwest::Response {
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    post_form(app, client, endpoint, &fields).await
}

pub(crate) async fn accept(
    app: &TestApp,
    client: &reqwest::Client,
    page: &app::model::AgreementPage,
    party: &str,
) -> reqwest::Response {
    let v = page.current.as_ref().expect("a version");
    let fields = [
        ("id", page.case_id.as_str()),
        ("version", &v.version.to_string()),
        ("sha256", v.sha256.as_str()),
        ("party", party),
    ];
    post_form(app, client, "accept_agreement", &fields).await
}

#[tokio::test]
async fn the_government_selects_every_party_accepts_one_version_and_the_case_turns_active() {
    for engine in engines() {
        let app = spawn(engine).await;
        let case = the_case(&app).await;
        assert_eq!(case.stage, CaseStage::Introductions, "{engine:?}: the demo case waits for its choice");
        let gov = new_client();
        sign_in_as(&app, &gov, "open.schools@demo.ogpnm.example").await;
        let chosen = new_client();
        sign_in_as(&app, &chosen, "atelier.donnees@demo.ogpnm.example").await;
        let other = new_client();
        sign_in_as(&app, &other, "donnees.citoyennes@demo.ogpnm.example").await;
        let cm = new_client();
        sign_in_as(&app, &cm, "case.manager2@demo.ogpnm.example").await;
        let stranger = new_client();
        sign_in_as(&app, &stranger, "geomaps@demo.ogpnm.example").await;

        // the comparison: the government sees both; a provider of no introduction nothing
        let (_, page) =
            get_json::<app::model::SelectionPage>(&app, &gov, &format!("/api/selection_detail?id={}", case.id)).await;
        let page = page.expect("the government compares");
        assert!(page.can_select && page.cards.len() == 2, "{engine:?}");
        assert!(page.cards.iter().all(|c| c.profile.is_some() && c.matched.is_some() && c.answered_in_ms.is_some()));
        let (status, _) =
            get_json::<app::model::SelectionPage>(&app, &stranger, &format!("/api/selection_detail?id={}", case.id))
                .await;
        assert_eq!(status, StatusCode::NOT_FOUND);

        // a provider never introduced, nobody, or a provider choosing: refused, nothing recorded
        let geomaps = org(&app, "GeoMaps Cooperative").await;
        for (client, provider) in [(&gov, geomaps.as_str()), (&gov, ""), (&chosen, "x")] {
            let res = post_form(&app, client, "select_providers", &[("id", &case.id), ("provider", provider)]).await;
            assert!(res.status().is_client_error(), "{engine:?} {provider}: {}", res.status());
        }
        assert!(app::db::agreements::selected(app.db.read(), &case.id).await.expect("q").is_empty());

        // the choice: recorded, the case on to Agreement, the other provider thanked in its thread
        let chosen_org = org(&app, CHOSEN).await;
        assert!(ok(&post_form(&app, &gov, "select_providers", &[("id", &case.id), ("provider", &chosen_org)]).await));
        assert_eq!(the_case(&app).await.stage, CaseStage::Agreement, "{engine:?}");
        let other_org = org(&app, OTHER).await;
        let thread = app::db::threads::of_case(app.db.read(), &case.id)
            .await
            .expect("threads")
            .into_iter()
            .find(|t| t.organisations().contains(&other_org))
            .expect("the other provider's thread");
        let said = app::db::threads::after(app.db.read(), &thread.id, 0, 100).await.expect("messages");
        assert!(said.last().is_some_and(|m| m.body.contains("Thank you")), "{engine:?}");
        app.smtp.wait_for("case.manager2@demo.ogpnm.example", "selected its providers").await;

        // the agreement: nothing to accept yet; a provider not chosen does not see it
        assert!(agreement(&app, &gov, &case.id).await.current.is_none());
        let (status, _) =
            get_json::<app::model::AgreementPage>(&app, &other, &format!("/api/agreement_detail?id={}", case.id)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{engine:?}");

        // incomplete terms are refused; the government cannot write them
        let mut bad = terms(&case.id, &[]);
        bad.retain(|(k, _)| k != "cost");
        assert_eq!(post(&app, &cm, "write_agreement", &bad).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
        assert!(post(&app, &gov, "write_agreement", &terms(&case.id, &[])).await.status().is_client_error());
        assert!(ok(&post(&app, &cm, "write_agreement", &terms(&case.id, &[])).await));
        let v1 = agreement(&app, &gov, &case.id).await;
        let gov_party = format!("government:{}", case.organisation_id);
        assert!(ok(&accept(&app, &gov, &v1, &gov_party).await));
        assert!(accept(&app, &gov, &v1, &gov_party).await.status().is_client_error(), "accepted twice");
        // the government cannot accept for the provider
        assert!(accept(&app, &gov, &v1, &format!("provider:{chosen_org}")).await.status().is_client_error());

        // a change makes version 2: the difference shown, everyone asked again, v1 outdated
        let extra = [("A guide for parents' associations", "2027-05-01")];
        assert!(ok(&post(&app, &cm, "write_agreement", &terms(&case.id, &extra)).await));
        let v2 = agreement(&app, &chosen, &case.id).await;
        assert_eq!(v2.current.as_ref().map(|v| v.version), Some(2), "{engine:?}");
        assert!(v2
            .changes
            .iter()
            .any(|c| matches!(c, app::domain::agreements::Change::Added(l) if l.text.contains("parents"))));
        assert!(v2.parties.iter().all(|p| p.accepted_at.is_none()), "a change asks everyone again");
        let res = accept(&app, &gov, &v1, &gov_party).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}: an outdated version");

        // the government and the provider accept at the same instant; then the Case Manager
        let cm_id = the_case(&app).await.case_manager_id.expect("a Case Manager");
        let provider_party = format!("provider:{chosen_org}");
        let (a, b) = tokio::join!(accept(&app, &gov, &v2, &gov_party), accept(&app, &chosen, &v2, &provider_party));
        assert!(ok(&a) && ok(&b), "{engine:?}: {} {}", a.status(), b.status());
        assert_eq!(the_case(&app).await.stage, CaseStage::Agreement);
        assert!(ok(&accept(&app, &cm, &v2, &format!("case_manager:{cm_id}")).await));
        assert_eq!(the_case(&app).await.stage, CaseStage::Active, "{engine:?}: every party accepted version 2");
        let record = app::db::agreements::acceptances(app.db.read(), &case.id).await.expect("record");
        assert_eq!(record.len(), 4, "one of v1, three of v2");
        let timeline = app::db::cases::timeline(app.db.read(), &case.id).await.expect("timeline");
        let to_active = timeline
            .iter()
            .filter(|e| matches!(e.change, app::domain::timeline::Change::Stage { to: CaseStage::Active, .. }))
            .count();
        assert_eq!(to_active, 1, "{engine:?}: moved once");

        // an acceptance is never changed or deleted, not even by a query
        for sql in ["DELETE FROM agreement_acceptances", "UPDATE agreement_acceptances SET version = 9"] {
            let refused = app::db_run!(app.db.write(), |pool| sqlx::query(sql).execute(pool).await.map(|_| ()));
            assert!(refused.is_err(), "{engine:?}: {sql}");
        }
        assert_eq!(app::db::agreements::acceptances(app.db.read(), &case.id).await.expect("record").len(), 4);
        app.stop().await;
    }
}

#[tokio::test]
async fn follow_ups_are_asked_once_per_side_and_the_story_needs_every_approval() {
    for engine in engines() {
        let app = spawn(engine).await;
        // the demo's closed case: its story is public, its follow-ups answered
        let health = org(&app, "Ministry of Health, Service Transparency Unit").await;
        let case = app::db::cases::of_organisation(app.db.read(), &health).await.expect("q").remove(0).case;
        assert_eq!(case.stage, CaseStage::Closed, "{engine:?}");
        let res = app.get("/stories").await;
        let html = res.text().await.expect("html");
        assert!(html.contains("Patients report, counties respond"), "{engine:?}");
        let feed = app.get("/stories/feed.xml").await;
        assert!(feed.headers()["content-type"].to_str().expect("type").starts_with("application/atom+xml"));
        assert!(feed.text().await.expect("feed").contains("<entry>"));

        // asking again (another instance, a restart) asks nobody twice
        let asked = app::api::followups::ask_follow_ups(&app.db, &app.mailer, app::db::now_ms()).await.expect("ask");
        let again = app::api::followups::ask_follow_ups(&app.db, &app.mailer, app::db::now_ms()).await.expect("ask");
        assert_eq!(again, 0, "{engine:?}: {asked} asked first, nothing the second time");
        let rows = app::db::followups::of_case(app.db.read(), &case.id).await.expect("rows");
        assert_eq!(rows.len(), 4, "{engine:?}: two sides, two milestones");

        // the provider withdraws its consent: the story comes down; approving again puts it back
        let kijiji = new_client();
        sign_in_as(&app, &kijiji, "kijiji@demo.ogpnm.example").await;
        let (_, desk) =
            get_json::<app::model::StoryDesk>(&app, &kijiji, &format!("/api/story_desk?id={}", case.id)).await;
        let desk = desk.expect("the provider's desk");
        let party = desk.withdraw_as.first().cloned().expect("it may withdraw");
        let withdraw = [("id", case.id.as_str()), ("sha256", ""), ("party", party.as_str()), ("withdraw", "1")];
        assert!(ok(&post_form(&app, &kijiji, "consent_story", &withdraw).await));
        assert!(!app.get("/stories").await.text().await.expect("html").contains("Patients report"), "{engine:?}");
        // an approval of another text is refused
        let stale = [("id", case.id.as_str()), ("sha256", "0000"), ("party", party.as_str()), ("withdraw", "0")];
        assert_eq!(post_form(&app, &kijiji, "consent_story", &stale).await.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let approve =
            [("id", case.id.as_str()), ("sha256", desk.sha256.as_str()), ("party", party.as_str()), ("withdraw", "0")];
        assert!(ok(&post_form(&app, &kijiji, "consent_story", &approve).await));
        assert!(app.get("/stories").await.text().await.expect("html").contains("Patients report"));

        // an edit by the Case Manager takes it down until every party approves the new text
        let cm = new_client();
        sign_in_as(&app, &cm, "case.manager2@demo.ogpnm.example").await;
        let edit = [
            ("id", case.id.as_str()),
            ("title", "Patients report, counties respond"),
            ("summary", desk.text.summary.as_str()),
            ("body", "A shorter text."),
        ];
        assert!(ok(&post_form(&app, &cm, "write_story", &edit).await));
        assert!(!app.get("/stories").await.text().await.expect("html").contains("Patients report"), "{engine:?}");
        // a government that is no party cannot approve it
        let stranger = new_client();
        sign_in_as(&app, &stranger, "open.schools@demo.ogpnm.example").await;
        let (status, _) =
            get_json::<app::model::StoryDesk>(&app, &stranger, &format!("/api/story_desk?id={}", case.id)).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        app.stop().await;
    }
}
