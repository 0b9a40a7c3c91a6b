//! Translations: the three interface locales, the typed key catalogue generated from
//! `app/locales/*.json` by `build.rs`, and language negotiation from a cookie and
//! `Accept-Language`. Pure Rust, shared by the server render and the WASM.

include!(concat!(env!("OUT_DIR"), "/catalogue.rs"));

mod words;
pub use words::PageWords;

#[cfg(words_at_runtime)]
impl K {
    /// The key as written in the catalogue files, from the page's word table (see `words`).
    pub fn name(self) -> &'static str {
        words::name(self)
    }
}

use serde::{Deserialize, Serialize};

/// Name of the cookie that remembers the visitor's language choice.
pub const LOCALE_COOKIE: &str = "ogpnm_lang";

/// An interface language. English is the fallback.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Fr,
    Es,
}

impl Locale {
    /// Every interface language, in the order the switcher shows them.
    pub const ALL: [Locale; 3] = [Locale::En, Locale::Fr, Locale::Es];

    /// BCP 47 code, as used in `<html lang>`, the cookie and the switcher form.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
            Locale::Es => "es",
        }
    }

    /// The language's own name for itself (the switcher shows it untranslated).
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Fr => "Français",
            Locale::Es => "Español",
        }
    }

    /// Parses a code such as `fr`, `fr-CA` or `ES`; `None` for anything else.
    pub fn from_code(code: &str) -> Option<Locale> {
        let primary = code.trim().split(['-', '_']).next().unwrap_or("");
        match primary.to_ascii_lowercase().as_str() {
            "en" => Some(Locale::En),
            "fr" => Some(Locale::Fr),
            "es" => Some(Locale::Es),
            _ => None,
        }
    }

    /// The translated text for `key`.
    #[cfg(not(words_at_runtime))]
    pub fn t(self, key: K) -> &'static str {
        match self {
            Locale::En => text_en(key),
            Locale::Fr => text_fr(key),
            Locale::Es => text_es(key),
        }
    }

    /// The translated text for `key`, from the page's word table: in the browser the page's own
    /// language is the only one there is (see `words`).
    #[cfg(words_at_runtime)]
    pub fn t(self, key: K) -> &'static str {
        words::text(key)
    }

    /// The translated text for `key` with `{name}` placeholders replaced.
    pub fn tf(self, key: K, args: &[(&str, &str)]) -> String {
        interpolate(self.t(key), args)
    }

    /// Formats an integer with the locale's digit grouping (1,234 / 1 234 / 1.234).
    pub fn number(self, n: i64) -> String {
        let sep = match self {
            Locale::En => ",",
            Locale::Fr => "\u{202f}",
            Locale::Es => ".",
        };
        let digits = n.unsigned_abs().to_string();
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push_str(sep);
            }
            out.push(ch);
        }
        if n < 0 {
            out.insert(0, '-');
        }
        out
    }
}

/// Replaces each `{name}` in `template` with its value from `args`.
pub fn interpolate(template: &str, args: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// Chooses the interface language: a valid cookie wins, then the best-weighted supported
/// language of `Accept-Language`, then English.
pub fn negotiate(cookie: Option<&str>, accept_language: Option<&str>) -> Locale {
    if let Some(locale) = cookie.and_then(Locale::from_code) {
        return locale;
    }
    accept_language.and_then(from_accept_language).unwrap_or_default()
}

/// Picks the highest-quality supported language from an `Accept-Language` header value.
/// Ties keep the header's order; `q=0` means "not acceptable".
pub fn from_accept_language(header: &str) -> Option<Locale> {
    let mut best: Option<(f32, Locale)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let q =
            parts.filter_map(|p| p.trim().strip_prefix("q=")).find_map(|v| v.trim().parse::<f32>().ok()).unwrap_or(1.0);
        if q <= 0.0 {
            continue;
        }
        if let Some(locale) = Locale::from_code(tag) {
            if best.is_none_or(|(bq, _)| q > bq) {
                best = Some((q, locale));
            }
        }
    }
    best.map(|(_, l)| l)
}

/// Finds the value of cookie `name` in a `Cookie` header.
pub fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.trim().split_once('=')?;
        (k.trim() == name).then_some(v.trim())
    })
}

/// The visitor's interface language: provided by the server from the cookie or
/// `Accept-Language`, and by the browser from `<html lang>` when hydrating.
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::{BTreeMap, BTreeSet};

    fn catalogue(text: &str) -> BTreeMap<String, String> {
        serde_json::from_str(text).expect("locale file is a flat JSON object")
    }

    fn all() -> [(&'static str, BTreeMap<String, String>); 3] {
        [
            ("en", catalogue(include_str!("../../locales/en.json"))),
            ("fr", catalogue(include_str!("../../locales/fr.json"))),
            ("es", catalogue(include_str!("../../locales/es.json"))),
        ]
    }

    fn placeholders(s: &str) -> BTreeSet<String> {
        s.split('{').skip(1).filter_map(|p| p.split_once('}').map(|(n, _)| n.to_string())).collect()
    }

    #[test]
    fn every_locale_has_exactly_the_keys_of_english() {
        let cats = all();
        let en: BTreeSet<_> = cats[0].1.keys().collect();
        for (name, cat) in &cats[1..] {
            let keys: BTreeSet<_> = cat.keys().collect();
            let missing: Vec<_> = en.difference(&keys).collect();
            let extra: Vec<_> = keys.difference(&en).collect();
            assert!(missing.is_empty(), "locale {name} lacks keys {missing:?}");
            assert!(extra.is_empty(), "locale {name} has keys English lacks: {extra:?}");
        }
    }

    #[test]
    fn no_translation_is_empty_and_placeholders_agree() {
        let cats = all();
        for (key, en_text) in &cats[0].1 {
            for (name, cat) in &cats {
                let text = &cat[key];
                assert!(!text.trim().is_empty(), "{name}:{key} is empty");
                assert_eq!(placeholders(text), placeholders(en_text), "{name}:{key} placeholders differ");
            }
        }
    }

    #[test]
    fn the_generated_catalogue_covers_every_key_in_every_locale() {
        assert_eq!(K::ALL.len(), all()[0].1.len());
        for key in K::ALL {
            for locale in Locale::ALL {
                assert!(!locale.t(*key).is_empty(), "{:?} {}", locale, key.name());
            }
        }
        assert_eq!(Locale::Fr.t(K::NavHome), "Accueil");
    }

    #[test]
    fn a_cookie_choice_wins_over_accept_language() {
        assert_eq!(negotiate(Some("es"), Some("fr-FR,fr;q=0.9")), Locale::Es);
    }

    #[test]
    fn an_invalid_cookie_falls_back_to_accept_language() {
        assert_eq!(negotiate(Some("de"), Some("fr-CA,fr;q=0.9,en;q=0.5")), Locale::Fr);
    }

    #[test]
    fn accept_language_quality_values_are_respected() {
        assert_eq!(from_accept_language("de-DE, en;q=0.3, es;q=0.8"), Some(Locale::Es));
        assert_eq!(from_accept_language("fr;q=0, en;q=0.1"), Some(Locale::En));
        assert_eq!(from_accept_language("de, it"), None);
        assert_eq!(negotiate(None, Some("de, it")), Locale::En);
        assert_eq!(negotiate(None, None), Locale::En);
    }

    #[test]
    fn cookie_values_are_found_among_others() {
        assert_eq!(cookie_value("a=1; ogpnm_lang=fr; b=2", LOCALE_COOKIE), Some("fr"));
        assert_eq!(cookie_value("a=1", LOCALE_COOKIE), None);
    }

    #[test]
    fn numbers_are_grouped_per_locale() {
        assert_eq!(Locale::En.number(1234567), "1,234,567");
        assert_eq!(Locale::Es.number(1234), "1.234");
        assert_eq!(Locale::Fr.number(999), "999");
        assert_eq!(Locale::En.number(-1000), "-1,000");
    }

    #[test]
    fn interpolation_replaces_named_placeholders_and_leaves_others() {
        let s = interpolate("{count} cases for {name}; {other}", &[("count", "3"), ("name", "Ana")]);
        assert_eq!(s, "3 cases for Ana; {other}");
    }
}
