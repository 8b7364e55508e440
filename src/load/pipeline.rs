//! One load's work between chunks: which caches are open, and the steps of a chunk.
//!
//! A chunk goes: read and parse its files in parallel, or take them whole from the file cache
//! ([`Pipeline::parse`]); send the articles; fill in entities the caches have; extract the rest
//! in parallel and send them ([`Pipeline::extract`]); remember everything new in the caches.
//! A large dataset in a chunk goes through the same steps a batch of rows at a time, in its
//! place in the order ([`stream`]).

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use super::{CACHE_MIN_BYTES, CACHE_MIN_FILES, LoadEvent, LoadOptions, Progress};
use crate::article::{Article, ContentId, Entity, keep_title_spans};
use crate::cache::{BodyCache, ExtractCache, FileCache, Stamp};
use crate::extract::Extractor;
use crate::ingest::{self, FileProblem};
use crate::names::NameTable;
use key::cache_key;
use opening::{Opening, cache_problem, join_open, spawn_open};
use stream::STREAM_MIN_BYTES;

mod bodies;
mod key;
mod opening;
mod slices;
mod stream;

/// Where the files come from.
pub(super) enum Input {
    Files(Vec<PathBuf>),
    Bundled,
}

impl Input {
    pub(super) fn len(&self) -> usize {
        match self {
            Input::Files(f) => f.len(),
            Input::Bundled => crate::seeds::BUNDLED.len(),
        }
    }
}

/// The state of one load.
pub(super) struct Pipeline<'a> {
    input: Input,
    extractor: &'a Extractor,
    light: bool,
    progress: &'a Progress,
    cancel: &'a AtomicBool,
    /// The cache directory, when this load uses the caches.
    caching: Option<PathBuf>,
    /// The working directory, which relative paths are keyed under in the file cache.
    cwd: PathBuf,
    // Light articles by file stamp: on a second start over an unchanged archive every file is
    // found there and none is read. Entities by content hash, for files that had to be read.
    // Each cache file (over 150 MB at 100,000 articles) is read on its own thread so that no
    // title waits for it: the file cache from the start (it serves every chunk after the first,
    // and the first one's entities), the extraction cache only once a chunk needs it, so a load
    // that never needs it never reads it.
    files_opening: Option<Opening<FileCache>>,
    files_cache: Option<FileCache>,
    entities_opening: Option<Opening<ExtractCache>>,
    entity_cache: Option<ExtractCache>,
    // The words of the bodies this load reads, for the full-text index (a light load keeps no
    // body): opened with the extraction cache, see `bodies`.
    bodies_opening: Option<Opening<BodyCache>>,
    body_cache: Option<BodyCache>,
    names: NameTable,
    next_index: usize,
    /// The file cache key of the dataset being streamed, the light copies of its articles so
    /// far, and whether a batch had warnings (then it is not remembered, to warn again).
    gathering: Option<(PathBuf, Vec<Article>, bool)>,
}

/// What the parallel pass of a chunk made of one file.
enum Pass {
    Parsed(Result<Parsed, FileProblem>),
    /// A large dataset, left to be streamed in order (with its file cache key and stamp).
    Stream(Option<(PathBuf, Stamp)>),
}

/// A file that became articles (one, or a dataset's rows).
struct Parsed {
    articles: Vec<Article>,
    /// Which of them have their entities filled in (from a cache); the rest are still to be
    /// extracted.
    entities_known: Vec<bool>,
    warnings: Vec<FileProblem>,
    /// Its key in the file cache ([`cache_key`]) and its stamp, to remember it there.
    record: Option<(PathBuf, Stamp)>,
}

/// A file to remember in the file cache once its articles have their entities.
struct Record {
    /// Its key, see [`cache_key`].
    path: PathBuf,
    stamp: Stamp,
    /// The indexes of its articles.
    indexes: Range<usize>,
    /// Copies of the light articles.
    articles: Vec<Article>,
}

/// Articles whose entities are still to come: index and the text to extract from.
type Todo = Vec<(usize, Article)>;

/// One article's extraction: its index, content id, entities, whether they came from the cache,
/// and its body when the body cache wants its words.
type Extracted = (usize, ContentId, Vec<Entity>, bool, Option<Vec<String>>);

impl<'a> Pipeline<'a> {
    pub(super) fn new(
        input: Input,
        extractor: &'a Extractor,
        options: &LoadOptions,
        progress: &'a Progress,
        cancel: &'a AtomicBool,
    ) -> Self {
        let caching = match (&input, &options.cache_dir) {
            (Input::Files(f), Some(dir)) if worth_caching(f) => Some(dir.clone()),
            _ => None,
        };
        let files_opening = match (&caching, options.light) {
            (Some(dir), true) => spawn_open(dir, FileCache::open),
            _ => None,
        };
        Self {
            input,
            extractor,
            light: options.light,
            progress,
            cancel,
            caching,
            cwd: std::env::current_dir().unwrap_or_default(),
            files_opening,
            files_cache: None,
            entities_opening: None,
            entity_cache: None,
            bodies_opening: None,
            body_cache: None,
            names: NameTable::default(),
            next_index: 0,
            gathering: None,
        }
    }

    /// Loads the files in `range` and sends their articles and entities. `None`: cancelled.
    pub(super) fn chunk(
        &mut self,
        range: Range<usize>,
        sink: &mut dyn FnMut(LoadEvent),
    ) -> Option<()> {
        // The first chunk waits for the file cache: parsed while it opened, its files would be
        // read on every start (128 of them, or a whole dataset), and the cache serves them all.
        if let Some(mut opened) = join_open(&mut self.files_opening, self.progress, sink) {
            opened.share_names(&self.names);
            self.files_cache = Some(opened);
        }
        let passes = self.parse(range.clone())?;
        let mut group = Vec::new();
        for (i, pass) in range.zip(passes) {
            match pass {
                Pass::Parsed(p) => group.push(p),
                Pass::Stream(record) => {
                    self.deliver(std::mem::take(&mut group), sink)?;
                    self.stream(i, record, sink)?;
                }
            }
        }
        self.deliver(group, sink)
    }

    /// Sends the articles of files parsed in order, then extracts their entities and sends those.
    ///
    /// Long to keep the order consumers rely on visible: articles, then entities, then problems.
    fn deliver(
        &mut self,
        parsed: Vec<Result<Parsed, FileProblem>>,
        sink: &mut dyn FnMut(LoadEvent),
    ) -> Option<()> {
        if parsed.is_empty() {
            return Some(());
        }
        let mut articles = Vec::with_capacity(parsed.len());
        let mut todo = Vec::new();
        let mut records = Vec::new();
        let mut problems = Vec::new();
        for p in parsed {
            let Parsed {
                articles: file_articles,
                entities_known,
                warnings,
                record,
            } = match p {
                Ok(ok) => ok,
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            };
            problems.extend(warnings);
            let first = self.next_index + articles.len();
            let all_known = entities_known.iter().all(|k| *k);
            for (mut article, known) in file_articles.into_iter().zip(entities_known) {
                let index = self.next_index + articles.len();
                if !known {
                    todo.push((index, extraction_input(&mut article, self.light)));
                }
                if self.light && !article.text_omitted {
                    article.make_light();
                }
                articles.push(article);
            }
            let indexes = first..self.next_index + articles.len();
            if let Some((path, stamp)) = record {
                if all_known {
                    let copies = articles[indexes.start - self.next_index..].to_vec();
                    self.remember_file(&path, stamp, &copies, sink);
                } else {
                    records.push(Record {
                        path,
                        stamp,
                        articles: articles[indexes.start - self.next_index..].to_vec(),
                        indexes,
                    });
                }
            }
        }
        self.next_index += articles.len();
        self.count_known(articles.len() - todo.len());
        self.progress
            .problems
            .fetch_add(problems.len(), Ordering::Relaxed);
        if !problems.is_empty() {
            sink(LoadEvent::Problems(problems));
        }
        sink(LoadEvent::Articles(articles));
        if let Some(mut opened) = join_open(&mut self.files_opening, self.progress, sink) {
            opened.share_names(&self.names);
            self.files_cache = Some(opened);
        }
        let todo = self.known_to_the_file_cache(todo, &mut records, sink);
        if todo.is_empty() {
            return Some(());
        }
        self.open_entity_cache(sink);
        let entities = self.extract(todo, sink)?;
        for mut r in records {
            // Both are in article order; articles whose entities were known have them already.
            for (index, article) in r.indexes.clone().zip(&mut r.articles) {
                if let Ok(at) = entities.binary_search_by_key(&index, |(i, _)| *i) {
                    article.entities = entities[at].1.clone();
                }
            }
            self.remember_file(&r.path, r.stamp, &r.articles, sink);
        }
        sink(LoadEvent::Entities(entities));
        Some(())
    }

    /// Reads and parses the files of `range` in parallel, or takes them from the caches.
    fn parse(&self, range: Range<usize>) -> Option<Vec<Pass>> {
        range
            .into_par_iter()
            .map(|i| {
                if self.cancel.load(Ordering::Relaxed) {
                    return None;
                }
                self.progress.parsed.fetch_add(1, Ordering::Relaxed);
                Some(self.parse_one(i))
            })
            .collect()
    }

    fn parse_one(&self, i: usize) -> Pass {
        let (result, record) = match &self.input {
            Input::Files(files) => {
                let path = &files[i];
                let meta = std::fs::metadata(path).ok();
                let stamp = meta
                    .as_ref()
                    .filter(|_| self.caching.is_some() && self.light)
                    .map(Stamp::of);
                let key = stamp.map(|_| cache_key(&self.cwd, path));
                let known = self
                    .files_cache
                    .as_ref()
                    .zip(stamp.as_ref().zip(key.as_deref()))
                    .and_then(|(c, (s, key))| c.get(key, s));
                if let Some(articles) = known {
                    self.progress.files_not_read.fetch_add(1, Ordering::Relaxed);
                    return Pass::Parsed(Ok(Parsed {
                        entities_known: vec![true; articles.len()],
                        articles,
                        warnings: Vec::new(),
                        record: None,
                    }));
                }
                let record = stamp.zip(key).map(|(s, key)| (key.into_owned(), s));
                // Large files go one at a time, in order: a dataset a batch of rows at a time,
                // any other file alone, so that no two are held in memory at once.
                if meta.is_some_and(|m| m.len() >= STREAM_MIN_BYTES) {
                    return Pass::Stream(record);
                }
                (
                    ingest::formats::load(path).map(|f| (f.articles, f.warnings)),
                    record,
                )
            }
            Input::Bundled => {
                let (path, bytes) = crate::seeds::BUNDLED[i];
                (
                    ingest::parse_bytes(path, bytes).map(|(a, w)| (vec![a], w)),
                    None,
                )
            }
        };
        Pass::Parsed(
            result
                .map(|(articles, warnings)| self.with_cached_entities(articles, warnings, record)),
        )
    }

    /// A file's articles with the entities the extraction cache has for them.
    fn with_cached_entities(
        &self,
        mut articles: Vec<Article>,
        warnings: Vec<FileProblem>,
        record: Option<(PathBuf, Stamp)>,
    ) -> Parsed {
        let mut entities_known = Vec::with_capacity(articles.len());
        for article in &mut articles {
            let cached = self
                .entity_cache
                .as_ref()
                .and_then(|c| c.get(article.id, &self.names));
            entities_known.push(cached.is_some());
            if let Some(entities) = cached {
                article.entities = entities;
            }
        }
        Parsed {
            articles,
            entities_known,
            // A file read with a warning is read again next time, to warn again.
            record: record.filter(|_| warnings.is_empty()),
            warnings,
        }
    }

    /// Sends the entities the file cache has for articles that were read anyway (the first
    /// chunk's, parsed while the cache opened); returns the rest.
    fn known_to_the_file_cache(
        &self,
        todo: Todo,
        records: &mut Vec<Record>,
        sink: &mut dyn FnMut(LoadEvent),
    ) -> Todo {
        let Some(cache) = &self.files_cache else {
            return todo;
        };
        let mut rest = Vec::with_capacity(todo.len());
        let mut known = Vec::new();
        // The cached articles of each record, looked up once per file.
        let cached: Vec<Option<Vec<Article>>> = records
            .iter()
            .map(|r| {
                cache
                    .get(&r.path, &r.stamp)
                    .filter(|a| a.len() == r.articles.len())
            })
            .collect();
        for (i, article) in todo {
            let at = records.iter().position(|r| r.indexes.contains(&i));
            let hit = at.and_then(|at| {
                let a = cached[at].as_ref()?.get(i - records[at].indexes.start)?;
                (a.id == article.id).then(|| (at, a.entities.clone()))
            });
            match hit {
                Some((at, entities)) => {
                    let offset = i - records[at].indexes.start;
                    records[at].articles[offset].entities = entities.clone();
                    known.push((i, entities));
                }
                None => rest.push((i, article)),
            }
        }
        if !known.is_empty() {
            // A file all of whose articles were known is in the cache already.
            records.retain(|r| {
                r.indexes
                    .clone()
                    .any(|i| known.binary_search_by_key(&i, |k| k.0).is_err())
            });
            self.count_known(known.len());
            sink(LoadEvent::Entities(known));
        }
        rest
    }

    /// Opens the extraction cache, the first time a chunk has entities to extract.
    fn open_entity_cache(&mut self, sink: &mut dyn FnMut(LoadEvent)) {
        if self.entity_cache.is_none()
            && self.entities_opening.is_none()
            && let Some(dir) = &self.caching
        {
            self.entities_opening = spawn_open(dir, ExtractCache::open);
        }
        if let Some(opened) = join_open(&mut self.entities_opening, self.progress, sink) {
            self.entity_cache = Some(opened);
        }
        self.open_body_cache(sink);
    }

    /// Entities for `todo`, from the extraction cache or extracted in parallel, remembered in
    /// the cache; light when the load is. `None`: cancelled.
    fn extract(
        &mut self,
        todo: Todo,
        sink: &mut dyn FnMut(LoadEvent),
    ) -> Option<Vec<(usize, Vec<Entity>)>> {
        let wants_body = |id| self.body_cache.as_ref().is_some_and(|c| !c.contains(id));
        let mut extracted: Vec<Extracted> = todo
            .into_par_iter()
            .map(|(i, article)| {
                if self.cancel.load(Ordering::Relaxed) {
                    return None;
                }
                let cached = self
                    .entity_cache
                    .as_ref()
                    .and_then(|c| c.get(article.id, &self.names));
                let hit = cached.is_some();
                let entities = cached.unwrap_or_else(|| {
                    let mut extracted = slices::extract(self.extractor, &article);
                    self.names.share(&mut extracted);
                    extracted
                });
                self.progress.extracted.fetch_add(1, Ordering::Relaxed);
                if hit {
                    self.progress.cached.fetch_add(1, Ordering::Relaxed);
                }
                let body = wants_body(article.id).then_some(article.body);
                Some((i, article.id, entities, hit, body))
            })
            .collect::<Option<_>>()?;
        let bodies: Vec<(ContentId, Vec<String>)> = extracted
            .iter_mut()
            .filter_map(|e| Some((e.1, e.4.take()?)))
            .collect();
        self.store_bodies(&bodies, sink);
        let mut failed = None;
        if let Some(cache) = &mut self.entity_cache {
            for (_, id, entities, ..) in extracted.iter().filter(|e| !e.3) {
                if let Err(e) = cache.insert(*id, entities) {
                    failed = Some(e);
                    break;
                }
            }
        }
        if let Some(e) = failed {
            // Not saved half-written: the next start extracts again.
            self.not_saved(sink, format!("extraction cache not saved: {e}"));
        }
        Some(
            extracted
                .into_iter()
                .map(|(i, _, mut entities, ..)| {
                    if self.light {
                        keep_title_spans(&mut entities);
                    }
                    (i, entities)
                })
                .collect(),
        )
    }

    fn remember_file(
        &mut self,
        path: &Path,
        stamp: Stamp,
        articles: &[Article],
        sink: &mut dyn FnMut(LoadEvent),
    ) {
        if let Some((key, gathered, _)) = &mut self.gathering
            && key == path
        {
            gathered.extend_from_slice(articles);
            return;
        }
        if let Some(cache) = &mut self.files_cache
            && let Err(e) = cache.insert(path, stamp, articles)
        {
            self.not_saved(sink, format!("file cache not saved: {e}"));
        }
    }

    /// Reports a cache that could not be written, once per run, and stops using the caches:
    /// both live in one directory and fail together, and a cache dropped here would otherwise be
    /// opened again by the next chunk and fail again.
    fn not_saved(&mut self, sink: &mut dyn FnMut(LoadEvent), reason: String) {
        if let Some(dir) = self.caching.take() {
            cache_problem(self.progress, sink, Some(&dir), reason);
        }
        self.entity_cache = None;
        self.files_cache = None;
        self.body_cache = None;
    }

    fn count_known(&self, n: usize) {
        self.progress.cached.fetch_add(n, Ordering::Relaxed);
        self.progress.extracted.fetch_add(n, Ordering::Relaxed);
    }

    /// Writes what the caches learned.
    pub(super) fn save(&mut self, sink: &mut dyn FnMut(LoadEvent)) {
        let saved = [
            self.entity_cache.as_mut().map(ExtractCache::save),
            self.files_cache.as_mut().map(FileCache::save),
            self.body_cache.as_mut().map(BodyCache::save),
        ];
        // Both caches live in one directory and fail together: one line says it.
        if let Some(e) = saved.into_iter().flatten().find_map(Result::err) {
            self.not_saved(sink, format!("cache not saved: {e}"));
        }
    }
}

/// Whether a load of `files` should use the caches: many files, or a few large ones (a
/// dataset of thousands of rows is as much work as thousands of files).
fn worth_caching(files: &[PathBuf]) -> bool {
    files.len() >= CACHE_MIN_FILES
        || files
            .iter()
            .filter_map(|f| std::fs::metadata(f).ok())
            .map(|m| m.len())
            .sum::<u64>()
            >= CACHE_MIN_BYTES
}

/// What the extractor reads of an article. A light load hands the body over (the article keeps
/// none); a full one lends a copy.
fn extraction_input(article: &mut Article, light: bool) -> Article {
    Article {
        id: article.id,
        title: article.title.clone(),
        sources: article.sources.clone(),
        cited_media: article.cited_media.clone(),
        body: if light {
            std::mem::take(&mut article.body)
        } else {
            article.body.clone()
        },
        ..Article::default()
    }
}
