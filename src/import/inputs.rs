//! Which files a batch imports, in which order, and under which output names.
//!
//! Inputs are the files named on the command line plus every file found by
//! walking the folders named there (recursively, hidden entries skipped),
//! filtered by `--glob` and `--shard`, sorted by path: that order is the
//! output order, so it must not depend on the file system's listing order.

use crate::Error;
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// One file to import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// The path to open: a command-line argument, or a folder argument joined
    /// with the file's path inside it.
    pub path: PathBuf,
    /// The path relative to the folder argument it was found under (`/`
    /// separators), or the file name for a file argument. Globs, shards and
    /// `--out-dir` names use it, so they do not depend on where the corpus is
    /// mounted.
    pub rel: String,
}

/// A stable subset of the inputs: shard `index` of `count` (0-based, as
/// Kubernetes' `JOB_COMPLETION_INDEX`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u64,
    pub count: u64,
}

impl Shard {
    /// Parse `I/N` with `0 <= I < N`.
    pub fn parse(s: &str) -> Result<Shard, String> {
        let (i, n) = s
            .split_once('/')
            .ok_or_else(|| format!("shard `{s}`: expected I/N, as in 0/4"))?;
        let index: u64 = i
            .trim()
            .parse()
            .map_err(|_| format!("shard `{s}`: `{i}` is not a number"))?;
        let count: u64 = n
            .trim()
            .parse()
            .map_err(|_| format!("shard `{s}`: `{n}` is not a number"))?;
        if count == 0 || index >= count {
            return Err(format!(
                "shard `{s}`: the index must be in 0..{count} (shards are numbered from 0)"
            ));
        }
        Ok(Shard { index, count })
    }

    /// Whether an input with this relative path belongs to the shard. SHA-256
    /// rather than std's hasher: the split must be the same on every machine
    /// and every version.
    pub fn contains(&self, rel: &str) -> bool {
        let d = Sha256::digest(rel.as_bytes());
        let mut b = [0u8; 8];
        b.copy_from_slice(&d[..8]);
        u64::from_be_bytes(b) % self.count == self.index
    }
}

/// `--glob` patterns. A pattern without `/` is matched against the file name
/// (at any depth, as in `.gitignore`); one with `/` against the relative path,
/// where `**` crosses folders. Case-insensitive: CV folders mix `.pdf` and `.PDF`.
#[derive(Debug, Clone, Default)]
pub struct Globs {
    names: Option<GlobSet>,
    paths: Option<GlobSet>,
}

impl Globs {
    pub fn new(patterns: &[String]) -> Result<Globs, String> {
        let mut names = GlobSetBuilder::new();
        let mut paths = GlobSetBuilder::new();
        let (mut n_names, mut n_paths) = (0, 0);
        for p in patterns {
            let glob = GlobBuilder::new(p)
                .case_insensitive(true)
                .literal_separator(true)
                .build()
                .map_err(|e| format!("glob `{p}`: {e}"))?;
            if p.contains('/') {
                paths.add(glob);
                n_paths += 1;
            } else {
                names.add(glob);
                n_names += 1;
            }
        }
        let build = |b: GlobSetBuilder, n: usize| -> Result<Option<GlobSet>, String> {
            if n == 0 {
                Ok(None)
            } else {
                b.build().map(Some).map_err(|e| e.to_string())
            }
        };
        Ok(Globs {
            names: build(names, n_names)?,
            paths: build(paths, n_paths)?,
        })
    }

    /// True when no pattern was given or one matches.
    pub fn matches(&self, rel: &str) -> bool {
        if self.names.is_none() && self.paths.is_none() {
            return true;
        }
        let name = rel.rsplit('/').next().unwrap_or(rel);
        self.names.as_ref().is_some_and(|g| g.is_match(name))
            || self.paths.as_ref().is_some_and(|g| g.is_match(rel))
    }
}

/// What walking the arguments found.
#[derive(Debug, Default)]
pub struct Collected {
    /// Sorted by path, no path twice.
    pub inputs: Vec<Input>,
    /// Arguments or folders that could not be read.
    pub errors: Vec<(PathBuf, Error)>,
}

/// Files and folders the walk must not import: the batch's own outputs when
/// they sit inside an input folder.
#[derive(Debug, Default)]
pub struct Exclude {
    files: HashSet<PathBuf>,
    dirs: HashSet<PathBuf>,
}

impl Exclude {
    /// `files` need not exist yet: they are matched by canonical folder plus name.
    pub fn new(files: &[PathBuf], dirs: &[PathBuf]) -> Exclude {
        let files = files.iter().filter_map(|f| canonical_file(f)).collect();
        let dirs = dirs.iter().filter_map(|d| d.canonicalize().ok()).collect();
        Exclude { files, dirs }
    }
}

fn canonical_file(f: &Path) -> Option<PathBuf> {
    let name = f.file_name()?;
    let parent = match f.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    Some(parent.canonicalize().ok()?.join(name))
}

/// Walk the arguments. Globs apply to files found in folders only: a file
/// named on the command line is always imported.
pub fn collect(args: &[PathBuf], globs: &Globs, exclude: &Exclude) -> Collected {
    let mut out = Collected::default();
    for arg in args {
        let meta = match std::fs::metadata(arg) {
            Ok(m) => m,
            Err(e) => {
                out.errors.push((arg.clone(), io_err(&e)));
                continue;
            }
        };
        if meta.is_dir() {
            walk(arg, globs, exclude, &mut out);
        } else if canonical_file(arg).is_none_or(|c| !exclude.files.contains(&c)) {
            out.inputs.push(Input {
                path: arg.clone(),
                rel: crate::file_name(arg),
            });
        }
    }
    out.inputs.sort_by(|a, b| a.path.cmp(&b.path));
    out.inputs.dedup_by(|a, b| a.path == b.path);
    out.errors.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn walk(root: &Path, globs: &Globs, exclude: &Exclude, out: &mut Collected) {
    // Canonical folders already walked: a symlink loop or two arguments
    // naming the same folder are walked once.
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut stack: Vec<(PathBuf, String)> = vec![(root.to_path_buf(), String::new())];
    while let Some((dir, rel_dir)) = stack.pop() {
        let canon = match dir.canonicalize() {
            Ok(c) => c,
            Err(e) => {
                out.errors.push((dir, io_err(&e)));
                continue;
            }
        };
        if exclude.dirs.contains(&canon) || !seen.insert(canon.clone()) {
            continue;
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(rd) => rd,
            Err(e) => {
                out.errors.push((dir, io_err(&e)));
                continue;
            }
        };
        let mut names: Vec<_> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name())
            .collect();
        names.sort();
        for name in names {
            let name_s = name.to_string_lossy();
            if name_s.starts_with('.') {
                continue;
            }
            let path = dir.join(&name);
            let rel = if rel_dir.is_empty() {
                name_s.into_owned()
            } else {
                format!("{rel_dir}/{name_s}")
            };
            // metadata() follows symlinks: a link to a file is imported.
            let meta = match std::fs::metadata(&path) {
                Ok(m) => m,
                Err(e) => {
                    out.errors.push((path, io_err(&e)));
                    continue;
                }
            };
            if meta.is_dir() {
                stack.push((path, rel));
            } else if meta.is_file()
                && globs.matches(&rel)
                && !exclude.files.contains(&canon.join(&name))
            {
                out.inputs.push(Input { path, rel });
            }
        }
    }
}

fn io_err(e: &std::io::Error) -> Error {
    Error {
        kind: "io",
        message: format!("cannot read: {e}"),
    }
}

/// One output name per input for `--out-dir`: the relative path with its
/// extension replaced by `.json`. Names are given in input order, so a
/// collision (`cv.pdf` and `cv.md`, or two folders each with `cv.pdf`) always
/// resolves the same way: the first keeps `cv.json`, the next gets
/// `cv.md.json`, then `cv-2.json`, ... Compared case-insensitively, as on
/// macOS and Windows file systems.
pub fn out_names(inputs: &[Input]) -> Vec<PathBuf> {
    let mut used: HashSet<String> = HashSet::new();
    let mut names = Vec::with_capacity(inputs.len());
    for input in inputs {
        let rel = input.rel.as_str();
        let (dir, file) = match rel.rsplit_once('/') {
            Some((d, f)) => (Some(d), f),
            None => (None, rel),
        };
        let stem = match file.rsplit_once('.') {
            Some((s, _)) if !s.is_empty() => s,
            _ => file,
        };
        let mut candidates = vec![format!("{stem}.json")];
        if stem != file {
            candidates.push(format!("{file}.json"));
        }
        let mut chosen = None;
        for c in candidates {
            if used.insert(key(dir, &c)) {
                chosen = Some(c);
                break;
            }
        }
        let mut n = 2;
        while chosen.is_none() {
            let c = format!("{stem}-{n}.json");
            if used.insert(key(dir, &c)) {
                chosen = Some(c);
            }
            n += 1;
        }
        let file = chosen.unwrap_or_default();
        let mut p = PathBuf::new();
        if let Some(d) = dir {
            p.extend(d.split('/'));
        }
        p.push(file);
        names.push(p);
    }
    names
}

fn key(dir: Option<&str>, file: &str) -> String {
    match dir {
        Some(d) => format!("{d}/{file}").to_lowercase(),
        None => file.to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(rel: &str) -> Input {
        Input {
            path: PathBuf::from(rel),
            rel: rel.to_string(),
        }
    }

    #[test]
    fn shard_parse_and_partition() {
        assert_eq!(Shard::parse("1/4"), Ok(Shard { index: 1, count: 4 }));
        assert!(Shard::parse("4/4").is_err());
        assert!(Shard::parse("0/0").is_err());
        assert!(Shard::parse("x/2").is_err());
        assert!(Shard::parse("3").is_err());
        let shards: Vec<Shard> = (0..3).map(|i| Shard { index: i, count: 3 }).collect();
        let mut sizes = [0; 3];
        for k in 0..300 {
            let rel = format!("cvs/{k}.pdf");
            let hits: Vec<usize> = (0..3).filter(|&i| shards[i].contains(&rel)).collect();
            assert_eq!(hits.len(), 1, "{rel} in exactly one shard");
            sizes[hits[0]] += 1;
        }
        // A hash split is roughly even.
        assert!(sizes.iter().all(|&s| s > 60), "{sizes:?}");
    }

    #[test]
    fn globs_match_names_and_paths() {
        let g = Globs::new(&["*.pdf".into()]).unwrap();
        assert!(g.matches("a.pdf"));
        assert!(g.matches("x/y/CV.PDF"));
        assert!(!g.matches("x/a.md"));
        let g = Globs::new(&["2020/**/*.md".into(), "*.txt".into()]).unwrap();
        assert!(g.matches("2020/a/b.md"));
        assert!(g.matches("2020/b.md"));
        assert!(!g.matches("2021/b.md"));
        assert!(g.matches("2021/notes.txt"));
        assert!(Globs::new(&[]).unwrap().matches("anything"));
        assert!(Globs::new(&["a[".into()]).is_err());
    }

    #[test]
    fn out_names_resolve_collisions_in_order() {
        let names = out_names(&[
            input("a/cv.md"),
            input("a/cv.pdf"),
            input("a/CV.txt"),
            input("a/cv-2.pdf"),
            input("b/cv.pdf"),
            input("README"),
        ]);
        let names: Vec<String> = names
            .iter()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .collect();
        assert_eq!(
            names,
            [
                "a/cv.json",
                "a/cv.pdf.json",
                "a/CV.txt.json",
                "a/cv-2.json",
                "b/cv.json",
                "README.json"
            ]
        );
    }

    #[test]
    fn collect_walks_sorted_filters_and_excludes() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/deep")).unwrap();
        std::fs::create_dir_all(root.join(".git")).unwrap();
        for f in [
            "z.pdf",
            "a.md",
            "b/deep/c.PDF",
            "b/x.txt",
            ".hidden.pdf",
            ".git/h.pdf",
        ] {
            std::fs::write(root.join(f), "x").unwrap();
        }
        let out_file = root.join("out.jsonl");
        std::fs::write(&out_file, "").unwrap();
        let ex = Exclude::new(std::slice::from_ref(&out_file), &[]);
        let c = collect(&[root.to_path_buf()], &Globs::default(), &ex);
        let rels: Vec<&str> = c.inputs.iter().map(|i| i.rel.as_str()).collect();
        assert_eq!(rels, ["a.md", "b/deep/c.PDF", "b/x.txt", "z.pdf"]);
        assert!(c.errors.is_empty());

        let g = Globs::new(&["*.pdf".into()]).unwrap();
        let missing = root.join("missing.pdf");
        let explicit = root.join("b/x.txt");
        let c = collect(&[root.to_path_buf(), missing.clone(), explicit], &g, &ex);
        let rels: Vec<&str> = c.inputs.iter().map(|i| i.rel.as_str()).collect();
        // The explicit file is kept despite the glob; the same path is not listed twice.
        assert_eq!(rels, ["b/deep/c.PDF", "x.txt", "z.pdf"]);
        assert_eq!(c.errors.len(), 1);
        assert_eq!(c.errors[0].0, missing);
        assert_eq!(c.errors[0].1.kind, "io");
    }
}
