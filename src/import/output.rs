//! Crash-safe JSON Lines output.
//!
//! Workers append each profile line, whole, to a journal (`OUT.partial`) as
//! soon as it is ready, in completion order. When the batch ends, the output
//! is assembled in input order from the journal (and, with `--resume`, from
//! the previous output) into `OUT.tmp`, fsynced and renamed onto `OUT`. So:
//! - a kill at any moment leaves `OUT` as it was (absent, or the previous
//!   complete run), never a truncated line;
//! - a rerun with `--resume` reads the journal and the previous output, drops
//!   a torn last line, and re-imports only what is in neither;
//! - memory holds an index (hash, offset, length), never the profiles.

use serde::Deserialize;
use std::collections::HashMap;
use std::fs::{File, OpenOptions};
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Where a complete line lives: in the previous output or in the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loc {
    pub src: Src,
    pub offset: u64,
    pub len: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Src {
    Previous,
    Journal,
}

pub type Sha = [u8; 32];

/// Lines already written by an earlier run, by the SHA-256 of their input.
#[derive(Debug, Default)]
pub struct ResumeIndex {
    by_sha: HashMap<Sha, Vec<(String, Loc)>>,
}

impl ResumeIndex {
    fn add(&mut self, sha: Sha, file: String, loc: Loc) {
        self.by_sha.entry(sha).or_default().push((file, loc));
    }

    /// The line for an input: the one with the same bytes and file name, or,
    /// when `any_name` (dedupe on: one profile a content), any with the same bytes.
    pub fn lookup(&self, sha: &Sha, file: &str, any_name: bool) -> Option<Loc> {
        let lines = self.by_sha.get(sha)?;
        lines
            .iter()
            .find(|(f, _)| f == file)
            .or_else(|| if any_name { lines.first() } else { None })
            .map(|(_, loc)| *loc)
    }

    pub fn len(&self) -> usize {
        self.by_sha.values().map(Vec::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.by_sha.is_empty()
    }
}

/// The fields of a profile line that resuming needs.
#[derive(Deserialize)]
struct Head {
    source: HeadSource,
}

#[derive(Deserialize)]
struct HeadSource {
    file: String,
    sha256: String,
}

/// `(sha, file name)` of a profile, if the text is one.
pub fn profile_head(json: &[u8]) -> Option<(Sha, String)> {
    let h: Head = serde_json::from_slice(json).ok()?;
    Some((parse_sha(&h.source.sha256)?, h.source.file))
}

pub fn parse_sha(hex: &str) -> Option<Sha> {
    let b = hex.as_bytes();
    if b.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (i, pair) in b.chunks(2).enumerate() {
        let s = std::str::from_utf8(pair).ok()?;
        out[i] = u8::from_str_radix(s, 16).ok()?;
    }
    Some(out)
}

/// Index the complete, valid lines of a file; returns the offset after the
/// last newline (where a torn tail starts).
fn scan(path: &Path, src: Src, index: &mut ResumeIndex) -> io::Result<u64> {
    let mut r = BufReader::new(File::open(path)?);
    let mut buf = Vec::new();
    let mut offset = 0u64;
    let mut end = 0u64;
    loop {
        buf.clear();
        let n = r.read_until(b'\n', &mut buf)?;
        if n == 0 {
            break;
        }
        if buf.last() == Some(&b'\n') {
            end = offset + n as u64;
            if let Some((sha, file)) = profile_head(&buf) {
                if let Ok(len) = u32::try_from(n) {
                    index.add(sha, file, Loc { src, offset, len });
                }
            }
        }
        offset += n as u64;
    }
    Ok(end)
}

struct Journal {
    file: File,
    offset: u64,
}

/// The JSON Lines output of one batch.
pub struct JsonlOutput {
    out: PathBuf,
    journal_path: PathBuf,
    tmp_path: PathBuf,
    journal: Mutex<Journal>,
    /// Lines of the previous output and journal (empty unless resuming).
    pub index: ResumeIndex,
}

/// `OUT.partial` and `OUT.tmp`, beside `OUT` so the rename stays on one file system.
pub fn side_paths(out: &Path) -> (PathBuf, PathBuf) {
    let with = |suffix: &str| {
        let mut s = out.as_os_str().to_owned();
        s.push(suffix);
        PathBuf::from(s)
    };
    (with(".partial"), with(".tmp"))
}

impl JsonlOutput {
    /// Open the journal. With `resume`, index the previous output and the
    /// journal, cut the journal's torn tail and append after it; without,
    /// start an empty journal.
    pub fn open(out: &Path, resume: bool) -> io::Result<JsonlOutput> {
        let (journal_path, tmp_path) = side_paths(out);
        let mut index = ResumeIndex::default();
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&journal_path)?;
        let offset = if resume {
            if out.exists() {
                scan(out, Src::Previous, &mut index)?;
            }
            let end = scan(&journal_path, Src::Journal, &mut index)?;
            file.set_len(end)?;
            end
        } else {
            file.set_len(0)?;
            0
        };
        file.seek(SeekFrom::Start(offset))?;
        Ok(JsonlOutput {
            out: out.to_path_buf(),
            journal_path,
            tmp_path,
            journal: Mutex::new(Journal { file, offset }),
            index,
        })
    }

    /// Append one line (its text must end with `\n`) with a single write, so
    /// a kill leaves at most one torn line, at the end, which resuming drops.
    pub fn append(&self, line: &[u8]) -> io::Result<Loc> {
        let len = u32::try_from(line.len())
            .map_err(|_| io::Error::new(io::ErrorKind::InvalidData, "profile line over 4 GB"))?;
        let mut j = self.journal.lock().unwrap_or_else(|p| p.into_inner());
        let offset = j.offset;
        if let Err(e) = j.file.write_all(line) {
            // Put the end back where the last whole line ended.
            let _ = j.file.set_len(offset);
            let _ = j.file.seek(SeekFrom::Start(offset));
            return Err(e);
        }
        j.offset += line.len() as u64;
        Ok(Loc {
            src: Src::Journal,
            offset,
            len,
        })
    }

    /// The line at `loc` (from the previous output or the journal).
    pub fn read(&self, loc: Loc) -> io::Result<Vec<u8>> {
        let path = match loc.src {
            Src::Previous => &self.out,
            Src::Journal => &self.journal_path,
        };
        let mut f = File::open(path)?;
        f.seek(SeekFrom::Start(loc.offset))?;
        let mut buf = vec![0; loc.len as usize];
        f.read_exact(&mut buf)?;
        Ok(buf)
    }

    /// Write the output: the lines at `locs`, in that order, through a
    /// temporary file that is fsynced and renamed onto the output.
    pub fn finish(self, locs: impl Iterator<Item = Loc>) -> io::Result<()> {
        let mut previous = if self.out.exists() {
            Some(File::open(&self.out)?)
        } else {
            None
        };
        let mut journal = File::open(&self.journal_path)?;
        let tmp = File::create(&self.tmp_path)?;
        let mut w = BufWriter::with_capacity(1 << 16, tmp);
        let mut buf = Vec::new();
        for loc in locs {
            let f = match loc.src {
                Src::Journal => &mut journal,
                Src::Previous => previous.as_mut().ok_or_else(|| {
                    io::Error::new(io::ErrorKind::NotFound, "previous output vanished")
                })?,
            };
            buf.resize(loc.len as usize, 0);
            f.seek(SeekFrom::Start(loc.offset))?;
            f.read_exact(&mut buf)?;
            w.write_all(&buf)?;
        }
        let tmp = w.into_inner().map_err(|e| e.into_error())?;
        tmp.sync_all()?;
        drop(tmp);
        drop(previous);
        std::fs::rename(&self.tmp_path, &self.out)?;
        sync_parent(&self.out);
        drop(journal);
        std::fs::remove_file(&self.journal_path)?;
        Ok(())
    }
}

/// The inputs that failed, kept beside the output so that `--resume` does not
/// parse them again (unless `--retry-failed`): one JSON line each
/// (`file`, `sha256`, `kind`, `error`), appended as failures happen so a kill
/// keeps them, and rewritten whole at the end of the batch to hold exactly
/// that batch's failures (removed when there are none).
pub struct FailLedger {
    path: PathBuf,
    file: Mutex<Option<File>>,
    /// Failures recorded by earlier runs, by input hash and file name.
    pub earlier: HashMap<(Sha, String), (String, String)>,
}

#[derive(serde::Serialize, Deserialize)]
struct FailLine {
    file: String,
    sha256: String,
    kind: String,
    error: String,
}

impl FailLedger {
    /// Open the ledger at `path`; with `resume`, read what earlier runs recorded.
    pub fn open(path: &Path, resume: bool) -> io::Result<FailLedger> {
        let mut earlier = HashMap::new();
        if !resume {
            // A fresh batch: an earlier run's record no longer applies.
            let _ = std::fs::remove_file(path);
        } else {
            if let Ok(f) = File::open(path) {
                for line in BufReader::new(f).split(b'\n') {
                    let Ok(line) = line else { break };
                    // A torn last line (a kill mid-write) does not parse: skipped.
                    let Ok(l) = serde_json::from_slice::<FailLine>(&line) else {
                        continue;
                    };
                    if let Some(sha) = parse_sha(&l.sha256) {
                        earlier.insert((sha, l.file), (l.kind, l.error));
                    }
                }
            }
        }
        let file = OpenOptions::new().create(true).append(true).open(path).ok();
        Ok(FailLedger {
            path: path.to_path_buf(),
            file: Mutex::new(file),
            earlier,
        })
    }

    /// Record one failure now (best effort: the end of the batch rewrites it).
    pub fn append(&self, sha: &Sha, file: &str, kind: &str, error: &str) {
        let line = fail_line(sha, file, kind, error);
        let mut g = self.file.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(f) = g.as_mut() {
            let _ = f.write_all(line.as_bytes());
        }
    }

    /// Rewrite the ledger with `failures` (sha, file, kind, error), or remove
    /// it when there are none.
    pub fn finish<'a>(
        self,
        failures: impl Iterator<Item = (&'a Sha, &'a str, &'a str, &'a str)>,
    ) -> io::Result<()> {
        drop(self.file);
        let text: String = failures
            .map(|(sha, file, kind, error)| fail_line(sha, file, kind, error))
            .collect();
        if text.is_empty() {
            match std::fs::remove_file(&self.path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            }
        } else {
            write_atomic(&self.path, text.as_bytes(), true)
        }
    }
}

fn fail_line(sha: &Sha, file: &str, kind: &str, error: &str) -> String {
    let hex: String = sha.iter().map(|b| format!("{b:02x}")).collect();
    let l = FailLine {
        file: file.to_string(),
        sha256: hex,
        kind: kind.to_string(),
        error: error.to_string(),
    };
    serde_json::to_string(&l).map_or_else(|_| String::new(), |s| s + "\n")
}

/// Where the failure ledger of a target lives: `OUT.failed` beside a JSON
/// Lines output, `.vitae-failed.jsonl` inside an output folder.
pub fn ledger_path_jsonl(out: &Path) -> PathBuf {
    let mut s = out.as_os_str().to_owned();
    s.push(".failed");
    PathBuf::from(s)
}

pub fn ledger_path_dir(dir: &Path) -> PathBuf {
    dir.join(".vitae-failed.jsonl")
}

/// Make a rename durable (Unix: fsync the folder). Best effort.
fn sync_parent(path: &Path) {
    #[cfg(unix)]
    {
        let parent = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        if let Ok(d) = File::open(parent) {
            let _ = d.sync_all();
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// Write a whole file so that readers (and a crash) see the old file or the
/// new one, never a part: a hidden temporary beside it, then a rename.
/// `durable` adds an fsync before the rename (for power loss, not only kills).
pub fn write_atomic(path: &Path, bytes: &[u8], durable: bool) -> io::Result<()> {
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "no file name"))?;
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".tmp-{}", std::process::id()));
    let tmp = path.with_file_name(tmp_name);
    let mut f = File::create(&tmp)?;
    let res = f
        .write_all(bytes)
        .and_then(|()| if durable { f.sync_all() } else { Ok(()) });
    drop(f);
    if let Err(e) = res.and_then(|()| std::fs::rename(&tmp, path)) {
        let _ = std::fs::remove_file(&tmp);
        return Err(e);
    }
    if durable {
        sync_parent(path);
    }
    Ok(())
}

/// The input hash recorded in an existing `--out-dir` profile file.
pub fn existing_profile_sha(path: &Path, max_bytes: u64) -> Option<Sha> {
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > max_bytes {
        return None;
    }
    let bytes = std::fs::read(path).ok()?;
    profile_head(&bytes).map(|(sha, _)| sha)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(sha_byte: u8, file: &str) -> String {
        let sha = format!("{:02x}", sha_byte).repeat(32);
        format!("{{\"schema\":\"x\",\"source\":{{\"file\":\"{file}\",\"sha256\":\"{sha}\"}}}}\n")
    }

    #[test]
    fn sha_hex_round_trip() {
        let hex = crate::sha256_hex(b"abc");
        let sha = parse_sha(&hex).unwrap();
        assert_eq!(sha[0], 0xba);
        assert!(parse_sha("zz").is_none());
        assert!(parse_sha(&"g".repeat(64)).is_none());
    }

    #[test]
    fn journal_assembles_in_given_order_and_resumes_after_torn_line() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("p.jsonl");
        let (l1, l2, l3) = (line(1, "a"), line(2, "b"), line(3, "c"));

        let o = JsonlOutput::open(&out, false).unwrap();
        let b = o.append(l2.as_bytes()).unwrap();
        let a = o.append(l1.as_bytes()).unwrap();
        drop(o); // a "kill": the journal stays, no output
        assert!(!out.exists());
        // A torn line at the end, as a kill in mid-write would leave.
        let (journal, _) = side_paths(&out);
        let mut f = OpenOptions::new().append(true).open(&journal).unwrap();
        f.write_all(&l3.as_bytes()[..10]).unwrap();
        drop(f);

        let o = JsonlOutput::open(&out, true).unwrap();
        assert_eq!(o.index.len(), 2);
        assert_eq!(o.index.lookup(&[1; 32], "a", false), Some(a));
        assert_eq!(o.index.lookup(&[2; 32], "b", false), Some(b));
        assert_eq!(o.index.lookup(&[2; 32], "other", false), None);
        assert_eq!(o.index.lookup(&[2; 32], "other", true), Some(b));
        let c = o.append(l3.as_bytes()).unwrap();
        assert_eq!(c.offset, (l1.len() + l2.len()) as u64, "torn tail was cut");
        o.finish([a, b, c].into_iter()).unwrap();
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            format!("{l1}{l2}{l3}")
        );
        assert!(!journal.exists());

        // Resuming over a finished output reads its lines back.
        let o = JsonlOutput::open(&out, true).unwrap();
        let locs: Vec<Loc> = [1u8, 2, 3]
            .iter()
            .map(|&s| o.index.lookup(&[s; 32], "", true).unwrap())
            .collect();
        assert!(locs.iter().all(|l| l.src == Src::Previous));
        o.finish(locs.into_iter().rev()).unwrap();
        assert_eq!(
            std::fs::read_to_string(&out).unwrap(),
            format!("{l3}{l2}{l1}")
        );
    }

    #[test]
    fn without_resume_the_journal_starts_empty() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("p.jsonl");
        let o = JsonlOutput::open(&out, false).unwrap();
        o.append(line(1, "a").as_bytes()).unwrap();
        drop(o);
        let o = JsonlOutput::open(&out, false).unwrap();
        assert!(o.index.is_empty());
        let loc = o.append(line(2, "b").as_bytes()).unwrap();
        assert_eq!(loc.offset, 0);
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("x.json");
        write_atomic(&p, b"old", false).unwrap();
        write_atomic(&p, line(7, "x").as_bytes(), true).unwrap();
        assert_eq!(existing_profile_sha(&p, 1 << 20), Some([7; 32]));
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp left"
        );
        assert_eq!(
            existing_profile_sha(&dir.path().join("none"), 1 << 20),
            None
        );
    }
}
