//! The `khobor` command line.

use std::path::PathBuf;

use clap::Parser;

/// A terminal reader for Bengali news.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Cli {
    /// Article files or directories (default: the bundled seeds).
    paths: Vec<PathBuf>,
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let extractor = khobor::extract::Extractor::new();
    let (corpus, report) = khobor::corpus::Corpus::load(&cli.paths, &extractor)?;
    for p in &report.problems {
        eprintln!("khobor: {p}");
    }
    for a in &corpus.articles {
        println!("{}\t{}", a.path, a.title);
    }
    Ok(())
}
