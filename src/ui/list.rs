//! The article list: date, source, title with the query's matches highlighted. Wide lists use one
//! row per article; narrow ones a small card (two rows of title, one of date and source).

use std::ops::Range;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;

use super::fit::Part;
use crate::app::App;
use crate::article::Article;
use crate::search::Snippet;
use crate::settings::{DateDisplay, Theme};
use crate::state::ReadingState;
use crate::text::width::WidthPolicy;
use crate::view::layout::Panes;
use crate::view::text::{StyledText, wrap, write_line};

/// `N` (unread) and `*` (starred), then a space.
const FLAG_COLS: u16 = 3;
const DATE_COLS: u16 = 11;
const SOURCE_COLS: u16 = 13;

/// How one row looks besides its text: the base style (selection) and the article's marks.
#[derive(Clone, Copy)]
struct RowLook<'t> {
    base: Style,
    theme: &'t Theme,
    policy: WidthPolicy,
    unread: bool,
    starred: bool,
}

impl RowLook<'_> {
    fn new<'t>(app: &'t App, a: &Article, base: Style) -> RowLook<'t> {
        let marks: &ReadingState = app.marks();
        RowLook {
            base,
            theme: &app.options.theme,
            policy: app.options.policy,
            unread: !marks.is_read(a.id),
            starred: marks.is_starred(a.id),
        }
    }

    /// The flags cell text: `N*`, `N `, ` *` or blank, styled; always [`FLAG_COLS`] wide.
    fn flags(&self) -> StyledText<'static> {
        let mut t = StyledText::plain(
            if self.unread { "N" } else { " " },
            self.base.patch(self.theme.unread_marker.0),
            self.policy,
        );
        t.push(StyledText::plain(
            if self.starred { "*" } else { " " },
            self.base.patch(self.theme.starred.0),
            self.policy,
        ));
        t.push(StyledText::plain(" ", self.base, self.policy));
        t
    }

    fn title_style(&self) -> Style {
        let title = self.base.patch(self.theme.title.0);
        if self.unread {
            title.patch(self.theme.unread.0)
        } else {
            title
        }
    }
}

/// The short source label of a list row: the first credited outlet (and how many more), else
/// the publisher.
fn source_label(a: &Article) -> String {
    match a.sources.as_slice() {
        [] => a.publisher.clone().unwrap_or_default(),
        [one] => one.name.clone(),
        [first, rest @ ..] => format!("{} +{}", first.name, rest.len()),
    }
}

fn date_label(a: &Article) -> String {
    a.published
        .map(|p| p.date().format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

pub(super) fn render(app: &App, panes: &Panes, buf: &mut Buffer, focused: bool) {
    let area = panes.list;
    let theme = &app.options.theme;
    let policy = app.options.policy;
    let dates = app.options.dates;
    let s = app.options.language.strings();
    let total = app.rows().len();
    let at = if total == 0 {
        0
    } else {
        app.view.list.cursor + 1
    };
    let position = format!("{}/{}", s.number(at), s.number(total));
    let sort_key = format!("sort.{}", app.sort_mode().name());
    let sort = format!("· {}", s.get(&sort_key));
    let parts = [
        Part::new(s.get("pane.articles"), 0),
        Part::new(&position, 1),
        Part::new(&sort, 2),
    ];
    let inner = super::titled::framed(app, area, buf, &parts, focused);
    if inner.is_empty() {
        return;
    }
    let item_h = panes.list_item_height();
    let rows = app.rows().iter().enumerate().skip(app.view.list.offset);
    let mut y = inner.y;
    for (i, row) in rows.take(panes.list_rows()) {
        let Some(a) = app.corpus().articles.get(row.article) else {
            continue;
        };
        let base = if i != app.view.list.cursor {
            Style::new()
        } else if focused {
            theme.selected.0
        } else {
            theme.selected_unfocused.0
        };
        let item = Rect::new(inner.x, y, inner.width, item_h);
        let look = RowLook::new(app, a, base);
        let matched = app.title_ranges(row);
        let title = Title {
            article: a,
            matched: &matched,
            snippet: app.snippet(row),
        };
        if item_h == 1 {
            one_line(&title, item, buf, look);
        } else {
            card(&title, item, buf, look, (dates, s.get("list.undated")));
        }
        y += item_h;
    }
    let empty = app.rows().is_empty().then_some(s.get("list.empty"));
    super::finish_pane(buf, inner, y, empty, theme.count.0, policy);
}

/// What a row says of its article: the title, where the query matched it, and the body
/// snippet of a hit whose body matched.
struct Title<'a> {
    article: &'a Article,
    matched: &'a [Range<usize>],
    snippet: Option<&'a Snippet>,
}

/// Columns between a title and its snippet on a one-line row.
const SNIPPET_GAP: u16 = 2;

/// The title with `matched` (byte ranges of the query's matches) highlighted.
fn title_text<'a>(a: &'a Article, matched: &[Range<usize>], look: RowLook<'_>) -> StyledText<'a> {
    let ranges: Vec<_> = matched
        .iter()
        .map(|r| (r.clone(), look.theme.matched.0))
        .collect();
    StyledText::new(&a.title, look.title_style(), &ranges, look.policy)
}

/// One row: flags, date, source, title, and the snippet in the right part when there is one
/// (the title given at most half the room then).
fn one_line(title: &Title<'_>, item: Rect, buf: &mut Buffer, look: RowLook<'_>) {
    let a = title.article;
    let RowLook {
        base,
        theme,
        policy,
        ..
    } = look;
    let (mut x, y) = (item.x, item.y);
    write_line(buf, x, y, FLAG_COLS, &look.flags().clusters, base);
    x += FLAG_COLS;
    let date = date_label(a);
    let t = StyledText::plain(&date, base.patch(theme.date.0), policy);
    write_line(buf, x, y, DATE_COLS, &t.clusters, base);
    x += DATE_COLS;
    let source = source_label(a);
    let mut t = StyledText::plain(&source, base.patch(theme.source.0), policy);
    t.truncate(SOURCE_COLS - 1);
    write_line(buf, x, y, SOURCE_COLS - 1, &t.clusters, base);
    write_line(buf, x + SOURCE_COLS - 1, y, 1, &[], base);
    x += SOURCE_COLS;
    let mut t = title_text(a, title.matched, look);
    let room = item.right() - x;
    let Some(snippet) = title.snippet else {
        t.truncate(room);
        write_line(buf, x, y, room, &t.clusters, base);
        return;
    };
    let title_w = u16::try_from(t.width()).unwrap_or(u16::MAX).min(room / 2);
    t.truncate(title_w);
    let title_w = u16::try_from(t.width()).unwrap_or(title_w);
    let rest = room - title_w;
    let mut line = t;
    line.push(StyledText::plain(
        &"  "[..usize::from(SNIPPET_GAP.min(rest))],
        base,
        policy,
    ));
    let snippet_w = rest.saturating_sub(SNIPPET_GAP);
    line.push(super::snippet::fitted(
        snippet, snippet_w, base, theme, policy,
    ));
    write_line(buf, x, y, room, &line.clusters, base);
}

/// A card: date and source, then the title on the other rows; the last row holds the body
/// snippet instead when there is one.
fn card(
    title: &Title<'_>,
    item: Rect,
    buf: &mut Buffer,
    look: RowLook<'_>,
    (dates, undated): (DateDisplay, &str),
) {
    let RowLook {
        base,
        theme,
        policy,
        ..
    } = look;
    let a = title.article;
    let date = match a.published {
        Some(p) => crate::view::reader::with_calendar(date_label(a), p.date(), dates),
        None => undated.to_string(),
    };
    let meta = format!("{date}  {}", source_label(a));
    let mut m = look.flags();
    m.push(StyledText::plain(
        meta.trim_end(),
        base.patch(theme.date.0),
        policy,
    ));
    write_line(buf, item.x, item.y, item.width, &m.clusters, base);
    let t = title_text(a, title.matched, look);
    let lines = wrap(&t.clusters, item.width);
    let snippet_rows = usize::from(title.snippet.is_some());
    let title_rows = usize::from(item.height - 1).saturating_sub(snippet_rows);
    for n in 0..title_rows {
        let y = item.y + 1 + u16::try_from(n).unwrap_or(0);
        let Some(range) = lines.get(n) else {
            write_line(buf, item.x, y, item.width, &[], base);
            continue;
        };
        let mut line = StyledText {
            clusters: t.clusters[range.clone()].to_vec(),
        };
        if n + 1 == title_rows && lines.len() > title_rows {
            line.cut(item.width);
        }
        write_line(buf, item.x, y, item.width, &line.clusters, base);
    }
    if let Some(snippet) = title.snippet {
        let line = super::snippet::fitted(snippet, item.width, base, theme, policy);
        let y = item.bottom() - 1;
        write_line(buf, item.x, y, item.width, &line.clusters, base);
    }
}
