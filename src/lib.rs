//! vitae: CVs (PDF, Markdown conversions, academic homepages) to a normalized profile.
//!
//! The pipeline, one module a stage, data flowing one way:
//! [`extract`] (bytes → styled lines) → [`clean`] → [`segment`] → [`parse`]
//! (one parser a section kind) → [`profile`] (serde types) → [`export`].

pub mod clean;
pub mod export;
pub mod extract;
pub mod golden;
pub mod import;
pub mod parse;
pub mod patterns;
pub mod profile;
pub mod segment;
pub mod wordlist;

use profile::{Format, Profile};
use sha2::{Digest, Sha256};
use std::path::Path;

/// Default cap on input size: far above any real CV, low enough that a stray
/// 100 MB file is refused at once instead of being read.
pub const DEFAULT_MAX_BYTES: u64 = 32 * 1024 * 1024;

#[derive(Debug, Clone)]
pub struct Options {
    /// Force the input format instead of sniffing it from the bytes.
    pub format: Option<Format>,
    /// Inputs larger than this are refused.
    pub max_bytes: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            format: None,
            max_bytes: DEFAULT_MAX_BYTES,
        }
    }
}

/// Why a file could not be turned into a profile.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// Short machine-readable kind (`io`, `not_a_file`, `empty`, `binary`,
    /// `too_large`, `limit` (a resource budget ran out: see
    /// [`extract::budget`]), `pdf_*`, ...).
    pub kind: &'static str,
    pub message: String,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl From<extract::ExtractError> for Error {
    fn from(e: extract::ExtractError) -> Self {
        Error {
            kind: e.kind,
            message: e.message,
        }
    }
}

/// Everything the pipeline knows about one input, stage by stage.
pub struct Parsed {
    pub cleaned: clean::Cleaned,
    pub segmented: segment::Segmented,
    pub profile: Profile,
}

/// Read a file and parse it.
pub fn parse_path(path: &Path, opts: &Options) -> Result<Profile, Error> {
    let bytes = read_capped(path, opts.max_bytes)?;
    let name = file_name(path);
    parse_bytes(&name, &bytes, opts)
}

/// Parse an input's bytes into a profile. `file_name` goes to `source.file`.
pub fn parse_bytes(file_name: &str, bytes: &[u8], opts: &Options) -> Result<Profile, Error> {
    run(file_name, bytes, opts).map(|p| p.profile)
}

/// The whole pipeline, keeping every stage's output (for `vitae text`).
pub fn run(file_name: &str, bytes: &[u8], opts: &Options) -> Result<Parsed, Error> {
    if bytes.len() as u64 > opts.max_bytes {
        return Err(too_large(bytes.len() as u64, opts.max_bytes));
    }
    let format = opts.format.unwrap_or_else(|| extract::sniff::sniff(bytes));
    let doc = extract::extract(bytes, format)?;
    let cleaned = clean::clean(doc);
    let segmented = segment::segment(&cleaned);
    let source = profile::Source {
        file: file_name.to_string(),
        format,
        pages: cleaned.pages,
        sha256: sha256_hex(bytes),
        title: cleaned.title.clone(),
    };
    let profile = parse::parse(&cleaned, &segmented, source);
    Ok(Parsed {
        cleaned,
        segmented,
        profile,
    })
}

/// Read a whole file, refusing one larger than `max` before reading it.
/// Only regular files are read: a FIFO would block forever and a device
/// (`/dev/zero`) never ends, so both are refused from their metadata, before
/// anything is opened; `max` also bounds the bytes actually read, for a file
/// that grows while it is read.
pub fn read_capped(path: &Path, max: u64) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let meta = std::fs::metadata(path).map_err(|e| io_error(path, &e))?;
    check_regular(&meta)?;
    if meta.len() > max {
        return Err(too_large(meta.len(), max));
    }
    let f = std::fs::File::open(path).map_err(|e| io_error(path, &e))?;
    // Replaced by something else between the two looks: look again.
    check_regular(&f.metadata().map_err(|e| io_error(path, &e))?)?;
    let mut buf = Vec::with_capacity(meta.len() as usize);
    f.take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| io_error(path, &e))?;
    if buf.len() as u64 > max {
        return Err(too_large(buf.len() as u64, max));
    }
    Ok(buf)
}

fn check_regular(meta: &std::fs::Metadata) -> Result<(), Error> {
    if meta.is_dir() {
        return Err(Error {
            kind: "io",
            message: "is a directory".into(),
        });
    }
    if !meta.is_file() {
        return Err(Error {
            kind: "not_a_file",
            message: "not a regular file (a FIFO, device or socket): only files are read".into(),
        });
    }
    Ok(())
}

fn io_error(_path: &Path, e: &std::io::Error) -> Error {
    // The OS says "No such file or directory (os error 2)": say it plainly,
    // the way every command reports a missing input.
    let message = if e.kind() == std::io::ErrorKind::NotFound {
        "no such file or folder".to_string()
    } else {
        format!("cannot read: {e}")
    };
    Error {
        kind: "io",
        message,
    }
}

/// Whether a command-line path means standard input (`-`).
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// Read a command-line input: `-` is standard input, anything else a file
/// read by [`read_capped`]. `max` bounds standard input too.
pub fn read_input(path: &Path, max: u64) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    if !is_stdin(path) {
        return read_capped(path, max);
    }
    let mut buf = Vec::new();
    std::io::stdin()
        .lock()
        .take(max.saturating_add(1))
        .read_to_end(&mut buf)
        .map_err(|e| Error {
            kind: "io",
            message: format!("cannot read: {e}"),
        })?;
    if buf.len() as u64 > max {
        return Err(too_large(buf.len() as u64, max));
    }
    Ok(buf)
}

/// How messages name an input: `<stdin>` for `-`, else the path as given.
pub fn input_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The name recorded in `source.file`: `<stdin>`, or the file name.
pub fn source_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_string()
    } else {
        file_name(path)
    }
}

/// Read a command-line input that may be a vitae profile JSON: one is read
/// as it is ([`profile::from_json_bytes`]), anything else parsed as a CV.
pub fn load_path(path: &Path, opts: &Options) -> Result<Profile, Error> {
    let bytes = read_input(path, opts.max_bytes)?;
    if let Some(p) = profile::from_json_bytes(&bytes)? {
        return Ok(p);
    }
    parse_bytes(&source_name(path), &bytes, opts)
}

fn too_large(len: u64, max: u64) -> Error {
    Error {
        kind: "too_large",
        message: format!(
            "file too large: {}, over the {} limit (raise it with --max-size, in MiB)",
            mib(len),
            mib(max)
        ),
    }
}

/// A size in MiB, the unit of `--max-size`: whole when it is whole.
fn mib(n: u64) -> String {
    if n.is_multiple_of(1 << 20) {
        format!("{} MiB", n >> 20)
    } else {
        format!("{:.1} MiB", n as f64 / f64::from(1 << 20))
    }
}

/// The file name without folders.
pub fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.to_string_lossy().into_owned())
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_regular_files_are_read() {
        let dev = read_capped(Path::new("/dev/zero"), 1).unwrap_err();
        assert_eq!(dev.kind, "not_a_file");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if made.is_ok_and(|s| s.success()) {
            // Opening it would block until a writer comes: refused first.
            assert_eq!(read_capped(&fifo, 1 << 20).unwrap_err().kind, "not_a_file");
        }
        assert_eq!(read_capped(dir.path(), 1 << 20).unwrap_err().kind, "io");
    }

    #[test]
    fn the_size_limit_is_in_mib() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("cv.md");
        std::fs::write(&f, b"# CV\nabc\n").unwrap();
        assert_eq!(read_capped(&f, 9).unwrap(), b"# CV\nabc\n");
        let e = read_capped(&f, 8).unwrap_err();
        assert_eq!(e.kind, "too_large");
        assert_eq!(mib(3 << 20), "3 MiB");
        assert_eq!(mib(1 << 19), "0.5 MiB");
        assert!(e.message.contains("MiB limit"), "{}", e.message);
    }

    #[test]
    fn a_missing_file_is_named_plainly() {
        let dir = tempfile::tempdir().unwrap();
        let e = read_input(&dir.path().join("nope.pdf"), 1 << 20).unwrap_err();
        assert_eq!(e.message, "no such file or folder");
        assert_eq!(input_name(Path::new("-")), "<stdin>");
        assert_eq!(input_name(Path::new("a/cv.pdf")), "a/cv.pdf");
        assert_eq!(source_name(Path::new("a/cv.pdf")), "cv.pdf");
    }
}
