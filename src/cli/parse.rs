use std::path::PathBuf;
use vitae::profile::Format;

#[derive(clap::Args, Debug)]
#[command(after_long_help = "\
Examples:
  vitae parse cv.pdf -o profile.json
  pdftotext -layout cv.pdf - | vitae parse -             # a CV on standard input
  vitae parse cv.pdf --to jsonresume -o resume.json
  vitae parse profile.json --to rendercv -o cv.yaml      # a corrected profile, exported")]
pub struct Args {
    /// The CV: a PDF, a Markdown or text file, or `-` for standard input. A
    /// profile JSON (written by `vitae parse`, or by hand with fields left
    /// out) is read as it is, to be exported with --to.
    pub file: PathBuf,
    /// Write the output to this file instead of stdout.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// Treat the input as this format instead of sniffing it from the bytes.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Refuse inputs larger than this many mebibytes (MiB, 1,048,576 bytes).
    #[arg(long, default_value_t = 32)]
    pub max_size: u64,
    /// Output format: vitae's profile JSON, JSON Resume, or RenderCV YAML.
    #[arg(long, value_enum, default_value_t = To::Json)]
    pub to: To,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum To {
    /// The vitae/profile@1 JSON.
    Json,
    /// JSON Resume (jsonresume.org, schema v1.0.0), with extension keys for the rest.
    Jsonresume,
    /// RenderCV input YAML (`cv:` with `sections:`).
    Rendercv,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
pub enum InputFormat {
    Pdf,
    Markdown,
    Text,
}

impl From<InputFormat> for Format {
    fn from(f: InputFormat) -> Self {
        match f {
            InputFormat::Pdf => Format::Pdf,
            InputFormat::Markdown => Format::Markdown,
            InputFormat::Text => Format::Text,
        }
    }
}

pub fn options(input_format: Option<InputFormat>, max_size_mb: u64) -> vitae::Options {
    vitae::Options {
        format: input_format.map(Into::into),
        max_bytes: max_size_mb.saturating_mul(1024 * 1024),
    }
}

pub fn run(a: Args) -> i32 {
    let opts = options(a.input_format, a.max_size);
    let profile = match vitae::load_path(&a.file, &opts) {
        Ok(p) => p,
        Err(e) => {
            super::report(&a.file, &e);
            return 2;
        }
    };
    for w in &profile.diagnostics.warnings {
        if w.code != "count" {
            eprintln!(
                "vitae: {}: warning: {}",
                vitae::input_name(&a.file),
                w.message
            );
        }
    }
    if a.to == To::Jsonresume {
        if let Some(n) = vitae::export::jsonresume::extension_note(&profile) {
            eprintln!("vitae: {}: note: {n}", vitae::input_name(&a.file));
        }
    }
    let out = match a.to {
        To::Json => vitae::export::to_json(&profile),
        To::Jsonresume => vitae::export::jsonresume::to_string(&profile),
        To::Rendercv => vitae::export::rendercv::to_yaml(&profile),
    };
    write_output(a.output.as_deref(), &out)
}

/// Write to a file or stdout; returns the exit code.
pub fn write_output(path: Option<&std::path::Path>, s: &str) -> i32 {
    match path {
        Some(p) => match std::fs::write(p, s) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("vitae: {}: cannot write: {e}", p.display());
                2
            }
        },
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            // A closed pipe (`vitae parse x | head`) is not an error worth a panic.
            let _ = out.write_all(s.as_bytes());
            0
        }
    }
}
