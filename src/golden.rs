//! Golden regression checks: every sample re-parsed and compared with its
//! reviewed profile in `golden/` (same relative path, `.json` appended).

use crate::{export, parse_path, Options};
use similar::TextDiff;
use std::path::{Path, PathBuf};

pub struct Report {
    pub passed: usize,
    pub failed: usize,
    /// Readable report: one unified diff per mismatch and a summary line.
    pub text: String,
}

/// Every sample file under `dir`, sorted (hidden files and READMEs skipped).
pub fn sample_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    walk(dir, &mut out)?;
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        let name = p
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if name.starts_with('.') || name.eq_ignore_ascii_case("README.md") {
            continue;
        }
        if p.is_dir() {
            walk(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

/// The golden file of a sample.
pub fn golden_path(samples: &Path, golden: &Path, sample: &Path) -> PathBuf {
    let rel = sample.strip_prefix(samples).unwrap_or(sample);
    let mut g = golden.join(rel).into_os_string();
    g.push(".json");
    PathBuf::from(g)
}

/// The output a sample is compared on: the profile JSON, or the error.
pub fn render(sample: &Path) -> String {
    match parse_path(sample, &Options::default()) {
        Ok(p) => export::to_json(&p),
        Err(e) => format!("{{\"error\": {:?}, \"kind\": {:?}}}\n", e.message, e.kind),
    }
}

/// Compare (or with `bless`, rewrite) every golden.
pub fn check(samples: &Path, golden: &Path, bless: bool) -> Result<Report, String> {
    let files = sample_files(samples)
        .map_err(|e| format!("{}: cannot list samples: {e}", samples.display()))?;
    let mut report = Report {
        passed: 0,
        failed: 0,
        text: String::new(),
    };
    for sample in files {
        let got = render(&sample);
        let gpath = golden_path(samples, golden, &sample);
        if bless {
            if let Some(dir) = gpath.parent() {
                std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
            }
            std::fs::write(&gpath, &got).map_err(|e| format!("{}: {e}", gpath.display()))?;
            report.passed += 1;
            continue;
        }
        let want = std::fs::read_to_string(&gpath).unwrap_or_default();
        if want == got {
            report.passed += 1;
        } else {
            report.failed += 1;
            let diff = TextDiff::from_lines(&want, &got);
            let old = gpath.display().to_string();
            let new = format!("{} (now)", sample.display());
            if want.is_empty() {
                report
                    .text
                    .push_str(&format!("FAIL {}: no golden at {old}\n", sample.display()));
            } else {
                report
                    .text
                    .push_str(&format!("FAIL {}\n", sample.display()));
                report.text.push_str(
                    &diff
                        .unified_diff()
                        .context_radius(3)
                        .header(&old, &new)
                        .to_string(),
                );
            }
        }
    }
    if bless {
        report
            .text
            .push_str(&format!("blessed {} goldens\n", report.passed));
    }
    report.text.push_str(&format!(
        "{} passed, {} failed\n",
        report.passed, report.failed
    ));
    Ok(report)
}
