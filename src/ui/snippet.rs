//! A hit's body snippet fitted to the columns a list row has left for it.

use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

use crate::search::Snippet;
use crate::settings::Theme;
use crate::text::width::WidthPolicy;
use crate::view::text::StyledText;

/// `snippet` in at most `width` columns, its matches highlighted, with the first match in the
/// first third: the worker cuts snippets for the widest row, and a narrow row would otherwise
/// show only the words before the match.
pub(super) fn fitted<'a>(
    snippet: &'a Snippet,
    width: u16,
    base: Style,
    theme: &Theme,
    policy: WidthPolicy,
) -> StyledText<'a> {
    let text = &snippet.text;
    let first = snippet.ranges.first().map_or(0, |r| r.start);
    let from = lead_start(text, first, usize::from(width) / 3, policy);
    let style = base.patch(theme.meta.0);
    let ranges: Vec<_> = snippet
        .ranges
        .iter()
        .filter(|r| r.start >= from)
        .map(|r| (r.start - from..r.end - from, base.patch(theme.matched.0)))
        .collect();
    let mut out = if from > 0 {
        StyledText::plain("…", style, policy)
    } else {
        StyledText::default()
    };
    out.push(StyledText::new(&text[from..], style, &ranges, policy));
    out.truncate(width);
    out
}

/// Where to start `text` so that at most `budget` columns come before byte `first`: a cluster
/// boundary, moved on to a word start when one is in reach.
fn lead_start(text: &str, first: usize, budget: usize, policy: WidthPolicy) -> usize {
    let Some(lead) = text.get(..first) else {
        return 0;
    };
    let mut cols = 0;
    let mut from = first;
    for (i, g) in lead.grapheme_indices(true).rev() {
        cols += policy.cluster_width(g);
        if cols > budget {
            break;
        }
        from = i;
    }
    if from == 0 {
        return 0;
    }
    text[from..first].find(' ').map_or(from, |sp| from + sp + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: WidthPolicy = WidthPolicy::Terminal;

    fn shown(t: &StyledText<'_>) -> String {
        t.clusters.iter().map(|c| c.text).collect()
    }

    /// `text` with its বন্যা highlighted.
    fn flood(text: &str) -> Snippet {
        Snippet {
            ranges: text
                .match_indices("বন্যা")
                .map(|(at, m)| at..at + m.len())
                .collect(),
            text: text.to_string(),
        }
    }

    #[test]
    fn a_match_late_in_the_snippet_is_brought_into_a_narrow_row() {
        let snippet = flood("এক দুই তিন চার পাঁচ ছয় সাত আট নয় দশ বন্যা এগারো বারো");
        let theme = Theme::embedded().expect("theme");
        let t = fitted(&snippet, 20, Style::new(), &theme, T);
        let s = shown(&t);
        assert!(s.starts_with('…'), "{s}");
        assert!(s.contains("বন্যা"), "{s}");
        assert!(t.width() <= 20);
        let lead = s.find("বন্যা").map_or(usize::MAX, |i| T.str_width(&s[..i]));
        assert!(lead <= 20 / 3 + 1, "{s}");
    }

    #[test]
    fn a_match_near_the_start_keeps_the_start() {
        let snippet = flood("বন্যা এলো গ্রামে, মানুষ ঘর ছাড়ল");
        let theme = Theme::embedded().expect("theme");
        let t = fitted(&snippet, 12, Style::new(), &theme, T);
        let s = shown(&t);
        assert!(s.starts_with("বন্যা"), "{s}");
        assert!(s.ends_with('…') && t.width() <= 12, "{s}");
    }
}
