//! One file to one profile, within limits, whatever the file does.
//!
//! Two ways to run an extraction:
//! - in process (default): on an extraction thread (one per pool thread,
//!   reused from file to file), panics caught, the caller waiting
//!   at most `timeout`. A timed-out extraction is reported and abandoned, but
//!   a thread cannot be killed: it keeps its CPU and memory until it ends on
//!   its own (counted in [`runaway`]). Cheap: no process start, memory shared.
//! - isolated (`--isolate`): in a worker process (`vitae import --worker`),
//!   one per pool thread, fed one path at a time and reused from file to file.
//!   At the deadline the process is killed (runaway work truly stops) and a
//!   fresh one started; a crash (stack overflow, abort, out of memory) costs
//!   that one file. The price: a process start after each kill or crash, the
//!   workers' own memory (each holds its own compiled patterns), and a copy of
//!   every profile through a pipe.

use crate::profile::{Format, Profile};
use crate::{Error, Options};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU8, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc};
use std::time::Duration;

/// Per-file limits.
#[derive(Debug, Clone)]
pub struct Limits {
    pub max_bytes: u64,
    /// Refuse documents with more pages (PDF only; `None`: no cap).
    pub max_pages: Option<u32>,
    /// Wall-clock time for one document (`None`: no limit).
    pub timeout: Option<Duration>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: crate::DEFAULT_MAX_BYTES,
            max_pages: Some(100),
            timeout: Some(Duration::from_secs(60)),
        }
    }
}

#[derive(Debug, Clone)]
pub enum Mode {
    InProcess,
    /// Run each file in a child: this executable with `import --worker FILE`.
    Isolated {
        exe: PathBuf,
    },
}

/// Extractions that timed out and are still running (in-process mode).
static RUNAWAY: AtomicUsize = AtomicUsize::new(0);

pub fn runaway() -> usize {
    RUNAWAY.load(Ordering::SeqCst)
}

/// Parse one file (no timeout, no isolation): read within the size cap, check
/// the page cap, run the pipeline.
pub fn parse_file(path: &Path, limits: &Limits) -> Result<Profile, Error> {
    let bytes = crate::read_capped(path, limits.max_bytes)?;
    let is_pdf = crate::extract::sniff::sniff(&bytes) == Format::Pdf;
    if let (Some(max), true) = (limits.max_pages, is_pdf) {
        // The metadata loader reads the cross-reference table and the page tree
        // only, so a 2,000-page book is refused before any text is extracted.
        // It still costs a tenth of an extraction, so it runs only on files
        // big enough to hold that many pages (4 KB a page); a smaller file over
        // the cap extracts quickly and is caught by the check after parsing.
        // If the loader cannot read the file, the extractor says why.
        let big = bytes.len() as u64 > u64::from(max).saturating_mul(4096);
        let meta = if big {
            pdf_extract::Document::load_metadata_mem(&bytes).ok()
        } else {
            None
        };
        if let Some(meta) = meta {
            if meta.page_count > max {
                return Err(too_many_pages(meta.page_count, max));
            }
        }
    }
    let opts = Options {
        format: None,
        max_bytes: limits.max_bytes,
    };
    let profile = crate::parse_bytes(&crate::file_name(path), &bytes, &opts)?;
    if let (Some(max), Some(pages)) = (limits.max_pages, profile.source.pages) {
        if pages > max {
            return Err(too_many_pages(pages, max));
        }
    }
    Ok(profile)
}

fn too_many_pages(pages: u32, max: u32) -> Error {
    Error {
        kind: "too_many_pages",
        message: format!("{pages} pages, over the {max}-page limit (raise it with --max-pages)"),
    }
}

fn timed_out(t: Duration) -> Error {
    Error {
        kind: "timeout",
        message: format!(
            "timed out after {} s (raise it with --timeout)",
            t.as_secs_f64()
        ),
    }
}

/// Parse one file in the given mode, within all limits. Never panics.
pub fn run(path: &Path, limits: &Limits, mode: &Mode) -> Result<Profile, Error> {
    match mode {
        Mode::InProcess => in_thread(path, limits),
        Mode::Isolated { exe } => in_child(exe, path, limits),
    }
}

const RUNNING: u8 = 0;
const FINISHED: u8 = 1;
const ABANDONED: u8 = 2;

thread_local! {
    /// Where the last panic on this thread happened (set by [`panic_hook`]).
    static PANIC_AT: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Name of the threads that run extractions (the panic hook keys on it).
pub const THREAD_NAME: &str = "vitae-extract";

/// Install a panic hook that keeps extraction threads quiet (their panics are
/// reported as `panic` errors, with the location) and leaves other threads'
/// panics to the previous hook.
pub fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().name() == Some(THREAD_NAME) {
            let at = info
                .location()
                .map(|l| format!("{}:{}", l.file(), l.line()));
            PANIC_AT.with(|p| *p.borrow_mut() = at);
        } else {
            previous(info);
        }
    }));
}

fn panic_error(payload: Box<dyn std::any::Any + Send>) -> Error {
    let msg = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".into());
    let at = PANIC_AT.with(|p| p.borrow_mut().take());
    Error {
        kind: "panic",
        message: match at {
            Some(at) => format!("internal error (please report): {msg} at {at}"),
            None => format!("internal error (please report): {msg}"),
        },
    }
}

fn in_thread(path: &Path, limits: &Limits) -> Result<Profile, Error> {
    let (p, l) = (path.to_path_buf(), limits.clone());
    guarded(move || parse_file(&p, &l), limits.timeout)
}

/// A job for an extraction thread.
type Job = Box<dyn FnOnce() + Send>;

thread_local! {
    /// This pool thread's extraction thread, reused from file to file: a
    /// thread per file made the allocator start a fresh heap for each one
    /// (and glibc's, an arena), which is slower and keeps more memory.
    static RUNNER: std::cell::RefCell<Option<mpsc::Sender<Job>>> =
        const { std::cell::RefCell::new(None) };
}

fn spawn_runner() -> Result<mpsc::Sender<Job>, Error> {
    let (tx, rx) = mpsc::channel::<Job>();
    std::thread::Builder::new()
        .name(THREAD_NAME.into())
        // Deep recursion on a pathological input must not overflow (which
        // would abort the whole batch); the reservation is virtual memory.
        .stack_size(64 << 20)
        // Ends when its sender is dropped: with the pool thread, or when a
        // job of its timed out and it was abandoned.
        .spawn(move || rx.into_iter().for_each(|job| job()))
        .map_err(|e| Error {
            kind: "io",
            message: format!("cannot start a thread: {e}"),
        })?;
    Ok(tx)
}

/// Hand a job to this thread's extraction thread, starting one if needed.
fn submit(job: Job) -> Result<(), Error> {
    RUNNER.with(|r| {
        let mut r = r.borrow_mut();
        let tx = match r.take() {
            Some(tx) => tx,
            None => spawn_runner()?,
        };
        match tx.send(job) {
            Ok(()) => {
                *r = Some(tx);
                Ok(())
            }
            // The runner is gone (it cannot be, short of a bug): one fresh try.
            Err(mpsc::SendError(job)) => {
                let tx = spawn_runner()?;
                tx.send(job).map_err(|_| lost())?;
                *r = Some(tx);
                Ok(())
            }
        }
    })
}

/// Forget this thread's extraction thread (its job ran over time): the next
/// file gets a fresh one, and the abandoned one exits when its job ends.
fn abandon_runner() {
    RUNNER.with(|r| r.borrow_mut().take());
}

/// Run `f` on an extraction thread, its panic caught, waiting at most `timeout`.
fn guarded<T, F>(f: F, timeout: Option<Duration>) -> Result<T, Error>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, Error> + Send + 'static,
{
    let (tx, rx) = mpsc::sync_channel(1);
    let state = Arc::new(AtomicU8::new(RUNNING));
    let st = state.clone();
    submit(Box::new(move || {
        let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
            .unwrap_or_else(|e| Err(panic_error(e)));
        let _ = tx.send(r);
        if st.swap(FINISHED, Ordering::SeqCst) == ABANDONED {
            RUNAWAY.fetch_sub(1, Ordering::SeqCst);
        }
    }))?;
    let Some(t) = timeout else {
        return rx.recv().unwrap_or_else(|_| Err(lost()));
    };
    match rx.recv_timeout(t) {
        Ok(r) => r,
        Err(mpsc::RecvTimeoutError::Disconnected) => Err(lost()),
        Err(mpsc::RecvTimeoutError::Timeout) => {
            RUNAWAY.fetch_add(1, Ordering::SeqCst);
            if state.swap(ABANDONED, Ordering::SeqCst) == FINISHED {
                // It finished between the timeout and now: take its result.
                RUNAWAY.fetch_sub(1, Ordering::SeqCst);
                return rx.try_recv().unwrap_or_else(|_| Err(lost()));
            }
            abandon_runner();
            Err(timed_out(t))
        }
    }
}

fn lost() -> Error {
    Error {
        kind: "panic",
        message: "internal error (please report): the extraction thread ended without a result"
            .into(),
    }
}

/// The arguments that make this executable a worker process.
pub fn child_args(limits: &Limits) -> Vec<String> {
    vec![
        "import".into(),
        "--worker".into(),
        "--max-bytes".into(),
        limits.max_bytes.to_string(),
        "--max-pages".into(),
        limits.max_pages.unwrap_or(0).to_string(),
    ]
}

/// A path on one line of the worker protocol: hex of its bytes on Unix (any
/// file name survives), else its text as JSON.
fn encode_path(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        path.as_os_str()
            .as_bytes()
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }
    #[cfg(not(unix))]
    {
        serde_json::to_string(&path.to_string_lossy()).unwrap_or_default()
    }
}

fn decode_path(line: &str) -> Option<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStringExt;
        let b = line.as_bytes();
        if !b.len().is_multiple_of(2) {
            return None;
        }
        let bytes: Option<Vec<u8>> = b
            .chunks(2)
            .map(|p| u8::from_str_radix(std::str::from_utf8(p).ok()?, 16).ok())
            .collect();
        Some(PathBuf::from(std::ffi::OsString::from_vec(bytes?)))
    }
    #[cfg(not(unix))]
    {
        serde_json::from_str::<String>(line).ok().map(PathBuf::from)
    }
}

/// The worker process's side: read one encoded path a line on stdin, answer
/// each with one line on stdout, `P` and the compact profile or `E` and
/// `{"kind","error"}`; exit at end of input (also when the parent dies).
/// Panics are caught here too, so only a real crash ends the process.
pub fn child_main(limits: &Limits) -> i32 {
    use std::io::{BufRead, Write};
    install_panic_hook();
    let stdin = std::io::stdin();
    let mut out = std::io::stdout().lock();
    for line in stdin.lock().lines() {
        let Ok(line) = line else { return 2 };
        let answer = match decode_path(line.trim_end()) {
            None => Err(Error {
                kind: "io",
                message: "bad path from the parent process".into(),
            }),
            Some(path) => {
                let l = limits.clone();
                guarded(move || parse_file(&path, &l), None).and_then(|p| super::profile_line(&p))
            }
        };
        let text = match answer {
            Ok(profile) => format!("P{profile}"),
            Err(e) => {
                let v = serde_json::json!({"kind": e.kind, "error": e.message});
                format!("E{v}\n")
            }
        };
        if out
            .write_all(text.as_bytes())
            .and_then(|()| out.flush())
            .is_err()
        {
            return 2;
        }
    }
    0
}

/// A worker process, owned by one pool thread, reused file after file.
struct Child {
    process: std::process::Child,
    stdin: std::process::ChildStdin,
    lines: mpsc::Receiver<String>,
}

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.process.kill();
        let _ = self.process.wait();
    }
}

thread_local! {
    static CHILD: std::cell::RefCell<Option<Child>> = const { std::cell::RefCell::new(None) };
}

fn spawn_child(exe: &Path, limits: &Limits) -> Result<Child, Error> {
    let mut process = Command::new(exe)
        .args(child_args(limits))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| Error {
            kind: "io",
            message: format!("cannot start {}: {e}", exe.display()),
        })?;
    let (Some(stdin), Some(stdout)) = (process.stdin.take(), process.stdout.take()) else {
        let _ = process.kill();
        let _ = process.wait();
        return Err(Error {
            kind: "io",
            message: "cannot talk to the worker process".into(),
        });
    };
    let (tx, lines) = mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout).lines() {
            let Ok(l) = line else { break };
            if tx.send(l).is_err() {
                break;
            }
        }
    });
    Ok(Child {
        process,
        stdin,
        lines,
    })
}

fn in_child(exe: &Path, path: &Path, limits: &Limits) -> Result<Profile, Error> {
    use std::io::Write;
    CHILD.with(|cell| {
        let mut slot = cell.borrow_mut();
        let request = format!("{}\n", encode_path(path));
        // A worker that died after its last answer shows up at the write:
        // start a fresh one and send again, once.
        let mut sent = false;
        for _ in 0..2 {
            if slot.is_none() {
                *slot = Some(spawn_child(exe, limits)?);
            }
            if let Some(c) = slot.as_mut() {
                if c.stdin
                    .write_all(request.as_bytes())
                    .and_then(|()| c.stdin.flush())
                    .is_ok()
                {
                    sent = true;
                    break;
                }
            }
            *slot = None;
        }
        let Some(child) = slot.as_mut().filter(|_| sent) else {
            return Err(Error {
                kind: "crash",
                message: "the worker process does not take work".into(),
            });
        };
        let answer = match limits.timeout {
            Some(t) => child.lines.recv_timeout(t),
            None => child
                .lines
                .recv()
                .map_err(|_| mpsc::RecvTimeoutError::Disconnected),
        };
        match answer {
            Ok(line) => read_answer(&line),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                *slot = None; // kills it: the runaway work stops here
                Err(timed_out(limits.timeout.unwrap_or_default()))
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let status = child.process.wait().ok();
                *slot = None;
                Err(crash(status))
            }
        }
    })
}

fn read_answer(line: &str) -> Result<Profile, Error> {
    let unreadable = |e: serde_json::Error| Error {
        kind: "panic",
        message: format!("internal error (please report): worker answer unreadable: {e}"),
    };
    if let Some(json) = line.strip_prefix('P') {
        return serde_json::from_str::<Profile>(json).map_err(unreadable);
    }
    #[derive(serde::Deserialize)]
    struct ChildError {
        kind: String,
        error: String,
    }
    let e: ChildError =
        serde_json::from_str(line.strip_prefix('E').unwrap_or(line)).map_err(unreadable)?;
    Err(Error {
        kind: static_kind(&e.kind),
        message: e.error,
    })
}

fn crash(status: Option<std::process::ExitStatus>) -> Error {
    let how = match status {
        Some(s) => {
            #[cfg(unix)]
            let signal = std::os::unix::process::ExitStatusExt::signal(&s);
            #[cfg(not(unix))]
            let signal: Option<i32> = None;
            match (s.code(), signal) {
                (_, Some(sig)) => format!("killed by signal {sig} (a crash, or out of memory)"),
                (Some(c), _) => format!("exited with status {c}"),
                _ => "ended".into(),
            }
        }
        None => "ended".into(),
    };
    Error {
        kind: "crash",
        message: format!("the worker process {how} while reading this file"),
    }
}

/// `Error::kind` is `&'static str`; a kind coming back from a child is mapped
/// onto the same static string (kinds are few and fixed), else leaked once.
fn static_kind(kind: &str) -> &'static str {
    use std::collections::HashMap;
    use std::sync::Mutex;
    static KINDS: Mutex<Option<HashMap<String, &'static str>>> = Mutex::new(None);
    let mut g = KINDS.lock().unwrap_or_else(|p| p.into_inner());
    let map = g.get_or_insert_with(HashMap::new);
    if let Some(k) = map.get(kind) {
        return k;
    }
    let k: &'static str = Box::leak(kind.to_string().into_boxed_str());
    map.insert(kind.to_string(), k);
    k
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn worker_protocol_round_trips() {
        for p in ["a/b c.pdf", "dir/é\n.md", ""] {
            assert_eq!(
                decode_path(&encode_path(Path::new(p))),
                Some(PathBuf::from(p))
            );
        }
        assert_eq!(decode_path("zz"), None);
        let e = read_answer(r#"E{"kind":"pdf_encrypted","error":"locked"}"#).unwrap_err();
        assert_eq!((e.kind, e.message.as_str()), ("pdf_encrypted", "locked"));
        assert_eq!(read_answer("P{").unwrap_err().kind, "panic");
        assert_eq!(crash(None).kind, "crash");
    }

    #[test]
    fn parses_and_reports_errors_by_kind() {
        let dir = tempfile::tempdir().unwrap();
        let md = dir.path().join("cv.md");
        std::fs::write(
            &md,
            "# Jane Doe\n\n## Education\n\n- B.Sc., Somewhere, 2010\n",
        )
        .unwrap();
        let empty = dir.path().join("empty.md");
        std::fs::write(&empty, "").unwrap();
        let limits = Limits::default();
        let p = run(&md, &limits, &Mode::InProcess).unwrap();
        assert_eq!(p.source.file, "cv.md");
        assert_eq!(
            run(&empty, &limits, &Mode::InProcess).unwrap_err().kind,
            "empty"
        );
        let small = Limits {
            max_bytes: 4,
            ..Limits::default()
        };
        assert_eq!(
            run(&md, &small, &Mode::InProcess).unwrap_err().kind,
            "too_large"
        );
        let missing = dir.path().join("missing.md");
        assert_eq!(
            run(&missing, &limits, &Mode::InProcess).unwrap_err().kind,
            "io"
        );
    }

    #[test]
    fn page_cap_before_and_after_extraction() {
        let dir = tempfile::tempdir().unwrap();
        let cap = |n| Limits {
            max_pages: Some(n),
            ..Limits::default()
        };
        // Big enough for the metadata check: refused before extraction.
        let big = dir.path().join("big.pdf");
        std::fs::write(&big, crate::import::testpdf::padded(3, 16 * 1024)).unwrap();
        let e = parse_file(&big, &cap(2)).unwrap_err();
        assert_eq!(e.kind, "too_many_pages");
        assert!(
            e.message.starts_with("3 pages, over the 2-page limit"),
            "{}",
            e.message
        );
        // Small: checked on the extracted page count.
        let small = dir.path().join("small.pdf");
        std::fs::write(&small, crate::import::testpdf::pages(3)).unwrap();
        if let Ok(p) = parse_file(&small, &cap(3)) {
            if p.source.pages == Some(3) {
                assert_eq!(
                    parse_file(&small, &cap(2)).unwrap_err().kind,
                    "too_many_pages"
                );
            }
        }
    }

    #[test]
    fn panics_and_timeouts_are_errors() {
        let _serial = RUNAWAY_TESTS.lock().unwrap_or_else(|e| e.into_inner());
        install_panic_hook();
        let e = guarded::<(), _>(|| panic!("boom"), None).unwrap_err();
        assert_eq!(e.kind, "panic");
        assert!(e.message.contains("boom"), "{}", e.message);
        assert!(
            e.message.contains("worker.rs"),
            "location kept: {}",
            e.message
        );

        let before = runaway();
        let t = Some(Duration::from_millis(50));
        let e = guarded(
            || {
                std::thread::sleep(Duration::from_millis(400));
                Ok(1)
            },
            t,
        )
        .unwrap_err();
        assert_eq!(e.kind, "timeout");
        assert!(runaway() > before, "the abandoned thread is counted");
        assert_eq!(guarded(|| Ok(7), t), Ok(7));
        // The abandoned thread ends on its own and is no longer counted.
        let deadline = Instant::now() + Duration::from_secs(5);
        while runaway() > before && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        assert_eq!(runaway(), before);
    }

    /// Tests that time out share the runaway count: one at a time.
    static RUNAWAY_TESTS: std::sync::Mutex<()> = std::sync::Mutex::new(());

    #[test]
    fn the_extraction_thread_is_reused_until_abandoned() {
        let _serial = RUNAWAY_TESTS.lock().unwrap_or_else(|e| e.into_inner());
        install_panic_hook();
        let id = || guarded(|| Ok(std::thread::current().id()), None).unwrap();
        let first = id();
        assert_ne!(first, std::thread::current().id(), "runs off the caller");
        assert_eq!(id(), first, "reused from file to file");
        // A panic does not end it either.
        assert!(guarded::<(), _>(|| panic!("boom"), None).is_err());
        assert_eq!(id(), first);
        // A timeout does: the next file gets a fresh thread.
        let t = Some(Duration::from_millis(20));
        let slow = guarded(
            || {
                std::thread::sleep(Duration::from_millis(200));
                Ok(())
            },
            t,
        );
        assert_eq!(slow.unwrap_err().kind, "timeout");
        assert_ne!(id(), first);
        // Leave no runaway behind for the next test.
        let deadline = Instant::now() + Duration::from_secs(5);
        while runaway() > 0 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    #[test]
    fn static_kind_is_stable() {
        assert_eq!(static_kind("timeout"), static_kind("timeout"));
        assert!(std::ptr::eq(static_kind("x_y"), static_kind("x_y")));
    }
}
