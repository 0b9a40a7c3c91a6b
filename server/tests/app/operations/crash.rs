//! `kill -9` of the real binary while people save survey steps, post messages, move a case
//! and accept an agreement, on both engines: after a restart, every write the server had
//! acknowledged is there.

use crate::agreements::{agreement, org, post, terms, the_case, CHOSEN};
use crate::harness::*;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

/// What the server acknowledged before it was killed.
#[derive(Debug, Default)]
struct Acked {
    /// Each message's text.
    messages: Vec<String>,
    /// The highest sequence number of an acknowledged survey save.
    save_seq: i64,
    /// The case version after the last acknowledged move.
    case_version: i64,
    /// Acknowledged acceptances.
    acceptances: usize,
}

/// A post that reaches the server (the process is alive): its status; `None` once it is gone.
async fn send(req: reqwest::RequestBuilder) -> Option<StatusCode> {
    req.timeout(Duration::from_secs(10)).send().await.ok().map(|r| r.status())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_write_acknowledged_before_a_kill_9_is_there_after_the_restart() {
    for engine in engines() {
        let mut app = spawn(engine).await;
        // ready before the load: an agreement to accept, a case to move, a survey draft, a thread
        let case = the_case(&app).await;
        let gov = signed_in(&app, "open.schools@demo.ogpnm.example").await;
        let chosen = signed_in(&app, "atelier.donnees@demo.ogpnm.example").await;
        let cm2 = signed_in(&app, "case.manager2@demo.ogpnm.example").await;
        let chosen_org = org(&app, CHOSEN).await;
        assert!(ok(&post_form(&app, &gov, "select_providers", &[("id", &case.id), ("provider", &chosen_org)]).await));
        assert!(ok(&post(&app, &cm2, "write_agreement", &terms(&case.id, &[])).await));
        let version = agreement(&app, &gov, &case.id).await;
        let cm_id = the_case(&app).await.case_manager_id.expect("a Case Manager");
        let parties = [
            (gov.clone(), format!("government:{}", case.organisation_id)),
            (chosen.clone(), format!("provider:{chosen_org}")),
            (cm2.clone(), format!("case_manager:{cm_id}")),
        ];
        let cm = signed_in(&app, "case.manager@demo.ogpnm.example").await;
        let me = account(&app, "case.manager@demo.ogpnm.example").await;
        let (moved, start_version): (String, i64) = app::fetch!(
            fetch_one,
            app.db.read(),
            "SELECT id, version FROM cases WHERE case_manager_id = $1 AND stage IN ('scoping', 'matching', 'introductions') ORDER BY id LIMIT 1",
            &me.user_id,
        )
        .expect("a case of case.manager@ at work");
        let thread = crate::attachments::judicial_thread(&app).await;
        let writer = signed_in(&app, "judicial.data@demo.ogpnm.example").await;
        let respondent = new_client();
        start_survey(&app, &respondent, "demand").await;
        let state: serde_json::Value = respondent
            .get(app.url("/api/survey_state?kind=demand"))
            .send()
            .await
            .expect("state")
            .json()
            .await
            .expect("json");
        let draft = state["draft"]["id"].as_str().expect("draft").to_string();
        let first_seq = state["draft"]["seq"].as_i64().expect("seq");

        // the binary serves the same database and files; the test app stands by
        let port = free_port();
        let mut served = serve_binary(&app, port, &[]).await;
        let bin = served.base.clone();
        let acked =
            Arc::new(Mutex::new(Acked { save_seq: first_seq, case_version: start_version, ..Acked::default() }));
        let alive = Arc::new(AtomicBool::new(true));
        let url = |endpoint: &str| format!("{bin}/api/{endpoint}");

        let messages = {
            let (acked, alive, writer, thread, url) =
                (acked.clone(), alive.clone(), writer.clone(), thread.clone(), url("post_message"));
            async move {
                let mut n = 0;
                while alive.load(Ordering::SeqCst) {
                    n += 1;
                    let body = format!("Crash note {n}: the court data is ready.");
                    let fields = [("id", thread.as_str()), ("key", &format!("crash-{n}")), ("body", &body)];
                    match send(form_body(writer.post(&url), "post_message", &fields)).await {
                        Some(s) if s.is_success() => acked.lock().expect("lock").messages.push(body),
                        Some(_) => {}
                        None => break,
                    }
                }
            }
        };
        let saves = {
            let (acked, alive, respondent, draft, url) =
                (acked.clone(), alive.clone(), respondent.clone(), draft.clone(), url("survey_autosave"));
            async move {
                let mut seq = first_seq;
                while alive.load(Ordering::SeqCst) {
                    seq += 1;
                    let body = serde_json::json!({
                        "kind": "demand", "draft": draft, "step": 1, "seq": seq, "key": format!("crash-save-{seq}"),
                        "fields": [["agency", format!("Ministry of Finance, revision {seq}")], ["country", "KE"]],
                    });
                    match send(respondent.post(&url).json(&body)).await {
                        Some(s) if s.is_success() => acked.lock().expect("lock").save_seq = seq,
                        Some(_) => {}
                        None => break,
                    }
                }
            }
        };
        let moves = {
            let (acked, alive, cm, moved, url) =
                (acked.clone(), alive.clone(), cm.clone(), moved.clone(), url("move_case"));
            async move {
                let mut version = start_version;
                while alive.load(Ordering::SeqCst) {
                    let action = if (version - start_version) % 2 == 0 { "hold" } else { "resume" };
                    let v = version.to_string();
                    let fields = [
                        ("id", moved.as_str()),
                        ("version", &v),
                        ("action", action),
                        ("until", "2099-12-31"),
                        ("reason", ""),
                    ];
                    match send(form_body(cm.post(&url), "move_case", &fields)).await {
                        Some(s) if s.is_success() => {
                            version += 1;
                            acked.lock().expect("lock").case_version = version;
                        }
                        Some(s) => panic!("{engine:?}: a move on the current version refused: {s}"),
                        None => break,
                    }
                }
            }
        };
        let acceptances = {
            let (acked, alive, url) = (acked.clone(), alive.clone(), url("accept_agreement"));
            let v = version.current.clone().expect("a version");
            let case_id = version.case_id.clone();
            async move {
                for (client, party) in parties {
                    tokio::time::sleep(Duration::from_millis(150)).await;
                    if !alive.load(Ordering::SeqCst) {
                        break;
                    }
                    let number = v.version.to_string();
                    let fields = [
                        ("id", case_id.as_str()),
                        ("version", &number),
                        ("sha256", v.sha256.as_str()),
                        ("party", &party),
                    ];
                    match send(form_body(client.post(&url), "accept_agreement", &fields)).await {
                        Some(s) if s.is_success() => acked.lock().expect("lock").acceptances += 1,
                        Some(s) => panic!("{engine:?}: an acceptance refused: {s}"),
                        None => break,
                    }
                }
            }
        };
        let killing = {
            let alive = alive.clone();
            async move {
                // the last acceptance goes out at about 450 ms: kill in the middle of everything
                tokio::time::sleep(Duration::from_millis(600)).await;
                served.kill();
                alive.store(false, Ordering::SeqCst);
                served
            }
        };
        let ((), (), (), (), killed) = tokio::join!(messages, saves, moves, acceptances, killing);
        drop(killed);
        let acked = std::mem::take(&mut *acked.lock().expect("lock"));
        assert!(
            acked.messages.len() >= 3 && acked.save_seq > first_seq && acked.case_version > start_version,
            "{engine:?}: the load ran before the kill: {acked:?}"
        );

        eprintln!(
            "{engine:?}: killed after {} messages, saves up to seq {}, case version {}, {} acceptances acknowledged",
            acked.messages.len(),
            acked.save_seq,
            acked.case_version,
            acked.acceptances
        );
        // started again on the same data: everything acknowledged is there, and served
        let served = serve_binary(&app, port, &[]).await;
        app.base = served.base.clone();
        let res = writer.get(app.url(&format!("/api/thread_detail?id={thread}"))).send().await.expect("get");
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        let view: app::model::ThreadView = res.json().await.expect("json");
        for body in &acked.messages {
            assert!(view.messages.iter().any(|m| m.html.contains(body.as_str())), "{engine:?}: {body} lost");
        }
        let state: serde_json::Value = respondent
            .get(app.url("/api/survey_state?kind=demand"))
            .send()
            .await
            .expect("state")
            .json()
            .await
            .expect("json");
        assert!(state["draft"]["seq"].as_i64().expect("seq") >= acked.save_seq, "{engine:?}: {state}");
        let stored = app::db::cases::get(app.db.read(), &moved).await.expect("q").expect("case");
        assert!(stored.version >= acked.case_version, "{engine:?}: {} < {}", stored.version, acked.case_version);
        let record = app::db::agreements::acceptances(app.db.read(), &case.id).await.expect("record");
        assert!(record.len() >= acked.acceptances, "{engine:?}: {} < {}", record.len(), acked.acceptances);
        drop(served);
        app.stop().await;
    }
}
