//! Display width as real terminals measure it (glibc `wcwidth`, tmux, VTE, xterm).
//!
//! `unicode-width` gives spacing marks that are also Grapheme_Extend (Bengali া U+09BE and ৗ U+09D7)
//! width 0, while terminals advance the cursor one column for them (`docs/bengali.md` §1). Padding a table
//! with `unicode-width` numbers therefore misaligns every Bengali row; these functions agree with
//! the terminal instead: non-spacing/enclosing marks and format characters 0, East-Asian wide 2,
//! everything else 1, summed over the code points of a cluster.

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
    pub const NAMES: [(&'static str, WidthPolicy); 3] = [
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

/// Terminal columns of one code point.
pub fn char_width(c: char) -> usize {
    if SPACING_EXTENDERS.contains(&c) {
        return 1;
    }
    c.width().unwrap_or(0)
}

/// Terminal columns of a string.
pub fn width(s: &str) -> usize {
    s.chars().map(char_width).sum()
}

/// `s` cut to at most `max` columns at a grapheme-cluster boundary, with `…` appended when cut.
pub fn truncate(s: &str, max: usize) -> String {
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

/// `s` padded with spaces on the right to `cols` columns (unchanged when already wider).
pub fn pad(s: &str, cols: usize) -> String {
    let mut out = s.to_string();
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
}
