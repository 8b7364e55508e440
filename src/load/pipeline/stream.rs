//! Large files through the pipeline one at a time: a dataset a batch of rows at a time, any
//! other file whole, each sent and its entities extracted before the next is read.

use std::path::PathBuf;
use std::sync::atomic::Ordering;

use super::{Input, Pipeline, Stamp};
use crate::ingest;
use crate::load::LoadEvent;

/// Files at least this large are streamed: a dataset's rows reach the reader a batch at a time
/// and their bodies are dropped batch by batch, instead of after the whole file is parsed; a
/// huge text file is read while no other is in memory.
pub(super) const STREAM_MIN_BYTES: u64 = 8 * 1024 * 1024;

impl Pipeline<'_> {
    /// Reads a large file (a dataset a batch at a time), each batch sent and its entities
    /// extracted before the next is read; the file is remembered in the file cache once read
    /// whole.
    pub(super) fn stream(
        &mut self,
        i: usize,
        record: Option<(PathBuf, Stamp)>,
        sink: &mut dyn FnMut(LoadEvent),
    ) -> Option<()> {
        let Input::Files(files) = &self.input else {
            return Some(());
        };
        let path = files[i].clone();
        self.gathering = record
            .as_ref()
            .map(|(key, _)| (key.clone(), Vec::new(), false));
        let mut going = Some(());
        let read = ingest::formats::load_batches(&path, &mut |batch| {
            if self.cancel.load(Ordering::Relaxed) {
                going = None;
                return false;
            }
            if !batch.warnings.is_empty()
                && let Some(g) = &mut self.gathering
            {
                g.2 = true;
            }
            let parsed = self.with_cached_entities(batch.articles, batch.warnings, record.clone());
            going = self.deliver(vec![Ok(parsed)], sink);
            going.is_some()
        });
        let gathered = self.gathering.take();
        going?;
        match read {
            Err(problem) => self.deliver(vec![Err(problem)], sink)?,
            Ok(()) => {
                if let (Some((key, stamp)), Some((_, articles, false))) = (record, gathered) {
                    self.remember_file(&key, stamp, &articles, sink);
                }
            }
        }
        Some(())
    }
}
