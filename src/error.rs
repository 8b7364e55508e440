//! khobor's error type: the failures a caller may want to tell apart (a path that is not there,
//! a file that could not be read or written, a mistake in `config.toml`, embedded data that does
//! not parse, the reading marks' file). Problems with single input files are not errors: they
//! are [`crate::ingest::FileProblem`] warnings, and the rest of the corpus still loads.

use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use crate::fsutil::ReadError;
use crate::text::escape::{for_terminal, for_terminal_within};

/// What went wrong, by kind.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A path the user named does not exist.
    #[error("{}: no such file or directory", shown(path))]
    MissingPath {
        /// The path as given.
        path: PathBuf,
    },
    /// Reading or writing a file failed.
    #[error("{}: {source}", shown(path))]
    Io {
        /// The file or folder the operation was on.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: io::Error,
    },
    /// The configuration file could not be read.
    #[error("cannot read config file {}: {reason}", shown(path))]
    ConfigRead {
        /// The configuration file's path.
        path: PathBuf,
        /// Missing, not a regular file, too large, or an I/O error.
        reason: ReadError,
    },
    /// A mistake at a place in the configuration file.
    #[error(
        "{}:{line}:{column}: {}; line {line} is `{}`",
        shown(path),
        for_terminal(message),
        for_terminal_within(text, SHOWN_LINE_CHARS)
    )]
    Config {
        /// The configuration file's path.
        path: PathBuf,
        /// 1-based line of the mistake.
        line: usize,
        /// 1-based column of the mistake, in characters.
        column: usize,
        /// What is wrong there.
        message: String,
        /// The offending line, to show beside the message.
        text: String,
    },
    /// Data embedded in the binary (`assets/`) that does not parse: a defect of the build, which
    /// the tests catch.
    #[error("embedded {name} is invalid: {message}")]
    Asset {
        /// Which embedded data (`keymap`, `theme`).
        name: &'static str,
        /// The parser's complaint.
        message: String,
    },
    /// Something asked for that cannot be done as asked (a feed URL that is not http, a name
    /// already taken); the message says what.
    #[error("{0}")]
    Refused(String),
    /// The reading marks' file could not be read, parsed or written.
    #[error("{}: {message}", shown(path))]
    State {
        /// The marks' file.
        path: PathBuf,
        /// What went wrong with it.
        message: String,
    },
}

/// How much of an offending config line an error shows.
const SHOWN_LINE_CHARS: usize = 120;

/// A path as an error message may show it: control characters escaped.
fn shown(path: &Path) -> String {
    for_terminal(&path.display().to_string()).into_owned()
}

impl Error {
    /// An [`Error::Asset`] from any message.
    pub(crate) fn asset(name: &'static str, message: impl ToString) -> Self {
        Error::Asset {
            name,
            message: message.to_string(),
        }
    }

    /// An [`Error::Config`] at `span` of `source`, the text of the file at `path` (at the start
    /// of the file without a span).
    pub(crate) fn at(
        path: &Path,
        source: &str,
        span: Option<Range<usize>>,
        message: String,
    ) -> Self {
        let at = span.map_or(0, |s| s.start).min(source.len());
        let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[at..].find('\n').map_or(source.len(), |i| at + i);
        Error::Config {
            path: path.to_path_buf(),
            line: source[..at].matches('\n').count() + 1,
            column: source[line_start..at].chars().count() + 1,
            message,
            text: source[line_start..line_end].trim_end().to_string(),
        }
    }

    /// An [`Error::Io`] for `path`.
    pub(crate) fn io(path: impl Into<PathBuf>, source: io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
