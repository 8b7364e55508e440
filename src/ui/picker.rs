//! Draws the saved-search picker: each saved search's name, the articles it matches now (`…`
//! until the worker has counted) and its query, in a centred box.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::widgets::{Clear, Widget};

use super::fit::Part;
use crate::app::App;
use crate::view::text::{StyledText, clear_overhang, write_line};

/// Columns of the count, right-aligned.
const COUNT_COLS: usize = 8;

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.options.theme;
    let policy = app.options.policy;
    let s = app.options.language.strings();
    let searches = &app.options.saved_searches;
    let name_cols = searches
        .iter()
        .map(|x| policy.str_width(&x.name))
        .max()
        .unwrap_or(0);
    let rows = u16::try_from(searches.len() + 2).unwrap_or(u16::MAX);
    let [rect] = Layout::horizontal([Constraint::Max(80)])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::vertical([Constraint::Max(rows)])
        .flex(Flex::Center)
        .areas(rect);
    clear_overhang(buf, rect);
    Clear.render(rect, buf);
    let inner = super::titled::framed(
        app,
        rect,
        buf,
        &[Part::new(s.get("pane.searches"), 0)],
        true,
    );
    let cursor = app.view.picker.cursor;
    let first = cursor.saturating_sub(usize::from(inner.height).saturating_sub(1));
    for (row, (i, search)) in searches.iter().enumerate().skip(first).enumerate() {
        let Ok(dy) = u16::try_from(row) else { break };
        if dy >= inner.height {
            break;
        }
        let base = if i == cursor {
            theme.selected.0
        } else {
            ratatui::style::Style::new()
        };
        let count = app
            .view
            .search_counts
            .as_ref()
            .and_then(|c| c.get(i))
            .map_or_else(|| "…".to_string(), |&n| s.number(n));
        let pad = name_cols.saturating_sub(policy.str_width(&search.name));
        let count_pad = COUNT_COLS.saturating_sub(policy.str_width(&count));
        let head = format!("{}{}", " ".repeat(pad), " ".repeat(count_pad));
        let mut line = StyledText::plain(&search.name, base.patch(theme.title.0), policy);
        line.push(StyledText::plain(&head, base, policy));
        line.push(StyledText::plain(&count, base.patch(theme.count.0), policy));
        line.push(StyledText::plain("  ", base, policy));
        line.push(StyledText::plain(
            &search.query,
            base.patch(theme.meta.0),
            policy,
        ));
        line.truncate(inner.width);
        write_line(
            buf,
            inner.x,
            inner.y + dy,
            inner.width,
            &line.clusters,
            base,
        );
    }
}
