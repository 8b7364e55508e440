//! The loader's event stream and its progress counters.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::article::{Article, Entity};
use crate::ingest::FileProblem;

/// The one stream of a corpus coming in. The pipeline reports, in this order: `Discovered`,
/// then `Articles` and `Entities` (interleaved) and `Problems`, then `Finished` — or `Failed` at
/// any point. The reader's runtime adds `Progress` as it goes and `Refresh` for files that
/// changed while it runs, and hands the stream to the app as it is ([`crate::app::Action::Load`]).
#[derive(Clone, Debug, PartialEq)]
pub enum LoadEvent {
    /// Discovery is done: this many files will be read.
    Discovered {
        /// Files that will be read: the total the progress counts towards.
        files: usize,
    },
    /// The next articles in discovery order; their indexes continue the previous batch's.
    /// Articles whose extraction was cached already carry their entities.
    Articles(Vec<Article>),
    /// Entities for articles sent earlier, by article index.
    Entities(Vec<(usize, Vec<Entity>)>),
    /// Files skipped or loaded with a warning, and cache trouble.
    Problems(Vec<FileProblem>),
    /// Everything was loaded (the cache is saved by then).
    Finished,
    /// The load could not start (a PATH does not exist, no thread); nothing more follows. Only
    /// [`super::spawn`] sends it: [`super::run`] returns its failure.
    Failed(String),
    /// How far the load is (sent by the runtime, from [`Progress`]).
    Progress(ProgressSnapshot),
    /// Files added, changed or removed while the reader runs, read again (sent by the runtime).
    Refresh(Refresh),
}

/// What some paths hold now: every article under each of `paths` (files or folders) is replaced
/// by the one of `articles` with its path, or is gone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Refresh {
    pub(crate) paths: Vec<PathBuf>,
    /// With entities, light like the rest of the corpus.
    pub(crate) articles: Vec<Article>,
}

/// Counters a UI can read at any time for a progress gauge.
#[derive(Debug, Default)]
pub(crate) struct Progress {
    /// Files found; final once [`LoadEvent::Discovered`] was sent.
    pub(crate) discovered: AtomicUsize,
    /// Files read and parsed (or skipped).
    pub(crate) parsed: AtomicUsize,
    /// Articles with entities (extracted or from the cache).
    pub(crate) extracted: AtomicUsize,
    /// Of those, how many came from a cache.
    pub(crate) cached: AtomicUsize,
    /// Of those, how many came whole from the file cache, without reading their file.
    pub(crate) files_not_read: AtomicUsize,
    pub(crate) problems: AtomicUsize,
    /// Set when the pipeline stopped (finished, failed or cancelled).
    pub(crate) done: AtomicBool,
}

/// A snapshot of [`Progress`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProgressSnapshot {
    pub(crate) discovered: usize,
    pub(crate) parsed: usize,
    pub(crate) extracted: usize,
    pub(crate) cached: usize,
    pub(crate) files_not_read: usize,
    pub(crate) problems: usize,
    pub(crate) done: bool,
}

impl Progress {
    pub(crate) fn snapshot(&self) -> ProgressSnapshot {
        ProgressSnapshot {
            discovered: self.discovered.load(Ordering::Relaxed),
            parsed: self.parsed.load(Ordering::Relaxed),
            extracted: self.extracted.load(Ordering::Relaxed),
            cached: self.cached.load(Ordering::Relaxed),
            files_not_read: self.files_not_read.load(Ordering::Relaxed),
            problems: self.problems.load(Ordering::Relaxed),
            done: self.done.load(Ordering::Relaxed),
        }
    }
}
