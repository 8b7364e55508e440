//! Writing clusters into ratatui's buffer so that a real terminal shows what the buffer holds.

use std::num::NonZeroU16;
use std::ops::Range;

use ratatui::buffer::{Buffer, CellDiffOption, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::{Cluster, StyledText, wrap};

/// Writes `clusters` on row `y` from column `x`, at most `max` columns, one cluster per cell.
/// The rest of the `max` columns is blanked in `fill`. Returns the columns used by text.
///
/// Where the terminal's width differs from ratatui's, the cell carries `ForcedWidth` so the diff
/// skips the columns the terminal really covers; every cell written here is `AlwaysUpdate`
/// (or forced), so a mark that once occupied a cell of its own cannot survive a later frame.
pub(crate) fn write_line(
    buf: &mut Buffer,
    x: u16,
    y: u16,
    max: u16,
    clusters: &[Cluster<'_>],
    fill: Style,
) -> u16 {
    let area = buf.area.intersection(Rect::new(x, y, max, 1));
    if area.is_empty() {
        return 0;
    }
    let (x, max) = (area.x, area.width);
    let mut used: u16 = 0;
    for c in clusters {
        if c.width == 0 {
            continue;
        }
        if used.saturating_add(c.width) > max {
            break;
        }
        let cell = &mut buf[(x + used, y)];
        cell.reset();
        cell.set_symbol(c.text).set_style(c.style);
        let option = match NonZeroU16::new(c.width) {
            Some(w) if c.text.cell_width() != c.width => CellDiffOption::ForcedWidth(w),
            _ => CellDiffOption::AlwaysUpdate,
        };
        cell.set_diff_option(option);
        for i in 1..c.width {
            let filler = &mut buf[(x + used + i, y)];
            filler.reset();
            filler
                .set_style(c.style)
                .set_diff_option(CellDiffOption::AlwaysUpdate);
        }
        used += c.width;
    }
    for i in used..max {
        let cell = &mut buf[(x + i, y)];
        cell.reset();
        cell.set_style(fill)
            .set_diff_option(CellDiffOption::AlwaysUpdate);
    }
    used
}

/// Blanks any cell left of `area` whose cluster reaches into it, so a popup drawn over the
/// screen is not partly covered by a wide cluster from below (the terminal would draw the
/// cluster's tail over the popup's border, and the diff would skip the border cell).
pub(crate) fn clear_overhang(buf: &mut Buffer, area: Rect) {
    let area = area.intersection(buf.area);
    for y in area.top()..area.bottom() {
        for x in area.x.saturating_sub(8).max(buf.area.x)..area.x {
            let cell = &mut buf[(x, y)];
            if x + cell.cell_width() > area.x {
                cell.reset();
                cell.set_diff_option(CellDiffOption::AlwaysUpdate);
            }
        }
    }
}

/// Lines of styled text in a rectangle: optionally wrapped by terminal width, scrolled by rows.
#[derive(Debug, Default)]
pub(crate) struct TextBlock<'a> {
    pub(crate) lines: Vec<StyledText<'a>>,
    /// Rows (after wrapping) to skip at the top.
    pub(crate) scroll: usize,
    pub(crate) wrap: bool,
    pub(crate) fill: Style,
    /// With `wrap`, the rows of each line already worked out at the width drawn
    /// (`view::reader::Breaks`), so drawing does not wrap again; ignored unless there is one
    /// entry per line.
    pub(crate) breaks: Option<&'a [Vec<Range<usize>>]>,
}

impl TextBlock<'_> {
    /// How many rows the text takes at `width` columns.
    pub(crate) fn row_count(&self, width: u16) -> usize {
        if self.wrap {
            self.lines
                .iter()
                .map(|l| wrap(&l.clusters, width).len())
                .sum()
        } else {
            self.lines.len()
        }
    }
}

impl Widget for TextBlock<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let area = area.intersection(buf.area);
        if area.is_empty() {
            return;
        }
        let known = self
            .breaks
            .filter(|b| self.wrap && b.len() == self.lines.len());
        let rows = self.lines.iter().enumerate().flat_map(|(i, l)| {
            let ranges = match known {
                Some(breaks) => breaks[i].clone(),
                None if self.wrap => wrap(&l.clusters, area.width),
                None => std::iter::once(0..l.clusters.len()).collect(),
            };
            ranges.into_iter().filter_map(move |r| l.clusters.get(r))
        });
        let mut y = area.y;
        for row in rows.skip(self.scroll).take(usize::from(area.height)) {
            write_line(buf, area.x, y, area.width, row, self.fill);
            y += 1;
        }
        while y < area.bottom() {
            write_line(buf, area.x, y, area.width, &[], self.fill);
            y += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::width::WidthPolicy;

    #[test]
    fn forced_width_where_the_terminal_disagrees_with_unicode_width() {
        let t = StyledText::plain("রাক", Style::new(), WidthPolicy::Terminal);
        let mut buf = Buffer::empty(Rect::new(0, 0, 5, 1));
        let used = write_line(&mut buf, 0, 0, 5, &t.clusters, Style::new());
        assert_eq!(used, 3);
        assert_eq!(buf[(0, 0)].symbol(), "রা");
        assert_eq!(
            buf[(0, 0)].diff_option,
            CellDiffOption::ForcedWidth(NonZeroU16::MIN.saturating_add(1))
        );
        assert_eq!(buf[(2, 0)].symbol(), "ক");
        assert_eq!(buf[(2, 0)].diff_option, CellDiffOption::AlwaysUpdate);
        assert_eq!(buf[(4, 0)].diff_option, CellDiffOption::AlwaysUpdate);
    }

    #[test]
    fn a_cluster_that_does_not_fit_is_not_cut() {
        let t = StyledText::plain("কবার", Style::new(), WidthPolicy::Terminal);
        let mut buf = Buffer::empty(Rect::new(0, 0, 2, 1));
        assert_eq!(write_line(&mut buf, 0, 0, 2, &t.clusters, Style::new()), 1);
        assert_eq!(buf[(1, 0)].symbol(), " ");
    }

    #[test]
    fn overhanging_clusters_are_cut_at_a_popup_edge() {
        let t = StyledText::plain("রা", Style::new(), WidthPolicy::Terminal);
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        write_line(&mut buf, 0, 0, 4, &t.clusters, Style::new());
        clear_overhang(&mut buf, Rect::new(1, 0, 3, 1));
        assert_eq!(buf[(0, 0)].symbol(), " ");
        assert_eq!(buf[(0, 0)].cell_width(), 1);
    }

    #[test]
    fn writing_outside_the_buffer_is_a_no_op() {
        let t = StyledText::plain("ক", Style::new(), WidthPolicy::Terminal);
        let mut buf = Buffer::empty(Rect::new(0, 0, 2, 1));
        assert_eq!(write_line(&mut buf, 5, 3, 2, &t.clusters, Style::new()), 0);
    }
}
