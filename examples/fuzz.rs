//! Mutation fuzzing of the whole `vitae parse` process over the corpus.
//!
//! Each run takes a seed file (a corpus PDF or Markdown file, or a
//! reproducer), mutates it the ways damaged and hostile files differ from good
//! ones (bit flips, cut and repeated ranges, huge numbers where counts and
//! lengths stand, splices of two files, garbage after `%%EOF`, lines repeated
//! thousands of times), and runs `vitae parse` on it in a child process under
//! an address-space cap. A child that panics (exit 101), dies of a signal
//! (abort, segfault, the cap), runs longer than the time bound or peaks over
//! the memory bound is a finding: its input is kept under the findings folder
//! with what happened. A separate process per run is the point: an abort or a
//! hang cannot be caught in-process.
//!
//! ```sh
//! cargo build --release
//! cargo run --release --example fuzz -- --seconds 3600 --corpus ../shared/corpus
//! ```
//! Exit 0 when no run broke a bound, 1 when some did (see the findings
//! folder), 2 on a usage error. `scripts/fuzz.sh` wraps it.

use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Mutants are cut here: a little over `vitae parse`'s default 32 MiB limit.
const MAX_MUTANT: usize = 40 << 20;

struct Args {
    seconds: u64,
    corpus: Vec<PathBuf>,
    bin: PathBuf,
    out: PathBuf,
    seed: u64,
    jobs: usize,
    time_bound: Duration,
    rss_bound_mb: u64,
    cap_mb: u64,
}

const USAGE: &str = "usage: fuzz [--seconds N] [--corpus DIR]... [--bin VITAE] [--out DIR] \
[--seed N] [--jobs N] [--time-bound S] [--rss-bound MB] [--cap MB]";

fn args() -> Result<Args, String> {
    let mut a = Args {
        seconds: 60,
        corpus: vec![],
        bin: PathBuf::from("target/release/vitae"),
        out: PathBuf::from("target/fuzz"),
        seed: 1,
        jobs: std::thread::available_parallelism().map_or(2, |n| n.get()),
        time_bound: Duration::from_secs(10),
        rss_bound_mb: 500,
        cap_mb: 4096,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or(format!("{flag} needs a value\n{USAGE}"));
        let num = |s: String| {
            s.parse::<u64>()
                .map_err(|_| format!("{flag}: not a number: {s}"))
        };
        match flag.as_str() {
            "--seconds" => a.seconds = num(val()?)?,
            "--corpus" => a.corpus.push(PathBuf::from(val()?)),
            "--bin" => a.bin = PathBuf::from(val()?),
            "--out" => a.out = PathBuf::from(val()?),
            "--seed" => a.seed = num(val()?)?,
            "--jobs" => a.jobs = num(val()?)?.max(1) as usize,
            "--time-bound" => a.time_bound = Duration::from_secs(num(val()?)?),
            "--rss-bound" => a.rss_bound_mb = num(val()?)?,
            "--cap" => a.cap_mb = num(val()?)?,
            "-h" | "--help" => return Err(USAGE.to_string()),
            other => return Err(format!("unknown argument {other}\n{USAGE}")),
        }
    }
    if a.corpus.is_empty() {
        return Err(format!("no --corpus folder given\n{USAGE}"));
    }
    Ok(a)
}

/// splitmix64: a small, seedable generator, so a run is repeatable from its seed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// PDFs and Markdown/text files under the folders, at most 4 MB each.
fn seeds(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = vec![];
    let mut stack: Vec<PathBuf> = dirs.to_vec();
    while let Some(p) = stack.pop() {
        if p.is_dir() {
            if let Ok(rd) = fs::read_dir(&p) {
                stack.extend(rd.flatten().map(|e| e.path()));
            }
            continue;
        }
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        let small = fs::metadata(&p).is_ok_and(|m| m.is_file() && m.len() <= 4 << 20);
        if small && matches!(ext, "pdf" | "md" | "txt" | "markdown") {
            out.push(p);
        }
    }
    out.sort();
    out
}

/// One mutation of `data` (with `other` for splices); returns its name.
fn mutate(rng: &mut Rng, data: &mut Vec<u8>, other: &[u8]) -> &'static str {
    let len = data.len().max(1);
    match rng.below(10) {
        0 => {
            for _ in 0..1 + rng.below(16) {
                let i = rng.below(data.len());
                if let Some(b) = data.get_mut(i) {
                    *b ^= 1 << rng.below(8);
                }
            }
            "bit flips"
        }
        1 => {
            let i = rng.below(len);
            let n = (1 + rng.below(256)).min(data.len().saturating_sub(i));
            for b in &mut data[i..i + n] {
                *b = rng.next() as u8;
            }
            "random bytes over a range"
        }
        2 => {
            let i = rng.below(len);
            let n = (1 + rng.below(len / 4 + 1)).min(data.len().saturating_sub(i));
            data.drain(i..i + n);
            "range cut out"
        }
        3 => {
            let i = rng.below(len);
            let n = (1 + rng.below(4096)).min(data.len().saturating_sub(i));
            let chunk = data[i..i + n].to_vec();
            let times = (1 + rng.below(64)).min(MAX_MUTANT / n.max(1));
            let at = rng.below(data.len() + 1);
            let rep: Vec<u8> = chunk.iter().copied().cycle().take(n * times).collect();
            data.splice(at..at, rep);
            "range repeated"
        }
        4 => {
            data.truncate(rng.below(len));
            "truncated"
        }
        5 => {
            // A number where a length, a count, a column width or an offset stands.
            let digits: Vec<usize> = (0..data.len())
                .filter(|&i| data[i].is_ascii_digit() && (i == 0 || !data[i - 1].is_ascii_digit()))
                .collect();
            if let Some(&i) = digits.get(rng.below(digits.len())) {
                let end = (i..data.len())
                    .find(|&j| !data[j].is_ascii_digit())
                    .unwrap_or(data.len());
                let big = [
                    "0",
                    "-1",
                    "4294967295",
                    "999999999999",
                    "2147483648",
                    "65536",
                ][rng.below(6)];
                data.splice(i..end, big.bytes());
            }
            "number replaced"
        }
        6 => {
            let cut = rng.below(len);
            let from = rng.below(other.len().max(1));
            data.truncate(cut);
            data.extend_from_slice(other.get(from..).unwrap_or_default());
            "spliced with another file"
        }
        7 => {
            let junk: Vec<u8> = (0..rng.below(2048)).map(|_| rng.next() as u8).collect();
            if rng.below(2) == 0 {
                data.extend_from_slice(&junk);
                "garbage appended"
            } else {
                // Damage the cross-reference pointer real readers must recover from.
                if let Some(p) = find(data, b"startxref") {
                    let at = p + 9;
                    data.splice(at..at, b" 1".iter().copied());
                }
                "startxref moved"
            }
        }
        8 => {
            // A line repeated: list-shaped text at scale.
            let starts: Vec<usize> = std::iter::once(0)
                .chain((0..data.len()).filter(|&i| data[i] == b'\n').map(|i| i + 1))
                .collect();
            let k = rng.below(starts.len());
            let s = starts[k].min(data.len());
            let e = starts.get(k + 1).copied().unwrap_or(data.len()).max(s);
            let line = data[s..e].to_vec();
            let times = (100 + rng.below(5000)).min(MAX_MUTANT / line.len().max(1));
            let rep: Vec<u8> = line
                .iter()
                .copied()
                .cycle()
                .take(line.len() * times)
                .collect();
            data.splice(e..e, rep);
            "line repeated"
        }
        _ => {
            let at = rng.below(data.len() + 1);
            let b = [0u8, 0xff, b'\r', 0x1b, 0xef][rng.below(5)];
            let n = 1 + rng.below(8);
            data.splice(at..at, std::iter::repeat_n(b, n));
            "control bytes inserted"
        }
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

enum Outcome {
    Done {
        code: i32,
        wall: Duration,
        rss_mb: u64,
    },
    Signal {
        sig: i32,
        wall: Duration,
        rss_mb: u64,
    },
    Timeout,
}

/// Run `vitae parse FILE` under the address-space cap; wait4 gives the
/// child's own peak RSS. The cap is set by `sh -c 'ulimit -v'` rather than in
/// a pre-exec hook: a hook forces a fork, whose copy of this process's pages
/// (the mutants in memory) would count in the child's peak.
fn run_one(bin: &Path, file: &Path, cap_mb: u64, bound: Duration) -> std::io::Result<Outcome> {
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("ulimit -v \"$1\" && exec \"$0\" parse \"$2\"")
        .arg(bin)
        .arg((cap_mb << 10).to_string())
        .arg(file)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    let child = cmd.spawn()?;
    let pid = child.id() as libc::pid_t;
    let start = Instant::now();
    loop {
        let mut status = 0;
        // SAFETY: plain out-parameters; the child is ours and not yet reaped.
        let mut ru: libc::rusage = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut ru) };
        if r == pid {
            let wall = start.elapsed();
            let rss_mb = ru.ru_maxrss as u64 / 1024;
            let st = std::process::ExitStatus::from_raw(status);
            return Ok(match (st.code(), st.signal()) {
                (Some(code), _) => Outcome::Done { code, wall, rss_mb },
                (None, Some(sig)) => Outcome::Signal { sig, wall, rss_mb },
                _ => Outcome::Signal {
                    sig: 0,
                    wall,
                    rss_mb,
                },
            });
        }
        if r < 0 {
            return Err(std::io::Error::last_os_error());
        }
        if start.elapsed() > bound {
            // SAFETY: the pid is our unreaped child.
            unsafe {
                libc::kill(pid, libc::SIGKILL);
                libc::waitpid(pid, &mut status, 0);
            }
            return Ok(Outcome::Timeout);
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

#[derive(Default)]
struct Tally {
    runs: u64,
    by_code: std::collections::BTreeMap<String, u64>,
    max_wall: Duration,
    max_wall_file: String,
    max_rss: u64,
    max_rss_file: String,
    findings: Vec<String>,
}

fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if !a.bin.is_file() {
        eprintln!(
            "fuzz: no vitae binary at {} (cargo build --release)",
            a.bin.display()
        );
        std::process::exit(2);
    }
    let seeds = seeds(&a.corpus);
    if seeds.is_empty() {
        eprintln!("fuzz: no PDF or Markdown files under the --corpus folders");
        std::process::exit(2);
    }
    let findings_dir = a.out.join("findings");
    let work = a.out.join("work");
    for d in [&findings_dir, &work] {
        if let Err(e) = fs::create_dir_all(d) {
            eprintln!("fuzz: {}: {e}", d.display());
            std::process::exit(2);
        }
    }
    eprintln!(
        "fuzz: {} seed files, {} s, {} jobs, bounds {} s and {} MB, seed {}",
        seeds.len(),
        a.seconds,
        a.jobs,
        a.time_bound.as_secs(),
        a.rss_bound_mb,
        a.seed
    );
    let deadline = Instant::now() + Duration::from_secs(a.seconds);
    let tally = Arc::new(Mutex::new(Tally::default()));
    let counter = Arc::new(AtomicU64::new(0));
    let seeds = Arc::new(seeds);
    let a = Arc::new(a);
    let threads: Vec<_> = (0..a.jobs)
        .map(|j| {
            let (tally, counter, seeds, a) =
                (tally.clone(), counter.clone(), seeds.clone(), a.clone());
            let work = work.clone();
            let findings_dir = findings_dir.clone();
            std::thread::spawn(move || {
                while Instant::now() < deadline {
                    let n = counter.fetch_add(1, Ordering::Relaxed);
                    // One generator per run, so any run is repeatable from (seed, n).
                    let mut rng = Rng(a.seed.wrapping_mul(0x1000_0000_01b3) ^ n);
                    let src = &seeds[rng.below(seeds.len())];
                    let other = &seeds[rng.below(seeds.len())];
                    let (Ok(mut data), Ok(other_data)) = (fs::read(src), fs::read(other)) else {
                        continue;
                    };
                    let mut how = vec![];
                    for _ in 0..1 + rng.below(3) {
                        how.push(mutate(&mut rng, &mut data, &other_data));
                    }
                    // Past the default --max-size a file is refused unread; a
                    // larger mutant tests nothing more and costs memory here.
                    data.truncate(MAX_MUTANT);
                    let ext = src.extension().and_then(|e| e.to_str()).unwrap_or("bin");
                    let file = work.join(format!("job{j}.{ext}"));
                    if fs::write(&file, &data).is_err() {
                        continue;
                    }
                    let outcome = run_one(&a.bin, &file, a.cap_mb, a.time_bound);
                    let mut t = tally.lock().unwrap_or_else(|e| e.into_inner());
                    t.runs += 1;
                    let name = src
                        .file_name()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let label = format!("{name} ({})", how.join(", "));
                    let problem = match outcome {
                        Err(e) => Some(format!("could not run: {e}")),
                        Ok(Outcome::Timeout) => {
                            *t.by_code.entry("timeout".into()).or_default() += 1;
                            Some(format!("over {} s", a.time_bound.as_secs()))
                        }
                        Ok(Outcome::Signal { sig, wall, rss_mb }) => {
                            *t.by_code.entry(format!("signal {sig}")).or_default() += 1;
                            Some(format!(
                                "signal {sig} after {:.2} s, {rss_mb} MB",
                                wall.as_secs_f64()
                            ))
                        }
                        Ok(Outcome::Done { code, wall, rss_mb }) => {
                            *t.by_code.entry(format!("exit {code}")).or_default() += 1;
                            if wall > t.max_wall {
                                t.max_wall = wall;
                                t.max_wall_file = label.clone();
                            }
                            if rss_mb > t.max_rss {
                                t.max_rss = rss_mb;
                                t.max_rss_file = label.clone();
                            }
                            if code == 101 {
                                Some("panic (exit 101)".to_string())
                            } else if code != 0 && code != 2 {
                                Some(format!("exit {code}"))
                            } else if wall > a.time_bound {
                                Some(format!("{:.2} s", wall.as_secs_f64()))
                            } else if rss_mb > a.rss_bound_mb {
                                Some(format!("{rss_mb} MB peak"))
                            } else {
                                None
                            }
                        }
                    };
                    if let Some(p) = problem {
                        let k = t.findings.len();
                        let keep = findings_dir.join(format!("{k:04}.{ext}"));
                        let _ = fs::write(&keep, &data);
                        let line = format!("{}: {p}: {label}", keep.display());
                        eprintln!("fuzz: finding: {line}");
                        t.findings.push(line);
                    }
                }
            })
        })
        .collect();
    for t in threads {
        let _ = t.join();
    }
    let t = tally.lock().unwrap_or_else(|e| e.into_inner());
    println!("runs: {}", t.runs);
    for (k, v) in &t.by_code {
        println!("  {k}: {v}");
    }
    println!(
        "slowest: {:.2} s: {}",
        t.max_wall.as_secs_f64(),
        t.max_wall_file
    );
    println!("largest: {} MB peak RSS: {}", t.max_rss, t.max_rss_file);
    println!("findings: {}", t.findings.len());
    for f in &t.findings {
        println!("  {f}");
    }
    let _ = fs::remove_dir_all(&work);
    std::process::exit(if t.findings.is_empty() { 0 } else { 1 });
}
