//! Backups: a backup made while people write comes back whole, with its
//! files, into a fresh directory (SQLite) or database (PostgreSQL), through the real binary.

use crate::harness::*;
use std::sync::Mutex;

async fn bodies(app: &TestApp, client: &reqwest::Client, thread: &str) -> app::model::ThreadView {
    let res = client.get(app.url(&format!("/api/thread_detail?id={thread}"))).send().await.expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.expect("json")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_made_while_people_write_restores_every_acknowledged_message_and_file() {
    for engine in engines() {
        let app = spawn(engine).await;
        let files_dir = app.site.path().join("files");
        let thread = crate::attachments::judicial_thread(&app).await;
        let gov = signed_in(&app, "judicial.data@demo.ogpnm.example").await;
        // a file before the backup: it must come back byte for byte
        let res = post_with_files(&app, &gov, &thread, "b-file", "The scan, as promised.", &[("scan.png", PNG)]).await;
        assert!(ok(&res), "{engine:?}: {}", res.status());

        // a writer that goes on during the backup; every message the server acknowledged is noted
        let acked: Mutex<Vec<String>> = Mutex::default();
        let stop = std::sync::atomic::AtomicBool::new(false);
        let backup = tempfile::tempdir().expect("dir");
        let to = backup.path().join("nightly");
        let writer = async {
            let mut n = 0;
            while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                n += 1;
                let body = format!("Progress note {n} on the court data release.");
                let key = format!("b-{n}");
                let res =
                    post_form(&app, &gov, "post_message", &[("id", &thread), ("key", &key), ("body", &body)]).await;
                if ok(&res) {
                    acked.lock().expect("lock").push(body);
                }
                tokio::time::sleep(Duration::from_millis(25)).await;
            }
        };
        let backing_up = async {
            while acked.lock().expect("lock").len() < 5 {
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            let before: Vec<String> = acked.lock().expect("lock").clone();
            let (db_url, files_env, target) = (
                app.test_db.url.clone(),
                files_dir.to_str().expect("utf-8").to_string(),
                to.to_str().expect("utf-8").to_string(),
            );
            // the backup runs in its own process while the writer goes on
            let made = tokio::task::spawn_blocking(move || {
                ogpnm(&["backup", &target], &[("DATABASE_URL", &db_url), ("OGPNM_FILES_DIR", &files_env)])
            })
            .await
            .expect("join");
            stop.store(true, std::sync::atomic::Ordering::SeqCst);
            (before, made)
        };
        let ((), (before, (made, said))) = tokio::join!(writer, backing_up);
        let env = [("DATABASE_URL", app.test_db.url.as_str()), ("OGPNM_FILES_DIR", files_dir.to_str().expect("utf-8"))];
        assert!(made, "{engine:?}: {said}");
        let during = acked.lock().expect("lock").len();
        assert!(during > before.len(), "{engine:?}: the writer went on during the backup");
        let to = backup.path().join("nightly");
        let manifest = server::backup::manifest(&to).expect("manifest");
        assert_eq!(manifest.engine, format!("{engine:?}").to_lowercase());
        assert!(manifest.files >= 2, "{engine:?}: the demo's file and the scan: {manifest:?}");
        // a second backup into the same directory is refused (it would mix two)
        let (again, said) = ogpnm(&["backup", to.to_str().expect("utf-8")], &env);
        assert!(!again && said.contains("not empty"), "{said}");

        // into a fresh place: a new directory (SQLite) or a new database (PostgreSQL)
        let fresh = TestDb::new(engine).await;
        let fresh_url = match engine {
            Engine::Sqlite => format!("sqlite://{}", fresh._dir.path().join("restored.db").display()),
            Engine::Postgres => fresh.url.clone(),
        };
        let fresh_files = fresh._dir.path().join("files");
        let env = [("DATABASE_URL", fresh_url.as_str()), ("OGPNM_FILES_DIR", fresh_files.to_str().expect("utf-8"))];
        let (restored, said) = ogpnm(&["restore", to.to_str().expect("utf-8")], &env);
        assert!(restored, "{engine:?}: {said}");
        // now it holds data: a second restore needs --force
        let (again, said) = ogpnm(&["restore", to.to_str().expect("utf-8")], &env);
        assert!(!again && said.contains("--force"), "{engine:?}: {said}");
        let (forced, said) = ogpnm(&["restore", "--force", to.to_str().expect("utf-8")], &env);
        assert!(forced, "{engine:?}: {said}");
        app.stop().await;

        // the app on the restored data serves every message acknowledged before the backup began
        let setup = Setup {
            seed_demo: false,
            files: Some(app::files::FilesConfig::Directory(fresh_files.clone())),
            ..Setup::default()
        };
        let back = spawn_on(TestDb { url: fresh_url, ..fresh }, setup).await;
        let gov = signed_in(&back, "judicial.data@demo.ogpnm.example").await;
        let view = bodies(&back, &gov, &thread).await;
        for body in &before {
            assert!(
                view.messages.iter().any(|m| m.html.contains(body.as_str())),
                "{engine:?}: {body} was acknowledged before the backup"
            );
        }
        let scan = view.messages.iter().flat_map(|m| &m.attachments).find(|a| a.name == "scan.png").expect("the scan");
        let bytes = gov.get(back.url(&format!("/attachments/{}", scan.id))).send().await.expect("get");
        assert_eq!(bytes.status(), StatusCode::OK, "{engine:?}");
        assert_eq!(bytes.bytes().await.expect("bytes").as_ref(), PNG, "{engine:?}: the file, byte for byte");
        back.stop().await;
    }
}

#[tokio::test]
async fn an_unfinished_backup_or_another_engines_is_not_restored() {
    let dir = tempfile::tempdir().expect("dir");
    let url = format!("sqlite://{}", dir.path().join("x.db").display());
    let files = dir.path().join("files");
    let env = [("DATABASE_URL", url.as_str()), ("OGPNM_FILES_DIR", files.to_str().expect("utf-8"))];
    // no manifest: a backup cut short
    std::fs::create_dir_all(dir.path().join("cut")).expect("dir");
    let (done, said) = ogpnm(&["restore", dir.path().join("cut").to_str().expect("utf-8")], &env);
    assert!(!done && said.contains("not a finished backup"), "{said}");
    // a PostgreSQL backup into SQLite
    let pg = dir.path().join("pg");
    std::fs::create_dir_all(&pg).expect("dir");
    let manifest = server::backup::Manifest {
        engine: "postgres".into(),
        created_at: 0,
        migration: 1,
        files: 0,
        version: "0".into(),
    };
    std::fs::write(pg.join("backup.json"), serde_json::to_vec(&manifest).expect("json")).expect("write");
    let (done, said) = ogpnm(&["restore", pg.to_str().expect("utf-8")], &env);
    assert!(!done && said.contains("same engine"), "{said}");
    assert!(!dir.path().join("x.db").exists(), "nothing was created");
}
