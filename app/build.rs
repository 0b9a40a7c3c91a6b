//! Compiles `locales/{en,fr,es}.json` into a typed catalogue: one `K` variant per key and one
//! `match` per locale, so a missing key is a build error and a typo in a key is a compile error.
//! The browser-only build gets the keys without their texts or names (`words_at_runtime`: the
//! islands read the page's word table, see `src/i18n/words.rs`).
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::{env, fs, path::Path};

const LOCALES: [&str; 3] = ["en", "fr", "es"];

fn load(locale: &str) -> BTreeMap<String, String> {
    let path = format!("locales/{locale}.json");
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path} is not a flat JSON object of strings: {e}"))
}

fn variant(key: &str) -> String {
    key.split(['.', '_', '-'])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=../migrations");
    println!("cargo:rustc-check-cfg=cfg(words_at_runtime)");
    // the browser-only build (islands) carries no catalogue: the few islands that need words
    // read the page's own language from the table the server put in the page (i18n/words.rs)
    let browser_only = env::var_os("CARGO_FEATURE_HYDRATE").is_some() && env::var_os("CARGO_FEATURE_SSR").is_none();
    if browser_only {
        println!("cargo:rustc-cfg=words_at_runtime");
    }
    let catalogues: Vec<_> = LOCALES.iter().map(|l| (*l, load(l))).collect();
    let reference = &catalogues[0].1;
    let mut problems = Vec::new();
    for (locale, cat) in &catalogues {
        for key in reference.keys() {
            if !cat.contains_key(key) {
                problems.push(format!("locale {locale} lacks key {key}"));
            }
        }
        for key in cat.keys() {
            if !reference.contains_key(key) {
                problems.push(format!("locale {locale} has key {key} that en.json lacks"));
            }
        }
    }
    if !problems.is_empty() {
        panic!("translation catalogues disagree:\n  {}", problems.join("\n  "));
    }

    let mut out = String::new();
    out.push_str("/// Every translation key, generated from `locales/en.json`.\n");
    out.push_str("#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]\npub enum K {\n");
    for key in reference.keys() {
        let _ = writeln!(out, "    /// `{key}`\n    {},", variant(key));
    }
    out.push_str("}\n\nimpl K {\n    /// All keys, in catalogue order.\n    pub const ALL: &'static [K] = &[\n");
    for key in reference.keys() {
        let _ = writeln!(out, "        K::{},", variant(key));
    }
    out.push_str("    ];\n");
    // the browser finds names in the page's word table; the server and the tests have them here
    if browser_only {
        out.push_str("}\n\n");
    } else {
        out.push_str("\n    /// The key as written in the catalogue files.\n    pub fn name(self) -> &'static str {\n        match self {\n");
        for key in reference.keys() {
            let _ = writeln!(out, "            K::{} => {:?},", variant(key), key);
        }
        out.push_str("        }\n    }\n}\n\n");
    }
    for (locale, cat) in catalogues.iter().filter(|_| !browser_only) {
        let _ = writeln!(out, "pub(crate) fn text_{locale}(k: K) -> &'static str {{\n    match k {{");
        for (key, value) in cat {
            let _ = writeln!(out, "        K::{} => {:?},", variant(key), value);
        }
        out.push_str("    }\n}\n\n");
    }
    let dest = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("catalogue.rs");
    fs::write(dest, out).expect("write catalogue");
}
