//! The citation model's cost: loading the embedded model (first use) and
//! tagging 40 references, as a 6-page CV's publication list holds.
//!
//! cargo bench --bench citation

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use vitae::parse::citation;

const REFERENCES: &[&str] = &[
    "[C3] A. Example, B. Sample*, and C. Person. A Study of Things In Proceedings of the 19th USENIX Symposium on Networked Systems Design and Implementation (NSDI). 2022. Acceptance rate: 18%.",
    "Moreno JA, Ito K (2015) Habitat loss and the decline of pollinators. J Appl Ecol 52:1-9",
    "J. Doe, R. Roe, and M. Mu, \"Learning to route packets,\" IEEE Transactions on Networking, vol. 29, no. 4, pp. 1-14, 2021.",
    "Doe, Jane, and Rich Roe. 2018. \"Trade and Wages.\" American Economic Review 97, no. 4: 211-30.",
    "Firms and Frictions (with A. Author and B. Writer), Journal of Political Economy, 2019.",
    "Ramezani, A., Liu, E., & Xu, Y. (2024). Quantifying moral foundations in child language. PNAS Nexus, 3(8).",
    "J2. Smith†, K. Lee. Graph neural networks for molecules. Nature Chemistry, 2020. [PDF] [Code]",
    "12. Kim, H.*, Park, S. Deep learning for weather. arXiv preprint arXiv:2101.00001, 2021.",
];

fn bench(c: &mut Criterion) {
    let refs: Vec<&str> = REFERENCES.iter().cycle().take(40).copied().collect();
    c.bench_function("citation model load", |b| {
        b.iter(|| {
            let m = crfs::Model::new(citation::model_bytes()).unwrap();
            std::hint::black_box(m.tagger().is_ok())
        })
    });
    let mut g = c.benchmark_group("citation");
    g.throughput(Throughput::Elements(refs.len() as u64));
    g.bench_function("tag 40 references", |b| {
        b.iter(|| {
            for r in &refs {
                let toks: Vec<&str> = r.split_whitespace().collect();
                std::hint::black_box(citation::tag(&toks));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
