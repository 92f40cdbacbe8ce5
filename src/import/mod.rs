//! Bulk import: many CVs to JSON Lines (one compact profile a line) or to one
//! JSON file per input (see issue "Bulk import").
//!
//! A batch runs in three steps, so that its output depends on its inputs only,
//! never on thread timing:
//! 1. [`inputs::collect`]: walk the arguments, filter (`--glob`, `--shard`),
//!    sort by path. That order is the output order.
//! 2. Hash every input (in parallel). Duplicates (`--dedupe`: the first in
//!    input order wins) and, with `--resume`, inputs already in the output are
//!    decided here, in input order, before anything is parsed.
//! 3. Parse the rest in parallel ([`worker`]: size and page caps, timeout,
//!    panics caught). Each profile goes to disk as soon as it is ready (the
//!    journal of [`output`], or its own file); the JSON Lines output is then
//!    assembled in input order and renamed into place.
//!
//! Memory holds the input list and small per-input records (a hash, an
//! offset), never the profiles: a 10,000-file import runs in the memory of a
//! 100-file one, give or take a megabyte.

pub mod inputs;
pub mod output;
#[cfg(test)]
mod testpdf;
pub mod worker;

pub use inputs::{Globs, Input, Shard};
pub use worker::{Limits, Mode};

use crate::profile::{Profile, Quality};
use crate::Error;
use output::{JsonlOutput, Loc, Sha};
use rayon::prelude::*;
use serde::Serialize;
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Where profiles go.
#[derive(Debug, Clone)]
pub enum Target {
    /// One JSON Lines file.
    Jsonl(PathBuf),
    /// One pretty `.json` file per input, named by [`inputs::out_names`].
    Dir(PathBuf),
}

#[derive(Debug, Clone)]
pub struct Config {
    pub paths: Vec<PathBuf>,
    pub globs: Vec<String>,
    pub shard: Option<Shard>,
    pub target: Target,
    /// JSON Lines file of failures (`{path, error, kind}`), in input order.
    pub errors: Option<PathBuf>,
    /// Worker threads (0: one per core).
    pub jobs: usize,
    pub resume: bool,
    /// With `resume`: parse again the inputs an earlier run recorded as failed
    /// (by default they keep their failure and are not parsed again).
    pub retry_failed: bool,
    pub dedupe: bool,
    pub limits: Limits,
    pub mode: Mode,
    /// TSV file of every profile's quality, worst first ([`report_tsv`]).
    pub report: Option<PathBuf>,
}

impl Config {
    pub fn new(paths: Vec<PathBuf>, target: Target) -> Config {
        Config {
            paths,
            globs: Vec::new(),
            shard: None,
            target,
            errors: None,
            jobs: 0,
            resume: false,
            retry_failed: false,
            dedupe: true,
            limits: Limits::default(),
            mode: Mode::InProcess,
            report: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Reading and hashing every input.
    Hashing,
    /// Parsing the inputs left after dedupe and resume.
    Importing,
}

/// A file that yielded no profile: one line of the errors file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Failure {
    pub path: String,
    pub error: String,
    pub kind: String,
}

impl Failure {
    fn new(path: &Path, e: &Error) -> Failure {
        Failure {
            path: path.to_string_lossy().into_owned(),
            error: e.message.clone(),
            kind: e.kind.to_string(),
        }
    }
}

/// What a batch reports while it runs (called from worker threads).
pub trait Progress: Sync {
    fn phase(&self, _phase: Phase, _total: u64) {}
    fn file_done(&self, _failed: bool) {}
    fn failure(&self, _failure: &Failure) {}
}

/// Reports nothing.
pub struct Silent;
impl Progress for Silent {}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Inputs found (after `--glob` and `--shard`).
    pub inputs: u64,
    /// Profiles written by this run.
    pub imported: u64,
    /// Inputs whose bytes an earlier input of this batch already had.
    pub duplicates: u64,
    /// Inputs already in the output (`--resume`).
    pub resumed: u64,
    /// Inputs (and unreadable arguments or folders) that yielded no profile.
    pub failed: u64,
    pub elapsed: Duration,
    /// Timed-out extractions still running at the end (in-process mode).
    pub runaway: usize,
    /// The quality of the profiles in the output (this run's and, with
    /// `--resume`, those already there).
    pub quality: QualityTally,
}

/// How `diagnostics.quality.score` is spread over a batch's profiles.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QualityTally {
    pub profiles: u64,
    /// Scores in [0, 0.25), [0.25, 0.5), [0.5, 0.75), [0.75, 1].
    pub bands: [u64; 4],
    pub no_name: u64,
    pub no_section: u64,
}

impl QualityTally {
    pub fn add(&mut self, q: &Quality) {
        self.profiles += 1;
        let band = (q.score * 4.0).floor().clamp(0.0, 3.0) as usize;
        self.bands[band] += 1;
        self.no_name += u64::from(!q.name_found);
        self.no_section += u64::from(q.sections_found == 0);
    }

    /// `quality of N profiles: score 0-0.25: N, ...; no name: N, no section: N`
    pub fn line(&self) -> String {
        let [a, b, c, d] = self.bands;
        format!(
            "quality of {} profiles: score 0-0.25: {a}, 0.25-0.5: {b}, 0.5-0.75: {c}, 0.75-1: {d}; no name: {}, no section: {}",
            self.profiles, self.no_name, self.no_section
        )
    }
}

/// The quality block of a profile's JSON (absent in profiles written before
/// it existed: then the default, score 0).
fn quality_of(json: &[u8]) -> Option<Quality> {
    #[derive(serde::Deserialize)]
    struct P {
        diagnostics: D,
    }
    #[derive(serde::Deserialize)]
    struct D {
        #[serde(default)]
        quality: Quality,
    }
    serde_json::from_slice::<P>(json)
        .ok()
        .map(|p| p.diagnostics.quality)
}

/// The `--report` table: a header, then one line per profile, lowest score
/// first (ties by path): path, score, name_found, sections, content_lines,
/// lines_in_fields, lines_in_notes_or_other, entries and incomplete (over all
/// kinds), then each kind's entries and incomplete ones.
pub fn report_tsv(mut rows: Vec<(String, Quality)>) -> String {
    rows.sort_by(|(pa, a), (pb, b)| a.score.total_cmp(&b.score).then_with(|| pa.cmp(pb)));
    let mut out = String::from(
        "path\tscore\tname_found\tsections\tcontent_lines\tlines_in_fields\tlines_in_notes_or_other\tentries\tincomplete",
    );
    for (kind, _) in Quality::default().entries.by_kind() {
        out.push_str(&format!("\t{kind}\t{kind}_incomplete"));
    }
    out.push('\n');
    for (path, q) in &rows {
        let kinds = q.entries.by_kind();
        let entries: usize = kinds.iter().map(|(_, c)| c.entries).sum();
        let incomplete: usize = kinds.iter().map(|(_, c)| c.incomplete).sum();
        // A tab or newline in a path would break the table: escaped as in C.
        let path = path
            .replace('\\', "\\\\")
            .replace('\t', "\\t")
            .replace('\n', "\\n");
        out.push_str(&format!(
            "{path}\t{:.3}\t{}\t{}\t{}\t{}\t{}\t{entries}\t{incomplete}",
            q.score,
            q.name_found,
            q.sections_found,
            q.content_lines,
            q.lines_in_fields,
            q.lines_in_notes_or_other
        ));
        for (_, c) in kinds {
            out.push_str(&format!("\t{}\t{}", c.entries, c.incomplete));
        }
        out.push('\n');
    }
    out
}

impl Summary {
    pub fn skipped(&self) -> u64 {
        self.duplicates + self.resumed
    }

    /// Inputs handled per second.
    pub fn files_per_sec(&self) -> f64 {
        let n = (self.imported + self.failed + self.skipped()) as f64;
        n / self.elapsed.as_secs_f64().max(1e-9)
    }

    /// `imported N, failed N, skipped N, in T s, F files/s`
    pub fn line(&self) -> String {
        format!(
            "imported {}, failed {}, skipped {}, in {:.1} s, {:.1} files/s",
            self.imported,
            self.failed,
            self.skipped(),
            self.elapsed.as_secs_f64(),
            self.files_per_sec()
        )
    }
}

/// A profile as one JSON Lines line (compact, `\n`-terminated).
pub fn profile_line(p: &Profile) -> Result<String, Error> {
    let mut s = serde_json::to_string(p).map_err(|e| Error {
        kind: "panic",
        message: format!("internal error (please report): cannot serialize: {e}"),
    })?;
    s.push('\n');
    Ok(s)
}

enum Slot {
    Todo,
    Resumed(Option<Loc>),
    Duplicate,
    Failed,
}

/// Run a batch. `Err` only when the batch itself cannot run or write its
/// output (bad pattern, unwritable output, disk full); a file that fails is a
/// [`Failure`], counted in the summary, and the batch goes on.
pub fn run(cfg: &Config, progress: &dyn Progress) -> Result<Summary, String> {
    let start = Instant::now();
    let globs = Globs::new(&cfg.globs)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(cfg.jobs)
        .thread_name(|i| format!("vitae-import-{i}"))
        .build()
        .map_err(|e| format!("cannot start worker threads: {e}"))?;

    // The batch's own files must not be imported when they sit in an input folder.
    let mut own_files: Vec<PathBuf> = cfg.errors.iter().chain(&cfg.report).cloned().collect();
    let mut own_dirs = Vec::new();
    match &cfg.target {
        Target::Jsonl(out) => {
            let (journal, tmp) = output::side_paths(out);
            own_files.extend([out.clone(), journal, tmp, output::ledger_path_jsonl(out)]);
        }
        Target::Dir(d) => {
            std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
            own_dirs.push(d.clone());
        }
    }
    let collected = inputs::collect(
        &cfg.paths,
        &globs,
        &inputs::Exclude::new(&own_files, &own_dirs),
    );
    let mut failures: Vec<Failure> = Vec::new();
    for (path, e) in &collected.errors {
        let f = Failure::new(path, e);
        progress.failure(&f);
        failures.push(f);
    }
    // Names come from the whole list, before sharding, so that every shard
    // resolves a collision the same way.
    let mut names = match cfg.target {
        Target::Dir(_) => inputs::out_names(&collected.inputs),
        Target::Jsonl(_) => Vec::new(),
    };
    let mut inputs = collected.inputs;
    if let Some(shard) = cfg.shard {
        let keep: Vec<bool> = inputs.iter().map(|i| shard.contains(&i.rel)).collect();
        let mut k = keep.iter();
        inputs.retain(|_| *k.next().unwrap_or(&false));
        if !names.is_empty() {
            let mut k = keep.iter();
            names.retain(|_| *k.next().unwrap_or(&false));
        }
    }

    let jsonl = match &cfg.target {
        Target::Jsonl(out) => Some(
            JsonlOutput::open(out, cfg.resume).map_err(|e| format!("{}: {e}", out.display()))?,
        ),
        Target::Dir(_) => None,
    };
    let ledger_path = match &cfg.target {
        Target::Jsonl(out) => output::ledger_path_jsonl(out),
        Target::Dir(d) => output::ledger_path_dir(d),
    };
    let ledger = output::FailLedger::open(&ledger_path, cfg.resume)
        .map_err(|e| format!("{}: {e}", ledger_path.display()))?;
    // This batch's failures of hashed inputs, for the ledger: (input, kind, error).
    let mut ledger_entries: Vec<(usize, String, String)> = Vec::new();

    // Step 2: hash, then decide in input order.
    progress.phase(Phase::Hashing, inputs.len() as u64);
    let hashes: Vec<Result<Sha, Error>> = pool.install(|| {
        inputs
            .par_iter()
            .map(|i| {
                let r = crate::read_capped(&i.path, cfg.limits.max_bytes).map(|b| sha256(&b));
                progress.file_done(false);
                r
            })
            .collect()
    });
    let mut slots = Vec::with_capacity(inputs.len());
    let mut shas: Vec<Option<Sha>> = Vec::with_capacity(inputs.len());
    let mut seen: HashSet<Sha> = HashSet::new();
    let mut summary = Summary {
        inputs: inputs.len() as u64,
        ..Summary::default()
    };
    for (k, h) in hashes.into_iter().enumerate() {
        let input = &inputs[k];
        shas.push(h.as_ref().ok().copied());
        let earlier = match &h {
            Ok(sha) if cfg.resume && !cfg.retry_failed => ledger
                .earlier
                .get(&(*sha, input.path.to_string_lossy().into_owned())),
            _ => None,
        };
        let slot = match h {
            // Failed in an earlier run with these very bytes: not parsed again.
            Ok(_) if earlier.is_some() => {
                let (kind, error) = earlier.cloned().unwrap_or_default();
                let f = Failure {
                    path: input.path.to_string_lossy().into_owned(),
                    error: error.clone(),
                    kind: kind.clone(),
                };
                progress.failure(&f);
                failures.push(f);
                ledger_entries.push((k, kind, error));
                Slot::Failed
            }
            Err(e) => {
                let f = Failure::new(&input.path, &e);
                progress.failure(&f);
                failures.push(f);
                Slot::Failed
            }
            Ok(sha) if cfg.dedupe && !seen.insert(sha) => Slot::Duplicate,
            Ok(sha) if cfg.resume => match (&jsonl, &cfg.target) {
                (Some(o), _) => {
                    match o
                        .index
                        .lookup(&sha, &crate::file_name(&input.path), cfg.dedupe)
                    {
                        Some(loc) => Slot::Resumed(Some(loc)),
                        None => Slot::Todo,
                    }
                }
                (None, Target::Dir(d)) => {
                    let existing = output::existing_profile_sha(&d.join(&names[k]), u64::MAX);
                    if existing == Some(sha) {
                        Slot::Resumed(None)
                    } else {
                        Slot::Todo
                    }
                }
                (None, Target::Jsonl(_)) => Slot::Todo,
            },
            Ok(_) => Slot::Todo,
        };
        match slot {
            Slot::Duplicate => summary.duplicates += 1,
            Slot::Resumed(_) => summary.resumed += 1,
            Slot::Failed => summary.failed += 1,
            Slot::Todo => {}
        }
        slots.push(slot);
    }

    // Step 3: parse what is left.
    let todo: Vec<usize> = (0..inputs.len())
        .filter(|&k| matches!(slots[k], Slot::Todo))
        .collect();
    progress.phase(Phase::Importing, todo.len() as u64);
    let fatal: Mutex<Option<String>> = Mutex::new(None);
    let is_fatal = || fatal.lock().map(|g| g.is_some()).unwrap_or(true);
    let set_fatal = |msg: String| {
        if let Ok(mut g) = fatal.lock() {
            g.get_or_insert(msg);
        }
    };
    // None: not parsed (a fatal error stopped the batch).
    type Outcome = Option<Result<(Option<Loc>, Quality), Failure>>;
    let results: Vec<Outcome> = pool.install(|| {
        todo.par_iter()
            .map(|&k| {
                if is_fatal() {
                    return None;
                }
                let input = &inputs[k];
                let parsed = worker::run(&input.path, &cfg.limits, &cfg.mode);
                let mut quality = Quality::default();
                let parsed = parsed
                    .and_then(|p| Ok((profile_line(&p)?, p)))
                    .inspect(|(_, p)| {
                        quality = p.diagnostics.quality.clone();
                    });
                let r = match parsed {
                    Err(e) => {
                        let f = Failure::new(&input.path, &e);
                        if let Some(sha) = &shas[k] {
                            ledger.append(sha, &f.path, &f.kind, &f.error);
                        }
                        progress.failure(&f);
                        Err(f)
                    }
                    Ok((line, profile)) => match (&jsonl, &cfg.target) {
                        (Some(o), _) => match o.append(line.as_bytes()) {
                            Ok(loc) => Ok(Some(loc)),
                            Err(e) => {
                                set_fatal(format!("cannot write the output: {e}"));
                                return None;
                            }
                        },
                        (None, Target::Dir(d)) => {
                            let path = d.join(&names[k]);
                            let json = crate::export::to_json(&profile);
                            let written = match path.parent() {
                                Some(parent) => std::fs::create_dir_all(parent),
                                None => Ok(()),
                            }
                            .and_then(|()| output::write_atomic(&path, json.as_bytes(), false));
                            if let Err(e) = written {
                                set_fatal(format!("{}: cannot write: {e}", path.display()));
                                return None;
                            }
                            Ok(None)
                        }
                        (None, Target::Jsonl(_)) => Ok(None),
                    },
                };
                progress.file_done(r.is_err());
                Some(r.map(|loc| (loc, quality)))
            })
            .collect()
    });
    if let Some(msg) = fatal.into_inner().ok().flatten() {
        return Err(msg);
    }
    let mut fresh: Vec<Option<Loc>> = vec![None; inputs.len()];
    let mut report: Vec<(String, Quality)> = Vec::new();
    let mut keep = |k: usize, q: Quality, summary: &mut Summary| {
        summary.quality.add(&q);
        if cfg.report.is_some() {
            report.push((inputs[k].path.to_string_lossy().into_owned(), q));
        }
    };
    for (&k, r) in todo.iter().zip(results) {
        match r {
            Some(Ok((loc, q))) => {
                summary.imported += 1;
                fresh[k] = loc;
                keep(k, q, &mut summary);
            }
            Some(Err(f)) => {
                summary.failed += 1;
                ledger_entries.push((k, f.kind.clone(), f.error.clone()));
                failures.push(f);
            }
            None => {}
        }
    }
    // Profiles already in the output count too: the report covers the output.
    for (k, slot) in slots.iter().enumerate() {
        let Slot::Resumed(loc) = slot else { continue };
        let json = match (loc, &jsonl, &cfg.target) {
            (Some(loc), Some(o), _) => o.read(*loc).ok(),
            (_, _, Target::Dir(d)) => std::fs::read(d.join(&names[k])).ok(),
            _ => None,
        };
        if let Some(q) = json.as_deref().and_then(quality_of) {
            keep(k, q, &mut summary);
        }
    }
    summary.failed += collected.errors.len() as u64;
    // The errors file and the ledger come before the output is finalised, so
    // a failure writing them never follows a finished output.
    if let Some(path) = &cfg.errors {
        failures.sort_by(|a, b| a.path.cmp(&b.path));
        let mut text = String::new();
        for f in &failures {
            if let Ok(s) = serde_json::to_string(f) {
                text.push_str(&s);
                text.push('\n');
            }
        }
        output::write_atomic(path, text.as_bytes(), true)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    }
    ledger_entries.sort_by_key(|e| e.0);
    let ledger_lines: Vec<(Sha, String, &str, &str)> = ledger_entries
        .iter()
        .filter_map(|(k, kind, error)| {
            let sha = shas[*k]?;
            Some((
                sha,
                inputs[*k].path.to_string_lossy().into_owned(),
                kind.as_str(),
                error.as_str(),
            ))
        })
        .collect();
    ledger
        .finish(
            ledger_lines
                .iter()
                .map(|(sha, file, kind, error)| (sha, file.as_str(), *kind, *error)),
        )
        .map_err(|e| format!("{}: cannot write: {e}", ledger_path.display()))?;
    if let (Some(o), Target::Jsonl(out)) = (jsonl, &cfg.target) {
        let locs = slots.iter().zip(&fresh).filter_map(|(s, f)| match s {
            Slot::Resumed(loc) => *loc,
            _ => *f,
        });
        o.finish(locs)
            .map_err(|e| format!("{}: cannot write: {e}", out.display()))?;
    }
    if let Some(path) = &cfg.report {
        output::write_atomic(path, report_tsv(report).as_bytes(), true)
            .map_err(|e| format!("{}: cannot write: {e}", path.display()))?;
    }
    summary.elapsed = start.elapsed();
    summary.runaway = worker::runaway();
    Ok(summary)
}

fn sha256(bytes: &[u8]) -> Sha {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).into()
}

#[cfg(test)]
mod tests {
    use super::*;

    const CV: &str = "# Jane Doe\n\njane@example.org\n\n## Education\n\n- B.Sc. in Physics, Somewhere University, 2010\n\n## Skills\n\n- Rust, Python\n";

    fn corpus(dir: &Path, n: usize) {
        std::fs::create_dir_all(dir.join("sub")).unwrap();
        for k in 0..n {
            let sub = if k % 2 == 0 { "" } else { "sub/" };
            std::fs::write(
                dir.join(format!("{sub}cv{k:02}.md")),
                format!("{CV}\nCopy {k}.\n"),
            )
            .unwrap();
        }
        std::fs::write(dir.join("dup.md"), format!("{CV}\nCopy 0.\n")).unwrap();
        std::fs::write(dir.join("empty.pdf"), "").unwrap();
        std::fs::write(dir.join("noise.pdf"), [0u8, 159, 146, 150, 7, 0, 1]).unwrap();
    }

    fn lines(p: &Path) -> Vec<String> {
        std::fs::read_to_string(p)
            .unwrap()
            .lines()
            .map(String::from)
            .collect()
    }

    #[test]
    fn imports_dedupes_reports_and_orders() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        corpus(&input, 6);
        let out = dir.path().join("p.jsonl");
        let errors = dir.path().join("e.jsonl");
        let mut cfg = Config::new(vec![input.clone()], Target::Jsonl(out.clone()));
        cfg.errors = Some(errors.clone());
        cfg.jobs = 2;
        let s = run(&cfg, &Silent).unwrap();
        assert_eq!((s.inputs, s.imported, s.failed, s.duplicates), (9, 6, 2, 1));
        let ls = lines(&out);
        assert_eq!(ls.len(), 6);
        // Input order: in/cv00.md, cv02, cv04, dup (a duplicate), sub/cv01, ...
        let files: Vec<String> = ls
            .iter()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["source"]["file"].as_str().unwrap().to_string()
            })
            .collect();
        assert_eq!(
            files,
            ["cv00.md", "cv02.md", "cv04.md", "cv01.md", "cv03.md", "cv05.md"]
        );
        let es = lines(&errors);
        assert_eq!(es.len(), 2);
        let e: serde_json::Value = serde_json::from_str(&es[0]).unwrap();
        assert_eq!(e["kind"], "empty");
        assert!(e["path"].as_str().unwrap().ends_with("empty.pdf"));
        assert!(!output::side_paths(&out).0.exists(), "journal removed");

        // Same output with one thread; a resume over a complete output parses nothing.
        let first = std::fs::read(&out).unwrap();
        cfg.jobs = 1;
        run(&cfg, &Silent).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), first);
        cfg.resume = true;
        let s = run(&cfg, &Silent).unwrap();
        assert_eq!((s.imported, s.resumed, s.failed), (0, 6, 2));
        assert_eq!(std::fs::read(&out).unwrap(), first);
        assert!(s.line().starts_with("imported 0, failed 2, skipped 7, in "));
    }

    /// The number of inputs the batch set out to parse.
    struct Todo(std::sync::atomic::AtomicU64);
    impl Progress for Todo {
        fn phase(&self, phase: Phase, total: u64) {
            if phase == Phase::Importing {
                self.0.store(total, std::sync::atomic::Ordering::Relaxed);
            }
        }
    }

    #[test]
    fn failures_are_recorded_and_not_parsed_again_on_resume() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        corpus(&input, 3);
        let out = dir.path().join("p.jsonl");
        let errors = dir.path().join("e.jsonl");
        let mut cfg = Config::new(vec![input.clone()], Target::Jsonl(out.clone()));
        cfg.errors = Some(errors.clone());
        let s = run(&cfg, &Silent).unwrap();
        assert_eq!(s.failed, 2);
        let ledger = output::ledger_path_jsonl(&out);
        assert_eq!(lines(&ledger).len(), 2, "both failures recorded");
        let first_errors = std::fs::read(&errors).unwrap();

        cfg.resume = true;
        let todo = Todo(Default::default());
        let s = run(&cfg, &todo).unwrap();
        assert_eq!(todo.0.into_inner(), 0, "nothing parsed again");
        assert_eq!((s.imported, s.failed), (0, 2));
        assert_eq!(std::fs::read(&errors).unwrap(), first_errors);
        assert_eq!(lines(&ledger).len(), 2);

        cfg.retry_failed = true;
        let todo = Todo(Default::default());
        let s = run(&cfg, &todo).unwrap();
        assert_eq!(todo.0.into_inner(), 2, "the failed ones parsed again");
        assert_eq!(s.failed, 2);

        // A fixed file is imported and leaves the ledger.
        cfg.retry_failed = false;
        std::fs::write(input.join("empty.pdf"), format!("{CV}\nFixed.\n")).unwrap();
        let s = run(&cfg, &Silent).unwrap();
        assert_eq!((s.imported, s.failed), (1, 1));
        assert_eq!(lines(&ledger).len(), 1);
    }

    #[test]
    fn resume_after_a_partial_journal_gives_the_same_output() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        corpus(&input, 8);
        let full = dir.path().join("full.jsonl");
        run(
            &Config::new(vec![input.clone()], Target::Jsonl(full.clone())),
            &Silent,
        )
        .unwrap();
        let full_lines = lines(&full);

        // A run killed after three lines, in completion order, one torn.
        let out = dir.path().join("p.jsonl");
        let (journal, _) = output::side_paths(&out);
        let torn = &full_lines[1][..40];
        let text = format!(
            "{}\n{}\n{}\n{torn}",
            full_lines[5], full_lines[0], full_lines[3]
        );
        std::fs::write(&journal, text).unwrap();
        let mut cfg = Config::new(vec![input], Target::Jsonl(out.clone()));
        cfg.resume = true;
        let s = run(&cfg, &Silent).unwrap();
        assert_eq!(s.resumed, 3);
        assert_eq!(s.imported as usize, full_lines.len() - 3);
        assert_eq!(std::fs::read(&out).unwrap(), std::fs::read(&full).unwrap());
    }

    #[test]
    fn out_dir_writes_one_file_per_input_and_resumes() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        std::fs::create_dir_all(&input).unwrap();
        std::fs::write(input.join("cv.md"), CV).unwrap();
        std::fs::write(input.join("cv.txt"), format!("{CV}\nOther.\n")).unwrap();
        let out = dir.path().join("out");
        let mut cfg = Config::new(vec![input], Target::Dir(out.clone()));
        let s = run(&cfg, &Silent).unwrap();
        assert_eq!(s.imported, 2);
        let a: Profile =
            serde_json::from_str(&std::fs::read_to_string(out.join("cv.json")).unwrap()).unwrap();
        let b: Profile =
            serde_json::from_str(&std::fs::read_to_string(out.join("cv.txt.json")).unwrap())
                .unwrap();
        assert_eq!(a.source.file, "cv.md");
        assert_eq!(b.source.file, "cv.txt");
        cfg.resume = true;
        let s = run(&cfg, &Silent).unwrap();
        assert_eq!((s.imported, s.resumed), (0, 2));
    }

    #[test]
    fn shards_partition_the_inputs() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        corpus(&input, 10);
        let mut all = Vec::new();
        for i in 0..3 {
            let out = dir.path().join(format!("s{i}.jsonl"));
            let mut cfg = Config::new(vec![input.clone()], Target::Jsonl(out.clone()));
            cfg.shard = Some(Shard { index: i, count: 3 });
            cfg.dedupe = false;
            let s = run(&cfg, &Silent).unwrap();
            all.extend(lines(&out));
            assert_eq!(s.imported as usize + s.failed as usize, s.inputs as usize);
        }
        // 10 copies + the duplicate, each in exactly one shard.
        assert_eq!(all.len(), 11);
        let distinct: HashSet<&String> = all.iter().collect();
        assert_eq!(distinct.len(), 11, "no input in two shards");
    }

    #[test]
    fn bad_glob_and_unwritable_output_are_fatal() {
        let dir = tempfile::tempdir().unwrap();
        let mut cfg = Config::new(vec![dir.path().into()], Target::Jsonl(dir.path().join("o")));
        cfg.globs = vec!["[".into()];
        assert!(run(&cfg, &Silent).is_err());
        let cfg = Config::new(
            vec![dir.path().into()],
            Target::Jsonl(dir.path().join("missing/dir/o.jsonl")),
        );
        assert!(run(&cfg, &Silent).is_err());
    }
}
