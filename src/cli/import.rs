//! `vitae import`: the command-line front of [`vitae::import`] (arguments,
//! progress display, summary, exit code).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressState, ProgressStyle};
use std::io::IsTerminal;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use vitae::import::{self, Failure, Limits, Mode, Phase, Progress, Shard, Target};

#[derive(clap::Args, Debug)]
#[command(after_long_help = "\
Output order is the sorted input paths, whatever -j. Exit status: 0 when the batch ran \
(files that failed are listed, not fatal), 1 with --strict if any file failed, 2 when the \
batch could not run or write its output.

Examples:
  vitae import cvs/ -o profiles.jsonl --errors errors.jsonl
  vitae import cvs/ -o - | jq -r .basics.name             # JSON Lines on standard output
  vitae import cvs/ --glob '*.pdf' --out-dir profiles/
  vitae import cvs/ -o profiles.jsonl --resume          # after an interrupted run
  vitae import cvs/ -o part-0.jsonl --shard 0/4          # one machine of four")]
pub struct Args {
    /// Files and folders to import (folders are walked recursively; hidden
    /// files and folders are skipped).
    #[arg(required_unless_present = "worker")]
    pub paths: Vec<PathBuf>,
    /// Write profiles as JSON Lines (one compact profile a line) to this file
    /// (`-`: standard output, once the batch is done).
    #[arg(short, long, value_name = "FILE", conflicts_with = "out_dir",
          required_unless_present_any = ["out_dir", "worker"])]
    pub output: Option<PathBuf>,
    /// Write one pretty JSON file per input into this folder instead (named
    /// after the input's path; a clash gets `cv.pdf.json`, then `cv-2.json`).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Import only files in folders that match (repeatable). A pattern without
    /// `/` matches the file name (`*.pdf`), one with `/` the path inside the
    /// folder (`2020/**/*.md`). Case-insensitive. Files named as arguments are
    /// always imported.
    #[arg(long = "glob", value_name = "PATTERN")]
    pub globs: Vec<String>,
    /// Worker threads (0: one per core).
    #[arg(short, long, value_name = "N", default_value_t = 0)]
    pub jobs: usize,
    /// Write failures to this file as JSON Lines: {path, error, kind}.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// Skip inputs already in the output (by SHA-256 of their bytes),
    /// including what an interrupted run had finished.
    /// Inputs that failed before (recorded in OUT.failed, or .vitae-failed.jsonl
    /// in the output folder) keep their failure and are not parsed again.
    #[arg(long)]
    pub resume: bool,
    /// With --resume: parse again the inputs that failed in an earlier run.
    #[arg(long, requires = "resume")]
    pub retry_failed: bool,
    /// Import the same bytes once, under the first path that has them (default).
    #[arg(long, overrides_with = "no_dedupe")]
    pub dedupe: bool,
    /// Import every input, even byte-identical copies.
    #[arg(long, overrides_with = "dedupe")]
    pub no_dedupe: bool,
    /// Write a TSV line per profile to this file, lowest quality score
    /// first: path, score, name_found, sections, content lines, lines in
    /// fields and in notes or `other`, entries and incomplete entries, in all
    /// and per kind (see `diagnostics.quality`).
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// Exit with status 1 if any file failed.
    #[arg(long)]
    pub strict: bool,
    /// Print nothing but fatal errors (no progress, no summary).
    #[arg(short, long)]
    pub quiet: bool,
    /// Refuse inputs larger than this many mebibytes (MiB, 1,048,576 bytes).
    #[arg(long, value_name = "MIB", default_value_t = 32)]
    pub max_size: u64,
    /// Refuse PDFs with more pages than this (0: no limit).
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub max_pages: u32,
    /// Give up on a document after this many seconds (0: no limit).
    #[arg(long, value_name = "SECS", default_value_t = 60.0)]
    pub timeout: f64,
    /// Parse in worker processes (one per thread, reused): a timeout then kills
    /// runaway work and a crash costs one file. Without it, a timed-out
    /// extraction is abandoned but runs on in the background until it ends.
    #[arg(long)]
    pub isolate: bool,
    /// Import only shard I of N (0 <= I < N): a stable subset chosen by a hash
    /// of each file's path inside its folder, so N machines split a corpus.
    #[arg(long, value_name = "I/N", value_parser = Shard::parse)]
    pub shard: Option<Shard>,
    /// Internal: be an --isolate worker process (paths on stdin, profiles on stdout).
    #[arg(long, hide = true)]
    pub worker: bool,
    /// Internal: --max-size in bytes (passed to --isolate workers).
    #[arg(long, hide = true)]
    pub max_bytes: Option<u64>,
}

pub fn run(a: Args) -> i32 {
    let limits = match limits(&a) {
        Ok(l) => l,
        Err(msg) => {
            eprintln!("vitae: import: {msg}");
            return 2;
        }
    };
    if a.worker {
        return import::worker::child_main(&limits);
    }
    // A named input that is not there is a mistake in the command, not one
    // failed file of the batch: stop before starting it.
    for p in &a.paths {
        if std::fs::metadata(p).is_err_and(|e| e.kind() == std::io::ErrorKind::NotFound) {
            eprintln!("vitae: {}: no such file or folder", p.display());
            return 2;
        }
    }
    let to_stdout = a.output.as_deref().is_some_and(vitae::is_stdin);
    if to_stdout && a.resume {
        eprintln!("vitae: import: --resume needs an output file to resume from, not -o -");
        return 2;
    }
    // The batch writes its JSON Lines through a journal beside the output,
    // so standard output gets a private temporary file, copied out at the end.
    let stdout_tmp = if to_stdout {
        match StdoutTmp::new() {
            Ok(t) => Some(t),
            Err(e) => {
                eprintln!("vitae: import: -o -: cannot make a temporary folder: {e}");
                return 2;
            }
        }
    } else {
        None
    };
    let target = match (&a.output, &a.out_dir) {
        (Some(_), None) if to_stdout => {
            Target::Jsonl(stdout_tmp.as_ref().map(StdoutTmp::file).unwrap_or_default())
        }
        (Some(o), None) => Target::Jsonl(o.clone()),
        (None, Some(d)) => Target::Dir(d.clone()),
        _ => {
            eprintln!("vitae: import: give either -o FILE or --out-dir DIR");
            return 2;
        }
    };
    let mode = if a.isolate {
        match std::env::current_exe() {
            Ok(exe) => Mode::Isolated { exe },
            Err(e) => {
                eprintln!("vitae: import: --isolate: cannot find the vitae executable: {e}");
                return 2;
            }
        }
    } else {
        import::worker::install_panic_hook();
        Mode::InProcess
    };
    let mut cfg = import::Config::new(a.paths.clone(), target);
    cfg.globs = a.globs.clone();
    cfg.shard = a.shard;
    cfg.errors = a.errors.clone();
    cfg.jobs = a.jobs;
    cfg.resume = a.resume;
    cfg.retry_failed = a.retry_failed;
    cfg.dedupe = !a.no_dedupe;
    cfg.limits = limits;
    cfg.mode = mode;
    cfg.report = a.report.clone();

    // Failures are printed as they happen only when no errors file keeps them.
    let print_failures = a.errors.is_none() && !a.quiet;
    let result = if a.quiet {
        import::run(&cfg, &import::Silent)
    } else if std::io::stderr().is_terminal() {
        let p = BarProgress::new(print_failures);
        let r = import::run(&cfg, &p);
        p.bar.finish_and_clear();
        r
    } else {
        import::run(&cfg, &LogProgress::new(print_failures))
    };
    let summary = match result {
        Ok(s) => s,
        Err(msg) => {
            eprintln!("vitae: import: {msg}");
            return 2;
        }
    };
    if let Some(t) = &stdout_tmp {
        if let Err(e) = t.copy_to_stdout() {
            eprintln!("vitae: import: cannot write to standard output: {e}");
            return 2;
        }
    }
    if !a.quiet {
        if summary.quality.profiles > 0 {
            eprintln!("{}", summary.quality.line());
        }
        eprintln!("{}", summary.line());
        if summary.skipped() > 0 {
            eprintln!(
                "skipped: {} duplicate(s) of an earlier input, {} already in the output",
                summary.duplicates, summary.resumed
            );
        }
        if let (Some(path), true) = (&a.errors, summary.failed > 0) {
            eprintln!("failures are listed in {}", path.display());
        }
        if summary.runaway > 0 {
            eprintln!(
                "vitae: import: {} timed-out extraction(s) were still running (use --isolate to kill them at the deadline)",
                summary.runaway
            );
        }
    }
    if a.strict && summary.failed > 0 {
        1
    } else {
        0
    }
}

/// The private folder holding the JSON Lines of `-o -` until they are
/// copied to standard output; removed when dropped.
struct StdoutTmp(PathBuf);

impl StdoutTmp {
    fn new() -> std::io::Result<StdoutTmp> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let dir = std::env::temp_dir().join(format!("vitae-import-{}-{nanos}", std::process::id()));
        // create_dir, not create_dir_all: fails rather than share a folder.
        std::fs::create_dir(&dir)?;
        Ok(StdoutTmp(dir))
    }

    fn file(&self) -> PathBuf {
        self.0.join("profiles.jsonl")
    }

    fn copy_to_stdout(&self) -> std::io::Result<()> {
        let mut f = std::fs::File::open(self.file())?;
        let mut out = std::io::stdout().lock();
        match std::io::copy(&mut f, &mut out) {
            // `vitae import -o - | head` closing the pipe is not a failure.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            r => r.map(|_| ()),
        }
    }
}

impl Drop for StdoutTmp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn limits(a: &Args) -> Result<Limits, String> {
    let timeout = if a.timeout == 0.0 {
        None
    } else if a.timeout.is_finite() && a.timeout > 0.0 {
        Some(Duration::from_secs_f64(a.timeout))
    } else {
        return Err(format!(
            "--timeout {}: give a number of seconds (0: no limit)",
            a.timeout
        ));
    };
    Ok(Limits {
        max_bytes: a
            .max_bytes
            .unwrap_or_else(|| a.max_size.saturating_mul(1024 * 1024)),
        max_pages: (a.max_pages > 0).then_some(a.max_pages),
        timeout,
    })
}

fn phase_name(p: Phase) -> &'static str {
    match p {
        Phase::Hashing => "hashing",
        Phase::Importing => "importing",
    }
}

/// The terminal display: one bar, redrawn in place.
struct BarProgress {
    bar: ProgressBar,
    failed: AtomicU64,
    print_failures: bool,
}

impl BarProgress {
    fn new(print_failures: bool) -> BarProgress {
        let style = ProgressStyle::with_template(
            "{prefix:>9} [{bar:30}] {pos}/{len} files · {rate} · ETA {eta} · {msg}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key("rate", |s: &ProgressState, w: &mut dyn std::fmt::Write| {
            let _ = write!(w, "{:.1} files/s", s.per_sec());
        })
        .progress_chars("=> ");
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::stderr());
        bar.set_style(style);
        bar.set_message("0 failed");
        bar.enable_steady_tick(Duration::from_millis(200));
        BarProgress {
            bar,
            failed: AtomicU64::new(0),
            print_failures,
        }
    }
}

impl Progress for BarProgress {
    fn phase(&self, phase: Phase, total: u64) {
        self.bar.reset();
        self.bar.set_length(total);
        self.bar.set_prefix(phase_name(phase));
    }

    fn file_done(&self, _failed: bool) {
        self.bar.inc(1);
    }

    fn failure(&self, f: &Failure) {
        let n = self.failed.fetch_add(1, Ordering::Relaxed) + 1;
        self.bar.set_message(format!("{n} failed"));
        if self.print_failures {
            self.bar.println(format!("vitae: {}: {}", f.path, f.error));
        }
    }
}

/// When stderr is a log file or a pipe: a plain line every few seconds.
struct LogProgress {
    state: Mutex<LogState>,
    done: AtomicU64,
    failed: AtomicU64,
    print_failures: bool,
}

struct LogState {
    phase: Phase,
    total: u64,
    started: Instant,
    last: Instant,
}

const LOG_EVERY: Duration = Duration::from_secs(5);

impl LogProgress {
    fn new(print_failures: bool) -> LogProgress {
        let now = Instant::now();
        LogProgress {
            state: Mutex::new(LogState {
                phase: Phase::Hashing,
                total: 0,
                started: now,
                last: now,
            }),
            done: AtomicU64::new(0),
            failed: AtomicU64::new(0),
            print_failures,
        }
    }
}

impl Progress for LogProgress {
    fn phase(&self, phase: Phase, total: u64) {
        if let Ok(mut s) = self.state.lock() {
            let now = Instant::now();
            *s = LogState {
                phase,
                total,
                started: now,
                last: now,
            };
            self.done.store(0, Ordering::Relaxed);
            eprintln!("vitae import: {} {total} files", phase_name(phase));
        }
    }

    fn file_done(&self, _failed: bool) {
        let done = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let Ok(mut s) = self.state.lock() else {
            return;
        };
        let now = Instant::now();
        if now.duration_since(s.last) < LOG_EVERY {
            return;
        }
        s.last = now;
        let secs = now.duration_since(s.started).as_secs_f64().max(1e-9);
        let rate = done as f64 / secs;
        let eta = if rate > 0.0 {
            (s.total.saturating_sub(done)) as f64 / rate
        } else {
            0.0
        };
        eprintln!(
            "vitae import: {} {done}/{} files, {rate:.1} files/s, ETA {eta:.0} s, {} failed",
            phase_name(s.phase),
            s.total,
            self.failed.load(Ordering::Relaxed)
        );
    }

    fn failure(&self, f: &Failure) {
        self.failed.fetch_add(1, Ordering::Relaxed);
        if self.print_failures {
            eprintln!("vitae: {}: {}", f.path, f.error);
        }
    }
}
