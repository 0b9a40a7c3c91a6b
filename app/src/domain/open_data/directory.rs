//! A provider as the public sees it: what its profile says that it agreed to publish, and its
//! contact details only when it agreed to show them too. One function feeds the directory's
//! profile page and the open-data files, so they publish the same thing.

use crate::domain::survey::Answers;
use crate::domain::taxonomy::{AssistanceType, CostBasis, Language, Region};
use serde::{Deserialize, Serialize};

/// The consent to the public directory.
pub const CONSENT_PUBLIC: &str = "consent_public";
/// The consent to show the website and contact e-mail in it.
pub const CONSENT_CONTACT: &str = "consent_public_contact";

/// Whether a listed provider's current answers put it in the public directory.
pub fn in_directory(answers: &Answers) -> bool {
    answers.has(CONSENT_PUBLIC)
}

/// Its public contact details: only with both consents.
pub fn public_contact(answers: &Answers) -> (Option<String>, Option<String>) {
    if !(answers.has(CONSENT_PUBLIC) && answers.has(CONSENT_CONTACT)) {
        return (None, None);
    }
    let some = |id: &str| Some(answers.first(id).trim().to_string()).filter(|v| !v.is_empty());
    (some("website"), some("respondent_email"))
}

/// One row of `directory.csv` / `directory.json` (the field names are the columns').
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectoryRecord {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub country: String,
    pub description: String,
    pub issue_areas: String,
    pub languages: String,
    pub regions: String,
    pub assistance: String,
    pub cost_basis: String,
    pub website: Option<String>,
    pub email: Option<String>,
    pub updated_on: String,
}

/// Who a provider is, from its organisation (the index's columns).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Listing {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub country: String,
    pub updated_at: i64,
}

fn keys<T: Copy>(values: &[String], parse: fn(&str) -> Option<T>, key: fn(T) -> &'static str) -> String {
    values.iter().filter_map(|v| parse(v)).map(key).collect::<Vec<_>>().join(";")
}

/// The published row of a provider (only known vocabulary keys; contact only when consented).
pub fn directory_record(who: &Listing, answers: &Answers) -> DirectoryRecord {
    let (website, email) = public_contact(answers);
    let areas: Vec<&str> = answers.areas_with_depth("areas").into_iter().map(|(a, _)| a.key()).collect();
    DirectoryRecord {
        id: who.id.clone(),
        name: who.name.clone(),
        kind: who.kind.clone(),
        country: who.country.clone(),
        description: answers.first("org_description").trim().to_string(),
        issue_areas: areas.join(";"),
        languages: keys(answers.values("languages"), Language::from_key, Language::key),
        regions: keys(answers.values("regions"), Region::from_key, Region::key),
        assistance: keys(answers.values("assistance"), AssistanceType::from_key, AssistanceType::key),
        cost_basis: keys(answers.values("cost_basis"), CostBasis::from_key, CostBasis::key),
        website,
        email,
        updated_on: crate::domain::time::format_day(crate::domain::time::day_of(who.updated_at)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answers(pairs: &[(&str, &[&str])]) -> Answers {
        let mut a = Answers::default();
        for (id, values) in pairs {
            a.0.insert(id.to_string(), values.iter().map(|v| v.to_string()).collect());
        }
        a
    }

    fn who() -> Listing {
        Listing {
            id: "o1".into(),
            name: "Open Data Lab".into(),
            kind: "ngo".into(),
            country: "KE".into(),
            updated_at: 0,
        }
    }

    #[test]
    fn contact_details_need_both_consents() {
        let base: &[(&str, &[&str])] =
            &[("website", &["https://lab.example"]), ("respondent_email", &["a@lab.example"])];
        let none = directory_record(&who(), &answers(base));
        assert_eq!((none.website, none.email), (None, None));
        let only_contact = answers(&[base, &[(CONSENT_CONTACT, &["yes"][..])]].concat());
        assert_eq!(public_contact(&only_contact), (None, None), "contact without the directory is not public");
        let both = answers(&[base, &[(CONSENT_PUBLIC, &["yes"][..]), (CONSENT_CONTACT, &["yes"][..])]].concat());
        let r = directory_record(&who(), &both);
        assert_eq!(r.website.as_deref(), Some("https://lab.example"));
        assert_eq!(r.email.as_deref(), Some("a@lab.example"));
        assert!(in_directory(&both));
        assert!(!in_directory(&answers(base)));
    }

    #[test]
    fn only_known_keys_are_published() {
        let a = answers(&[
            ("areas", &["open_data:expert", "<script>:expert"]),
            ("languages", &["en", "xx"]),
            ("cost_basis", &["pro_bono"]),
            ("org_description", &["  We help.  "]),
        ]);
        let r = directory_record(&who(), &a);
        assert_eq!(r.issue_areas, "open_data");
        assert_eq!(r.languages, "en");
        assert_eq!(r.cost_basis, "pro_bono");
        assert_eq!(r.description, "We help.");
        assert_eq!(r.updated_on, "1970-01-01");
    }
}
