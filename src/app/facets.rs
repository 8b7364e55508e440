//! Corpus-wide facets: every publisher, outlet and entity with how many articles it has, and the
//! facet filter (publishers OR-ed together, AND sources OR-ed together, AND every chosen entity).

use std::collections::{BTreeMap, BTreeSet};

use crate::article::Article;
use crate::corpus::Corpus;

/// A news outlet credited somewhere in the corpus, or one that published articles of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceFacet {
    /// Canonical English name: the filter key.
    pub name: String,
    pub(crate) name_bn: String,
    pub articles: usize,
    /// The outlet as a publisher (the Publishers section) rather than as a credited source:
    /// an article's own paper is not its source.
    pub(crate) publisher: bool,
}

/// An entity mentioned somewhere in the corpus, named by the one rule `khobor entities` uses
/// too ([`crate::extract::names::display_name`]).
pub(crate) use crate::extract::Facet as EntityFacet;

/// Facet lists, most frequent first, built once per corpus.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facets {
    /// Outlets the articles credit, then (marked `publisher`) the outlets that published them.
    pub sources: Vec<SourceFacet>,
    pub(crate) entities: Vec<EntityFacet>,
}

impl Facets {
    /// Counts every source, publisher and entity of `corpus`: the worker's job, once per index.
    pub fn new(corpus: &Corpus) -> Self {
        let mut sources: BTreeMap<&str, SourceFacet> = BTreeMap::new();
        let mut publishers: BTreeMap<&str, SourceFacet> = BTreeMap::new();
        for a in &corpus.articles {
            if let Some(p) = &a.publisher {
                publishers
                    .entry(p)
                    .or_insert_with(|| SourceFacet {
                        name: p.clone(),
                        name_bn: String::new(),
                        articles: 0,
                        publisher: true,
                    })
                    .articles += 1;
            }
            let names: BTreeSet<&str> = a.sources.iter().map(|s| s.name.as_str()).collect();
            for s in &a.sources {
                sources.entry(&s.name).or_insert_with(|| SourceFacet {
                    name: s.name.clone(),
                    name_bn: s.name_bn.clone(),
                    articles: 0,
                    publisher: false,
                });
            }
            for n in names {
                if let Some(f) = sources.get_mut(n) {
                    f.articles += 1;
                }
            }
        }
        let by_count = |a: &SourceFacet, b: &SourceFacet| {
            b.articles.cmp(&a.articles).then(a.name.cmp(&b.name))
        };
        let mut publishers: Vec<_> = publishers.into_values().collect();
        publishers.sort_by(by_count);
        let mut sources: Vec<_> = sources.into_values().collect();
        sources.sort_by(by_count);
        // Publishers first, as their own section of the list.
        publishers.extend(sources);
        let sources = publishers;
        Self {
            sources,
            entities: crate::extract::facets(&corpus.articles),
        }
    }
}

/// The facet part of the filter.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct FacetFilter {
    /// Publisher names; an article passes when one of them published it.
    pub(crate) publishers: BTreeSet<String>,
    /// Source names; an article passes when it credits any of them.
    pub(crate) sources: BTreeSet<String>,
    /// Entity ids; an article passes when it mentions all of them.
    pub(crate) entities: BTreeSet<String>,
}

impl FacetFilter {
    pub(crate) fn is_empty(&self) -> bool {
        self.publishers.is_empty() && self.sources.is_empty() && self.entities.is_empty()
    }

    pub(crate) fn admits(&self, a: &Article) -> bool {
        let (publisher_ok, source_ok, entities_ok) = self.groups(a);
        publisher_ok && source_ok && entities_ok
    }

    /// Whether `a` passes the publisher, the source and the entity part of the filter.
    pub(crate) fn groups(&self, a: &Article) -> (bool, bool, bool) {
        let source_ok =
            self.sources.is_empty() || a.sources.iter().any(|s| self.sources.contains(&s.name));
        let entities_ok = self
            .entities
            .iter()
            .all(|id| a.entities.iter().any(|e| *e.id == **id));
        let publisher_ok = self.publishers.is_empty()
            || a.publisher
                .as_ref()
                .is_some_and(|p| self.publishers.contains(p));
        (publisher_ok, source_ok, entities_ok)
    }
}

/// Flips membership of `key` in `set`.
pub(crate) fn toggle(set: &mut BTreeSet<String>, key: &str) {
    if !set.remove(key) {
        set.insert(key.to_string());
    }
}
