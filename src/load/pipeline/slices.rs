//! Entity extraction of a very long article a slice of paragraphs at a time.
//!
//! The extractor tokenises a whole article before it finds anything, and its working memory is
//! about twenty times the text: for the 15 MiB file someone saves by mistake, hundreds of
//! megabytes. Cut into slices of [`SLICE_BYTES`], the article costs one slice's worth at a time,
//! and the entities of the slices are merged as one article's.

use crate::article::{Article, Block, Entity};
use crate::extract::Extractor;

/// Body text extracted at once; news articles are far shorter, so only oversized files are
/// sliced.
const SLICE_BYTES: usize = 256 * 1024;

/// The entities of `article`, extracted a slice of its body at a time when it is long.
pub(super) fn extract(extractor: &Extractor, article: &Article) -> Vec<Entity> {
    let total: usize = article.body.iter().map(String::len).sum();
    if total <= SLICE_BYTES {
        return extractor.extract(article);
    }
    let mut merged: Vec<Entity> = Vec::new();
    let mut start = 0;
    while start < article.body.len() {
        let mut end = start;
        let mut bytes = 0;
        while end < article.body.len()
            && (end == start || bytes + article.body[end].len() <= SLICE_BYTES)
        {
            bytes += article.body[end].len();
            end += 1;
        }
        let slice = Article {
            id: article.id,
            // The title is read with the first slice only, so its mentions count once.
            title: if start == 0 {
                article.title.clone()
            } else {
                String::new()
            },
            sources: article.sources.clone(),
            cited_media: article.cited_media.clone(),
            body: article.body[start..end].to_vec(),
            ..Article::default()
        };
        for mut entity in extractor.extract(&slice) {
            for span in &mut entity.spans {
                if let Block::Body(i) = &mut span.block {
                    *i += start;
                }
            }
            merge(&mut merged, entity);
        }
        start = end;
    }
    merged
}

/// Adds `entity` to `merged`: a new one, or more mentions, spans and spellings of one already
/// found in an earlier slice.
fn merge(merged: &mut Vec<Entity>, entity: Entity) {
    let Some(known) = merged.iter_mut().find(|e| e.id == entity.id) else {
        merged.push(entity);
        return;
    };
    known.mentions += entity.mentions;
    known.spans.extend(entity.spans);
    // The fullest form seen anywhere in the article names it.
    if entity.name.chars().count() > known.name.chars().count() {
        known.name = entity.name;
    }
    if known.name_en.is_none() {
        known.name_en = entity.name_en;
    }
    for alias in entity.aliases {
        if !known.aliases.contains(&alias) {
            known.aliases.push(alias);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sliced_article_has_the_entities_of_the_whole() {
        let paragraph = "মস্কোয় রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিন বলেন, আলোচনা চলবে। ঢাকায় বৈঠক হয়েছে। ";
        let body: Vec<String> = (0..1_600).map(|_| paragraph.to_string()).collect();
        let article = Article {
            title: "পুতিনের সঙ্গে বৈঠক".into(),
            body,
            ..Article::default()
        };
        let extractor = Extractor::new();
        let whole = extractor.extract(&article);
        let sliced = extract(&extractor, &article);
        let key = |v: &[Entity]| {
            let mut k: Vec<(String, usize, usize)> = v
                .iter()
                .map(|e| (e.id.to_string(), e.mentions, e.spans.len()))
                .collect();
            k.sort();
            k
        };
        assert!(!whole.is_empty());
        assert_eq!(key(&sliced), key(&whole));
        let putin = |v: &[Entity]| {
            let mut spans: Vec<_> = v
                .iter()
                .find(|e| &*e.id == "gaz:putin")
                .map(|e| e.spans.clone())
                .unwrap_or_default();
            spans.sort_by_key(|s| (s.block, s.range.start));
            spans
        };
        assert_eq!(putin(&sliced), putin(&whole));
    }
}
