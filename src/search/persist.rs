//! The whole index (titles, names and bodies) saved in the cache directory, so that a warm start
//! on an unchanged corpus loads it instead of building it: building the title keys and inverting
//! every body's words again took most of a warm `khobor search` at 100,000 articles
//! (`docs/search.md`).
//!
//! The saved index belongs to one corpus, named by [`corpus_key`]: a hash of what the index is
//! built from (each article's content id, title, date, publisher, sources, entity ids and title
//! spans, and its body when held, in corpus order). Any added, edited or removed article changes
//! it; the title keys are then built again, the bodies of the articles whose digest is unchanged
//! taken from the saved index ([`super::update`]), and the result saved over the old one. It is
//! stored as a few large arrays ([`crate::cache::index_file`]): the slots' article digests and
//! content ids, the body index, then the title keys; what a word or a title needs besides is rebuilt from them
//! without any text analysis (no match keys, skeletons or stems are computed again).

use std::collections::HashMap;
use std::io;
use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use xxhash_rust::xxh3::{xxh3_64, xxh3_128};

use crate::article::{Article, Block, ContentId};
use crate::cache::index_file::{self, IndexReader, IndexWriter};
use crate::corpus::Corpus;

use super::SearchIndex;
use super::body::BodyIndex;
use super::keys::{ArticleKeys, ArticleName, Keys, NameEntry, NameForm, NameKind, Postings, Vocab};
use super::term::Word;

/// Which corpus an index was built from: equal keys, equal indexes. It keeps the digest of
/// each article it hashed, which the saved index stores by slot: a later corpus recognises its
/// unchanged articles by them ([`SearchIndex::with_bodies_updated`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusKey {
    key: u128,
    /// By index in `Corpus::articles`.
    digests: Vec<u64>,
    /// The articles' content ids, likewise: the body cache's keys.
    ids: Vec<ContentId>,
}

/// The key of `corpus`: each article's fields written into a buffer and hashed once, in
/// parallel (many small hasher updates cost several times more).
pub fn corpus_key(corpus: &Corpus) -> CorpusKey {
    let digests: Vec<u64> = corpus
        .articles
        .par_iter()
        .map_init(Vec::new, |buf: &mut Vec<u8>, a| {
            buf.clear();
            describe(buf, a);
            xxh3_64(buf)
        })
        .collect();
    let bytes: Vec<u8> = digests.iter().flat_map(|d| d.to_le_bytes()).collect();
    CorpusKey {
        key: xxh3_128(&bytes),
        digests,
        ids: corpus.articles.iter().map(|a| a.id).collect(),
    }
}

impl CorpusKey {
    /// The digest and content id of each slot's article of `keys`; `None` when `keys` are not of
    /// this key's corpus.
    pub(super) fn by_slot(&self, keys: &Keys) -> Option<(Vec<u64>, Vec<ContentId>)> {
        (keys.corpus_index.len() == self.digests.len()).then_some(())?;
        keys.corpus_index
            .iter()
            .map(|&i| Some((*self.digests.get(i as usize)?, *self.ids.get(i as usize)?)))
            .collect()
    }
}

/// A saved index's bodies and what the articles of its slots were.
pub(super) struct SavedBodies {
    pub(super) digests: Vec<u64>,
    pub(super) ids: Vec<ContentId>,
    pub(super) body: BodyIndex,
}

fn write_ids(w: &mut IndexWriter<'_>, ids: &[ContentId]) -> io::Result<()> {
    let halves: Vec<u64> = ids
        .iter()
        .flat_map(|id| [id.0 as u64, (id.0 >> 64) as u64])
        .collect();
    w.u64s(&halves)
}

fn read_ids(r: &mut IndexReader) -> io::Result<Vec<ContentId>> {
    let halves = r.u64s()?;
    if halves.len() % 2 != 0 {
        return Err(damaged());
    }
    Ok(halves
        .chunks_exact(2)
        .map(|h| ContentId(u128::from(h[0]) | (u128::from(h[1]) << 64)))
        .collect())
}

/// Everything of `a` that the index is built from, written into `buf`.
fn describe(buf: &mut Vec<u8>, a: &Article) {
    fn number(buf: &mut Vec<u8>, n: usize) {
        buf.extend_from_slice(&(n as u64).to_le_bytes());
    }
    fn text(buf: &mut Vec<u8>, s: &str) {
        number(buf, s.len());
        buf.extend_from_slice(s.as_bytes());
    }
    fn maybe(buf: &mut Vec<u8>, s: Option<&str>) {
        buf.push(u8::from(s.is_some()));
        text(buf, s.unwrap_or(""));
    }
    buf.extend_from_slice(&a.id.0.to_le_bytes());
    buf.push(u8::from(a.text_omitted));
    text(buf, &a.title);
    maybe(buf, a.published.map(|p| p.to_iso()).as_deref());
    maybe(buf, a.publisher.as_deref());
    number(buf, a.sources.len());
    for s in &a.sources {
        text(buf, &s.name);
        text(buf, &s.name_bn);
    }
    number(buf, a.cited_media.len());
    for m in &a.cited_media {
        text(buf, &m.name);
        text(buf, &m.name_bn);
    }
    // An entity's names and aliases are not written: like its id, they are what this build's
    // extractor makes of the content (the extraction cache serves them by content id alone),
    // and writing them was most of the key's cost. What the load itself decides is: whether the
    // entities have arrived yet, and which spans a light article keeps.
    number(buf, a.entities.len());
    for e in &a.entities {
        text(buf, &e.id);
        buf.push(e.kind as u8);
        number(buf, e.spans.len());
        for s in &e.spans {
            number(buf, s.range.start);
            number(buf, s.range.end);
            number(
                buf,
                match s.block {
                    Block::Title => 0,
                    Block::Body(p) => p + 1,
                },
            );
        }
    }
    number(buf, a.body.len());
    for p in &a.body {
        text(buf, p);
    }
}

impl SearchIndex {
    /// The index saved in `dir` for `corpus` (whose key is `key`): `Ok(None)` when none is saved
    /// for it (or for this build), `Err` with a warning for the status line when the file was
    /// damaged. The titles are taken from `corpus`, not stored twice.
    pub fn load_saved(
        dir: &Path,
        corpus: &Corpus,
        key: &CorpusKey,
    ) -> Result<Option<SearchIndex>, String> {
        let parts = index_file::load(dir, Some(key.key), |r| {
            let digests = r.u64s()?;
            let ids = read_ids(r)?;
            let body = read_body(r, true)?;
            let keys = read_keys(r, corpus)?;
            if digests.len() != keys.articles.len() || ids.len() != digests.len() {
                return Err(damaged());
            }
            Ok((keys, body))
        })?;
        Ok(parts.map(|(keys, body)| SearchIndex {
            keys: Arc::new(keys),
            body: Arc::new(body),
        }))
    }

    /// Whether an index is saved in `dir` for the corpus with `key` (its header alone is read).
    pub fn is_saved(dir: &Path, key: &CorpusKey) -> bool {
        index_file::is_saved(dir, Some(key.key))
    }

    /// Whether an index of this build is saved in `dir`, for any corpus: a later one is updated
    /// from it rather than built.
    pub fn any_saved(dir: &Path) -> bool {
        index_file::is_saved(dir, None)
    }

    /// Saves this index, built from the corpus with `key`, in `dir` (replacing the one there).
    pub fn save(&self, dir: &Path, key: &CorpusKey) -> io::Result<()> {
        let (digests, ids) = key.by_slot(&self.keys).ok_or_else(|| {
            io::Error::new(io::ErrorKind::InvalidInput, "an index of another corpus")
        })?;
        index_file::save(dir, key.key, |w| {
            w.u64s(&digests)?;
            write_ids(w, &ids)?;
            write_body(w, &self.body)?;
            write_keys(w, &self.keys)
        })
    }
}

/// The body index saved in `dir` by this build for any corpus, and the digest of each of its
/// slots' articles: what [`SearchIndex::with_bodies_updated`] builds from. The title keys
/// after it are not read, only checked with the rest of the file against the checksum.
pub(super) fn saved_bodies(dir: &Path) -> Result<Option<SavedBodies>, String> {
    index_file::load_front(dir, |r| {
        let digests = r.u64s()?;
        let ids = read_ids(r)?;
        let body = read_body(r, false)?;
        if digests.len() != body.lengths.len() || ids.len() != digests.len() {
            return Err(damaged());
        }
        Ok(SavedBodies { digests, ids, body })
    })
}

fn damaged() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "inconsistent index")
}

/// `items[range]`, or an error when the range is not inside.
fn slice<T>(items: &[T], from: u32, to: u32) -> io::Result<&[T]> {
    items.get(from as usize..to as usize).ok_or_else(damaged)
}

fn write_vocab(w: &mut IndexWriter<'_>, vocab: &Vocab) -> io::Result<()> {
    let words = &vocab.words;
    w.strs(words.iter().map(|v| &*v.key))?;
    w.strs(words.iter().map(|v| &*v.skel))?;
    let stem_lengths: Vec<u32> = words
        .iter()
        .map(|v| v.stem.as_ref().map_or(u32::MAX, |(len, _)| *len as u32))
        .collect();
    w.u32s(&stem_lengths)?;
    w.strs(
        words
            .iter()
            .map(|v| v.stem.as_ref().map_or("", |(_, s)| &**s)),
    )?;
    let masks: Vec<u64> = words.iter().map(|v| v.mask).collect();
    w.u64s(&masks)
}

/// A vocabulary [`write_vocab`] wrote, with its lookup when `lookup`.
fn read_vocab(r: &mut IndexReader, lookup: bool) -> io::Result<Vocab> {
    let keys = r.strs()?;
    let skels = r.strs()?;
    let stem_lengths = r.u32s()?;
    let stems = r.strs()?;
    let masks = r.u64s()?;
    let n = keys.len();
    if skels.len() != n || stem_lengths.len() != n || stems.len() != n || masks.len() != n {
        return Err(damaged());
    }
    // A vocabulary read to be merged ([`super::update`]) gets the new articles' words added.
    let mut words: Vec<Word> =
        Vec::with_capacity(if lookup { n } else { n + index_file::spare(n) });
    words.extend((0..n).map(|i| Word {
        key: keys.get(i).into(),
        skel: skels.get(i).into(),
        stem:
            (stem_lengths[i] != u32::MAX).then(|| (stem_lengths[i] as usize, stems.get(i).into())),
        mask: masks[i],
    }));
    let ids: HashMap<Box<str>, u32> = keys
        .iter()
        .zip(0u32..)
        .map(|(k, i)| (k.into(), i))
        .collect();
    let mut vocab = Vocab {
        words,
        ids,
        lookup: Default::default(),
    };
    if lookup {
        vocab.finish();
    }
    Ok(vocab)
}

fn write_postings(w: &mut IndexWriter<'_>, p: &Postings) -> io::Result<()> {
    w.u32s(&p.starts)?;
    w.deltas(&p.articles)
}

fn read_postings(r: &mut IndexReader) -> io::Result<Postings> {
    Ok(Postings {
        starts: r.u32s()?,
        articles: r.deltas()?,
    })
}

/// No day: a value no `num_days_from_ce` gives.
const NO_DAY: u64 = 1 << 40;

fn write_keys(w: &mut IndexWriter<'_>, keys: &Keys) -> io::Result<()> {
    // Titles are the corpus's; a title key is written only where it is not the title itself.
    w.u32s(&keys.corpus_index)?;
    let articles = &keys.articles;
    let clusters: Vec<u8> = articles
        .iter()
        .flat_map(|a| a.clusters.iter().copied())
        .collect();
    w.u8s(&clusters)?;
    let mapped_keys = articles.iter().filter(|a| a.key_to_title.is_some());
    w.strs(mapped_keys.map(|a| &*a.title_key))?;
    let mapped: Vec<u8> = articles
        .iter()
        .map(|a| u8::from(a.key_to_title.is_some()))
        .collect();
    w.u8s(&mapped)?;
    let map: Vec<u32> = articles
        .iter()
        .flat_map(|a| a.key_to_title.iter().flat_map(|m| m.iter().copied()))
        .collect();
    w.u32s(&map)?;
    let span_counts: Vec<u32> = articles
        .iter()
        .map(|a| a.entity_title_spans.len() as u32)
        .collect();
    w.u32s(&span_counts)?;
    let spans: Vec<u32> = articles
        .iter()
        .flat_map(|a| a.entity_title_spans.iter())
        .flat_map(|(e, r)| [u32::from(*e), r.start, r.end])
        .collect();
    w.u32s(&spans)?;
    let days: Vec<u64> = articles
        .iter()
        .map(|a| {
            use chrono::Datelike;
            a.day
                .map_or(NO_DAY, |d| i64::from(d.num_days_from_ce()) as u64)
        })
        .collect();
    w.u64s(&days)?;
    w.u32s(&keys.slot_of)?;
    w.u32s(&keys.words)?;
    w.u32s(&keys.word_offsets)?;
    w.u32s(&keys.word_starts)?;
    let entries: Vec<u32> = keys.article_names.iter().map(|n| n.entry).collect();
    w.u32s(&entries)?;
    let entities: Vec<u32> = keys
        .article_names
        .iter()
        .map(|n| n.entity.map_or(u32::MAX, u32::from))
        .collect();
    w.u32s(&entities)?;
    w.u32s(&keys.name_starts)?;
    write_vocab(w, &keys.title_vocab)?;
    write_vocab(w, &keys.name_vocab)?;
    let kinds: Vec<u8> = keys.names.iter().map(|n| n.kind.number()).collect();
    w.u8s(&kinds)?;
    let form_counts: Vec<u32> = keys.names.iter().map(|n| n.forms.len() as u32).collect();
    w.u32s(&form_counts)?;
    let forms = keys.names.iter().flat_map(|n| n.forms.iter());
    w.strs(forms.clone().map(|f| &*f.key))?;
    let word_counts: Vec<u32> = forms.clone().map(|f| f.words.len() as u32).collect();
    w.u32s(&word_counts)?;
    let form_words: Vec<u32> = forms.flat_map(|f| f.words.iter().copied()).collect();
    w.u32s(&form_words)?;
    write_postings(w, &keys.word_postings)?;
    write_postings(w, &keys.name_postings)
}

/// The per-article keys, from the arrays [`write_keys`] wrote first and the titles of `corpus`
/// (the articles of `corpus_index`, slot by slot).
fn read_articles(
    r: &mut IndexReader,
    corpus: &Corpus,
    corpus_index: &[u32],
) -> io::Result<Vec<ArticleKeys>> {
    let clusters = r.u8s()?;
    let title_keys = r.strs()?;
    let mapped = r.u8s()?;
    let map = r.u32s()?;
    let span_counts = r.u32s()?;
    let spans = r.u32s()?;
    let days = r.u64s()?;
    let n = corpus_index.len();
    if [mapped.len(), span_counts.len(), days.len()] != [n; 3] {
        return Err(damaged());
    }
    let (mut at_cluster, mut at_map, mut at_span) = (0usize, 0usize, 0usize);
    let mut mapped_keys = title_keys.iter();
    let take = |at: &mut usize, len: usize| {
        let range = *at..at.saturating_add(len);
        *at = range.end;
        range
    };
    (0..n)
        .map(|i| {
            let article = corpus.articles.get(corpus_index[i] as usize);
            let title = article.ok_or_else(damaged)?.title.as_str();
            let cl = take(&mut at_cluster, title.len() / 8 + 1);
            let (key, key_to_title) = match mapped[i] {
                0 => (title, None),
                _ => {
                    let key = mapped_keys.next().ok_or_else(damaged)?;
                    let m = take(&mut at_map, key.len());
                    (key, Some(map.get(m).ok_or_else(damaged)?.into()))
                }
            };
            let sp = take(&mut at_span, span_counts[i] as usize * 3);
            let entity_title_spans = spans
                .get(sp)
                .ok_or_else(damaged)?
                .chunks_exact(3)
                .map(|s| Ok((u16::try_from(s[0]).map_err(|_| damaged())?, s[1]..s[2])))
                .collect::<io::Result<_>>()?;
            let day = match days[i] {
                NO_DAY => None,
                d => Some(
                    i32::try_from(d as i64)
                        .ok()
                        .and_then(chrono::NaiveDate::from_num_days_from_ce_opt)
                        .ok_or_else(damaged)?,
                ),
            };
            Ok(ArticleKeys {
                title: title.into(),
                clusters: clusters.get(cl).ok_or_else(damaged)?.into(),
                title_key: key.into(),
                key_to_title,
                entity_title_spans,
                day,
            })
        })
        .collect()
}

fn read_keys(r: &mut IndexReader, corpus: &Corpus) -> io::Result<Keys> {
    let corpus_index = r.u32s()?;
    let articles = read_articles(r, corpus, &corpus_index)?;
    let slot_of = r.u32s()?;
    let words = r.u32s()?;
    let word_offsets = r.u32s()?;
    let word_starts = r.u32s()?;
    let entries = r.u32s()?;
    let entities = r.u32s()?;
    let name_starts = r.u32s()?;
    let title_vocab = read_vocab(r, true)?;
    let name_vocab = read_vocab(r, true)?;
    let kinds = r.u8s()?;
    let form_counts = r.u32s()?;
    let form_keys = r.strs()?;
    let word_counts = r.u32s()?;
    let form_words = r.u32s()?;
    let word_postings = read_postings(r)?;
    let name_postings = read_postings(r)?;
    let n = articles.len();
    let consistent = corpus_index.len() == n
        && slot_of.len() == n
        && word_starts.len() == n + 1
        && name_starts.len() == n + 1
        && word_offsets.len() == words.len()
        && entities.len() == entries.len()
        && kinds.len() == form_counts.len()
        && word_counts.len() == form_keys.len()
        && word_starts
            .last()
            .is_some_and(|&e| e as usize == words.len())
        && name_starts
            .last()
            .is_some_and(|&e| e as usize == entries.len())
        && word_starts.windows(2).all(|w| w[0] <= w[1])
        && name_starts.windows(2).all(|w| w[0] <= w[1]);
    if !consistent {
        return Err(damaged());
    }
    let article_names = entries
        .iter()
        .zip(&entities)
        .map(|(&entry, &entity)| ArticleName {
            entry,
            entity: u16::try_from(entity).ok(),
        })
        .collect();
    let (mut form, mut word) = (0usize, 0u32);
    let mut names = Vec::with_capacity(kinds.len());
    for (&kind, &count) in kinds.iter().zip(&form_counts) {
        let mut forms = Vec::with_capacity(count as usize);
        for _ in 0..count {
            let len = *word_counts.get(form).ok_or_else(damaged)?;
            let end = word.checked_add(len).ok_or_else(damaged)?;
            forms.push(NameForm {
                key: form_keys.get(form).into(),
                words: slice(&form_words, word, end)?.into(),
            });
            form += 1;
            word = end;
        }
        names.push(NameEntry {
            kind: NameKind::from_number(kind).ok_or_else(damaged)?,
            forms,
        });
    }
    Ok(Keys {
        articles,
        corpus_index,
        slot_of,
        words,
        word_offsets,
        word_starts,
        article_names,
        name_starts,
        title_vocab,
        name_vocab,
        names,
        word_postings,
        name_postings,
    })
}

fn write_body(w: &mut IndexWriter<'_>, body: &BodyIndex) -> io::Result<()> {
    write_vocab(w, &body.vocab)?;
    w.u32s(&body.starts)?;
    w.deltas(&body.slots)?;
    w.u8s(&body.counts)?;
    w.u32s(&body.lengths)?;
    w.u32s(&[body.average_length.to_bits()])?;
    w.u32s(&body.numbers)?;
    w.u8s(&body.sequences)?;
    let at: Vec<u64> = body
        .sequence_at
        .iter()
        .flat_map(|&(s, e)| [s as u64, e as u64])
        .collect();
    w.u64s(&at)
}

/// The body index [`write_body`] wrote; its vocabulary's lookup is built only when it is to be
/// searched (`searched`), not merged ([`super::update`]).
fn read_body(r: &mut IndexReader, searched: bool) -> io::Result<BodyIndex> {
    let vocab = read_vocab(r, searched)?;
    let starts = r.u32s()?;
    // Merged in place by an update, which adds the new articles' postings to them.
    let (slots, counts) = if searched {
        (r.deltas()?, r.u8s()?)
    } else {
        (r.growable_deltas()?, r.growable_u8s()?)
    };
    let lengths = r.u32s()?;
    let average_length = r.u32s()?;
    let numbers = r.u32s()?;
    // An update appends the added articles' word sequences to the kept ones.
    let sequences = if searched {
        r.u8s()?
    } else {
        r.growable_u8s()?
    };
    let at = r.u64s()?;
    let consistent = starts.len() == vocab.words.len() + 1
        && counts.len() == slots.len()
        && starts.last().is_some_and(|&e| e as usize == slots.len())
        && starts.windows(2).all(|w| w[0] <= w[1])
        && numbers.len() == vocab.words.len()
        && average_length.len() == 1
        && at.len() == lengths.len() * 2;
    if !consistent {
        return Err(damaged());
    }
    let sequence_at = at
        .chunks_exact(2)
        .map(|p| (p[0] as usize, p[1] as usize))
        .collect();
    Ok(BodyIndex {
        vocab,
        starts,
        slots,
        counts,
        lengths,
        average_length: f32::from_bits(average_length[0]),
        numbers,
        sequences,
        sequence_at,
    })
}
