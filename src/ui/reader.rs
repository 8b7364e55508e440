//! The reader: title, a meta line (date · publisher · sources), and the body wrapped by terminal
//! width with entity mentions tinted by kind.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;
use ratatui::widgets::Widget;

use super::fit::Part;
use super::pane;
use super::text::{StyledText, TextBlock, WidthPolicy};
use super::theme::Theme;
use crate::app::{App, Note, ReaderView};
use crate::article::{Article, Block, Published};
use crate::config::DateDisplay;
use crate::text::bangla_calendar::BanglaDate;

/// `gregorian` with the Bengali calendar date of `date` beside it when `dates` asks for it:
/// `2025-07-13 (২৯ আষাঢ় ১৪৩২)`.
pub fn with_calendar(gregorian: String, date: chrono::NaiveDate, dates: DateDisplay) -> String {
    match (dates, BanglaDate::from_gregorian(date)) {
        (DateDisplay::Bengali, Some(bn)) => format!("{gregorian} ({bn})"),
        _ => gregorian,
    }
}

/// `2025-07-13 13:28 · publisher · Sources: Al Jazeera, TASS`, leaving out what is unknown.
fn meta_line(a: &Article, dates: DateDisplay) -> String {
    let mut parts = vec![match a.published {
        Some(p @ Published::DateTime(dt)) => {
            with_calendar(dt.format("%Y-%m-%d %H:%M").to_string(), p.date(), dates)
        }
        Some(Published::Date(d)) => with_calendar(d.format("%Y-%m-%d").to_string(), d, dates),
        None => "undated".to_string(),
    }];
    parts.extend(a.publisher.clone());
    if !a.sources.is_empty() {
        let names: Vec<&str> = a.sources.iter().map(|s| s.name.as_str()).collect();
        parts.push(format!("Sources: {}", names.join(", ")));
    }
    parts.join(" · ")
}

/// A line under the meta line when the text shown is not the text that was loaded.
fn note_line(note: Option<Note>) -> Option<String> {
    match note? {
        Note::Unreadable(why) => Some(format!("The text cannot be shown: {why}")),
        Note::Changed => Some("The file changed since it was loaded; this is its text now.".into()),
    }
}

/// Where the search matched in a body paragraph (byte ranges), to highlight.
type BodyMatches<'m> = &'m dyn Fn(&str) -> Vec<std::ops::Range<usize>>;

/// The reader's lines before wrapping. Without a theme (to count rows) nothing is styled.
fn lines<'a>(
    a: &'a Article,
    meta: &'a str,
    note: Option<&'a str>,
    theme: Option<&Theme>,
    matches: BodyMatches,
    policy: WidthPolicy,
) -> Vec<StyledText<'a>> {
    let style = |f: fn(&Theme) -> Style| theme.map_or(Style::new(), f);
    let mentions = |block: Block| -> Vec<(std::ops::Range<usize>, Style)> {
        let Some(theme) = theme else {
            return Vec::new();
        };
        a.entities
            .iter()
            .flat_map(|e| {
                e.spans
                    .iter()
                    .filter(move |s| s.block == block)
                    .map(move |s| (s.range.clone(), theme.entity(e.kind)))
            })
            .collect()
    };
    let mut out = vec![
        StyledText::new(
            &a.title,
            style(|t| t.reader_title.0),
            &mentions(Block::Title),
            policy,
        ),
        StyledText::plain(meta, style(|t| t.meta.0), policy),
    ];
    if let Some(note) = note {
        out.push(StyledText::plain(note, style(|t| t.warning.0), policy));
    }
    for (i, p) in a.body.iter().enumerate() {
        let mut ranges = mentions(Block::Body(i));
        if let Some(theme) = theme {
            ranges.extend(matches(p).into_iter().map(|r| (r, theme.matched.0)));
        }
        out.push(StyledText::default());
        out.push(StyledText::new(p, Style::new(), &ranges, policy));
    }
    out
}

/// Rows the article takes in a reader `width` columns wide.
pub fn row_count(view: ReaderView, width: u16, policy: WidthPolicy, dates: DateDisplay) -> usize {
    let meta = meta_line(view.article, dates);
    let note = note_line(view.note);
    TextBlock {
        lines: lines(
            view.article,
            &meta,
            note.as_deref(),
            None,
            &|_| Vec::new(),
            policy,
        ),
        wrap: true,
        ..TextBlock::default()
    }
    .row_count(width)
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer, focused: bool) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Entity, EntityKind, SourceRef, SourceRole, Span};

    #[test]
    fn body_words_the_search_matched_are_highlighted() {
        let a = Article {
            title: "নদীতে পানি বাড়ছে".to_string(),
            body: vec!["উত্তরাঞ্চলে বন্যায় হাজারো মানুষ পানিবন্দি।".to_string()],
            ..Article::default()
        };
        let mut corpus = crate::corpus::Corpus::default();
        corpus.articles.push(a.clone());
        let found = crate::search::SearchIndex::new(&corpus).find("বন্যা");
        let theme = Theme::embedded().unwrap();
        let meta = meta_line(&a, DateDisplay::Bengali);
        let matches = |p: &str| found.highlighter.text_ranges(p);
        let lines = lines(
            &a,
            &meta,
            None,
            Some(&theme),
            &matches,
            WidthPolicy::Terminal,
        );
        let marked: String = lines[3]
            .clusters
            .iter()
            .filter(|c| c.style == theme.matched.0)
            .map(|c| c.text)
            .collect();
        assert_eq!(marked, "বন্যায়");
    }

    #[test]
    fn mentions_are_tinted_by_kind_on_whole_clusters() {
        let body = "রাশিয়ার পররাষ্ট্রমন্ত্রী লাভরভ".to_string();
        let at = body.find("লাভরভ").unwrap();
        let a = Article {
            title: "শিরোনাম".to_string(),
            body: vec![body.clone()],
            sources: vec![SourceRef {
                name: "TASS".to_string(),
                name_bn: "তাস".to_string(),
                role: SourceRole::Credit,
            }],
            entities: vec![Entity {
                id: "gaz:lavrov".into(),
                kind: EntityKind::Person,
                name: "লাভরভ".into(),
                name_en: Some("Sergei Lavrov".into()),
                aliases: Vec::new(),
                mentions: 1,
                // Only the first byte of the first letter: the whole cluster must be tinted.
                spans: vec![Span {
                    block: Block::Body(0),
                    range: at..at + 1,
                }],
            }],
            ..Article::default()
        };
        let theme = Theme::embedded().unwrap();
        let meta = meta_line(&a, DateDisplay::Bengali);
        assert_eq!(meta, "undated · Sources: TASS");
        let lines = lines(
            &a,
            &meta,
            None,
            Some(&theme),
            &|_| Vec::new(),
            WidthPolicy::Terminal,
        );
        let tinted: Vec<&str> = lines[3]
            .clusters
            .iter()
            .filter(|c| c.style == theme.person.0)
            .map(|c| c.text)
            .collect();
        assert_eq!(tinted, ["লা"]);
        // Title 1 row, meta (23 columns) 2, blank 1, body (over 20 columns) 2.
        assert_eq!(
            row_count(
                ReaderView {
                    article: &a,
                    note: None
                },
                20,
                WidthPolicy::Terminal,
                DateDisplay::Gregorian
            ),
            6
        );
    }

    #[test]
    fn bengali_calendar_date_stands_beside_the_gregorian_one() {
        let day = chrono::NaiveDate::from_ymd_opt(2025, 7, 13).unwrap();
        let a = Article {
            published: day.and_hms_opt(13, 28, 0).map(Published::DateTime),
            publisher: Some("প্রথম আলো".to_string()),
            ..Article::default()
        };
        assert_eq!(
            meta_line(&a, DateDisplay::Bengali),
            "2025-07-13 13:28 (২৯ আষাঢ় ১৪৩২) · প্রথম আলো"
        );
        assert_eq!(
            meta_line(&a, DateDisplay::Gregorian),
            "2025-07-13 13:28 · প্রথম আলো"
        );
    }
}
