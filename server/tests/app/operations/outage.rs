//! PostgreSQL restarted under load (a server of the test's own): requests during the outage
//! get a quick 503, none hangs; the app serves again by itself within 5 seconds of the
//! database's return; the live channel's listener reconnects and tells open pages to refetch;
//! no acknowledged message is lost.

use crate::harness::*;
use std::sync::{Arc, Mutex};
use tokio::time::Instant;

/// One message post: when it was sent, how long its answer took, what it was.
#[derive(Clone, Debug)]
struct Attempt {
    sent: Instant,
    took: Duration,
    status: Option<u16>,
    body: String,
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_restarted_under_load_answers_503_at_once_and_recovers_by_itself() {
    if engines().len() < 2 {
        eprintln!("PostgreSQL tests are off (TEST_DATABASE_URL unset): no restart test");
        return;
    }
    let cluster = tokio::task::spawn_blocking(PrivateCluster::start).await.expect("join");
    let dir = tempfile::tempdir().expect("dir");
    let app = spawn_on(TestDb { url: cluster.url(), pg_name: None, _dir: dir }, Setup::default()).await;
    let thread = crate::attachments::judicial_thread(&app).await;
    let gov = signed_in(&app, "judicial.data@demo.ogpnm.example").await;
    let mut live = LiveStream::open(&gov, &app.url(&format!("/events?topic=thread:{thread}"))).await;

    // a writer at a fixed pace (20 posts a second, each on its own: a slow answer never
    // delays the next post), from before the stop until well after the restart
    let attempts: Arc<Mutex<Vec<Attempt>>> = Arc::default();
    let posting = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let writer = {
        let (attempts, posting, gov, thread, url) =
            (attempts.clone(), posting.clone(), gov.clone(), thread.clone(), app.url("/api/post_message"));
        tokio::spawn(async move {
            let mut n = 0;
            let mut tasks = Vec::new();
            while posting.load(std::sync::atomic::Ordering::SeqCst) {
                n += 1;
                let (attempts, gov, thread, url) = (attempts.clone(), gov.clone(), thread.clone(), url.clone());
                tasks.push(tokio::spawn(async move {
                    let body = format!("Restart note {n}: the registry export is on schedule.");
                    let key = format!("restart-{n}");
                    let sent = Instant::now();
                    let fields = [("id", thread.as_str()), ("key", &key), ("body", &body)];
                    let req = gov.post(&url).timeout(Duration::from_secs(20));
                    let res = form_body(req, "post_message", &fields).send().await;
                    let status = res.ok().map(|r| r.status().as_u16());
                    attempts.lock().expect("lock").push(Attempt { sent, took: sent.elapsed(), status, body });
                }));
                tokio::time::sleep(Duration::from_millis(50)).await;
            }
            for t in tasks {
                let _ = t.await;
            }
        })
    };

    tokio::time::sleep(Duration::from_secs(1)).await;
    // pg_ctl waits for the server: this worker thread waits with it, the app and the writer go on
    let stopped = Instant::now();
    tokio::task::block_in_place(|| cluster.stop());
    tokio::time::sleep(Duration::from_secs(4)).await;
    // from here the database may answer any moment (pg_ctl says so only after a poll)
    let resuming = Instant::now();
    tokio::task::block_in_place(|| cluster.resume());
    let back = Instant::now();

    // the listener reconnects and every open page is told to refetch what it shows
    let mut resynced = None;
    while back.elapsed() < Duration::from_secs(8) {
        match live.next(Duration::from_millis(500)).await {
            Some(e) if e.name == "resync" => {
                resynced = Some(back.elapsed());
                break;
            }
            _ => {}
        }
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    posting.store(false, std::sync::atomic::Ordering::SeqCst);
    writer.await.expect("writer");
    let attempts = attempts.lock().expect("lock").clone();
    let at = |a: &Attempt, t: Instant| a.sent.checked_duration_since(t);

    // every post was answered (no dropped connection), with 200 or 503, and none hung
    for a in &attempts {
        assert!(matches!(a.status, Some(200 | 503)), "answered 200 or 503: {a:?}");
        assert!(a.took < Duration::from_secs(8), "no post waits much longer than a connection may (5 s): {a:?}");
    }
    // once the outage is noticed (within 2 s), every post is refused at once
    let during: Vec<&Attempt> = attempts
        .iter()
        .filter(|a| at(a, stopped).is_some_and(|d| d > Duration::from_secs(2)) && at(a, resuming).is_none())
        .collect();
    assert!(during.len() >= 20, "posts during the outage: {}", during.len());
    for a in &during {
        assert_eq!(a.status, Some(503), "{a:?}");
        assert!(a.took < Duration::from_millis(500), "a quick 503: {a:?}");
    }
    // served again by itself within 5 s of the database's return, and from then on
    let first_ok = attempts
        .iter()
        .filter(|a| at(a, back).is_some() && a.status == Some(200))
        .map(|a| a.sent - back)
        .min()
        .expect("a post accepted after the restart");
    assert!(first_ok < Duration::from_secs(5), "recovered after {first_ok:?}");
    for a in attempts.iter().filter(|a| at(a, back).is_some_and(|d| d > Duration::from_secs(5))) {
        assert_eq!(a.status, Some(200), "{a:?}");
    }
    let resynced = resynced.expect("a resync on the open stream after the restart");
    let slowest_503 = during.iter().map(|a| a.took).max().unwrap_or_default();
    eprintln!(
        "restart: {} posts, {} during the outage (slowest 503: {slowest_503:?}), first accepted {first_ok:?} after the return, resync after {resynced:?}",
        attempts.len(),
        during.len()
    );
    assert!(resynced < Duration::from_secs(5), "the listener reconnected after {resynced:?}");

    // the live channel carries changes again, and nothing acknowledged was lost
    let res =
        post_form(&app, &gov, "post_message", &[("id", &thread), ("key", "after"), ("body", "Back to normal.")]).await;
    assert!(ok(&res), "{}", res.status());
    let heard = live
        .until(Duration::from_secs(5), |e| match e {
            app::model::LiveEvent::Thread(t) if t.thread_id == thread => Some(()),
            _ => None,
        })
        .await;
    assert!(heard.is_some(), "a change after the restart is heard live");
    let res = gov.get(app.url(&format!("/api/thread_detail?id={thread}"))).send().await.expect("get");
    let view: app::model::ThreadView = res.json().await.expect("json");
    let acked: Vec<&Attempt> = attempts.iter().filter(|a| a.status == Some(200)).collect();
    assert!(acked.len() >= 20, "posts accepted before and after: {}", acked.len());
    for a in acked {
        assert!(view.messages.iter().any(|m| m.html.contains(&a.body)), "acknowledged, then lost: {}", a.body);
    }
    app.stop().await;
}
