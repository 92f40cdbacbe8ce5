//! The command line as a user meets it, through the built binary: standard
//! input and output, missing inputs, profile JSON as an export's input,
//! completions and the man page.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn vitae() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vitae"))
}

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/000_91fdcebf25aa6776.txt")
}

/// Run vitae with `input` on its standard input.
fn with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = vitae()
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("vitae runs");
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(input).unwrap();
    drop(stdin);
    child.wait_with_output().unwrap()
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

#[test]
fn parse_and_text_read_standard_input() {
    let bytes = std::fs::read(seed()).unwrap();
    let from_file = json(&ok(&vitae().arg("parse").arg(seed()).output().unwrap()));
    let from_stdin = json(&ok(&with_stdin(&["parse", "-"], &bytes)));
    assert_eq!(from_stdin["source"]["file"], "<stdin>");
    assert_eq!(from_stdin["basics"], from_file["basics"]);
    assert_eq!(from_stdin["publications"], from_file["publications"]);
    assert!(!from_file["publications"].as_array().unwrap().is_empty());
    let text = ok(&with_stdin(&["text", "-"], &bytes));
    assert!(text.contains("== publications:"), "{text}");
}

#[test]
fn homepage_reads_standard_input() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(seed()).unwrap();
    let out = dir.path().join("site");
    let listed = ok(&with_stdin(
        &["homepage", "-", "-o", out.to_str().unwrap()],
        &bytes,
    ));
    assert!(listed.contains("about.md"), "{listed}");
    assert!(out.join("about.md").is_file());
}

#[test]
fn a_missing_input_is_exit_2_naming_it() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-cv.pdf");
    let m = missing.to_str().unwrap();
    let site = dir.path().join("site");
    let jsonl = dir.path().join("x.jsonl");
    for args in [
        vec!["parse", m],
        vec!["text", m],
        vec!["homepage", m, "-o", site.to_str().unwrap()],
        vec!["import", m, "-o", jsonl.to_str().unwrap()],
    ] {
        let o = vitae().args(&args).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(m) && err.contains("no such file or folder"),
            "{args:?}: {err}"
        );
    }
    // The batch did not run: no output left behind.
    assert!(!jsonl.exists());
}

#[test]
fn a_profile_json_is_exported_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let written = ok(&vitae().arg("parse").arg(seed()).output().unwrap());
    let path = dir.path().join("profile.json");
    // Corrected by hand: the name changed, and an edit there is kept (a
    // re-parse of the JSON as text would lose it).
    let mut v = json(&written);
    v["basics"]["name"] = "Corrected Name".into();
    std::fs::write(&path, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    let p = path.to_str().unwrap();

    let again = json(&ok(&vitae().args(["parse", p]).output().unwrap()));
    assert_eq!(again, v, "a profile JSON comes back unchanged");

    let resume = json(&ok(&vitae()
        .args(["parse", p, "--to", "jsonresume"])
        .output()
        .unwrap()));
    assert_eq!(resume["basics"]["name"], "Corrected Name");
    assert_eq!(
        resume["publications"].as_array().map(Vec::len),
        v["publications"].as_array().map(Vec::len)
    );

    let site = dir.path().join("site");
    ok(&vitae()
        .args([
            "homepage",
            p,
            "-o",
            site.to_str().unwrap(),
            "--style",
            "html",
        ])
        .output()
        .unwrap());
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(html.contains("<h1>Corrected Name</h1>"), "{html}");

    // Written by hand with most fields left out.
    let hand = dir.path().join("hand.json");
    std::fs::write(
        &hand,
        r#"{"basics": {"name": "Ada Lovelace"}, "publications": [{"title": "Notes on the Analytical Engine", "year": 1843}]}"#,
    )
    .unwrap();
    let h = hand.to_str().unwrap();
    let yaml = ok(&vitae()
        .args(["parse", h, "--to", "rendercv"])
        .output()
        .unwrap());
    assert!(yaml.contains("Ada Lovelace"), "{yaml}");
    assert!(yaml.contains("Notes on the Analytical Engine"), "{yaml}");
    ok(&vitae()
        .args([
            "homepage",
            h,
            "-o",
            site.to_str().unwrap(),
            "--style",
            "html",
        ])
        .output()
        .unwrap());
    let html = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(html.contains("Notes on the Analytical Engine"));

    // An unknown key is an error naming it.
    std::fs::write(&hand, r#"{"basics": {"name": "Ada", "nickname": "A"}}"#).unwrap();
    let o = vitae().args(["parse", h]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("`basics.nickname`"), "{err}");
}

#[test]
fn completions_and_man_page() {
    let bash = ok(&vitae().args(["completions", "bash"]).output().unwrap());
    assert!(
        bash.contains("_vitae") && bash.contains("homepage"),
        "{bash}"
    );
    let o = vitae()
        .args(["completions", "no-such-shell"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let man = ok(&vitae().arg("man").output().unwrap());
    assert!(man.starts_with(".ie") || man.contains(".TH"), "{man}");
    assert!(man.contains("vitae"));
    for cmd in ["parse", "homepage", "import"] {
        let help = ok(&vitae().args([cmd, "--help"]).output().unwrap());
        assert!(help.contains("Examples:"), "{cmd} --help: {help}");
    }
}

#[test]
fn import_writes_json_lines_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    std::fs::create_dir(&input).unwrap();
    for name in ["000_91fdcebf25aa6776.txt", "001_878e3baaa9acc3d7.txt"] {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("samples")
                .join(name),
            input.join(name),
        )
        .unwrap();
    }
    let o = vitae()
        .args(["import", input.to_str().unwrap(), "-o", "-", "-q"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    let out = ok(&o);
    let lines: Vec<serde_json::Value> = out.lines().map(json).collect();
    assert_eq!(lines.len(), 2, "{out}");
    assert_eq!(lines[0]["source"]["file"], "000_91fdcebf25aa6776.txt");
    assert_eq!(lines[1]["schema"], "vitae/profile@1");
    // Nothing named `-` was written.
    assert!(!dir.path().join("-").exists());
    // --resume has nothing to resume from on standard output.
    let o = vitae()
        .args(["import", input.to_str().unwrap(), "-o", "-", "--resume"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("--resume"));
}
