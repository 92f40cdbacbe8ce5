//! The command-line interface: one file a subcommand.

pub mod check;
pub mod homepage;
pub mod import;
pub mod parse;
pub mod text;

use clap::{CommandFactory, Parser, Subcommand};

/// vitae turns CVs (PDF, Markdown conversions of PDFs, academic homepages in
/// Markdown) into a normalized, structured profile JSON (vitae/profile@1).
///
/// Exit codes: 0 success, 1 check found differences, 2 an input could not be read.
#[derive(Parser, Debug)]
#[command(name = "vitae", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Parse one CV and print its profile (JSON by default).
    Parse(parse::Args),
    /// Print the cleaned, segmented text vitae read, with section markers.
    Text(text::Args),
    /// Re-parse every sample and compare with its golden profile.
    Check(check::Args),
    /// Import many CVs at once into JSON Lines (or one JSON file per input).
    Import(import::Args),
    /// Turn a CV (or a profile JSON) into a homepage: Jekyll, academicpages or HTML.
    Homepage(homepage::Args),
    /// Print the JSON Schema of the profile.
    Schema,
    /// Print a shell completion script (e.g. `vitae completions bash > /etc/bash_completion.d/vitae`).
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), e.g. `vitae man > vitae.1; man ./vitae.1`.
    Man,
}

/// Run the CLI; returns the process exit code.
pub fn run(cli: Cli) -> i32 {
    // A one-document command spends as much CPU compiling patterns as reading
    // a PDF: compile them on the other core meanwhile. (Import runs its own
    // workers; schema needs none.)
    if matches!(
        cli.command,
        Command::Parse(_) | Command::Text(_) | Command::Check(_) | Command::Homepage(_)
    ) {
        vitae::patterns::warm_in_background();
    }
    match cli.command {
        Command::Parse(a) => parse::run(a),
        Command::Text(a) => text::run(a),
        Command::Check(a) => check::run(a),
        Command::Import(a) => import::run(a),
        Command::Homepage(a) => homepage::run(a),
        Command::Schema => {
            print!("{}", vitae::export::schema_json());
            0
        }
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "vitae", &mut buf);
            parse::write_output(None, &String::from_utf8_lossy(&buf))
        }
        Command::Man => {
            let mut buf = Vec::new();
            if let Err(e) = clap_mangen::Man::new(Cli::command()).render(&mut buf) {
                eprintln!("vitae: man: {e}");
                return 2;
            }
            parse::write_output(None, &String::from_utf8_lossy(&buf))
        }
    }
}

/// Print an error naming the file, the way every subcommand reports one.
pub fn report(path: &std::path::Path, e: &vitae::Error) {
    eprintln!("vitae: {}: {}", vitae::input_name(path), e.message);
}
