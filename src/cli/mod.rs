//! Command-line interface: argument definitions here, one module per subcommand.

mod entities;
mod export;
mod extract;
mod feed;
mod fetch;
mod list;
mod search;
mod tui;

use std::io::Write;
use std::path::PathBuf;
use std::sync::OnceLock;

use clap::{CommandFactory, Parser, Subcommand};

use crate::article::Article;
use crate::config::Config;
use crate::corpus::{Corpus, LoadReport};
use crate::ingest::formats::ColumnMap;
use crate::load::LoadOptions;
use crate::sort::SortMode;
use crate::text::escape::for_terminal;
use crate::text::width::WidthPolicy;

/// A terminal reader for Bengali news.
/// `--width`'s names, listed in `--help` as clap lists an enum's.
fn width_parser() -> impl clap::builder::TypedValueParser<Value = WidthPolicy> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(WidthPolicy::NAMES.map(|(name, _)| name))
        .try_map(|name| name.parse::<WidthPolicy>())
}

/// The command line: the reader by default, or a subcommand. (`about` comes from Cargo.toml
/// and `long_about` is off, so this comment stays out of `--help`.)
#[derive(Parser, Debug)]
// Global options (`--no-cache`, `--config`) may come before the subcommand: `khobor --no-cache
// list DIR`. A first word naming a subcommand is the subcommand; a file named `list` is `./list`.
#[command(name = "khobor", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub(crate) command: Option<Command>,
    /// Article files (text, CSV/TSV, JSON, JSON Lines, RSS/Atom/JSON feeds, saved web pages) or
    /// directories to read (default: the config's `paths`, else the bundled seeds).
    pub(crate) paths: Vec<PathBuf>,
    /// How to measure text: `terminal` is glibc wcwidth (tmux, VTE, xterm); `unicode` is
    /// unicode-width; `grapheme` is one cell per cluster (terminals with DEC mode 2027).
    /// Default: the config file's `width`, else `terminal`.
    #[arg(long, value_parser = width_parser())]
    pub(crate) width: Option<WidthPolicy>,
    /// Read the configuration from FILE instead of $XDG_CONFIG_HOME/khobor/config.toml.
    #[arg(long, global = true, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Print the configuration in effect, as TOML, and exit.
    #[arg(long)]
    pub(crate) print_config: bool,
    /// Neither read nor write the caches of parsed files and extracted entities (by default in
    /// `$KHOBOR_CACHE_DIR`, else the XDG cache directory; used for corpora of 256 files or more).
    #[arg(long, global = true)]
    pub(crate) no_cache: bool,
    /// Which dataset columns hold which fields, for CSV, TSV, JSON and JSON Lines files whose
    /// column names are not the usual ones: `title=Headline,body=Text`. Fields: title, body,
    /// date, url, publisher, author, category, summary. Default: the config's `[columns]`,
    /// then the usual names (title/headline, body/article/content/text, date/published/
    /// date_time/publication_date, url/link, publisher/paper_name/source/outlet,
    /// author/writer, category/section, summary/sub_title).
    #[arg(long, global = true, value_name = "FIELD=COLUMN,...", value_parser = parse_columns)]
    pub(crate) columns: Option<ColumnMap>,
}

fn parse_sort(name: &str) -> Result<SortMode, String> {
    SortMode::parse(name).ok_or_else(|| {
        let known: Vec<&str> = SortMode::ALL.iter().map(|m| m.name()).collect();
        format!("unknown order `{name}` (known: {})", known.join(", "))
    })
}

fn parse_columns(spec: &str) -> Result<ColumnMap, String> {
    ColumnMap::parse(spec)
}

#[derive(Subcommand, Debug)]
pub(crate) enum Command {
    /// Print a table of articles: date, source, title.
    List {
        /// Article files (text, CSV/TSV, JSON, JSON Lines, RSS/Atom/JSON feeds) or directories
        /// (default: the config's `paths`, else the bundled seeds).
        paths: Vec<PathBuf>,
        /// Order: newest (the reader's: newest first, undated last), oldest, outlet, title.
        #[arg(long, default_value = "newest", value_parser = parse_sort)]
        sort: SortMode,
    },
    /// Print one JSON object per article (JSON Lines).
    Extract {
        /// Article files (text, CSV/TSV, JSON, JSON Lines, RSS/Atom/JSON feeds) or directories
        /// (default: the config's `paths`, else the bundled seeds).
        paths: Vec<PathBuf>,
    },
    /// Print the corpus-wide entity table: kind, name, English name, article count.
    Entities {
        /// Article files (text, CSV/TSV, JSON, JSON Lines, RSS/Atom/JSON feeds) or directories
        /// (default: the config's `paths`, else the bundled seeds).
        paths: Vec<PathBuf>,
    },
    /// Print the articles matching QUERY as JSON Lines (path, title, score, title_ranges), best
    /// first, with the same engine as the reader's filter.
    ///
    /// QUERY: words (Bengali or Latin), "quoted phrases", source:NAME, person:NAME, place:NAME,
    /// org:NAME, date:2025-07 or date:2025-01..2025-06, is:unread, is:starred (saved marks);
    /// !CLAUSE excludes.
    Search {
        #[arg(required_unless_present = "saved")]
        query: Option<String>,
        /// Article files (text, CSV/TSV, JSON, JSON Lines, RSS/Atom/JSON feeds) or directories
        /// (default: the config's `paths`, else the bundled seeds).
        paths: Vec<PathBuf>,
        /// Print at most this many articles.
        #[arg(short = 'n', long)]
        limit: Option<usize>,
        /// Run the saved search NAME (`[searches]` in config.toml) instead of a QUERY.
        #[arg(long, value_name = "NAME")]
        saved: Option<String>,
        /// Order: relevance (best first), newest, oldest, outlet, title.
        #[arg(long, default_value = "relevance", value_parser = parse_sort)]
        sort: SortMode,
    },
    /// Print the articles with their reading state (read, starred) as JSON Lines: the fields of
    /// `extract` plus `id`, `read` and `starred`.
    Export {
        /// Only starred articles.
        #[arg(long, conflicts_with = "unread")]
        starred: bool,
        /// Only unread articles.
        #[arg(long)]
        unread: bool,
        /// Article files (text, CSV/TSV, JSON, JSON Lines, RSS/Atom/JSON feeds) or directories
        /// (default: the config's `paths`, else the bundled seeds).
        paths: Vec<PathBuf>,
    },
    /// Manage feed subscriptions (no network: see `fetch`).
    #[command(subcommand)]
    Feed(feed::FeedCommand),
    /// Download every subscribed feed and its new articles into the archive. Exit status 0:
    /// all fetched; 1: some feed or article had a problem (one line each), the rest was fetched.
    Fetch {
        /// Archive folder (default: $KHOBOR_NEWS_DIR, else $XDG_DATA_HOME/khobor/news).
        #[arg(long, value_name = "DIR")]
        into: Option<PathBuf>,
    },
    /// Print a shell completion script for SHELL.
    Completions { shell: clap_complete::Shell },
}

/// Runs the parsed command line; the exit code is the caller's business.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    let Cli {
        command,
        paths,
        width,
        config,
        print_config,
        no_cache,
        columns,
    } = cli;
    // Only ever set here, before any command loads.
    let _ = LOAD_OPTIONS.set(LoadOptions::from_env(no_cache));
    // Completions need no configuration: they must work even while the config file is broken.
    let config = || {
        let config = Config::load(config.as_deref())?;
        set_columns(&config, columns.as_ref())?;
        anyhow::Ok(config)
    };
    match command {
        Some(Command::Completions { shell }) => with_stdout(|out| {
            clap_complete::generate(shell, &mut Cli::command(), "khobor", out);
            Ok(())
        }),
        Some(Command::Feed(command)) => feed::run(command),
        Some(Command::Fetch { into }) => fetch::run(into),
        Some(Command::List { paths, sort }) => list::run(&or_configured(paths, &config()?), sort),
        Some(Command::Extract { paths }) => extract::run(&or_configured(paths, &config()?)),
        Some(Command::Entities { paths }) => entities::run(&or_configured(paths, &config()?)),
        Some(Command::Search {
            query,
            mut paths,
            limit,
            saved,
            sort,
        }) => {
            let config = config()?;
            let query = match saved {
                Some(name) => {
                    // With --saved, a first positional argument is a path, not a query.
                    paths.splice(0..0, query.map(PathBuf::from));
                    let found = crate::saved_search::find(&config.searches, &name)?;
                    found.query.clone()
                }
                None => query.unwrap_or_default(),
            };
            search::run(&query, &or_configured(paths, &config), limit, sort)
        }
        Some(Command::Export {
            starred,
            unread,
            paths,
        }) => {
            let only = match (starred, unread) {
                (true, _) => export::Only::Starred,
                (_, true) => export::Only::Unread,
                _ => export::Only::All,
            };
            export::run(&or_configured(paths, &config()?), only)
        }
        None if print_config => {
            // What the reader would run with: the command line's choices over the file's.
            let mut config = config()?;
            config.width = width.unwrap_or(config.width);
            config.paths = or_configured(paths, &config);
            let text = config.to_toml()?;
            with_stdout(|out| out.write_all(text.as_bytes()))
        }
        None => {
            let config = config()?;
            let options = config.options(width, crate::config::no_color_requested())?;
            tui::run(&or_configured(paths, &config), options)
        }
    }
}

/// The dataset column mapping every load uses: the config's, with the command line's on top.
fn set_columns(config: &Config, given: Option<&ColumnMap>) -> anyhow::Result<()> {
    let configured =
        ColumnMap::from_pairs(config.columns.iter().map(|(f, c)| (f.as_str(), c.as_str())))
            .map_err(anyhow::Error::msg)?;
    let map = match given {
        Some(g) => configured.overridden_by(g),
        None => configured,
    };
    crate::ingest::formats::set_columns(map);
    Ok(())
}

/// The paths given on the command line, else the configured ones, else the archive `khobor
/// fetch` writes into once it holds anything (a subscriber's daily news); when all are empty,
/// loading falls back to the bundled seeds.
fn or_configured(given: Vec<PathBuf>, config: &Config) -> Vec<PathBuf> {
    if !given.is_empty() {
        return given;
    }
    if !config.paths.is_empty() {
        return config.paths.clone();
    }
    crate::fetch::archive::root(None)
        .filter(|dir| std::fs::read_dir(dir).is_ok_and(|mut entries| entries.next().is_some()))
        .into_iter()
        .collect()
}

/// How every command loads (the cache setting), from the command line; a global because every
/// subcommand loads the same way and none of them should have to pass it along.
static LOAD_OPTIONS: OnceLock<LoadOptions> = OnceLock::new();

/// The cache setting from the command line.
fn load_options() -> LoadOptions {
    LOAD_OPTIONS.get().cloned().unwrap_or_default()
}

/// Loads `paths` (or the bundled seeds) and reports every file problem on stderr. `light`: the
/// command never prints bodies or entity spans in them ([`LoadOptions::light`]).
fn load(paths: &[PathBuf], light: bool) -> anyhow::Result<Corpus> {
    let extractor = crate::extract::Extractor::new();
    let options = load_options().light(light);
    let (corpus, report): (Corpus, LoadReport) = Corpus::load_with(paths, &extractor, &options)?;
    report_problems(&report);
    Ok(corpus)
}

/// Loads `paths` in full, handing each article to `each` as it completes ([`Corpus::stream`]);
/// `each` returns false to stop. File problems go to stderr at the end.
fn stream(paths: &[PathBuf], each: impl FnMut(Article) -> bool) -> anyhow::Result<()> {
    let extractor = crate::extract::Extractor::new();
    let report = Corpus::stream(paths, &extractor, &load_options(), each)?;
    report_problems(&report);
    Ok(())
}

fn report_problems(report: &LoadReport) {
    let mut err = std::io::stderr().lock();
    for p in &report.problems {
        // stderr gone: nothing left to tell anyone.
        // Path and reason each cut on their own, so a very long path never hides the reason.
        let path = p.path.display().to_string();
        let _ = writeln!(
            err,
            "khobor: {}: {}",
            for_terminal(&path),
            for_terminal(&p.reason)
        );
    }
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
