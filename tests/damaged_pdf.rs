//! PDFs with a damaged cross-reference (garbage after `%%EOF`, no `%%EOF`, a
//! `startxref` a few bytes off) read as pdftotext reads them: the object
//! table is rebuilt by scanning the file. The files are read in place from
//! the fuzz reproducers and the corpus beside the crate, never copied; a
//! missing folder skips with a note.

mod common;

use std::path::{Path, PathBuf};

fn reproducers() -> Option<PathBuf> {
    let dir = common::crate_dir().join("../shared/fuzz/reproducers");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: no fuzz reproducers at {}", dir.display());
        None
    }
}

/// The file's text through the library, failing with its error.
fn text(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = vitae::extract::pdf::extract(&bytes)
        .unwrap_or_else(|e| panic!("{}: {}", path.display(), e.message));
    assert!(
        doc.warnings.iter().any(|w| w.contains("cross-reference")),
        "{}: read without a rebuild: {:?}",
        path.display(),
        doc.warnings
    );
    doc.lines.iter().map(|l| l.text() + "\n").collect()
}

#[test]
fn trailing_garbage_and_a_missing_eof_marker_parse() {
    let Some(dir) = reproducers() else { return };
    for name in ["trailing_garbage.pdf", "no_eof_marker.pdf"] {
        let t = text(&dir.join(name));
        let words = t.split_whitespace().count();
        assert!(words > 0, "{name}: no text");
    }
}

#[test]
fn a_startxref_off_by_some_bytes_parses() {
    let Some(corpus) = common::corpus_dir() else {
        eprintln!("skipped: no corpus");
        return;
    };
    let dir = corpus.join("wild");
    let Some(path) = std::fs::read_dir(&dir).ok().and_then(|d| {
        d.filter_map(Result::ok).map(|e| e.path()).find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("047-"))
        })
    }) else {
        eprintln!("skipped: no wild/047-*.pdf in {}", dir.display());
        return;
    };
    let t = text(&path);
    // pdftotext finds some 400 words in it.
    let words = t.split_whitespace().count();
    assert!(words > 300, "{}: {words} words", path.display());
}
