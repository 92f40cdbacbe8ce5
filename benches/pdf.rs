//! Per-file time of the whole pipeline (bytes → profile) and of PDF
//! extraction alone, on our generated PDF samples and, when the corpus is
//! there, on farshin's 6-page CV and a one-page resume.
//!
//! cargo bench --bench pdf
//! Whole-process timings against pdftotext: scripts/bench-pdf.sh.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::PathBuf;
use vitae::profile::Format;

// The allocator the `vitae` binary uses (src/main.rs), so these figures are
// the command's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn inputs() -> Vec<(String, Vec<u8>)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = ["one-column.pdf", "sidebar.pdf"]
        .iter()
        .map(|f| root.join("samples/pdf").join(f))
        .collect();
    let corpus = std::env::var_os("VITAE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared/corpus"));
    let extra = [
        "farshin/cv-2025-03-24-577300b.pdf",
        "farshin/resume-2023-03-08-4b9a502.pdf",
    ];
    if corpus.is_dir() {
        files.extend(extra.iter().map(|f| corpus.join(f)));
    } else {
        eprintln!(
            "note: corpus not found at {}: samples only",
            corpus.display()
        );
    }
    files
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            Some((p.file_name()?.to_string_lossy().into_owned(), bytes))
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let opts = vitae::Options::default();
    for (name, bytes) in inputs() {
        let mut g = c.benchmark_group(name.clone());
        g.throughput(Throughput::Bytes(bytes.len() as u64));
        g.sample_size(30);
        g.bench_function("extract", |b| {
            b.iter(|| vitae::extract::extract(&bytes, Format::Pdf).expect("extract"))
        });
        g.bench_function("whole pipeline", |b| {
            b.iter(|| vitae::parse_bytes(&name, &bytes, &opts).expect("parse"))
        });
        g.finish();
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
