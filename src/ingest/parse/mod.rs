//! From cleaned text to an [`Article`]: headline, date line, publisher, byline, body without
//! site chrome, and the outlets the article draws on.
//!
//! Scraped pages put chrome above the headline (admin lines, the date the page was printed) and
//! below the article (share prompts, comment forms, related headlines). Each line is classified
//! once; the headline is the first text line that reads like one, the body is the text lines
//! after it up to the footer.

mod layout;
mod title;

use crate::article::{Article, ContentId};
use crate::ingest::outlets::OutletTable;
use crate::ingest::sources::find_sources;
use crate::text::date::{DateLabel, DateLine, parse_date_line};

use layout::{Header, Line, at_most_words, layout, strip_bullets};

/// Date lines are short; longer lines are not even tokenised.
const DATE_LINE_MAX_WORDS: usize = 20;

enum Kind {
    Skip,
    Date(DateLine),
    Url(String),
    Header(Header, String),
    Byline(String),
    Tail,
    Text,
}

/// Parses one cleaned text into an article (entities are left to the extractor).
pub(crate) fn parse(path: &str, cleaned: &str) -> Article {
    parse_text(path, cleaned, false)
}

/// Parses a cleaned headline and body given apart (a dataset row, a feed item, a web page's
/// text): the headline is taken as it is, the body's date lines, bylines and chrome are read as
/// in a text file.
pub(crate) fn parse_titled(path: &str, title: &str, body: &str) -> Article {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return parse_text(path, body, false);
    }
    let mut article = parse_text(path, &format!("{title}\n{body}"), true);
    article.title = title;
    article.title_derived = false;
    article
}

/// The address on a URL line: the line is the address alone, or a short label and the address
/// (`URL: https://…`, `লিংক: https://…`).
fn url_line(core: &str) -> Option<String> {
    let rest = match core.split_once(':') {
        Some((label, rest))
            if !label.contains("//")
                && !label.starts_with("http")
                && label.split_whitespace().count() <= 2 =>
        {
            rest.trim()
        }
        _ => core,
    };
    let is_url = (rest.starts_with("https://") || rest.starts_with("http://"))
        && !rest.contains(char::is_whitespace)
        && rest.len() > "https://".len();
    is_url.then(|| rest.to_string())
}

/// `first_is_headline`: the first text line is the headline whatever it looks like.
///
/// Long because it classifies every line and then assembles the article from the kinds, in one place.
fn parse_text(path: &str, cleaned: &str, first_is_headline: bool) -> Article {
    let lay = layout();
    let lines: Vec<&str> = cleaned.lines().map(str::trim).collect();
    let kinds: Vec<Kind> = lines
        .iter()
        .map(|raw| {
            let core = strip_bullets(raw);
            if core.is_empty() {
                return Kind::Skip;
            }
            if at_most_words(core, DATE_LINE_MAX_WORDS)
                && let Some(d) = parse_date_line(core)
            {
                return Kind::Date(d);
            }
            if let Some(url) = url_line(core) {
                return Kind::Url(url);
            }
            if let Some((field, value)) = lay.header(core) {
                return Kind::Header(field, value);
            }
            let line = Line::new(raw);
            if let Some(b) = lay.byline(&line) {
                return Kind::Byline(b);
            }
            if lay.is_tail(&line) {
                return Kind::Tail;
            }
            if lay.is_boilerplate(&line) || !core.chars().any(char::is_alphabetic) {
                return Kind::Skip;
            }
            Kind::Text
        })
        .collect();

    let mut article = Article {
        path: path.to_string(),
        id: ContentId::of(cleaned),
        ..Article::default()
    };
    let mut headline_at = None;
    let mut body_start: Option<usize> = None;
    for (i, kind) in kinds.iter().enumerate() {
        match kind {
            Kind::Byline(b) => article.byline.push(b.clone()),
            Kind::Url(u) => {
                article.url.get_or_insert_with(|| u.clone());
            }
            Kind::Header(Header::Publisher, p) if body_start.is_none() => {
                article.publisher.get_or_insert_with(|| p.clone());
            }
            Kind::Header(Header::Author, a) => {
                article.author.get_or_insert_with(|| a.clone());
            }
            Kind::Tail if body_start.is_some() => break,
            Kind::Text => {
                let line = lines[i];
                // Above the body, a line naming the site is the publisher, not text.
                let forced = first_is_headline && headline_at.is_none();
                if body_start.is_none()
                    && !forced
                    && article.publisher.is_none()
                    && let Some(p) = lay.publisher(strip_bullets(line))
                {
                    article.publisher = Some(p);
                    continue;
                }
                if headline_at.is_none()
                    && body_start.is_none()
                    && (forced || title::is_headline(line, lay))
                {
                    headline_at = Some(i);
                    article.title = line.to_string();
                    continue;
                }
                body_start.get_or_insert(i);
                article.body.push(line.to_string());
            }
            _ => {}
        }
    }
    if headline_at.is_none() {
        article.title_derived = true;
        article.title = article
            .body
            .first()
            .map(|p| title::derive_title(p, lay.derived_title_max_chars))
            .unwrap_or_default();
    }
    if let Some(d) = choose_date(&kinds, headline_at, body_start) {
        article.published = Some(d.published);
        article.published_offset = d.offset;
    }

    let table = OutletTable::embedded();
    let headline = headline_at.map(|_| article.title.as_str());
    let (sources, media) = find_sources(
        table,
        headline
            .into_iter()
            .chain(article.body.iter().map(String::as_str)),
    );
    article.sources = sources;
    article.cited_media = media;
    crate::ingest::publisher::settle_publisher(&mut article, None);
    article
}

/// The publication date: a labelled date line anywhere (publication before update); else a bare
/// date between the headline and the body (a byline date). A bare date above the headline is the
/// date the page was printed, never the publication date; without a headline a bare date counts
/// only above the body.
fn choose_date(
    kinds: &[Kind],
    headline_at: Option<usize>,
    body_start: Option<usize>,
) -> Option<DateLine> {
    let dates = kinds.iter().enumerate().filter_map(|(i, k)| match k {
        Kind::Date(d) => Some((i, d)),
        _ => None,
    });
    let mut best: Option<(DateLabel, usize, DateLine)> = None;
    for (i, d) in dates {
        let acceptable = match d.label {
            DateLabel::Published | DateLabel::Updated => true,
            DateLabel::Bare => match headline_at {
                Some(h) => i > h && body_start.is_none_or(|b| i < b + 2),
                None => body_start.is_none_or(|b| i < b),
            },
        };
        if acceptable && best.as_ref().is_none_or(|(l, _, _)| d.label < *l) {
            best = Some((d.label, i, *d));
        }
    }
    best.map(|(_, _, d)| d)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::clean;

    #[test]
    fn page_print_date_above_headline_is_ignored() {
        let a = parse(
            "x",
            &clean("October 18, 2025, 3:57 am\n\nশিরোনাম এখানে\n\nপ্রথম অনুচ্ছেদ এখানে লেখা।"),
        );
        assert_eq!(a.title, "শিরোনাম এখানে");
        assert_eq!(a.published, None);
        assert_eq!(a.body, vec!["প্রথম অনুচ্ছেদ এখানে লেখা।"]);
    }

    #[test]
    fn bare_byline_date_below_headline_counts() {
        let a = parse("x", "শিরোনাম এখানে\n১৩ জুলাই ২০২৫\nপ্রথম অনুচ্ছেদ এখানে লেখা।");
        assert_eq!(a.published.map(|p| p.to_iso()), Some("2025-07-13".into()));
    }

    #[test]
    fn published_label_beats_update_label() {
        let a = parse(
            "x",
            "শিরোনাম\nআপডেট: ২২ মার্চ ২০২৬\nপ্রকাশ: ২১ মার্চ ২০২৬, ১২:৩৫ পূর্বাহ্ন\nঅনুচ্ছেদ।",
        );
        assert_eq!(
            a.published.map(|p| p.to_iso()),
            Some("2026-03-21T00:35:00".into())
        );
    }

    #[test]
    fn footer_after_tail_marker_is_dropped() {
        let a = parse(
            "x",
            "শিরোনাম\nঅনুচ্ছেদ এক।\nMore News Of This Category\nঅন্য খবরের শিরোনাম",
        );
        assert_eq!(a.body, vec!["অনুচ্ছেদ এক।"]);
    }

    #[test]
    fn url_lines_are_the_url_never_the_publisher_and_leave_the_body() {
        for line in [
            "https://www.prothomalo.com/bangladesh/district/abc",
            "URL: https://www.prothomalo.com/bangladesh/district/abc",
        ] {
            let a = parse(
                "x",
                &format!("শিরোনাম এখানে\n{line}\nপ্রকাশ: 2026-02-25T17:20:15+06:00\nঅনুচ্ছেদ এক।"),
            );
            assert_eq!(
                a.url.as_deref(),
                Some("https://www.prothomalo.com/bangladesh/district/abc")
            );
            assert_eq!(a.publisher.as_deref(), Some("Prothom Alo"), "{line}");
            assert_eq!(a.body, ["অনুচ্ছেদ এক।"]);
            assert_eq!(
                a.published_iso().as_deref(),
                Some("2026-02-25T17:20:15+06:00")
            );
        }
    }

    #[test]
    fn a_given_headline_stays_as_it_is() {
        let a = parse_titled("x", "প্রথম আলো", "প্রকাশ: 2024/08/12\nঅনুচ্ছেদ এক।");
        assert_eq!(a.title, "প্রথম আলো");
        assert!(!a.title_derived);
        assert_eq!(a.body, ["অনুচ্ছেদ এক।"]);
        assert_eq!(a.published_iso().as_deref(), Some("2024-08-12"));
    }

    #[test]
    fn empty_text_gives_empty_article() {
        let a = parse("x", "");
        assert!(a.title.is_empty() && a.body.is_empty() && a.title_derived);
    }
}
