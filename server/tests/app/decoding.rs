//! Every server function, fed bodies and queries it cannot read (missing and unknown fields,
//! wrong types, negative and huge numbers, invalid JSON, a multipart body without a boundary,
//! no body at all), as an anonymous visitor, a participant and an admin: never a 5xx, never a
//! dropped connection, never the parser's own words in the answer.

use crate::harness::*;
use reqwest::header::CONTENT_TYPE;

/// A small deterministic generator (xorshift), so a failing case can be replayed from its seed.
struct Gen(u64);

impl Gen {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }

    /// A value from the awkward ones.
    fn value(&mut self) -> String {
        let awkward = [
            String::new(),
            "0".into(),
            "-1".into(),
            "-9223372036854775809".into(),
            "99999999999999999999999".into(),
            "1.5".into(),
            "true".into(),
            "null".into(),
            "abc".into(),
            "%ZZ%".into(),
            "\u{0}\u{7}".into(),
            "é\u{202E}ñ".into(),
            "</textarea><script>x</script>".into(),
            "a".repeat(5000),
            "../../etc/passwd".into(),
            "[]".into(),
            "{}".into(),
        ];
        self.pick(&awkward)
    }

    /// Field names the app's functions take, and some they do not.
    fn name(&mut self) -> String {
        let names = [
            "id",
            "version",
            "kind",
            "key",
            "email",
            "password",
            "next",
            "step",
            "seq",
            "draft",
            "code",
            "name",
            "locale",
            "t",
            "q",
            "page",
            "token",
            "action",
            "reason",
            "provider",
            "decision",
            "fields",
            "body",
            "campaign",
            "reminder",
            "stage",
            "until",
            "outcome",
            "due",
            "objectives",
            "role",
            "organisation",
            "current_password",
            "new_password",
            "check",
            "nav",
            "case_manager",
            "next_step",
            "unknown_field",
        ];
        self.pick(&names).to_string()
    }

    fn pairs(&mut self) -> Vec<(String, String)> {
        (0..self.below(6)).map(|_| (self.name(), self.value())).collect()
    }

    fn json(&mut self) -> String {
        match self.below(5) {
            0 => "{".into(),
            1 => "[1, 2, 3]".into(),
            2 => "\"just a string\"".into(),
            3 => {
                let fields: Vec<String> = self
                    .pairs()
                    .into_iter()
                    .map(|(k, v)| match self.below(4) {
                        0 => format!("{k:?}: {}", self.below(1000) as i64 - 500),
                        1 => format!("{k:?}: [{v:?}]"),
                        2 => format!("{k:?}: {{\"x\": null}}"),
                        _ => format!("{k:?}: {v:?}"),
                    })
                    .collect();
                format!("{{{}}}", fields.join(", "))
            }
            _ => "null".into(),
        }
    }
}

/// One request of a random shape to `path`.
fn request(gen: &mut Gen, client: &reqwest::Client, url: &str, post: bool) -> reqwest::RequestBuilder {
    let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(gen.pairs()).finish();
    if !post || gen.below(8) == 0 {
        return client.get(format!("{url}?{query}"));
    }
    let builder = client.post(url);
    match gen.below(7) {
        0 => builder.header(CONTENT_TYPE, "application/x-www-form-urlencoded").body(query),
        1 => builder.header(CONTENT_TYPE, "application/json").body(gen.json()),
        2 => {
            let mut form = reqwest::multipart::Form::new();
            for (k, v) in gen.pairs() {
                form = form.text(k, v);
            }
            builder.multipart(form)
        }
        3 => builder.header(CONTENT_TYPE, "multipart/form-data").body("--x\r\nnot really\r\n"),
        4 => builder.header(CONTENT_TYPE, "text/plain").body("\u{0}\u{1}garbage"),
        5 => {
            builder.header(CONTENT_TYPE, "application/x-www-form-urlencoded").header("accept", "text/html").body(query)
        }
        _ => builder,
    }
}

#[tokio::test]
async fn no_unreadable_request_makes_a_server_function_fail_with_a_5xx() {
    for engine in engines() {
        let app = spawn(engine).await;
        let participant = new_client();
        sign_in_as(&app, &participant, "provider@demo.ogpnm.example").await;
        let admin = new_client();
        sign_in_as(&app, &admin, "admin@demo.ogpnm.example").await;
        let callers = [("anonymous", new_client()), ("participant", participant), ("admin", admin)];
        let mut paths: Vec<(String, bool)> = leptos::server_fn::axum::server_fn_paths()
            .map(|(path, method)| (path.to_string(), method == http::Method::POST))
            .collect();
        paths.sort();
        assert!(paths.len() > 40, "every server function is registered: {}", paths.len());
        let mut gen = Gen(0x5eed_cafe_f00d_u64);
        let mut answered = 0;
        for (path, post) in &paths {
            // signing out or ending sessions would leave the rest of the run anonymous
            if ["/api/sign_out", "/api/sign_out_everywhere", "/api/end_session"].contains(&path.as_str()) {
                continue;
            }
            for (who, client) in &callers {
                for case in 0..10 {
                    let seed = gen.0;
                    let res = request(&mut gen, client, &app.url(path), *post)
                        .send()
                        .await
                        .unwrap_or_else(|e| panic!("{engine:?} {who} {path} case {case} (seed {seed:#x}): {e}"));
                    let status = res.status();
                    let body = res.text().await.unwrap_or_default();
                    assert!(
                        status.as_u16() < 500,
                        "{engine:?} {who} {path} case {case} (seed {seed:#x}): {status} {}",
                        body.chars().take(300).collect::<String>()
                    );
                    for parser_words in ["missing field", "invalid type", "Deserialization", "Args(", "expected value"]
                    {
                        assert!(!body.contains(parser_words), "{engine:?} {who} {path}: {body}");
                    }
                    answered += 1;
                }
            }
        }
        assert!(answered > 1000, "{answered}");
        app.stop().await;
    }
}

#[tokio::test]
async fn an_unreadable_request_is_a_translated_400_that_changes_nothing() {
    let app = spawn(Engine::Sqlite).await;
    // a missing argument
    let res = app.client.post(app.url("/api/sign_in")).form(&[("email", "a@b.example")]).send().await.expect("post");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let error: app::error::AppError = res.json().await.expect("json");
    assert_eq!(error, app::error::AppError::BadRequest);
    assert_eq!(
        error.message(app::i18n::Locale::Fr),
        "Cette demande n’a pas pu être lue. Rechargez la page et réessayez."
    );
    // a body that is not multipart, sent to a function that takes multipart
    let res = app
        .client
        .post(app.url("/api/survey_save_step"))
        .header(ACCEPT_LANGUAGE, "es")
        .form(&[("kind", "supply")])
        .send()
        .await
        .expect("post");
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        res.text().await.expect("text"),
        "No se pudo leer esta solicitud. Vuelva a cargar la página e inténtelo de nuevo."
    );
    app.stop().await;
}
