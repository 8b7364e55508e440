//! The loaded corpus: articles plus read-only indexes, built once (in parallel).

use std::path::PathBuf;

use rayon::prelude::*;

use crate::article::Article;
use crate::extract::Extractor;
use crate::ingest::{self, FileProblem};

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
    /// Loads `paths`, or the bundled seeds when `paths` is empty, and extracts entities.
    pub fn load(paths: &[PathBuf], extractor: &Extractor) -> anyhow::Result<(Corpus, LoadReport)> {
        let mut report = LoadReport::default();
        let parsed: Vec<Result<(Article, Vec<FileProblem>), FileProblem>> = if paths.is_empty() {
            crate::seeds::BUNDLED
                .par_iter()
                .map(|(p, b)| ingest::parse_bytes(p, b))
                .collect()
        } else {
            let (files, problems) = ingest::discover(paths)?;
            report.problems.extend(problems);
            files.par_iter().map(|f| ingest::load_file(f)).collect()
        };
        let mut articles = Vec::with_capacity(parsed.len());
        for r in parsed {
            match r {
                Ok((a, warnings)) => {
                    report.problems.extend(warnings);
                    articles.push(a);
                }
                Err(p) => report.problems.push(p),
            }
        }
        articles
            .par_iter_mut()
            .for_each(|a| a.entities = extractor.extract(a));
        Ok((Corpus { articles }, report))
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
