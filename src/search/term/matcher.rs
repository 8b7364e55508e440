//! How well a prepared query word matches one indexed word: the tiers of [`super::tier`], from
//! the word itself down to consonants alone and fuzzy matches.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use memchr::memmem;

use super::{LEXICON, PreparedTerm, Word, WordMatch, tier};
use crate::search::translit::Shape;

/// A term with its substring finder and fuzzy matcher, ready to score many words.
pub(crate) struct TermMatcher<'t> {
    term: &'t PreparedTerm,
    infix: memmem::Finder<'t>,
    skim: SkimMatcherV2,
    last_resort: bool,
}

/// What the skeleton tiers made of a word.
enum ByConsonants {
    /// The word or its stem sounds like the term: nothing later can do better.
    Settled(WordMatch),
    /// The best match so far, and whether a skeleton met the word's consonants but not its
    /// vowels.
    Open {
        best: Option<WordMatch>,
        consonants_only: bool,
    },
}

impl<'t> TermMatcher<'t> {
    pub(super) fn new(term: &'t PreparedTerm, last_resort: bool) -> Self {
        TermMatcher {
            term,
            infix: memmem::Finder::new(term.key.as_bytes()),
            skim: SkimMatcherV2::default().ignore_case(),
            last_resort,
        }
    }

    /// How well the (single-word) term matches `word`; `None` when it does not.
    pub(crate) fn match_word(&self, word: &Word) -> Option<WordMatch> {
        if self.term.exact {
            return (*word.key == *self.term.key).then_some(whole(word, tier::EXACT));
        }
        let best = self.by_spelling(word);
        if best.is_some_and(|b| b.score >= tier::SKELETON) {
            return best;
        }
        let (best, consonants_only) = match self.by_consonants(word, best) {
            ByConsonants::Settled(m) => return Some(m),
            ByConsonants::Open {
                best,
                consonants_only,
            } => (best, consonants_only),
        };
        if best.is_none() && consonants_only && self.last_resort {
            return Some(whole(word, tier::SKELETON_ONLY));
        }
        if best.is_some() || !self.last_resort {
            return best;
        }
        self.fuzzy(word)
    }

    /// The word itself: as a prefix or inside the word, then its Bengali spellings (letter
    /// names, topic words).
    fn by_spelling(&self, word: &Word) -> Option<WordMatch> {
        let term = self.term;
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
        best
    }

    /// The term's skeletons against the word's, its stem's, and as a prefix of the word's.
    fn by_consonants(&self, word: &Word, mut best: Option<WordMatch>) -> ByConsonants {
        let mut consonants_only = false;
        for s in &self.term.skels {
            if *word.skel == **s {
                if self.sounds_like(&word.key, false) {
                    return ByConsonants::Settled(whole(word, tier::SKELETON));
                }
                consonants_only = true;
            }
            if let Some((len, stem)) = &word.stem
                && **stem == **s
            {
                if self.sounds_like(&word.key[..*len], false) {
                    return ByConsonants::Settled(WordMatch {
                        score: tier::SKELETON,
                        start: 0,
                        end: *len as u32,
                    });
                }
                consonants_only = true;
            }
            if self.term.skel_prefix && word.skel.starts_with(s.as_str()) {
                if self.sounds_like(&word.key, true) {
                    best = best_of(best, Some(whole(word, tier::SKELETON_PREFIX)));
                } else {
                    consonants_only = true;
                }
            }
        }
        ByConsonants::Open {
            best,
            consonants_only,
        }
    }

    /// A fuzzy match, the last resort. Fuzzy matches start where the word starts: people type
    /// the beginning of a word, and anchoring keeps the candidates few enough for the matcher to
    /// stay within a frame.
    fn fuzzy(&self, word: &Word) -> Option<WordMatch> {
        let term = self.term;
        if !term.fuzzy
            || word.key.chars().next() != term.key.chars().next()
            || word.mask & term.mask != term.mask
            || !is_subsequence(&term.key, &word.key)
        {
            return None;
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

/// A match of the whole word.
fn whole(word: &Word, score: u8) -> WordMatch {
    WordMatch {
        score,
        start: 0,
        end: word.key.len() as u32,
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
