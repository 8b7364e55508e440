//! A learned BIO tagger for names the gazetteer and the context rules do not know.
//!
//! An averaged perceptron over hashed features (word key, suffix-stripped stem, affixes, shape,
//! the words and stems around it, lexicon and gazetteer membership, the label before), decoded
//! greedily left to right. It is trained by `examples/ner_train.rs` on the train split of the
//! permissive NER corpora and shipped as `assets/extract/model.bin`: a header, then one row of
//! `i16` weights per hashed feature (one weight per label), read in place from the embedded bytes,
//! so loading costs nothing and memory does not grow.

use std::hash::Hasher;
use std::ops::Range;
use std::sync::OnceLock;

use rustc_hash::{FxHashSet as HashSet, FxHasher};

use super::gazetteer::{Form, Gazetteer};
use crate::article::EntityKind;
use crate::error::Error;
use crate::text::suffix::Strength;
use crate::text::token::Token;

/// Output labels: outside, then begin/inside for person, place and organisation.
pub const LABELS: usize = 7;
const O: usize = 0;
const KINDS: [EntityKind; 3] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Organization,
];

const MAGIC: &[u8; 8] = b"KHOBORNE";
const HEADER: usize = 8 + 4 + 4 + 4;

/// The label index for `B-kind` (`inside` false) or `I-kind`.
pub fn label(kind: EntityKind, inside: bool) -> usize {
    let k = KINDS.iter().position(|&x| x == kind).unwrap_or(0);
    1 + 2 * k + usize::from(inside)
}

fn label_kind(l: usize) -> Option<(EntityKind, bool)> {
    (l != O).then(|| (KINDS[(l - 1) / 2], (l - 1) % 2 == 1))
}

/// Word lists the features consult, from `assets/extract/` (the same lists the context rules use).
pub(crate) struct Lexicons {
    name_parts: HashSet<String>,
    common: HashSet<String>,
}

impl Lexicons {
    pub(crate) fn embedded() -> &'static Lexicons {
        static LEX: OnceLock<Lexicons> = OnceLock::new();
        LEX.get_or_init(|| {
            let list = |s: &str| -> HashSet<String> {
                s.lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty() && !l.starts_with('#'))
                    .map(crate::text::key::match_key)
                    .collect()
            };
            Lexicons {
                name_parts: super::context::NAME_PARTS
                    .iter()
                    .flat_map(|l| list(l))
                    .collect(),
                common: list(include_str!("../../assets/extract/common_words.txt")),
            }
        })
    }
}

/// What the features know of one block, computed once before tagging.
pub struct Sentence<'t, 'a> {
    text: &'a str,
    tokens: &'t [Token<'a>],
    stems: Vec<&'t str>,
    /// Gazetteer kind of each token, and whether it starts the gazetteer name.
    gaz: Vec<Option<(EntityKind, bool)>>,
    /// Tokens of a local unit's name that counts only before an administrative word (`তালা`).
    local: Vec<bool>,
    /// Each token's lexicon flags as feature parts: a name part (word or stem), a common word.
    lexical: Vec<[&'static str; 2]>,
}

impl<'t, 'a> Sentence<'t, 'a> {
    /// Works out each token's stem, gazetteer kind and lexicon flags, which every label the
    /// tagger tries reads again.
    pub fn new(text: &'a str, tokens: &'t [Token<'a>], gazetteer: &Gazetteer) -> Self {
        let stems: Vec<&'t str> = tokens
            .iter()
            .map(|t| {
                t.stems()
                    .iter()
                    .find(|s| s.strength == Strength::Strong)
                    .map_or(t.key.as_str(), |s| s.key)
            })
            .collect();
        let mut gaz = vec![None; tokens.len()];
        let mut local = vec![false; tokens.len()];
        let mut i = 0;
        while i < tokens.len() {
            match gazetteer.match_at(tokens, i) {
                Some(hit) => {
                    let kind = gazetteer.entries[hit.entry].kind;
                    for j in hit.tokens.clone() {
                        gaz[j] = Some((kind, j == hit.tokens.start));
                        local[j] = hit.form == Form::Local;
                    }
                    i = hit.tokens.end.max(i + 1);
                }
                None => i += 1,
            }
        }
        let lex = Lexicons::embedded();
        let lexical = tokens
            .iter()
            .zip(&stems)
            .map(|(t, stem)| {
                let part = lex.name_parts.contains(&t.key) || lex.name_parts.contains(*stem);
                [flag(part), flag(lex.common.contains(&t.key))]
            })
            .collect();
        Self {
            text,
            tokens,
            stems,
            gaz,
            local,
            lexical,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Hashed features of token `i`, given the labels already chosen for the two tokens before.
    pub fn features(&self, i: usize, prev: usize, prev2: usize, out: &mut Vec<u32>) {
        out.clear();
        let key = |j: isize| -> &str {
            usize::try_from(j)
                .ok()
                .and_then(|j| self.tokens.get(j))
                .map_or(if j < 0 { "<s>" } else { "</s>" }, |t| t.key.as_str())
        };
        let stem = |j: isize| -> &str {
            usize::try_from(j)
                .ok()
                .and_then(|j| self.stems.get(j).copied())
                .map_or(if j < 0 { "<s>" } else { "</s>" }, |s| s)
        };
        let ii = i as isize;
        let t = &self.tokens[i];
        let k = t.key.as_str();
        let s = self.stems[i];
        out.push(h(0, &[]));
        out.push(h(1, &[k]));
        out.push(h(2, &[s]));
        for (n, (at, _)) in k.char_indices().skip(1).take(3).enumerate() {
            out.push(h(4 + n as u8, &[&k[..at]]));
        }
        for (n, (at, _)) in k.char_indices().rev().take(3).enumerate() {
            if at > 0 {
                out.push(h(7 + n as u8, &[&k[at..]]));
            }
        }
        out.push(h(10, &[shape(t.text)]));
        for (tpl, d) in [(11u8, -2isize), (12, -1), (13, 1), (14, 2)] {
            out.push(h(tpl, &[key(ii + d)]));
            out.push(h(tpl + 10, &[stem(ii + d)]));
        }
        out.push(h(25, &[stem(ii - 1), s]));
        out.push(h(26, &[s, stem(ii + 1)]));
        let adjacent = |j: usize| self.tokens.get(j).is_some_and(|t| t.adjacent);
        out.push(h(
            27,
            &[flag(adjacent(i)), flag(adjacent(i + 1)), flag(t.joined)],
        ));
        for (tpl, j) in [(30u8, ii - 1), (31, ii), (32, ii + 1)] {
            let tok = usize::try_from(j).ok().and_then(|j| self.tokens.get(j));
            if tok.is_none() {
                continue;
            }
            out.push(h(tpl, &self.lexical[j as usize]));
            let gaz = match self.gaz[j as usize] {
                Some((kind, first)) => [kind_tag(kind), flag(first)],
                None => ["-", "-"],
            };
            out.push(h(tpl + 10, &gaz));
        }
        out.push(h(45, &[flag(self.digits_in_parens_after(i))]));
        let pl = LABEL_NAMES[prev];
        out.push(h(50, &[pl]));
        out.push(h(51, &[pl, LABEL_NAMES[prev2]]));
        out.push(h(52, &[pl, s]));
    }

    /// `নাম (৪৫)`: an age in parentheses follows a person's name.
    fn digits_in_parens_after(&self, i: usize) -> bool {
        let Some(next) = self.tokens.get(i + 1) else {
            return false;
        };
        let gap = &self.text[self.tokens[i].range.end..next.range.start];
        gap.trim_end().ends_with('(') && next.text.chars().all(|c| c.is_numeric())
    }
}

const LABEL_NAMES: [&str; LABELS] = ["O", "BP", "IP", "BL", "IL", "BO", "IO"];

fn flag(b: bool) -> &'static str {
    if b { "1" } else { "0" }
}

fn kind_tag(k: EntityKind) -> &'static str {
    match k {
        EntityKind::Person => "P",
        EntityKind::Place => "L",
        EntityKind::Organization => "O",
        _ => "M",
    }
}

/// Script and length class of a word.
fn shape(text: &str) -> &'static str {
    let (mut bn, mut latin, mut upper, mut digit) = (false, false, true, false);
    for c in text.chars() {
        if c.is_numeric() {
            digit = true;
        } else if c.is_ascii_alphabetic() {
            latin = true;
            upper &= c.is_ascii_uppercase();
        } else if ('\u{0980}'..='\u{09FF}').contains(&c) {
            bn = true;
        }
    }
    let n = text.chars().count();
    let len = match n {
        0..=2 => 0,
        3..=4 => 1,
        5..=7 => 2,
        _ => 3,
    };
    const SHAPES: [[&str; 4]; 5] = [
        ["d1", "d2", "d3", "d4"],
        ["L1", "L2", "L3", "L4"],
        ["l1", "l2", "l3", "l4"],
        ["b1", "b2", "b3", "b4"],
        ["x1", "x2", "x3", "x4"],
    ];
    let class = match (digit, latin, bn) {
        (true, false, false) => 0,
        (false, true, false) if upper => 1,
        (false, true, false) => 2,
        (false, false, true) => 3,
        _ => 4,
    };
    SHAPES[class][len]
}

/// The feature template and its parts, hashed (FxHash: deterministic across builds and machines).
fn h(tpl: u8, parts: &[&str]) -> u32 {
    let mut hs = FxHasher::default();
    hs.write_u8(tpl);
    for p in parts {
        hs.write(p.as_bytes());
        hs.write_u8(0xff);
    }
    let x = hs.finish();
    (x ^ (x >> 32)) as u32
}

/// Weights as the tagger reads them: one row of `LABELS` scores per feature bucket.
pub trait Weights {
    /// Feature hashes are folded into `2^bits` buckets.
    fn bits(&self) -> u32;
    /// Adds bucket `bucket`'s weight for each label to `scores`.
    fn add_row(&self, bucket: usize, scores: &mut [f32; LABELS]);

    /// Scores of each label for the features `feats`.
    fn scores(&self, feats: &[u32]) -> [f32; LABELS] {
        let mask = (1usize << self.bits()) - 1;
        let mut scores = [0.0; LABELS];
        for &f in feats {
            self.add_row(f as usize & mask, &mut scores);
        }
        scores
    }
}

/// A name the tagger proposes: its tokens, kind and confidence (the smallest margin, over its
/// tokens, between the chosen label and the runner-up, in the model's score units).
#[derive(Clone, Debug, PartialEq)]
pub struct Proposal {
    /// Person, place or organisation, from the `B-`/`I-` labels.
    pub kind: EntityKind,
    /// Tokens `[start, end)` of the name.
    pub tokens: Range<usize>,
    /// The smallest margin over its tokens; compared with [`Model::threshold`].
    pub confidence: f32,
}

/// Greedy BIO decoding: each token's label from its features and the two labels before; an
/// `I-` label that does not continue its kind starts a name.
pub fn tag<W: Weights + ?Sized>(w: &W, sent: &Sentence<'_, '_>) -> Vec<Proposal> {
    let mut out: Vec<Proposal> = Vec::new();
    let mut feats = Vec::with_capacity(64);
    let (mut prev, mut prev2) = (O, O);
    for i in 0..sent.len() {
        sent.features(i, prev, prev2, &mut feats);
        let scores = w.scores(&feats);
        let mut best = O;
        for l in 1..LABELS {
            if scores[l] > scores[best] {
                best = l;
            }
        }
        let runner_up = (0..LABELS)
            .filter(|&l| l != best)
            .map(|l| scores[l])
            .fold(f32::NEG_INFINITY, f32::max);
        let margin = scores[best] - runner_up;
        if let Some((kind, inside)) = label_kind(best) {
            let continues = inside
                && label_kind(prev).is_some_and(|(k, _)| k == kind)
                && sent.tokens[i].adjacent;
            match out.last_mut() {
                Some(p) if continues && p.tokens.end == i => {
                    p.tokens.end = i + 1;
                    p.confidence = p.confidence.min(margin);
                }
                _ => out.push(Proposal {
                    kind,
                    tokens: i..i + 1,
                    confidence: margin,
                }),
            }
        }
        prev2 = prev;
        prev = best;
    }
    out
}

/// The shipped model: weights read in place from the embedded file.
pub struct Model {
    bytes: &'static [u8],
    bits: u32,
    scale: f32,
    /// Least confidence for a proposal to become a mention, chosen when the model was trained.
    pub threshold: f32,
}

impl Weights for Model {
    fn bits(&self) -> u32 {
        self.bits
    }

    fn add_row(&self, bucket: usize, scores: &mut [f32; LABELS]) {
        let at = HEADER + bucket * LABELS * 2;
        let row = &self.bytes[at..at + LABELS * 2];
        for (s, b) in scores.iter_mut().zip(row.chunks_exact(2)) {
            *s += f32::from(i16::from_le_bytes([b[0], b[1]])) * self.scale;
        }
    }
}

impl Model {
    /// Reads a model file: `KHOBORNE`, bucket bits (u32), weight scale (f32), threshold (f32),
    /// then `2^bits × LABELS` little-endian `i16` weights.
    pub fn from_bytes(bytes: &'static [u8]) -> Result<Self, Error> {
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Err(Error::asset("model.bin", "not a khobor entity model"));
        }
        let word = |at: usize| [bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]];
        let bits = u32::from_le_bytes(word(8));
        let scale = f32::from_le_bytes(word(12));
        let threshold = f32::from_le_bytes(word(16));
        if bits > 24 || bytes.len() != HEADER + (1usize << bits) * LABELS * 2 {
            return Err(Error::asset(
                "model.bin",
                format!("wrong size for {bits} bucket bits"),
            ));
        }
        Ok(Self {
            bytes,
            bits,
            scale,
            threshold,
        })
    }

    /// The model in `assets/extract/model.bin`.
    ///
    /// # Panics
    /// When the embedded file is malformed: a build defect, caught by the test suite.
    pub fn embedded() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            Model::from_bytes(include_bytes!("../../assets/extract/model.bin"))
                .unwrap_or_else(|e| panic!("{e}"))
        })
    }

    /// Names proposed over `tokens` whose confidence passes the model's threshold, except a local
    /// unit's name alone.
    /// A one-word name needs twice the confidence: lone words are where the tagger takes ordinary
    /// words (`পশ্চিমা`) for names. A name's first or last word that is a common word (`সহপাঠী`, `প্রমুখ`) is dropped from it:
    /// the tagger's usual error is a role or place word glued to a name.
    pub fn names(&self, sent: &Sentence<'_, '_>) -> Vec<Proposal> {
        let common = &Lexicons::embedded().common;
        let is_common = |j: usize| common.contains(&sent.tokens[j].key);
        let mut out = tag(self, sent);
        // A union's name alone (`সুবিল পথে`) is left to the gazetteer's rule, which wants an
        // administrative word after it: the tagger sees the gazetteer feature but not that rule.
        out.retain(|p| {
            p.confidence >= self.threshold * if p.tokens.len() == 1 { 2.0 } else { 1.0 }
                && !p.tokens.clone().all(|j| sent.local[j])
        });
        for p in &mut out {
            while !p.tokens.is_empty() && is_common(p.tokens.start) {
                p.tokens.start += 1;
            }
            while !p.tokens.is_empty() && is_common(p.tokens.end - 1) {
                p.tokens.end -= 1;
            }
        }
        out.retain(|p| !p.tokens.is_empty());
        out
    }
}

/// Writes a model file from float weights (`2^bits × LABELS`), quantised to `i16`.
pub fn write_model(weights: &[f32], bits: u32, threshold: f32) -> Vec<u8> {
    let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    let mut out = Vec::with_capacity(HEADER + weights.len() * 2);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&bits.to_le_bytes());
    out.extend_from_slice(&scale.to_le_bytes());
    out.extend_from_slice(&threshold.to_le_bytes());
    for w in weights {
        out.extend_from_slice(&((w / scale).round() as i16).to_le_bytes());
    }
    out
}
