//! Print what PDF extraction made of a file, line by line: kind, page,
//! geometry, and spans with their style (`*bold*`, `_italic_`, `<link>`,
//! `{icon}`), cells separated by ` | `. A tool for looking at layouts.
//!
//! cargo run --example pdf_dump -- FILE.pdf

use vitae::extract::{extract, LineKind};
use vitae::profile::Format;

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: pdf_dump FILE.pdf");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let doc = match extract(&bytes, Format::Pdf) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("{path}: {} ({})", e.message, e.kind);
            std::process::exit(2);
        }
    };
    println!("title: {:?} pages: {:?}", doc.title, doc.pages);
    println!("removed: {:?}", doc.removed);
    for w in &doc.warnings {
        println!("warning: {w}");
    }
    for l in &doc.lines {
        let kind = match l.kind {
            LineKind::Heading(n) => format!("H{n}"),
            LineKind::Item => format!("I{}", l.depth),
            LineKind::Continuation => "C".into(),
            LineKind::Text => "T".into(),
            LineKind::Blank => {
                println!();
                continue;
            }
            LineKind::Rule => "R".into(),
            LineKind::TableRow => "TR".into(),
        };
        let mut s = String::new();
        for sp in &l.spans {
            if sp.text == "\t" {
                s.push_str(" | ");
                continue;
            }
            let mut t = sp.text.clone();
            if sp.bold {
                t = format!("*{t}*");
            }
            if sp.italic {
                t = format!("_{t}_");
            }
            if let Some(i) = sp.icon {
                t = format!("{{{i:?}}}{t}");
            }
            if let Some(u) = &sp.link {
                t = format!("{t}<{u}>");
            }
            s.push_str(&t);
        }
        let g = l.geom.unwrap_or_default();
        println!(
            "{:>3} p{} x{:>5.1} y{:>5.1} s{:>4.1} {}",
            kind,
            l.page.unwrap_or(0),
            g.x0,
            g.y,
            g.size,
            s
        );
    }
}
