//! From the fields of one record (a dataset row, a feed item, a web page) to an [`Article`]:
//! cleaned at the trust boundary, the body read like an article file's, the date, URL and
//! publisher settled.

use std::path::Path;

use crate::article::Article;
use crate::ingest::publisher::settle_publisher;
use crate::ingest::{FileProblem, clean, parse_titled};
use crate::text::date::{DateError, parse_date_value};

/// One record's fields as the file gives them (not yet cleaned).
#[derive(Clone, Debug, Default)]
pub(super) struct Fields {
    pub(crate) title: Option<String>,
    pub(crate) body: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) publisher: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) category: Option<String>,
    pub(crate) summary: Option<String>,
}

/// A record's article, or why the record was skipped; warnings name the record.
pub(super) fn article(
    shown: &str,
    fields: Fields,
    fallback_publisher: Option<&str>,
) -> Result<(Article, Vec<FileProblem>), FileProblem> {
    let cleaned = |v: Option<String>| {
        v.map(|v| clean(&v))
            .filter(|v| !v.trim().is_empty() && !is_placeholder(v))
    };
    let title = cleaned(fields.title).unwrap_or_default();
    let summary = cleaned(fields.summary);
    let body = cleaned(fields.body).unwrap_or_default();
    if title.trim().is_empty() && body.trim().is_empty() {
        return Err(FileProblem::new(shown, "skipped: no title and no body"));
    }
    // A summary the body does not already open with is its first paragraph.
    let body = match summary {
        Some(s) if !body.trim_start().starts_with(s.trim()) => format!("{s}\n{body}"),
        _ => body,
    };
    let mut article = parse_titled(shown, &title, &body);
    let mut warnings = Vec::new();
    if let Some(date) = cleaned(fields.date) {
        match parse_date_value(&date) {
            Ok(v) => {
                article.published = Some(v.published);
                article.published_offset = v.offset;
            }
            Err(e) => {
                let why = match e {
                    DateError::OutOfRange => "is out of range (1990 to 2100)",
                    DateError::Unreadable => "is not a date khobor reads",
                };
                let date = date.trim();
                warnings.push(FileProblem::new(
                    shown,
                    format!("date `{date}` {why}; loaded without it"),
                ));
            }
        }
    }
    let one_line = |v: String| v.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(url) = cleaned(fields.url).map(one_line) {
        if url.starts_with("https://") || url.starts_with("http://") {
            article.url = Some(url);
        } else {
            warnings.push(FileProblem::new(
                shown,
                format!("`{url}` is not a web address; loaded without it"),
            ));
        }
    }
    if let Some(p) = cleaned(fields.publisher).map(one_line) {
        article.publisher = Some(p);
    }
    if let Some(a) = cleaned(fields.author).map(one_line) {
        article.author = Some(a);
    }
    article.category = cleaned(fields.category).map(one_line);
    settle_publisher(&mut article, fallback_publisher);
    Ok((article, warnings))
}

/// What scrapers write where they found nothing (`Unknown`, `N/A`).
const PLACEHOLDERS: &[&str] = &[
    "unknown",
    "n/a",
    "na",
    "none",
    "null",
    "nan",
    "-",
    "—",
    "অজ্ঞাত",
];

fn is_placeholder(value: &str) -> bool {
    let v = value.trim();
    PLACEHOLDERS.iter().any(|p| v.eq_ignore_ascii_case(p))
}

/// The outlet a dataset file is named after (`prothomalo-2024.csv` → Prothom Alo), the
/// publisher of rows that name none.
pub(super) fn publisher_of_file(path: &Path) -> Option<String> {
    let stem = path.file_stem()?.to_str()?;
    crate::ingest::outlets::OutletTable::embedded()
        .by_file_name(stem)
        .map(|o| o.name.clone())
}
