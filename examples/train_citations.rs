//! Trains the citation model: `cargo run --release --example train_citations`.
//!
//! Reads AnyStyle's labelled references from `$VITAE_DATA/anystyle` (default
//! `../shared/data`), holds out every tenth sequence of gold.xml, adds a
//! CV-style re-setting of each labelled reference (a citation key, the owner
//! starred, year first or last, title first, trailing awards and link
//! labels), writes every token's features (computed by
//! `vitae::parse::citation::features`, the tagger's own) as crfsuite lines to
//! `target/citation-train.txt`, then trains with python-crfsuite in the venv
//! `target/citation-venv` (`scripts/train_citations.py`), which writes
//! `src/parse/citation/model.crfsuite`, and prints the held-out figures.
//!
//! Options: `--features-only` (write the features, train nothing),
//! `--eval MODEL` (only print a model file's held-out figures),
//! `--c1 X`, `--c2 X`, `--iterations N` (passed to the trainer).

use std::io::Write;
use std::path::Path;
use std::process::Command;

use vitae::parse::citation::{self, anystyle};

/// A small deterministic generator (xorshift), so that training reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const NOTES: &[&str] = &[
    "Best Paper Award",
    "Best Paper Award.",
    "Acceptance rate: 18%",
    "(Acceptance rate: 21.5%)",
    "Acceptance rate 24/180 = 13%.",
    "(Oral)",
    "Oral presentation.",
    "Spotlight.",
    "To appear.",
    "(to appear)",
    "Under review.",
    "Invited paper.",
    "Best Student Paper Award Nominee.",
    "Honorable Mention.",
    "[Best Paper Finalist]",
    "Selected for oral presentation (top 5%).",
    "* equal contribution",
];

const LINKS: &[&str] = &[
    "[PDF]",
    "[PDF] [Code]",
    "PDF Code Slides",
    "[Slides] [Video]",
    "PDF | Code | Slides",
    "[paper] [code]",
    "(PDF)",
    "[BibTeX]",
    "Link",
];

fn trim_punct(s: &str) -> &str {
    s.trim().trim_end_matches([',', '.', ';', ':']).trim()
}

/// The year of a date field, or the field without its brackets.
fn year_of(date: &str) -> String {
    let d: Vec<char> = date.chars().collect();
    for i in 0..d.len().saturating_sub(3) {
        let y: String = d[i..i + 4].iter().collect();
        if (y.starts_with("19") || y.starts_with("20")) && y.chars().all(|c| c.is_ascii_digit()) {
            return y;
        }
    }
    trim_punct(date.trim_matches(['(', ')', '[', ']'])).to_string()
}

/// A CV-style re-setting of a labelled reference, labels kept exact; `None`
/// when it has no author or no title.
fn cv_variant(seq: &anystyle::Sequence, rng: &mut Rng) -> Option<anystyle::Sequence> {
    let field = |l: &str| {
        seq.iter()
            .find(|(k, _)| *k == l)
            .map(|(_, t)| t.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let author = field("author")?;
    let title = field("title")?;
    let container = field("container");
    let date = field("date");
    let volume = field("volume");
    let pages = field("pages");
    let publisher = field("publisher");
    let mut author = trim_punct(&author).to_string();
    let title = trim_punct(title.trim_matches(['"', '“', '”'])).to_string();
    if author.is_empty() || title.is_empty() {
        return None;
    }
    // The owner starred or with a dagger, after one of the names.
    if rng.chance(35) {
        let mark = rng.pick(&["*", "†", "‡", "*"]);
        let commas: Vec<usize> = author.match_indices(',').map(|(i, _)| i).collect();
        if !commas.is_empty() && rng.chance(60) {
            let at = commas[rng.below(commas.len())];
            author.insert_str(at, mark);
        } else {
            author.push_str(mark);
        }
    }
    let year = date.as_deref().map(year_of);
    let container = container.map(|c| trim_punct(&c).to_string());
    let mut out: anystyle::Sequence = Vec::new();
    let push = |out: &mut anystyle::Sequence, l: &'static str, t: String| {
        if !t.trim().is_empty() {
            out.push((l, t));
        }
    };
    if rng.chance(50) {
        let key = match rng.below(6) {
            0 => format!("[C{}]", 1 + rng.below(40)),
            1 => format!("J{}.", 1 + rng.below(30)),
            2 => format!("{}.", 1 + rng.below(80)),
            3 => format!("[{}]", 1 + rng.below(80)),
            4 => format!("[J{}]", 1 + rng.below(30)),
            _ => format!("({})", 1 + rng.below(40)),
        };
        push(&mut out, "key", key);
    }
    let vol_pages = |out: &mut anystyle::Sequence, sep: &str| {
        if let Some(v) = &volume {
            out.push(("volume", format!("{}{sep}", trim_punct(v))));
        }
        if let Some(p) = &pages {
            out.push(("pages", format!("{}{sep}", trim_punct(p))));
        }
    };
    let venue = container
        .clone()
        .or_else(|| publisher.clone().map(|p| trim_punct(&p).to_string()));
    let venue_label = if container.is_some() {
        "container"
    } else {
        "publisher"
    };
    match rng.below(8) {
        // Computer science: Authors. Title. In Venue, 2019.
        0 => {
            push(&mut out, "author", format!("{author}."));
            push(&mut out, "title", format!("{title}."));
            if let Some(v) = &venue {
                let v = if venue_label == "container" && !v.starts_with("In ") && rng.chance(60) {
                    format!("In {v}")
                } else {
                    v.clone()
                };
                push(&mut out, venue_label, format!("{v},"));
            }
            if let Some(y) = &year {
                push(&mut out, "date", format!("{y}."));
            }
        }
        // IEEE: Authors, "Title," Venue, vol. 3, pp. 1-9, 2019.
        1 => {
            push(&mut out, "author", format!("{author},"));
            push(&mut out, "title", format!("“{title},”"));
            if let Some(v) = &venue {
                push(&mut out, venue_label, format!("{v},"));
            }
            vol_pages(&mut out, ",");
            if let Some(y) = &year {
                push(&mut out, "date", format!("{y}."));
            }
        }
        // APA: Authors (2019). Title. Venue, 3, 1-9.
        2 => {
            push(&mut out, "author", author.clone());
            if let Some(y) = &year {
                push(&mut out, "date", format!("({y})."));
            }
            push(&mut out, "title", format!("{title}."));
            if let Some(v) = &venue {
                push(&mut out, venue_label, format!("{v},"));
            }
            vol_pages(&mut out, ",");
        }
        // Chicago: Authors. 2018. "Title." Journal 97: 211-30.
        3 => {
            push(&mut out, "author", format!("{author}."));
            if let Some(y) = &year {
                push(&mut out, "date", format!("{y}."));
            }
            push(&mut out, "title", format!("\"{title}.\""));
            if let Some(v) = &venue {
                push(&mut out, venue_label, v.clone());
            }
            vol_pages(&mut out, ":");
        }
        // Vancouver: Authors (2015) Title. Journal 52: 1-9
        4 => {
            push(&mut out, "author", author.clone());
            if let Some(y) = &year {
                push(&mut out, "date", format!("({y})"));
            }
            push(&mut out, "title", format!("{title}."));
            if let Some(v) = &venue {
                push(&mut out, venue_label, v.clone());
            }
            vol_pages(&mut out, "");
        }
        // Title first: Title. Authors. Venue, 2019.
        5 => {
            push(&mut out, "title", format!("{title}."));
            push(&mut out, "author", format!("{author}."));
            if let Some(v) = &venue {
                push(&mut out, venue_label, format!("{v},"));
            }
            if let Some(y) = &year {
                push(&mut out, "date", format!("{y}."));
            }
        }
        // Economics: Title (with Authors), Journal, 2019.
        6 => {
            push(&mut out, "title", title.clone());
            push(&mut out, "author", format!("(with {author}),"));
            if let Some(v) = &venue {
                push(&mut out, venue_label, format!("{v},"));
            }
            if let Some(y) = &year {
                push(&mut out, "date", format!("{y}."));
            }
        }
        // Year first: 2019. Authors. Title. Venue.
        _ => {
            if let Some(y) = &year {
                push(&mut out, "date", format!("{y}."));
            }
            push(&mut out, "author", format!("{author}."));
            push(&mut out, "title", format!("{title}."));
            if let Some(v) = &venue {
                push(&mut out, venue_label, format!("{v}."));
            }
        }
    }
    if rng.chance(35) {
        push(&mut out, "note", rng.pick(NOTES).to_string());
    }
    if rng.chance(25) {
        push(&mut out, "other", rng.pick(LINKS).to_string());
    }
    Some(out)
}

fn write_features(w: &mut impl Write, seq: &anystyle::Sequence) -> std::io::Result<()> {
    let (toks, labels) = anystyle::tokens_and_labels(seq);
    if toks.is_empty() {
        return Ok(());
    }
    for (f, l) in citation::features(&toks).iter().zip(labels) {
        write!(w, "{l}")?;
        for x in f {
            write!(w, "\t{x}")?;
        }
        writeln!(w)?;
    }
    writeln!(w)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let opt = |name: &str| {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let data = anystyle::data_dir();
    if let Some(m) = opt("--eval") {
        return report(&std::fs::read(m)?, &data);
    }
    let mut train: Vec<anystyle::Sequence> = Vec::new();
    for f in anystyle::FILES {
        let path = data.join("anystyle").join(f);
        let xml = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let seqs = anystyle::parse_xml(&xml);
        let n = seqs.len();
        let kept: Vec<_> = seqs
            .into_iter()
            .enumerate()
            .filter(|(i, _)| *f != "gold.xml" || !anystyle::held_out(*i))
            .map(|(_, s)| s)
            .collect();
        eprintln!("{f}: {n} sequences, {} for training", kept.len());
        train.extend(kept);
    }
    let mut rng = Rng(0x5eed_c17a_7105);
    let variants: Vec<_> = train
        .iter()
        .filter_map(|s| cv_variant(s, &mut rng))
        .collect();
    eprintln!("{} CV-style variants", variants.len());
    let features = root.join("target/citation-train.txt");
    std::fs::create_dir_all(root.join("target"))?;
    let mut w = std::io::BufWriter::new(std::fs::File::create(&features)?);
    for s in train.iter().chain(variants.iter()) {
        write_features(&mut w, s)?;
    }
    w.flush()?;
    drop(w);
    eprintln!("features: {}", features.display());
    if args.iter().any(|a| a == "--features-only") {
        return Ok(());
    }
    let venv = root.join("target/citation-venv");
    let python = venv.join("bin/python");
    if !python.exists() {
        let ok = Command::new("python3.11")
            .args(["-m", "venv"])
            .arg(&venv)
            .status()
            .or_else(|_| {
                Command::new("python3")
                    .args(["-m", "venv"])
                    .arg(&venv)
                    .status()
            })?
            .success();
        if !ok {
            return Err("could not create the venv".into());
        }
    }
    let ok = Command::new(&python)
        .args(["-m", "pip", "install", "--quiet", "python-crfsuite==0.9.12"])
        .status()?
        .success();
    if !ok {
        return Err("pip install python-crfsuite failed".into());
    }
    let model = root.join("src/parse/citation/model.crfsuite");
    let mut cmd = Command::new(&python);
    cmd.arg(root.join("scripts/train_citations.py"))
        .arg(&features)
        .arg(&model);
    for o in ["--c1", "--c2", "--iterations"] {
        if let Some(v) = opt(o) {
            cmd.args([o, &v]);
        }
    }
    if !cmd.status()?.success() {
        return Err("training failed".into());
    }
    report(&std::fs::read(&model)?, &data)
}

/// The held-out figures of a model file.
fn report(bytes: &[u8], data: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let held = anystyle::held_out_sequences(data)?;
    let s = anystyle::evaluate(bytes, &held)?;
    println!(
        "model {} bytes; held out: {} sequences, {} tokens, token accuracy {:.4}",
        bytes.len(),
        held.len(),
        s.tokens,
        s.accuracy
    );
    println!("  label      token F1  field F1");
    for (l, f) in &s.f1 {
        let ff = s.field_f1.get(l).copied().unwrap_or(0.0);
        println!("  {l:<10} {f:.4}    {ff:.4}");
    }
    Ok(())
}
