use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files and folders to import (folders are walked recursively).
    pub paths: Vec<PathBuf>,
}

pub fn run(_a: Args) -> i32 {
    eprintln!("vitae: import is not available yet");
    2
}
