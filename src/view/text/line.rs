//! A line of text as styled grapheme clusters with their terminal widths.

use std::ops::Range;

use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

use crate::text::width::WidthPolicy;

/// One grapheme cluster to draw: its text, style and width in columns under the active policy.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Cluster<'a> {
    pub(crate) text: &'a str,
    pub(crate) style: Style,
    pub(crate) width: u16,
}

impl Cluster<'_> {
    pub(crate) fn is_space(&self) -> bool {
        self.text.chars().all(char::is_whitespace)
    }
}

/// Text cut into styled clusters; built from a base style plus styled byte ranges.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct StyledText<'a> {
    pub(crate) clusters: Vec<Cluster<'a>>,
}

impl<'a> StyledText<'a> {
    /// `text` in `base`, with each `(range, style)` patched over every cluster the range touches,
    /// so a highlight never covers part of a cluster (ব without its া, or ক্ without ষ).
    /// Clusters that take no column on their own are dropped: they would have no cell to live in.
    pub(crate) fn new(
        text: &'a str,
        base: Style,
        ranges: &[(Range<usize>, Style)],
        policy: WidthPolicy,
    ) -> Self {
        let clusters = text
            .grapheme_indices(true)
            .flat_map(|(at, g)| policy.pieces(g).map(move |(off, p)| (at + off, p)))
            .filter_map(|(at, g)| {
                let width = u16::try_from(policy.cluster_width(g)).unwrap_or(u16::MAX);
                if width == 0 {
                    return None;
                }
                let end = at + g.len();
                let style = ranges
                    .iter()
                    .filter(|(r, _)| r.start < end && at < r.end)
                    .fold(base, |s, (_, patch)| s.patch(*patch));
                Some(Cluster {
                    text: if g.chars().any(char::is_control) {
                        " "
                    } else {
                        g
                    },
                    style,
                    width,
                })
            })
            .collect();
        Self { clusters }
    }

    /// Plain text in one style.
    pub(crate) fn plain(text: &'a str, style: Style, policy: WidthPolicy) -> Self {
        Self::new(text, style, &[], policy)
    }

    /// Appends another piece of text (for lines assembled from several parts).
    pub(crate) fn push(&mut self, other: StyledText<'a>) {
        self.clusters.extend(other.clusters);
    }

    pub(crate) fn width(&self) -> usize {
        self.clusters.iter().map(|c| usize::from(c.width)).sum()
    }

    /// Cuts the text to `width` columns at a cluster boundary, ending it with `…` when cut.
    pub(crate) fn truncate(&mut self, width: u16) {
        if self.width() > usize::from(width) {
            self.cut(width);
        }
    }

    /// Ends the text with `…` within `width` columns, dropping whole clusters to make room: for
    /// a line that goes on where it cannot be shown.
    pub(crate) fn cut(&mut self, width: u16) {
        let width = usize::from(width);
        let style = self.clusters.last().map_or(Style::new(), |c| c.style);
        while !self.clusters.is_empty() && self.width() + 1 > width {
            self.clusters.pop();
        }
        if width > 0 {
            self.clusters.push(Cluster {
                text: "…",
                style,
                width: 1,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::style::{Color, Modifier};

    use super::*;

    #[test]
    fn highlight_widens_to_whole_clusters() {
        let hl = Style::new().fg(Color::Yellow);
        // Byte range of ব alone in বার্তা: the highlight must take the whole cluster বা.
        let t = StyledText::new("বার্তা", Style::new(), &[(0..3, hl)], WidthPolicy::Terminal);
        let texts: Vec<&str> = t.clusters.iter().map(|c| c.text).collect();
        assert_eq!(texts, ["বা", "র্তা"]);
        assert_eq!(t.clusters[0].style.fg, Some(Color::Yellow));
        assert_eq!(t.clusters[1].style.fg, None);
        assert_eq!(t.width(), 5);
    }

    #[test]
    fn patches_stack_over_the_base() {
        let base = Style::new().add_modifier(Modifier::BOLD);
        let t = StyledText::new(
            "ab",
            base,
            &[(1..2, Style::new().fg(Color::Red))],
            WidthPolicy::Terminal,
        );
        assert!(t.clusters[1].style.add_modifier.contains(Modifier::BOLD));
        assert_eq!(t.clusters[1].style.fg, Some(Color::Red));
    }

    #[test]
    fn truncation_ends_with_an_ellipsis_on_a_cluster_boundary() {
        let mut t = StyledText::plain("রাশিয়াকে", Style::new(), WidthPolicy::Terminal);
        t.truncate(4);
        let text: String = t.clusters.iter().map(|c| c.text).collect();
        assert_eq!(text, "রা…");
        assert!(t.width() <= 4);
        let mut short = StyledText::plain("ab", Style::new(), WidthPolicy::Terminal);
        short.truncate(2);
        assert_eq!(short.width(), 2);
    }

    #[test]
    fn a_joiner_before_a_letter_never_reaches_the_screen() {
        // ক্‍ষ and an emoji family: tmux would draw them 1 and 2 columns wide, not 2 and 6.
        let text = "\u{0995}\u{09CD}\u{200D}\u{09B7} \u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}";
        let hl = Style::new().fg(Color::Yellow);
        let t = StyledText::new(text, Style::new(), &[(0..12, hl)], WidthPolicy::Terminal);
        let texts: Vec<&str> = t.clusters.iter().map(|c| c.text).collect();
        assert_eq!(
            texts,
            [
                "\u{0995}\u{09CD}",
                "\u{09B7}",
                " ",
                "\u{1F469}",
                "\u{1F469}",
                "\u{1F467}"
            ]
        );
        assert_eq!(t.width(), 9);
        assert_eq!(t.clusters[1].style.fg, Some(Color::Yellow));
        assert_eq!(t.clusters[3].style.fg, None);
    }

    #[test]
    fn invisible_clusters_are_dropped() {
        let t = StyledText::plain("\u{200B}ক", Style::new(), WidthPolicy::Terminal);
        assert_eq!(t.clusters.len(), 1);
    }
}
