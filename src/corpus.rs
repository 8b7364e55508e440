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
