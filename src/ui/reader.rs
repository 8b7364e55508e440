//! Draws the reader pane: the lines [`crate::view::reader`] builds, styled, scrolled, with the
//! position in the border.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::pane;
use crate::app::App;
use crate::view::reader::{lines, meta_line, note_line};
use crate::view::text::TextBlock;

pub fn render(app: &App, area: Rect, buf: &mut Buffer, focused: bool) {
    let theme = &app.options.theme;
    let starred = app
        .selected_article()
        .is_some_and(|a| app.marks().is_starred(a.id));
    let title = if starred {
        " Reader · starred "
    } else {
        " Reader "
    };
    let block = pane(title, focused, theme);
    let inner = block.inner(area);
    let Some(view) = app.reader_view() else {
        block.render(area, buf);
        TextBlock::default().render(inner, buf);
        return;
    };
    let meta = meta_line(view.article, app.options.dates);
    let note = note_line(view.note);
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
    };
    let rows = text.row_count(inner.width);
    let last = (text.scroll + usize::from(inner.height)).min(rows);
    let position = format!(" {}-{last}/{rows} ", (text.scroll + 1).min(last));
    block
        .title_bottom(Line::from(position).right_aligned())
        .render(area, buf);
    text.render(inner, buf);
}
