//! Command-line interface: argument definitions here, one module per subcommand.

mod entities;
mod extract;
mod list;
mod search;
mod tui;

use std::io::Write;
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::corpus::{Corpus, LoadReport};
use crate::ui::text::WidthPolicy;

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
    /// Print the corpus-wide entity table: kind, name, English name, article count.
    Entities {
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
        Some(Command::List { paths }) => list::run(&paths),
        Some(Command::Extract { paths }) => extract::run(&paths),
        Some(Command::Entities { paths }) => entities::run(&paths),
        Some(Command::Search {
            query,
            paths,
            limit,
        }) => search::run(&query, &paths, limit),
        None => tui::run(&cli.paths, cli.width),
    }
}

/// Loads `paths` (or the bundled seeds) and reports every file problem on stderr.
fn load(paths: &[PathBuf]) -> anyhow::Result<Corpus> {
    let extractor = crate::extract::Extractor::new();
    let (corpus, report): (Corpus, LoadReport) = Corpus::load(paths, &extractor)?;
    let mut err = std::io::stderr().lock();
    for p in &report.problems {
        // stderr gone: nothing left to tell anyone.
        let _ = writeln!(err, "khobor: {p}");
    }
    Ok(corpus)
}

/// Runs `write` against buffered stdout; a closed pipe (`khobor extract | head`) ends output
/// quietly instead of failing.
fn with_stdout(write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) -> anyhow::Result<()> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match write(&mut out).and_then(|()| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
