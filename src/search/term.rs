//! One query word prepared for matching, and how well it matches one indexed word.
//!
//! Matching is per word (a title word, or one word of an entity or outlet name), never across a
//! whole title or body: a fuzzy subsequence spread over a long text matches nearly anything
//! (`lavrov` would "match" any paragraph with l…a…v…r…o…v), so scattered matches are only
//! accepted inside one word, and ranked below every exact, prefix and skeleton match.

use std::collections::HashMap;
use std::sync::LazyLock;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;
use serde::Deserialize;

use crate::text::key::match_key;
use crate::text::skeleton::{skeleton, skeleton_alternatives};

use super::translit::Shape;

/// Scores of the ways a query word can meet an indexed word, best first. Per word, not summed:
/// an article's score for a query word is the best of its matches.
pub mod tier {
    pub const EXACT: u8 = 100;
    pub const INFLECTED: u8 = 95;
    pub const LETTERS_EXACT: u8 = 90;
    pub const LETTERS_INFLECTED: u8 = 88;
    pub const PREFIX: u8 = 80;
    pub const LETTERS_PREFIX: u8 = 75;
    pub const SKELETON: u8 = 70;
    pub const SKELETON_PREFIX: u8 = 50;
    pub const INFIX: u8 = 40;
    /// Fuzzy matches score between these two.
    pub const FUZZY_MIN: u8 = 10;
    pub const FUZZY_MAX: u8 = 30;
    /// A Latin word whose consonants meet a Bengali word's but whose vowels do not: offered only
    /// when the query word meets nothing better anywhere (see `search::SearchIndex`).
    pub const SKELETON_ONLY: u8 = 5;
}

/// Skeletons shorter than this collide too often to be matched as prefixes (`sg` of শোইগু is a
/// prefix of সাগর); they must equal a word's skeleton.
const SKELETON_PREFIX_MIN: usize = 3;
/// Query words shorter than this (in chars) are not matched fuzzily: one or two letters are a
/// subsequence of almost every word.
const FUZZY_MIN_CHARS: usize = 3;
/// Query words shorter than this (in chars) are matched in titles and names only.
const BODY_MIN_CHARS: usize = 3;
/// Latin words up to this length are also tried as acronyms spelled with letter names.
const ACRONYM_MAX: usize = 6;

#[derive(Deserialize)]
struct LexiconFile {
    suffixes: Vec<String>,
    letter_names: HashMap<char, String>,
}

#[derive(Deserialize)]
struct TopicsFile {
    topics: HashMap<String, Vec<String>>,
}

/// Suffixes and letter names from `assets/search.toml`, and English topic words with their
/// Bengali words from `assets/topics.toml`, as match keys.
pub(crate) struct Lexicon {
    /// Longest first.
    suffixes: Vec<String>,
    letter_names: HashMap<char, String>,
    topics: HashMap<String, Vec<String>>,
}

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let file: LexiconFile = toml::from_str(include_str!("../../assets/search.toml"))
        .expect("assets/search.toml is embedded and tested");
    let mut suffixes: Vec<String> = file.suffixes.iter().map(|s| match_key(s)).collect();
    suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let topics: TopicsFile = toml::from_str(include_str!("../../assets/topics.toml"))
        .expect("assets/topics.toml is embedded and tested");
    Lexicon {
        suffixes,
        letter_names: file
            .letter_names
            .into_iter()
            .map(|(c, n)| (c, match_key(&n)))
            .collect(),
        topics: topics
            .topics
            .into_iter()
            .map(|(en, bn)| (match_key(&en), bn.iter().map(|w| match_key(w)).collect()))
            .collect(),
    }
});

impl Lexicon {
    /// True when `rest` (what follows a stem in a word) is a case or number ending, possibly
    /// attached with an apostrophe or hyphen (`বিএনপি'র`, `এক্স-এ`).
    fn is_suffix(&self, rest: &str) -> bool {
        let rest = rest.trim_start_matches(['\'', '’', '-', '–']);
        // Most words go on far longer than any ending: answer those without comparing (a
        // one-letter query tests tens of thousands of words).
        let longest = self.suffixes.first().map_or(0, String::len);
        rest.len() <= longest && self.suffixes.iter().any(|s| s == rest)
    }

    /// The stem of `word` when it ends in a known suffix and at least two letters remain.
    pub(crate) fn stem<'w>(&self, word: &'w str) -> Option<&'w str> {
        self.suffixes.iter().find_map(|s| {
            let stem = word.strip_suffix(s.as_str())?;
            let stem = stem.trim_end_matches(['\'', '’', '-', '–']);
            (stem.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some(stem)
        })
    }

    /// `bbc` → বিবিসি.
    fn spell_letters(&self, latin: &str) -> Option<String> {
        latin
            .chars()
            .map(|c| self.letter_names.get(&c).map(String::as_str))
            .collect()
    }

    /// `flood` → বন্যা: the Bengali words for an English topic word.
    fn topic(&self, latin: &str) -> &[String] {
        self.topics.get(latin).map_or(&[], Vec::as_slice)
    }
}

/// A compact over-approximation of the chars in a text: if a query has a char the word lacks,
/// the word cannot match fuzzily. Checked before running the fuzzy matcher.
pub(crate) fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |m, c| {
        m | 1 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
    })
}

/// An indexed word (a title word or one word of a name), with everything matching needs.
#[derive(Debug)]
pub(crate) struct Word {
    pub key: Box<str>,
    skel: Box<str>,
    /// Skeleton of the word without its case ending, and the stem's length in bytes.
    stem: Option<(usize, Box<str>)>,
    mask: u64,
}

impl Word {
    pub fn new(key: &str) -> Word {
        let stem = LEXICON
            .stem(key)
            .map(|stem| (stem.len(), skeleton(stem).into_boxed_str()));
        Word {
            key: key.into(),
            skel: skeleton(key).into_boxed_str(),
            stem,
            mask: char_mask(key),
        }
    }

    /// Drops the stem unless `attested` says it occurs as a word of its own: real words end in
    /// what looks like a suffix (সাগর is not সাগ + র), so a stem counts only with evidence
    /// (`BENGALI.md` §4).
    pub fn keep_stem_if(&mut self, attested: impl Fn(&str) -> bool) {
        if let Some((len, _)) = &self.stem
            && !attested(&self.key[..*len])
        {
            self.stem = None;
        }
    }
}

/// Every word of a vocabulary laid end to end (`\nkey\nkey…\n`, likewise skeletons and stem
/// skeletons), so that finding the words a query word may match is a few SIMD substring searches
/// over a few megabytes instead of a call per word; only those candidates are then scored.
#[derive(Debug, Default)]
pub(crate) struct VocabLookup {
    keys: Laid,
    skels: Laid,
    stems: Laid,
    /// Word ids by first char: the candidates for fuzzy matching, which is anchored there.
    by_first: HashMap<char, Vec<u32>>,
}

/// Strings joined by `\n` (with one before the first and after the last) and where each starts.
#[derive(Debug, Default)]
struct Laid {
    text: String,
    starts: Vec<u32>,
}

impl Laid {
    fn new<'a>(items: impl Iterator<Item = &'a str>) -> Laid {
        let mut laid = Laid {
            text: String::from("\n"),
            starts: Vec::new(),
        };
        for item in items {
            laid.starts.push(laid.text.len() as u32);
            laid.text.push_str(item);
            laid.text.push('\n');
        }
        laid
    }

    /// Ids of the items in which `needle` occurs (for a needle starting with `\n`, the item
    /// right after that separator), in order, each once. Occurrences may overlap: `\nab\n`
    /// occurs twice in `\nab\nab\n`, sharing the separator.
    fn find(&self, needle: &str, out: &mut Vec<u32>) {
        let mut id = 0usize;
        let skip = usize::from(needle.starts_with('\n'));
        let finder = memmem::Finder::new(needle.as_bytes());
        let text = self.text.as_bytes();
        let mut from = 0;
        while let Some(found) = text.get(from..).and_then(|rest| finder.find(rest)) {
            let at = from + found;
            from = at + 1;
            let at = (at + skip) as u32;
            while id + 1 < self.starts.len() && self.starts[id + 1] <= at {
                id += 1;
            }
            if self.starts.get(id).is_some_and(|&s| s <= at) && out.last() != Some(&(id as u32)) {
                out.push(id as u32);
            }
        }
    }
}

impl VocabLookup {
    pub fn new(words: &[Word]) -> VocabLookup {
        let mut by_first: HashMap<char, Vec<u32>> = HashMap::new();
        for (i, w) in words.iter().enumerate() {
            if let Some(c) = w.key.chars().next() {
                by_first.entry(c).or_default().push(i as u32);
            }
        }
        VocabLookup {
            keys: Laid::new(words.iter().map(|w| &*w.key)),
            skels: Laid::new(words.iter().map(|w| &*w.skel)),
            stems: Laid::new(words.iter().map(|w| w.stem.as_ref().map_or("", |(_, s)| s))),
            by_first,
        }
    }

    /// Ids of the words `term` may match (every word `match_word` accepts, and some more),
    /// sorted and unique.
    pub fn candidates(&self, term: &PreparedTerm) -> Vec<u32> {
        let mut out = Vec::new();
        if term.key.is_empty() || term.key.contains('\n') {
            return out;
        }
        self.keys.find(&term.key, &mut out);
        for spelling in &term.spellings {
            self.keys.find(&format!("\n{spelling}"), &mut out);
        }
        for s in &term.skels {
            if term.skel_prefix {
                self.skels.find(&format!("\n{s}"), &mut out);
            } else {
                self.skels.find(&format!("\n{s}\n"), &mut out);
            }
            self.stems.find(&format!("\n{s}\n"), &mut out);
        }
        if term.fuzzy
            && let Some(first) = term.key.chars().next()
            && let Some(ids) = self.by_first.get(&first)
        {
            out.extend(ids);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Where and how well a query word matched: a tier score and a byte range in the word's key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordMatch {
    pub score: u8,
    pub start: u32,
    pub end: u32,
}

/// A query word or phrase prepared once per query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PreparedTerm {
    pub key: String,
    pub phrase: bool,
    /// Bengali spellings of a Latin word: an acronym spelled with letter names (bbc → বিবিসি),
    /// the Bengali words of an English topic word (flood → বন্যা).
    spellings: Vec<String>,
    skels: Vec<String>,
    /// The word's shape, and for a Latin word the shapes it may still grow into (see `skels`):
    /// what a word with the same skeleton must also agree with (see `translit`).
    shapes: Vec<Shape>,
    latin: bool,
    skel_prefix: bool,
    fuzzy: bool,
    /// `'word`: only the word itself.
    exact: bool,
    /// Matched in bodies too: phrases, and words of three chars or more (shorter ones would
    /// match a large part of every body's words while the user is still typing).
    body: bool,
    mask: u64,
}

impl PreparedTerm {
    /// `fuzzy` is off for filters and exclusions, where a loose match would be a wrong answer.
    pub fn new(text: &str, phrase: bool, fuzzy: bool) -> PreparedTerm {
        let key = match_key(text);
        let latin = key.chars().all(|c| c.is_ascii_alphanumeric());
        let chars = key.chars().count();
        let mut spellings: Vec<String> = Vec::new();
        if latin && !phrase {
            spellings.extend(LEXICON.topic(&key).iter().cloned());
            if chars <= ACRONYM_MAX
                && let Some(letters) = LEXICON.spell_letters(&key)
            {
                spellings.push(letters);
            }
        }
        // An English topic word means its Bengali words, not a name that sounds like it
        // (`flood` is বন্যা, not ফ্লাড).
        let topic = !LEXICON.topic(&key).is_empty();
        let shapes = if phrase || topic {
            Vec::new()
        } else {
            let mut shapes = vec![Shape::of(&key)];
            if latin && key.ends_with(['p', 'c']) {
                shapes.push(Shape::of(&format!("{key}h")));
            }
            shapes
        };
        let mut skels = if phrase || topic {
            Vec::new()
        } else if latin {
            skeleton_alternatives(&key)
        } else {
            // For Bengali words the skeleton only bridges spelling variants (ি/ী, শ/স/ষ), which
            // is worth it for longer words; short Bengali skeletons match too many other words.
            vec![skeleton(&key)]
                .into_iter()
                .filter(|s| s.len() >= SKELETON_PREFIX_MIN)
                .collect()
        };
        skels.dedup();
        let skel_prefix = skels.iter().all(|s| s.len() >= SKELETON_PREFIX_MIN);
        PreparedTerm {
            mask: char_mask(&key),
            fuzzy: fuzzy && !phrase && chars >= FUZZY_MIN_CHARS,
            body: phrase || chars >= BODY_MIN_CHARS,
            exact: false,
            key,
            phrase,
            spellings,
            skels,
            shapes,
            latin,
            skel_prefix,
        }
    }

    /// True when every word this term matches was also matched by `earlier`, so a search for
    /// this term may be run over `earlier`'s results only. Holds when the term grew by typing
    /// and no looser way of matching switched on on the way.
    pub fn narrows(&self, earlier: &PreparedTerm) -> bool {
        let spellings_ok = self.spellings.iter().all(|now| {
            earlier
                .spellings
                .iter()
                .any(|before| now.starts_with(before.as_str()))
        });
        let skels_ok = if self.skels.is_empty() {
            true
        } else if earlier.skels.is_empty() {
            false
        } else if earlier.skel_prefix {
            self.skel_prefix
                && self
                    .skels
                    .iter()
                    .all(|s| earlier.skels.iter().any(|e| s.starts_with(e.as_str())))
        } else {
            !self.skel_prefix && self.skels.iter().all(|s| earlier.skels.contains(s))
        };
        let shapes_ok = match (self.shapes.first(), earlier.shapes.first()) {
            (None, None) => true,
            (Some(now), Some(_)) => earlier.shapes.iter().any(|before| now.narrows(before)),
            _ => false,
        };
        self.phrase == earlier.phrase
            && shapes_ok
            && self.key.starts_with(&earlier.key)
            && self.fuzzy == earlier.fuzzy
            && self.body == earlier.body
            && self.exact == earlier.exact
            && (!self.exact || self.key == earlier.key)
            && spellings_ok
            && skels_ok
    }

    /// This term matching only the word itself: no endings, prefixes, transliteration or
    /// fuzziness (`'word`).
    pub fn exactly(self) -> PreparedTerm {
        PreparedTerm {
            exact: true,
            spellings: Vec::new(),
            skels: Vec::new(),
            shapes: Vec::new(),
            skel_prefix: false,
            fuzzy: false,
            ..self
        }
    }

    /// True when the term is matched against bodies.
    pub fn searches_bodies(&self) -> bool {
        self.body
    }

    /// True when the term has loose ways of matching kept for when nothing else matches: a
    /// Latin word's consonants alone, fuzzy matching.
    pub fn has_last_resort(&self) -> bool {
        (self.latin && !self.skels.is_empty()) || self.fuzzy
    }

    /// What matching this term against many words needs, built once per scan. With
    /// `last_resort`, a Latin word also matches words with its consonants but not its vowels
    /// ([`tier::SKELETON_ONLY`]).
    pub fn matcher(&self, last_resort: bool) -> TermMatcher<'_> {
        TermMatcher {
            term: self,
            infix: memmem::Finder::new(self.key.as_bytes()),
            skim: SkimMatcherV2::default().ignore_case(),
            last_resort,
        }
    }

    /// Where a phrase occurs in a text (a whole title or name key): best-placed occurrence.
    pub fn match_phrase(&self, text: &str) -> Option<WordMatch> {
        text.match_indices(self.key.as_str())
            .map(|(at, m)| {
                let end = at + m.len();
                let starts_word = text[..at]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric());
                let rest = &text[end..];
                let word_end = rest.find(|c: char| !is_word_char(c)).unwrap_or(rest.len());
                let tail = &rest[..word_end];
                let score = match (starts_word, tail.is_empty(), LEXICON.is_suffix(tail)) {
                    (true, true, _) => tier::EXACT,
                    (true, false, true) => tier::INFLECTED,
                    (true, false, false) => tier::PREFIX,
                    (false, ..) => tier::INFIX,
                };
                WordMatch {
                    score,
                    start: at as u32,
                    end: end as u32,
                }
            })
            .max_by_key(|m| m.score)
    }
}

/// A term with its substring finder and fuzzy matcher, ready to score many words.
pub(crate) struct TermMatcher<'t> {
    term: &'t PreparedTerm,
    infix: memmem::Finder<'t>,
    skim: SkimMatcherV2,
    last_resort: bool,
}

impl TermMatcher<'_> {
    /// How well the (single-word) term matches `word`; `None` when it does not.
    pub fn match_word(&self, word: &Word) -> Option<WordMatch> {
        let term = self.term;
        if term.exact {
            return (*word.key == *term.key).then_some(WordMatch {
                score: tier::EXACT,
                start: 0,
                end: word.key.len() as u32,
            });
        }
        let whole = |score| WordMatch {
            score,
            start: 0,
            end: word.key.len() as u32,
        };
        let mut best = if let Some(rest) = word.key.strip_prefix(term.key.as_str()) {
            Some(prefixed(
                &term.key,
                rest,
                tier::EXACT,
                tier::INFLECTED,
                tier::PREFIX,
            ))
        } else {
            self.infix.find(word.key.as_bytes()).map(|at| WordMatch {
                score: tier::INFIX,
                start: at as u32,
                end: (at + term.key.len()) as u32,
            })
        };
        for spelling in &term.spellings {
            if best.is_some_and(|b| b.score >= tier::LETTERS_EXACT) {
                break;
            }
            if let Some(rest) = word.key.strip_prefix(spelling.as_str()) {
                best = best_of(
                    best,
                    Some(prefixed(
                        spelling,
                        rest,
                        tier::LETTERS_EXACT,
                        tier::LETTERS_INFLECTED,
                        tier::LETTERS_PREFIX,
                    )),
                );
            }
        }
        if best.is_some_and(|b| b.score >= tier::SKELETON) {
            return best;
        }
        // The consonants met but the vowels did not: a match only as a last resort.
        let mut consonants_only = false;
        for s in &term.skels {
            if *word.skel == **s {
                if self.sounds_like(&word.key, false) {
                    return Some(whole(tier::SKELETON));
                }
                consonants_only = true;
            }
            if let Some((len, stem)) = &word.stem
                && **stem == **s
            {
                if self.sounds_like(&word.key[..*len], false) {
                    return Some(WordMatch {
                        score: tier::SKELETON,
                        start: 0,
                        end: *len as u32,
                    });
                }
                consonants_only = true;
            }
            if term.skel_prefix && word.skel.starts_with(s.as_str()) {
                if self.sounds_like(&word.key, true) {
                    best = best_of(best, Some(whole(tier::SKELETON_PREFIX)));
                } else {
                    consonants_only = true;
                }
            }
        }
        if best.is_none() && consonants_only && self.last_resort {
            return Some(whole(tier::SKELETON_ONLY));
        }
        // Fuzzy matches start where the word starts: people type the beginning of a word, and
        // anchoring keeps the candidates few enough for the matcher to stay within a frame.
        if best.is_some()
            || !term.fuzzy
            || !self.last_resort
            || word.key.chars().next() != term.key.chars().next()
            || word.mask & term.mask != term.mask
            || !is_subsequence(&term.key, &word.key)
        {
            return best;
        }
        let (score, indices) = self.skim.fuzzy_indices(&word.key, &term.key)?;
        let first = *indices.first()?;
        let last = *indices.last()?;
        let mut starts = word.key.char_indices().map(|(i, _)| i);
        let start = starts.clone().nth(first)?;
        let end = starts.nth(last + 1).unwrap_or(word.key.len());
        let per_char = score / term.key.chars().count().max(1) as i64;
        let bonus = (per_char - 8).clamp(0, i64::from(tier::FUZZY_MAX - tier::FUZZY_MIN)) as u8;
        Some(WordMatch {
            score: tier::FUZZY_MIN + bonus,
            start: start as u32,
            end: end as u32,
        })
    }
}

impl TermMatcher<'_> {
    /// True when a word (or its stem) with the term's consonants also agrees in its vowels.
    fn sounds_like(&self, key: &str, prefix: bool) -> bool {
        let shapes = &self.term.shapes;
        if shapes.is_empty() {
            return true;
        }
        let word = Shape::of(key);
        if self.term.latin {
            shapes.iter().any(|s| s.spells(&word, prefix))
        } else {
            shapes.iter().any(|s| s.same_sounds(&word, prefix))
        }
    }
}

/// Cheap test run before the fuzzy matcher: are `needle`'s chars in `hay`, in order?
fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|c| hay.any(|h| h == c))
}

/// Letters, digits and the marks that belong to them (Bengali vowel signs are not alphabetic
/// in every Unicode version, but always part of the word).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{0980}'..='\u{09FF}').contains(&c) || c == '\u{200C}'
}

fn best_of(a: Option<WordMatch>, b: Option<WordMatch>) -> Option<WordMatch> {
    match (a, b) {
        (Some(x), Some(y)) => Some(if y.score > x.score { y } else { x }),
        (x, None) => x,
        (None, y) => y,
    }
}

/// A word that starts with `needle`, followed by `rest`: exact, inflected (a case ending
/// follows) or a prefix.
fn prefixed(needle: &str, rest: &str, exact: u8, inflected: u8, prefix: u8) -> WordMatch {
    let score = if rest.is_empty() {
        exact
    } else if LEXICON.is_suffix(rest) {
        inflected
    } else {
        prefix
    };
    WordMatch {
        score,
        start: 0,
        end: needle.len() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Scores `term` against `word`, taking every stem as attested.
    fn score(term: &str, word: &str) -> Option<u8> {
        PreparedTerm::new(term, false, true)
            .matcher(false)
            .match_word(&Word::new(&match_key(word)))
            .map(|m| m.score)
    }

    fn score_unattested(term: &str, word: &str) -> Option<u8> {
        let mut w = Word::new(&match_key(word));
        w.keep_stem_if(|_| false);
        PreparedTerm::new(term, false, true)
            .matcher(false)
            .match_word(&w)
            .map(|m| m.score)
    }

    #[test]
    fn lexicon_loads() {
        assert!(LEXICON.suffixes.len() > 10);
        assert_eq!(LEXICON.spell_letters("bbc").as_deref(), Some("বিবিসি"));
        assert_eq!(LEXICON.stem("পুতিনের"), Some("পুতিন"));
        assert_eq!(LEXICON.stem("বিএনপি'র"), Some("বিএনপি"));
    }

    #[test]
    fn tiers_rank_exact_over_inflected_over_prefix_over_skeleton_over_fuzzy() {
        assert_eq!(score("পুতিন", "পুতিন"), Some(tier::EXACT));
        assert_eq!(score("পুতিন", "পুতিনের"), Some(tier::INFLECTED));
        assert_eq!(score("পুতি", "পুতিনের"), Some(tier::PREFIX));
        assert_eq!(score("রাষ্ট্র", "যুক্তরাষ্ট্র"), Some(tier::INFIX));
        // Same consonant classes and vowels: a spelling variant.
        assert_eq!(score("রাজশাহি", "রাজশাহী"), Some(tier::SKELETON));
        assert_eq!(score("ক্রেন", "ইউক্রেন"), Some(tier::INFIX));
        assert_eq!(score("putin", "পুতিন"), Some(tier::SKELETON));
        assert_eq!(score("trump", "ট্রাম্পের"), Some(tier::SKELETON));
        assert_eq!(score("bbc", "বিবিসি"), Some(tier::LETTERS_EXACT));
        assert_eq!(score("bbc", "বিবিসির"), Some(tier::LETTERS_INFLECTED));
        assert_eq!(score("lavr", "লাভরভের"), Some(tier::SKELETON_PREFIX));
        // Fuzzy only as a last resort (when the word meets nothing better anywhere).
        assert_eq!(score("lavov", "lavrov"), None);
        let fuzzy = PreparedTerm::new("lavov", false, true)
            .matcher(true)
            .match_word(&Word::new("lavrov"))
            .map(|m| m.score);
        assert!(fuzzy.is_some_and(|s| (tier::FUZZY_MIN..=tier::FUZZY_MAX).contains(&s)));
    }

    #[test]
    fn short_skeletons_must_equal() {
        assert_eq!(score("shoigu", "শোইগু"), Some(tier::SKELETON));
        assert_eq!(score_unattested("shoigu", "সাগর"), None);
        assert_eq!(score_unattested("shoigu", "শোইগুর"), None);
        assert_eq!(score("shoigu", "শোইগুর"), Some(tier::SKELETON));
        assert_eq!(score("kim", "কমিশন"), None);
    }

    #[test]
    fn no_junk_across_scripts_or_short_fuzzy() {
        assert_eq!(score("lavrov", "পুতিন"), None);
        assert_eq!(score("কম", "কোরিয়া"), None);
    }

    #[test]
    fn lookup_candidates_cover_every_match() {
        let words: Vec<Word> = [
            "তামাম",
            "তামিম",
            "পুতিন",
            "পুতিনের",
            "বিবিসির",
            "ইউক্রেন",
            "যুক্তরাষ্ট্র",
            "lavrov",
            "কিম",
            "কমিশন",
            "ট্রাম্পের",
            "শোইগু",
            "সাগর",
            "লাভরভের",
            "putin",
        ]
        .iter()
        .map(|w| Word::new(&match_key(w)))
        .collect();
        let lookup = VocabLookup::new(&words);
        for t in [
            "পুতিন",
            "putin",
            "bbc",
            "ক্রেন",
            "রাষ্ট্র",
            "lavov",
            "lavr",
            "kim",
            "কম",
            "trump",
            "shoigu",
            "tamim",
            "p",
            "পু",
            "ন",
        ] {
            let term = PreparedTerm::new(t, false, true);
            let matcher = term.matcher(false);
            let candidates = lookup.candidates(&term);
            for (i, w) in words.iter().enumerate() {
                if matcher.match_word(w).is_some() {
                    assert!(candidates.contains(&(i as u32)), "{t} → {}", w.key);
                }
            }
        }
    }

    #[test]
    fn phrase_placement() {
        let t = PreparedTerm::new("কিম জং", true, false);
        assert_eq!(
            t.match_phrase("বার্তা কিম জং উনের").map(|m| m.score),
            Some(tier::EXACT)
        );
        assert_eq!(
            t.match_phrase("কিম জংগি").map(|m| m.score),
            Some(tier::PREFIX)
        );
        assert_eq!(
            t.match_phrase("তকিম জং").map(|m| m.score),
            Some(tier::INFIX)
        );
        assert_eq!(
            t.match_phrase("কিম জংয়ের").map(|m| m.score),
            Some(tier::INFLECTED)
        );
        assert_eq!(t.match_phrase("পুতিন"), None);
    }

    #[test]
    fn narrowing_follows_typing_but_not_looser_modes() {
        let p = |s: &str| PreparedTerm::new(s, false, true);
        assert!(p("lavrov").narrows(&p("lavro")));
        // A vowel after the last consonant: `put` finds পুট, `puti` পুটি; neither holds the other.
        assert!(!p("puti").narrows(&p("put")));
        assert!(p("ph").narrows(&p("p")));
        assert!(p("ch").narrows(&p("c")));
        // `ki` (skeleton k, whole-word only) → `kim` (km): different words, not a refinement.
        assert!(!p("kim").narrows(&p("ki")));
        // Fuzzy switches on at three chars.
        assert!(!p("lav").narrows(&p("la")));
        assert!(!p("tin").narrows(&p("put")));
    }
}
