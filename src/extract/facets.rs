//! Corpus-wide entity facets: each entity once, with the number of articles that mention it.
//! Entity ids are the same in every article, so counting by id counts each entity once.

use std::collections::HashMap;

use crate::article::{Article, EntityKind, Name};
use crate::extract::names::display_name;

/// One row of the facet table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Facet {
    pub(crate) id: Name,
    pub(crate) kind: EntityKind,
    /// The fullest common spelling the articles show ([`display_name`]).
    pub(crate) name: Name,
    pub(crate) name_en: Option<Name>,
    /// Articles that mention the entity.
    pub(crate) articles: usize,
}

/// Facets of `articles`, most frequent first (ties: by kind, then name).
pub(crate) fn facets(articles: &[Article]) -> Vec<Facet> {
    // Each facet with the articles that show each spelling of its name.
    let mut by_id: HashMap<&str, (Facet, HashMap<&str, usize>)> = HashMap::new();
    for a in articles {
        for e in &a.entities {
            let (f, names) = by_id.entry(&*e.id).or_insert_with(|| {
                (
                    Facet {
                        id: e.id.clone(),
                        kind: e.kind,
                        name: e.name.clone(),
                        name_en: e.name_en.clone(),
                        articles: 0,
                    },
                    HashMap::new(),
                )
            });
            f.articles += 1;
            *names.entry(&*e.name).or_default() += 1;
            if f.name_en.is_none() {
                f.name_en.clone_from(&e.name_en);
            }
        }
    }
    let mut out: Vec<Facet> = by_id
        .into_values()
        .map(|(mut f, names)| {
            let spellings: Vec<(&str, usize)> = names.into_iter().collect();
            if let Some(name) = display_name(&spellings) {
                f.name = name.into();
            }
            f
        })
        .collect();
    out.sort_by(|a, b| {
        b.articles
            .cmp(&a.articles)
            .then(a.kind.cmp(&b.kind))
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Entity;

    fn entity(id: &str, name: &str) -> Entity {
        Entity {
            id: id.into(),
            kind: EntityKind::Person,
            name: name.into(),
            name_en: None,
            aliases: vec![name.into()],
            mentions: 1,
            spans: Vec::new(),
        }
    }

    #[test]
    fn counts_articles_not_mentions_and_keeps_fullest_name() {
        let a = Article {
            entities: vec![entity("gaz:putin", "পুতিন"), entity("person:x", "এক্স")],
            ..Article::default()
        };
        let b = Article {
            entities: vec![entity("gaz:putin", "ভ্লাদিমির পুতিন")],
            ..Article::default()
        };
        let f = facets(&[a, b]);
        assert_eq!(&*f[0].id, "gaz:putin");
        assert_eq!(f[0].articles, 2);
        assert_eq!(&*f[0].name, "ভ্লাদিমির পুতিন");
        assert_eq!(f[1].articles, 1);
    }
}
