//! Phrase keys: the shared match key ([`crate::text::key`]) with whitespace runs folded to one
//! space, dashes to `-` and apostrophes to `'`, so `আল জাজিরা`, `আল–জাজিরা` and `আল  জাজিরা` compare
//! equal where a phrase table is matched against text.
//!
//! Ingest calls this on every line of every file, so the common script takes a fast path; the
//! result is the same as [`crate::text::key::match_key`] code point by code point.

use unicode_normalization::UnicodeNormalization;

use crate::text::key::fold_digit;

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';

/// The phrase key of `s`.
pub(crate) fn fold_key(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    fold_into(s, &mut key, |_, _| {});
    key
}

/// The phrase key of `s` and, for every key byte plus one past the end, the byte offset in `s`
/// it came from, so a match in the key maps back onto `s`.
pub(crate) fn fold_key_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut key = String::with_capacity(s.len());
    let mut orig = Vec::with_capacity(s.len() + 1);
    fold_into(s, &mut key, |c, at| {
        orig.extend(std::iter::repeat_n(at, c.len_utf8()));
    });
    orig.push(s.len());
    (key, orig)
}

fn fold_into(s: &str, key: &mut String, mut pushed: impl FnMut(char, usize)) {
    for (at, c) in s.char_indices() {
        match c {
            ZWJ | ZWNJ => {}
            c if c.is_ascii() => push(c.to_ascii_lowercase(), at, key, &mut pushed),
            // Bengali has no case, and apart from the three nukta letters NFC leaves each of its
            // code points alone: skip the normalisation and case tables for the common script.
            // Nor is any of its code points (digits folded or not) a space, dash or apostrophe,
            // so it goes straight into the key.
            '\u{0980}'..='\u{09FF}' if !matches!(c, '\u{09DC}' | '\u{09DD}' | '\u{09DF}') => {
                let d = fold_digit(c);
                key.push(d);
                pushed(d, at);
            }
            // The danda and general punctuation (quotes, dashes, ellipsis) have no case, and
            // NFC leaves them alone (U+2000/U+2001 excepted).
            '\u{0964}' | '\u{0965}' | '\u{2002}'..='\u{206F}' => push(c, at, key, &mut pushed),
            c => {
                let mut buf = [0u8; 4];
                for d in c.encode_utf8(&mut buf).nfc() {
                    if d != ZWJ && d != ZWNJ {
                        fold_digit(d)
                            .to_lowercase()
                            .for_each(|l| push(l, at, key, &mut pushed));
                    }
                }
            }
        }
    }
}

/// Appends `c` with whitespace runs folded to one space, dashes to `-`, apostrophes to `'`.
fn push(c: char, at: usize, key: &mut String, pushed: &mut impl FnMut(char, usize)) {
    let c = match c {
        c if c.is_whitespace() => ' ',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{02BC}' => '\'',
        c => c,
    };
    if c == ' ' && key.ends_with(' ') {
        return;
    }
    key.push(c);
    pushed(c, at);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::key::match_key;

    #[test]
    fn agrees_with_match_key_on_words() {
        for s in [
            "রাশিয়া",
            "রাশি\u{09DF}া",
            "BBC ২০২৫",
            "র\u{200D}্যাব",
            "\u{09C7}\u{09BE}",
            "Ünïcode",
        ] {
            assert_eq!(fold_key(s), match_key(s), "{s}");
        }
    }

    #[test]
    fn folds_spaces_dashes_apostrophes() {
        assert_eq!(fold_key("আল–জাজিরা"), fold_key("আল-জাজিরা"));
        assert_eq!(fold_key("আল  \tজাজিরা"), fold_key("আল জাজিরা"));
        assert_eq!(fold_key("বিএনপি’র"), fold_key("বিএনপি'র"));
    }

    #[test]
    fn offsets_map_back() {
        let s = "ক  খ";
        let (key, orig) = fold_key_with_offsets(s);
        assert_eq!(key, "ক খ");
        assert_eq!(orig.len(), key.len() + 1);
        assert_eq!(&s[orig[4]..], "খ");
    }
}
