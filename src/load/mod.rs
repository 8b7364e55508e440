//! Loading a corpus as a stream, so a reader can show the first titles while the rest of a large
//! archive is still being read.
//!
//! One pipeline serves both the blocking [`Corpus::load`](crate::corpus::Corpus::load) of the
//! command-line tools and the reader's background load ([`spawn`]):
//! 1. discover the files (in a deterministic order);
//! 2. in chunks, in discovery order: on rayon workers, take each file's article whole from the
//!    file cache when its `stat` stamp is unchanged, or read, clean and parse it and fill in its
//!    entities from the extraction cache; send the articles ([`LoadEvent::Articles`]);
//! 3. extract entities for the chunk's uncached articles on rayon workers and send them
//!    ([`LoadEvent::Entities`]), then go on with the next chunk ([`pipeline`]).
//!
//! Articles keep their discovery order, so an article's index is final the moment it arrives and
//! the result is the same on every run. The first chunk is small, so the first titles come after
//! a few milliseconds of work; later chunks are larger, so the per-chunk overhead vanishes.
//! Extraction works on copies of only the current chunk's text: memory stays bounded however far
//! the reader (which owns the articles) is from the end.

mod events;
mod pipeline;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::thread::JoinHandle;

use crate::cache;
use crate::error::Error;
use crate::extract::Extractor;
use crate::ingest;
pub use events::LoadEvent;
pub(crate) use events::{Progress, ProgressSnapshot, Refresh};
use pipeline::{Input, Pipeline};

/// Files in the first chunk: enough to fill a screen.
const FIRST_CHUNK: usize = 128;
/// Files in every later chunk.
const CHUNK: usize = 2048;
/// Below this many files the caches are not used: loading a few hundred articles takes less
/// time than reading a cache file that may hold a whole archive.
pub(crate) const CACHE_MIN_FILES: usize = 256;
/// Fewer files than that are cached too when together they are this large: a dataset.
pub(crate) const CACHE_MIN_BYTES: u64 = 1024 * 1024;
/// Environment variable naming the directory of the caches (default: the XDG cache
/// directory).
pub(crate) const CACHE_DIR_ENV: &str = "KHOBOR_CACHE_DIR";

/// How to load.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// Directory of the caches; `None` disables them.
    pub cache_dir: Option<PathBuf>,
    /// Send articles light ([`crate::article::Article::make_light`]): without bodies, entity spans in the title
    /// only. For the reader and the tools that never print a body: at 100,000 articles this
    /// halves the memory, and the one article on screen is read again in full
    /// ([`crate::reload`]).
    pub light: bool,
}

impl LoadOptions {
    /// The user's setting: `$KHOBOR_CACHE_DIR` if set, else the XDG cache directory; no cache
    /// when `no_cache`.
    pub(crate) fn from_env(no_cache: bool) -> Self {
        let cache_dir = if no_cache {
            None
        } else {
            std::env::var_os(CACHE_DIR_ENV)
                .filter(|d| !d.is_empty())
                .map(PathBuf::from)
                .or_else(cache::default_dir)
        };
        Self {
            cache_dir,
            light: false,
        }
    }

    /// The same options, loading light or not.
    pub fn light(self, light: bool) -> Self {
        Self { light, ..self }
    }
}

/// A load running on a background thread. Dropping the handle cancels the load.
#[derive(Debug)]
pub struct LoadHandle {
    /// The load's events, in the order [`LoadEvent`] describes; closed when the load ends.
    pub events: Receiver<LoadEvent>,
    pub(crate) progress: Arc<Progress>,
    cancel: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl LoadHandle {
    /// Asks the pipeline to stop; it does so within one chunk of work.
    pub(crate) fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }
}

impl Drop for LoadHandle {
    fn drop(&mut self) {
        self.cancel();
        if let Some(t) = self.thread.take() {
            // A panicked loader has nothing left to clean up.
            let _ = t.join();
        }
    }
}

/// Starts loading `paths` (no paths: the bundled seeds) on a background thread; events arrive on
/// [`LoadHandle::events`].
pub fn spawn(paths: Vec<PathBuf>, extractor: Arc<Extractor>, options: LoadOptions) -> LoadHandle {
    let (tx, rx) = mpsc::channel();
    let progress = Arc::new(Progress::default());
    let cancel = Arc::new(AtomicBool::new(false));
    let thread = {
        let (progress, cancel) = (progress.clone(), cancel.clone());
        std::thread::Builder::new()
            .name("khobor-load".into())
            .spawn(move || {
                // A closed channel means nobody listens any more: stop.
                let mut sink = |e| {
                    if tx.send(e).is_err() {
                        cancel.store(true, Ordering::Relaxed);
                    }
                };
                if let Err(e) = run(&paths, &extractor, &options, &progress, &cancel, &mut sink) {
                    sink(LoadEvent::Failed(e.to_string()));
                }
            })
    };
    let thread = match thread {
        Ok(t) => Some(t),
        Err(e) => {
            // No thread, no load: say so on the channel the caller reads.
            let (tx, rx) = mpsc::channel();
            let _ = tx.send(LoadEvent::Failed(format!("cannot start loading: {e}")));
            return LoadHandle {
                events: rx,
                progress,
                cancel,
                thread: None,
            };
        }
    };
    LoadHandle {
        events: rx,
        progress,
        cancel,
        thread,
    }
}

/// Runs the whole pipeline on the calling thread (work fans out to the rayon pool), handing each
/// event to `sink`. Stops early when `cancel` is set; no `Finished` is sent then. A PATH that
/// does not exist fails the load before anything is sent ([`Error::MissingPath`]).
pub(crate) fn run(
    paths: &[PathBuf],
    extractor: &Extractor,
    options: &LoadOptions,
    progress: &Progress,
    cancel: &AtomicBool,
    sink: &mut dyn FnMut(LoadEvent),
) -> Result<(), Error> {
    let input = if paths.is_empty() {
        Input::Bundled
    } else {
        match ingest::discover(paths) {
            Ok((files, problems)) => {
                progress
                    .problems
                    .fetch_add(problems.len(), Ordering::Relaxed);
                if !problems.is_empty() {
                    sink(LoadEvent::Problems(problems));
                }
                Input::Files(files)
            }
            Err(e) => {
                progress.done.store(true, Ordering::Relaxed);
                return Err(e);
            }
        }
    };
    let files = input.len();
    progress.discovered.store(files, Ordering::Relaxed);
    sink(LoadEvent::Discovered { files });
    let mut pipeline = Pipeline::new(input, extractor, options, progress, cancel);
    let mut start = 0;
    while start < files {
        let len = if start == 0 { FIRST_CHUNK } else { CHUNK };
        let range = start..files.min(start + len);
        start = range.end;
        if pipeline.chunk(range, sink).is_none() {
            progress.done.store(true, Ordering::Relaxed);
            return Ok(());
        }
    }
    pipeline.save(sink);
    progress.done.store(true, Ordering::Relaxed);
    sink(LoadEvent::Finished);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Block;
    use crate::corpus::Corpus;

    /// A directory of `n` small articles naming people the gazetteer knows.
    fn corpus_dir(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("temp dir");
        for i in 0..n {
            let text = format!(
                "পুতিনের সঙ্গে বৈঠক {i}\n\nমস্কোয় রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিন বলেন, আলোচনা চলবে। সূত্র: বিবিসি\n"
            );
            std::fs::write(dir.path().join(format!("{i:04}.txt")), text).expect("write");
        }
        std::fs::write(dir.path().join("empty.txt"), "").expect("write");
        dir
    }

    /// Options with the caches in `cache`, light or not.
    fn cached_in(cache: &tempfile::TempDir, light: bool) -> LoadOptions {
        LoadOptions {
            cache_dir: Some(cache.path().to_path_buf()),
            light,
        }
    }

    fn collect(paths: &[PathBuf], options: &LoadOptions) -> (Vec<LoadEvent>, ProgressSnapshot) {
        let progress = Progress::default();
        let mut events = Vec::new();
        run(
            paths,
            &Extractor::new(),
            options,
            &progress,
            &AtomicBool::new(false),
            &mut |e| events.push(e),
        )
        .expect("the paths exist");
        (events, progress.snapshot())
    }

    #[test]
    fn articles_stream_in_discovery_order_small_batch_first_entities_after() {
        let dir = corpus_dir(300);
        let (events, progress) = collect(&[dir.path().to_path_buf()], &LoadOptions::default());
        assert!(matches!(events[0], LoadEvent::Discovered { files: 301 }));
        assert!(matches!(events.last(), Some(LoadEvent::Finished)));
        let mut corpus = Corpus::default();
        let mut batches = Vec::new();
        let mut problems = 0;
        for e in events {
            match e {
                LoadEvent::Articles(a) => {
                    batches.push(a.len());
                    assert!(
                        a.iter().all(|a| a.entities.is_empty()),
                        "no cache: none yet"
                    );
                    corpus.articles.extend(a);
                }
                LoadEvent::Entities(e) => {
                    assert!(e.iter().all(|(i, _)| *i < corpus.articles.len()));
                    corpus.set_entities(e);
                }
                LoadEvent::Problems(p) => problems += p.len(),
                _ => {}
            }
        }
        assert_eq!(batches[0], FIRST_CHUNK);
        assert_eq!(batches.iter().sum::<usize>(), 300);
        assert_eq!(problems, 1, "the empty file");
        assert_eq!(progress.parsed, 301);
        assert_eq!(progress.extracted, 300);
        assert!(progress.done);
        let (blocking, report) =
            Corpus::load(&[dir.path().to_path_buf()], &Extractor::new()).expect("loads");
        assert_eq!(report.problems.len(), 1);
        assert_eq!(blocking.articles, corpus.articles);
        assert!(corpus.articles[0].title.starts_with("পুতিনের সঙ্গে বৈঠক 0"));
        assert!(
            corpus.articles[299]
                .entities
                .iter()
                .any(|e| e.name_en.as_deref() == Some("Vladimir Putin"))
        );
    }

    #[test]
    fn second_load_takes_entities_from_the_cache() {
        let dir = corpus_dir(CACHE_MIN_FILES);
        let cache = tempfile::tempdir().expect("cache dir");
        let options = cached_in(&cache, false);
        let paths = [dir.path().to_path_buf()];
        let (first, cold) = collect(&paths, &options);
        assert_eq!(cold.cached, 0);
        assert_eq!(cold.extracted, CACHE_MIN_FILES);
        let (second, warm) = collect(&paths, &options);
        assert_eq!(warm.cached, CACHE_MIN_FILES);
        let (cold, _) =
            Corpus::load_with(&paths, &Extractor::new(), &LoadOptions::default()).expect("loads");
        let mut warm_corpus = Corpus::default();
        for e in second {
            match e {
                LoadEvent::Articles(a) => warm_corpus.articles.extend(a),
                LoadEvent::Entities(e) => warm_corpus.set_entities(e),
                _ => {}
            }
        }
        assert_eq!(warm_corpus.articles, cold.articles);
        assert!(first.iter().any(|e| matches!(e, LoadEvent::Entities(_))));
    }

    #[test]
    fn light_loads_hold_no_text_cold_or_cached() {
        let dir = corpus_dir(CACHE_MIN_FILES);
        let cache = tempfile::tempdir().expect("cache dir");
        let paths = [dir.path().to_path_buf()];
        let extractor = Extractor::new();
        let (full, _) = Corpus::load(&paths, &extractor).expect("loads");
        let light = cached_in(&cache, true);
        for round in ["cold", "cached"] {
            let (lean, _) = Corpus::load_with(&paths, &extractor, &light).expect("loads");
            assert_eq!(lean.articles.len(), full.articles.len(), "{round}");
            for (lean, full) in lean.articles.iter().zip(&full.articles) {
                let mut expected = full.clone();
                expected.make_light();
                assert_eq!(lean, &expected, "{round}");
                assert!(lean.body.is_empty() && !full.body.is_empty());
                assert!(
                    lean.entities
                        .iter()
                        .flat_map(|e| &e.spans)
                        .all(|s| s.block == Block::Title)
                );
            }
        }
    }

    #[test]
    fn unchanged_files_are_not_read_again_edited_ones_are() {
        let dir = corpus_dir(CACHE_MIN_FILES);
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        let backdate = |path: &std::path::Path| {
            let f = std::fs::File::options()
                .write(true)
                .open(path)
                .expect("open");
            f.set_modified(an_hour_ago).expect("set mtime");
        };
        for f in std::fs::read_dir(dir.path()).expect("list").flatten() {
            backdate(&f.path());
        }
        let cache = tempfile::tempdir().expect("cache dir");
        let paths = [dir.path().to_path_buf()];
        let light = cached_in(&cache, true);
        let corpus = |events: Vec<LoadEvent>| {
            let mut corpus = Corpus::default();
            for e in events {
                match e {
                    LoadEvent::Articles(a) => corpus.articles.extend(a),
                    LoadEvent::Entities(e) => corpus.set_entities(e),
                    _ => {}
                }
            }
            corpus
        };
        let (first, cold) = collect(&paths, &light);
        assert_eq!((cold.cached, cold.files_not_read), (0, 0));
        let (second, warm) = collect(&paths, &light);
        // Not even the first screenful is read: it waits for the cache.
        assert_eq!(warm.files_not_read, CACHE_MIN_FILES);
        assert_eq!(warm.cached, CACHE_MIN_FILES);
        assert_eq!(corpus(second).articles, corpus(first).articles);

        // The same folder by a relative path: the same records.
        let cwd = std::env::current_dir().expect("cwd");
        let up: PathBuf = cwd.components().skip(1).map(|_| "..").collect();
        let relative = up.join(dir.path().strip_prefix("/").expect("absolute"));
        let (_, by_relative_path) = collect(&[relative], &light);
        assert_eq!(by_relative_path.files_not_read, warm.files_not_read);

        let edited = dir.path().join("0200.txt");
        std::fs::write(&edited, "লাভরভের সফর\n\nমস্কোয় লাভরভ বলেন।\n").expect("edit");
        backdate(&edited);
        let (third, after_edit) = collect(&paths, &light);
        assert_eq!(after_edit.files_not_read, CACHE_MIN_FILES - 1);
        assert_eq!(after_edit.cached, CACHE_MIN_FILES - 1);
        let third = corpus(third);
        assert_eq!(third.articles[200].title, "লাভরভের সফর");
        assert!(
            third.articles[200]
                .entities
                .iter()
                .any(|e| &*e.id == "gaz:lavrov")
        );
    }

    #[test]
    fn small_corpora_and_disabled_cache_write_no_cache_file() {
        let dir = corpus_dir(3);
        let cache = tempfile::tempdir().expect("cache dir");
        let options = cached_in(&cache, false);
        collect(&[dir.path().to_path_buf()], &options);
        let written = std::fs::read_dir(cache.path()).expect("list").count();
        assert_eq!(written, 0);
        assert!(LoadOptions::from_env(true).cache_dir.is_none());
    }

    #[test]
    fn a_corrupt_cache_is_reported_and_rebuilt() {
        let dir = corpus_dir(CACHE_MIN_FILES);
        let cache = tempfile::tempdir().expect("cache dir");
        let options = cached_in(&cache, false);
        let paths = [dir.path().to_path_buf()];
        collect(&paths, &options);
        for f in std::fs::read_dir(cache.path()).expect("list").flatten() {
            std::fs::write(f.path(), b"KHOBORX2 garbage garbage garbage").expect("corrupt");
        }
        let (events, progress) = collect(&paths, &options);
        assert_eq!(progress.cached, 0);
        assert!(events.iter().any(|e| matches!(e,
            LoadEvent::Problems(p) if p.iter().any(|p| p.reason.contains("unusable")))));
        let (_, again) = collect(&paths, &options);
        assert_eq!(again.cached, CACHE_MIN_FILES);
    }

    #[test]
    fn cancelled_load_stops_without_finishing() {
        let dir = corpus_dir(3);
        let mut events = Vec::new();
        run(
            &[dir.path().to_path_buf()],
            &Extractor::new(),
            &LoadOptions::default(),
            &Progress::default(),
            &AtomicBool::new(true),
            &mut |e| events.push(e),
        )
        .expect("the path exists");
        assert!(!events.iter().any(|e| matches!(e, LoadEvent::Finished)));
        assert!(!events.iter().any(|e| matches!(e, LoadEvent::Articles(_))));
    }

    #[test]
    fn spawned_load_reports_over_a_channel() {
        let handle = spawn(
            Vec::new(),
            Arc::new(Extractor::new()),
            LoadOptions::default(),
        );
        let events: Vec<LoadEvent> = handle.events.iter().collect();
        assert!(matches!(events.last(), Some(LoadEvent::Finished)));
        let articles: usize = events
            .iter()
            .map(|e| match e {
                LoadEvent::Articles(a) => a.len(),
                _ => 0,
            })
            .sum();
        assert_eq!(articles, crate::seeds::BUNDLED.len());
        assert!(handle.progress.snapshot().done);
        let missing = spawn(
            vec![PathBuf::from("/nonexistent/khobor")],
            Arc::new(Extractor::new()),
            LoadOptions::default(),
        );
        assert!(matches!(missing.events.recv(), Ok(LoadEvent::Failed(_))));
    }

    /// A large dataset reaches the reader a batch of rows at a time, each batch's entities
    /// before the next batch, bodies already dropped; read whole, it is remembered in the file
    /// cache like any file.
    #[test]
    fn a_large_dataset_streams_in_batches_and_is_cached_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let rows = 1000;
        let mut csv = String::from("title,body\n");
        // One long word per body: over the streaming size at little extraction cost.
        let word = "ক".repeat(3000);
        for i in 0..rows {
            csv.push_str(&format!("ঢাকায় বৈঠক {i},{word}\n"));
        }
        let path = dir.path().join("big.csv");
        std::fs::write(&path, csv).expect("write");
        // Written long enough ago for its stamp to be trusted: a file this new may still change
        // within the stamp's resolution, and is read again (git's "racy" files).
        let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(&path)
            .and_then(|f| f.set_modified(an_hour_ago))
            .expect("set mtime");
        let cache = tempfile::tempdir().expect("cache dir");
        let (events, progress) = collect(std::slice::from_ref(&path), &cached_in(&cache, true));
        assert_eq!(progress.problems, 0);
        let mut arrived = 0;
        let mut batches = Vec::new();
        for e in &events {
            match e {
                LoadEvent::Articles(a) => {
                    assert!(a.iter().all(|a| a.body.is_empty()), "light");
                    arrived += a.len();
                    batches.push(a.len());
                }
                LoadEvent::Entities(e) => {
                    assert!(e.iter().all(|(i, _)| *i < arrived), "after their rows");
                }
                _ => {}
            }
        }
        assert_eq!(arrived, rows);
        assert!(batches.len() > 1 && batches[0] < rows, "{batches:?}");
        let (events, progress) = collect(&[path], &cached_in(&cache, true));
        assert_eq!(progress.files_not_read, 1);
        let titles: Vec<String> = events
            .into_iter()
            .flat_map(|e| match e {
                LoadEvent::Articles(a) => a,
                _ => Vec::new(),
            })
            .map(|a| a.title)
            .collect();
        assert_eq!(titles.len(), rows);
        assert_eq!(titles[rows - 1], format!("ঢাকায় বৈঠক {}", rows - 1));
    }
}
