//! On-disk caches that let a second start on a large corpus skip work: the entities extracted
//! from each text ([`ExtractCache`], by content hash) and each file's parsed, light article
//! ([`FileCache`], by path and `stat` stamp, so an unchanged file is not even read).
//! Both share one verified, atomically written file format ([`arena`]).

mod arena;
mod bodies;
mod entities;
mod files;
pub(crate) mod index_file;
pub(crate) mod varint;

use std::path::PathBuf;

pub use bodies::BodyCache;
pub(crate) use bodies::NumberedBody;
pub(crate) use entities::ExtractCache;
pub(crate) use files::{FileCache, Stamp};

include!(concat!(env!("OUT_DIR"), "/fingerprint.rs"));

/// `$XDG_CACHE_HOME/khobor` (or the platform's equivalent).
pub(crate) fn default_dir() -> Option<PathBuf> {
    crate::dirs::project().map(|d| d.cache_dir().to_path_buf())
}
