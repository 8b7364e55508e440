//! The bodies of dataset rows (`news.csv:118`, `data.jsonl:7`) for the full-text index.
//!
//! An article file can be read again on its own, a row cannot: finding one row means parsing
//! its file up to it. So before a build, the rows whose words the body cache lacks are read
//! here, each dataset file once, streaming a batch of rows at a time, and their words are held
//! in the cache by content id, where the build then finds them like any stored body. The loader
//! usually stored them already (`load::pipeline` with a cache directory); this is for a load
//! without caches (`--no-cache`, a small dataset) or a cache that lost them.

use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::BodySource;
use super::body::{read_body, store_bodies};
use crate::article::ContentId;
use crate::cache::BodyCache;
use crate::fsutil::text_path;
use crate::ingest::formats::{load_batches, split_row_path};

/// The rows wanted from one dataset file: by row path, the content each had when loaded and
/// the caller's number for it.
type Wanted<'a> = FxHashMap<&'a str, (ContentId, usize)>;

/// A wanted row read: the caller's number for it, its content id and its body.
type Row = (usize, ContentId, Vec<String>);

/// Groups the dataset rows among `sources` (`(number, path, id)`) by file, files in name order.
fn by_file<'a>(
    sources: impl Iterator<Item = (usize, &'a str, ContentId)>,
) -> Vec<(&'a str, Wanted<'a>)> {
    let mut wanted: FxHashMap<&str, Wanted> = FxHashMap::default();
    for (n, path, id) in sources {
        if let Some((file, _)) = split_row_path(path) {
            wanted.entry(file).or_default().insert(path, (id, n));
        }
    }
    let mut files: Vec<_> = wanted.into_iter().collect();
    files.sort_unstable_by_key(|(file, _)| *file);
    files
}

/// Streams `file` once, handing `each` the bodies of the wanted rows of every batch (with the
/// caller's numbers) while it says to go on. A file that cannot be read or no longer parses
/// gives nothing: its rows stay unsearchable by body, as a removed file's do.
fn read_rows(file: &str, rows: &Wanted<'_>, each: &mut dyn FnMut(Vec<Row>) -> bool) {
    let path = text_path(file);
    if !path.is_file() {
        return;
    }
    let _ = load_batches(&path, &mut |batch| {
        let bodies = batch
            .articles
            .into_iter()
            .filter_map(|a| {
                let &(id, n) = rows.get(a.path.as_str())?;
                (id == a.id).then_some((n, id, a.body))
            })
            .collect();
        each(bodies)
    });
}

/// Reads the rows of `sources` that `cache` lacks from their dataset files, each file once, and
/// holds their words in `cache`. Stops between batches when `stop` is set.
pub(super) fn hold_dataset_rows(
    sources: &[Option<BodySource>],
    cache: &mut BodyCache,
    stop: &AtomicBool,
) -> io::Result<()> {
    let missing = sources
        .iter()
        .flatten()
        .filter(|(_, id)| !cache.contains(*id))
        .map(|(path, id)| (0, path.as_str(), *id));
    for (file, rows) in by_file(missing) {
        if stop.load(Ordering::Relaxed) {
            break;
        }
        let mut failed = None;
        read_rows(file, &rows, &mut |found| {
            let bodies: Vec<(ContentId, Vec<String>)> =
                found.into_iter().map(|(_, id, body)| (id, body)).collect();
            if let Err(e) = store_bodies(&bodies, cache, true) {
                failed = Some(e);
            }
            failed.is_none() && !stop.load(Ordering::Relaxed)
        });
        if let Some(e) = failed {
            return Err(e);
        }
    }
    Ok(())
}

/// Article files read at once by [`for_each_body`].
const FILE_BATCH: usize = 256;

/// Hands `each` the body of every article of `sources` (loaded light) that can still be read as
/// it was loaded, with its number in `sources`: each dataset file read once for all its rows,
/// every other article from its own file ([`read_body`]), a batch of files read in parallel at a
/// time (`khobor search` cuts a snippet from every hit's body). Bodies are handed over one by
/// one, so no more than a batch of them is held at once.
pub(crate) fn for_each_body(sources: &[BodySource], each: &mut dyn FnMut(usize, Vec<String>)) {
    let is_row =
        |(path, _): &BodySource| split_row_path(path).is_some() && !text_path(path).is_file();
    let files: Vec<usize> = (0..sources.len())
        .filter(|&n| !is_row(&sources[n]))
        .collect();
    for batch in files.chunks(FILE_BATCH) {
        let bodies: Vec<Option<Vec<String>>> = batch
            .par_iter()
            .map(|&n| read_body(&sources[n].0, sources[n].1))
            .collect();
        for (&n, body) in batch.iter().zip(bodies) {
            if let Some(body) = body {
                each(n, body);
            }
        }
    }
    let rows = sources
        .iter()
        .enumerate()
        .filter(|(_, s)| is_row(s))
        .map(|(n, (path, id))| (n, path.as_str(), *id));
    for (file, rows) in by_file(rows) {
        read_rows(file, &rows, &mut |found| {
            for (n, _, body) in found {
                each(n, body);
            }
            true
        });
    }
}
