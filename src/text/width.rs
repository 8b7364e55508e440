//! Display width as real terminals measure it (glibc `wcwidth`, tmux, VTE, xterm).
//!
//! `unicode-width` gives spacing marks that are also Grapheme_Extend (Bengali া U+09BE and ৗ U+09D7)
//! width 0, while terminals advance the cursor one column for them (`docs/bengali.md` §1). Padding a table
//! with `unicode-width` numbers therefore misaligns every Bengali row; these functions agree with
//! the terminal instead: non-spacing/enclosing marks and format characters 0, East-Asian wide 2,
//! everything else 1, summed over the code points of a cluster.
//!
//! A zero-width joiner is the one character whose effect terminals disagree on: tmux glues the
//! next non-ASCII character into the cell before it, xterm and VTE draw that character in a cell of
//! its own. Text drawn in columns therefore leaves out every joiner that has nothing to join
//! (`docs/bengali.md` §1).

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

/// Spacing combining marks (General_Category Mc) that are also Grapheme_Extend: `unicode-width`
/// reports 0 for them, terminals 1. Bengali, Oriya, Tamil, Kannada, Malayalam, Sinhala, Balinese.
const SPACING_EXTENDERS: &[char] = &[
    '\u{09BE}', '\u{09D7}', '\u{0B3E}', '\u{0B57}', '\u{0BBE}', '\u{0BD7}', '\u{0CC2}', '\u{0CD5}',
    '\u{0CD6}', '\u{0D3E}', '\u{0D57}', '\u{0DCF}', '\u{0DDF}', '\u{1B35}',
];

/// Which terminal behaviour to lay text out for.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum WidthPolicy {
    /// Like glibc `wcwidth`, summed over the cluster: what tmux, VTE and xterm draw.
    #[default]
    Terminal,
    /// Like `unicode-width` (ratatui's own measure): right only where the terminal agrees.
    Unicode,
    /// One cell per cluster (two when it holds a wide character): grapheme-aware terminals.
    Grapheme,
}

impl WidthPolicy {
    /// Every policy with its name as written in the configuration file and on the command line.
    pub(crate) const NAMES: [(&'static str, WidthPolicy); 3] = [
        ("terminal", WidthPolicy::Terminal),
        ("unicode", WidthPolicy::Unicode),
        ("grapheme", WidthPolicy::Grapheme),
    ];
}

impl std::str::FromStr for WidthPolicy {
    type Err = String;

    fn from_str(name: &str) -> Result<Self, String> {
        Self::NAMES
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, p)| *p)
            .ok_or_else(|| format!("unknown width policy `{name}`"))
    }
}

const ZWJ: char = '\u{200D}';

/// Terminal columns of one code point.
pub(crate) fn char_width(c: char) -> usize {
    if SPACING_EXTENDERS.contains(&c) {
        return 1;
    }
    c.width().unwrap_or(0)
}

/// Terminal columns of a string.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `s` in pieces, with their byte offsets, split at every zero-width joiner that cannot join,
/// which is left out. A joiner is kept only where a zero-width mark follows it (র‍্যাব: the
/// joiner shapes the ya-phala and every terminal agrees on the width). Before a letter or an
/// emoji (ক্‍ষ, 👩‍👩‍👧), at the end, or before another joiner, tmux 3.3a would draw the next
/// character inside the previous cell (1 and 2 columns) while xterm draws 2 and 6; without the
/// joiner both draw what these functions measure.
pub(crate) fn joinable_pieces(s: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        while start < s.len() {
            let rest = &s[start..];
            let piece_start = start;
            match stray_joiner(rest) {
                Some(at) => {
                    start += at + ZWJ.len_utf8();
                    if at > 0 {
                        return Some((piece_start, &rest[..at]));
                    }
                }
                None => {
                    start = s.len();
                    return Some((piece_start, rest));
                }
            }
        }
        None
    })
}

/// `s` without the zero-width joiners that cannot join (see [`joinable_pieces`]).
pub(crate) fn without_stray_joiners(s: &str) -> Cow<'_, str> {
    if stray_joiner(s).is_none() {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(joinable_pieces(s).map(|(_, p)| p).collect())
    }
}

/// Byte offset of the first joiner in `s` not followed by a zero-width mark.
fn stray_joiner(s: &str) -> Option<usize> {
    let mut chars = s.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let joins = chars
            .peek()
            .is_some_and(|&(_, next)| next != ZWJ && char_width(next) == 0);
        if c == ZWJ && !joins {
            return Some(at);
        }
    }
    None
}

/// `s` cut to at most `max` columns at a grapheme-cluster boundary, with `…` appended when cut,
/// and without joiners that cannot join, ready to be printed in a column.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    let s = &*without_stray_joiners(s);
    if width(s) <= max {
        return s.to_string();
    }
    let budget = max.saturating_sub(1);
    let mut out = String::new();
    let mut used = 0;
    for g in s.graphemes(true) {
        let w = width(g);
        if used + w > budget {
            break;
        }
        out.push_str(g);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

/// `s` padded with spaces on the right to `cols` columns (unchanged when already wider), without
/// joiners that cannot join.
pub(crate) fn pad(s: &str, cols: usize) -> String {
    let mut out = without_stray_joiners(s).into_owned();
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(width(s))));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aa_sign_takes_a_column_like_wcwidth() {
        // Measured in tmux (`docs/bengali.md` §1): রাশিয়াকে is 8 columns, seed 000's headline 53.
        assert_eq!(width("রাশিয়াকে"), 8);
        assert_eq!(
            width("ইউক্রেন যুদ্ধে রাশিয়াকে নিঃশর্ত সমর্থনের বার্তা কিম জং উনের"),
            53
        );
    }

    #[test]
    fn marks_and_joiners_are_zero_wide_cjk_two() {
        assert_eq!(width("ক\u{09CD}\u{200C}ষ"), 2);
        assert_eq!(width("中a"), 3);
    }

    #[test]
    fn truncate_keeps_clusters_whole() {
        let t = truncate("ক্ষমতা ক্ষমতা", 4);
        assert!(width(&t) <= 4);
        assert!(t.ends_with('…'));
        assert!(t.starts_with("ক্ষ"));
        assert_eq!(truncate("abc", 3), "abc");
    }

    #[test]
    fn pad_reaches_the_column() {
        assert_eq!(width(&pad("বার্তা", 10)), 10);
    }

    fn pieces(s: &str) -> Vec<(usize, &str)> {
        joinable_pieces(s).collect()
    }

    #[test]
    fn a_joiner_before_a_mark_stays() {
        // র ZWJ ্ য া ব: the RAB spelling seen in real news text.
        let rab = "\u{09B0}\u{200D}\u{09CD}\u{09AF}\u{09BE}\u{09AC}";
        assert_eq!(pieces(rab), [(0, rab)]);
        assert!(matches!(without_stray_joiners(rab), Cow::Borrowed(_)));
        assert_eq!(pad(rab, 6), format!("{rab}  "));
    }

    #[test]
    fn a_joiner_before_a_letter_or_emoji_is_left_out() {
        // ক ্ ZWJ ষ: two pieces, ক্ (6 bytes) and ষ after the 3-byte joiner.
        assert_eq!(
            pieces("\u{0995}\u{09CD}\u{200D}\u{09B7}"),
            [(0, "\u{0995}\u{09CD}"), (9, "\u{09B7}")]
        );
        let family = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        assert_eq!(
            pieces(family),
            [(0, "\u{1F469}"), (7, "\u{1F469}"), (14, "\u{1F467}")]
        );
        assert_eq!(without_stray_joiners(family), "\u{1F469}\u{1F469}\u{1F467}");
        // Before া (a spacing mark, one column), at the end, doubled, at the start.
        assert_eq!(without_stray_joiners("ক\u{200D}\u{09BE}"), "ক\u{09BE}");
        assert_eq!(without_stray_joiners("ক\u{200D}"), "ক");
        assert_eq!(without_stray_joiners("ক\u{200D}\u{200D}খ"), "কখ");
        assert_eq!(pieces("\u{200D}a"), [(3, "a")]);
        assert_eq!(pieces(""), []);
    }

    #[test]
    fn columns_printed_by_the_cli_hold_no_stray_joiner() {
        let t = truncate("ক\u{200D}খ\u{200D}গঘ", 3);
        assert!(!t.contains('\u{200D}'), "{t:?}");
        assert_eq!(width(&t), 3);
        assert!(!pad("a\u{200D}\u{1F469}", 4).contains('\u{200D}'));
    }
}
