//! The live case board: its columns and cards, moves (one wins, a refusal says why, a browser
//! without script comes back to its view), saved views, presence, a subscriber that stops
//! reading, and a move crossing instances on PostgreSQL.

use crate::harness::*;
use app::domain::board::Waiting;
use app::domain::case::CaseStage;
use app::model::{BoardMoved, BoardView, LiveEvent, SavedView};

async fn board(app: &TestApp, client: &reqwest::Client, query: &str) -> reqwest::Response {
    client.get(app.url(&format!("/api/board?query={}", urlencoding(query)))).send().await.expect("board")
}

#[tokio::test]
async fn the_board_shows_every_working_stage_and_a_card_moves_once() {
    for engine in engines() {
        let app = spawn(engine).await;
        let admin = signed_in(&app, "admin@demo.ogpnm.example").await;
        let cm = signed_in(&app, "case.manager@demo.ogpnm.example").await;
        let steering = signed_in(&app, "steering@demo.ogpnm.example").await;

        let b: BoardView = board(&app, &admin, "").await.json().await.expect("json");
        let stages: Vec<CaseStage> = b.columns.iter().map(|c| c.stage).collect();
        assert_eq!(stages, app::domain::board::COLUMNS.to_vec(), "{engine:?}");
        assert!(b.columns.iter().all(|c| !c.cards.is_empty()), "{engine:?}: a demo case in every column");
        assert!(b.on_hold > 0 && b.closed > 0, "{engine:?}");
        let cards: Vec<_> = b.columns.iter().flat_map(|c| c.cards.iter()).collect();
        assert!(cards.iter().all(|c| c.movable), "{engine:?}: an admin moves any case");
        assert!(cards.iter().any(|c| c.waiting.contains(&Waiting::Provider)), "{engine:?}: the agreement waits");
        assert!(cards.iter().all(|c| c.areas.len() <= 3 && !c.organisation.is_empty()), "{engine:?}");
        // a view in the address: only the cases waiting on a provider
        let waiting: BoardView = board(&app, &cm, "waiting=provider").await.json().await.expect("json");
        let shown: Vec<_> = waiting.columns.iter().flat_map(|c| c.cards.iter()).collect();
        assert!(!shown.is_empty() && shown.iter().all(|c| c.waiting.contains(&Waiting::Provider)), "{engine:?}");
        assert_eq!(waiting.query, "waiting=provider");
        assert_eq!(board(&app, &cm, "waiting=nobody").await.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}");
        // steering reads the board and moves nothing; a government's member does not see it
        let read: BoardView = board(&app, &steering, "").await.json().await.expect("json");
        assert!(read.columns.iter().flat_map(|c| c.cards.iter()).all(|c| !c.movable), "{engine:?}");
        let gov = member_of(&app, "Ministry of Justice, Judicial Data Office", "olena.board@example.org").await;
        assert_eq!(board(&app, &gov, "").await.status(), StatusCode::FORBIDDEN, "{engine:?}");
        assert_eq!(board(&app, &new_client(), "").await.status(), StatusCode::UNAUTHORIZED, "{engine:?}");

        // a Case Manager's board hears the move as it happens
        let mut live = LiveStream::open(&cm, &app.url("/events?topic=cases&here=board")).await;
        let card = b.columns.iter().find(|c| c.stage == CaseStage::Matching).expect("matching").cards[0].clone();
        let version = card.version.to_string();
        let mv = |client: reqwest::Client, to: &'static str, version: String| {
            let (id, app) = (card.id.clone(), &app);
            async move {
                post_form(app, &client, "board_move", &[("id", &id), ("version", &version), ("to", to), ("back", "")])
                    .await
            }
        };
        let res = mv(steering.clone(), "scoping", version.clone()).await;
        assert_eq!(res.status(), StatusCode::FORBIDDEN, "{engine:?}: steering oversees");
        let res = mv(admin.clone(), "scoping", version.clone()).await;
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        let moved: BoardMoved = res.json().await.expect("json");
        assert_eq!((moved.stage, moved.version), (CaseStage::Scoping, card.version + 1), "{engine:?}");
        let heard = live
            .until(Duration::from_secs(5), |e| match e {
                LiveEvent::Case(c) if c.case_id == card.id => Some(c.stage),
                _ => None,
            })
            .await;
        assert_eq!(heard, Some(CaseStage::Scoping), "{engine:?}: the move reaches the other board");
        // the second of two moves made on the same version loses and changes nothing
        let res = mv(admin.clone(), "introductions", version.clone()).await;
        assert_eq!(res.status(), StatusCode::CONFLICT, "{engine:?}");
        // a move the state machine has not is refused with its reason
        let res = mv(admin.clone(), "active", moved.version.to_string()).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}");
        assert!(res.text().await.expect("body").contains("case.refused_not_allowed"), "{engine:?}");
        let res = mv(admin.clone(), "limbo", moved.version.to_string()).await;
        assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}");
        let after: BoardView = board(&app, &admin, "").await.json().await.expect("json");
        let now = after.columns.iter().flat_map(|c| c.cards.iter()).find(|c| c.id == card.id).expect("card");
        assert_eq!((now.stage, now.version, now.days_in_stage), (CaseStage::Scoping, moved.version, 0), "{engine:?}");

        // without script: the form posts, and the browser comes back to its view
        let res = admin
            .post(app.url("/api/board_move"))
            .header(reqwest::header::ACCEPT, "text/html")
            .form(&[
                ("id", card.id.as_str()),
                ("version", &now.version.to_string()),
                ("to", "matching"),
                ("back", "mine=1&x=1"),
            ])
            .send()
            .await
            .expect("post");
        assert!(res.status().is_redirection(), "{engine:?}: {}", res.status());
        assert_eq!(res.headers()[LOCATION], format!("/board?mine=1#card-{}", card.id), "{engine:?}");
        let res = admin
            .post(app.url("/api/board_move"))
            .header(reqwest::header::ACCEPT, "text/html")
            .form(&[("id", card.id.as_str()), ("version", "1"), ("to", "scoping"), ("back", "")])
            .send()
            .await
            .expect("post");
        assert!(res.status().is_redirection(), "{engine:?}");
        assert!(res.headers().get_all(SET_COOKIE).iter().any(|c| c.to_str().unwrap_or("").starts_with("ogpnm_flash=")));
        app.stop().await;
    }
}

#[tokio::test]
async fn each_person_keeps_named_views_of_their_own() {
    for engine in engines() {
        let app = spawn(engine).await;
        let cm = signed_in(&app, "case.manager@demo.ogpnm.example").await;
        let other = signed_in(&app, "case.manager2@demo.ogpnm.example").await;
        let save = |client: reqwest::Client, name: &'static str, query: &'static str| {
            let app = &app;
            async move { post_form(app, &client, "save_board_view", &[("name", name), ("query", query)]).await }
        };
        let res = save(cm.clone(), "  Overdue   <b>in</b> Africa ", "overdue=1&region=africa_middle_east&x=y").await;
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        let view: SavedView = res.json().await.expect("json");
        assert_eq!(
            (view.name.as_str(), view.query.as_str()),
            ("Overdue <b>in</b> Africa", "region=africa_middle_east&overdue=1")
        );
        // the same name again replaces it; a nameless or unreadable one is refused
        let res = save(cm.clone(), "Overdue <b>in</b> Africa", "overdue=1").await;
        assert_eq!(res.json::<SavedView>().await.expect("json").id, view.id, "{engine:?}");
        assert_eq!(save(cm.clone(), "   ", "").await.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?}");
        assert_eq!(save(cm.clone(), "Bad", "stage=limbo").await.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let mine: BoardView = board(&app, &cm, "").await.json().await.expect("json");
        let kept = mine.views.iter().find(|v| v.id == view.id).expect("kept");
        assert_eq!(kept.query, "overdue=1", "{engine:?}");
        assert_eq!(mine.views.len(), 3, "{engine:?}: the demo's two and this one");
        let theirs: BoardView = board(&app, &other, "").await.json().await.expect("json");
        assert!(theirs.views.is_empty(), "{engine:?}: views are personal");
        // nobody deletes someone else's view
        let res = post_form(&app, &other, "delete_board_view", &[("id", &view.id), ("query", "")]).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{engine:?}");
        let res = post_form(&app, &cm, "delete_board_view", &[("id", &view.id), ("query", "")]).await;
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        let after: BoardView = board(&app, &cm, "").await.json().await.expect("json");
        assert!(after.views.iter().all(|v| v.id != view.id) && after.views.len() == 2, "{engine:?}");
        let gov = member_of(&app, "Ministry of Justice, Judicial Data Office", "olena.views@example.org").await;
        assert_eq!(save(gov, "Mine", "").await.status(), StatusCode::FORBIDDEN, "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn staff_see_who_else_looks_at_the_board_and_a_case() {
    for engine in engines() {
        let app = spawn(engine).await;
        let cm = signed_in(&app, "case.manager@demo.ogpnm.example").await;
        let other = signed_in(&app, "case.manager2@demo.ogpnm.example").await;
        let names = |e: LiveEvent| match e {
            LiveEvent::Presence(r) => Some(r.viewers.into_iter().map(|v| v.name).collect::<Vec<_>>()),
            _ => None,
        };
        let mut a = LiveStream::open(&cm, &app.url("/events?topic=cases&here=board")).await;
        let greeting = a.until(Duration::from_secs(5), names).await.expect("greeted");
        assert_eq!(greeting, ["Lucía Fernández"], "{engine:?}");
        let b = LiveStream::open(&other, &app.url("/events?topic=cases&here=board")).await;
        let both = a.until(Duration::from_secs(5), |e| names(e).filter(|n| n.len() == 2)).await;
        assert_eq!(both, Some(vec!["Kwame Asante".to_string(), "Lucía Fernández".to_string()]), "{engine:?}");
        // leaving is seen too
        drop(b);
        let left = a.until(Duration::from_secs(5), |e| names(e).filter(|n| n.len() == 1)).await;
        assert_eq!(left, Some(vec!["Lucía Fernández".to_string()]), "{engine:?}");
        // a case page: its own place
        let case_id = app::db::cases::all_listed(app.db.read()).await.expect("cases")[0].case.id.clone();
        let mut c =
            LiveStream::open(&other, &app.url(&format!("/events?topic=case:{case_id}&here=case:{case_id}"))).await;
        assert_eq!(c.until(Duration::from_secs(5), names).await, Some(vec!["Kwame Asante".to_string()]));
        // a government's member is neither counted nor told
        let gov = member_of(&app, "Ministry of Justice, Judicial Data Office", "olena.here@example.org").await;
        let mut g = LiveStream::open(&gov, &app.url("/events?topic=cases&here=board")).await;
        assert_eq!(g.until(Duration::from_millis(800), names).await, None, "{engine:?}");
        let res = cm.get(app.url("/events?here=somewhere")).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        app.stop().await;
    }
}

#[tokio::test]
async fn a_subscriber_that_stops_reading_slows_nobody_and_is_told_to_resync() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    // the hub is the same on both engines; SQLite publishes without a round trip
    let app = spawn(Engine::Sqlite).await;
    let cm = signed_in(&app, "case.manager@demo.ogpnm.example").await;
    // a session of its own for a raw connection that never reads
    let token = {
        let mut tx = app.db.write().begin().await.expect("begin");
        let user = account(&app, "case.manager@demo.ogpnm.example").await;
        let t = session::start(&mut tx, &user, &SessionPolicy::default(), "127.0.0.1", "test", app::db::now_ms())
            .await
            .expect("session");
        tx.commit().await.expect("commit");
        t
    };
    let addr = app.base.trim_start_matches("http://").to_string();
    let mut slow = tokio::net::TcpStream::connect(&addr).await.expect("connect");
    let request = format!(
        "GET /events?topic=cases HTTP/1.1\r\nHost: {addr}\r\nCookie: {}={token}\r\nAccept: text/event-stream\r\n\r\n",
        session::COOKIE
    );
    slow.write_all(request.as_bytes()).await.expect("write");
    let mut reader = LiveStream::open(&cm, &app.url("/events?topic=cases")).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    // far more than the channel holds and the socket buffers take, each a page's worth
    let case = app::db::cases::all_listed(app.db.read()).await.expect("cases").remove(0).case;
    let started = std::time::Instant::now();
    for n in 0..20_000 {
        let mut e = case.changed(app::domain::timeline::ChangeKind::Stage);
        if let LiveEvent::Case(c) = &mut e {
            c.version = n;
        }
        app.events.publish(e).await;
        if n % 500 == 0 {
            tokio::task::yield_now().await;
        }
    }
    let mut last = case.changed(app::domain::timeline::ChangeKind::Stage);
    if let LiveEvent::Case(c) = &mut last {
        c.version = -1;
    }
    app.events.publish(last).await;
    // the reader gets to the end (told to resync where it fell behind) without waiting on the slow one
    let mut resynced = false;
    let mut reached = false;
    while let Some(e) = reader.next(Duration::from_secs(10)).await {
        if e.name == "resync" {
            resynced = true;
        }
        if e.data.contains("\"version\":-1") {
            reached = true;
            break;
        }
    }
    assert!(reached, "the reading subscriber hears the last event (resynced: {resynced})");
    assert!(started.elapsed() < Duration::from_secs(15), "{:?}", started.elapsed());
    // the slow one, reading at last, finds it missed events and is told to refetch
    let mut seen = Vec::new();
    let mut buf = vec![0u8; 64 * 1024];
    let until = tokio::time::Instant::now() + Duration::from_secs(10);
    while !String::from_utf8_lossy(&seen).contains("event: resync") {
        match tokio::time::timeout_at(until, slow.read(&mut buf)).await {
            Ok(Ok(n)) if n > 0 => seen.extend_from_slice(&buf[..n]),
            _ => break,
        }
        if seen.len() > 64 * 1024 * 1024 {
            break;
        }
    }
    assert!(String::from_utf8_lossy(&seen).contains("event: resync"), "the slow subscriber is told to resync");
    app.stop().await;
}

#[tokio::test]
async fn a_move_through_one_instance_reaches_a_board_on_another() {
    if std::env::var("TEST_DATABASE_URL").is_err() {
        return;
    }
    let app = spawn(Engine::Postgres).await;
    let (other_base, _events, _site) = second_instance(&app).await;
    let admin = signed_in(&app, "admin@demo.ogpnm.example").await;
    // the viewer is on the second instance
    let viewer = new_client();
    let res = viewer
        .post(format!("{other_base}/api/sign_in"))
        .header(reqwest::header::ACCEPT, "text/html")
        .header(reqwest::header::REFERER, format!("{other_base}/sign-in"))
        .form(&[("email", "case.manager2@demo.ogpnm.example"), ("password", seed::DEMO_PASSWORD), ("next", "/board")])
        .send()
        .await
        .expect("sign in");
    assert_eq!(res.headers()[LOCATION], "/sign-in/code");
    let res = viewer
        .post(format!("{other_base}/api/verify_sign_in_code"))
        .header(reqwest::header::ACCEPT, "text/html")
        .header(reqwest::header::REFERER, format!("{other_base}/sign-in/code"))
        .form(&[("code", demo_code())])
        .send()
        .await
        .expect("code");
    assert_eq!(res.headers()[LOCATION], "/board");
    let mut live = LiveStream::open(&viewer, &format!("{other_base}/events?topic=cases&here=board")).await;
    // both instances' viewers show on each
    let _admin_here = LiveStream::open(&admin, &app.url("/events?topic=cases&here=board")).await;
    let seen = live
        .until(Duration::from_secs(5), |e| match e {
            LiveEvent::Presence(r) if r.viewers.iter().any(|v| v.name == "Amara Okafor") => Some(r.instance),
            _ => None,
        })
        .await;
    assert!(seen.is_some_and(|i| i == app.events.presence.instance()), "the first instance's viewers reach the second");
    let b: BoardView = board(&app, &admin, "").await.json().await.expect("json");
    let card = b.columns.iter().find(|c| c.stage == CaseStage::Matching).expect("matching").cards[0].clone();
    let res = post_form(
        &app,
        &admin,
        "board_move",
        &[("id", &card.id), ("version", &card.version.to_string()), ("to", "scoping"), ("back", "")],
    )
    .await;
    assert_eq!(res.status(), StatusCode::OK);
    let heard = live
        .until(Duration::from_secs(5), |e| match e {
            LiveEvent::Case(c) if c.case_id == card.id => Some(c.stage),
            _ => None,
        })
        .await;
    assert_eq!(heard, Some(CaseStage::Scoping), "the move crosses instances");
    app.stop().await;
}
