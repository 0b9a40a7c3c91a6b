//! Ranking 10,000 providers for one scope, single-threaded (`cargo bench -p app --bench
//! matching`, run by `make bench`). The providers are generated from a fixed seed with the
//! spread of real profiles (1–4 issue areas, 1–3 kinds of assistance, 2–3 languages).

use app::domain::matching::{rank, Candidate, Scope, Weights};
use app::domain::taxonomy::{AssistanceType, Budget, Capacity, CostBasis, Depth, IssueArea, Language, OrgKind, Region};

fn main() {
    divan::main();
}

struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn some<T: Copy + PartialEq>(&mut self, items: &[T], max: usize) -> Vec<T> {
        let n = 1 + self.next() % max;
        let mut out = Vec::new();
        while out.len() < n {
            let item = items[self.next() % items.len()];
            if !out.contains(&item) {
                out.push(item);
            }
        }
        out
    }
}

fn candidates(n: usize) -> Vec<Candidate> {
    let mut rng = Lcg(42);
    (0..n)
        .map(|i| Candidate {
            id: format!("{i:08}"),
            kind: OrgKind::ALL[rng.next() % OrgKind::ALL.len()],
            areas: rng.some(IssueArea::ALL, 4).into_iter().map(|a| (a, Depth::ALL[i % 3])).collect(),
            assistance: rng.some(AssistanceType::ALL, 3),
            languages: rng.some(Language::ALL, 3),
            regions: rng.some(Region::ALL, 2),
            countries: vec!["KE".into(), "SN".into()],
            cost: Some(CostBasis::ALL[rng.next() % 3]),
            capacity: Some(Capacity::ALL[rng.next() % 3]),
        })
        .collect()
}

fn scope() -> Scope {
    Scope {
        areas: vec![IssueArea::FiscalOpenness, IssueArea::OpenData, IssueArea::CitizenParticipation],
        assistance: vec![AssistanceType::Training, AssistanceType::StrategyAdvice],
        languages: vec![Language::French, Language::English],
        regions: vec![Region::AfricaMiddleEast],
        countries: vec!["SN".into()],
        budget: Some(Budget::CostsCovered),
        preferred_kinds: vec![],
    }
}

#[divan::bench(args = [1_000, 10_000], sample_count = 200)]
fn rank_providers(bencher: divan::Bencher, n: usize) {
    let all = candidates(n);
    let scope = scope();
    let weights = Weights::default();
    bencher.bench_local(|| rank(divan::black_box(&scope), divan::black_box(&all), &weights));
}
