//! Every word of every article body, for full-text search.
//!
//! Like titles, bodies are matched once per distinct word: a query word is scored against the
//! vocabulary of body words (the same match keys, suffix rules and Latin spellings as titles),
//! and the articles are then found through each matched word's postings. A posting holds the
//! article's slot and how often the word occurs there, which with the body's length gives a
//! BM25 weight. Positions are not in the postings (they would triple them); instead each body's
//! words are kept in order as varints of their numbers ([`BodyIndex::holds_sequence`]), and a
//! quoted phrase is checked there for the articles that hold all of its words.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use unicode_segmentation::UnicodeSegmentation;

use crate::article::ContentId;
use crate::cache::{BodyCache, NumberedBody, varint};
use crate::ingest;
use crate::text::key::match_key;

use super::keys::Vocab;
use super::term::Word;

/// Body words and their postings, by slot (see [`super::keys::Keys`]).
#[derive(Debug, Default)]
pub(crate) struct BodyIndex {
    pub(crate) vocab: Vocab,
    /// For each body word, where its postings start in `slots`, and (last) where they end.
    pub(super) starts: Vec<u32>,
    /// Slots, ascending within each word.
    pub(super) slots: Vec<u32>,
    /// How often the word occurs in that article, capped at 255; beside `slots`.
    pub(super) counts: Vec<u8>,
    /// Words in each slot's body.
    pub(super) lengths: Vec<u32>,
    pub(super) average_length: f32,
    /// The cache number of each body word, by vocabulary id.
    pub(super) numbers: Vec<u32>,
    /// Every body's words in order, as varints of cache numbers (about 1.5 bytes a word), and
    /// where each slot's lie: exact phrases are checked against these.
    pub(super) sequences: Vec<u8>,
    pub(super) sequence_at: Vec<(usize, usize)>,
}

/// Articles tokenised at once by one task: enough to amortise a task's local vocabulary.
const TASK: usize = 256;
/// Articles per round of tasks; the stop flag is checked between rounds.
const ROUND: usize = 8192;

/// How one build finds a slot's body: its content id (to look it up in the cache, and to store
/// it there once read) and, failing that, its paragraphs.
pub(crate) struct BodySlots<'a> {
    pub(crate) count: usize,
    pub(crate) id: &'a (dyn Fn(usize) -> Option<ContentId> + Sync),
    pub(crate) paragraphs: &'a (dyn Fn(usize) -> Option<Cow<'a, [String]>> + Sync),
}

/// What one task found: the bodies it read, numbered by a vocabulary of its own, and those the
/// cache had, numbered by the cache's.
#[derive(Default)]
struct Task {
    local_words: Vec<Box<str>>,
    bodies: Vec<TaskBody>,
}

struct TaskBody {
    slot: u32,
    id: Option<ContentId>,
    body: NumberedBody,
    /// For a body read by the task: its words in order, by the task's numbers (its `sequence`
    /// is written once they are the cache's, [`TaskBody::renumber`]). `None`: from the cache.
    tokens: Option<Vec<u32>>,
}

impl TaskBody {
    /// Whether the task read this body (and numbered it by its own vocabulary).
    fn local(&self) -> bool {
        self.tokens.is_some()
    }

    /// Numbers a body the task read by the cache's numbers (`numbers`, by task number).
    fn renumber(&mut self, numbers: &[u32]) {
        let Some(tokens) = self.tokens.take() else {
            return;
        };
        for (n, _) in &mut self.body.words {
            *n = numbers[*n as usize];
        }
        let sequence = &mut self.body.sequence;
        sequence.clear();
        for t in tokens {
            varint::push(sequence, u64::from(numbers[t as usize]));
        }
    }
}

/// The vocabulary of the body words `words` (`ids`: their keys): a stem counts when it is a body
/// word itself or `attested` (a title or name word), as in titles.
pub(super) fn body_vocab(
    mut words: Vec<Word>,
    ids: HashMap<Box<str>, u32>,
    attested: impl Fn(&str) -> bool + Sync,
) -> Vocab {
    words
        .par_iter_mut()
        .for_each(|w| w.keep_stem_if(|stem| ids.contains_key(stem) || attested(stem)));
    let mut vocab = Vocab {
        words,
        ids,
        lookup: Default::default(),
    };
    vocab.finish();
    vocab
}

/// The numbers of a varint sequence, in order; stops at a truncated one or one past `u32`.
pub(super) fn varints(bytes: &[u8]) -> impl Iterator<Item = u32> + '_ {
    let mut at = 0;
    std::iter::from_fn(move || u32::try_from(varint::read(bytes, &mut at)?).ok())
}

/// Calls `each` with the words of `key` exactly as UAX #29 word boundaries cut them
/// (`split_word_bounds`), keeping those with a letter or digit. Most words of a Bengali key are a
/// run of Bengali letters, marks and digits between spaces, which is always one UAX #29 word, so
/// such a run is taken as it is and only the rest goes through the segmenter: the segmenter's
/// per-char table lookups were a large share of the cost of indexing bodies.
fn for_each_word<'k>(key: &'k str, mut each: impl FnMut(&'k str)) {
    let mut at = 0;
    while at < key.len() {
        let rest = &key[at..];
        let start = at
            + rest
                .find(|c: char| !c.is_whitespace())
                .unwrap_or(rest.len());
        if start == key.len() {
            break;
        }
        let rest = &key[start..];
        let end = start + rest.find(char::is_whitespace).unwrap_or(rest.len());
        let run = &key[start..end];
        if plain_word(run) {
            each(run);
        } else {
            // From the whitespace before it: a mark right after a space belongs to the space.
            for w in key[at..end]
                .split_word_bounds()
                .filter(|w| w.chars().any(char::is_alphanumeric))
            {
                each(w);
            }
        }
        at = end;
    }
}

/// Whether `run` is one UAX #29 word: it starts with a letter or digit (Bengali or ASCII) and
/// holds only those, Bengali marks and joiners (ALetter, Numeric, Extend, ZWJ).
fn plain_word(run: &str) -> bool {
    let base = |c: char| {
        c.is_ascii_alphanumeric()
            || ('\u{09E6}'..='\u{09EF}').contains(&c)
            || (('\u{0980}'..='\u{09FF}').contains(&c) && c.is_alphabetic() && !bengali_mark(c))
    };
    let mut chars = run.chars();
    chars.next().is_some_and(base)
        && chars.all(|c| base(c) || bengali_mark(c) || c == '\u{200C}' || c == '\u{200D}')
}

/// Bengali combining marks (Word_Break = Extend).
fn bengali_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0981}'..='\u{0983}'
            | '\u{09BC}'
            | '\u{09BE}'..='\u{09C4}'
            | '\u{09C7}'..='\u{09C8}'
            | '\u{09CB}'..='\u{09CD}'
            | '\u{09D7}'
            | '\u{09E2}'..='\u{09E3}'
            | '\u{09FE}'
    )
}

/// Splits the bodies of slots `range` into words, or takes them from `cache`.
fn tokenise(slots: &BodySlots<'_>, range: std::ops::Range<usize>, cache: &BodyCache) -> Task {
    let mut task = Task::default();
    let mut local: FxHashMap<Box<str>, u32> = FxHashMap::default();
    // Where a local word was last counted: (body number + 1, index in that body's list).
    let mut seen: Vec<(u32, u32)> = Vec::new();
    for slot in range {
        let id = (slots.id)(slot);
        if let Some(stored) = id.and_then(|id| cache.get(id)) {
            task.bodies.push(TaskBody {
                slot: slot as u32,
                id,
                body: stored,
                tokens: None,
            });
            continue;
        }
        let Some(paragraphs) = (slots.paragraphs)(slot) else {
            continue;
        };
        let mark = task.bodies.len() as u32 + 1;
        let mut body = NumberedBody::default();
        let mut tokens = Vec::new();
        for p in paragraphs.iter() {
            let key = match_key(p);
            for_each_word(&key, |w| {
                body.length += 1;
                let n = match local.get(w) {
                    Some(&n) => n,
                    None => {
                        let n = task.local_words.len() as u32;
                        task.local_words.push(w.into());
                        local.insert(w.into(), n);
                        seen.push((0, 0));
                        n
                    }
                };
                tokens.push(n);
                let (last, at) = &mut seen[n as usize];
                if *last == mark {
                    let count = &mut body.words[*at as usize].1;
                    *count = count.saturating_add(1);
                } else {
                    *last = mark;
                    *at = body.words.len() as u32;
                    body.words.push((n, 1));
                }
            });
        }
        // An empty body is kept too (with its id): stored, it is not read again next time.
        if !body.words.is_empty() || id.is_some() {
            task.bodies.push(TaskBody {
                slot: slot as u32,
                id,
                body,
                tokens: Some(tokens),
            });
        }
    }
    task
}

/// Splits `bodies` into words in parallel, as a build does, and stores each in `cache` by its
/// content id: served at once from memory when `hold` ([`BodyCache::hold`]), else only written
/// for the next run ([`BodyCache::insert`]). For bodies read before the index is built (a
/// dataset's rows, by the loader or read once per file), so the build never reads them again.
pub(crate) fn store_bodies(
    bodies: &[(ContentId, Vec<String>)],
    cache: &mut BodyCache,
    hold: bool,
) -> io::Result<()> {
    let id = |i: usize| bodies.get(i).map(|(id, _)| *id);
    let paragraphs = |i: usize| bodies.get(i).map(|(_, p)| Cow::Borrowed(&p[..]));
    let slots = BodySlots {
        count: bodies.len(),
        id: &id,
        paragraphs: &paragraphs,
    };
    let shared: &BodyCache = cache;
    let tasks: Vec<Task> = (0..bodies.len())
        .step_by(TASK)
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|start| tokenise(&slots, start..(start + TASK).min(bodies.len()), shared))
        .collect();
    for task in tasks {
        let numbers: Vec<u32> = task.local_words.iter().map(|w| cache.number(w)).collect();
        for mut b in task.bodies {
            let Some(id) = b.id.filter(|_| b.local()) else {
                continue;
            };
            b.renumber(&numbers);
            if hold {
                cache.hold(id, b.body)?;
            } else {
                cache.insert(id, &b.body)?;
            }
        }
    }
    Ok(())
}

impl BodyIndex {
    /// Indexes the bodies of `slots`, taking each from `cache` when it has it, and storing there
    /// those it had not (`cache.save` is the caller's). `attested` says whether a stem occurs as
    /// a word elsewhere (titles, names), besides the body vocabulary itself. Stops early (the
    /// index is then partial) when `stop` is set.
    ///
    /// Bodies are split into words in parallel, each task numbering its words on its own; the
    /// numbers are then mapped to the cache's once per distinct word of a task, not once per
    /// body, and the postings are laid out by counting (no list grows by doubling).
    pub(crate) fn build(
        slots: &BodySlots<'_>,
        cache: &mut BodyCache,
        attested: impl Fn(&str) -> bool + Sync,
        stop: &AtomicBool,
    ) -> io::Result<BodyIndex> {
        let mut lengths = vec![0u32; slots.count];
        // Every body's words in slot order, by cache number, before inverting.
        let mut offsets: Vec<(u32, usize)> = Vec::new();
        let mut words: Vec<u32> = Vec::new();
        let mut counts: Vec<u8> = Vec::new();
        // Every body's words in order (varints of cache numbers), and where each slot's lie.
        let mut sequences: Vec<u8> = Vec::new();
        let mut sequence_at = vec![(0usize, 0usize); slots.count];
        for round in (0..slots.count).step_by(ROUND) {
            if stop.load(Ordering::Relaxed) {
                break;
            }
            let end = (round + ROUND).min(slots.count);
            let shared: &BodyCache = cache;
            let tasks: Vec<Task> = (round..end)
                .step_by(TASK)
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|start| tokenise(slots, start..(start + TASK).min(end), shared))
                .collect();
            for task in tasks {
                let numbers: Vec<u32> = task.local_words.iter().map(|w| cache.number(w)).collect();
                for mut b in task.bodies {
                    if b.local() {
                        b.renumber(&numbers);
                        if let Some(id) = b.id {
                            cache.insert(id, &b.body)?;
                        }
                    }
                    let (slot, body) = (b.slot, b.body);
                    lengths[slot as usize] = body.length;
                    offsets.push((slot, words.len()));
                    for (n, c) in body.words {
                        words.push(n);
                        counts.push(c);
                    }
                    let start = sequences.len();
                    sequences.extend_from_slice(&body.sequence);
                    sequence_at[slot as usize] = (start, sequences.len());
                }
            }
        }
        let mut index = Self::invert(cache.words(), lengths, &offsets, &words, &counts, attested);
        sequences.shrink_to_fit();
        index.sequences = sequences;
        index.sequence_at = sequence_at;
        Ok(index)
    }

    /// The postings of bodies given word by word (`offsets`: each body's slot, ascending, and
    /// where its words start in `words`/`counts`), with a vocabulary of the words they use.
    fn invert(
        all_words: &[Box<str>],
        lengths: Vec<u32>,
        offsets: &[(u32, usize)],
        words: &[u32],
        counts: &[u8],
        attested: impl Fn(&str) -> bool + Sync,
    ) -> BodyIndex {
        let mut df = vec![0u32; all_words.len()];
        for &w in words {
            df[w as usize] += 1;
        }
        // Vocabulary ids in cache-number order, for the words some body uses.
        let mut id_of = vec![u32::MAX; all_words.len()];
        let mut used: Vec<&str> = Vec::new();
        let mut numbers: Vec<u32> = Vec::new();
        let mut starts = vec![0u32];
        for (n, &d) in df.iter().enumerate() {
            if d > 0 {
                id_of[n] = used.len() as u32;
                used.push(&all_words[n]);
                numbers.push(n as u32);
                starts.push(starts[starts.len() - 1] + d);
            }
        }
        let mut fill: Vec<u32> = starts[..starts.len() - 1].to_vec();
        let mut slots = vec![0u32; words.len()];
        let mut posting_counts = vec![0u8; words.len()];
        for (i, &(slot, from)) in offsets.iter().enumerate() {
            let to = offsets.get(i + 1).map_or(words.len(), |&(_, at)| at);
            for (&w, &c) in words[from..to].iter().zip(&counts[from..to]) {
                let id = id_of[w as usize] as usize;
                let at = fill[id] as usize;
                slots[at] = slot;
                posting_counts[at] = c;
                fill[id] += 1;
            }
        }
        let average_length = average_length(&lengths);
        let ids: HashMap<Box<str>, u32> = used
            .iter()
            .enumerate()
            .map(|(i, &w)| (Box::from(w), i as u32))
            .collect();
        let words: Vec<Word> = used.par_iter().map(|&w| Word::new(w)).collect();
        let vocab = body_vocab(words, ids, attested);
        BodyIndex {
            vocab,
            starts,
            slots,
            counts: posting_counts,
            lengths,
            average_length,
            numbers,
            sequences: Vec::new(),
            sequence_at: Vec::new(),
        }
    }

    /// The cache number of body word `word` (a vocabulary id), which `sequences` are written in.
    pub(crate) fn number(&self, word: u32) -> Option<u32> {
        self.numbers.get(word as usize).copied()
    }

    /// Whether the body in `slot` holds, at some place, a word of `phrase[0]`, right after it
    /// one of `phrase[1]`, and so on (sets of cache numbers, [`number`](Self::number)).
    pub(crate) fn holds_sequence(
        &self,
        slot: u32,
        phrase: &[FxHashSet<u32>],
        scratch: &mut Vec<u32>,
    ) -> bool {
        let Some(&(start, end)) = self.sequence_at.get(slot as usize) else {
            return false;
        };
        let Some(bytes) = self.sequences.get(start..end) else {
            return false;
        };
        scratch.clear();
        scratch.extend(varints(bytes));
        !phrase.is_empty()
            && scratch
                .windows(phrase.len())
                .any(|w| w.iter().zip(phrase).all(|(n, set)| set.contains(n)))
    }

    /// The slots whose bodies hold word `word`, ascending, and how often.
    pub(crate) fn postings(&self, word: u32) -> (&[u32], &[u8]) {
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
    pub(crate) fn weight(&self, slot: u32, count: u8, df: usize, tier: u8) -> u8 {
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

/// The average length of the bodies of `lengths` (by slot) that have words.
pub(super) fn average_length(lengths: &[u32]) -> f32 {
    let known = lengths.iter().filter(|&&l| l > 0).count().max(1);
    lengths.iter().map(|&l| l as f32).sum::<f32>() / known as f32
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

#[cfg(test)]
mod tests {
    use super::*;

    /// SplitMix64, so every run checks the same strings.
    fn next(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn segmenter(key: &str) -> Vec<&str> {
        key.split_word_bounds()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect()
    }

    fn fast(key: &str) -> Vec<&str> {
        let mut words = Vec::new();
        for_each_word(key, |w| words.push(w));
        words
    }

    #[test]
    fn words_are_cut_exactly_as_the_segmenter_cuts_them() {
        for key in [
            "নির্বাচন কমিশনের বৈঠক",
            "  া মাঝে ২০২৫ সালে",
            "ক্ষ\u{200D}মা র\u{200C}্যাব",
            "u.s. ও ঢাকা's ৳৫০০ ৳ ১৪৩০ ৪৳",
            "e-mail: a@b.c, 3.14 ৩.১৪ ১,০০০",
            "শেষ। নতুন\nলাইন\r\nআবার\u{A0}এখানে",
            "\u{098D}অ \u{09F4}১ ৎ য় ড়",
            "🇧🇩🇧🇩 ok 👍🏽 ছবি",
        ] {
            assert_eq!(fast(key), segmenter(key), "{key:?}");
        }
        let alphabet: Vec<char> = "কখগঘঙচছজঝঞটঠডঢণতথদধনপফবভমযরলশষসহড়ঢ়য়ৎংঃঁািীুূৃেৈোৌ়্ৗঅআইউএওঽ০১২৩৪৫৬৭৮৯৲৳৴৵৺ৼ৾abcXYZ019 \u{A0}\n\t.,'’:-_@৷।॥()\"\u{200C}\u{200D}\u{200B}\u{098D}\u{09DE}🇧🇩👍🏽"
            .chars()
            .collect();
        let mut state = 12;
        for _ in 0..30_000 {
            let len = (next(&mut state) % 24) as usize;
            let key: String = (0..len)
                .map(|_| alphabet[(next(&mut state) % alphabet.len() as u64) as usize])
                .collect();
            assert_eq!(fast(&key), segmenter(&key), "{key:?}");
        }
    }
}
