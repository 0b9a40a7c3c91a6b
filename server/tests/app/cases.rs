//! Cases: the state machine over HTTP, scoping, confirmation and explained matches.

use crate::harness::*;

#[tokio::test]
async fn cases_move_only_as_the_state_machine_allows_and_a_stale_writer_changes_nothing() {
    use app::db::cases::{self, Author, Refused};
    use app::domain::case::{CaseFacts, CaseStage, Move, Outcome, Refusal};
    for engine in engines() {
        let app = spawn(engine).await;
        // every demo request has its case
        let mut tx = app.db.write().begin().await.expect("begin");
        let org = app::db::organisations::id_by_name(&mut tx, "Directorate of Public Procurement")
            .await
            .expect("q")
            .expect("org");
        drop(tx);
        let requests = app::db::surveys::requests_of(app.db.read(), &[org]).await.expect("requests");
        let case = cases::of_request(app.db.read(), &requests[0].id).await.expect("q").expect("case");
        let cm = account(&app, "case.manager@demo.ogpnm.example").await;
        let loads_before = cases::caseloads(app.db.read()).await.expect("loads");
        let facts = CaseFacts::default();
        let mv = |version: i64, to: CaseStage| {
            let db = app.db.clone();
            let id = case.id.clone();
            let cm = cm.user_id.clone();
            async move {
                let mut tx = db.write().begin().await.expect("begin");
                let out = cases::move_case(
                    &mut tx,
                    &id,
                    version,
                    Move::To(to),
                    &facts,
                    20_000,
                    Author::now(Some(&cm), "test"),
                )
                .await
                .expect("move");
                tx.commit().await.expect("commit");
                out
            }
        };
        // no Case Manager yet: scoping is refused, nothing changes
        assert_eq!(mv(1, CaseStage::Scoping).await, Err(Refused::Move(Refusal::NeedsCaseManager)), "{engine:?}");
        let mut tx = app.db.write().begin().await.expect("begin");
        let assigned =
            cases::assign(&mut tx, &case.id, 1, Some(&cm.user_id), Author::now(Some(&cm.user_id), "takes it"))
                .await
                .expect("assign")
                .expect("assigned");
        tx.commit().await.expect("commit");
        assert_eq!(assigned.version, 2);
        let moved = mv(2, CaseStage::Scoping).await.expect("scoping");
        assert_eq!((moved.stage, moved.version), (CaseStage::Scoping, 3), "{engine:?}");
        // a second writer who read version 2 gets the current case back, and nothing changes
        match mv(2, CaseStage::Intake).await {
            Err(Refused::Stale(now)) => assert_eq!((now.stage, now.version), (CaseStage::Scoping, 3)),
            other => panic!("{engine:?}: expected stale, got {other:?}"),
        }
        // an illegal jump is refused by name
        assert_eq!(mv(3, CaseStage::Active).await, Err(Refused::Move(Refusal::NotAllowed)), "{engine:?}");
        // hold and resume where it was, then withdraw
        let mut tx = app.db.write().begin().await.expect("begin");
        let held = cases::move_case(
            &mut tx,
            &case.id,
            3,
            Move::Hold { until_day: 20_010 },
            &facts,
            20_000,
            Author::now(None, "elections"),
        )
        .await
        .expect("q")
        .expect("held");
        assert_eq!((held.stage, held.held_from), (CaseStage::OnHold, Some(CaseStage::Scoping)));
        let back = cases::move_case(&mut tx, &case.id, 4, Move::Resume, &facts, 20_011, Author::now(None, ""))
            .await
            .expect("q")
            .expect("back");
        assert_eq!(back.stage, CaseStage::Scoping);
        let closed = cases::move_case(
            &mut tx,
            &case.id,
            5,
            Move::Close(Outcome::Withdrawn),
            &facts,
            20_011,
            Author::now(None, ""),
        )
        .await
        .expect("q")
        .expect("closed");
        tx.commit().await.expect("commit");
        assert_eq!((closed.stage, closed.outcome), (CaseStage::Closed, Some(Outcome::Withdrawn)));
        let timeline = cases::timeline(app.db.read(), &case.id).await.expect("timeline");
        let kinds: Vec<_> =
            timeline.iter().map(|e| (e.change.kind().key(), e.change.stages().1.map_or("", |s| s.key()))).collect();
        assert_eq!(
            kinds,
            [
                ("opened", "intake"),
                ("assigned", ""),
                ("stage", "scoping"),
                ("stage", "on_hold"),
                ("stage", "scoping"),
                ("stage", "closed")
            ],
            "{engine:?}: every change, in order, and no refused one"
        );
        let mut after = cases::caseloads(app.db.read()).await.expect("loads");
        let mut before = loads_before.clone();
        after.sort();
        before.sort();
        assert_eq!(after, before, "{engine:?}: a closed case is no load");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_request_is_scoped_confirmed_by_its_government_and_shortlisted_from_explained_matches() {
    use app::domain::case::CaseStage;
    use app::domain::casework::Decision;
    use app::model::{CaseBoard, CasePage, CaseView, GovCaseView};
    for engine in engines() {
        let app = spawn(engine).await;
        let mut heard = app.events.subscribe();
        let cm = new_client();
        sign_in_as(&app, &cm, "case.manager@demo.ogpnm.example").await;

        // the board: the demo has cases in every stage, and its filters work
        let board = |client: reqwest::Client, query: &'static str| {
            let url = app.url(&format!("/api/case_list?query={}", urlencoding(query)));
            async move { client.get(url).send().await.expect("get") }
        };
        let all: CaseBoard = board(cm.clone(), "").await.json().await.expect("json");
        assert_eq!(all.total, 16, "{engine:?}: a case per demo request");
        // the demo is made through the product's own paths: every stage has a case
        assert!(all.counts.iter().all(|c| c.cases > 0), "{engine:?}: every stage has a case: {:?}", all.counts);
        let intake: CaseBoard = board(cm.clone(), "stage=intake").await.json().await.expect("json");
        assert!(intake.cases.iter().all(|c| c.stage == CaseStage::Intake) && intake.cases.len() == 3, "{engine:?}");
        let mine: CaseBoard = board(cm.clone(), "mine=1").await.json().await.expect("json");
        assert!(
            !mine.cases.is_empty() && mine.cases.iter().all(|c| c.case_manager.as_deref() == Some("Lucía Fernández"))
        );
        let overdue: CaseBoard = board(cm.clone(), "overdue=1").await.json().await.expect("json");
        assert_eq!(overdue.cases.len(), 2, "{engine:?}: two demo cases are past their next step");
        let mining: CaseBoard =
            board(cm.clone(), "area=extractive_industries&region=africa_middle_east").await.json().await.expect("json");
        assert!(mining.cases.iter().any(|c| c.organisation.starts_with("National Mining Cadastre")), "{engine:?}");
        let res = board(cm.clone(), "stage=limbo").await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}: an unknown filter value is refused");

        let case =
            all.cases.iter().find(|c| c.organisation == "Directorate of Public Procurement").expect("case").clone();
        let id = case.id.clone();
        let detail = |client: reqwest::Client| {
            let url = app.url(&format!("/api/case_detail?id={id}"));
            async move { client.get(url).send().await.expect("get") }
        };
        let staff = |page: CasePage| match page {
            CasePage::Staff(v) => *v,
            CasePage::Government(_) => panic!("a staff view was expected"),
        };
        let view: CaseView = staff(detail(cm.clone()).await.json().await.expect("json"));
        assert!(view.moves.is_empty() && view.can_assign && view.matches.is_none(), "{engine:?}: not theirs yet");
        assert!(
            view.scope_is_draft && !view.scope.scope.areas.is_empty(),
            "{engine:?}: a first scope from the request"
        );

        // the Case Manager takes the case and starts scoping
        let me = account(&app, "case.manager@demo.ogpnm.example").await;
        let res = post_form(
            &app,
            &cm,
            "assign_case",
            &[("id", &id), ("version", "1"), ("case_manager", &me.user_id), ("reason", "")],
        )
        .await;
        assert!(ok(&res), "{engine:?}: {}", res.status());
        let mv = |version: &'static str, action: &'static str| {
            let (cm, id) = (cm.clone(), id.clone());
            let app = &app;
            async move {
                post_form(
                    app,
                    &cm,
                    "move_case",
                    &[("id", &id), ("version", version), ("action", action), ("reason", "")],
                )
                .await
            }
        };
        assert!(ok(&mv("2", "scoping").await), "{engine:?}");
        let res = mv("3", "matching").await;
        assert!(
            res.text().await.expect("body").contains("case.refused_needs_scope"),
            "{engine:?}: a written scope first"
        );

        // another Case Manager sees the case but neither its matches nor its notes, and cannot work it
        let other_cm = new_client();
        sign_in_as(&app, &other_cm, "case.manager2@demo.ogpnm.example").await;
        let theirs: CaseView = staff(detail(other_cm.clone()).await.json().await.expect("json"));
        assert!(theirs.matches.is_none() && theirs.notes.is_none() && !theirs.can_work, "{engine:?}");
        let res =
            post_form(&app, &other_cm, "add_case_note", &[("id", &id), ("kind", "internal"), ("body", "mine now")])
                .await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}");
        let form =
            reqwest::multipart::Form::new().text("id", id.clone()).text("version", "3").text("areas", "open_data");
        let res = other_cm.post(app.url("/api/write_scope")).multipart(form).send().await.expect("post");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}: only its Case Manager writes the scope");
        // live events are for people signed in
        let res = new_client().get(app.url("/events?topic=cases")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{engine:?}");

        // the structured scope: an empty one is refused and changes nothing
        let scope = |version: &'static str, areas: &'static [&'static str]| {
            let mut form = reqwest::multipart::Form::new().text("id", id.clone()).text("version", version);
            for a in areas {
                form = form.text("areas", *a);
            }
            form = form
                .text("languages", "uk")
                .text("languages", "en")
                .text("regions", "europe")
                .text("countries", "UA")
                .text("assistance", "training")
                .text("budget", "funded")
                .text("timeline", "next_months")
                .text(
                    "objectives",
                    "Civil society monitors tenders in three pilot regions using the open contracting data.",
                )
                .text("deliverables", "A monitoring method, training for 30 monitors, a public dashboard.");
            cm.post(app.url("/api/write_scope")).multipart(form).send()
        };
        let res = scope("3", &[]).await.expect("post");
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}");
        assert!(res.text().await.expect("body").contains("case.error_empty_scope"), "{engine:?}");
        let res = scope("3", &["open_contracting", "anti_corruption"]).await.expect("post");
        assert!(ok(&res), "{engine:?}: {}", res.status());
        assert!(ok(&mv("4", "matching").await), "{engine:?}");

        // explained matches for the scope; decisions on them
        let view: CaseView = staff(detail(cm.clone()).await.json().await.expect("json"));
        assert!(!view.scope_is_draft && view.scope.scope.areas.len() == 2 && view.scope_confirmed_at.is_none());
        let matches = view.matches.clone().expect("the Case Manager sees the matches");
        assert_eq!(matches.len(), 10, "{engine:?}");
        assert!(matches.iter().all(|m| {
            let r = &m.arranged.ranked;
            !m.name.is_empty() && r.score == r.factors.iter().map(|f| f.points).sum::<u32>()
        }));
        assert!(matches.windows(2).all(|w| w[0].arranged.ranked.score >= w[1].arranged.ranked.score), "best first");
        let ids: Vec<String> = matches.iter().map(|m| m.arranged.ranked.id.clone()).collect();
        // each decision is made on the case's version and moves it on
        let decide = |version: &'static str, provider: String, decision: &'static str, reason: &'static str| {
            let (cm, id) = (cm.clone(), id.clone());
            let app = &app;
            async move {
                let fields = [
                    ("id", id.as_str()),
                    ("version", version),
                    ("provider", &provider),
                    ("decision", decision),
                    ("reason", reason),
                ];
                post_form(app, &cm, "decide_match", &fields).await
            }
        };
        let res = decide("5", "no-such-provider".into(), "shortlisted", "").await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}");
        assert!(res.text().await.expect("body").contains("case.error_unknown_provider"), "{engine:?}");
        let res = decide("5", ids[2].clone(), "excluded", " ").await;
        assert!(res.text().await.expect("body").contains("case.error_reason_required"), "{engine:?}");
        assert!(ok(&decide("5", ids[0].clone(), "shortlisted", "").await), "{engine:?}");
        assert!(ok(&decide("6", ids[1].clone(), "shortlisted", "Peer who did the same").await), "{engine:?}");
        assert!(ok(&decide("7", ids[2].clone(), "excluded", "Conflict of interest: advises a bidder").await));
        assert!(ok(&decide("8", ids[3].clone(), "pinned", "Ask about their capacity").await));
        let res = decide("8", ids[4].clone(), "shortlisted", "").await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{engine:?}: a decision on a stale version changes nothing");
        let res = mv("9", "introductions").await;
        assert!(res.text().await.expect("body").contains("case.refused_needs_confirmed_scope"), "{engine:?}");

        // the government sees its own case in plain terms and confirms the scope it read
        let government = member_of(&app, "Directorate of Public Procurement", "olena@procurement.example").await;
        let gov = |page: CasePage| match page {
            CasePage::Government(v) => *v,
            CasePage::Staff(_) => panic!("a government view was expected"),
        };
        let mine: GovCaseView = gov(detail(government.clone()).await.json().await.expect("json"));
        assert_eq!((mine.stage, mine.can_confirm, mine.scope_confirmed_at), (CaseStage::Matching, true, None));
        assert_eq!(mine.scope.as_ref().map(|s| s.scope.areas.len()), Some(2));
        assert!(mine.introduced.is_empty(), "{engine:?}: no introductions before the stage");
        let res = post_form(&app, &government, "confirm_scope", &[("id", &id), ("version", "4")]).await;
        assert_eq!(
            res.status(),
            StatusCode::CONFLICT,
            "{engine:?}: a scope changed since it was read is not confirmed"
        );
        // the same from a plain form: back to the case page, which shows the conflict and the scope as it now is
        let res = government
            .post(app.url("/api/confirm_scope"))
            .header(reqwest::header::ACCEPT, "text/html")
            .header(reqwest::header::REFERER, app.url(&format!("/cases/{id}")))
            .form(&[("id", id.as_str()), ("version", "4")])
            .send()
            .await
            .expect("post");
        assert_eq!(res.headers()[LOCATION], format!("/cases/{id}#scope").as_str(), "{engine:?}");
        let page = government.get(app.url(&format!("/cases/{id}"))).send().await.expect("get").text().await.expect("t");
        assert!(page.contains("Someone else changed this in the meantime"), "{engine:?}: the conflict is said");
        assert!(page.contains("Confirm this scope"), "{engine:?}: and the current scope is there to confirm");
        let res = post_form(&app, &government, "confirm_scope", &[("id", &id), ("version", "9")]).await;
        assert!(ok(&res), "{engine:?}: {}", res.status());
        let res = government.get(app.url("/api/case_list?query=")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}: the board is for staff");
        let theirs: Vec<app::model::GovCaseSummary> =
            government.get(app.url("/api/my_cases")).send().await.expect("get").json().await.expect("json");
        assert_eq!(theirs.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), [id.as_str()], "{engine:?}");

        // with a confirmed scope and a shortlist, introductions may begin
        assert!(ok(&mv("10", "introductions").await), "{engine:?}");
        let mine: GovCaseView = gov(detail(government.clone()).await.json().await.expect("json"));
        assert_eq!(mine.stage, CaseStage::Introductions, "{engine:?}");
        assert_eq!(mine.introduced.len(), 2, "{engine:?}: the shortlisted providers are introduced");
        assert!(mine.scope_confirmed_at.is_some());

        // providers and other governments see no case; anonymous visitors must sign in
        let provider = new_client();
        sign_in_as(&app, &provider, "provider@demo.ogpnm.example").await;
        assert_eq!(detail(provider.clone()).await.status(), StatusCode::NOT_FOUND, "{engine:?}");
        let none: Vec<app::model::GovCaseSummary> =
            provider.get(app.url("/api/my_cases")).send().await.expect("get").json().await.expect("json");
        assert!(none.is_empty(), "{engine:?}: a provider has no cases");
        let other_government = new_client();
        sign_in_as(&app, &other_government, "finance.ministry@demo.ogpnm.example").await;
        assert_eq!(detail(other_government.clone()).await.status(), StatusCode::NOT_FOUND, "{engine:?}");
        assert_eq!(detail(new_client()).await.status(), StatusCode::UNAUTHORIZED, "{engine:?}");

        // notes and the next step
        let res = post_form(
            &app,
            &cm,
            "add_case_note",
            &[("id", &id), ("kind", "scoping"), ("body", "90-minute call held.")],
        )
        .await;
        assert!(ok(&res), "{engine:?}");
        let res = post_form(
            &app,
            &cm,
            "set_next_step",
            &[("id", &id), ("version", "11"), ("next_step", "Calls"), ("due", "2001-01-01")],
        )
        .await;
        assert!(res.text().await.expect("body").contains("case.error_due_in_past"), "{engine:?}");
        let res = post_form(
            &app,
            &cm,
            "set_next_step",
            &[("id", &id), ("version", "11"), ("next_step", "First calls with both providers"), ("due", "2099-01-31")],
        )
        .await;
        assert!(ok(&res), "{engine:?}");
        let view: CaseView = staff(detail(cm.clone()).await.json().await.expect("json"));
        assert_eq!((view.summary.stage, view.summary.version), (CaseStage::Introductions, 12), "{engine:?}");
        assert_eq!(view.shortlist.len(), 2);
        assert_eq!(view.excluded.len(), 1);
        assert_eq!(view.excluded[0].arranged.decision.as_ref().map(|d| d.0), Some(Decision::Excluded));
        let pinned = view.matches.as_ref().expect("matches").first().expect("first").clone();
        assert_eq!(pinned.arranged.decision.map(|d| d.0), Some(Decision::Pinned), "{engine:?}: pinned first");
        assert_eq!(view.notes.as_ref().map(Vec::len), Some(1));
        assert_eq!(view.summary.next_step, "First calls with both providers");
        let kinds: Vec<&str> = view.timeline.iter().map(|e| e.change.kind().key()).collect();
        assert_eq!(
            kinds,
            [
                "opened",
                "assigned",
                "stage",
                "scope",
                "stage",
                "decision",
                "decision",
                "decision",
                "decision",
                "scope_confirmed",
                "stage",
                "next_step"
            ],
            "{engine:?}: every change in order, no refused one"
        );
        assert!(!view.similar.is_empty(), "{engine:?}: a similar past case is suggested");
        // steering reads the internals; the other Case Manager still does not
        let steering = new_client();
        sign_in_as(&app, &steering, "steering@demo.ogpnm.example").await;
        let seen: CaseView = staff(detail(steering.clone()).await.json().await.expect("json"));
        assert!(seen.matches.is_some() && seen.notes.as_ref().map(Vec::len) == Some(1) && !seen.can_work);
        let theirs: CaseView = staff(detail(other_cm.clone()).await.json().await.expect("json"));
        assert!(
            theirs.notes.is_none()
                && theirs.timeline.iter().all(|e| e.change.kind() != app::domain::timeline::ChangeKind::Decision),
            "{engine:?}"
        );

        // every change was published as a live event
        let mut kinds = Vec::new();
        let deadline = tokio::time::Instant::now() + Duration::from_secs(5);
        while kinds.len() < 12 {
            let next = tokio::time::timeout_at(deadline, heard.recv()).await;
            match next.as_ref().map(|r| r.as_deref()) {
                Ok(Ok(app::events::Heard::Change { event: app::model::LiveEvent::Case(e), .. })) if e.case_id == id => {
                    kinds.push(e.kind.key())
                }
                Ok(Ok(_)) => {}
                _ => break,
            }
        }
        for kind in ["assigned", "stage", "scope", "decision", "scope_confirmed", "note", "next_step"] {
            assert!(kinds.contains(&kind), "{engine:?}: no {kind} event in {kinds:?}");
        }
        app.stop().await;
    }
}
