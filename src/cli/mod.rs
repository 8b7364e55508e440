//! Command-line interface: argument definitions here, one module per subcommand.

pub mod search;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

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
    /// Print the articles matching QUERY as JSON Lines (path, title, score, title_ranges), best
    /// first, with the same engine as the reader's filter.
    ///
    /// QUERY: words (Bengali or Latin), "quoted phrases", source:NAME, person:NAME, place:NAME,
    /// org:NAME, date:2025-07 or date:2025-01..2025-06; !CLAUSE excludes.
    Search {
        query: String,
        /// Article files or directories (default: the bundled seeds).
        paths: Vec<PathBuf>,
        /// Print at most this many articles.
        #[arg(short = 'n', long)]
        limit: Option<usize>,
    },
}

/// Runs the parsed command line; the exit code is the caller's business.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Some(Command::List { paths }) | Some(Command::Extract { paths }) => list_titles(&paths),
        Some(Command::Search {
            query,
            paths,
            limit,
        }) => search::run(&query, &paths, limit),
        None => list_titles(&cli.paths),
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
