//! Facet counts that follow the filter: how many articles each Publishers, Sources and Entities
//! row would leave if it were selected, among the articles the query, the marks and the other
//! facet groups leave.
//!
//! Publishers and sources are OR-ed within their group, so each of their rows is counted with its
//! own group's selection left out (what adding it would bring); entities are AND-ed, so theirs
//! are counted over the articles listed now.

use std::collections::{BTreeSet, HashMap};

use super::facets::{FacetFilter, Facets};
use crate::article::Article;

/// Counts parallel to [`Facets::sources`] and [`Facets::entities`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct FacetCounts {
    pub(crate) sources: Vec<usize>,
    pub(crate) entities: Vec<usize>,
}

impl FacetCounts {
    /// The counts of `facets` over `articles` (those the query and the marks leave) under
    /// `filter`.
    pub(super) fn over<'a>(
        facets: &Facets,
        filter: &FacetFilter,
        articles: impl Iterator<Item = &'a Article>,
    ) -> Self {
        let mut publishers = HashMap::new();
        let mut sources = HashMap::new();
        for (i, s) in facets.sources.iter().enumerate() {
            let group = if s.publisher {
                &mut publishers
            } else {
                &mut sources
            };
            group.insert(s.name.as_str(), i);
        }
        let entities: HashMap<&str, usize> = facets
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (&*e.id, i))
            .collect();
        let mut counts = Self {
            sources: vec![0; facets.sources.len()],
            entities: vec![0; facets.entities.len()],
        };
        for a in articles {
            let (publisher_ok, source_ok, entities_ok) = filter.groups(a);
            if source_ok && entities_ok {
                let own = a.publisher.as_deref().and_then(|p| publishers.get(p));
                if let Some(&i) = own {
                    counts.sources[i] += 1;
                }
            }
            if publisher_ok && entities_ok {
                let credited: BTreeSet<&str> = a.sources.iter().map(|s| s.name.as_str()).collect();
                for i in credited.into_iter().filter_map(|n| sources.get(n)) {
                    counts.sources[*i] += 1;
                }
            }
            if publisher_ok && source_ok && entities_ok {
                let mentioned: BTreeSet<&str> = a.entities.iter().map(|e| &*e.id).collect();
                for i in mentioned.into_iter().filter_map(|id| entities.get(id)) {
                    counts.entities[*i] += 1;
                }
            }
        }
        counts
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Entity, EntityKind, SourceRef, SourceRole};
    use crate::corpus::Corpus;

    fn article(publisher: &str, sources: &[&str], entities: &[&str]) -> Article {
        Article {
            publisher: (!publisher.is_empty()).then(|| publisher.to_string()),
            sources: sources
                .iter()
                .map(|s| SourceRef {
                    name: s.to_string(),
                    name_bn: String::new(),
                    role: SourceRole::Credit,
                })
                .collect(),
            entities: entities
                .iter()
                .map(|e| Entity {
                    id: (*e).into(),
                    kind: EntityKind::Person,
                    name: (*e).into(),
                    name_en: None,
                    aliases: Vec::new(),
                    mentions: 1,
                    spans: Vec::new(),
                })
                .collect(),
            ..Article::default()
        }
    }

    fn corpus() -> Corpus {
        Corpus {
            articles: vec![
                article("Prothom Alo", &["BBC"], &["putin"]),
                article("Prothom Alo", &["TASS", "BBC"], &["putin", "kim"]),
                article("Samakal", &["TASS"], &["kim"]),
                article("Samakal", &[], &["putin"]),
            ],
        }
    }

    /// The count shown for `name` (a source or publisher name, or an entity id).
    fn count(facets: &Facets, counts: &FacetCounts, name: &str) -> usize {
        let source = facets.sources.iter().position(|s| s.name == name);
        match source {
            Some(i) => counts.sources[i],
            None => {
                let i = facets.entities.iter().position(|e| &*e.id == name);
                counts.entities[i.expect("a facet")]
            }
        }
    }

    #[test]
    fn unfiltered_counts_are_the_corpus_counts() {
        let c = corpus();
        let facets = Facets::new(&c);
        let counts = FacetCounts::over(&facets, &FacetFilter::default(), c.articles.iter());
        let corpus_wide: Vec<usize> = facets.sources.iter().map(|s| s.articles).collect();
        assert_eq!(counts.sources, corpus_wide);
        assert_eq!(count(&facets, &counts, "putin"), 3);
        assert_eq!(count(&facets, &counts, "kim"), 2);
    }

    #[test]
    fn entities_count_the_listed_articles_and_sources_what_a_click_adds() {
        let c = corpus();
        let facets = Facets::new(&c);
        let filter = FacetFilter {
            sources: BTreeSet::from(["TASS".to_string()]),
            ..FacetFilter::default()
        };
        let counts = FacetCounts::over(&facets, &filter, c.articles.iter());
        // Listed: the two TASS articles; putin is in one of them, kim in both.
        assert_eq!(count(&facets, &counts, "putin"), 1);
        assert_eq!(count(&facets, &counts, "kim"), 2);
        // Sources are OR-ed: BBC counts the BBC articles, not the ones also crediting TASS.
        assert_eq!(count(&facets, &counts, "BBC"), 2);
        assert_eq!(count(&facets, &counts, "TASS"), 2);
        // Publishers count within the TASS articles.
        assert_eq!(count(&facets, &counts, "Prothom Alo"), 1);
        assert_eq!(count(&facets, &counts, "Samakal"), 1);
    }

    #[test]
    fn selected_entities_combine_and_the_query_narrows() {
        let c = corpus();
        let facets = Facets::new(&c);
        let filter = FacetFilter {
            entities: BTreeSet::from(["putin".to_string(), "kim".to_string()]),
            ..FacetFilter::default()
        };
        let counts = FacetCounts::over(&facets, &filter, c.articles.iter());
        assert_eq!(count(&facets, &counts, "BBC"), 1);
        assert_eq!(count(&facets, &counts, "Samakal"), 0);
        // Only the last two articles left by a query.
        let counts = FacetCounts::over(&facets, &FacetFilter::default(), c.articles[2..].iter());
        assert_eq!(count(&facets, &counts, "putin"), 1);
        assert_eq!(count(&facets, &counts, "BBC"), 0);
        assert_eq!(count(&facets, &counts, "Samakal"), 2);
    }
}
