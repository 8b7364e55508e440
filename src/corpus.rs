//! The loaded corpus: articles plus read-only indexes, built once (in parallel).

use std::path::PathBuf;

use std::sync::atomic::AtomicBool;

use crate::article::{Article, Entity};
use crate::extract::Extractor;
use crate::ingest::FileProblem;
use crate::load::{self, LoadEvent, LoadOptions, Progress};

/// Every article of a session, in load order, with problems met while loading.
#[derive(Debug, Default)]
pub struct Corpus {
    pub articles: Vec<Article>,
}

/// What loading produced besides articles.
#[derive(Debug, Default)]
pub struct LoadReport {
    pub problems: Vec<FileProblem>,
}

impl Corpus {
    /// Loads `paths`, or the bundled seeds when `paths` is empty, and extracts entities
    /// (without the extraction cache).
    pub fn load(paths: &[PathBuf], extractor: &Extractor) -> anyhow::Result<(Corpus, LoadReport)> {
        Self::load_with(paths, extractor, &LoadOptions::default())
    }

    /// [`load`](Self::load) with options (the extraction cache): the streaming pipeline of
    /// [`crate::load`], run to the end on the calling thread.
    pub fn load_with(
        paths: &[PathBuf],
        extractor: &Extractor,
        options: &LoadOptions,
    ) -> anyhow::Result<(Corpus, LoadReport)> {
        let mut corpus = Corpus::default();
        let mut report = LoadReport::default();
        let mut failed = None;
        let never = AtomicBool::new(false);
        load::run(
            paths,
            extractor,
            options,
            &Progress::default(),
            &never,
            &mut |event| match event {
                LoadEvent::Articles(a) => corpus.articles.extend(a),
                LoadEvent::Entities(e) => corpus.set_entities(e),
                LoadEvent::Problems(p) => report.problems.extend(p),
                LoadEvent::Failed(e) => failed = Some(e),
                LoadEvent::Discovered { .. } | LoadEvent::Finished => {}
            },
        );
        match failed {
            Some(e) => Err(anyhow::anyhow!(e)),
            None => Ok((corpus, report)),
        }
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
    fn a_missing_path_is_an_error() {
        let missing = PathBuf::from("/nonexistent/khobor");
        assert!(Corpus::load(&[missing], &Extractor::new()).is_err());
    }
}
