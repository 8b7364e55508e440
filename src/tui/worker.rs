//! Indexing, filtering and reading articles again off the UI thread.
//!
//! Three threads: the indexer builds the search index and the facet lists from a corpus snapshot
//! (about a second at 100,000 articles), the searcher runs queries against the latest index, the
//! reader reads the selected article again in full ([`crate::reload`]). Kept apart so a query
//! typed while a new index is being built is still answered from the previous one at once, and
//! an article opens while a search runs. Each thread only ever works on the newest request it has: a burst of
//! keystrokes costs one search, not one per key, and a search made stale by a newer keystroke is
//! cancelled mid-way through its cancellation flag.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};

use crate::app::Facets;
use crate::article::ContentId;
use crate::corpus::Corpus;
use crate::extract::Extractor;
use crate::reload::{Reloaded, reload};
use crate::search::body::read_body;
use crate::search::{LiveSearch, Results, SearchIndex};

/// What the worker reports back to the event loop.
#[derive(Debug)]
pub enum Reply {
    /// An index over the first `articles` articles is in use; these are their facets.
    Indexed { articles: usize, facets: Facets },
    /// Hits for the search of this generation.
    Searched { generation: u64, hits: Results },
    /// The article at this index read again in full.
    Reloaded {
        article: usize,
        result: Result<Arc<Reloaded>, String>,
    },
}

/// An article to read again: its index, path and the content it had when loaded.
type ReloadRequest = (usize, String, ContentId);

enum SearchRequest {
    Index(Arc<SearchIndex>),
    Query {
        text: String,
        generation: u64,
        cancel: Arc<AtomicBool>,
    },
}

/// The runtime's handle on the two threads. Dropping it ends them.
pub struct Worker {
    index_tx: Sender<Arc<Corpus>>,
    /// Set when a snapshot is sent: stops the indexer reading bodies for an older one.
    newer: Arc<AtomicBool>,
    search_tx: Sender<SearchRequest>,
    reload_tx: Sender<ReloadRequest>,
    /// The flag of the search in flight, set when a newer one is asked for.
    cancel: Arc<AtomicBool>,
}

impl Worker {
    pub fn spawn(
        reply: impl Fn(Reply) + Send + Clone + 'static,
        extractor: Arc<Extractor>,
    ) -> std::io::Result<Self> {
        let (index_tx, index_rx) = mpsc::channel::<Arc<Corpus>>();
        let (search_tx, search_rx) = mpsc::channel::<SearchRequest>();
        let (reload_tx, reload_rx) = mpsc::channel::<ReloadRequest>();
        let to_searcher = search_tx.clone();
        let indexer_reply = reply.clone();
        let reloader_reply = reply.clone();
        let newer = Arc::new(AtomicBool::new(false));
        let indexer_newer = newer.clone();
        std::thread::Builder::new()
            .name("khobor-index".into())
            .spawn(move || index_loop(&index_rx, &to_searcher, &indexer_reply, &indexer_newer))?;
        std::thread::Builder::new()
            .name("khobor-search".into())
            .spawn(move || search_loop(&search_rx, &reply))?;
        std::thread::Builder::new()
            .name("khobor-reload".into())
            .spawn(move || reload_loop(&reload_rx, &extractor, &reloader_reply))?;
        Ok(Self {
            index_tx,
            newer,
            search_tx,
            reload_tx,
            cancel: Arc::new(AtomicBool::new(false)),
        })
    }

    /// Builds a new index and facets from `corpus`. The snapshot is dropped as soon as the
    /// index is built, before [`Reply::Indexed`] is sent, so the app owns its corpus again
    /// when that reply arrives.
    pub fn index(&self, corpus: Arc<Corpus>) {
        // A closed channel means the thread is gone; the reader keeps working unfiltered.
        self.newer.store(true, Ordering::Relaxed);
        let _ = self.index_tx.send(corpus);
    }

    /// Searches for `text`, cancelling the search in flight.
    pub fn search(&mut self, text: String, generation: u64) {
        self.cancel.store(true, Ordering::Relaxed);
        self.cancel = Arc::new(AtomicBool::new(false));
        let _ = self.search_tx.send(SearchRequest::Query {
            text,
            generation,
            cancel: self.cancel.clone(),
        });
    }
}

impl Worker {
    /// Reads the article at `article` (loaded from `path` with content `id`) again in full.
    pub fn reload(&self, article: usize, path: String, id: ContentId) {
        let _ = self.reload_tx.send((article, path, id));
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

/// Builds the index of each snapshot: titles and names first, sent at once; then, for a corpus
/// loaded light, the bodies read again from their files, on one thread of its own so that the
/// searches keep the other cores, and sent as a second index when done (unless a newer
/// snapshot came meanwhile).
fn index_loop(
    rx: &Receiver<Arc<Corpus>>,
    searcher: &Sender<SearchRequest>,
    reply: &impl Fn(Reply),
    newer: &AtomicBool,
) {
    let body_pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "khobor-bodies".into())
        .build()
        .ok();
    while let Ok(first) = rx.recv() {
        // Only the newest snapshot matters; older ones are dropped unindexed.
        newer.store(false, Ordering::Relaxed);
        let corpus = rx.try_iter().last().unwrap_or(first);
        let index = Arc::new(SearchIndex::new(&corpus));
        let facets = Facets::new(&corpus);
        let articles = corpus.articles.len();
        let sources = index.bodies_to_read(&corpus);
        drop(corpus);
        if searcher.send(SearchRequest::Index(index.clone())).is_err() {
            return;
        }
        reply(Reply::Indexed {
            articles,
            facets: facets.clone(),
        });
        let Some(pool) = &body_pool else {
            continue;
        };
        if sources.iter().all(Option::is_none) || newer.load(Ordering::Relaxed) {
            continue;
        }
        let with_bodies = pool.install(|| index.with_bodies_read(&sources, read_body, newer));
        if let Some(full) = with_bodies {
            if searcher.send(SearchRequest::Index(Arc::new(full))).is_err() {
                return;
            }
            reply(Reply::Indexed { articles, facets });
        }
    }
}

/// Only the newest request is read: holding `j` down asks for every article passed over.
fn reload_loop(rx: &Receiver<ReloadRequest>, extractor: &Extractor, reply: &impl Fn(Reply)) {
    while let Ok(first) = rx.recv() {
        let (article, path, id) = rx.try_iter().last().unwrap_or(first);
        let result = reload(&path, id, extractor).map(Arc::new);
        reply(Reply::Reloaded { article, result });
    }
}

fn search_loop(rx: &Receiver<SearchRequest>, reply: &impl Fn(Reply)) {
    let mut index = Arc::new(SearchIndex::default());
    let mut live = LiveSearch::new();
    while let Ok(first) = rx.recv() {
        let mut query = None;
        for request in std::iter::once(first).chain(rx.try_iter()) {
            match request {
                SearchRequest::Index(new) => {
                    index = new;
                    live.reset();
                }
                SearchRequest::Query {
                    text,
                    generation,
                    cancel,
                } => query = Some((text, generation, cancel)),
            }
        }
        let Some((text, generation, cancel)) = query else {
            continue;
        };
        if let Some(hits) = live.run(&index, &text, &cancel) {
            reply(Reply::Searched { generation, hits });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn indexes_then_answers_only_the_latest_query() {
        let (tx, rx) = mpsc::channel();
        let extractor = Arc::new(Extractor::new());
        let mut worker = Worker::spawn(
            move |r| {
                let _ = tx.send(r);
            },
            extractor.clone(),
        )
        .expect("threads");
        let (corpus, _) = Corpus::load(&[], &extractor).expect("seeds load");
        worker.index(Arc::new(corpus));
        let wait = || rx.recv_timeout(Duration::from_secs(30)).expect("reply");
        let Reply::Indexed { articles, facets } = wait() else {
            panic!("index first");
        };
        assert_eq!(articles, 4);
        assert!(facets.sources.iter().any(|s| s.name == "TASS"));
        worker.search("lavrov".into(), 1);
        let Reply::Searched { generation, hits } = wait() else {
            panic!("then hits");
        };
        assert_eq!(generation, 1);
        let found: Vec<usize> = hits.iter().map(|h| h.article).collect();
        assert_eq!(found, [0]);
        let seed = &corpus_paths()[2];
        worker.reload(2, seed.0.clone(), seed.1);
        let Reply::Reloaded { article, result } = wait() else {
            panic!("then the article");
        };
        assert_eq!(article, 2);
        let full = result.expect("a bundled seed reads");
        assert!(!full.changed && !full.article.body.is_empty());
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
