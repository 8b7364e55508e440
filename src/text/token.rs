//! Word tokens with byte offsets, so every match can be mapped back onto the displayed text.

use std::ops::Range;

use std::cell::OnceCell;

use super::key::match_key;
use super::suffix::{self, Cuts, Stems};

/// One word of a text block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    /// The word as written, a slice of the block.
    pub text: &'a str,
    /// Byte range of `text` in the block.
    pub range: Range<usize>,
    /// The [`match_key`] of `text`: what gazetteers and suffix rules compare.
    pub key: String,
    /// Attached to the previous word by a hyphen or apostrophe (`বিএনপি'র`, `হুই-ও`, `আল-আরৌরি`):
    /// such a token may be a case suffix written apart, or the second half of a hyphenated name.
    pub joined: bool,
    /// Only spaces (or a joiner) separate this token from the previous one; a comma, danda, quote
    /// or bracket in between means a multi-word name cannot run across the gap.
    pub(crate) adjacent: bool,
    /// The word's stems, worked out at first use: the extractor asks for them again and again.
    cuts: OnceCell<Cuts>,
}

impl Token<'_> {
    /// [`suffix::stems`] of the key.
    pub(crate) fn stems(&self) -> Stems<'_> {
        self.stems_of_at_least(2)
    }

    /// [`suffix::stems_of_at_least`] of the key.
    pub(crate) fn stems_of_at_least(&self, min_letters: usize) -> Stems<'_> {
        let cuts = self.cuts.get_or_init(|| suffix::cuts(&self.key));
        suffix::stems_from_cuts(&self.key, cuts, min_letters)
    }
}

/// Letters, marks and digits of any script, plus the joiners that shape Bengali conjuncts.
/// ASCII and the Bengali block are decided without Unicode table lookups (the hot path).
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    match c {
        '\u{0981}'..='\u{09EF}' | '\u{09F0}' | '\u{09F1}' | '\u{200C}' | '\u{200D}' => true,
        '\u{0980}'..='\u{09FF}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// Hyphens and apostrophes that glue a suffix or a name part to the word before it. Em dashes are
/// not joiners: news text uses them as punctuation (`অংশ নেন—যেখানে`).
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\'' | '\u{2019}' | '\u{2018}'
    )
}

/// Splits `s` into word tokens.
pub fn tokenize(s: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::new();
    let mut start: Option<usize> = None;
    // Where the text between the previous token and the next one starts.
    let mut gap_start = 0;
    for (at, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if at < s.len() && is_word_char(c) {
            if start.is_none() {
                start = Some(at);
            }
            continue;
        }
        if let Some(st) = start.take() {
            let gap = &s[gap_start..st];
            let joined =
                !tokens.is_empty() && gap.chars().count() == 1 && gap.chars().all(is_joiner);
            // `মি. ট্রাম্প`, `মো. সাহাবুদ্দিন`: a period after a one- or two-letter word is an
            // abbreviation inside a name, not the end of a sentence.
            let abbreviation = gap.trim() == "."
                && tokens
                    .last()
                    .is_some_and(|p: &Token<'_>| p.key.chars().count() <= 3);
            let adjacent =
                tokens.is_empty() || gap.chars().all(char::is_whitespace) || joined || abbreviation;
            let text = &s[st..at];
            tokens.push(Token {
                text,
                range: st..at,
                key: match_key(text),
                joined,
                adjacent,
                cuts: OnceCell::new(),
            });
            gap_start = at;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_and_joiners() {
        let s = "বিএনপি'র নেতা, হুই-ও এলেন।";
        let t = tokenize(s);
        let words: Vec<&str> = t.iter().map(|t| t.text).collect();
        assert_eq!(words, ["বিএনপি", "র", "নেতা", "হুই", "ও", "এলেন"]);
        assert!(t[1].joined && t[4].joined && !t[2].joined);
        assert!(!t[3].adjacent, "a comma separates নেতা and হুই");
        for tok in &t {
            assert_eq!(&s[tok.range.clone()], tok.text);
        }
    }

    #[test]
    fn abbreviation_period_keeps_a_name_together() {
        let t = tokenize("মি. ট্রাম্প এলেন। তারপর");
        assert!(t[1].adjacent);
        assert!(!t[3].adjacent, "a danda ends the sentence");
    }

    #[test]
    fn em_dash_is_punctuation() {
        let t = tokenize("নেন—যেখানে");
        assert_eq!(t.len(), 2);
        assert!(!t[1].joined && !t[1].adjacent);
    }

    #[test]
    fn vowel_signs_stay_inside_words() {
        let t = tokenize("রাশিয়াকে কিম জং উনের");
        assert_eq!(t.len(), 4);
        assert_eq!(t[0].text, "রাশিয়াকে");
    }
}
