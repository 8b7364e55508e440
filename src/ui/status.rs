//! The filter line and the status bar: shown/total, active filters, key hints from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::style::Style;

use crate::app::{App, Mode};
use crate::keymap::Command;
use crate::settings::EntityNames;
use crate::view::text::{StyledText, write_line};

/// Draws `/query`; while typing, returns where the terminal cursor goes. A query wider than the
/// line scrolls left, whole clusters at a time, to keep the cursor on screen.
pub(super) fn filter_bar(app: &App, area: Rect, buf: &mut Buffer) -> Option<Position> {
    let theme = &app.options.theme;
    let policy = app.options.policy;
    // A prompt (where to save, what to pipe to) takes the line while it is open.
    let (label, query) = match (&app.view.prompt, app.view.mode) {
        (Some(p), Mode::Prompt) => (
            app.options.language.strings().get(p.kind.label_key()),
            &p.input,
        ),
        _ => ("/", app.active_query()),
    };
    let mut line = StyledText::plain(label, theme.filter_prompt.0, policy);
    line.push(StyledText::plain(query.text(), Style::new(), policy));
    let mut cursor = policy.str_width(label) + policy.str_width(query.before_cursor());
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
    if !matches!(app.view.mode, Mode::Filter | Mode::Prompt) {
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
pub(super) fn status_bar(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.options.theme;
    let policy = app.options.policy;
    let base = theme.status.0;
    let s = app.options.language.strings();
    let unread = s.fill("status.unread", &[("count", &s.number(app.unread_shown()))]);
    let mut counts = format!(
        " {}/{}  {unread}  ",
        s.number(app.rows().len()),
        s.number(app.listable()),
    );
    if let Some(l) = app.loading() {
        counts.push_str(&loading_gauge(l.percent));
    }
    let filters = &app.view.facet_filter;
    let bengali = app.options.entity_names == EntityNames::Bengali;
    let mut parts = Vec::new();
    if app.view.mark_filter.unread {
        parts.push(s.get("status.unread_only").to_string());
    }
    if app.view.mark_filter.starred {
        parts.push(s.get("status.starred_only").to_string());
    }
    if !app.view.query.text().is_empty() {
        parts.push(format!("/{}", app.view.query.text()));
    }
    if !filters.sources.is_empty() {
        let names: Vec<&str> = filters.sources.iter().map(String::as_str).collect();
        parts.push(s.fill("status.source", &[("names", &names.join(" | "))]));
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
                    .map_or(id.as_str(), |e| match (bengali, e.name_en.as_deref()) {
                        (false, Some(en)) => en,
                        _ => &e.name,
                    })
            })
            .collect();
        parts.push(s.fill("status.entity", &[("names", &names.join(" & "))]));
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

    let table = match app.view.mode {
        Mode::Normal | Mode::Picker => "normal",
        Mode::Filter | Mode::Prompt => "filter",
        Mode::Help => "help",
    };
    // `(key, label, rank)`: help and quit are kept longest, so no width hides the way out.
    let hints: Vec<(&str, &str, u8)> = app
        .options
        .keymap
        .table(app.view.mode)
        .iter()
        .filter_map(|b| {
            let label = s.hint(table, &b.command.name(), b.hint.as_deref()?);
            let rank = u8::from(!matches!(b.command, Command::Help | Command::Quit));
            Some((b.keys.first()?.as_str(), label, rank))
        })
        .collect();
    let widths: Vec<usize> = hints
        .iter()
        .map(|(k, l, _)| policy.str_width(k) + 1 + policy.str_width(l))
        .collect();
    let ranks: Vec<u8> = hints.iter().map(|h| h.2).collect();
    // Each hint is followed by two spaces, and one column stays between counts and hints.
    let room = usize::from(area.width).saturating_sub(left.width() + 3);
    let kept = super::fit::keep(&widths, &ranks, 2, room);
    let mut right = StyledText::default();
    for ((key, label, _), keep) in hints.iter().zip(kept) {
        if keep {
            right.push(StyledText::plain(key, base.patch(theme.hint_key.0), policy));
            right.push(StyledText::plain(" ", base, policy));
            right.push(StyledText::plain(label, base, policy));
            right.push(StyledText::plain("  ", base, policy));
        }
    }
    let right_w = u16::try_from(right.width())
        .unwrap_or(u16::MAX)
        .min(area.width);
    let gap = area.width - right_w;
    write_line(buf, area.x, area.y, gap, &left.clusters, base);
    write_line(buf, area.x + gap, area.y, right_w, &right.clusters, base);
}
