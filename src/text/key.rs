//! Match keys: the one normalisation that text and queries share before they are compared.

use unicode_normalization::UnicodeNormalization;

const ZWNJ: char = '\u{200C}';
const ZWJ: char = '\u{200D}';

/// The key under which `s` is compared: NFC (which decomposes য়/ড়/ঢ় to base + nukta, so both
/// encodings meet), ZWJ/ZWNJ dropped (they only shape rendering), Bengali digits folded to ASCII,
/// Latin lower-cased. Byte offsets are not preserved; use [`match_key_with_offsets`] to map back.
pub fn match_key(s: &str) -> String {
    if is_own_key(s) {
        return s.to_string();
    }
    let mut key = String::with_capacity(s.len());
    // Every token of every article is keyed: no offsets are recorded when none are wanted.
    fold_chars(s, |c, _| key.push(c));
    key
}

/// Like [`match_key`], and for every char of the key the byte offset in `s` of the char it came
/// from, so a match in the key can be mapped back onto the original text.
pub(crate) fn match_key_with_offsets(s: &str) -> (String, Vec<usize>) {
    let mut key = String::with_capacity(s.len());
    let mut offsets = Vec::with_capacity(s.len());
    fold_chars(s, |c, at| {
        key.push(c);
        offsets.push(at);
    });
    (key, offsets)
}

/// Calls `emit(key char, byte offset in s of the char it came from)` for every char of the key.
fn fold_chars(s: &str, mut emit: impl FnMut(char, usize)) {
    for (at, c) in s.char_indices() {
        // Fast path (the common case, and hot: every article passes through here): ASCII and
        // Bengali code points other than the three nukta letters are their own NFC and have no
        // case, so running the normaliser on them changes nothing.
        if c.is_ascii() {
            emit(c.to_ascii_lowercase(), at);
            continue;
        }
        if ('\u{0980}'..='\u{09FF}').contains(&c)
            && !matches!(c, '\u{09DC}' | '\u{09DD}' | '\u{09DF}')
        {
            emit(fold_digit(c), at);
            continue;
        }
        let mut buf = [0u8; 4];
        for d in c.encode_utf8(&mut buf).nfc() {
            if d == ZWJ || d == ZWNJ {
                continue;
            }
            let folded = fold_digit(d);
            for l in folded.to_lowercase() {
                emit(l, at);
            }
        }
    }
}

/// True when `s` is its own key: only ASCII other than capitals, and Bengali other than digits
/// and the three nukta letters (what [`fold_chars`] passes through unchanged). Most words are;
/// deciding it on the UTF-8 bytes and copying them is far cheaper than keying char by char.
fn is_own_key(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'A'..=b'Z' => return false,
            0..0x80 => i += 1,
            // U+0980..U+09BF
            0xE0 if b.get(i + 1) == Some(&0xA6) => i += 3,
            // U+09C0..U+09FF but ড় ঢ় য় (U+09DC, U+09DD, U+09DF) and the digits (U+09E6..U+09EF)
            0xE0 if b.get(i + 1) == Some(&0xA7) => match b.get(i + 2) {
                Some(0x9C | 0x9D | 0x9F | 0xA6..=0xAF) | None => return false,
                Some(_) => i += 3,
            },
            _ => return false,
        }
    }
    true
}

/// Bengali digit ০–৯ → ASCII 0–9; anything else unchanged.
pub(crate) fn fold_digit(c: char) -> char {
    match c {
        '\u{09E6}'..='\u{09EF}' => char::from(b'0' + (c as u32 - 0x09E6) as u8),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_ya_encodings_meet() {
        assert_eq!(match_key("রাশিয়া"), match_key("রাশি\u{09AF}\u{09BC}া"));
        assert_eq!(match_key("\u{09DF}"), "\u{09AF}\u{09BC}");
    }

    #[test]
    fn joiners_dropped_digits_folded_latin_lowered() {
        assert_eq!(match_key("র\u{200D}্যাব"), "র্যাব");
        assert_eq!(match_key("২০২৫ BBC"), "2025 bbc");
    }

    #[test]
    fn fast_path_agrees_with_the_normaliser() {
        for c in ('\u{0000}'..='\u{007F}').chain('\u{0980}'..='\u{09FF}') {
            let mut buf = [0u8; 4];
            let slow: String = c
                .encode_utf8(&mut buf)
                .nfc()
                .filter(|d| *d != ZWJ && *d != ZWNJ)
                .flat_map(|d| fold_digit(d).to_lowercase())
                .collect();
            assert_eq!(match_key(&c.to_string()), slow, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn own_keys_are_exactly_the_unchanged_texts() {
        for c in ('\u{0}'..='\u{0A7F}').chain(['\u{200C}', '\u{200D}', '\u{2019}', 'é']) {
            let s = format!("ক{c}");
            let mut slow = String::new();
            fold_chars(&s, |k, _| slow.push(k));
            if is_own_key(&s) {
                assert_eq!(slow, s, "U+{:04X}", c as u32);
            }
            assert_eq!(match_key(&s), slow, "U+{:04X}", c as u32);
        }
        assert!(is_own_key("রাশিয়া") && is_own_key("bbc 2025"));
        assert!(!is_own_key("২০২৫") && !is_own_key("BBC") && !is_own_key("রাশি\u{09DF}া"));
    }

    #[test]
    fn offsets_point_into_source() {
        let s = "কি\u{200C}ম";
        let (key, offs) = match_key_with_offsets(s);
        assert_eq!(key.chars().count(), offs.len());
        assert_eq!(offs, vec![0, 3, 9]);
    }
}
