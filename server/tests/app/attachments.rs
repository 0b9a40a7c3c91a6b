//! Attachments: checked on their content, bounded, stored before their message is written (a
//! store that fails keeps nothing), downloaded by the thread's participants only, in the
//! directory store and in S3-compatible storage (a real moto server).

use crate::harness::*;
use app::model::ThreadView;

const JUDICIAL: &str = "Ministry of Justice, Judicial Data Office";

/// The demo's judicial introduction thread (the Ministry of Justice, two providers and the Case
/// Manager), which carries the demo's PDF.
pub(crate) async fn judicial_thread(app: &TestApp) -> String {
    let mut tx = app.db.write().begin().await.expect("begin");
    let gov = app::db::organisations::id_by_name(&mut tx, JUDICIAL).await.expect("q").expect("org");
    drop(tx);
    let case = app::db::cases::of_organisation(app.db.read(), &gov).await.expect("q").remove(0).case;
    let threads = app::db::threads::of_case(app.db.read(), &case.id).await.expect("q");
    threads.into_iter().find(|t| t.introduction_id.is_some()).expect("the introduction's thread").id
}

async fn view(app: &TestApp, client: &reqwest::Client, thread: &str) -> ThreadView {
    let res = client.get(app.url(&format!("/api/thread_detail?id={thread}"))).send().await.expect("get");
    assert_eq!(res.status(), StatusCode::OK);
    res.json().await.expect("json")
}

async fn messages(app: &TestApp, thread: &str) -> i64 {
    let t = app::db::threads::get(app.db.read(), thread).await.expect("q").expect("thread");
    t.last_seq
}

/// The files in a directory store, counted.
fn stored(dir: &std::path::Path) -> usize {
    fn walk(dir: &std::path::Path) -> usize {
        std::fs::read_dir(dir)
            .map_or(0, |entries| entries.flatten().map(|e| if e.path().is_dir() { walk(&e.path()) } else { 1 }).sum())
    }
    walk(dir)
}

/// A post that must be refused: what it is, its files, the message's key.
struct Refused<'a> {
    what: &'a str,
    files: Vec<(&'a str, &'a [u8])>,
    key: &'a str,
}

#[tokio::test]
async fn files_cross_between_participants_only_and_are_taken_by_their_content() {
    for engine in engines() {
        let app = spawn(engine).await;
        let files_dir = app.site.path().join("files");
        let thread = judicial_thread(&app).await;
        let (gov, courts, outsider, visitor) = (new_client(), new_client(), new_client(), new_client());
        sign_in_as(&app, &gov, "judicial.data@demo.ogpnm.example").await;
        sign_in_as(&app, &courts, "open.courts@demo.ogpnm.example").await;
        sign_in_as(&app, &outsider, "comptroller@demo.ogpnm.example").await;

        // the demo's PDF, stored through the file store, downloaded by a participant
        let v = view(&app, &courts, &thread).await;
        let demo = v.messages.iter().flat_map(|m| m.attachments.iter()).next().expect("the demo's file").clone();
        assert_eq!(demo.name, "court-statistics-2026.pdf");
        let url = format!("/attachments/{}", demo.id);
        let res = courts.get(app.url(&url)).send().await.expect("download");
        assert_eq!(res.status(), StatusCode::OK, "{engine:?}");
        assert_eq!(res.headers()[CONTENT_TYPE], "application/pdf");
        assert!(res.headers()["content-disposition"].to_str().expect("ascii").starts_with("attachment;"));
        assert_eq!(res.headers()["x-content-type-options"], "nosniff");
        let csp = res.headers()["content-security-policy"].to_str().expect("ascii").to_string();
        assert!(
            csp.contains("sandbox") && csp.contains("default-src 'none'"),
            "opened by itself it runs nothing: {csp}"
        );
        assert_eq!(res.bytes().await.expect("bytes").as_ref(), PDF);
        // its Case Manager too; anyone else, staff included, as if it did not exist
        let (manager, other_manager, admin) = (new_client(), new_client(), new_client());
        sign_in_as(&app, &manager, "case.manager2@demo.ogpnm.example").await;
        sign_in_as(&app, &other_manager, "case.manager@demo.ogpnm.example").await;
        sign_in_as(&app, &admin, "admin@demo.ogpnm.example").await;
        assert_eq!(manager.get(app.url(&url)).send().await.expect("get").status(), StatusCode::OK, "{engine:?}");
        let strangers = [
            ("another provider", &outsider),
            ("a visitor", &visitor),
            ("another Case Manager", &other_manager),
            ("an admin", &admin),
        ];
        for (who, client) in strangers {
            let res = client.get(app.url(&url)).send().await.expect("download");
            assert_eq!(res.status(), StatusCode::NOT_FOUND, "{engine:?} {who}");
        }
        assert_eq!(courts.get(app.url("/attachments/nope")).send().await.expect("get").status(), StatusCode::NOT_FOUND);

        // a provider sends an image and a PDF: the government sees both and downloads them
        let before = stored(&files_dir);
        let res = post_with_files(
            &app,
            &courts,
            &thread,
            "files-1",
            "The rules, and our chart.",
            &[("anonymisation-rules.pdf", PDF), ("chart.png", PNG)],
        )
        .await;
        assert!(ok(&res), "{engine:?}: {}", res.status());
        assert_eq!(stored(&files_dir), before + 2);
        let v = view(&app, &gov, &thread).await;
        let last = v.messages.last().expect("the message");
        let kinds: Vec<_> = last.attachments.iter().map(|a| (a.name.as_str(), a.kind)).collect();
        use app::domain::attachments::FileKind;
        assert_eq!(kinds, vec![("anonymisation-rules.pdf", FileKind::Pdf), ("chart.png", FileKind::Png)]);
        let png = gov.get(app.url(&format!("/attachments/{}", last.attachments[1].id))).send().await.expect("get");
        assert_eq!(png.headers()[CONTENT_TYPE], "image/png");
        assert_eq!(png.bytes().await.expect("bytes").as_ref(), PNG);
        // the same post again (a resubmitted form) is the same message, its files not kept twice
        let seq = messages(&app, &thread).await;
        assert!(ok(&post_with_files(
            &app,
            &courts,
            &thread,
            "files-1",
            "The rules, and our chart.",
            &[("chart.png", PNG)]
        )
        .await));
        assert_eq!((messages(&app, &thread).await, stored(&files_dir)), (seq, before + 2), "{engine:?}");
        // a message may be only a file
        assert!(ok(&post_with_files(&app, &gov, &thread, "files-2", "  ", &[("scan.png", PNG)]).await));
        assert_eq!(messages(&app, &thread).await, seq + 1);

        // refused, nothing kept: an executable renamed .pdf, a script, a file too large, too
        // many files, an empty file
        let seq = messages(&app, &thread).await;
        let before = stored(&files_dir);
        let exe = [b"MZ\x90\x00\x03\x00\x00\x00\x04\x00".as_slice(), &[0u8; 200]].concat();
        let elf = [b"\x7fELF\x02\x01\x01".as_slice(), &[0u8; 200]].concat();
        let big = [PDF, &vec![b' '; ATTACHMENT_MAX]].concat();
        let refused = [
            Refused {
                what: "an executable named .pdf",
                files: vec![("terms.pdf", &exe)],
                key: "attachment.error_kind",
            },
            Refused { what: "a program named .png", files: vec![("chart.png", &elf)], key: "attachment.error_kind" },
            Refused {
                what: "a script",
                files: vec![("notes.pdf", b"<script>alert(1)</script>")],
                key: "attachment.error_kind",
            },
            Refused { what: "too large", files: vec![("big.pdf", &big)], key: "attachment.error_too_large" },
            Refused {
                what: "four files",
                files: vec![("a.png", PNG), ("b.png", PNG), ("c.png", PNG), ("d.png", PNG)],
                key: "attachment.error_too_many",
            },
            Refused { what: "empty", files: vec![("empty.pdf", b"")], key: "attachment.error_empty" },
        ];
        for Refused { what, files, key } in refused {
            let res = post_with_files(&app, &courts, &thread, &format!("bad-{what}"), "Here.", &files).await;
            assert_eq!(res.status(), StatusCode::UNPROCESSABLE_ENTITY, "{engine:?} {what}");
            assert!(res.text().await.expect("body").contains(key), "{engine:?} {what}");
        }
        assert_eq!((messages(&app, &thread).await, stored(&files_dir)), (seq, before), "{engine:?}");
        // a stranger's file is refused as the thread is: it does not exist for them
        let res = post_with_files(&app, &outsider, &thread, "x", "Hello", &[("a.png", PNG)]).await;
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{engine:?}");
        // a body larger than the upload route takes is cut off with a 413
        let huge = vec![b'x'; 4 * ATTACHMENT_MAX + 512 * 1024];
        let res = post_with_files(&app, &courts, &thread, "huge", "Hi", &[("huge.pdf", &huge)]).await;
        assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE, "{engine:?}");
        assert_eq!((messages(&app, &thread).await, stored(&files_dir)), (seq, before), "{engine:?}");
        app.stop().await;
    }
}

#[tokio::test]
async fn a_store_that_fails_keeps_no_half_message() {
    for engine in engines() {
        let app = spawn(engine).await;
        let thread = judicial_thread(&app).await;
        let courts = new_client();
        sign_in_as(&app, &courts, "open.courts@demo.ogpnm.example").await;
        // the store's directory becomes a file: nothing can be written under it
        let dir = app.site.path().join("files");
        std::fs::remove_dir_all(&dir).expect("remove");
        std::fs::write(&dir, b"not a directory").expect("write");
        let seq = messages(&app, &thread).await;
        let res = post_with_files(&app, &courts, &thread, "store-down", "The rules.", &[("rules.pdf", PDF)]).await;
        assert_eq!(res.status(), StatusCode::SERVICE_UNAVAILABLE, "{engine:?}");
        assert!(res.text().await.expect("body").contains("Unavailable"));
        assert_eq!(messages(&app, &thread).await, seq, "{engine:?}: no message without its file");
        let rows: i64 =
            app::scalar!(fetch_one, app.db.read(), "SELECT CAST(COUNT(*) AS BIGINT) FROM attachments").expect("count");
        assert_eq!(rows, 1, "{engine:?}: only the demo's file");
        // a message without files still goes
        assert!(ok(&post_with_files(&app, &courts, &thread, "store-down-2", "Text only.", &[]).await));
        assert_eq!(messages(&app, &thread).await, seq + 1);
        app.stop().await;
    }
}

/// A moto S3 server on a free port, stopped when dropped.
struct Moto {
    child: tokio::process::Child,
    url: String,
}

impl Moto {
    async fn start() -> Moto {
        let bin = std::env::var("OGPNM_MOTO_SERVER").unwrap_or_else(|_| {
            format!("{}/.cache/ogpnm/tools/moto/bin/moto_server", std::env::var("HOME").unwrap_or_default())
        });
        assert!(
            std::path::Path::new(&bin).is_file(),
            "no moto server at {bin}: run scripts/install-tools.sh (or set OGPNM_MOTO_SERVER)"
        );
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port();
        let child = tokio::process::Command::new(&bin)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .expect("moto starts");
        let url = format!("http://127.0.0.1:{port}");
        for _ in 0..200 {
            if reqwest::get(format!("{url}/moto-api/")).await.is_ok() {
                return Moto { child, url };
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        panic!("the moto server did not start on {url}");
    }
}

impl Drop for Moto {
    fn drop(&mut self) {
        let _ = self.child.start_kill();
    }
}

#[tokio::test]
async fn files_go_to_s3_compatible_storage_when_configured() {
    let moto = Moto::start().await;
    let bucket = "ogpnm-files";
    let res = reqwest::Client::new().put(format!("{}/{bucket}", moto.url)).send().await.expect("create the bucket");
    assert!(res.status().is_success(), "{}", res.status());
    let config = app::files::FilesConfig::S3(app::files::S3Config {
        bucket: bucket.into(),
        endpoint: Some(moto.url.clone()),
        region: "us-east-1".into(),
        access_key_id: Some("testing".into()),
        secret_access_key: Some("testing".into()),
    });
    let app = spawn_setup(Engine::Sqlite, Setup { files: Some(config.clone()), ..Setup::default() }).await;
    let thread = judicial_thread(&app).await;
    let courts = new_client();
    sign_in_as(&app, &courts, "open.courts@demo.ogpnm.example").await;
    let res = post_with_files(&app, &courts, &thread, "s3-1", "Our chart.", &[("chart.png", PNG)]).await;
    assert!(ok(&res), "{}", res.status());
    let listing =
        reqwest::get(format!("{}/{bucket}?list-type=2", moto.url)).await.expect("list").text().await.expect("xml");
    assert_eq!(listing.matches("<Key>attachments/").count(), 2, "the demo's PDF and the chart: {listing}");
    let v = view(&app, &courts, &thread).await;
    let chart = v.messages.last().expect("message").attachments[0].id.clone();
    let res = courts.get(app.url(&format!("/attachments/{chart}"))).send().await.expect("download");
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.bytes().await.expect("bytes").as_ref(), PNG);
    // another instance's store on the same bucket reads the same file
    let other = app::files::Files::open(&config, ATTACHMENT_MAX).expect("files");
    let key: String =
        app::scalar!(fetch_one, app.db.read(), "SELECT storage_key FROM attachments WHERE id = $1", &chart)
            .expect("key");
    use tokio_stream::StreamExt;
    let mut stream = other.get(&key).await.expect("get");
    let mut bytes = Vec::new();
    while let Some(chunk) = stream.next().await {
        bytes.extend_from_slice(&chunk.expect("chunk"));
    }
    assert_eq!(bytes, PNG);
    app.stop().await;
}

#[tokio::test]
async fn files_no_message_names_are_swept_after_an_hour() {
    let app = spawn(Engine::Sqlite).await;
    let files =
        app::files::Files::open(&app::files::FilesConfig::Directory(app.site.path().join("files")), ATTACHMENT_MAX)
            .expect("files");
    // a file stored for a post that never wrote its message
    let orphan = app::files::Files::new_key("no-thread");
    files.put(&orphan, bytes::Bytes::from_static(PNG)).await.expect("put");
    let now = app::db::now_ms();
    assert_eq!(app::api::threads::sweep_orphan_files(&app.db, &files, now).await.expect("sweep"), 0, "too recent");
    let later = now + 2 * 3_600_000;
    assert_eq!(app::api::threads::sweep_orphan_files(&app.db, &files, later).await.expect("sweep"), 1);
    assert!(files.get(&orphan).await.is_err(), "removed");
    // the demo's file, which a message names, stays
    assert_eq!(app::api::threads::sweep_orphan_files(&app.db, &files, later).await.expect("sweep"), 0);
    let key: String = app::scalar!(fetch_one, app.db.read(), "SELECT storage_key FROM attachments").expect("key");
    assert!(files.get(&key).await.is_ok());
    app.stop().await;
}
