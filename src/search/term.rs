//! One query word prepared for matching, and how well it matches one indexed word.
//!
//! Matching is per word (a title word, or one word of an entity or outlet name), never across a
//! whole title or body: a fuzzy subsequence spread over a long text matches nearly anything
//! (`lavrov` would "match" any paragraph with l…a…v…r…o…v), so scattered matches are only
//! accepted inside one word, and ranked below every exact, prefix and skeleton match.
//!
//! Here: the tiers and a query word prepared ([`PreparedTerm`]); `lexicon` (endings, letter
//! names, topics; the indexed [`Word`]), `lookup` (the candidate words of a vocabulary),
//! `matcher` (scoring one word).

mod lexicon;
mod lookup;
mod matcher;

use crate::text::key::match_key;
use crate::text::skeleton::{skeleton, skeleton_alternatives};

use super::translit::Shape;

pub(crate) use lexicon::{LEXICON, Word, char_mask};
pub(crate) use lookup::VocabLookup;
pub(crate) use matcher::TermMatcher;

/// Scores of the ways a query word can meet an indexed word, best first. Per word, not summed:
/// an article's score for a query word is the best of its matches.
pub(super) mod tier {
    pub(crate) const EXACT: u8 = 100;
    pub(crate) const INFLECTED: u8 = 95;
    pub(crate) const LETTERS_EXACT: u8 = 90;
    pub(crate) const LETTERS_INFLECTED: u8 = 88;
    pub(crate) const PREFIX: u8 = 80;
    pub(crate) const LETTERS_PREFIX: u8 = 75;
    pub(crate) const SKELETON: u8 = 70;
    pub(crate) const SKELETON_PREFIX: u8 = 50;
    pub(crate) const INFIX: u8 = 40;
    /// Fuzzy matches score between these two.
    pub(crate) const FUZZY_MIN: u8 = 10;
    pub(crate) const FUZZY_MAX: u8 = 30;
    /// A Latin word whose consonants meet a Bengali word's but whose vowels do not: offered only
    /// when the query word meets nothing better anywhere (see `search::SearchIndex`).
    pub(crate) const SKELETON_ONLY: u8 = 5;
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

/// Where and how well a query word matched: a tier score and a byte range in the word's key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct WordMatch {
    pub(crate) score: u8,
    pub(crate) start: u32,
    pub(crate) end: u32,
}

/// A query word or phrase prepared once per query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PreparedTerm {
    pub(crate) key: String,
    pub(crate) phrase: bool,
    /// Bengali spellings of a Latin word: an acronym spelled with letter names (bbc → বিবিসি),
    /// the Bengali words of an English topic word (flood → বন্যা), the gazetteer's Bengali for a
    /// name word (tarique → তারেক).
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
    pub(crate) fn new(text: &str, phrase: bool, fuzzy: bool) -> PreparedTerm {
        let key = match_key(text);
        let latin = key.chars().all(|c| c.is_ascii_alphanumeric());
        let chars = key.chars().count();
        let mut spellings: Vec<String> = Vec::new();
        if latin && !phrase {
            spellings.extend(LEXICON.topic(&key).iter().cloned());
            spellings.extend(LEXICON.name(&key).iter().cloned());
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
    pub(crate) fn narrows(&self, earlier: &PreparedTerm) -> bool {
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
    pub(crate) fn exactly(self) -> PreparedTerm {
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
    pub(crate) fn searches_bodies(&self) -> bool {
        self.body
    }

    /// True when the term has loose ways of matching kept for when nothing else matches: a
    /// Latin word's consonants alone, fuzzy matching.
    pub(crate) fn has_last_resort(&self) -> bool {
        (self.latin && !self.skels.is_empty()) || self.fuzzy
    }

    /// What matching this term against many words needs, built once per scan. With
    /// `last_resort`, a Latin word also matches words with its consonants but not its vowels
    /// ([`tier::SKELETON_ONLY`]).
    pub(crate) fn matcher(&self, last_resort: bool) -> TermMatcher<'_> {
        TermMatcher::new(self, last_resort)
    }

    /// Where a phrase occurs in a text (a whole title or name key): best-placed occurrence.
    pub(crate) fn match_phrase(&self, text: &str) -> Option<WordMatch> {
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

/// Letters, digits and the marks that belong to them (Bengali vowel signs are not alphabetic
/// in every Unicode version, but always part of the word).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || ('\u{0980}'..='\u{09FF}').contains(&c) || c == '\u{200C}'
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
