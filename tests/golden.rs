//! Every sample in `samples/` parses to exactly its reviewed profile in
//! `golden/` (the same relative path with `.json` appended).
//!
//! On a mismatch the test prints one unified diff per sample. After a deliberate
//! change: `cargo run -- check --bless`, then review `git diff golden/` by eye.

use std::path::PathBuf;

#[test]
fn samples_match_their_goldens() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let samples = root.join("samples");
    let golden = root.join("golden");
    let report = match vitae::golden::check(&samples, &golden, false) {
        Ok(r) => r,
        Err(e) => panic!("golden check could not run: {e}"),
    };
    assert!(
        report.passed + report.failed > 0,
        "no samples found in {}",
        samples.display()
    );
    if report.failed > 0 {
        panic!(
            "{} of {} samples differ from their goldens (a missing golden counts as a \
             difference; run `cargo run -- check --bless` and review the result by eye):\n\n{}",
            report.failed,
            report.passed + report.failed,
            report.text
        );
    }
    eprint!("{}", report.text);
}

#[test]
fn every_golden_has_its_sample() {
    // A golden left behind by a renamed or deleted sample is never compared.
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let golden = root.join("golden");
    let mut orphans = Vec::new();
    let mut stack = vec![golden.clone()];
    while let Some(dir) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in rd.flatten() {
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p
                .strip_prefix(&golden)
                .unwrap_or(&p)
                .to_string_lossy()
                .into_owned();
            let Some(sample) = rel.strip_suffix(".json") else {
                continue;
            };
            if !root.join("samples").join(sample).is_file() {
                orphans.push(rel);
            }
        }
    }
    assert!(
        orphans.is_empty(),
        "goldens without a sample in samples/: {orphans:?}"
    );
}
