//! The caches are opened on their own threads while the first files are read; a cache that
//! cannot be used is a problem reported once, never a failed load.

use std::path::{Path, PathBuf};
use std::sync::atomic::Ordering;
use std::thread::JoinHandle;

use super::super::{LoadEvent, Progress};
use crate::ingest::FileProblem;

/// A cache being opened on its own thread, and the directory it is in.
pub(super) type Opening<T> = (JoinHandle<(T, Option<String>)>, PathBuf);

/// Starts opening a cache in `dir` with `open` on its own thread.
pub(super) fn spawn_open<T: Send + 'static>(
    dir: &Path,
    open: fn(&Path) -> (T, Option<String>),
) -> Option<Opening<T>> {
    let owned = dir.to_path_buf();
    std::thread::Builder::new()
        .name("khobor-cache".into())
        .spawn(move || open(&owned))
        .ok()
        .map(|t| (t, dir.to_path_buf()))
}

/// Waits for a cache being opened, reporting an unusable file. `None` when nothing was being
/// opened, or opening panicked (the load goes on without that cache).
pub(super) fn join_open<T>(
    opening: &mut Option<Opening<T>>,
    progress: &Progress,
    sink: &mut dyn FnMut(LoadEvent),
) -> Option<T> {
    let (thread, dir) = opening.take()?;
    let (opened, warning) = thread.join().ok()?;
    if let Some(w) = warning {
        cache_problem(progress, sink, Some(&dir), w);
    }
    Some(opened)
}

/// Cache trouble is never fatal: the corpus loads, the next start does the work again.
pub(super) fn cache_problem(
    progress: &Progress,
    sink: &mut dyn FnMut(LoadEvent),
    dir: Option<&Path>,
    reason: String,
) {
    progress.problems.fetch_add(1, Ordering::Relaxed);
    sink(LoadEvent::Problems(vec![FileProblem {
        path: dir.map(Path::to_path_buf).unwrap_or_default(),
        reason,
    }]));
}
