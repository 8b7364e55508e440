//! The article list: date, source, title with the query's matches highlighted.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::widgets::Widget;

use super::pane;
use super::text::{StyledText, write_line};
use crate::app::App;
use crate::article::Article;

const DATE_COLS: u16 = 11;
const SOURCE_COLS: u16 = 11;

/// The short source label of a list row: the first credited outlet, else the publisher.
pub fn source_label(a: &Article) -> &str {
    a.sources
        .first()
        .map(|s| s.name.as_str())
        .or(a.publisher.as_deref())
        .unwrap_or("")
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer, focused: bool) {
    let theme = &app.options.theme;
    let policy = app.options.policy;
    let title = format!(
        " Articles {}/{} ",
        app.rows().len(),
        app.corpus().articles.len()
    );
    let block = pane(title, focused, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    if inner.is_empty() {
        return;
    }
    let show_source = inner.width >= 50;
    let show_date = inner.width >= 30;
    let rows = app.rows().iter().enumerate().skip(app.view.list_offset);
    let mut y = inner.y;
    for (i, row) in rows.take(usize::from(inner.height)) {
        let Some(a) = app.corpus().articles.get(row.article) else {
            continue;
        };
        let base = if i == app.view.selected {
            if focused {
                theme.selected.0
            } else {
                theme.selected_unfocused.0
            }
        } else {
            Style::new()
        };
        let mut x = inner.x;
        let mut cols = inner.width;
        if show_date {
            let date = a.published.map(|p| p.date().format("%Y-%m-%d").to_string());
            let date = date.as_deref().unwrap_or("");
            let t = StyledText::plain(date, base.patch(theme.date.0), policy);
            write_line(buf, x, y, DATE_COLS, &t.clusters, base);
            (x, cols) = (x + DATE_COLS, cols - DATE_COLS);
        }
        if show_source {
            let t = StyledText::plain(source_label(a), base.patch(theme.source.0), policy);
            write_line(buf, x, y, SOURCE_COLS - 1, &t.clusters, base);
            write_line(buf, x + SOURCE_COLS - 1, y, 1, &[], base);
            (x, cols) = (x + SOURCE_COLS, cols - SOURCE_COLS);
        }
        let ranges: Vec<_> = row
            .title_ranges
            .iter()
            .map(|r| (r.clone(), theme.matched.0))
            .collect();
        let t = StyledText::new(&a.title, base.patch(theme.title.0), &ranges, policy);
        write_line(buf, x, y, cols, &t.clusters, base);
        y += 1;
    }
    while y < inner.bottom() {
        write_line(buf, inner.x, y, inner.width, &[], Style::new());
        y += 1;
    }
    if app.rows().is_empty() {
        let msg = StyledText::plain("no article matches", theme.count.0, policy);
        write_line(
            buf,
            inner.x,
            inner.y,
            inner.width,
            &msg.clusters,
            Style::new(),
        );
    }
}
