//! Bad input through the binary: each gives exit 2 with a message on stderr
//! naming the file, or exit 0 with a valid profile; never a panic, never a hang.

use serde_json::Value;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Far above what any input should take in a debug build: a hang, not slowness.
const TIMEOUT: Duration = Duration::from_secs(60);

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

/// Run `vitae ARGS`, killing it (and failing) after [`TIMEOUT`].
fn run(args: &[&std::ffi::OsStr]) -> Outcome {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_vitae"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn vitae");
    // Drain both pipes on threads so a chatty child cannot block on a full pipe.
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
    let status = loop {
        match child.try_wait().expect("wait for vitae") {
            Some(s) => break s,
            None if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("vitae {args:?} still running after {TIMEOUT:?}: killed (a hang)");
            }
            None => std::thread::sleep(Duration::from_millis(20)),
        }
    };
    let elapsed = start.elapsed();
    let stdout = String::from_utf8_lossy(&out_t.join().unwrap_or_default()).into_owned();
    let stderr = String::from_utf8_lossy(&err_t.join().unwrap_or_default()).into_owned();
    Outcome {
        code: status.code(),
        stdout,
        stderr,
        elapsed,
    }
}

fn parse(path: &Path) -> Outcome {
    run(&["parse".as_ref(), path.as_os_str()])
}

/// What a bad input is allowed to produce.
#[derive(Clone, Copy, PartialEq)]
enum Allow {
    /// Exit 2 with a message naming the file.
    Error,
    /// Exit 2, or exit 0 with a valid profile carrying at least one warning.
    ErrorOrWarnedProfile,
    /// Exit 2, or exit 0 with a valid profile.
    ErrorOrProfile,
}

fn check(name: &str, path: &Path, allow: Allow) -> Outcome {
    let o = parse(path);
    let ctx = format!(
        "{name}: vitae parse {} exited {:?} after {:?}\n--- stderr ---\n{}",
        path.display(),
        o.code,
        o.elapsed,
        o.stderr
    );
    assert!(!o.stderr.contains("panicked"), "{ctx}\npanic");
    assert_ne!(o.code, Some(101), "{ctx}\npanic exit code");
    match o.code {
        Some(2) => {
            let file = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let msg = o.stderr.trim();
            assert!(!msg.is_empty(), "{ctx}\nexit 2 with nothing on stderr");
            assert!(
                msg.contains(&file),
                "{ctx}\nthe message does not name {file}"
            );
            assert!(o.stdout.is_empty(), "{ctx}\nexit 2 yet a profile on stdout");
        }
        Some(0) if allow != Allow::Error => {
            let v: Value = serde_json::from_str(&o.stdout)
                .unwrap_or_else(|e| panic!("{ctx}\nexit 0 but stdout is not JSON: {e}"));
            assert_valid_profile(&v, &ctx);
            if allow == Allow::ErrorOrWarnedProfile {
                let warnings = v["diagnostics"]["warnings"].as_array().map_or(0, Vec::len);
                assert!(
                    warnings > 0,
                    "{ctx}\nexit 0 on junk input without a warning"
                );
            }
        }
        _ => panic!("{ctx}\nunexpected exit code"),
    }
    o
}

fn assert_valid_profile(v: &Value, ctx: &str) {
    let schema: Value = serde_json::from_str(&vitae::export::schema_json()).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errs: Vec<String> = validator
        .iter_errors(v)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(
        errs.is_empty(),
        "{ctx}\nprofile breaks the schema:\n{}",
        errs.join("\n")
    );
    assert_eq!(v["schema"], "vitae/profile@1", "{ctx}");
}

/// Deterministic pseudo-random bytes (xorshift), so a failure reproduces.
fn random_bytes(n: usize, mut seed: u64) -> Vec<u8> {
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        out.extend_from_slice(&seed.to_le_bytes());
    }
    out.truncate(n);
    out
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write temp file");
    p
}

#[test]
fn empty_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    check(
        "empty",
        &write(dir.path(), "empty.md", b""),
        Allow::ErrorOrWarnedProfile,
    );
    check(
        "whitespace only",
        &write(dir.path(), "blank.md", b"  \n\n\t\n"),
        Allow::ErrorOrWarnedProfile,
    );
}

#[test]
fn random_bytes_are_refused_or_warned() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (i, seed) in [1u64, 0x9e37_79b9_7f4a_7c15, 42].into_iter().enumerate() {
        let p = write(
            dir.path(),
            &format!("random-{i}.bin"),
            &random_bytes(64 * 1024, seed),
        );
        check("random bytes", &p, Allow::ErrorOrWarnedProfile);
    }
}

#[test]
fn random_bytes_named_pdf() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(dir.path(), "cv.pdf", &random_bytes(20 * 1024, 7));
    check("random .pdf", &p, Allow::ErrorOrWarnedProfile);
}

#[test]
fn truncated_pdf() {
    // A PDF header with garbage after it: the PDF path must fail cleanly too.
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes =
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R".to_vec();
    bytes.extend(random_bytes(4096, 99));
    let p = write(dir.path(), "truncated.pdf", &bytes);
    check("truncated pdf", &p, Allow::ErrorOrWarnedProfile);
}

#[test]
fn invalid_utf8() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bytes = b"# Jane Roe\n\n## Education\n\n- Ph.D. in Physics, Universit".to_vec();
    bytes.extend_from_slice(b"\xe4t Wien, 2019\n- B.Sc. \xff\xfe\xc3\x28 2014\n");
    let p = write(dir.path(), "latin1.md", &bytes);
    check("invalid UTF-8", &p, Allow::ErrorOrWarnedProfile);
}

#[test]
fn a_100_mb_file_is_refused_quickly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = dir.path().join("huge.md");
    {
        let mut f = std::io::BufWriter::new(std::fs::File::create(&p).expect("create"));
        let line = b"- Research Assistant, Example University, 2019-2020, worked on things\n";
        let mut written = 0usize;
        while written < 100 * 1024 * 1024 {
            f.write_all(line).expect("write");
            written += line.len();
        }
        f.flush().expect("flush");
    }
    let o = check("100 MB", &p, Allow::Error);
    assert!(o.stderr.contains("too large"), "{}", o.stderr);
    // Refused from the file size, before reading it.
    assert!(o.elapsed < Duration::from_secs(10), "took {:?}", o.elapsed);
}

#[test]
fn a_file_without_headings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = "Jane Roe\njane.roe@example.org\n\nI study how glaciers move and teach \
                an introductory course on climate.\nIn my spare time I paint.\n";
    check(
        "no headings",
        &write(dir.path(), "plain.txt", text.as_bytes()),
        Allow::ErrorOrProfile,
    );
    let one_line = "just one long line without any structure at all ".repeat(2000);
    check(
        "one line",
        &write(dir.path(), "line.txt", one_line.as_bytes()),
        Allow::ErrorOrProfile,
    );
}

#[test]
fn a_directory() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sub = dir.path().join("cvs");
    std::fs::create_dir(&sub).expect("mkdir");
    check("directory", &sub, Allow::Error);
}

#[test]
fn a_missing_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    check("missing", &dir.path().join("no-such-cv.md"), Allow::Error);
}

#[test]
fn text_subcommand_on_junk_does_not_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(dir.path(), "junk.bin", &random_bytes(8192, 3));
    let o = run(&["text".as_ref(), p.as_os_str()]);
    assert!(!o.stderr.contains("panicked"), "{}", o.stderr);
    assert!(
        matches!(o.code, Some(0) | Some(2)),
        "exit {:?}: {}",
        o.code,
        o.stderr
    );
}

#[test]
fn pathological_markdown() {
    // Deep nesting and long runs of delimiters: where recursive parsers overflow
    // their stack or go quadratic.
    let dir = tempfile::tempdir().expect("tempdir");
    let cases = [
        ("quotes.md", ">".repeat(50_000)),
        (
            "lists.md",
            (0..3000)
                .map(|i| format!("{}- item {i}\n", "  ".repeat(i)))
                .collect(),
        ),
        ("brackets.md", "[".repeat(50_000) + &"](x)".repeat(10_000)),
        ("emphasis.md", "**_".repeat(30_000)),
        (
            "table.md",
            format!("|{}\n|{}\n", "a|".repeat(5000), "-|".repeat(5000)),
        ),
        ("html.md", "<b>".repeat(30_000)),
    ];
    for (name, text) in cases {
        check(
            name,
            &write(dir.path(), name, text.as_bytes()),
            Allow::ErrorOrProfile,
        );
    }
}
