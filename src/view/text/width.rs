//! How many terminal columns a grapheme cluster takes.
//!
//! ratatui measures with `unicode-width`, which gives Bengali spacing marks such as া (U+09BE) and
//! ৗ (U+09D7) zero columns because they are Grapheme_Extend; glibc `wcwidth` (tmux), VTE and xterm
//! draw them one column wide. Drawing by ratatui's measure shifts borders and leaves stale marks on
//! real terminals, so widths here follow what the terminal does, and the policy is a setting
//! because some newer terminals measure whole clusters instead (DEC mode 2027).

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthChar;

use crate::text::width::{WidthPolicy, char_width as wcwidth};

/// The measure lives beside the drawing code rather than with the enum in the core because the
/// `Unicode` policy is, by definition, ratatui's own measure.
impl WidthPolicy {
    /// Columns taken by one grapheme cluster. Zero means the cluster is invisible on its own.
    pub fn cluster_width(self, cluster: &str) -> usize {
        match self {
            WidthPolicy::Terminal => cluster.chars().map(wcwidth).sum(),
            WidthPolicy::Unicode => {
                if cluster.chars().all(|c| c.is_control()) {
                    0
                } else {
                    usize::from(cluster.cell_width())
                }
            }
            WidthPolicy::Grapheme => {
                if cluster.chars().all(|c| wcwidth(c) == 0) {
                    0
                } else if cluster
                    .chars()
                    .any(|c| c.width() == Some(2) || c == '\u{FE0F}')
                {
                    2
                } else {
                    1
                }
            }
        }
    }

    /// Columns taken by a whole string, cluster by cluster.
    pub fn str_width(self, s: &str) -> usize {
        s.graphemes(true).map(|g| self.cluster_width(g)).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: WidthPolicy = WidthPolicy::Terminal;

    #[test]
    fn bengali_vowel_sign_aa_is_one_column_in_a_terminal() {
        assert_eq!(T.cluster_width("রা"), 2);
        assert_eq!(WidthPolicy::Unicode.cluster_width("রা"), 1);
        assert_eq!(WidthPolicy::Grapheme.cluster_width("রা"), 1);
    }

    #[test]
    fn measured_widths_from_bengali_md() {
        assert_eq!(T.str_width("রাশিয়াকে"), 8);
        assert_eq!(WidthPolicy::Unicode.str_width("রাশিয়াকে"), 6);
        let seed000 = "ইউক্রেন যুদ্ধে রাশিয়াকে নিঃশর্ত সমর্থনের বার্তা কিম জং উনের";
        assert_eq!(T.str_width(seed000), 53);
        assert_eq!(WidthPolicy::Unicode.str_width(seed000), 49);
    }

    #[test]
    fn marks_and_format_characters_take_no_column() {
        assert_eq!(wcwidth('\u{09CD}'), 0); // hasanta, Mn
        assert_eq!(wcwidth('\u{0981}'), 0); // chandrabindu, Mn
        assert_eq!(wcwidth('\u{200D}'), 0); // ZWJ, Cf
        assert_eq!(wcwidth('\u{09BF}'), 1); // ি, Mc
        assert_eq!(wcwidth('\u{09D7}'), 1); // ৗ, Mc but Grapheme_Extend
        assert_eq!(T.cluster_width("ক্ষ"), 2);
    }

    #[test]
    fn wide_characters_take_two() {
        assert_eq!(T.cluster_width("中"), 2);
        assert_eq!(WidthPolicy::Grapheme.cluster_width("中"), 2);
        assert_eq!(T.str_width("ab"), 2);
    }
}
