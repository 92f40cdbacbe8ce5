//! Every hostile reproducer of `../shared/fuzz/reproducers` (issue 13) goes
//! through the binary under an address-space cap and must end with a profile
//! (exit 0, JSON on stdout) or a clean error naming the file (exit 2): a
//! decompression bomb or a table blown up by a regression hits the cap and
//! aborts, which fails here instead of taking the machine down. Time and
//! peak memory are measured by `scripts/reproducers.sh`, not asserted here.
//!
//! `VITAE_FUZZ` names the folder; without it the default folder is used when
//! present and the test is skipped with a note when not. With `VITAE_FUZZ`
//! set, a missing folder or a missing reproducer is a failure.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Address space for one run, in KiB: some ten times what the worst
/// reproducer needs now, far below what any of them took before its limit.
const CAP_KIB: u64 = 1 << 20;
/// A run still going after this is a hang (debug builds are slow).
const HANG: Duration = Duration::from_secs(900);

/// The reproducers the campaign filed, and whether each must report a limit
/// it reached (a warning or a `limit` error) on stderr.
const KNOWN: &[(&str, bool)] = &[
    ("authors_one_line_40000.md", false),
    ("authors_pub_40000.md", false),
    ("forms_10pages.pdf", true),
    ("forms_200pages.pdf", true),
    ("link_uri1000000_x1.pdf", true),
    ("link_uri1000000_x5000.pdf", true),
    ("no_eof_marker.pdf", false),
    ("one_nul.md", false),
    ("sp02_flate_4GiB_double_fewKB.pdf", true),
    ("sp05_objstm_4GiB_double_fewKB.pdf", true),
    ("sp06_predictor_columns_1.5e9.pdf", false),
    ("sp07_tounicode_4GiB_double.pdf", true),
    ("sp08_tounicode_100000_ranges_60000_codes.pdf", false),
    ("sp08_tounicode_20000_ranges_60000_codes.pdf", false),
    ("sp09_encoding_100000_cidranges_500000_glyphs.pdf", false),
    ("sp09_encoding_20000_cidranges_200000_glyphs.pdf", false),
    ("sp10_encoding_100k_codespaces_500k_codes.pdf", false),
    ("sp11_tounicode_40000x1024_expanded.pdf", false),
    ("sp11_tounicode_4000x1024_expanded.pdf", false),
    ("sp12_300_fonts_shared_2000x1024_tounicode.pdf", false),
    ("sp13_q_5M.pdf", true),
    ("sp14_one_Tj_30M_glyphs.pdf", true),
    ("trailing_garbage.pdf", false),
    ("wordcomma_lines_20000.md", false),
];

/// Files real readers open: these must give a profile, not an error.
const MUST_PARSE: &[&str] = &["no_eof_marker.pdf", "one_nul.md", "trailing_garbage.pdf"];

fn folder() -> Option<PathBuf> {
    match std::env::var_os("VITAE_FUZZ") {
        Some(d) => {
            let d = PathBuf::from(d);
            assert!(d.is_dir(), "VITAE_FUZZ={} is not a folder", d.display());
            Some(d)
        }
        None => {
            let d = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/fuzz/reproducers");
            if d.is_dir() {
                Some(d)
            } else {
                eprintln!(
                    "note: no reproducers at {} (set VITAE_FUZZ): skipped",
                    d.display()
                );
                None
            }
        }
    }
}

struct Run {
    code: Option<i32>,
    stdout: Vec<u8>,
    stderr: String,
}

/// `vitae parse FILE` under the address-space cap, killed if it hangs.
fn parse(file: &Path) -> Run {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {CAP_KIB} && exec \"$0\" parse \"$1\""))
        .arg(env!("CARGO_BIN_EXE_vitae"))
        .arg(file)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn sh");
    let mut out = child.stdout.take().expect("stdout piped");
    let mut err = child.stderr.take().expect("stderr piped");
    let out_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let err_t = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait().expect("wait") {
            Some(s) => break s,
            None if start.elapsed() > HANG => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("{}: still running after {HANG:?}: killed", file.display());
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    Run {
        code: status.code(),
        stdout: out_t.join().unwrap_or_default(),
        stderr: String::from_utf8_lossy(&err_t.join().unwrap_or_default()).into_owned(),
    }
}

/// What is wrong with one run, if anything.
fn check(file: &Path, name: &str, r: &Run) -> Result<(), String> {
    match r.code {
        Some(0) => {
            let v: serde_json::Value = serde_json::from_slice(&r.stdout)
                .map_err(|e| format!("exit 0 but no JSON profile: {e}"))?;
            if v["source"]["file"] != name {
                return Err(format!("profile without source.file {name}"));
            }
        }
        Some(2) => {
            if MUST_PARSE.contains(&name) {
                return Err(format!("refused: {}", r.stderr.trim()));
            }
            let head = format!("vitae: {}: ", file.display());
            if !r.stderr.starts_with(&head) || r.stderr.contains("panicked") {
                return Err(format!(
                    "exit 2 without a clean message: {}",
                    r.stderr.trim()
                ));
            }
        }
        c => {
            return Err(format!(
                "exit {c:?} (an abort under the {CAP_KIB} KiB address-space cap is a blow-up): {}",
                r.stderr.trim()
            ))
        }
    }
    if KNOWN.iter().any(|&(n, limit)| n == name && limit) && !r.stderr.contains("limit") {
        return Err(format!("no limit reported: {}", r.stderr.trim()));
    }
    Ok(())
}

#[test]
fn every_reproducer_ends_in_a_profile_or_a_clean_error() {
    let Some(dir) = folder() else { return };
    let strict = std::env::var_os("VITAE_FUZZ").is_some();
    let mut failures = Vec::new();
    for (name, _) in KNOWN {
        if !dir.join(name).is_file() {
            if strict {
                failures.push(format!("{name}: missing from {}", dir.display()));
            } else {
                eprintln!("note: {name} not in {}", dir.display());
            }
        }
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("read the reproducers folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no reproducers in {}", dir.display());
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        if let Err(e) = check(f, &name, &parse(f)) {
            failures.push(format!("{name}: {e}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
