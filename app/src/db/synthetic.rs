//! Synthetic providers for benchmarks (`ogpnm seed --synthetic-providers N`): plausible,
//! varied, valid profiles generated from a fixed seed, so runs are comparable. Never part of
//! the demo data.

use super::organisations::{self, NewOrganisation};
use super::{roster, surveys, Database};
use crate::domain::countries::Country;
use crate::domain::survey::Answers;
use crate::domain::taxonomy::{AssistanceType, CostBasis, Depth, IssueArea, Language, OrgKind, Region};
use crate::i18n::Locale;

/// A small deterministic generator (64-bit LCG), enough to spread values evenly.
pub(crate) struct Lcg(pub u64);

impl Lcg {
    pub(crate) fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    pub(crate) fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.next() % items.len()]
    }

    pub(crate) fn some<T: Copy + PartialEq>(&mut self, items: &[T], max: usize) -> Vec<T> {
        let n = 1 + self.next() % max;
        let mut out = Vec::with_capacity(n);
        while out.len() < n {
            let item = self.pick(items);
            if !out.contains(&item) {
                out.push(item);
            }
        }
        out
    }
}

/// Answers of the `i`-th synthetic provider.
pub fn answers(i: usize, name: &str, kind: OrgKind, country: &str) -> Answers {
    let mut rng = Lcg(i as u64 * 7919 + 17);
    let mut a = Answers::default();
    let mut put = |id: &str, values: Vec<String>| {
        a.0.insert(id.to_string(), values);
    };
    let areas = rng.some(IssueArea::ALL, 4);
    let depths = [Depth::Familiar, Depth::Experienced, Depth::Expert];
    put("respondent_name", vec![format!("Contact {i}")]);
    put("respondent_email", vec![format!("contact{i}@synthetic.example")]);
    put("org_name", vec![name.to_string()]);
    put("org_kind", vec![kind.key().to_string()]);
    if kind == OrgKind::Government {
        put("agency", vec![name.to_string()]);
    }
    put("org_country", vec![country.to_string()]);
    let area_names: Vec<&str> = areas.iter().map(|x| x.label(Locale::En)).collect();
    put("org_description", vec![format!("Advises public institutions on {}.", area_names.join(", ").to_lowercase())]);
    put("areas", areas.iter().map(|x| format!("{}:{}", x.key(), rng.pick(&depths).key())).collect());
    put("past_work", vec![format!("Supported {} reform projects with national and local governments.", 2 + i % 9)]);
    put("assistance", rng.some(AssistanceType::ALL, 3).iter().map(|x| x.key().to_string()).collect());
    let cost = rng.pick(CostBasis::ALL);
    put("cost_basis", vec![cost.key().to_string()]);
    if cost == CostBasis::Paid {
        put("rate_range", vec!["300 to 600 USD a day".into()]);
    }
    put("delivery", vec!["remote".into()]);
    // English and French and Spanish are common, the rest spread out
    let common = [Language::English, Language::French, Language::Spanish];
    let mut languages = rng.some(&common, 2);
    languages.push(rng.pick(Language::ALL));
    languages.dedup();
    put("languages", languages.iter().map(|x| x.key().to_string()).collect());
    put("regions", rng.some(Region::ALL, 2).iter().map(|x| x.key().to_string()).collect());
    put("capacity", vec!["part_time".into()]);
    put("consent_listing", vec!["yes".into()]);
    // four in five are in the public directory, a third of those with their contact details
    if !i.is_multiple_of(5) {
        put("consent_public", vec!["yes".into()]);
        if i.is_multiple_of(3) {
            put("consent_public_contact", vec!["yes".into()]);
        }
    }
    a
}

/// Adds `n` synthetic listed providers (with their index entries), committing every 500; the
/// same `seed` makes the same providers.
pub async fn seed_providers(db: &Database, n: usize, seed: u64) -> Result<usize, sqlx::Error> {
    let countries = Country::sorted_for(Locale::En);
    let mut tx = db.write().begin().await?;
    for i in 0..n {
        let mut rng = Lcg(i as u64 + 1 + seed.wrapping_mul(1_000_003));
        let kind = rng.pick(OrgKind::ALL);
        let country = countries[rng.next() % countries.len()].code;
        let name = format!("Synthetic {} {seed}-{i:05}", kind.label(Locale::En));
        let org = NewOrganisation {
            name: name.clone(),
            kind,
            country: country.to_string(),
            website: None,
            description: String::new(),
            verified: false,
        };
        let id = organisations::insert(&mut tx, &org).await?;
        surveys::add_profile_version(&mut tx, &id, &answers(i, &name, kind, country), None, true).await?;
        roster::index_provider(&mut tx, &id).await?;
        if i % 500 == 499 {
            tx.commit().await?;
            tx = db.write().begin().await?;
        }
    }
    tx.commit().await?;
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::survey::{first_incomplete, SurveyKind};

    #[test]
    fn synthetic_profiles_are_complete_answers() {
        for i in 0..200 {
            let a = answers(i, "Synthetic NGO", OrgKind::Ngo, "KE");
            assert_eq!(first_incomplete(SurveyKind::Supply, &a, false), None, "{i}: {a:?}");
        }
    }
}
