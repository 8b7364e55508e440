//! Query parsing and fuzzy matching over the corpus.
//!
//! STUB: the search issue replaces the body; the signatures are the contract the TUI and CLI use.

use std::ops::Range;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use crate::corpus::Corpus;

/// One matching article.
#[derive(Clone, Debug, PartialEq)]
pub struct Hit {
    /// Index into `Corpus::articles`.
    pub article: usize,
    pub score: i64,
    /// Byte ranges in the article's title to highlight (char-aligned; the UI widens to clusters).
    pub title_ranges: Vec<Range<usize>>,
}

/// Search keys for a corpus, built once.
#[derive(Debug, Default)]
pub struct SearchIndex {
    titles: Vec<String>,
}

impl SearchIndex {
    pub fn new(corpus: &Corpus) -> Self {
        Self {
            titles: corpus.articles.iter().map(|a| a.title.clone()).collect(),
        }
    }

    /// Articles matching `query`, best first. An empty query matches everything in corpus order.
    pub fn search(&self, query: &str) -> Vec<Hit> {
        let matcher = SkimMatcherV2::default();
        let mut hits: Vec<Hit> = self
            .titles
            .iter()
            .enumerate()
            .filter_map(|(i, t)| {
                if query.is_empty() {
                    return Some(Hit {
                        article: i,
                        score: 0,
                        title_ranges: Vec::new(),
                    });
                }
                matcher.fuzzy_indices(t, query).map(|(score, _)| Hit {
                    article: i,
                    score,
                    title_ranges: Vec::new(),
                })
            })
            .collect();
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.article.cmp(&b.article)));
        hits
    }
}
