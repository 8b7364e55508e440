//! Indexing, filtering and reading articles again off the UI thread.
//!
//! Four threads, each doing what [`crate::work`] does for one kind of effect: the indexer builds
//! the search index and the facet lists from a corpus snapshot (timings in `docs/perf.md`), the
//! searcher runs queries against the latest index, the reloader reads the selected article again
//! in full ([`crate::reload`]), the snippet thread cuts body snippets for the list rows on
//! screen (reading their files). Kept apart so a query
//! typed while a new index is being built is still answered from the previous one at once, and
//! an article opens while a search runs. Each thread only ever works on the newest request it has: a burst of
//! keystrokes costs one search, not one per key, and a search made stale by a newer keystroke is
//! cancelled mid-way through its cancellation flag.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;

use crate::app::{Action, CorpusSnapshot, SnippetBody};
use crate::article::ContentId;
use crate::error::Error;
use crate::extract::Extractor;
use crate::search::{Highlighter, SearchIndex, corpus_key};
use crate::state::{ReadingState, StateStore};
use crate::work::{self, Searcher};

/// An article to read again: its index, path and the content it had when loaded.
type ReloadRequest = (usize, String, ContentId);

/// Bodies to cut snippets from, for the search of a generation and its highlighter.
type SnippetRequest = (u64, Highlighter, Vec<(usize, SnippetBody)>);

/// What the search thread answers from the newest index.
enum SearchJob {
    /// A query, for the list.
    Query(String),
    /// Saved searches to count, for the picker.
    Count(Vec<String>),
}

/// A job, the generation the app gave it, and the flag that cancels it.
type SearchRequest = (SearchJob, u64, Arc<AtomicBool>);

/// The newest index built, waiting for the searcher to pick it up with its next query.
type IndexSlot = Arc<Mutex<Option<Arc<SearchIndex>>>>;

/// Runs `work` on the newest of the requests waiting each time some arrive, dropping the older
/// ones, until the sender is gone.
fn newest_only<T>(rx: &Receiver<T>, mut work: impl FnMut(T)) {
    while let Ok(first) = rx.recv() {
        work(rx.try_iter().last().unwrap_or(first));
    }
}

/// The runtime's handle on the index, search and reload threads. Dropping it ends them.
pub(super) struct Worker {
    index_tx: Sender<CorpusSnapshot>,
    /// Set when a snapshot is sent: stops the indexer reading bodies for an older one.
    newer: Arc<AtomicBool>,
    search_tx: Sender<SearchRequest>,
    reload_tx: Sender<ReloadRequest>,
    snippet_tx: Sender<SnippetRequest>,
    /// The flag of the search in flight, set when a newer one is asked for.
    cancel: Arc<AtomicBool>,
}

impl Worker {
    /// Starts the threads; each answers through `reply` with the action the app takes.
    pub(super) fn spawn(
        reply: impl Fn(Action) + Send + Clone + 'static,
        extractor: Arc<Extractor>,
        cache_dir: Option<PathBuf>,
    ) -> std::io::Result<Self> {
        let (index_tx, index_rx) = mpsc::channel::<CorpusSnapshot>();
        let (search_tx, search_rx) = mpsc::channel::<SearchRequest>();
        let (reload_tx, reload_rx) = mpsc::channel::<ReloadRequest>();
        let (snippet_tx, snippet_rx) = mpsc::channel::<SnippetRequest>();
        let slot = IndexSlot::default();
        let indexer_slot = slot.clone();
        let indexer_reply = reply.clone();
        let reloader_reply = reply.clone();
        let snippet_reply = reply.clone();
        let newer = Arc::new(AtomicBool::new(false));
        let indexer_newer = newer.clone();
        std::thread::Builder::new()
            .name("khobor-index".into())
            .spawn(move || {
                let target = IndexTarget {
                    slot: &indexer_slot,
                    cache_dir: cache_dir.as_deref(),
                };
                index_loop(&index_rx, &target, &indexer_reply, &indexer_newer);
            })?;
        std::thread::Builder::new()
            .name("khobor-search".into())
            .spawn(move || search_loop(&search_rx, &slot, &reply))?;
        std::thread::Builder::new()
            .name("khobor-reload".into())
            .spawn(move || {
                newest_only(&reload_rx, |(article, path, id)| {
                    reloader_reply(work::reload(article, &path, id, &extractor));
                });
            })?;
        std::thread::Builder::new()
            .name("khobor-snippet".into())
            .spawn(move || {
                newest_only(&snippet_rx, |(generation, highlighter, bodies)| {
                    snippet_reply(work::snippets(generation, &highlighter, bodies));
                });
            })?;
        Ok(Self {
            index_tx,
            newer,
            search_tx,
            reload_tx,
            snippet_tx,
            cancel: Arc::new(AtomicBool::new(false)),
        })
    }

    /// Builds a new index and facets from `snapshot`. The snapshot is dropped as soon as the
    /// index is built, before [`Action::Indexed`] is sent, so the app owns its corpus again
    /// when that answer arrives.
    pub(super) fn index(&self, snapshot: CorpusSnapshot) {
        // A closed channel means the thread is gone; the reader keeps working unfiltered.
        self.newer.store(true, Ordering::Relaxed);
        let _ = self.index_tx.send(snapshot);
    }

    /// Searches for `text`, cancelling the search in flight.
    pub(super) fn search(&mut self, text: String, generation: u64) {
        self.cancel.store(true, Ordering::Relaxed);
        self.cancel = Arc::new(AtomicBool::new(false));
        let _ = self
            .search_tx
            .send((SearchJob::Query(text), generation, self.cancel.clone()));
    }

    /// Counts the articles each saved query matches, cancelling the search in flight (the
    /// picker holds the keys meanwhile, so no query is typed).
    pub(super) fn count(&mut self, queries: Vec<String>, generation: u64) {
        self.cancel.store(true, Ordering::Relaxed);
        self.cancel = Arc::new(AtomicBool::new(false));
        let job = SearchJob::Count(queries);
        let _ = self.search_tx.send((job, generation, self.cancel.clone()));
    }

    /// Reads the article at `article` (loaded from `path` with content `id`) again in full.
    /// Holding `j` down asks for every article passed over; only the newest is read.
    pub(super) fn reload(&self, article: usize, path: String, id: ContentId) {
        let _ = self.reload_tx.send((article, path, id));
    }

    /// Cuts snippets of `bodies` for the search of `generation`; only the newest request
    /// waiting is served (it covers the rows on screen now).
    pub(super) fn snippets(
        &self,
        generation: u64,
        highlighter: Highlighter,
        bodies: Vec<(usize, SnippetBody)>,
    ) {
        let _ = self.snippet_tx.send((generation, highlighter, bodies));
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// The thread that saves the reading marks: locking, merging and syncing the state file takes
/// long enough to be felt between two key presses.
pub(super) struct Saver {
    tx: Sender<(u64, ReadingState)>,
    thread: JoinHandle<()>,
    /// The number of the newest save asked for.
    asked: u64,
}

impl Saver {
    /// Starts the thread; it answers each save it made through `reply`, with the save's number.
    pub(super) fn spawn(
        store: StateStore,
        reply: impl Fn(u64, Result<ReadingState, Error>) + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel::<(u64, ReadingState)>();
        let thread = std::thread::Builder::new()
            .name("khobor-save".into())
            .spawn(move || {
                newest_only(&rx, |(asked, state)| {
                    reply(asked, work::save_marks(&store, &state));
                });
            })?;
        Ok(Self {
            tx,
            thread,
            asked: 0,
        })
    }

    /// Saves `state`, after (or instead of) the saves asked for before.
    pub(super) fn save(&mut self, state: ReadingState) {
        self.asked += 1;
        let _ = self.tx.send((self.asked, state));
    }

    /// Whether `asked` is the newest save asked for.
    pub(super) fn is_latest(&self, asked: u64) -> bool {
        asked == self.asked
    }

    /// Waits until the saves asked for are done.
    pub(super) fn finish(self) {
        drop(self.tx);
        // A panic while saving has been reported on stderr already; nothing more to add.
        let _ = self.thread.join();
    }
}

/// Where the indexer hands its indexes over, and where it keeps the body cache.
struct IndexTarget<'a> {
    slot: &'a IndexSlot,
    cache_dir: Option<&'a Path>,
}

/// Builds the index of each snapshot. A complete corpus whose index was saved in the cache
/// directory takes it from there whole. Otherwise titles and names first, on a pool of their own
/// at a lower priority ([`work::titles_pool`]), handed over at once; then, for a corpus loaded
/// light, the bodies from the body cache or read again from their files, on a thread of its own
/// at a lower priority ([`work::body_pool`]) so that the searches keep the cores, and handed over
/// as a second index when done (unless a newer snapshot came meanwhile), then saved for the next
/// start when the corpus is complete.
fn index_loop(
    rx: &Receiver<CorpusSnapshot>,
    target: &IndexTarget,
    reply: &impl Fn(Action),
    newer: &AtomicBool,
) {
    let slot = target.slot;
    let titles_pool = work::titles_pool();
    let body_pool = work::body_pool();
    let hand_over = |index: Arc<SearchIndex>| {
        *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(index);
    };
    newest_only(rx, |CorpusSnapshot(corpus, complete)| {
        newer.store(false, Ordering::Relaxed);
        let saved_to = target.cache_dir.filter(|_| complete);
        let key = saved_to.map(|_| corpus_key(&corpus));
        if let (Some(dir), Some(key)) = (saved_to, &key) {
            let (saved, warning) = on_pool(titles_pool.as_ref(), || {
                work::saved_index(&corpus, key, dir)
            });
            if let Some(warning) = warning {
                reply(Action::Notice(warning));
            }
            if let Some((index, indexed)) = saved {
                drop(corpus);
                hand_over(Arc::new(index));
                reply(indexed);
                return;
            }
        }
        let (index, indexed) = on_pool(titles_pool.as_ref(), || work::index(&corpus));
        let index = Arc::new(index);
        let sources = index.bodies_to_read(&corpus);
        drop(corpus);
        hand_over(index.clone());
        reply(indexed.clone());
        let Some(pool) = &body_pool else {
            return;
        };
        if newer.load(Ordering::Relaxed) {
            return;
        }
        let bodies = || work::with_bodies(&index, &sources, target.cache_dir, key.as_ref(), newer);
        if let Some((full, warning)) = pool.install(bodies) {
            let full = Arc::new(full);
            hand_over(full.clone());
            reply(indexed);
            if let Some(warning) = warning {
                reply(Action::Notice(warning));
            }
            if let (Some(dir), Some(key)) = (saved_to, &key)
                && let Some(warning) = work::save_index(&full, key, dir)
            {
                reply(Action::Notice(warning));
            }
        }
    });
}

/// Runs `work` on `pool`, or on the calling thread (and rayon's global pool) without one.
fn on_pool<R: Send>(pool: Option<&rayon::ThreadPool>, work: impl FnOnce() -> R + Send) -> R {
    match pool {
        Some(pool) => pool.install(work),
        None => work(),
    }
}

/// Answers the newest query (or count) from the newest index handed over.
fn search_loop(rx: &Receiver<SearchRequest>, slot: &IndexSlot, reply: &impl Fn(Action)) {
    let mut searcher = Searcher::default();
    newest_only(rx, |(job, generation, cancel)| {
        if let Some(index) = slot.lock().unwrap_or_else(PoisonError::into_inner).take() {
            searcher.use_index(index);
        }
        let answer = match job {
            SearchJob::Query(text) => searcher.search(&text, generation, &cancel),
            SearchJob::Count(queries) => searcher.count(&queries, generation, &cancel),
        };
        if let Some(answer) = answer {
            reply(answer);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Corpus;
    use std::time::{Duration, Instant};

    /// A worker asked to index the bundled seeds, and where its replies arrive.
    fn seeds_worker() -> (Worker, mpsc::Receiver<Action>) {
        let (tx, rx) = mpsc::channel();
        let extractor = Arc::new(Extractor::new());
        let worker = Worker::spawn(
            move |r| {
                let _ = tx.send(r);
            },
            extractor.clone(),
            None,
        )
        .expect("threads");
        let (corpus, _) = Corpus::load(&[], &extractor).expect("seeds load");
        worker.index(CorpusSnapshot(Arc::new(corpus), true));
        (worker, rx)
    }

    #[test]
    fn indexes_then_answers_only_the_latest_query() {
        let (mut worker, rx) = seeds_worker();
        let wait = || rx.recv_timeout(Duration::from_secs(30)).expect("reply");
        let Action::Indexed {
            articles, facets, ..
        } = wait()
        else {
            panic!("index first");
        };
        assert_eq!(articles, 4);
        assert!(facets.sources.iter().any(|s| s.name == "TASS"));
        worker.search("lavrov".into(), 1);
        let Action::Searched { generation, hits } = wait() else {
            panic!("then hits");
        };
        assert_eq!(generation, 1);
        let found: Vec<usize> = hits.iter().map(|h| h.article).collect();
        assert_eq!(found, [0]);
        worker.count(vec!["lavrov".into(), "!lavrov".into()], 2);
        let Action::Counted { generation, counts } = wait() else {
            panic!("then the counts");
        };
        assert_eq!((generation, counts), (2, vec![1, 3]));
        let seed = &corpus_paths()[2];
        worker.reload(2, seed.0.clone(), seed.1);
        let Action::Reloaded { article, result } = wait() else {
            panic!("then the article");
        };
        assert_eq!(article, 2);
        let full = result.expect("a bundled seed reads");
        assert!(!full.changed && !full.article.body.is_empty());
    }

    #[test]
    fn the_snippet_thread_cuts_held_bodies_and_read_ones() {
        let (mut worker, rx) = seeds_worker();
        let wait = || rx.recv_timeout(Duration::from_secs(30)).expect("reply");
        assert!(matches!(wait(), Action::Indexed { .. }));
        worker.search("লাভরভ".into(), 1);
        let Action::Searched { hits, .. } = wait() else {
            panic!("hits");
        };
        let seeds = corpus_paths();
        let (path, id) = seeds[hits[0].article].clone();
        let held = vec!["সের্গেই লাভরভের সফর".to_string()];
        worker.snippets(
            7,
            hits.highlighter.clone(),
            vec![
                (0, SnippetBody::Held(held)),
                (1, SnippetBody::File(path, id)),
            ],
        );
        let Action::Snippets {
            generation,
            snippets,
        } = wait()
        else {
            panic!("snippets");
        };
        assert_eq!(generation, 7);
        assert_eq!(snippets.len(), 2);
        for (_, snippet) in snippets {
            let snippet = snippet.expect("both bodies name him");
            let first = snippet.ranges.first().expect("a match").clone();
            assert!(snippet.text[first].starts_with("লাভরভ"), "{}", snippet.text);
        }
    }

    /// The index files in `dir`.
    fn index_files(dir: &Path) -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .expect("list")
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                let name = p.to_string_lossy();
                name.contains("index-") && name.ends_with(".bin")
            })
            .collect()
    }

    #[test]
    fn a_complete_corpus_saves_its_index_and_the_next_start_loads_it() {
        let caches = tempfile::tempdir().expect("temp dir");
        let light = crate::load::LoadOptions::default().light(true);
        let extractor = Arc::new(Extractor::new());
        let (corpus, _) = Corpus::load_with(&[], &extractor, &light).expect("seeds load");
        let corpus = Arc::new(corpus);
        let start = |complete: bool| {
            let (tx, rx) = mpsc::channel();
            let worker = Worker::spawn(
                move |r| {
                    let _ = tx.send(r);
                },
                extractor.clone(),
                Some(caches.path().to_path_buf()),
            )
            .expect("threads");
            worker.index(CorpusSnapshot(corpus.clone(), complete));
            (worker, rx)
        };
        let wait = |rx: &mpsc::Receiver<Action>| rx.recv_timeout(Duration::from_secs(30));

        // While loading: titles, then bodies, and nothing saved.
        let (worker, rx) = start(false);
        assert!(matches!(wait(&rx), Ok(Action::Indexed { .. })));
        assert!(matches!(wait(&rx), Ok(Action::Indexed { .. })));
        drop(worker);
        assert!(index_files(caches.path()).is_empty());

        // Complete: saved once the bodies are in.
        let (worker, _rx) = start(true);
        let deadline = Instant::now() + Duration::from_secs(30);
        while index_files(caches.path()).is_empty() && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        drop(worker);
        let files = index_files(caches.path());
        assert_eq!(files.len(), 1);

        // The next start reads it: a damaged file is reported, and the index built again.
        let good = std::fs::read(&files[0]).expect("read");
        std::fs::write(&files[0], &good[..good.len() / 2]).expect("damage");
        let (mut worker, rx) = start(true);
        assert!(
            matches!(wait(&rx), Ok(Action::Notice(n)) if n.contains("unusable")),
            "a warning first"
        );
        assert!(matches!(wait(&rx), Ok(Action::Indexed { .. })));
        assert!(matches!(wait(&rx), Ok(Action::Indexed { .. })));
        worker.search("লাভরভ".into(), 1);
        let Ok(Action::Searched { hits, .. }) = wait(&rx) else {
            panic!("hits");
        };
        assert!(!hits.is_empty());
        let deadline = Instant::now() + Duration::from_secs(30);
        while std::fs::read(&files[0]).ok().as_ref() != Some(&good) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(20));
        }
        drop(worker);

        // Intact: loaded whole, so one index is handed over, not titles and then bodies.
        let (mut worker, rx) = start(true);
        let first = wait(&rx);
        assert!(matches!(first, Ok(Action::Indexed { .. })), "{first:?}");
        assert!(
            rx.recv_timeout(Duration::from_secs(2)).is_err(),
            "no second index"
        );
        worker.search("লাভরভ".into(), 2);
        let Ok(Action::Searched { hits: again, .. }) = wait(&rx) else {
            panic!("hits");
        };
        let found = |r: &crate::search::Results| -> Vec<(usize, i64)> {
            r.iter().map(|h| (h.article, h.score)).collect()
        };
        assert_eq!(found(&again), found(&hits));
    }

    /// Paths and content ids of the bundled seeds.
    fn corpus_paths() -> Vec<(String, ContentId)> {
        let light = crate::load::LoadOptions::default().light(true);
        let (corpus, _) = Corpus::load_with(&[], &Extractor::new(), &light).expect("seeds load");
        corpus
            .articles
            .iter()
            .map(|a| (a.path.clone(), a.id))
            .collect()
    }
}
