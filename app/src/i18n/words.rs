//! The word table of a page. The browser build carries no catalogue (three languages of it
//! would be most of the WASM every page downloads); the few islands that compose text in the
//! browser (the case board) find the page's own language in a JSON block the server wrote into
//! the page with [`PageWords`]: each key's name and text, in `K::ALL` order. Islands that only show a
//! handful of words get them as props instead, so most pages carry no table at all.

#[cfg(feature = "ssr")]
use super::Locale;
use super::K;
use leptos::prelude::*;

/// The `id` of the page's word table.
pub const WORDS_ID: &str = "ogpnm-words";

/// The page's word table, as JSON: `{"names": [...], "texts": [...]}`, every key's name and
/// text in `locale`, in `K::ALL` order, with `<` escaped so no text can close the script
/// element that holds it. With `only`, keys outside those prefixes are left empty (a page whose
/// islands need few words).
#[cfg(feature = "ssr")]
pub fn table_json(locale: Locale, only: Option<&[&str]>) -> std::borrow::Cow<'static, str> {
    use std::sync::OnceLock;
    static TABLES: [OnceLock<String>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let build = |only: Option<&[&str]>| {
        let wanted = |key: &K| only.is_none_or(|prefixes| prefixes.iter().any(|p| key.name().starts_with(p)));
        let table = Table {
            names: K::ALL.iter().map(|k| if wanted(k) { k.name() } else { "" }).collect(),
            texts: K::ALL.iter().map(|k| if wanted(k) { locale.t(*k) } else { "" }).collect(),
        };
        script_safe(&serde_json::to_string(&table).unwrap_or_else(|_| "{}".into()))
    };
    match only {
        Some(prefixes) => build(Some(prefixes)).into(),
        None => {
            let index = Locale::ALL.iter().position(|l| *l == locale).unwrap_or(0);
            TABLES[index].get_or_init(|| build(None)).as_str().into()
        }
    }
}

/// What the page's word table holds.
#[cfg(feature = "ssr")]
#[derive(serde::Serialize)]
struct Table<'a> {
    names: Vec<&'a str>,
    texts: Vec<&'a str>,
}

/// JSON made safe inside a `<script>` element: no text can close it or open a comment.
#[cfg(feature = "ssr")]
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// Writes the page's word table (the visitor's language) for the islands that need it. Data,
/// not script: the browser never runs it.
/// `only`: the key prefixes the page's islands use (all keys when absent).
#[component]
pub fn PageWords(#[prop(optional)] only: Option<&'static [&'static str]>) -> impl IntoView {
    #[cfg(feature = "ssr")]
    let json = table_json(super::use_locale(), only).into_owned();
    #[cfg(not(feature = "ssr"))]
    let json = {
        let _ = only;
        String::new()
    };
    // the page's nonce as every script element of the page carries it (the payload sweep holds
    // every page to that), though the browser never runs data
    view! { <script type="application/json" id=WORDS_ID nonce=leptos::nonce::use_nonce() inner_html=json></script> }
}

/// In the browser: the text of `key` in the page's language, read once from the page's table.
/// A page without a table has no words: said once on the console, as a bug to fix.
#[cfg(words_at_runtime)]
pub fn text(key: K) -> &'static str {
    with_table(|table| table.texts.get(key as usize).copied().unwrap_or(""))
}

/// In the browser: the name of `key`, from the page's table.
#[cfg(words_at_runtime)]
pub fn name(key: K) -> &'static str {
    with_table(|table| table.names.get(key as usize).copied().unwrap_or(""))
}

#[cfg(words_at_runtime)]
struct Loaded {
    names: Vec<&'static str>,
    texts: Vec<&'static str>,
}

#[cfg(words_at_runtime)]
fn with_table(read: impl FnOnce(&Loaded) -> &'static str) -> &'static str {
    use std::cell::OnceCell;
    thread_local! {
        static TABLE: OnceCell<Loaded> = const { OnceCell::new() };
    }
    TABLE.with(|table| read(table.get_or_init(load)))
}

#[cfg(words_at_runtime)]
fn load() -> Loaded {
    use wasm_bindgen::JsCast;
    let parsed = document()
        .get_element_by_id(WORDS_ID)
        .and_then(|e| e.text_content())
        .and_then(|text| js_sys::JSON::parse(&text).ok())
        .filter(|value| value.is_object());
    let Some(table) = parsed else {
        web_sys::console::error_1(&"this page has islands that need words but no word table (PageWords)".into());
        return Loaded { names: Vec::new(), texts: Vec::new() };
    };
    // leaked once per page: the table lives as long as the page
    let strings = |field: &str| -> Vec<&'static str> {
        js_sys::Reflect::get(&table, &field.into())
            .ok()
            .and_then(|v| v.dyn_into::<js_sys::Array>().ok())
            .map(|array| {
                array.iter().map(|v| &*Box::leak(v.as_string().unwrap_or_default().into_boxed_str())).collect()
            })
            .unwrap_or_default()
    };
    Loaded { names: strings("names"), texts: strings("texts") }
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct Parsed {
        names: Vec<String>,
        texts: Vec<String>,
    }

    #[test]
    fn the_table_has_every_key_in_order_and_parses_back() {
        for locale in Locale::ALL {
            let parsed: Parsed = serde_json::from_str(&table_json(locale, None)).expect("valid JSON");
            assert_eq!(parsed.names.len(), K::ALL.len());
            let parsed = parsed.texts;
            assert_eq!(parsed.len(), K::ALL.len());
            // the browser indexes the table by the key's number
            assert!(K::ALL.iter().enumerate().all(|(i, k)| *k as usize == i));
            for (key, text) in K::ALL.iter().zip(&parsed) {
                assert_eq!(text, locale.t(*key), "{}", key.name());
            }
        }
    }

    #[test]
    fn a_partial_table_keeps_the_positions_and_only_the_asked_prefixes() {
        let parsed: Parsed = serde_json::from_str(&table_json(Locale::Fr, Some(&["error."]))).expect("valid JSON");
        assert_eq!(parsed.texts.len(), K::ALL.len());
        assert_eq!(parsed.texts[K::ErrorNotFound as usize], Locale::Fr.t(K::ErrorNotFound));
        assert_eq!(parsed.names[K::ErrorNotFound as usize], "error.not_found");
        assert_eq!(parsed.texts[K::NavHome as usize], "");
        assert_eq!(parsed.names[K::NavHome as usize], "");
    }

    #[test]
    fn no_text_can_close_the_script_element() {
        let s = script_safe(&serde_json::to_string("</script><!-- \"q\" \\ \n & \u{2028}").expect("a string is JSON"));
        assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        let back: String = serde_json::from_str(&s).expect("valid JSON");
        assert_eq!(back, "</script><!-- \"q\" \\ \n & \u{2028}");
    }
}
