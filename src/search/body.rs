//! Every word of every article body, for full-text search.
//!
//! Like titles, bodies are matched once per distinct word: a query word is scored against the
//! vocabulary of body words (the same match keys, suffix rules and Latin spellings as titles),
//! and the articles are then found through each matched word's postings. A posting holds the
//! article's slot and how often the word occurs there, which with the body's length gives a
//! BM25 weight; positions are not kept (they would triple the postings), so a quoted phrase
//! holds in a body when each of its words occurs there.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use crate::article::ContentId;
use crate::ingest;
use crate::text::key::match_key;

use super::keys::Vocab;

/// Body words and their postings, by slot (see [`super::keys::Keys`]).
#[derive(Debug, Default)]
pub(crate) struct BodyIndex {
    pub vocab: Vocab,
    /// For each body word, where its postings start in `slots`, and (last) where they end.
    starts: Vec<u32>,
    /// Slots, ascending within each word.
    slots: Vec<u32>,
    /// How often the word occurs in that article, capped at 255; beside `slots`.
    counts: Vec<u8>,
    /// Words in each slot's body.
    lengths: Vec<u32>,
    average_length: f32,
}

/// The distinct words of one body and how often each occurs.
pub(crate) type BodyWords = Vec<(Box<str>, u8)>;

/// The words of one body (its paragraphs), each once with its count.
pub(crate) fn body_words(paragraphs: &[String]) -> (BodyWords, u32) {
    let mut counts: HashMap<String, u8> = HashMap::new();
    let mut total = 0u32;
    for p in paragraphs {
        let key = match_key(p);
        for w in key
            .split_word_bounds()
            .filter(|w| w.chars().any(char::is_alphanumeric))
        {
            total += 1;
            let n = counts.entry(w.to_string()).or_insert(0);
            *n = n.saturating_add(1);
        }
    }
    let mut words: BodyWords = counts
        .into_iter()
        .map(|(w, n)| (w.into_boxed_str(), n))
        .collect();
    words.sort_unstable();
    (words, total)
}

impl BodyIndex {
    /// Indexes the bodies given by slot (`None`: no body known). `attested` says whether a stem
    /// occurs as a word elsewhere (titles, names), besides the body vocabulary itself.
    /// Stops early (the index is then partial) when `stop` is set.
    pub fn build(
        slots: usize,
        body: impl Fn(usize) -> Option<(BodyWords, u32)> + Sync,
        attested: impl Fn(&str) -> bool,
        stop: &AtomicBool,
    ) -> BodyIndex {
        let mut index = BodyIndex::default();
        let mut postings: Vec<Vec<(u32, u8)>> = Vec::new();
        index.lengths = vec![0; slots];
        // In chunks, so that the words of a few thousand bodies are held at a time, never all.
        for chunk in (0..slots).collect::<Vec<_>>().chunks(4096) {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let words: Vec<Option<(BodyWords, u32)>> = chunk.par_iter().map(|&s| body(s)).collect();
            for (&slot, found) in chunk.iter().zip(words) {
                let Some((words, length)) = found else {
                    continue;
                };
                index.lengths[slot] = length;
                for (w, n) in words {
                    let id = index.vocab.intern(&w) as usize;
                    if id == postings.len() {
                        postings.push(Vec::new());
                    }
                    postings[id].push((slot as u32, n));
                }
            }
        }
        let known = index.lengths.iter().filter(|&&l| l > 0).count().max(1);
        index.average_length = index.lengths.iter().map(|&l| l as f32).sum::<f32>() / known as f32;
        index.starts.reserve(postings.len() + 1);
        index.starts.push(0);
        for list in postings {
            for (slot, n) in list {
                index.slots.push(slot);
                index.counts.push(n);
            }
            index.starts.push(index.slots.len() as u32);
        }
        index.slots.shrink_to_fit();
        index.counts.shrink_to_fit();
        let ids = &index.vocab.ids;
        let in_bodies = |stem: &str| ids.contains_key(stem) || attested(stem);
        for w in &mut index.vocab.words {
            w.keep_stem_if(in_bodies);
        }
        index.vocab.finish();
        index
    }

    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// The slots whose bodies hold word `word`, ascending, and how often.
    pub fn postings(&self, word: u32) -> (&[u32], &[u8]) {
        let w = word as usize;
        match (self.starts.get(w), self.starts.get(w + 1)) {
            (Some(&s), Some(&e)) => (
                &self.slots[s as usize..e as usize],
                &self.counts[s as usize..e as usize],
            ),
            _ => (&[], &[]),
        }
    }

    /// A body match's score, 1 to [`BODY_MAX`]: BM25 of the word in that body, weighted by how
    /// well the word matched (`tier`, out of 100). Below every title or name match.
    pub fn weight(&self, slot: u32, count: u8, df: usize, tier: u8) -> u8 {
        let n = self.lengths.len() as f32;
        let df = df as f32;
        let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
        let (k1, b) = (1.2, 0.75);
        let length = self.lengths.get(slot as usize).copied().unwrap_or(0) as f32;
        let tf = f32::from(count);
        let norm = 1.0 - b + b * length / self.average_length.max(1.0);
        let bm25 = idf * tf * (k1 + 1.0) / (tf + k1 * norm) * f32::from(tier) / 100.0;
        (1.0 + bm25).clamp(1.0, f32::from(BODY_MAX)) as u8
    }
}

/// Reads the body of an article loaded without it: a bundled seed from the binary, anything
/// else from its file. `None` when it cannot be read or no longer holds content `id`.
pub fn read_body(path: &str, id: ContentId) -> Option<Vec<String>> {
    let parsed = match crate::seeds::BUNDLED.iter().find(|(p, _)| *p == path) {
        Some((p, bytes)) => ingest::parse_bytes(p, bytes),
        None => ingest::formats::load_article(&crate::fsutil::text_path(path)),
    };
    let (article, _) = parsed.ok()?;
    (article.id == id).then_some(article.body)
}

/// The best body score: below the lowest title or name score that counts as a real match.
pub(crate) const BODY_MAX: u8 = 9;
