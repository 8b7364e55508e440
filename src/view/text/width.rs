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

use crate::text::width::{WidthPolicy, char_width as wcwidth, joinable_pieces};

/// The measure lives beside the drawing code rather than with the enum in the core because the
/// `Unicode` policy is, by definition, ratatui's own measure.
impl WidthPolicy {
    /// Columns taken by one grapheme cluster. Zero means the cluster is invisible on its own.
    pub(crate) fn cluster_width(self, cluster: &str) -> usize {
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

    /// The pieces of one cluster to draw, each in a cell of its own, with their byte offsets.
    /// Where terminals measure code points, a zero-width joiner that cannot join is left out and
    /// the cluster split there (ক্‍ষ → ক্ ষ, 👩‍👩‍👧 → 👩 👩 👧), so tmux and xterm draw the same
    /// columns; a grapheme-aware terminal draws the cluster whole.
    pub(crate) fn pieces(self, cluster: &str) -> impl Iterator<Item = (usize, &str)> {
        let split = self != WidthPolicy::Grapheme;
        let whole = (!split).then_some((0, cluster));
        let parts = split.then(|| joinable_pieces(cluster));
        whole.into_iter().chain(parts.into_iter().flatten())
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
    fn joiners_that_cannot_join_split_the_cluster() {
        let family = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        let parts: Vec<&str> = T.pieces(family).map(|(_, p)| p).collect();
        assert_eq!(parts, ["\u{1F469}", "\u{1F469}", "\u{1F467}"]);
        assert_eq!(parts.iter().map(|p| T.cluster_width(p)).sum::<usize>(), 6);
        let whole: Vec<&str> = WidthPolicy::Grapheme
            .pieces(family)
            .map(|(_, p)| p)
            .collect();
        assert_eq!(whole, [family]);
        let rab = "\u{09B0}\u{200D}\u{09CD}\u{09AF}\u{09BE}";
        assert_eq!(T.pieces(rab).count(), 1);
    }

    #[test]
    fn wide_characters_take_two() {
        assert_eq!(T.cluster_width("中"), 2);
        assert_eq!(WidthPolicy::Grapheme.cluster_width("中"), 2);
        assert_eq!(T.str_width("ab"), 2);
    }
}
