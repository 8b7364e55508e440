//! Draws the reader pane: the lines [`crate::view::reader`] builds, styled, scrolled, with the
//! position in the border.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::fit::Part;
use super::pane;
use crate::app::App;
use crate::view::reader::{lines, meta_line, note_line, row_count};
use crate::view::text::TextBlock;

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer, focused: bool) {
    let theme = &app.options.theme;
    let is_starred = app
        .selected_article()
        .is_some_and(|a| app.marks().is_starred(a.id));
    let s = app.options.language.strings();
    let starred = format!("· {}", s.get("pane.starred"));
    let mut parts = vec![Part::new(s.get("pane.reader"), 0)];
    if is_starred {
        parts.push(Part::new(&starred, 1));
    }
    let block = pane("", focused, theme);
    let inner = block.inner(area);
    let Some(view) = app.reader_view() else {
        super::titled::framed(app, area, buf, &parts, focused);
        TextBlock::default().render(inner, buf);
        return;
    };
    let meta = meta_line(view.article, app.options.dates, s);
    let note = note_line(view.note, s);
    let text = TextBlock {
        lines: lines(
            view.article,
            &meta,
            note.as_deref(),
            Some(theme),
            &|p| app.body_ranges(p),
            app.options.policy,
        ),
        scroll: app.view.reader_scroll,
        wrap: true,
        fill: Style::new(),
        breaks: app.reader_breaks(inner.width),
    };
    let rows = match text.breaks {
        Some(breaks) => row_count(breaks),
        None => text.row_count(inner.width),
    };
    let last = (text.scroll + usize::from(inner.height)).min(rows);
    let position = format!(" {}-{last}/{rows} ", (text.scroll + 1).min(last));
    super::titled::framed(app, area, buf, &parts, focused);
    if area.height > 1 {
        let bottom = Rect::new(
            area.x + 1,
            area.bottom() - 1,
            area.width.saturating_sub(2),
            1,
        );
        Line::from(position).right_aligned().render(bottom, buf);
    }
    text.render(inner, buf);
}
