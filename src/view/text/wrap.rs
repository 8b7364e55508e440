//! Greedy word wrap by terminal width: breaks at spaces, never inside a grapheme cluster.

use std::ops::Range;

use super::Cluster;

/// Lines of `clusters` that fit in `width` columns, as ranges of cluster indices.
/// Breaks at spaces (which are dropped at the break); a word wider than a line is broken between
/// clusters. An empty input gives one empty line, so a blank paragraph still takes a row.
pub(crate) fn wrap(clusters: &[Cluster<'_>], width: u16) -> Vec<Range<usize>> {
    let width = usize::from(width.max(1));
    let mut lines = Vec::new();
    let mut start = 0;
    let mut used = 0;
    // Index just past the last word that fits, and the line's width up to there.
    let mut i = 0;
    while i < clusters.len() {
        if used == 0 && clusters[i].is_space() && i == start && !lines.is_empty() {
            // A continuation line never starts with the space it broke at.
            start += 1;
            i += 1;
            continue;
        }
        let word_end = (i..clusters.len())
            .find(|&j| clusters[j].is_space())
            .unwrap_or(clusters.len())
            .max(i + 1);
        let word_width: usize = clusters[i..word_end]
            .iter()
            .map(|c| usize::from(c.width))
            .sum();
        if used + word_width <= width {
            used += word_width;
            i = word_end;
        } else if used > 0 {
            lines.push(start..trim_end(clusters, start, i));
            start = i;
            used = 0;
        } else {
            // A word wider than the line: take as many clusters as fit (at least one).
            let mut end = i;
            let mut w = 0;
            while end < word_end && (w + usize::from(clusters[end].width) <= width || end == i) {
                w += usize::from(clusters[end].width);
                end += 1;
            }
            lines.push(start..end);
            start = end;
            i = end;
            used = 0;
        }
    }
    if start < clusters.len() || lines.is_empty() {
        lines.push(start..trim_end(clusters, start, clusters.len()));
    }
    lines
}

fn trim_end(clusters: &[Cluster<'_>], start: usize, mut end: usize) -> usize {
    while end > start && clusters[end - 1].is_space() {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use ratatui::style::Style;

    use super::super::StyledText;
    use super::*;
    use crate::text::width::WidthPolicy;

    fn lines(text: &str, width: u16) -> Vec<String> {
        let t = StyledText::plain(text, Style::new(), WidthPolicy::Terminal);
        wrap(&t.clusters, width)
            .into_iter()
            .map(|r| t.clusters[r].iter().map(|c| c.text).collect())
            .collect()
    }

    #[test]
    fn breaks_at_spaces_by_terminal_width() {
        // বার্তা is 5 columns in a terminal (3 to unicode-width), কিম 3.
        assert_eq!(lines("বার্তা কিম জং", 9), ["বার্তা কিম", "জং"]);
        assert_eq!(lines("বার্তা কিম জং", 8), ["বার্তা", "কিম জং"]);
    }

    #[test]
    fn long_words_break_between_clusters_only() {
        assert_eq!(lines("রাশিয়াকে", 4), ["রাশি", "য়াকে"]);
        for l in lines("স্ত্রী ক্ষমতা", 2) {
            assert!(!l.starts_with('\u{09CD}') && !l.starts_with('\u{09BE}'));
        }
    }

    #[test]
    fn every_line_fits_unless_one_cluster_is_wider() {
        let text = "ইউক্রেন যুদ্ধে রাশিয়াকে নিঃশর্ত সমর্থনের বার্তা কিম জং উনের";
        for w in 3..30 {
            for l in lines(text, w) {
                assert!(
                    WidthPolicy::Terminal.str_width(&l) <= usize::from(w),
                    "{l} > {w}"
                );
            }
        }
    }

    #[test]
    fn empty_text_is_one_empty_line() {
        assert_eq!(lines("", 10), [""]);
    }
}
