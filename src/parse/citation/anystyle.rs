//! AnyStyle's labelled references (`<dataset><sequence><author>..</author>..`),
//! read for training and for measuring the model; the held-out split.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One labelled reference: its parts in order, each a label and its text.
pub type Sequence = Vec<(&'static str, String)>;

/// The model's label for an AnyStyle tag.
pub fn label_of(tag: &str) -> &'static str {
    match tag {
        "author" => "author",
        "title" => "title",
        "container-title" | "journal" | "collection-title" => "container",
        "date" => "date",
        "volume" => "volume",
        "issue" | "collection-number" => "issue",
        "pages" => "pages",
        "publisher" => "publisher",
        "location" => "location",
        "editor" | "translator" | "director" | "producer" => "editor",
        "doi" => "doi",
        "url" => "url",
        "note" | "genre" => "note",
        "citation-number" => "key",
        _ => "other",
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The sequences of one AnyStyle XML file.
pub fn parse_xml(xml: &str) -> Vec<Sequence> {
    crate::parse::util::re!(seq_re, r"(?s)<sequence>(.*?)</sequence>");
    crate::parse::util::re!(part_re, r"(?s)<([a-z-]+)>([^<]*)</[a-z-]+>");
    seq_re()
        .captures_iter(xml)
        .map(|c| {
            part_re()
                .captures_iter(&c[1])
                .map(|p| (label_of(&p[1]), unescape(&p[2])))
                .filter(|(_, t)| !t.trim().is_empty())
                .collect::<Sequence>()
        })
        .filter(|s| !s.is_empty())
        .collect()
}

/// The data folder: `$VITAE_DATA`, else `../shared/data` beside the crate.
pub fn data_dir() -> PathBuf {
    match std::env::var_os("VITAE_DATA") {
        Some(d) => PathBuf::from(d),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data"),
    }
}

/// The files training reads (gold.xml's held-out tenth excepted).
pub const FILES: &[&str] = &["gold.xml", "core.xml", "good.xml", "ugly.xml", "bad.xml"];

/// Whether a sequence of gold.xml (by its index) is held out: every tenth.
pub fn held_out(index: usize) -> bool {
    index % 10 == 9
}

/// The tokens and labels of a sequence.
pub fn tokens_and_labels(seq: &Sequence) -> (Vec<&str>, Vec<&'static str>) {
    let mut toks = Vec::new();
    let mut labels = Vec::new();
    for (label, text) in seq {
        for t in text.split_whitespace() {
            toks.push(t);
            labels.push(*label);
        }
    }
    (toks, labels)
}

/// Token accuracy and per-label token F1 of a tagger over sequences.
#[derive(Debug, Default)]
pub struct Scores {
    pub tokens: usize,
    pub accuracy: f64,
    pub f1: BTreeMap<&'static str, f64>,
    /// Per-label F1 of whole fields: a field (a run of one label) counts
    /// when its label and its first and last tokens are right.
    pub field_f1: BTreeMap<&'static str, f64>,
}

/// The runs of one label in a label sequence: (label, first, last+1).
fn runs<'a>(labels: &[&'a str]) -> Vec<(&'a str, usize, usize)> {
    let mut out: Vec<(&str, usize, usize)> = Vec::new();
    for (i, l) in labels.iter().enumerate() {
        match out.last_mut() {
            Some(r) if r.0 == *l => r.2 = i + 1,
            _ => out.push((l, i, i + 1)),
        }
    }
    out
}

fn f1_of(counts: BTreeMap<&'static str, (usize, usize, usize)>) -> BTreeMap<&'static str, f64> {
    counts
        .into_iter()
        .map(|(l, (tp, pred, gold))| {
            let p = if pred == 0 {
                0.0
            } else {
                tp as f64 / pred as f64
            };
            let r = if gold == 0 {
                0.0
            } else {
                tp as f64 / gold as f64
            };
            let f = if p + r == 0.0 {
                0.0
            } else {
                2.0 * p * r / (p + r)
            };
            (l, f)
        })
        .collect()
}

/// Scores the model (its bytes) on the sequences.
pub fn evaluate(model: &[u8], seqs: &[Sequence]) -> std::io::Result<Scores> {
    let model = crfs::Model::new(model)?;
    let tagger = model.tagger()?;
    let mut right = 0usize;
    let mut total = 0usize;
    // label -> (true positives, predicted, gold)
    let mut counts: BTreeMap<&'static str, (usize, usize, usize)> = BTreeMap::new();
    let mut fields: BTreeMap<&'static str, (usize, usize, usize)> = BTreeMap::new();
    for seq in seqs {
        let (toks, gold) = tokens_and_labels(seq);
        let got: Vec<&'static str> = super::tag_with(&tagger, &toks)
            .into_iter()
            .map(|p| {
                super::LABELS
                    .iter()
                    .find(|l| **l == p)
                    .copied()
                    .unwrap_or("other")
            })
            .collect();
        let gold_runs = runs(&gold);
        let got_runs = runs(&got);
        for r in &gold_runs {
            let e = fields.entry(r.0).or_default();
            e.2 += 1;
            if got_runs.contains(r) {
                e.0 += 1;
            }
        }
        for r in &got_runs {
            fields.entry(r.0).or_default().1 += 1;
        }
        for (g, p) in gold.iter().zip(got.iter()) {
            total += 1;
            let e = counts.entry(g).or_default();
            e.2 += 1;
            if g == p {
                right += 1;
                e.0 += 1;
            }
            counts.entry(p).or_default().1 += 1;
        }
    }
    Ok(Scores {
        tokens: total,
        accuracy: if total == 0 {
            0.0
        } else {
            right as f64 / total as f64
        },
        f1: f1_of(counts),
        field_f1: f1_of(fields),
    })
}

/// The held-out sequences of gold.xml in a data folder.
pub fn held_out_sequences(dir: &Path) -> std::io::Result<Vec<Sequence>> {
    let xml = std::fs::read_to_string(dir.join("anystyle/gold.xml"))?;
    Ok(parse_xml(&xml)
        .into_iter()
        .enumerate()
        .filter(|(i, _)| held_out(*i))
        .map(|(_, s)| s)
        .collect())
}
