//! `vitae import` end to end, through the built binary.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn vitae() -> Command {
    Command::new(env!("CARGO_BIN_EXE_vitae"))
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    vitae()
        .arg("import")
        .args(args)
        .output()
        .expect("vitae runs")
}

macro_rules! args {
    ($($a:expr),* $(,)?) => { &[$(std::ffi::OsStr::new($a)),*] };
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn corpus_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("VITAE_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    dir.is_dir().then_some(dir)
}

/// The seeds in `samples/` (the `.txt` files: Markdown CVs the project
/// started from; other samples come and go).
fn samples() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut v: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("samples/")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    v.sort();
    assert!(!v.is_empty());
    v
}

/// `n` distinct Markdown CVs (copies of the samples, each with a line of its
/// own so that dedupe does not fold them), spread over nested folders.
fn sample_copies(dir: &Path, n: usize) {
    let s = samples();
    for k in 0..n {
        let (name, bytes) = &s[k % s.len()];
        let sub = dir.join(format!("batch{}/{}", k % 3, k % 7));
        std::fs::create_dir_all(&sub).unwrap();
        let mut b = bytes.clone();
        b.extend_from_slice(format!("\n\nCopy number {k}.\n").as_bytes());
        std::fs::write(sub.join(format!("{k:04}-{name}")), b).unwrap();
    }
}

fn copy_tree(from: &Path, to: &Path) -> usize {
    let mut n = 0;
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().filter_map(|e| e.ok()) {
        let (src, dst) = (e.path(), to.join(e.file_name()));
        if src.is_dir() {
            n += copy_tree(&src, &dst);
        } else {
            std::fs::copy(&src, &dst).unwrap();
            n += 1;
        }
    }
    n
}

fn lines(p: &Path) -> Vec<String> {
    std::fs::read_to_string(p)
        .unwrap_or_default()
        .lines()
        .map(String::from)
        .collect()
}

fn json_lines(p: &Path) -> Vec<serde_json::Value> {
    lines(p)
        .iter()
        .map(|l| serde_json::from_str(l).expect("each line is one JSON value"))
        .collect()
}

fn sha256_hex(b: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(b)
        .iter()
        .map(|x| format!("{x:02x}"))
        .collect()
}

/// Deterministic noise (no `%PDF` header, NUL bytes likely).
fn noise(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

/// A PDF with a password: a Standard security handler whose user key matches
/// no password (not even the empty one), so no reader can open it unasked.
fn encrypted_pdf() -> Vec<u8> {
    let objs = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>".to_string(),
        "<< /Length 32 >>\nstream\n0123456789abcdef0123456789abcdef\nendstream".to_string(),
        format!(
            "<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <{}> /U <{}> >>",
            "5a".repeat(32),
            "c3".repeat(32)
        ),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objs.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(b"xref\n0 6\n0000000000 65535 f \n");
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size 6 /Root 1 0 R /Encrypt 5 0 R /ID [<{id}> <{id}>] >>\nstartxref\n{xref}\n%%EOF\n",
            id = "00112233445566778899aabbccddeeff"
        )
        .as_bytes(),
    );
    out
}

#[test]
fn corpus_plus_broken_files() {
    let Some(corpus) = corpus_dir() else {
        eprintln!("note: corpus_plus_broken_files skipped: no corpus (set VITAE_CORPUS)");
        return;
    };
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    let n_good = copy_tree(&corpus, &input.join("corpus"));
    let broken = input.join("broken");
    std::fs::create_dir_all(&broken).unwrap();
    let some_pdf = std::fs::read(corpus.join("jakes-resume/resume.pdf"))
        .or_else(|_| std::fs::read(corpus.join("awesome-cv/resume.pdf")))
        .unwrap_or_else(|_| encrypted_pdf());
    std::fs::write(
        broken.join("truncated.pdf"),
        &some_pdf[..some_pdf.len() / 3],
    )
    .unwrap();
    std::fs::write(broken.join("random.pdf"), noise(4096)).unwrap();
    std::fs::write(broken.join("empty.pdf"), b"").unwrap();
    std::fs::write(broken.join("encrypted.pdf"), encrypted_pdf()).unwrap();

    let out = tmp.path().join("profiles.jsonl");
    let errors = tmp.path().join("errors.jsonl");
    let o = run(args!(&input, "-o", &out, "--errors", &errors, "-j", "2"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    let errs = json_lines(&errors);
    let by_name: HashMap<String, &serde_json::Value> = errs
        .iter()
        .map(|e| {
            let p = e["path"].as_str().expect("path");
            assert!(e["error"].as_str().is_some_and(|s| !s.is_empty()), "{e}");
            assert!(e["kind"].as_str().is_some_and(|s| !s.is_empty()), "{e}");
            (p.rsplit('/').next().unwrap_or(p).to_string(), e)
        })
        .collect();
    for name in ["truncated.pdf", "random.pdf", "empty.pdf", "encrypted.pdf"] {
        let e = by_name
            .get(name)
            .unwrap_or_else(|| panic!("{name} not in errors: {errs:?}"));
        assert!(e["path"].as_str().unwrap().contains("broken"), "{e}");
    }
    assert_eq!(by_name["empty.pdf"]["kind"], "empty");

    // Every good file yields a profile (its bytes' hash is in the output),
    // unless this build cannot read PDFs yet.
    let profiles = json_lines(&out);
    let shas: BTreeSet<&str> = profiles
        .iter()
        .map(|p| p["source"]["sha256"].as_str().expect("source.sha256"))
        .collect();
    assert_eq!(shas.len(), profiles.len(), "no input twice");
    let pdf_unsupported = errs.iter().any(|e| e["kind"] == "pdf_unsupported");
    if pdf_unsupported {
        eprintln!("note: this build cannot read PDFs (pdf_unsupported): corpus PDFs are checked to be reported as errors");
    }
    let mut checked = 0;
    for e in walk(&input.join("corpus")) {
        let bytes = std::fs::read(&e).unwrap();
        let name = e.file_name().unwrap().to_string_lossy().into_owned();
        if shas.contains(sha256_hex(&bytes).as_str()) {
            checked += 1;
            continue;
        }
        let err = errs
            .iter()
            .find(|x| Path::new(x["path"].as_str().unwrap()) == e)
            .unwrap_or_else(|| panic!("{} yielded neither a profile nor an error", e.display()));
        assert!(
            pdf_unsupported && err["kind"] == "pdf_unsupported",
            "good file {name} failed: {err}"
        );
    }
    assert_eq!(n_good, walk(&input.join("corpus")).len());
    assert!(checked > 0);
    assert_eq!(profiles.len() + errs.len(), n_good + 4, "each input once");
    let s = stderr(&o);
    assert!(
        s.contains(&format!(
            "imported {}, failed {}, skipped 0, in ",
            profiles.len(),
            errs.len()
        )),
        "{s}"
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().filter_map(|e| e.ok()) {
        let p = e.path();
        if p.is_dir() {
            v.extend(walk(&p));
        } else {
            v.push(p);
        }
    }
    v
}

#[test]
fn sigkill_then_resume_gives_the_uninterrupted_output() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    sample_copies(&input, 80);
    std::fs::write(input.join("empty.md"), b"").unwrap();

    let full = tmp.path().join("full.jsonl");
    let o = run(args!(&input, "-o", &full, "-j", "1"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let n = lines(&full).len();
    assert!(n > 60, "{}", stderr(&o));

    let out = tmp.path().join("out.jsonl");
    let journal = tmp.path().join("out.jsonl.partial");
    let mut child = vitae()
        .arg("import")
        .arg(&input)
        .arg("-o")
        .arg(&out)
        .args(["-j", "1", "--quiet"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let done = std::fs::read(&journal)
            .map(|b| b.iter().filter(|&&c| c == b'\n').count())
            .unwrap_or(0);
        if done >= n / 4 {
            break;
        }
        assert!(Instant::now() < deadline, "the import made no progress");
        assert!(
            child.try_wait().unwrap().is_none(),
            "finished before the kill: make the corpus larger"
        );
        std::thread::sleep(Duration::from_millis(2));
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert!(!out.exists(), "killed halfway: no output yet");
    let killed_at = lines(&journal).len();
    assert!(
        killed_at < n,
        "the kill landed halfway ({killed_at} of {n})"
    );

    let o = run(args!(&input, "-o", &out, "-j", "1", "--resume"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read(&out).unwrap() == std::fs::read(&full).unwrap(),
        "resumed output differs from the uninterrupted one"
    );
    assert!(!journal.exists());
    let s = stderr(&o);
    let skipped: usize = s
        .split("skipped ")
        .nth(1)
        .and_then(|r| r.split(',').next())
        .and_then(|x| x.parse().ok())
        .unwrap_or_else(|| panic!("no summary: {s}"));
    assert!(skipped >= killed_at.saturating_sub(1), "{s}");
    assert!(s.contains(&format!("imported {}, ", n - skipped)), "{s}");
}

/// A mixed folder: sample copies, a duplicate, broken files.
fn mixed(dir: &Path, n: usize) {
    sample_copies(dir, n);
    let s = samples();
    std::fs::write(dir.join("dup.md"), &s[0].1).unwrap();
    std::fs::write(dir.join("dup2.md"), &s[0].1).unwrap();
    std::fs::write(dir.join("empty.pdf"), b"").unwrap();
    std::fs::write(dir.join("noise.pdf"), noise(2048)).unwrap();
    std::fs::write(dir.join("locked.pdf"), encrypted_pdf()).unwrap();
}

#[test]
fn one_and_two_threads_give_identical_bytes() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    mixed(&input, 16);
    let mut outputs = Vec::new();
    let mut summaries = Vec::new();
    for j in ["1", "2"] {
        let out = tmp.path().join(format!("p{j}.jsonl"));
        let err = tmp.path().join(format!("e{j}.jsonl"));
        let o = run(args!(&input, "-o", &out, "--errors", &err, "-j", j));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        outputs.push((std::fs::read(&out).unwrap(), std::fs::read(&err).unwrap()));
        let s = stderr(&o);
        let summary = s
            .lines()
            .find(|l| l.starts_with("imported "))
            .unwrap_or_default();
        assert!(summary.contains(", skipped 1, in "), "{s}");
        summaries.push(
            summary
                .split(", in ")
                .next()
                .unwrap_or_default()
                .to_string(),
        );
    }
    assert!(outputs[0] == outputs[1], "-j 1 and -j 2 differ");
    assert_eq!(summaries[0], summaries[1]);
    assert!(
        lines(&tmp.path().join("e1.jsonl")).len() >= 3,
        "the three broken files"
    );

    // Compact JSON, one profile a line, sorted by input path.
    let text = String::from_utf8(outputs[0].0.clone()).unwrap();
    assert!(text.ends_with('\n') && !text.contains("\n\n"));
    let files: Vec<String> = text
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            assert_eq!(v["schema"], "vitae/profile@1");
            v["source"]["file"].as_str().unwrap().to_string()
        })
        .collect();
    // dup.md (sorted before dup2.md) keeps the profile; dup2.md is the duplicate.
    assert!(files.contains(&"dup.md".to_string()));
    assert!(!files.contains(&"dup2.md".to_string()));
}

#[test]
fn strict_timeout_glob_and_isolate() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    mixed(&input, 6);
    let out = tmp.path().join("p.jsonl");

    // --strict turns failures into exit 1; without it the batch "ran": exit 0.
    let o = run(args!(&input, "-o", &out, "--strict", "-q"));
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stderr.is_empty(), "--quiet: {}", stderr(&o));
    let in_process = std::fs::read(&out).unwrap();

    // Isolated children give the same bytes.
    let iso = tmp.path().join("iso.jsonl");
    let o = run(args!(&input, "-o", &iso, "--isolate", "-j", "2"));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::read(&iso).unwrap() == in_process,
        "--isolate output differs"
    );

    // Every document over its deadline: each reported, the batch goes on.
    for mode in [None, Some("--isolate")] {
        let err = tmp.path().join("timeouts.jsonl");
        let mut a: Vec<&std::ffi::OsStr> = args!(
            &input,
            "-o",
            &out,
            "--errors",
            &err,
            "--timeout",
            "0.000001",
            "--glob",
            "*.txt"
        )
        .to_vec();
        a.extend(mode.map(std::ffi::OsStr::new));
        let o = run(&a);
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let errs = json_lines(&err);
        assert_eq!(errs.len(), 6, "{mode:?}: {errs:?}");
        assert!(errs.iter().all(|e| e["kind"] == "timeout"), "{errs:?}");
        assert!(lines(&out).is_empty());
    }

    // --glob picks files by name, at any depth.
    let o = run(args!(&input, "-o", &out, "--glob", "*.PDF"));
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("imported 0, failed 3, skipped 0"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn out_dir_names_and_collisions() {
    let tmp = tempfile::tempdir().unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    std::fs::create_dir_all(a.join("x")).unwrap();
    std::fs::create_dir_all(&b).unwrap();
    let s = samples();
    let cv = |k: usize| {
        let mut v = s[k % s.len()].1.clone();
        v.extend_from_slice(format!("\nVariant {k}.\n").as_bytes());
        v
    };
    std::fs::write(a.join("cv.md"), cv(0)).unwrap();
    std::fs::write(a.join("cv.txt"), cv(1)).unwrap();
    std::fs::write(a.join("cv-2.md"), cv(2)).unwrap();
    std::fs::write(a.join("x/cv.md"), cv(3)).unwrap();
    std::fs::write(b.join("cv.md"), cv(4)).unwrap();
    let out = tmp.path().join("out");
    // b/cv.md is named as a file: its name is its file name, which a/cv.md
    // already took.
    let o = run(args!(&a, &b.join("cv.md"), "--out-dir", &out));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let mut got: Vec<(String, String)> = walk(&out)
        .iter()
        .map(|p| {
            let v: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap();
            let rel = p.strip_prefix(&out).unwrap().to_string_lossy().into_owned();
            (rel, v["source"]["sha256"].as_str().unwrap().to_string())
        })
        .collect();
    got.sort();
    let want = |name: &str, k: usize| (name.to_string(), sha256_hex(&cv(k)));
    let mut expected = vec![
        want("cv-2.json", 2),
        want("cv.json", 0),
        want("cv.txt.json", 1),
        want("x/cv.json", 3),
        want("cv.md.json", 4),
    ];
    expected.sort();
    assert_eq!(got, expected);
}

#[test]
fn shards_are_disjoint_and_cover_everything() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    sample_copies(&input, 12);
    let full = tmp.path().join("full.jsonl");
    assert_eq!(run(args!(&input, "-o", &full)).status.code(), Some(0));
    let all: BTreeSet<String> = lines(&full).into_iter().collect();
    assert_eq!(all.len(), 12);
    let mut union = BTreeSet::new();
    let mut total = 0;
    for i in 0..3 {
        let out = tmp.path().join(format!("s{i}.jsonl"));
        let shard = format!("{i}/3");
        let o = run(args!(&input, "-o", &out, "--shard", &shard));
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        let ls = lines(&out);
        assert!(!ls.is_empty(), "shard {shard} is empty");
        total += ls.len();
        union.extend(ls);
    }
    assert_eq!(total, all.len(), "disjoint");
    assert_eq!(union, all, "the union is everything");
    let o = run(args!(&input, "-o", &full, "--shard", "3/3"));
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn report_lists_every_profile_worst_first() {
    let tmp = tempfile::tempdir().unwrap();
    let input = tmp.path().join("in");
    mixed(&input, 8);
    // No heading at all: no name, no section, the lowest score.
    std::fs::write(input.join("plain.txt"), "some words\nand some more words\n").unwrap();
    let out = tmp.path().join("p.jsonl");
    let report = tmp.path().join("report.tsv");
    let err = tmp.path().join("e.jsonl");
    let o = run(args!(
        &input, "-o", &out, "--errors", &err, "--report", &report
    ));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));

    // The profiles' own scores, by file name (the copies' names are distinct).
    let profiles: HashMap<String, serde_json::Value> = json_lines(&out)
        .into_iter()
        .map(|v| {
            let file = v["source"]["file"].as_str().unwrap().to_string();
            (file, v["diagnostics"]["quality"].clone())
        })
        .collect();
    let text = std::fs::read_to_string(&report).unwrap();
    let mut rows = text.lines();
    let header: Vec<&str> = rows.next().unwrap().split('\t').collect();
    assert_eq!(header[..3], ["path", "score", "name_found"]);
    assert!(header.contains(&"work_incomplete"), "{header:?}");
    let rows: Vec<Vec<&str>> = rows.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), profiles.len(), "one line per profile:\n{text}");
    let mut last = f64::MIN;
    for r in &rows {
        assert_eq!(r.len(), header.len(), "{r:?}");
        let path = Path::new(r[0]);
        assert!(path.starts_with(&input) && path.is_file(), "{r:?}");
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        let q = &profiles[&file];
        let score: f64 = r[1].parse().unwrap();
        assert_eq!(score, q["score"].as_f64().unwrap(), "{file}");
        assert_eq!(r[2], q["name_found"].to_string(), "{file}");
        assert_eq!(r[3], q["sections_found"].to_string(), "{file}");
        let col = |name: &str| r[header.iter().position(|h| *h == name).unwrap()];
        assert_eq!(col("work"), q["entries"]["work"]["entries"].to_string());
        assert_eq!(
            col("publications_incomplete"),
            q["entries"]["publications"]["incomplete"].to_string()
        );
        assert!(score >= last, "worst first:\n{text}");
        last = score;
    }
    assert!(rows[0][0].ends_with("plain.txt"), "{:?}", rows[0]);
    assert_eq!((rows[0][2], rows[0][3]), ("false", "0"));
    assert!(!text.contains("empty.pdf") && !text.contains("noise.pdf"));

    // The distribution, on stderr before the summary line.
    let s = stderr(&o);
    let lines: Vec<&str> = s.lines().collect();
    let q = lines
        .iter()
        .position(|l| l.starts_with("quality of "))
        .unwrap_or_else(|| panic!("no quality line: {s}"));
    assert!(lines[q + 1].starts_with("imported "), "{s}");
    let counts: Vec<u64> = lines[q]
        .split([':', ',', ';'])
        .filter_map(|w| w.trim().parse().ok())
        .collect();
    // quality of N profiles: four bands, no name, no section.
    assert!(lines[q].starts_with(&format!("quality of {} profiles", rows.len())));
    assert_eq!(counts[..4].iter().sum::<u64>(), rows.len() as u64, "{s}");
    let no_section = rows.iter().filter(|r| r[3] == "0").count() as u64;
    assert_eq!(counts[5], no_section, "{s}");

    // A resumed run reads the quality back from the output: the same report;
    // so does --out-dir.
    let again = tmp.path().join("again.tsv");
    let o = run(args!(&input, "-o", &out, "--resume", "--report", &again));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("imported 0, "), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&again).unwrap(), text);
    let dir_report = tmp.path().join("dir.tsv");
    let o = run(args!(
        &input,
        "--out-dir",
        &tmp.path().join("out"),
        "--report",
        &dir_report
    ));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&dir_report).unwrap(), text);
}
