//! The trust boundary: everything downstream may assume cleaned text is NFC, has no control
//! characters but `\n`, no terminal escape sequences and no invisible junk.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

const ESC: char = '\u{1B}';
/// The 8-bit form of `ESC [`.
const CSI: char = '\u{9B}';

/// Makes untrusted text safe and canonical. Idempotent.
///
/// Order matters for idempotence: junk is removed first and NFC applied last, so removing a
/// character can never leave a new composable pair behind.
pub fn clean(raw: &str) -> String {
    if is_already_clean(raw) {
        return raw.to_string();
    }
    filter_and_normalise(raw)
}

/// The full pass of [`clean`], one character at a time.
fn filter_and_normalise(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            ESC => skip_escape(&mut chars),
            CSI => skip_csi(&mut chars),
            '\r' => {
                // CRLF and a lone CR both end a line.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' => out.push('\n'),
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if is_space(c) => out.push(' '),
            c if is_junk(c) => {}
            c if c.is_control() => {}
            // ZWJ/ZWNJ shape Bengali ya-phala and conjuncts: kept, like everything else.
            c => out.push(c),
        }
    }
    if nfc_is_identity(&out) {
        out
    } else {
        out.nfc().collect()
    }
}

/// Tabs and every space separator (NBSP, thin spaces, ideographic space) become a space.
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// Invisible junk seen in scraped text (BOM, soft hyphen, ZWSP, bidi controls, tag
/// characters…): the same set output escapes, so what cleaning keeps never needs escaping.
fn is_junk(c: char) -> bool {
    crate::text::escape::is_invisible(c)
}

/// True when the filter in [`clean`] copies `c` unchanged (it is no control character but
/// `\n`, no line or space separator, no junk).
fn kept_as_is(c: char) -> bool {
    c == '\n'
        || !(c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || is_space(c) || is_junk(c))
}

/// For characters outside the ranges the hand-written checks know (`©`, `é`): a starter that
/// NFC's quick check passes is never decomposed, reordered or composed with the character
/// before it (only quick-check "maybe" characters are), and no character the checks accept
/// composes with one before it except ো/ৌ's second halves after ে, which need ে itself. So such
/// a character leaves the text's NFC untouched. (The quick check over a whole Bengali text says
/// "maybe" at every া, so it is asked one character at a time.)
fn nfc_inert(c: char) -> bool {
    canonical_combining_class(c) == 0 && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
}

/// True when `clean` would return `raw` unchanged: every character is one the junk filter keeps
/// as it is and NFC leaves alone (see [`nfc_is_identity`] and [`nfc_inert`]). Most scraped Bengali articles are
/// like this, and one read-only pass plus a copy is far cheaper than rebuilding them char by char.
fn is_already_clean(raw: &str) -> bool {
    let mut prev = '\0';
    for c in raw.chars() {
        let kept = match c {
            '\n' | ' '..='~' => true,
            '\u{0980}'..='\u{09FD}' => {
                !(matches!(c, '\u{09DC}' | '\u{09DD}' | '\u{09DF}')
                    || (prev == '\u{09C7}' && matches!(c, '\u{09BE}' | '\u{09D7}'))
                    || (prev == '\u{09CD}' && c == '\u{09BC}'))
            }
            '\u{0964}' | '\u{0965}' | '\u{200C}' | '\u{200D}' | '\u{2010}'..='\u{2027}' => true,
            c => kept_as_is(c) && nfc_inert(c),
        };
        if !kept {
            return false;
        }
        prev = c;
    }
    true
}

/// True when NFC cannot change `s`: every character is ASCII, Bengali (with the danda) or common punctuation
/// (all of which NFC leaves alone by themselves), and none of the few Bengali sequences NFC
/// rewrites occurs: the nukta letters ড় ঢ় য় (decomposed), ে + া / ে + ৗ (composed to ো / ৌ), and
/// marks out of canonical order (nukta after virama, anything around the sandhi mark). Skipping
/// NFC for such text is the common case and saves a large share of ingest time.
/// Other characters (a `©` footer) pass when [`nfc_inert`].
fn nfc_is_identity(s: &str) -> bool {
    let mut prev = '\0';
    for c in s.chars() {
        let plain = c.is_ascii()
            || matches!(
                c,
                '\u{0980}'..='\u{09FD}' // Bengali, without the sandhi mark
                    | '\u{0964}' | '\u{0965}' // দাঁড়ি ।, ॥ (Devanagari code points)
                    | '\u{200C}' | '\u{200D}'
                    | '\u{2010}'..='\u{2027}' // dashes, quotes, ellipsis
            );
        if (!plain && !nfc_inert(c))
            || matches!(c, '\u{09DC}' | '\u{09DD}' | '\u{09DF}')
            || (prev == '\u{09C7}' && matches!(c, '\u{09BE}' | '\u{09D7}'))
            || (prev == '\u{09CD}' && c == '\u{09BC}')
        {
            return false;
        }
        prev = c;
    }
    true
}

/// Skips the rest of an escape sequence whose `ESC` was just read: CSI (`ESC [ … final`),
/// OSC/DCS/SOS/PM/APC strings (up to BEL or `ESC \`), or a two-character escape.
fn skip_escape(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    match chars.peek() {
        Some('[') => {
            chars.next();
            skip_csi(chars);
        }
        Some(']' | 'P' | 'X' | '^' | '_') => {
            chars.next();
            while let Some(c) = chars.next() {
                if c == '\u{7}' || c == '\u{9C}' {
                    break;
                }
                if c == ESC {
                    if chars.peek() == Some(&'\\') {
                        chars.next();
                    }
                    break;
                }
            }
        }
        // Two-character escapes (`ESC c`, `ESC 7`, `ESC (B` starts with an intermediate).
        Some(&c) if ('\u{20}'..='\u{2F}').contains(&c) => {
            chars.next();
            if chars
                .peek()
                .is_some_and(|c| ('\u{30}'..='\u{7E}').contains(c))
            {
                chars.next();
            }
        }
        Some(&c) if ('\u{30}'..='\u{7E}').contains(&c) => {
            chars.next();
        }
        _ => {}
    }
}

/// Skips CSI parameters, intermediates and the final byte. A character outside the CSI grammar
/// ends the sequence and is kept (it belongs to the text).
fn skip_csi(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    while let Some(&c) = chars.peek() {
        match c {
            '\u{30}'..='\u{3F}' | '\u{20}'..='\u{2F}' => {
                chars.next();
            }
            '\u{40}'..='\u{7E}' => {
                chars.next();
                return;
            }
            _ => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_whole_escape_sequences() {
        assert_eq!(clean("a\u{1B}[1;31mলাল\u{1B}[0m b"), "aলাল b");
        assert_eq!(clean("\u{1B}]0;title\u{7}x"), "x");
        assert_eq!(clean("\u{1B}]8;;http://x\u{1B}\\link"), "link");
        assert_eq!(clean("\u{9B}2Jক"), "ক");
    }

    #[test]
    fn line_endings_and_spaces() {
        assert_eq!(clean("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(clean("a\u{A0}b\tc"), "a b c");
    }

    #[test]
    fn invisible_junk_goes_joiners_stay() {
        assert_eq!(clean("\u{FEFF}বি\u{AD}বি\u{200B}সি"), "বিবিসি");
        assert_eq!(clean("র\u{200D}্যাব"), "র\u{200D}্যাব");
        assert_eq!(clean("a\u{202E}b\u{0}\u{7}c"), "abc");
    }

    #[test]
    fn arabic_letter_mark_and_tag_characters_go() {
        assert_eq!(clean("ঢাকা\u{061C}শহর"), "ঢাকাশহর");
        assert_eq!(clean("খবর\u{E0001}\u{E0062}\u{E007F}"), "খবর");
    }

    #[test]
    fn nfc_composes_o_and_decomposes_nukta_forms() {
        assert_eq!(clean("\u{09C7}\u{09BE}"), "\u{09CB}");
        assert_eq!(clean("\u{09DF}"), "\u{09AF}\u{09BC}");
    }

    #[test]
    fn nfc_shortcut_only_where_nfc_changes_nothing() {
        for s in ["রাশিয়া ‘নিঃশর্ত’ — ২০২৫", "abc", "ক্‌ষ"]
        {
            assert!(nfc_is_identity(s), "{s}");
            assert_eq!(s.nfc().collect::<String>(), s);
        }
        for s in [
            "\u{09DF}",
            "\u{09C7}\u{09BE}",
            "ক\u{09CD}\u{09BC}",
            "e\u{301}",
            "\u{2126}",
            "©\u{09DF}",
        ] {
            assert!(!nfc_is_identity(s), "{s:?}");
        }
        assert!(nfc_is_identity("© ২০২৫"));
    }

    #[test]
    fn already_clean_text_is_exactly_what_the_full_pass_returns() {
        for s in [
            "রাশিয়া ‘নিঃশর্ত’ — ২০২৫।\nদ্বিতীয় লাইন",
            "ক্‌ষ র\u{200D}্যাব",
            "plain ascii ~ text",
            "© ২০২৫ সর্বস্বত্ব সংরক্ষিত",
            "café »",
        ] {
            assert!(is_already_clean(s), "{s:?}");
            assert_eq!(clean(s), s);
        }
        for s in [
            "a\tb",
            "a\r\nb",
            "\u{09DF}",
            "\u{09C7}\u{09BE}",
            "ক\u{09CD}\u{09BC}",
            "a\u{7F}b",
            "\u{1B}[0m",
            "\u{2028}",
            "e\u{301}",
            "©\u{09C7}\u{09BE}",
            "©\u{200B}",
        ] {
            assert!(!is_already_clean(s), "{s:?}");
        }
    }

    #[test]
    fn shortcuts_agree_with_the_full_pass_on_every_character() {
        for c in ('\u{0}'..='\u{3100}').chain(['\u{FEFF}', '\u{FB1D}', '\u{1D15E}']) {
            for s in [
                format!("ক{c}া"),
                format!("{c}\u{09BE}"),
                format!("\u{09C7}{c}"),
                format!("a{c}\u{0301}"),
            ] {
                let full = filter_and_normalise(&s);
                if is_already_clean(&s) {
                    assert_eq!(full, s, "U+{:04X}", c as u32);
                }
                if nfc_is_identity(&s) {
                    assert_eq!(s.nfc().collect::<String>(), s, "U+{:04X}", c as u32);
                }
            }
        }
    }

    #[test]
    fn removal_before_nfc_keeps_it_idempotent() {
        let once = clean("\u{09C7}\u{200B}\u{09BE}");
        assert_eq!(once, "\u{09CB}");
        assert_eq!(clean(&once), once);
    }
}
