//! Search keys precomputed once per corpus.
//!
//! Words are matched once per distinct word, not once per occurrence: titles share most of their
//! words, and entities recur across thousands of articles, so a query word is scored against a
//! vocabulary of distinct title words and a table of distinct names, and each article then only
//! looks its words and names up. That is what keeps a keystroke within one frame at 100k articles.

use std::collections::HashMap;
use std::ops::Range;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use unicode_segmentation::UnicodeSegmentation;

use crate::article::{Article, Block, EntityKind};
use crate::corpus::Corpus;
use crate::text::key::{match_key, match_key_with_offsets};

use super::term::{VocabLookup, Word};

/// Distinct words, each with its match data.
#[derive(Debug, Default)]
pub(crate) struct Vocab {
    pub(crate) words: Vec<Word>,
    pub(crate) ids: HashMap<Box<str>, u32>,
    /// Built once all words are in (see [`Keys::build`]).
    pub(crate) lookup: VocabLookup,
}

impl Vocab {
    /// Builds the lookup, once all words are in.
    pub(crate) fn finish(&mut self) {
        self.lookup = VocabLookup::new(&self.words);
    }

    pub(crate) fn intern(&mut self, key: &str) -> u32 {
        if let Some(&id) = self.ids.get(key) {
            return id;
        }
        let id = self.words.len() as u32;
        self.words.push(Word::new(key));
        self.ids.insert(key.into(), id);
        id
    }
}

/// What kind of named thing a name entry is; field filters select by it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum NameKind {
    Person,
    Place,
    Org,
    Media,
    /// A credited source or cited outlet of the article.
    Outlet,
    /// The outlet that published the article; only `publisher:` looks at it.
    Publisher,
}

impl NameKind {
    /// As stored in the persisted index.
    pub(crate) fn number(self) -> u8 {
        self as u8
    }

    pub(crate) fn from_number(n: u8) -> Option<NameKind> {
        use NameKind::*;
        [Person, Place, Org, Media, Outlet, Publisher]
            .into_iter()
            .find(|k| k.number() == n)
    }
}

impl From<EntityKind> for NameKind {
    fn from(k: EntityKind) -> Self {
        match k {
            EntityKind::Person => NameKind::Person,
            EntityKind::Place => NameKind::Place,
            EntityKind::Organization => NameKind::Org,
            EntityKind::Media => NameKind::Media,
        }
    }
}

/// One written form of a name (`ভ্লাদিমির পুতিন`, `vladimir putin`): its key and its words.
#[derive(Debug)]
pub(crate) struct NameForm {
    pub(crate) key: Box<str>,
    pub(crate) words: Box<[u32]>,
}

/// One entity (by its corpus-wide id) or one outlet (by its English name), with every form seen
/// anywhere in the corpus: a form seen in one article names the same entity in every other.
#[derive(Debug)]
pub(crate) struct NameEntry {
    pub(crate) kind: NameKind,
    pub(crate) forms: Vec<NameForm>,
}

/// A name an article mentions: the name entry and, for entities, the entity's index in
/// `Article::entities` (to find its title spans for highlighting).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ArticleName {
    pub(crate) entry: u32,
    pub(crate) entity: Option<u16>,
}

/// Per-article keys.
#[derive(Debug)]
pub(crate) struct ArticleKeys {
    pub(crate) title: Box<str>,
    /// Bit `i` set when byte offset `i` of `title` is a grapheme-cluster boundary (end included):
    /// highlights are widened with it at query time without segmenting again.
    pub(crate) clusters: Box<[u8]>,
    pub(crate) title_key: Box<str>,
    /// Byte offset in `title` of the char each byte of `title_key` came from; `None` when the
    /// key is the title itself (the common case after NFC at ingest).
    pub(crate) key_to_title: Option<Box<[u32]>>,
    /// `(entity index, title byte range)` of entity mentions in the title.
    pub(crate) entity_title_spans: Box<[(u16, Range<u32>)]>,
    pub(crate) day: Option<chrono::NaiveDate>,
}

impl ArticleKeys {
    fn is_boundary(&self, at: usize) -> bool {
        self.clusters
            .get(at / 8)
            .is_some_and(|b| b & (1 << (at % 8)) != 0)
    }

    /// The cluster boundary at or before `at`.
    pub(crate) fn cluster_floor(&self, at: usize) -> usize {
        (0..=at).rev().find(|&i| self.is_boundary(i)).unwrap_or(0)
    }

    /// The cluster boundary at or after `at`.
    pub(crate) fn cluster_ceil(&self, at: usize) -> usize {
        (at..self.title.len())
            .find(|&i| self.is_boundary(i))
            .unwrap_or(self.title.len())
    }
}

/// Everything the engine reads at query time.
///
/// Articles are held newest first (undated last, then in corpus order), and the engine refers to
/// them by that position, their *slot*: scoring the slots in order then yields the hits already
/// in recency order, so ranking is a stable bucketing by score instead of a comparison sort of
/// ~100k hits on every keystroke.
#[derive(Debug, Default)]
pub(crate) struct Keys {
    /// By slot.
    pub(crate) articles: Vec<ArticleKeys>,
    /// The index in `Corpus::articles` of each slot's article.
    pub(crate) corpus_index: Vec<u32>,
    /// The slot of each article, by its index in `Corpus::articles`.
    pub(crate) slot_of: Vec<u32>,
    /// The title words (vocabulary ids) of all articles, slot after slot: scoring reads them in
    /// one sequential sweep instead of chasing a pointer per article.
    pub(super) words: Vec<u32>,
    /// Where each of `words` starts in its title key; apart from the ids, which are all a
    /// sweep reads.
    pub(super) word_offsets: Vec<u32>,
    /// Where each slot's words start in `words`, and (last) where they end. Kept apart from
    /// [`ArticleKeys`], which a sweep over every article would otherwise stream through the
    /// cache for two numbers each.
    pub(super) word_starts: Vec<u32>,
    /// The names of all articles, likewise.
    pub(super) article_names: Vec<ArticleName>,
    pub(super) name_starts: Vec<u32>,
    pub(crate) title_vocab: Vocab,
    pub(crate) name_vocab: Vocab,
    pub(crate) names: Vec<NameEntry>,
    /// Slots by title word, and by name entry: when a query word matches few words, only
    /// their articles are scored instead of the whole corpus.
    pub(crate) word_postings: Postings,
    pub(crate) name_postings: Postings,
}

/// For each key (a word or name id), the slots it occurs in, ascending (possibly repeated).
#[derive(Debug, Default)]
pub(crate) struct Postings {
    pub(super) starts: Vec<u32>,
    pub(super) articles: Vec<u32>,
}

impl Postings {
    fn new(keys: usize, pairs: impl Iterator<Item = (u32, u32)> + Clone) -> Postings {
        let mut starts = vec![0u32; keys + 1];
        for (k, _) in pairs.clone() {
            starts[k as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut fill = starts.clone();
        let mut articles = vec![0u32; starts[keys] as usize];
        for (k, a) in pairs {
            articles[fill[k as usize] as usize] = a;
            fill[k as usize] += 1;
        }
        Postings { starts, articles }
    }

    pub(crate) fn of(&self, key: u32) -> &[u32] {
        let k = key as usize;
        match (self.starts.get(k), self.starts.get(k + 1)) {
            (Some(&s), Some(&e)) => &self.articles[s as usize..e as usize],
            _ => &[],
        }
    }
}

/// Title key, its map back to the title, and its words (key, start, end), computed in parallel.
#[derive(Default)]
struct TitleParts {
    clusters: Box<[u8]>,
    key: String,
    key_to_title: Option<Box<[u32]>>,
    words: Vec<(String, u32)>,
}

fn title_parts(title: &str) -> TitleParts {
    let (key, char_offsets) = match_key_with_offsets(title);
    let key_to_title = (key != title).then(|| {
        key.chars()
            .zip(char_offsets)
            .flat_map(|(c, at)| std::iter::repeat_n(at as u32, c.len_utf8()))
            .collect()
    });
    let words = key
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(at, w)| (w.to_string(), at as u32))
        .collect();
    let mut clusters = vec![0u8; title.len() / 8 + 1];
    for at in title
        .grapheme_indices(true)
        .map(|(at, _)| at)
        .chain([title.len()])
    {
        clusters[at / 8] |= 1 << (at % 8);
    }
    TitleParts {
        clusters: clusters.into_boxed_slice(),
        key,
        key_to_title,
        words,
    }
}

impl Keys {
    pub(crate) fn build(corpus: &Corpus) -> Keys {
        let mut parts: Vec<TitleParts> = corpus
            .articles
            .par_iter()
            .map(|a| title_parts(&a.title))
            .collect();
        let mut keys = Keys::default();
        let order = corpus.newest_first();
        let mut seen = SeenNames::default();
        keys.word_starts.push(0);
        keys.name_starts.push(0);
        for &i in &order {
            let article = &corpus.articles[i as usize];
            let part = std::mem::take(&mut parts[i as usize]);
            for (w, start) in &part.words {
                let word = keys.title_vocab.intern(w);
                keys.words.push(word);
                keys.word_offsets.push(*start);
            }
            keys.word_starts.push(keys.words.len() as u32);
            let found = keys.names_of(article, &mut seen);
            keys.article_names.extend(found);
            keys.name_starts.push(keys.article_names.len() as u32);
            keys.articles.push(ArticleKeys {
                title: article.title.as_str().into(),
                clusters: part.clusters,
                title_key: part.key.into_boxed_str(),
                key_to_title: part.key_to_title,
                entity_title_spans: entity_title_spans(article),
                day: article.published.map(|p| p.date()),
            });
        }
        keys.slot_of = vec![0; order.len()];
        for (slot, &i) in order.iter().enumerate() {
            keys.slot_of[i as usize] = slot as u32;
        }
        keys.corpus_index = order;
        keys.drop_unattested_stems();
        keys.title_vocab.finish();
        keys.name_vocab.finish();

        let slots = 0..keys.articles.len() as u32;
        keys.word_postings = Postings::new(
            keys.title_vocab.words.len(),
            slots
                .clone()
                .flat_map(|s| keys.words_of(s).iter().map(move |&w| (w, s))),
        );
        keys.name_postings = Postings::new(
            keys.names.len(),
            slots.flat_map(|s| keys.names_in(s).iter().map(move |n| (n.entry, s))),
        );
        keys
    }

    fn names_of<'c>(&mut self, article: &'c Article, seen: &mut SeenNames<'c>) -> Vec<ArticleName> {
        let mut out: Vec<ArticleName> = Vec::new();
        // Credited or attributed sources are what `source:` and the Sources facet select; an
        // outlet only mentioned is a media name, found by free text and `org:`.
        let outlets = article
            .sources
            .iter()
            .map(|s| (NameKind::Outlet, &s.name, &s.name_bn))
            .chain(
                article
                    .cited_media
                    .iter()
                    .map(|m| (NameKind::Media, &m.name, &m.name_bn)),
            );
        for (kind, name, name_bn) in outlets {
            let entry = self.entry(seen, (Written::Outlet, kind, name), || {
                format!("outlet:{}", match_key(name))
            });
            self.add_forms(entry, [name.as_str(), name_bn.as_str()], seen);
            if !out.iter().any(|n| n.entry == entry) {
                out.push(ArticleName {
                    entry,
                    entity: None,
                });
            }
        }
        if let Some(publisher) = &article.publisher {
            let entry = self.entry(
                seen,
                (Written::Publisher, NameKind::Publisher, publisher),
                || match_key(publisher),
            );
            let bengali = crate::ingest::outlets::OutletTable::embedded()
                .get(publisher)
                .and_then(|o| o.bn.first());
            let forms = std::iter::once(publisher.as_str()).chain(bengali.map(String::as_str));
            self.add_forms(entry, forms, seen);
            out.push(ArticleName {
                entry,
                entity: None,
            });
        }
        for (i, e) in article.entities.iter().enumerate() {
            let kind = NameKind::from(e.kind);
            let entry = self.entry(seen, (Written::Entity, kind, &e.id), || e.id.to_string());
            let forms = std::iter::once(&*e.name)
                .chain(e.name_en.as_deref())
                .chain(e.aliases.iter().map(|a| &**a));
            self.add_forms(entry, forms, seen);
            out.push(ArticleName {
                entry,
                entity: u16::try_from(i).ok(),
            });
        }
        out
    }

    /// The name entry `written` names: its id made by `id` the first time it is written so.
    fn entry<'c>(
        &mut self,
        seen: &mut SeenNames<'c>,
        written: (Written, NameKind, &'c str),
        id: impl FnOnce() -> String,
    ) -> u32 {
        if let Some(&entry) = seen.written.get(&written) {
            return entry;
        }
        let kind = written.1;
        let entry = *seen.entries.entry((kind, id())).or_insert_with(|| {
            self.names.push(NameEntry {
                kind,
                forms: Vec::new(),
            });
            (self.names.len() - 1) as u32
        });
        seen.written.insert(written, entry);
        entry
    }

    fn add_forms<'c>(
        &mut self,
        entry: u32,
        forms: impl IntoIterator<Item = &'c str>,
        seen: &mut SeenNames<'c>,
    ) {
        for form in forms {
            if !seen.written_forms.insert((entry, form)) {
                continue;
            }
            let key = match_key(form.trim());
            if key.is_empty() || !seen.forms.insert((entry, key.clone())) {
                continue;
            }
            let words = key
                .split_word_bounds()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .map(|w| self.name_vocab.intern(w))
                .collect();
            self.names[entry as usize].forms.push(NameForm {
                key: key.into_boxed_str(),
                words,
            });
        }
    }

    /// The title words (vocabulary ids) of the article in `slot`.
    pub(crate) fn words_of(&self, slot: u32) -> &[u32] {
        &self.words[self.word_range(slot)]
    }

    /// Where each of [`words_of`](Self::words_of) starts in the title key.
    pub(crate) fn word_offsets_of(&self, slot: u32) -> &[u32] {
        &self.word_offsets[self.word_range(slot)]
    }

    fn word_range(&self, slot: u32) -> Range<usize> {
        let s = slot as usize;
        self.word_starts[s] as usize..self.word_starts[s + 1] as usize
    }

    /// The names the article in `slot` mentions.
    pub(crate) fn names_in(&self, slot: u32) -> &[ArticleName] {
        let s = slot as usize;
        &self.article_names[self.name_starts[s] as usize..self.name_starts[s + 1] as usize]
    }

    /// True when `word` is a title word or a name word: what makes a body word's stem count.
    pub(crate) fn attests(&self, word: &str) -> bool {
        self.title_vocab.ids.contains_key(word) || self.name_vocab.ids.contains_key(word)
    }

    /// A title word's stem counts only when the stem is itself a title word or a name word.
    fn drop_unattested_stems(&mut self) {
        let (titles, names) = (&self.title_vocab.ids, &self.name_vocab.ids);
        let attested = |stem: &str| titles.contains_key(stem) || names.contains_key(stem);
        for w in &mut self.title_vocab.words {
            w.keep_stem_if(attested);
        }
    }
}

/// What a name is written as in an article: an outlet, a publisher or an entity id.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Written {
    Outlet,
    Publisher,
    Entity,
}

/// The names met so far while building: the same outlets, entities and forms recur in
/// thousands of articles, and what they are written as (borrowed from the corpus) is looked up
/// before any match key is computed or any id string made for them.
#[derive(Default)]
struct SeenNames<'c> {
    /// Name entries by kind and id.
    entries: HashMap<(NameKind, String), u32>,
    written: FxHashMap<(Written, NameKind, &'c str), u32>,
    /// Each entry's forms, by match key, and as written.
    forms: FxHashSet<(u32, String)>,
    written_forms: FxHashSet<(u32, &'c str)>,
}

fn entity_title_spans(article: &Article) -> Box<[(u16, Range<u32>)]> {
    article
        .entities
        .iter()
        .enumerate()
        .filter_map(|(i, e)| Some((u16::try_from(i).ok()?, e)))
        .flat_map(|(i, e)| {
            e.spans
                .iter()
                .filter(|s| s.block == Block::Title && s.range.end <= article.title.len())
                .map(move |s| (i, s.range.start as u32..s.range.end as u32))
        })
        .collect()
}
