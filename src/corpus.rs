//! The loaded corpus: articles plus read-only indexes, built once (in parallel).

use std::path::PathBuf;

use std::sync::atomic::{AtomicBool, Ordering};

use crate::article::{Article, Entity};
use crate::error::Error;
use crate::extract::Extractor;
use crate::ingest::FileProblem;
use crate::load::{self, LoadEvent, LoadOptions, Progress};

/// Every article of a session, in load order, with problems met while loading.
#[derive(Debug, Default)]
pub struct Corpus {
    /// In load order; an index into this names an article for the whole session.
    pub articles: Vec<Article>,
}

/// What loading produced besides articles.
#[derive(Debug, Default)]
pub struct LoadReport {
    /// One per file skipped or loaded with a warning, for the status line and stderr.
    pub problems: Vec<FileProblem>,
}

impl Corpus {
    /// Loads `paths`, or the bundled seeds when `paths` is empty, and extracts entities
    /// (without the caches).
    pub fn load(paths: &[PathBuf], extractor: &Extractor) -> Result<(Corpus, LoadReport), Error> {
        Self::load_with(paths, extractor, &LoadOptions::default())
    }

    /// [`load`](Self::load) with options (caches, light articles): the streaming pipeline of
    /// [`crate::load`], run to the end on the calling thread.
    pub fn load_with(
        paths: &[PathBuf],
        extractor: &Extractor,
        options: &LoadOptions,
    ) -> Result<(Corpus, LoadReport), Error> {
        let mut corpus = Corpus::default();
        let report = Self::stream(paths, extractor, options, |a| {
            corpus.articles.push(a);
            true
        })?;
        Ok((corpus, report))
    }

    /// Loads like [`load_with`](Self::load_with) but hands each article, with its entities, to
    /// `each` in load order and keeps none, so memory stays at one chunk of articles however
    /// large the archive (`khobor extract` over 100,000 files). `each` returns false to stop.
    /// Relies on the pipeline's order: a chunk's entities all arrive before the next chunk's
    /// articles.
    pub(crate) fn stream(
        paths: &[PathBuf],
        extractor: &Extractor,
        options: &LoadOptions,
        mut each: impl FnMut(Article) -> bool,
    ) -> Result<LoadReport, Error> {
        let mut report = LoadReport::default();
        let stop = AtomicBool::new(false);
        // The chunk whose entities may still come, and the index of its first article.
        let mut pending: Vec<Article> = Vec::new();
        let mut first = 0;
        let mut flush = |pending: &mut Vec<Article>, stop: &AtomicBool| {
            for a in pending.drain(..) {
                if !stop.load(Ordering::Relaxed) && !each(a) {
                    stop.store(true, Ordering::Relaxed);
                }
            }
        };
        load::run(
            paths,
            extractor,
            options,
            &Progress::default(),
            &stop,
            &mut |event| match event {
                LoadEvent::Articles(a) => {
                    first += pending.len();
                    flush(&mut pending, &stop);
                    pending = a;
                }
                LoadEvent::Entities(e) => {
                    for (i, entities) in e {
                        if let Some(a) = i.checked_sub(first).and_then(|i| pending.get_mut(i)) {
                            a.entities = entities;
                        }
                    }
                }
                LoadEvent::Problems(p) => report.problems.extend(p),
                LoadEvent::Finished => flush(&mut pending, &stop),
                // `run` answers its failure as its result rather than as an event, and progress
                // and refreshes are the reader's.
                LoadEvent::Failed(_)
                | LoadEvent::Discovered { .. }
                | LoadEvent::Progress(_)
                | LoadEvent::Refresh(_) => {}
            },
        )?;
        Ok(report)
    }

    /// Article indices newest first (a date alone counts as its midnight), undated last, then
    /// in load order: the list's order without a query, and the search index's order.
    pub(crate) fn newest_first(&self) -> Vec<u32> {
        let when: Vec<Option<chrono::NaiveDateTime>> = self
            .articles
            .iter()
            .map(|a| a.published.map(|p| p.when()))
            .collect();
        let mut order: Vec<u32> = (0..self.articles.len() as u32).collect();
        order.sort_by_key(|&i| {
            let when = when[i as usize];
            (when.is_none(), std::cmp::Reverse(when), i)
        });
        order
    }

    /// Stores entities that arrived after their articles ([`LoadEvent::Entities`]); indexes
    /// past the end are ignored.
    pub fn set_entities(&mut self, entities: Vec<(usize, Vec<Entity>)>) {
        for (i, e) in entities {
            if let Some(a) = self.articles.get_mut(i) {
                a.entities = e;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_paths_loads_the_bundled_seeds_in_order() {
        let (corpus, report) = Corpus::load(&[], &Extractor::new()).expect("seeds load");
        assert!(report.problems.is_empty(), "{:?}", report.problems);
        let paths: Vec<&str> = corpus.articles.iter().map(|a| a.path.as_str()).collect();
        let bundled: Vec<&str> = crate::seeds::BUNDLED.iter().map(|(p, _)| *p).collect();
        assert_eq!(paths, bundled);
    }

    #[test]
    fn bad_files_become_problems_good_ones_articles() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("a.txt"), "শিরোনাম\n\nঅনুচ্ছেদ।\n").expect("write");
        std::fs::write(dir.path().join("b.txt"), "").expect("write");
        let (corpus, report) =
            Corpus::load(&[dir.path().to_path_buf()], &Extractor::new()).expect("loads");
        assert_eq!(corpus.articles.len(), 1);
        assert_eq!(report.problems.len(), 1);
        assert!(report.problems[0].path.ends_with("b.txt"));
    }

    #[test]
    fn streaming_hands_over_every_article_complete_and_can_stop() {
        let dir = tempfile::tempdir().expect("temp dir");
        for i in 0..300 {
            let text = format!("পুতিনের সফর {i}\n\nমস্কোয় ভ্লাদিমির পুতিন বলেন, আলোচনা চলবে।\n");
            std::fs::write(dir.path().join(format!("{i:04}.txt")), text).expect("write");
        }
        let paths = [dir.path().to_path_buf()];
        let extractor = Extractor::new();
        let (whole, _) = Corpus::load(&paths, &extractor).expect("loads");
        let mut streamed = Vec::new();
        Corpus::stream(&paths, &extractor, &LoadOptions::default(), |a| {
            streamed.push(a);
            true
        })
        .expect("streams");
        assert_eq!(streamed, whole.articles);
        assert!(streamed.iter().all(|a| !a.entities.is_empty()));
        let mut taken = 0;
        Corpus::stream(&paths, &extractor, &LoadOptions::default(), |_| {
            taken += 1;
            taken < 5
        })
        .expect("streams");
        assert_eq!(taken, 5, "nothing after false");
    }

    #[test]
    fn a_missing_path_is_an_error() {
        let missing = PathBuf::from("/nonexistent/khobor");
        assert!(Corpus::load(&[missing], &Extractor::new()).is_err());
    }
}
