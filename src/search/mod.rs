//! Search: query parsing, matching Bengali and Latin queries against titles, entity and outlet
//! names, ranking, and highlight ranges on the title. The same engine serves the TUI's live
//! filter and `khobor search`.
//!
//! # Using it from a UI
//! - Build a [`SearchIndex`] once per corpus ([`SearchIndex::new`]: 1.5–4 s for 100k articles on two
//!   busy cores, so build it off the UI thread; it holds its own copies of the keys, so the
//!   corpus may be moved afterwards).
//! - Per keystroke, on a worker thread, call [`LiveSearch::run`] with the query text and a
//!   cancellation flag. It parses the query, and when the new query only narrows the previous
//!   one (the user typed more) it searches within the previous hits instead of the whole corpus.
//!   Set the flag when a newer keystroke arrives: the search returns `None` soon after.
//! - Highlights are computed only for the rows drawn: a broad keystroke matches nearly every
//!   article, and computing ranges for all of them took three times as long as finding and
//!   ranking them. [`Results::title_ranges`] gives byte ranges into `Article::title`, already
//!   widened to whole grapheme clusters, sorted and non-overlapping: style them as they are.
//! - An empty query returns every article, newest first, undated last.
//! - Query syntax: see [`query`].
//!
//! # What is matched
//! A free word is matched against the title's words, the names of the entities and outlets the
//! article mentions (every form: Bengali name, aliases, English name) and the words of its body
//! ([`body`]), each distinct word scored once. Body matches rank below every title or name
//! match, and loose tiers (infix, fuzzy, consonants alone) never apply to bodies: over thousands
//! of body words they find names that are not there. See [`term`] for the tiers of a word match.
//!
//! # Where things are
//! This file builds the index and answers queries; [`plan`] prepares a query, [`tables`] scores
//! a clause's term against each vocabulary, [`run`] finds, scores and ranks the articles,
//! [`results`] holds the hits and computes their highlights and snippets, [`live`] refines while
//! the user types; [`rows`] reads dataset rows for the body index.

pub(crate) mod query;

pub mod body;
mod keys;
mod live;
mod persist;
mod plan;
mod results;
pub(crate) mod rows;
mod run;
mod tables;
mod term;
mod translit;
mod update;

use std::borrow::Cow;
use std::io;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::article::{Article, ContentId};
use crate::cache::BodyCache;
use crate::corpus::Corpus;
use body::{BodyIndex, BodySlots};
use keys::Keys;
use plan::Plan;
use rustc_hash::FxHashMap;

pub use live::LiveSearch;
pub use persist::{CorpusKey, corpus_key};
pub use query::Query;
pub(crate) use query::{Field, Mark, MarkCondition};
pub use results::Hit;
pub(crate) use results::{Highlighter, Results, SNIPPET_CHARS, Snippet, TitleRanges};

/// Search keys for a corpus, built once; `Sync`, so one index serves any number of threads.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Shared with the [`Highlighter`]s of its searches.
    pub(super) keys: Arc<Keys>,
    /// Shared with an index that adds the bodies read later ([`SearchIndex::with_bodies_read`]).
    pub(super) body: Arc<BodyIndex>,
}

/// What [`SearchIndex::with_bodies_updated`] took from the saved index and what it read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Updated {
    /// Articles whose bodies were taken from the saved index.
    pub kept: usize,
    /// Articles whose bodies were not in it (added or changed since): from the body cache or
    /// read from their files.
    pub read: usize,
    /// Articles of the saved index no longer in the corpus (removed or changed).
    pub dropped: usize,
}

/// Where to read the body of an article loaded without it: its path and the content it had.
pub(crate) type BodySource = (String, ContentId);

/// Articles are scored in chunks of this many; the cancellation flag is checked between chunks.
pub(super) const CHUNK: usize = 1024;

impl SearchIndex {
    /// An index of `corpus`: titles, names, and the bodies the articles hold (none for a
    /// corpus loaded light: see [`with_bodies_read`](Self::with_bodies_read)).
    pub fn new(corpus: &Corpus) -> Self {
        let keys = Keys::build(corpus);
        let order = &keys.corpus_index;
        let paragraphs = |slot: usize| {
            let body = &corpus.articles[order[slot] as usize].body;
            (!body.is_empty()).then_some(Cow::Borrowed(&body[..]))
        };
        let slots = BodySlots {
            count: order.len(),
            id: &|_| None,
            paragraphs: &paragraphs,
        };
        let mut numbers = BodyCache::in_memory();
        let body = BodyIndex::build(
            &slots,
            &mut numbers,
            |stem| keys.attests(stem),
            &AtomicBool::new(false),
        )
        .unwrap_or_default();
        Self {
            body: Arc::new(body),
            keys: Arc::new(keys),
        }
    }

    /// Where to read, by slot, the bodies of the articles of `corpus` (the corpus this index
    /// was built from) that were loaded without them ([`Article::text_omitted`]). Taken before
    /// letting go of the corpus, for [`with_bodies_read`](Self::with_bodies_read).
    pub fn bodies_to_read(&self, corpus: &Corpus) -> Vec<Option<BodySource>> {
        self.keys
            .corpus_index
            .iter()
            .map(|&i| {
                let a: &Article = corpus.articles.get(i as usize)?;
                a.text_omitted.then(|| (a.path.clone(), a.id))
            })
            .collect()
    }

    /// This index with the bodies of `sources` (from [`bodies_to_read`](Self::bodies_to_read))
    /// read with `read` and indexed, in place of the bodies it had. Meant for a background
    /// thread; `None` when `stop` was set meanwhile.
    pub fn with_bodies_read(
        &self,
        sources: &[Option<BodySource>],
        read: impl Fn(&str, ContentId) -> Option<Vec<String>> + Sync,
        stop: &AtomicBool,
    ) -> Option<SearchIndex> {
        self.with_bodies_cached(sources, read, &mut BodyCache::in_memory(), stop)
            .ok()
            .flatten()
    }

    /// Like [`with_bodies_read`](Self::with_bodies_read), taking each body's words from `cache`
    /// when it has them (a warm start reads no article file) and storing there those it had not;
    /// the caller saves the cache (off the UI thread: it writes the whole file). `Err` only when
    /// the cache's temporary file cannot be written.
    pub fn with_bodies_cached(
        &self,
        sources: &[Option<BodySource>],
        read: impl Fn(&str, ContentId) -> Option<Vec<String>> + Sync,
        cache: &mut BodyCache,
        stop: &AtomicBool,
    ) -> io::Result<Option<SearchIndex>> {
        let body = self.index_bodies(sources, read, cache, stop)?;
        Ok((!stop.load(Ordering::Relaxed)).then(|| SearchIndex {
            keys: self.keys.clone(),
            body: Arc::new(body),
        }))
    }

    /// The body index of `sources` (by slot of `sources`, which need not be this index's), each
    /// body from `cache` or read with `read`.
    fn index_bodies(
        &self,
        sources: &[Option<BodySource>],
        read: impl Fn(&str, ContentId) -> Option<Vec<String>> + Sync,
        cache: &mut BodyCache,
        stop: &AtomicBool,
    ) -> io::Result<BodyIndex> {
        rows::hold_dataset_rows(sources, cache, stop)?;
        let id = |slot: usize| sources.get(slot)?.as_ref().map(|(_, id)| *id);
        let paragraphs = |slot: usize| {
            let (path, id) = sources.get(slot)?.as_ref()?;
            read(path, *id).map(Cow::Owned)
        };
        let slots = BodySlots {
            count: sources.len(),
            id: &id,
            paragraphs: &paragraphs,
        };
        BodyIndex::build(&slots, cache, |stem| self.keys.attests(stem), stop)
    }

    /// Like [`with_bodies_cached`](Self::with_bodies_cached) for the corpus with `key`, starting
    /// from the index saved in `dir` for an earlier corpus: the bodies of the articles whose
    /// digest is unchanged are taken from it, only the others from `cache` or `read`. `cache`
    /// is then left holding only the bodies of the saved index's articles that this one drops
    /// (the caller saves it). `Ok(None)` when no index of this build is saved there (or `stop`
    /// was set meanwhile);
    /// `Err`, a warning for the status line, when the saved one was damaged or the cache's
    /// temporary file could not be written.
    pub fn with_bodies_updated(
        &self,
        sources: &[Option<BodySource>],
        key: &CorpusKey,
        dir: &Path,
        read: impl Fn(&str, ContentId) -> Option<Vec<String>> + Sync,
        cache: &mut BodyCache,
        stop: &AtomicBool,
    ) -> Result<Option<(SearchIndex, Updated)>, String> {
        let Some((digests, _)) = key.by_slot(&self.keys) else {
            return Ok(None);
        };
        let Some(persist::SavedBodies {
            digests: old_digests,
            ids: old_ids,
            body: old,
        }) = persist::saved_bodies(dir)?
        else {
            return Ok(None);
        };
        // The old slots of each digest, the last first: taken in slot order, duplicates too.
        let mut old_slots: FxHashMap<u64, Vec<u32>> = FxHashMap::default();
        for (slot, d) in old_digests.iter().enumerate().rev() {
            old_slots.entry(*d).or_default().push(slot as u32);
        }
        let mut old_of = vec![None; sources.len()];
        let mut added_slots = Vec::new();
        let mut added_sources = Vec::new();
        for (slot, source) in sources.iter().enumerate() {
            let Some(source) = source else {
                continue;
            };
            match digests.get(slot).and_then(|d| old_slots.get_mut(d)?.pop()) {
                Some(o) => old_of[slot] = Some(o),
                None => {
                    added_slots.push(slot as u32);
                    added_sources.push(Some(source.clone()));
                }
            }
        }
        let added = self
            .index_bodies(&added_sources, read, cache, stop)
            .map_err(|e| format!("body cache not saved ({e})"))?;
        if stop.load(Ordering::Relaxed) {
            return Ok(None);
        }
        // From now on the cache holds only the bodies the new index drops: another corpus
        // holding them again (another archive, the rest of a folder) takes them from there.
        let mut kept = vec![false; old_digests.len()];
        for &o in old_of.iter().flatten() {
            kept[o as usize] = true;
        }
        let dropped: Vec<(u32, ContentId)> = (0..old_digests.len() as u32)
            .filter(|&o| !kept[o as usize])
            .filter_map(|o| Some((o, *old_ids.get(o as usize)?)))
            .collect();
        cache.clear();
        update::keep_dropped(&old, &dropped, cache)
            .map_err(|e| format!("body cache not saved ({e})"))?;
        let updated = Updated {
            kept: old_of.iter().flatten().count(),
            read: added_slots.len(),
            dropped: dropped.len(),
        };
        let origins = update::Origins {
            old: &old_of,
            added: &added_slots,
        };
        let body = update::merge(old, added, &origins, |stem| self.keys.attests(stem));
        let index = SearchIndex {
            keys: self.keys.clone(),
            body: Arc::new(body),
        };
        Ok(Some((index, updated)))
    }

    /// The runtime's entry point for full text: this index with every body of `sources`, taken
    /// from the index saved in `cache_dir` for an earlier corpus where it has them (with `key`,
    /// the key of this corpus, complete), else from the body cache in `cache_dir`, and read from
    /// the files otherwise. The body cache is saved when anything was added to it; with `key`
    /// (the index is about to be saved, holding every body) it keeps only the bodies dropped
    /// from the earlier index, and is removed when there are none. Meant for a background
    /// thread; `None` when `stop` was set meanwhile. Cache trouble never fails the search: the
    /// bodies are read and the warning is returned for the status line.
    pub fn with_bodies_persisted(
        &self,
        sources: &[Option<BodySource>],
        read: impl Fn(&str, ContentId) -> Option<Vec<String>> + Sync,
        cache_dir: Option<&Path>,
        key: Option<&CorpusKey>,
        stop: &AtomicBool,
    ) -> Option<(SearchIndex, Option<String>)> {
        let (mut cache, mut warning) = match cache_dir {
            Some(dir) => BodyCache::open(dir),
            None => (BodyCache::in_memory(), None),
        };
        let updated = match (cache_dir, key) {
            (Some(dir), Some(key)) => {
                match self.with_bodies_updated(sources, key, dir, &read, &mut cache, stop) {
                    Ok(updated) => updated.map(|(index, _)| index),
                    Err(w) => {
                        warning = Some(w);
                        None
                    }
                }
            }
            _ => None,
        };
        let index = match updated {
            Some(index) => index,
            None => {
                let index = match self.with_bodies_cached(sources, &read, &mut cache, stop) {
                    Ok(index) => index?,
                    Err(e) => {
                        warning = Some(format!("body cache not saved ({e})"));
                        self.with_bodies_read(sources, &read, stop)?
                    }
                };
                if key.is_some() {
                    cache.clear();
                }
                index
            }
        };
        if let Err(e) = cache.save() {
            warning = Some(format!("body cache not saved ({e})"));
        }
        Some((index, warning))
    }

    /// Number of articles indexed.
    pub fn len(&self) -> usize {
        self.keys.articles.len()
    }

    /// No article indexed (the corpus was empty when it was built).
    pub fn is_empty(&self) -> bool {
        self.keys.articles.is_empty()
    }

    /// Articles matching `query`, best first (equal scores: newest first, undated last).
    /// An empty query matches every article, newest first.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        self.find(query).hits.to_vec()
    }

    /// Like [`search`](Self::search), with the hits' highlights.
    pub(crate) fn find(&self, query: &str) -> Results {
        let never = AtomicBool::new(false);
        self.search_query(&Query::parse(query), &never)
            .unwrap_or_default()
    }

    /// Like [`search`](Self::search) for a parsed query, with the hits' highlights; `None` when
    /// `cancel` was set meanwhile.
    pub fn search_query(&self, query: &Query, cancel: &AtomicBool) -> Option<Results> {
        self.run(&Plan::new(query), None, None, cancel)
            .map(|outcome| outcome.results)
    }

    /// Searches only among `previous`, the hits of `previous_query`, when `query` narrows it
    /// (the user typed more); otherwise searches the whole corpus. Same result as
    /// [`search_query`](Self::search_query) either way, just faster when the query grew.
    /// [`LiveSearch`] does this bookkeeping (and more caching) for you.
    #[cfg(test)]
    pub(crate) fn search_within(
        &self,
        previous: &[Hit],
        previous_query: &Query,
        query: &Query,
        cancel: &AtomicBool,
    ) -> Option<Results> {
        let plan = Plan::new(query);
        let within = plan.narrows(&Plan::new(previous_query)).then(|| {
            let slot_of = &self.keys.slot_of;
            let mut slots: Vec<u32> = previous
                .iter()
                .filter_map(|h| slot_of.get(h.article).copied())
                .collect();
            slots.sort_unstable();
            slots.dedup();
            slots
        });
        self.run(&plan, within.as_deref(), None, cancel)
            .map(|outcome| outcome.results)
    }
}

#[cfg(test)]
mod tests;
