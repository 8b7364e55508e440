//! What the app's effects do, without a terminal: build an index, run a search, read an article
//! again, save the marks. The runtime's worker threads call these, and so does [`Headless`], which tests use to
//! drive the app through the same code the reader runs.
//!
//! Between the app and the runtime: it knows [`Action`] and [`Effect`], nothing of the terminal.

use std::collections::VecDeque;
use std::ops::{Deref, DerefMut};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use crate::app::{Action, App, Effect, Facets, SnippetBody, update};
use crate::article::{Article, ContentId};
use crate::corpus::Corpus;
use crate::error::Error;
use crate::extract::Extractor;
use crate::load::LoadEvent;
use crate::search::body::read_body;
use crate::search::rows::for_each_body;
use crate::search::{
    BodySource, CorpusKey, Highlighter, LiveSearch, SNIPPET_CHARS, SearchIndex, corpus_key,
};
use crate::sort::SortKeys;
use crate::state::{ReadingState, StateStore};

/// An index over `corpus` (titles, names and the bodies it holds), and the action that hands
/// its facets and list orders to the app. The orders are ranked beside the index, not after it.
pub(crate) fn index(corpus: &Corpus) -> (SearchIndex, Action) {
    let ((index, facets), sort_keys) = rayon::join(
        || (SearchIndex::new(corpus), Facets::new(corpus)),
        || SortKeys::new(&corpus.articles),
    );
    let articles = corpus.articles.len();
    let indexed = Action::Indexed {
        articles,
        facets,
        sort_keys,
    };
    (index, indexed)
}

/// `index` with the bodies of the articles loaded light (`sources`, from
/// [`SearchIndex::bodies_to_read`]): for a complete corpus (with its `key`) those of unchanged
/// articles taken from the index saved in `cache_dir` for an earlier corpus; the others from the
/// body cache in `cache_dir` where it has them, so a warm start reads no article file, and read
/// from the files otherwise. A corpus still loading (no `key`) when an index is saved takes its
/// bodies from the body cache alone: it holds those the load read, and every other body is in
/// the saved index, which the complete corpus is about to load or update. A warning for the
/// status line when a cache could not be used. `None` when there is nothing to read or `stop`
/// was set meanwhile.
pub(crate) fn with_bodies(
    index: &SearchIndex,
    sources: &[Option<BodySource>],
    cache_dir: Option<&Path>,
    key: Option<&CorpusKey>,
    stop: &AtomicBool,
) -> Option<(SearchIndex, Option<String>)> {
    if sources.iter().all(Option::is_none) {
        return None;
    }
    if key.is_none() && cache_dir.is_some_and(SearchIndex::any_saved) {
        return index.with_bodies_persisted(sources, |_, _| None, cache_dir, None, stop);
    }
    index.with_bodies_persisted(sources, read_body, cache_dir, key, stop)
}

/// The pool the reader builds the titles index, facets and list orders on: as many threads as
/// cores, and on Linux at nice 10. Not the global pool, which the searches use: a query typed
/// while the titles were indexed there waited for the build's tasks (up to 1 s at 100k
/// articles), and at the same priority the build shared the cores evenly with the search and the
/// UI threads (measured in `docs/search.md`). `None` when the threads cannot be started.
pub fn titles_pool() -> Option<rayon::ThreadPool> {
    background_pool(rayon::current_num_threads(), "khobor-titles")
}

/// The pool the reader indexes the bodies on, after the titles: one thread, so a search keeps
/// the other core, at the same lower priority as [`titles_pool`]. `None` when the thread cannot
/// be started.
pub fn body_pool() -> Option<rayon::ThreadPool> {
    background_pool(1, "khobor-bodies")
}

/// `threads` threads named `name` at nice 10: when the cores are busy (two of them, or other
/// programs running) the scheduler hands a core to a keystroke's search or the UI as soon as
/// they wake, instead of sharing it evenly with the build.
fn background_pool(threads: usize, name: &'static str) -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .thread_name(move |_| name.into())
        .start_handler(|_| lower_priority())
        .build()
        .ok()
}

/// How much lower than the rest of khobor the index builds run (a nice value, 0–19).
#[cfg(target_os = "linux")]
const BUILD_NICE: libc::c_int = 10;

/// Lowers the scheduling priority of the calling thread only: on Linux each thread is a task
/// with a nice value of its own. Refused (not permitted), it keeps the normal priority.
#[cfg(target_os = "linux")]
fn lower_priority() {
    // SAFETY: plain system calls on the calling thread's id, with no pointers.
    unsafe {
        let tid = libc::gettid();
        libc::setpriority(libc::PRIO_PROCESS, tid as libc::id_t, BUILD_NICE);
    }
}

/// Elsewhere the calls change the whole process's priority, so the thread keeps the normal one.
#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

/// The index saved in `cache_dir` for `corpus` (the one with `key`) and the action handing its
/// facets and list orders to the app, ranked while the index loads; `None` when none is saved
/// for it. A warning for the status line when the saved file was damaged (it is then built and
/// saved again).
pub(crate) fn saved_index(
    corpus: &Corpus,
    key: &CorpusKey,
    cache_dir: &Path,
) -> (Option<(SearchIndex, Action)>, Option<String>) {
    if !SearchIndex::is_saved(cache_dir, key) {
        return (None, None);
    }
    let ((saved, facets), sort_keys) = rayon::join(
        || {
            (
                SearchIndex::load_saved(cache_dir, corpus, key),
                Facets::new(corpus),
            )
        },
        || SortKeys::new(&corpus.articles),
    );
    let indexed = Action::Indexed {
        articles: corpus.articles.len(),
        facets,
        sort_keys,
    };
    match saved {
        Ok(saved) => (saved.map(|index| (index, indexed)), None),
        Err(warning) => (None, Some(warning)),
    }
}

/// Saves `index` (of the corpus with `key`) in `cache_dir` for the next start; a warning for
/// the status line when it cannot be written.
pub(crate) fn save_index(index: &SearchIndex, key: &CorpusKey, cache_dir: &Path) -> Option<String> {
    index
        .save(cache_dir, key)
        .err()
        .map(|e| format!("search index not saved ({e})"))
}

/// The whole index of `corpus` (titles, names and every body) as `khobor search` and
/// [`Headless`] want it at once: the one saved in `cache_dir` when it is this corpus's, else built
/// (bodies through the body cache in `cache_dir`) and saved. Only a `complete` corpus (not one
/// still loading) is looked up and saved. The warnings met on the way.
pub(crate) fn full_index(
    corpus: &Corpus,
    cache_dir: Option<&Path>,
    complete: bool,
) -> (SearchIndex, Vec<String>) {
    let mut warnings = Vec::new();
    let saved_in = cache_dir.filter(|_| complete);
    let key = saved_in.map(|_| corpus_key(corpus));
    if let (Some(dir), Some(key)) = (saved_in, &key) {
        match SearchIndex::load_saved(dir, corpus, key) {
            Ok(Some(index)) => return (index, warnings),
            Ok(None) => {}
            Err(warning) => warnings.push(warning),
        }
    }
    let titles = SearchIndex::new(corpus);
    let sources = titles.bodies_to_read(corpus);
    let never = AtomicBool::new(false);
    let index = match with_bodies(&titles, &sources, cache_dir, key.as_ref(), &never) {
        Some((index, warning)) => {
            warnings.extend(warning);
            index
        }
        None => titles,
    };
    if let (Some(dir), Some(key)) = (saved_in, &key) {
        warnings.extend(save_index(&index, key, dir));
    }
    (index, warnings)
}

/// Reads the article at `article` (loaded from `path` with content `id`) again in full.
pub(crate) fn reload(article: usize, path: &str, id: ContentId, extractor: &Extractor) -> Action {
    let result = crate::reload::reload(path, id, extractor)
        .map(Arc::new)
        .map_err(|problem| problem.to_string());
    Action::Reloaded { article, result }
}

/// The snippet of each body around the first match of `highlighter`'s search, by article:
/// bodies held are cut at once, the others read from their files (each dataset once).
pub fn snippets(
    generation: u64,
    highlighter: &Highlighter,
    bodies: Vec<(usize, SnippetBody)>,
) -> Action {
    let mut snippets = Vec::with_capacity(bodies.len());
    let mut files: Vec<(usize, BodySource)> = Vec::new();
    for (article, body) in bodies {
        match body {
            SnippetBody::Held(body) => {
                snippets.push((article, highlighter.snippet(&body, SNIPPET_CHARS)));
            }
            SnippetBody::File(path, id) => files.push((article, (path, id))),
        }
    }
    let sources: Vec<BodySource> = files.iter().map(|(_, s)| s.clone()).collect();
    let mut read = vec![None; sources.len()];
    for_each_body(&sources, &mut |n, body| {
        read[n] = highlighter.snippet(&body, SNIPPET_CHARS);
    });
    snippets.extend(files.into_iter().map(|(article, _)| article).zip(read));
    Action::Snippets {
        generation,
        snippets,
    }
}

/// Saves `marks` to `store`, merged with what another khobor saved meanwhile; the merged state,
/// or why it could not be saved ([`Error::State`]).
pub(crate) fn save_marks(store: &StateStore, marks: &ReadingState) -> Result<ReadingState, Error> {
    store.save(marks).map_err(|e| Error::State {
        path: store.path().to_path_buf(),
        message: format!("could not save reading marks: {e}"),
    })
}

/// Runs queries against the newest index, reusing the last query's work while the user types.
#[derive(Default)]
pub(crate) struct Searcher {
    index: Arc<SearchIndex>,
    live: LiveSearch,
}

impl Searcher {
    /// Answers later queries from `index`.
    pub(crate) fn use_index(&mut self, index: Arc<SearchIndex>) {
        self.index = index;
        self.live.reset();
    }

    /// The hits for `query`; `None` when `cancel` was set before it finished.
    pub(crate) fn search(
        &mut self,
        query: &str,
        generation: u64,
        cancel: &AtomicBool,
    ) -> Option<Action> {
        let hits = self.live.run(&self.index, query, cancel)?;
        Some(Action::Searched { generation, hits })
    }

    /// The number of articles each of `queries` matches (their `is:` mark conditions aside:
    /// the marks are the app's); `None` when `cancel` was set before it finished.
    pub(crate) fn count(
        &self,
        queries: &[String],
        generation: u64,
        cancel: &AtomicBool,
    ) -> Option<Action> {
        let counts = queries
            .iter()
            .map(|q| {
                let query = crate::search::Query::parse(q);
                self.index.search_query(&query, cancel).map(|r| r.len())
            })
            .collect::<Option<Vec<usize>>>()?;
        Some(Action::Counted { generation, counts })
    }
}

/// Performs effects at once, on the calling thread, one after the other.
pub(crate) struct Inline {
    searcher: Searcher,
    extractor: Arc<Extractor>,
    /// Where the body cache is kept; `None`: bodies are read from their files every time.
    cache_dir: Option<PathBuf>,
    /// Warnings from the body cache, handed to the app after the index that met them.
    notices: Vec<String>,
}

impl Inline {
    pub(crate) fn new(extractor: Arc<Extractor>, cache_dir: Option<PathBuf>) -> Self {
        Self {
            searcher: Searcher::default(),
            extractor,
            cache_dir,
            notices: Vec::new(),
        }
    }

    /// The warnings met while performing the effects since last asked, for [`Action::Notice`].
    pub(crate) fn take_notices(&mut self) -> Vec<String> {
        std::mem::take(&mut self.notices)
    }

    /// What the worker would answer to `effect`; `None` for effects only a terminal can carry
    /// out (drawing, quitting, saving, opening a URL), which are given back.
    pub(crate) fn perform(&mut self, effect: Effect) -> Result<Action, Effect> {
        match effect {
            Effect::Index(snapshot) => {
                // The snapshot is dropped before the answer, as the worker does, so the app
                // owns its corpus again when it takes the answer. Only a complete corpus uses
                // and saves the index in the cache directory, as in the worker.
                let (_, action) = index(&snapshot.0);
                let (full, warnings) =
                    full_index(&snapshot.0, self.cache_dir.as_deref(), snapshot.1);
                drop(snapshot);
                self.notices.extend(warnings);
                self.searcher.use_index(Arc::new(full));
                Ok(action)
            }
            Effect::Search { query, generation } => self
                .searcher
                .search(&query, generation, &AtomicBool::new(false))
                .ok_or(Effect::Search { query, generation }),
            Effect::Reload { article, path, id } => Ok(reload(article, &path, id, &self.extractor)),
            Effect::CountSearches {
                generation,
                queries,
            } => self
                .searcher
                .count(&queries, generation, &AtomicBool::new(false))
                .ok_or(Effect::CountSearches {
                    generation,
                    queries,
                }),
            Effect::Snippets {
                generation,
                highlighter,
                bodies,
            } => Ok(snippets(generation, &highlighter, bodies)),
            other => Err(other),
        }
    }
}

/// An app whose effects are performed inline: what tests drive, with the reader's own code for
/// loading, indexing and searching.
pub struct Headless {
    app: App,
    work: Inline,
}

impl Headless {
    /// `app` with `articles` loaded into it as the loader streams them: one batch, then done.
    pub fn loaded(app: App, articles: Vec<Article>) -> Self {
        Self::loaded_with_cache(app, articles, None)
    }

    /// Like [`loaded`](Self::loaded), the bodies of articles loaded light indexed through the
    /// body cache in `cache_dir`, as the reader does.
    pub fn loaded_with_cache(app: App, articles: Vec<Article>, cache_dir: Option<PathBuf>) -> Self {
        let mut headless = Self {
            app,
            work: Inline::new(Arc::new(Extractor::new()), cache_dir),
        };
        headless.apply(Action::Load(LoadEvent::Articles(articles)));
        headless.apply(Action::Load(LoadEvent::Finished));
        headless
    }

    /// Applies `action` and every answer to the effects it leads to; returns the effects left
    /// for a terminal, in order.
    pub fn apply(&mut self, action: Action) -> Vec<Effect> {
        let mut queue = VecDeque::from([action]);
        let mut left = Vec::new();
        while let Some(action) = queue.pop_front() {
            for effect in update(&mut self.app, action) {
                match self.work.perform(effect) {
                    Ok(answer) => queue.push_back(answer),
                    Err(effect) => left.push(effect),
                }
                queue.extend(self.work.take_notices().into_iter().map(Action::Notice));
            }
        }
        left.dedup();
        left
    }
}

impl Deref for Headless {
    type Target = App;

    fn deref(&self) -> &App {
        &self.app
    }
}

impl DerefMut for Headless {
    fn deref_mut(&mut self) -> &mut App {
        &mut self.app
    }
}

#[cfg(all(test, target_os = "linux"))]
mod tests {
    /// The nice value of the calling thread.
    fn nice() -> libc::c_int {
        // SAFETY: plain system calls on the calling thread's id, with no pointers.
        unsafe { libc::getpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t) }
    }

    #[test]
    fn the_index_builds_yield_to_the_others() {
        let here = nice();
        let lowered = (here + super::BUILD_NICE).min(19);
        let bodies = super::body_pool().expect("the body thread starts");
        assert_eq!(bodies.install(nice), lowered);
        let titles = super::titles_pool().expect("the titles threads start");
        let all: Vec<libc::c_int> = titles.broadcast(|_| nice());
        assert_eq!(all, vec![lowered; titles.current_num_threads()]);
        assert_eq!(nice(), here, "only the pools' threads are lowered");
    }
}

#[cfg(test)]
mod body_tests {
    use super::*;
    use crate::extract::Extractor;

    #[test]
    fn a_corpus_still_loading_reads_no_file_once_an_index_is_saved() {
        let archive = tempfile::tempdir().expect("temp dir");
        let article = "উত্তরাঞ্চলের খবর\n\nটানা বৃষ্টিতে বন্যায় হাজারো মানুষ পানিবন্দি।\n";
        std::fs::write(archive.path().join("a.txt"), article).expect("write");
        let caches = tempfile::tempdir().expect("temp dir");
        let light = crate::load::LoadOptions::default().light(true);
        let paths = [archive.path().to_path_buf()];
        let (corpus, _) = Corpus::load_with(&paths, &Extractor::new(), &light).expect("loads");
        let titles = SearchIndex::new(&corpus);
        let sources = titles.bodies_to_read(&corpus);
        let never = AtomicBool::new(false);
        let dir = Some(caches.path());
        let finds = |index: &SearchIndex| !index.search("বন্যা").is_empty();

        // No index saved: a corpus still loading reads the file (and keeps its body).
        let (loading, _) = with_bodies(&titles, &sources, dir, None, &never).expect("bodies");
        assert!(finds(&loading));
        // Complete: the index is saved, and the body cache, whose body is in it, removed.
        let (full, warnings) = full_index(&corpus, dir, true);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert!(finds(&full));
        assert!(SearchIndex::any_saved(caches.path()));
        // Now a corpus still loading takes bodies from the (empty) body cache alone.
        let (loading, _) = with_bodies(&titles, &sources, dir, None, &never).expect("bodies");
        assert!(!finds(&loading));
    }
}
