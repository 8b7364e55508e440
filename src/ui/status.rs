//! The filter line and the status bar: shown/total, active filters, key hints from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::app::{App, Mode};
use crate::view::text::{StyledText, write_line};

/// Draws `/query`; while typing, returns where the terminal cursor goes. A query wider than the
/// line scrolls left, whole clusters at a time, to keep the cursor on screen.
pub fn filter_bar(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let theme = &app.options.theme;
    let policy = app.options.policy;
    let query = app.active_query();
    let mut line = StyledText::plain("/", theme.filter_prompt.0, policy);
    line.push(StyledText::plain(query.text(), Style::new(), policy));
    let mut cursor = 1 + policy.str_width(query.before_cursor());
    let mut skip = 0;
    while cursor >= usize::from(area.width) && skip < line.clusters.len() {
        cursor -= usize::from(line.clusters[skip].width);
        skip += 1;
    }
    write_line(
        buf,
        area.x,
        area.y,
        area.width,
        &line.clusters[skip..],
        Style::new(),
    );
    if app.view.mode != Mode::Filter {
        return None;
    }
    let x = u16::try_from(cursor).ok()?;
    (x < area.width).then_some(Position {
        x: area.x + x,
        y: area.y,
    })
}

/// `loading 42% [####------] `: ASCII, so every terminal gives it the same width.
fn loading_gauge(percent: u8) -> String {
    let filled = usize::from(percent.min(100)) / 10;
    format!(
        "loading {percent:>2}% [{}{}] ",
        "#".repeat(filled),
        "-".repeat(10 - filled)
    )
}

/// Counts, filters and as many key hints as fit, on one row. One function because it lays the
/// row out left to right and the hints take what the counts leave; split, the width arithmetic
/// would be spread over several.
pub fn status_bar(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.options.theme;
    let policy = app.options.policy;
    let base = theme.status.0;
    let mut counts = format!(
        " {}/{}  {} unread  ",
        app.rows().len(),
        app.corpus().articles.len(),
        app.unread_shown()
    );
    if let Some(l) = app.loading() {
        counts.push_str(&loading_gauge(l.percent));
    }
    let filters = &app.view.facet_filter;
    let mut parts = Vec::new();
    if app.view.mark_filter.unread {
        parts.push("unread only".to_string());
    }
    if app.view.mark_filter.starred {
        parts.push("starred only".to_string());
    }
    if !app.view.query.text().is_empty() {
        parts.push(format!("/{}", app.view.query.text()));
    }
    if !filters.sources.is_empty() {
        let names: Vec<&str> = filters.sources.iter().map(String::as_str).collect();
        parts.push(format!("source: {}", names.join(" | ")));
    }
    if !filters.entities.is_empty() {
        let items = app.facets();
        let names: Vec<&str> = filters
            .entities
            .iter()
            .map(|id| {
                items
                    .entities
                    .iter()
                    .find(|e| *e.id == **id)
                    .map_or(id.as_str(), |e| e.name_en.as_deref().unwrap_or(&e.name))
            })
            .collect();
        parts.push(format!("entity: {}", names.join(" & ")));
    }
    let filters_text = parts.join("  ");
    let mut left = StyledText::plain(&counts, base.patch(theme.hint_key.0), policy);
    let notice = app
        .view
        .notice
        .as_deref()
        .map(crate::text::escape::for_terminal);
    if let Some(notice) = &notice {
        left.push(StyledText::plain(
            notice,
            base.patch(theme.warning.0),
            policy,
        ));
        left.push(StyledText::plain("  ", base, policy));
    }
    left.push(StyledText::plain(
        &filters_text,
        base.patch(theme.status_filter.0),
        policy,
    ));

    let mut hints: Vec<(&str, &str)> = app.options.keymap.hints(app.view.mode).collect();
    let left_w = u16::try_from(left.width()).unwrap_or(u16::MAX);
    // As many hints as fit beside the counts and filters, most important (first) kept.
    let right = loop {
        let mut right = StyledText::default();
        for (key, label) in &hints {
            right.push(StyledText::plain(key, base.patch(theme.hint_key.0), policy));
            right.push(StyledText::plain(" ", base, policy));
            right.push(StyledText::plain(label, base, policy));
            right.push(StyledText::plain("  ", base, policy));
        }
        let right_w = u16::try_from(right.width()).unwrap_or(u16::MAX);
        if hints.is_empty() || left_w.saturating_add(right_w).saturating_add(1) <= area.width {
            break right;
        }
        hints.pop();
    };
    let right_w = u16::try_from(right.width())
        .unwrap_or(u16::MAX)
        .min(area.width);
    let gap = area.width - right_w;
    write_line(buf, area.x, area.y, gap, &left.clusters, base);
    write_line(buf, area.x + gap, area.y, right_w, &right.clusters, base);
}
