use super::parse::{options, InputFormat};
use std::path::PathBuf;
use vitae::export::homepage::{self, Style};

#[derive(clap::Args, Debug)]
#[command(after_long_help = "\
Examples:
  vitae homepage cv.pdf -o site/                          # about.md for a Jekyll site
  vitae homepage cv.pdf --style academicpages -o my-academicpages-fork/
  vitae homepage profile.json --style html -o public/    # from a corrected profile
  vitae homepage cv.pdf -o site/ --templates my-templates/")]
pub struct Args {
    /// A CV in any input form (PDF, Markdown, text), `-` for standard input, or a
    /// profile JSON (written by `vitae parse`, or by hand: missing fields are empty).
    pub file: PathBuf,
    /// The folder to write the homepage into (created when missing; files of the same name are replaced).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// jekyll: about.md like a Jekyll homepage; academicpages: _pages/about.md, _pages/cv.md,
    /// _publications/*.md, _talks/*.md, _teaching/*.md, _data/cv.json (JSON Resume) and
    /// _config.vitae.yml (the author block, to merge into _config.yml) for the academicpages
    /// theme; html: one self-contained index.html.
    #[arg(long, value_enum, default_value_t = StyleArg::Jekyll)]
    pub style: StyleArg,
    /// A folder of templates replacing the built-in ones of the same file name
    /// (sections.md.jinja, jekyll-about.md.jinja, academicpages-about.md.jinja,
    /// academicpages-cv.md.jinja, academicpages-publication.md.jinja,
    /// academicpages-item.md.jinja (talks and teaching), index.html.jinja).
    #[arg(long, value_name = "DIR")]
    pub templates: Option<PathBuf>,
    /// Treat a CV input as this format instead of sniffing it from the bytes.
    #[arg(long, value_enum)]
    pub input_format: Option<InputFormat>,
    /// Refuse inputs larger than this many mebibytes (MiB, 1,048,576 bytes).
    #[arg(long, default_value_t = 32)]
    pub max_size: u64,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StyleArg {
    Jekyll,
    Academicpages,
    Html,
}

impl From<StyleArg> for Style {
    fn from(s: StyleArg) -> Self {
        match s {
            StyleArg::Jekyll => Style::Jekyll,
            StyleArg::Academicpages => Style::Academicpages,
            StyleArg::Html => Style::Html,
        }
    }
}

pub fn run(a: Args) -> i32 {
    if let Some(t) = &a.templates {
        if !t.is_dir() {
            eprintln!("vitae: {}: not a folder of templates", t.display());
            return 2;
        }
    }
    let opts = options(a.input_format, a.max_size);
    let profile = match vitae::load_path(&a.file, &opts) {
        Ok(p) => p,
        Err(e) => {
            super::report(&a.file, &e);
            return 2;
        }
    };
    let rendered = match homepage::render(&profile, a.style.into(), a.templates.as_deref()) {
        Ok(r) => r,
        Err(e) => {
            let at = a.templates.as_deref().unwrap_or(&a.file);
            super::report(at, &e);
            return 2;
        }
    };
    for name in &rendered.overridden {
        eprintln!(
            "vitae: using template {name} from {}",
            a.templates.as_deref().unwrap_or(&a.output).display()
        );
    }
    for f in &rendered.files {
        let path = a.output.join(&f.path);
        if let Some(dir) = path.parent() {
            if let Err(e) = std::fs::create_dir_all(dir) {
                eprintln!("vitae: {}: cannot create: {e}", dir.display());
                return 2;
            }
        }
        if let Err(e) = std::fs::write(&path, &f.content) {
            eprintln!("vitae: {}: cannot write: {e}", path.display());
            return 2;
        }
        println!("{}", path.display());
    }
    for n in &rendered.notes {
        eprintln!("vitae: {n}");
    }
    0
}
