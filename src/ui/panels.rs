//! The side panels: Sources (the outlets that published the corpus's articles, tagged `P`, then
//! every outlet credited in it) and Entities (the selected article's, or the whole corpus's),
//! each row a facet that Enter/Space turns into a filter.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::fit::Part;
use crate::app::{App, EntityScope};
use crate::article::EntityKind;
use crate::settings::EntityNames;
use crate::view::text::{StyledText, write_line};

/// One panel row: a marker, a checkbox, a tinted tag, a name and a right-aligned count.
struct PanelRow<'a> {
    marked: bool,
    active: bool,
    tag: Option<(&'a str, Style)>,
    name: &'a str,
    count: usize,
}

/// Where a panel is drawn and what its cursor looks at.
struct PanelView<'s> {
    inner: Rect,
    focused: bool,
    cursor: usize,
    offset: usize,
    /// Shown when there is no row at all.
    empty: &'s str,
}

fn draw_rows<'a>(
    app: &App,
    buf: &mut Buffer,
    view: PanelView<'_>,
    rows: impl Iterator<Item = PanelRow<'a>>,
) {
    let PanelView {
        inner,
        focused,
        cursor,
        offset,
        empty,
    } = view;
    let theme = &app.options.theme;
    let policy = app.options.policy;
    let mut y = inner.y;
    let mut any = false;
    for (i, r) in rows
        .enumerate()
        .skip(offset)
        .take(usize::from(inner.height))
    {
        any = true;
        let base = if focused && i == cursor {
            theme.selected.0
        } else {
            Style::new()
        };
        let count = r.count.to_string();
        let mut line = StyledText::plain(
            if r.marked { "• " } else { "  " },
            base.patch(theme.marked.0),
            policy,
        );
        line.push(StyledText::plain(
            if r.active { "[x] " } else { "[ ] " },
            if r.active {
                base.patch(theme.active.0)
            } else {
                base
            },
            policy,
        ));
        if let Some((tag, style)) = r.tag {
            line.push(StyledText::plain(tag, base.patch(style), policy));
            line.push(StyledText::plain(" ", base, policy));
        }
        line.push(StyledText::plain(r.name, base, policy));
        let count_w = u16::try_from(count.len()).unwrap_or(u16::MAX);
        let name_w = inner.width.saturating_sub(count_w + 1);
        line.truncate(name_w);
        write_line(buf, inner.x, y, name_w, &line.clusters, base);
        let c = StyledText::plain(&count, base.patch(theme.count.0), policy);
        write_line(buf, inner.x + name_w, y, 1, &[], base);
        write_line(buf, inner.x + name_w + 1, y, count_w, &c.clusters, base);
        y += 1;
    }
    let empty = (!any).then_some(empty);
    super::finish_pane(buf, inner, y, empty, theme.count.0, policy);
}

pub(super) fn sources(app: &App, area: Rect, buf: &mut Buffer, focused: bool) {
    let s = app.options.language.strings();
    let publishers = format!("{} (P) ·", s.get("pane.publishers"));
    let mut parts = vec![Part::new(s.get("pane.sources"), 0), Part::new("(s)", 1)];
    if app.facets().sources.first().is_some_and(|s| s.publisher) {
        parts.insert(0, Part::new(&publishers, 2));
    }
    let inner = super::titled::framed(app, area, buf, &parts, focused);
    let selected = app.selected_article();
    let filter = &app.view.facet_filter;
    let shown = app.source_items();
    let sources = &app.facets().sources;
    let rows = shown
        .iter()
        .filter_map(|&i| Some((i, sources.get(i)?)))
        .map(|(i, s)| {
            if s.publisher {
                PanelRow {
                    marked: selected.is_some_and(|a| a.publisher.as_ref() == Some(&s.name)),
                    active: filter.publishers.contains(&s.name),
                    tag: Some(("P", app.options.theme.count.0)),
                    name: &s.name,
                    count: app.source_count(i),
                }
            } else {
                PanelRow {
                    marked: selected.is_some_and(|a| a.sources.iter().any(|r| r.name == s.name)),
                    active: filter.sources.contains(&s.name),
                    tag: None,
                    name: &s.name,
                    count: app.source_count(i),
                }
            }
        });
    draw_rows(
        app,
        buf,
        PanelView {
            inner,
            focused,
            cursor: app.view.sources.cursor,
            offset: app.view.sources.offset,
            empty: s.get("list.no_sources"),
        },
        rows,
    );
}

fn kind_tag(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "P",
        EntityKind::Place => "L",
        EntityKind::Organization => "O",
        EntityKind::Media => "M",
    }
}

pub(super) fn entities(app: &App, area: Rect, buf: &mut Buffer, focused: bool) {
    let theme = &app.options.theme;
    let s = app.options.language.strings();
    let scope = format!(
        "· {}",
        match app.view.entity_scope {
            EntityScope::Article => s.get("pane.entities_article"),
            EntityScope::Corpus => s.get("pane.entities_all"),
        }
    );
    let parts = [
        Part::new(s.get("pane.entities"), 0),
        Part::new("(e)", 2),
        Part::new(&scope, 1),
    ];
    let inner = super::titled::framed(app, area, buf, &parts, focused);
    let bengali = app.options.entity_names == EntityNames::Bengali;
    let items = app.entity_items();
    let selected = app.selected_article();
    let corpus_wide = app.view.entity_scope == EntityScope::Corpus;
    let rows = items.iter().map(|e| PanelRow {
        marked: corpus_wide && selected.is_some_and(|a| a.entities.iter().any(|x| *x.id == *e.id)),
        active: app.view.facet_filter.entities.contains(e.id),
        tag: Some((kind_tag(e.kind), theme.entity(e.kind))),
        name: e.name_en.filter(|_| !bengali).unwrap_or(e.name),
        count: e.count,
    });
    draw_rows(
        app,
        buf,
        PanelView {
            inner,
            focused,
            cursor: app.view.entities.cursor,
            offset: app.view.entities.offset,
            empty: s.get("list.no_entities"),
        },
        rows,
    );
}
