//! From files on disk to parsed articles: discover, read + decode, clean (the trust boundary), parse.
//!
//! Outlet names ([`outlets`]) and source cues ([`sources`]) are public so the entity extractor
//! can reuse the same table for `media` entities.

mod clean;
mod discover;
pub mod formats;
pub mod outlets;
pub(crate) mod page;
mod parse;
pub(crate) mod publisher;
mod read;
pub(crate) mod sources;

use std::path::PathBuf;

pub use clean::clean;
pub use discover::discover;
pub(crate) use discover::{SUPPORTED_EXTENSIONS, require_paths};
pub(crate) use parse::{parse, parse_titled};
pub(crate) use read::MAX_FILE_BYTES;
pub use read::{load_file, parse_bytes};

/// A problem with one input file; the rest of the corpus still loads. Files with a problem are
/// skipped unless the reason says they were loaded anyway (e.g. invalid UTF-8, decoded lossily).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {reason}")]
pub struct FileProblem {
    pub(crate) path: PathBuf,
    pub(crate) reason: String,
}

impl FileProblem {
    pub(crate) fn new(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            reason: reason.into(),
        }
    }
}
