//! A corpus that arrives while the reader runs: batches of articles and entities, re-indexing
//! as it grows, and search answers matched to the request that asked for them.

use std::sync::Arc;

use super::{App, CorpusSnapshot, Effect, Facets};
use crate::load::{LoadEvent, ProgressSnapshot};
use crate::search::Results;
use crate::sort::{SortKeys, SortMode};

/// Bookkeeping for a corpus that arrives while the reader runs.
#[derive(Debug, Default)]
pub(super) struct Stream {
    pub(super) progress: ProgressSnapshot,
    pub(super) finished: bool,
    pub(super) failed: Option<String>,
    /// Updates that arrived while the indexer held a snapshot of the corpus; applied when it
    /// hands the corpus back (appending would otherwise mean copying 100,000 articles).
    pub(super) pending: Vec<LoadEvent>,
    /// Articles the worker's index covers.
    pub(super) indexed: usize,
    /// Articles or entities arrived since the last snapshot was taken.
    pub(super) stale: bool,
    pub(super) indexing: bool,
    /// The latest search asked for; older answers are dropped.
    pub(super) generation: u64,
    /// Whether the latest search should select its best hit when it arrives.
    pub(super) select_best: bool,
    /// Requests for the runtime, turned into effects at the end of `update`.
    pub(super) want_index: bool,
    pub(super) want_search: Option<String>,
    /// The latest count of the saved searches asked for; older answers are dropped.
    pub(super) count_generation: u64,
}

/// How the loading looks to the status bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LoadingStatus {
    /// 0–100: files parsed and articles with entities, half each.
    pub(crate) percent: u8,
    pub(crate) articles: usize,
    pub(crate) files: usize,
}

impl App {
    /// Progress of a load still running; `None` once everything is loaded and indexed.
    pub fn loading(&self) -> Option<LoadingStatus> {
        let s = &self.stream;
        if s.finished && !s.indexing && !s.stale && s.pending.is_empty() {
            return None;
        }
        let p = &s.progress;
        let total = p.discovered.max(1);
        let done = p.parsed.min(total) + p.extracted.min(total);
        Some(LoadingStatus {
            percent: u8::try_from(done * 50 / total).unwrap_or(100).min(99),
            articles: self.corpus.articles.len(),
            files: p.discovered,
        })
    }

    /// Why the load failed, if it did.
    pub fn load_error(&self) -> Option<&str> {
        self.stream.failed.as_deref()
    }

    /// Takes the next event of the load stream. File problems and the file count are the
    /// runtime's to report; the app keeps the corpus, the progress and the outcome.
    pub(super) fn on_load(&mut self, event: LoadEvent) {
        let stream = &mut self.stream;
        match event {
            LoadEvent::Progress(p) => stream.progress = p,
            LoadEvent::Finished => {
                stream.finished = true;
                stream.progress.done = true;
            }
            LoadEvent::Failed(e) => {
                stream.failed = Some(e);
                stream.finished = true;
            }
            LoadEvent::Discovered { .. } | LoadEvent::Problems(_) => return,
            data @ (LoadEvent::Articles(_) | LoadEvent::Entities(_) | LoadEvent::Refresh(_)) => {
                stream.pending.push(data);
            }
        }
        self.flush_pending();
        self.request_index();
    }

    /// Applies queued articles and entities if the app owns its corpus again.
    pub(super) fn flush_pending(&mut self) {
        let stream = &mut self.stream;
        if stream.pending.is_empty() {
            return;
        }
        let Some(corpus) = Arc::get_mut(&mut self.corpus) else {
            return;
        };
        let grew = stream
            .pending
            .iter()
            .any(|u| matches!(u, LoadEvent::Articles(_) | LoadEvent::Refresh(_)));
        // A refresh waits for the load to finish: the loader numbers its entities by the
        // position its own articles take, which an article appended meanwhile would shift.
        let finished = stream.finished;
        let (now, later): (Vec<LoadEvent>, Vec<LoadEvent>) = stream
            .pending
            .drain(..)
            .partition(|u| finished || !matches!(u, LoadEvent::Refresh(_)));
        stream.pending = later;
        let mut applied = Vec::new();
        for u in now {
            match u {
                LoadEvent::Articles(a) => corpus.articles.extend(a),
                LoadEvent::Entities(e) => corpus.set_entities(e),
                LoadEvent::Refresh(r) => {
                    applied.push(super::live::apply(corpus, &mut self.live.gone, r));
                }
                _ => {}
            }
        }
        stream.stale = true;
        // New articles join an unfiltered list at once; a query covers them once indexed.
        if grew && !self.has_search_text() {
            self.refilter(false);
        }
        for a in &applied {
            self.refreshed(a);
        }
    }

    /// Asks for a new index when enough has changed: each time the corpus doubled, and once
    /// everything is loaded. So indexing costs about twice one final build, however many
    /// batches arrive.
    pub(super) fn request_index(&mut self) {
        let n = self.corpus.articles.len();
        let s = &mut self.stream;
        if s.indexing || !s.stale {
            return;
        }
        let complete = s.finished && s.pending.is_empty();
        if complete || s.indexed == 0 || n >= 2 * s.indexed {
            s.indexing = true;
            s.stale = false;
            s.want_index = true;
        }
    }

    pub(super) fn on_indexed(&mut self, articles: usize, facets: Facets, sort_keys: SortKeys) {
        let s = &mut self.stream;
        s.indexing = false;
        s.indexed = articles;
        self.facets = facets;
        self.facet_counts = None;
        self.sort_keys = sort_keys;
        self.flush_pending();
        let resort =
            self.sort_mode() != SortMode::Newest && self.sort_mode() != SortMode::Relevance;
        if resort || self.has_search_text() || !self.view.facet_filter.is_empty() {
            self.refilter(false);
        }
        self.request_index();
        self.clamp();
    }

    pub(super) fn on_searched(&mut self, generation: u64, hits: &Results) {
        let s = &self.stream;
        if generation != s.generation || !self.has_search_text() {
            return;
        }
        let select_best = s.select_best;
        self.highlighter = hits.highlighter.clone();
        let hits = hits.iter().map(|h| h.article).collect();
        self.show(hits, select_best);
    }

    /// An order other than newest first needs every article ranked: when the ranks the worker
    /// gave cover fewer articles than the corpus holds, an index (which ranks them beside it) is
    /// asked for, unless one is under way. Meanwhile the articles not ranked yet sort last.
    pub(super) fn request_sort_keys(&mut self) {
        let s = &mut self.stream;
        if self.sort_keys.len() == self.corpus.articles.len() || s.indexing {
            return;
        }
        s.indexing = true;
        s.stale = false;
        s.want_index = true;
    }

    /// Requests queued for the runtime.
    pub(super) fn drain_requests(&mut self, effects: &mut Vec<Effect>) {
        let s = &mut self.stream;
        if std::mem::take(&mut s.want_index) {
            let complete = s.finished && s.pending.is_empty();
            effects.push(Effect::Index(CorpusSnapshot(self.corpus.clone(), complete)));
        }
        if let Some(query) = s.want_search.take() {
            effects.push(Effect::Search {
                query,
                generation: s.generation,
            });
        }
    }
}
