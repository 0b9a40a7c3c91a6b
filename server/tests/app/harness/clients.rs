//! Browsers without script: signing in, posting forms as a page would, reading answers.

use super::*;

/// Signs `client` in as `email` with the demo password through the plain form.
pub async fn sign_in_as(app: &TestApp, client: &reqwest::Client, email: &str) {
    use reqwest::header::{ACCEPT, REFERER};
    let res = client
        .post(app.url("/api/sign_in"))
        .header(ACCEPT, "text/html")
        .header(REFERER, app.url("/sign-in"))
        .form(&[("email", email), ("password", seed::DEMO_PASSWORD), ("next", "/account")])
        .send()
        .await
        .expect("sign in");
    if res.headers()[LOCATION] == "/sign-in/code" {
        // demo staff have two-factor authentication with the demo key
        let res = client
            .post(app.url("/api/verify_sign_in_code"))
            .header(ACCEPT, "text/html")
            .header(REFERER, app.url("/sign-in/code"))
            .form(&[("code", demo_code())])
            .send()
            .await
            .expect("code");
        assert_eq!(res.headers()[LOCATION], "/account", "code step for {email}");
        forget_used_codes(app, email).await;
        return;
    }
    assert_eq!(res.headers()[LOCATION], "/account", "sign in as {email}");
}

/// Lets the demo key's current code sign `email` in again. The app accepts each code once (a
/// replay within its 30 seconds is refused); tests that sign the same staff member in several
/// times within one step stand for sign-ins 30 seconds apart.
pub async fn forget_used_codes(app: &TestApp, email: &str) {
    app::db_run!(app.db.write(), |pool| {
        sqlx::query("UPDATE users SET totp_last_step = 0 WHERE email = $1")
            .bind(email)
            .execute(pool)
            .await
            .map(|r| r.rows_affected())
    })
    .expect("forget used codes");
}

/// The current code of the demo staff accounts.
pub fn demo_code() -> String {
    app::auth::totp::code_at(seed::DEMO_TOTP_SECRET, app::db::now_ms() / 1000).expect("code")
}

pub fn new_client() -> reqwest::Client {
    // a request that hangs fails its test within a minute instead of holding the whole run
    reqwest::Client::builder()
        .redirect(redirect::Policy::none())
        .cookie_store(true)
        .timeout(Duration::from_secs(60))
        .build()
        .expect("client")
}

/// The value of the form control named `name` in a rendered page.
pub fn field_value(page: &str, name: &str) -> String {
    let at = page.find(&format!("name=\"{name}\"")).unwrap_or_else(|| panic!("no field {name}"));
    let tag_end = page[at..].find('>').expect("tag end") + at;
    let tag = &page[at..tag_end];
    let start = tag.find("value=\"").expect("value") + "value=\"".len();
    tag[start..].split('"').next().expect("quoted").to_string()
}

pub fn location(res: &reqwest::Response) -> String {
    res.headers().get(LOCATION).map(|v| v.to_str().expect("ascii").to_string()).unwrap_or_default()
}

pub async fn form_as(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    use reqwest::header::{ACCEPT, REFERER};
    let req =
        client.post(app.url(&format!("/api/{endpoint}"))).header(ACCEPT, "text/html").header(REFERER, app.url("/"));
    form_body(req, endpoint, fields).send().await.expect("post")
}

/// A form's fields as the browser sends them to `endpoint`: multipart where the form says so.
pub fn form_body(req: reqwest::RequestBuilder, endpoint: &str, fields: &[(&str, &str)]) -> reqwest::RequestBuilder {
    if app::api::multipart_paths().contains(&format!("/api/{endpoint}").as_str()) {
        req.multipart(multipart(fields, &[]))
    } else {
        req.form(fields)
    }
}

/// A multipart form of text fields and files (field name, file name, bytes).
pub fn multipart(fields: &[(&str, &str)], files: &[(&str, &str, &[u8])]) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    for (field, name, bytes) in files {
        form =
            form.part(field.to_string(), reqwest::multipart::Part::bytes(bytes.to_vec()).file_name(name.to_string()));
    }
    form
}

/// Posts a plain form to a server function as the browser would without JavaScript would not:
/// the default `Accept` makes refusals come back as status codes with their message keys.
pub async fn post_form(
    app: &TestApp,
    client: &reqwest::Client,
    endpoint: &str,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    form_body(client.post(app.url(&format!("/api/{endpoint}"))), endpoint, fields).send().await.expect("post")
}

pub fn ok(res: &reqwest::Response) -> bool {
    res.status().is_success() || res.status().is_redirection()
}

/// A member account for an organisation, signed in on a new client.
pub async fn member_of(app: &TestApp, organisation: &str, email: &str) -> reqwest::Client {
    let hash = app::auth::password::hash(seed::DEMO_PASSWORD.to_string()).await.expect("hash");
    let mut tx = app.db.write().begin().await.expect("begin");
    let org = app::db::organisations::id_by_name(&mut tx, organisation).await.expect("q").expect("org");
    let user = app::db::users::NewUser {
        email: email.into(),
        name: "Olena Kovalenko".into(),
        locale: "en".into(),
        password_hash: Some(hash),
        staff_role: None,
        email_verified: true,
    };
    let id = app::db::users::insert(&mut tx, &user).await.expect("user");
    app::db::users::add_membership(&mut tx, &id, &org, true).await.expect("member");
    tx.commit().await.expect("commit");
    let client = new_client();
    sign_in_as(app, &client, email).await;
    client
}

/// Percent-encodes a query string value.
pub fn urlencoding(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// The staff case board as `client` sees it, filtered by `query` (the page's URL query).
pub async fn case_board(app: &TestApp, client: &reqwest::Client, query: &str) -> app::model::CaseBoard {
    let url = app.url(&format!("/api/case_list?query={}", urlencoding(query)));
    client.get(url).send().await.expect("get").json().await.expect("board")
}

/// The account of `email` (it must exist).
pub async fn account(app: &TestApp, email: &str) -> app::db::users::SessionUser {
    app::db::users::find_by_email(app.db.read(), email).await.expect("query").expect("an account").user
}

/// A real PDF (the demo's court statistics).
pub const PDF: &[u8] = include_bytes!("../../../../app/demo/court-statistics-2026.pdf");
/// A real 1×1 PNG.
pub const PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0, 144, 119, 83,
    222, 0, 0, 0, 12, 73, 68, 65, 84, 120, 156, 99, 144, 207, 223, 2, 0, 1, 243, 1, 67, 1, 135, 131, 96, 0, 0, 0, 0,
    73, 69, 78, 68, 174, 66, 96, 130,
];

/// Posts a message with files to thread `thread` as `client` (multipart, as the thread's form;
/// a refusal comes back as its status code).
pub async fn post_with_files(
    app: &TestApp,
    client: &reqwest::Client,
    thread: &str,
    key: &str,
    body: &str,
    files: &[(&str, &[u8])],
) -> reqwest::Response {
    use reqwest::header::REFERER;
    let files: Vec<(&str, &str, &[u8])> = files.iter().map(|(name, bytes)| ("attachment", *name, *bytes)).collect();
    client
        .post(app.url("/api/post_message"))
        .header(REFERER, app.url(&format!("/threads/{thread}")))
        .multipart(multipart(&[("id", thread), ("key", key), ("body", body)], &files))
        .send()
        .await
        .expect("post")
}

/// A new client signed in as `email` (a demo account).
pub async fn signed_in(app: &TestApp, email: &str) -> reqwest::Client {
    let client = new_client();
    sign_in_as(app, &client, email).await;
    client
}
