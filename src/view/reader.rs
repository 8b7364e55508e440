//! The reader's lines: title, a meta line (date · publisher · sources), and the body with
//! entity mentions tinted by kind. Built here, without the app, so that the app can count the
//! rows an article wraps to (scroll limits, PgDn) and the drawing code can draw the same lines.

use ratatui::style::Style;

use std::ops::Range;

use super::text::{StyledText, wrap};
use crate::article::{Article, Block, Published};
use crate::settings::{DateDisplay, Theme};
use crate::strings::Strings;
use crate::text::bangla_calendar::BanglaDate;
use crate::text::width::WidthPolicy;

/// What the reader pane shows: an article, and a line about its text when there is something
/// to say (it could not be read, or the file changed since it was loaded).
#[derive(Clone, Copy, Debug)]
pub struct ReaderView<'a> {
    /// The article to show: read again in full once the reload has answered, else as loaded.
    pub article: &'a Article,
    /// Shown above the text when set.
    pub note: Option<Note<'a>>,
}

/// Why the reader shows something other than the text that was loaded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Note<'a> {
    /// The file could not be read again; the reason names the file.
    Unreadable(&'a str),
    /// The file was edited since it was loaded; the reader shows it as it is now.
    Changed,
}

/// `gregorian` with the Bengali calendar date of `date` beside it when `dates` asks for it:
/// `2025-07-13 (২৯ আষাঢ় ১৪৩২)`.
pub(crate) fn with_calendar(
    gregorian: String,
    date: chrono::NaiveDate,
    dates: DateDisplay,
) -> String {
    match (dates, BanglaDate::from_gregorian(date)) {
        (DateDisplay::Bengali, Some(bn)) => format!("{gregorian} ({bn})"),
        _ => gregorian,
    }
}

/// `2025-07-13 13:28 · publisher · Sources: Al Jazeera, TASS`, leaving out what is unknown, in
/// the interface's language (`s`).
pub(crate) fn meta_line(a: &Article, dates: DateDisplay, s: &Strings) -> String {
    let mut parts = vec![match a.published {
        Some(p @ Published::DateTime(dt)) => {
            with_calendar(dt.format("%Y-%m-%d %H:%M").to_string(), p.date(), dates)
        }
        Some(Published::Date(d)) => with_calendar(d.format("%Y-%m-%d").to_string(), d, dates),
        None => s.get("list.undated").to_string(),
    }];
    parts.extend(a.publisher.clone());
    if !a.sources.is_empty() {
        let names: Vec<&str> = a.sources.iter().map(|s| s.name.as_str()).collect();
        parts.push(s.fill("reader.sources", &[("names", &names.join(", "))]));
    }
    parts.join(" · ")
}

/// A line under the meta line when the text shown is not the text that was loaded.
pub(crate) fn note_line(note: Option<Note>, s: &Strings) -> Option<String> {
    match note? {
        Note::Unreadable(why) => Some(s.fill("reader.unreadable", &[("why", why)])),
        Note::Changed => Some(s.get("reader.changed").to_string()),
    }
}

/// Where the search matched in a body paragraph (byte ranges), to highlight.
pub(crate) type BodyMatches<'m> = &'m dyn Fn(&str) -> Vec<std::ops::Range<usize>>;

/// The reader's lines before wrapping. Without a theme (to count rows) nothing is styled.
pub(crate) fn lines<'a>(
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

/// Where the reader's lines break into rows at one width: for each line of [`lines`], the
/// cluster ranges of its rows. Styles never change the clusters, so the breaks of the unstyled
/// lines serve the drawn ones too: the app keeps them per article and width, and neither a key
/// press nor a frame wraps the article again.
pub(crate) type Breaks = Vec<Vec<Range<usize>>>;

/// The [`Breaks`] of the article in a reader `width` columns wide.
pub fn breaks(
    view: ReaderView,
    width: u16,
    policy: WidthPolicy,
    dates: DateDisplay,
    s: &Strings,
) -> Breaks {
    with_plain_lines(view, policy, dates, s, |lines| {
        lines.iter().map(|l| wrap(&l.clusters, width)).collect()
    })
}

/// `f` of the article's lines as the reader lays them out, unstyled (no theme, no matches): what
/// row geometry is measured on. The lines borrow the meta and note lines built here.
pub(crate) fn with_plain_lines<R>(
    view: ReaderView,
    policy: WidthPolicy,
    dates: DateDisplay,
    s: &Strings,
    f: impl FnOnce(&[StyledText<'_>]) -> R,
) -> R {
    let meta = meta_line(view.article, dates, s);
    let note = note_line(view.note, s);
    f(&lines(
        view.article,
        &meta,
        note.as_deref(),
        None,
        &|_| Vec::new(),
        policy,
    ))
}

/// Rows the lines broken at `breaks` take.
pub(crate) fn row_count(breaks: &[Vec<Range<usize>>]) -> usize {
    breaks.iter().map(Vec::len).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Entity, EntityKind, SourceRef, SourceRole, Span};
    use crate::strings::Language;

    fn en() -> &'static Strings {
        Language::En.strings()
    }

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
        let meta = meta_line(&a, DateDisplay::Bengali, en());
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
        let meta = meta_line(&a, DateDisplay::Bengali, en());
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
        let view = ReaderView {
            article: &a,
            note: None,
        };
        let at_20 = breaks(
            view,
            20,
            WidthPolicy::Terminal,
            DateDisplay::Gregorian,
            en(),
        );
        assert_eq!(row_count(&at_20), 6);
        // The breaks are those of the drawn (styled) lines too.
        let drawn: Vec<_> = lines.iter().map(|l| wrap(&l.clusters, 20)).collect();
        assert_eq!(drawn.len(), at_20.len());
        assert_eq!(drawn[3], at_20[3]);
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
            meta_line(&a, DateDisplay::Bengali, en()),
            "2025-07-13 13:28 (২৯ আষাঢ় ১৪৩২) · প্রথম আলো"
        );
        assert_eq!(
            meta_line(&a, DateDisplay::Gregorian, en()),
            "2025-07-13 13:28 · প্রথম আলো"
        );
    }

    #[test]
    fn the_meta_and_note_lines_speak_the_interface_language() {
        let a = Article {
            sources: vec![SourceRef {
                name: "TASS".to_string(),
                name_bn: "তাস".to_string(),
                role: SourceRole::Credit,
            }],
            ..Article::default()
        };
        let bn = Language::Bn.strings();
        assert_eq!(
            meta_line(&a, DateDisplay::Gregorian, en()),
            "undated · Sources: TASS"
        );
        assert_eq!(
            meta_line(&a, DateDisplay::Gregorian, bn),
            "তারিখ নেই · সূত্র: TASS"
        );
        assert_eq!(
            note_line(Some(Note::Unreadable("a.txt: gone")), bn).as_deref(),
            Some("লেখাটি দেখানো যাচ্ছে না: a.txt: gone")
        );
    }
}
