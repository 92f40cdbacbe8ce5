use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folder of sample CVs.
    #[arg(long, default_value = "samples")]
    pub samples: PathBuf,
    /// Folder of golden profiles (`<sample file name>.json`).
    #[arg(long, default_value = "golden")]
    pub golden: PathBuf,
    /// Rewrite the goldens from the current output instead of comparing.
    #[arg(long)]
    pub bless: bool,
}

pub fn run(a: Args) -> i32 {
    match vitae::golden::check(&a.samples, &a.golden, a.bless) {
        Ok(report) => {
            print!("{}", report.text);
            if report.failed > 0 {
                1
            } else {
                0
            }
        }
        Err(e) => {
            eprintln!("vitae: {e}");
            2
        }
    }
}
