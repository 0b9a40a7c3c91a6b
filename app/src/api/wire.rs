//! How the islands write the arguments of the server functions they call (see `api::browser`),
//! by hand: serde's serializer (and `serde_json::Value`) would otherwise be in every page's WASM
//! for the few fields these calls carry (issue 19). Compiled for the server too, where the tests
//! read each encoding back as the server function does.

use leptos::server_fn::ServerFn;

/// How a server function reads its arguments (its `input =` encoding).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    /// `GetUrl`: a query string on a GET.
    Query,
    /// `PostUrl` (the default): a form-encoded POST body.
    Form,
    /// `Json`: a JSON POST body.
    Json,
}

/// The arguments of a server function an island calls, written as its endpoint reads them.
pub trait Args: ServerFn {
    /// How the endpoint reads them.
    const INPUT: Input;
    /// The query string or form body (`a=1&b=x`), or the JSON body, as `INPUT` says.
    fn encode(&self) -> String;
}

/// Fields as `a=1&b=x`.
pub fn form(fields: &[(&str, &str)]) -> String {
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (name, value) in fields {
        out.append_pair(name, value);
    }
    out.finish()
}

/// Appends `text` as a JSON string (quoted, escaped).
pub fn json_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends `pairs` as a JSON array of two-string arrays (how serde writes `Vec<(String, String)>`).
pub fn json_pairs(out: &mut String, pairs: &[(String, String)]) {
    out.push('[');
    for (i, (name, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        json_string(out, name);
        out.push(',');
        json_string(out, value);
        out.push(']');
    }
    out.push(']');
}

impl Args for crate::api::threads::UnreadCounts {
    const INPUT: Input = Input::Query;
    fn encode(&self) -> String {
        String::new()
    }
}

impl Args for crate::api::threads::SendMessage {
    const INPUT: Input = Input::Form;
    fn encode(&self) -> String {
        form(&[("id", &self.id), ("key", &self.key), ("body", &self.body)])
    }
}

impl Args for crate::api::threads::ThreadTyping {
    const INPUT: Input = Input::Form;
    fn encode(&self) -> String {
        form(&[("id", &self.id)])
    }
}

impl Args for crate::api::board::BoardMove {
    const INPUT: Input = Input::Form;
    fn encode(&self) -> String {
        form(&[("id", &self.id), ("version", &self.version.to_string()), ("to", &self.to), ("back", &self.back)])
    }
}

impl Args for crate::api::survey::SurveyAutosave {
    const INPUT: Input = Input::Json;
    fn encode(&self) -> String {
        let mut out = String::from("{\"kind\":");
        json_string(&mut out, &self.kind);
        out.push_str(",\"draft\":");
        json_string(&mut out, &self.draft);
        out.push_str(&format!(",\"step\":{},\"seq\":{},\"key\":", self.step, self.seq));
        json_string(&mut out, &self.key);
        out.push_str(",\"fields\":");
        json_pairs(&mut out, &self.fields);
        out.push('}');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::survey::SurveyAutosave;

    #[test]
    fn the_autosave_body_reads_back_as_the_server_reads_it() {
        let save = SurveyAutosave {
            kind: "supply".into(),
            draft: "d-1".into(),
            step: 2,
            seq: 7,
            key: "k\"ey".into(),
            fields: vec![
                ("org_name".into(), "Budget \"Ouvert\" \\ Sahel\n\u{1}é".into()),
                ("areas.open_data".into(), String::new()),
            ],
        };
        let back: SurveyAutosave = serde_json::from_str(&save.encode()).expect("valid JSON");
        assert_eq!(
            (back.kind, back.draft, back.step, back.seq, back.key, back.fields),
            (save.kind, save.draft, save.step, save.seq, save.key, save.fields)
        );
        let empty = SurveyAutosave {
            kind: String::new(),
            draft: String::new(),
            step: 0,
            seq: -1,
            key: String::new(),
            fields: Vec::new(),
        };
        let back: SurveyAutosave = serde_json::from_str(&empty.encode()).expect("valid JSON");
        assert!(back.fields.is_empty() && back.seq == -1);
    }

    #[test]
    fn form_arguments_are_url_encoded() {
        let message = crate::api::threads::SendMessage { id: "t 1".into(), key: "k&=".into(), body: "Hé, 1+1".into() };
        let fields: Vec<(String, String)> = form_urlencoded::parse(message.encode().as_bytes()).into_owned().collect();
        assert_eq!(
            fields,
            vec![("id".into(), "t 1".into()), ("key".into(), "k&=".into()), ("body".into(), "Hé, 1+1".into())]
        );
        let moved =
            crate::api::board::BoardMove { id: "c".into(), version: 3, to: "scoping".into(), back: "a=b".into() };
        assert_eq!(moved.encode(), "id=c&version=3&to=scoping&back=a%3Db");
        assert_eq!(crate::api::threads::UnreadCounts {}.encode(), "");
        assert_eq!(<crate::api::threads::UnreadCounts as Args>::INPUT, Input::Query);
    }
}
