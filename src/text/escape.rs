//! Making text safe to show. Cleaning at ingest is the first line of defence; this is the second,
//! at output: file names, config lines and text read back from caches never went through
//! `clean`, and one of them could retitle the terminal (OSC 2), forge a `khobor:` line (a newline)
//! or reverse what follows it (U+202E). Every human-facing line (stderr warnings, the status bar,
//! config errors) passes through [`for_terminal`]; JSON output through [`JsonEscapes`].

use std::borrow::Cow;
use std::io;

use unicode_segmentation::UnicodeSegmentation;

/// A shown value longer than this (a 5 MB config value, a forged title) is cut with `…`.
pub(crate) const MAX_SHOWN_CHARS: usize = 1000;

/// Invisible formatting characters: BOM, soft hyphen, ZWSP, word joiner and invisible operators,
/// bidi marks, embeddings, overrides and isolates (they reorder what the terminal shows), the
/// Arabic letter mark, deprecated format controls, interlinear annotations, the Mongolian vowel
/// separator, the combining grapheme joiner and the tag characters. ZWJ and ZWNJ are not here:
/// Bengali ya-phala and conjuncts need them.
pub(crate) fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{FEFF}'
            | '\u{AD}'
            | '\u{200B}'
            | '\u{2060}'..='\u{2064}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{061C}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
            | '\u{206A}'..='\u{206F}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{180E}'
            | '\u{034F}'
            | '\u{E0000}'..='\u{E007F}'
    )
}

/// Characters a terminal (or a JSON consumer printing to one) must not receive raw: controls
/// (C0, DEL, C1), line and paragraph separators, and the invisible formatting characters.
fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') || is_invisible(c) || is_raw_byte(c)
}

/// A byte of a file name that is not UTF-8, kept in an article's path (see
/// [`crate::fsutil::path_text`]).
fn is_raw_byte(c: char) -> bool {
    (crate::fsutil::RAW_BYTE_BASE..=crate::fsutil::RAW_BYTE_BASE + 0xFF).contains(&u32::from(c))
}

/// `s` as one safe line, cut at [`MAX_SHOWN_CHARS`].
pub fn for_terminal(s: &str) -> Cow<'_, str> {
    for_terminal_within(s, MAX_SHOWN_CHARS)
}

/// `s` as one safe line of at most `max_chars` characters (plus `…` when cut, never inside a
/// grapheme cluster): `\n`, `\r`, `\t` and `\x1b` written as such, other ASCII controls as
/// `\xNN`, every other unsafe character as `\u{NNNN}`.
pub(crate) fn for_terminal_within(s: &str, max_chars: usize) -> Cow<'_, str> {
    let escaped: Cow<'_, str> = if s.chars().any(is_unsafe) {
        let mut out = String::with_capacity(s.len() + 16);
        for c in s.chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\r' => out.push_str("\\r"),
                '\t' => out.push_str("\\t"),
                c if is_unsafe(c) && (c as u32) < 0x80 => {
                    out.push_str(&format!("\\x{:02x}", c as u32));
                }
                c if is_raw_byte(c) => {
                    out.push_str(&format!(
                        "\\x{:02x}",
                        c as u32 - crate::fsutil::RAW_BYTE_BASE
                    ));
                }
                c if is_unsafe(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
                c => out.push(c),
            }
        }
        Cow::Owned(out)
    } else {
        Cow::Borrowed(s)
    };
    if escaped.chars().nth(max_chars).is_none() {
        return escaped;
    }
    let mut kept = 0;
    let mut end = 0;
    for (at, g) in escaped.grapheme_indices(true) {
        kept += g.chars().count();
        if kept > max_chars {
            break;
        }
        end = at + g.len();
    }
    Cow::Owned(format!("{}…", &escaped[..end]))
}

/// A `serde_json` formatter that also writes C1 controls, bidi and invisible formatting
/// characters and U+2028/U+2029 as `\uXXXX` (serde_json escapes only below U+0020), so JSON
/// Lines printed to a terminal or pasted into JavaScript stay inert.
#[derive(Default)]
pub(crate) struct JsonEscapes;

impl serde_json::ser::Formatter for JsonEscapes {
    fn write_string_fragment<W: ?Sized + io::Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in fragment.char_indices() {
            if !is_unsafe(c) {
                continue;
            }
            writer.write_all(&fragment.as_bytes()[start..at])?;
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                write!(writer, "\\u{:04x}", unit)?;
            }
            start = at + c.len_utf8();
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }
}

/// Writes `value` as one JSON line with [`JsonEscapes`].
pub fn write_json_line<W: io::Write + ?Sized, T: serde::Serialize + ?Sized>(
    out: &mut W,
    value: &T,
) -> io::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(&mut *out, JsonEscapes);
    value.serialize(&mut ser).map_err(io::Error::from)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_terminal_controls_and_keeps_bengali() {
        let hostile = "a_\u{1b}]2;PWNED\u{1b}\\\u{7}\u{9b}\u{9d}\u{202e}x\ny\rz\u{e0041}";
        assert_eq!(
            for_terminal(hostile),
            "a_\\x1b]2;PWNED\\x1b\\\\x07\\u{9b}\\u{9d}\\u{202e}x\\ny\\rz\\u{e0041}"
        );
        let bengali = "র\u{200d}্যাব ও রাষ্ট্রপতি.txt";
        assert!(matches!(for_terminal(bengali), Cow::Borrowed(b) if b == bengali));
    }

    #[test]
    fn long_values_are_cut_at_a_cluster_boundary() {
        let long = "কি".repeat(600);
        let shown = for_terminal_within(&long, 5);
        // "কি" is two chars, one cluster: five chars hold two whole clusters.
        assert_eq!(shown, "কিকি…");
        assert_eq!(for_terminal(&long).chars().count(), MAX_SHOWN_CHARS + 1);
    }

    #[test]
    fn json_escapes_what_serde_json_lets_through() {
        let mut out = Vec::new();
        write_json_line(&mut out, "p\u{9b}\u{202e}\u{2028}\u{61c}\u{e0001}\u{1b}ক").unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "\"p\\u009b\\u202e\\u2028\\u061c\\udb40\\udc01\\u001bক\"\n"
        );
        let back: String = serde_json::from_str(text.trim_end()).unwrap();
        assert_eq!(back, "p\u{9b}\u{202e}\u{2028}\u{61c}\u{e0001}\u{1b}ক");
    }
}
