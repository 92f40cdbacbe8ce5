use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A CV in any input form, or a profile JSON.
    pub file: PathBuf,
}

pub fn run(_a: Args) -> i32 {
    eprintln!("vitae: homepage is not available yet");
    2
}
