use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The CV: a PDF, a Markdown or text file, or `-` for standard input.
    pub file: PathBuf,
    /// Treat the input as this format instead of sniffing it from the bytes.
    #[arg(long, value_enum)]
    pub input_format: Option<super::parse::InputFormat>,
    /// Refuse inputs larger than this many mebibytes (MiB, 1,048,576 bytes).
    #[arg(long, default_value_t = 32)]
    pub max_size: u64,
}

/// Print the cleaned text with `== kind: title ==` markers where sections start.
pub fn run(a: Args) -> i32 {
    let opts = super::parse::options(a.input_format, a.max_size);
    let bytes = match vitae::read_input(&a.file, opts.max_bytes) {
        Ok(b) => b,
        Err(e) => {
            super::report(&a.file, &e);
            return 2;
        }
    };
    let parsed = match vitae::run(&vitae::source_name(&a.file), &bytes, &opts) {
        Ok(p) => p,
        Err(e) => {
            super::report(&a.file, &e);
            return 2;
        }
    };
    let mut out = String::new();
    let mut starts = parsed.segmented.sections.iter().peekable();
    for (i, line) in parsed.cleaned.lines.iter().enumerate() {
        let no = i + 1;
        if let Some(s) = starts.peek() {
            if s.line == no {
                out.push_str(&format!("== {}: {} ==\n", s.kind.as_str(), s.title));
                // A title in a left label cell shares its line with the section's first content.
                for (_, l) in s.lines.iter().take_while(|(n, _)| *n == no) {
                    out.push_str(&l.text());
                    out.push('\n');
                }
                starts.next();
                continue;
            }
        }
        out.push_str(&line.text());
        out.push('\n');
    }
    super::parse::write_output(None, &out)
}
