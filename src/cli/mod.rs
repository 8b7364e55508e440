//! Command-line interface: argument definitions here, one module per subcommand.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::ui::text::WidthPolicy;

mod tui;

/// A terminal reader for Bengali news.
#[derive(Parser, Debug)]
#[command(
    name = "khobor",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// Article files or directories to read (default: the bundled seeds).
    pub paths: Vec<PathBuf>,
    /// How to measure text: `terminal` is glibc wcwidth (tmux, VTE, xterm); `unicode` is
    /// unicode-width; `grapheme` is one cell per cluster (terminals with DEC mode 2027).
    #[arg(long, value_enum, default_value_t = WidthPolicy::Terminal)]
    pub width: WidthPolicy,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Print a table of articles: date, source, title.
    List {
        /// Article files or directories (default: the bundled seeds).
        paths: Vec<PathBuf>,
    },
    /// Print one JSON object per article (JSON Lines).
    Extract {
        /// Article files or directories (default: the bundled seeds).
        paths: Vec<PathBuf>,
    },
}

/// Runs the parsed command line; the exit code is the caller's business.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::List { paths }) | Some(Command::Extract { paths }) => list_titles(&paths),
        None => tui::run(&cli.paths, cli.width),
    }
}

fn list_titles(paths: &[PathBuf]) -> anyhow::Result<()> {
    let extractor = crate::extract::Extractor::new();
    let (corpus, report) = crate::corpus::Corpus::load(paths, &extractor)?;
    for p in &report.problems {
        eprintln!("khobor: {p}");
    }
    for a in &corpus.articles {
        println!("{}\t{}", a.path, a.title);
    }
    Ok(())
}
