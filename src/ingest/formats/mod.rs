//! Every kind of file khobor reads, one module per format: article text ([`text`]), datasets
//! (CSV, TSV, JSON, JSON Lines: [`dataset`]), feeds (RSS, Atom, JSON Feed: [`feed`]) and saved
//! web pages ([`html`]). A file is recognised by its content as well as its name, so a CSV named
//! `.txt` is read as a dataset, not as prose.
//!
//! A text file or a web page is one article; a dataset or a feed is many, each with a row key
//! (the line a CSV record or JSON Lines object starts on, the number of a JSON element or feed
//! item) shown after the file name (`prothomalo-2024.csv:118`) wherever a path is shown.

mod columns;
mod dataset;
mod feed;
mod fields;
mod html;
mod markup;
mod text;

use std::io::Read;
use std::path::Path;

use crate::article::Article;
use crate::ingest::FileProblem;

pub(crate) use columns::{ColumnMap, set_columns};

/// File extensions read from directories: article text, datasets, feeds, web pages.
pub(crate) const EXTENSIONS: &[&str] = &[
    "txt", "csv", "tsv", "json", "jsonl", "ndjson", "xml", "rss", "atom", "html", "htm",
];

/// How much of a file's start is looked at to tell its format.
const SNIFF_BYTES: usize = 8192;

/// The formats khobor reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Format {
    Text,
    /// Comma- or tab-separated values, by the delimiter.
    Delimited(u8),
    Json,
    JsonLines,
    Feed,
    Html,
}

/// What one file gave: its articles, and rows skipped or read with a warning.
#[derive(Debug, Default)]
pub struct FileArticles {
    /// In the file's order (a dataset's rows, a feed's items).
    pub articles: Vec<Article>,
    pub(crate) warnings: Vec<FileProblem>,
}

/// Reads every article in the file at `path`. Never writes to it.
pub fn load(path: &Path) -> Result<FileArticles, FileProblem> {
    let mut all = FileArticles::default();
    load_batches(path, &mut |batch| {
        all.articles.extend(batch.articles);
        all.warnings.extend(batch.warnings);
        true
    })?;
    Ok(all)
}

/// Reads the articles in the file at `path` and hands them to `each` as they are read: a
/// dataset a batch of rows at a time, so its first titles can be shown and its bodies dropped
/// before the file is read whole; any other file at once. `each` says whether to go on.
pub(crate) fn load_batches(
    path: &Path,
    each: &mut dyn FnMut(FileArticles) -> bool,
) -> Result<(), FileProblem> {
    let whole = match format_of(path) {
        Format::Delimited(d) => return dataset::load_delimited(path, d, each),
        Format::Json => return dataset::load_json(path, each),
        Format::JsonLines => return dataset::load_json_lines(path, each),
        Format::Text => text::load(path)?,
        Format::Feed => feed::load(path)?,
        Format::Html => html::load(path)?,
    };
    each(whole);
    Ok(())
}

/// The one article of the file at `path` (a text file or a web page), or of the row it names.
pub(crate) fn load_article(path: &Path) -> Result<(Article, Vec<FileProblem>), FileProblem> {
    let loaded = load(path)?;
    match <[Article; 1]>::try_from(loaded.articles) {
        Ok([article]) => Ok((article, loaded.warnings)),
        Err(_) => Err(FileProblem::new(path, "not a file of one article")),
    }
}

fn format_of(path: &Path) -> Format {
    match sniff(path) {
        Some(head) => detect(path, &head),
        // Unreadable or not a regular file: the text reader says why.
        None => Format::Text,
    }
}

/// The start of a regular file; `None` for anything else, which the text reader reports.
fn sniff(path: &Path) -> Option<Vec<u8>> {
    // Opened non-blocking and checked on the descriptor: a FIFO swapped in after discovery
    // must not hang the load.
    let (file, _) = crate::fsutil::open_regular(path).ok()?;
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    file.take(SNIFF_BYTES as u64).read_to_end(&mut head).ok()?;
    Some(head)
}

/// The format of a file from its first bytes, with its extension to settle what the content
/// leaves open.
pub(crate) fn detect(path: &Path, head: &[u8]) -> Format {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let text = String::from_utf8_lossy(head);
    let start = text.trim_start();
    let lower_start: String = start.chars().take(512).collect::<String>().to_lowercase();
    let json_name = matches!(ext.as_str(), "json" | "jsonl" | "ndjson");
    if opens_json(start) || (json_name && (start.starts_with('{') || start.starts_with('['))) {
        if lower_start.contains("jsonfeed.org/version") {
            return Format::Feed;
        }
        if matches!(ext.as_str(), "jsonl" | "ndjson") || looks_like_json_lines(start) {
            return Format::JsonLines;
        }
        return Format::Json;
    }
    if start.starts_with('<') {
        let lower: String = start.to_lowercase();
        if lower.contains("<rss") || lower.contains("<feed") || lower.contains("<rdf:rdf") {
            return Format::Feed;
        }
        if lower.contains("<html") || lower.contains("<!doctype html") || ext.starts_with("htm") {
            return Format::Html;
        }
        if matches!(ext.as_str(), "xml" | "rss" | "atom") {
            return Format::Feed;
        }
        return Format::Text;
    }
    match ext.as_str() {
        "csv" => return Format::Delimited(b','),
        "tsv" => return Format::Delimited(b'\t'),
        _ => {}
    }
    // A header line naming a title or body column, in a file of any name.
    let first = start.lines().next().unwrap_or("");
    for delimiter in [b'\t', b','] {
        let cells: Vec<&str> = first.split(char::from(delimiter)).collect();
        if cells.len() >= 2 && columns::names_a_text_column(&cells) {
            return Format::Delimited(delimiter);
        }
    }
    Format::Text
}

/// Whether text starts as JSON does: a bracket followed by what may begin a JSON value (or a
/// key). A text article may open with a bracket too (`[প্রতিবেদন তৈরিতে সহায়তা করেছেন …]`).
fn opens_json(start: &str) -> bool {
    let mut chars = start.chars();
    let open = chars.next();
    let next = chars.as_str().trim_start().chars().next();
    match (open, next) {
        (Some('{' | '['), None) => true,
        (Some('{'), Some(c)) => matches!(c, '"' | '}'),
        (Some('['), Some(c)) => {
            matches!(c, '{' | '[' | '"' | ']' | '-' | 't' | 'f' | 'n') || c.is_ascii_digit()
        }
        _ => false,
    }
}

/// One JSON object per line: the first line is a whole object and the next starts another.
fn looks_like_json_lines(start: &str) -> bool {
    let mut lines = start.lines().map(str::trim).filter(|l| !l.is_empty());
    let first_whole = lines.next().is_some_and(|l| {
        l.starts_with('{') && serde_json::from_str::<serde_json::Value>(l).is_ok()
    });
    first_whole && lines.next().is_some_and(|l| l.starts_with('{'))
}

/// `file.csv:118`: a row's display path.
pub(crate) fn row_path(path: &Path, key: u64) -> String {
    format!("{}:{key}", crate::fsutil::path_text(path))
}

/// The file and row key of a display path made by [`row_path`], when it names a row.
pub(crate) fn split_row_path(shown: &str) -> Option<(&str, u64)> {
    let (file, key) = shown.rsplit_once(':')?;
    let key = key.parse().ok()?;
    (!file.is_empty()).then_some((file, key))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_by_content_as_well_as_name() {
        let d = |name: &str, head: &str| detect(Path::new(name), head.as_bytes());
        assert_eq!(d("a.txt", "শিরোনাম\nঅনুচ্ছেদ।"), Format::Text);
        assert_eq!(
            d(
                "a.txt",
                "[প্রতিবেদন তৈরিতে সহায়তা করেছেন নিজস্ব প্রতিবেদক,\n\nঅনুচ্ছেদ।"
            ),
            Format::Text
        );
        assert_eq!(d("a.txt", "{ঢাকা} শহরে"), Format::Text);
        assert_eq!(d("a.json", "{ঢাকা} শহরে"), Format::Json);
        assert_eq!(d("a.txt", "[\n  {\"headline\": \"x\"}\n]"), Format::Json);
        assert_eq!(
            d("a.txt", "Date,Headline,Body\n2024/08/12,x,y"),
            Format::Delimited(b',')
        );
        assert_eq!(d("a.dat", "title\tbody\nx\ty"), Format::Delimited(b'\t'));
        assert_eq!(d("a.csv", "\u{FEFF}a,b\n1,2"), Format::Delimited(b','));
        assert_eq!(d("a.json", "[{\"headline\": \"x\"}]"), Format::Json);
        assert_eq!(d("a.json", "{\"a\": 1}\n{\"a\": 2}\n"), Format::JsonLines);
        assert_eq!(
            d("a.txt", "<?xml version=\"1.0\"?><rss version=\"2.0\">"),
            Format::Feed
        );
        assert_eq!(
            d("a.xml", "<feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            Format::Feed
        );
        assert_eq!(d("a", "<!DOCTYPE html><html><body>"), Format::Html);
        assert_eq!(
            d(
                "a.json",
                "{\"version\": \"https://jsonfeed.org/version/1.1\"}"
            ),
            Format::Feed
        );
    }

    #[test]
    fn row_paths_split_back() {
        let shown = row_path(Path::new("news/prothomalo-2024.csv"), 118);
        assert_eq!(shown, "news/prothomalo-2024.csv:118");
        assert_eq!(
            split_row_path(&shown),
            Some(("news/prothomalo-2024.csv", 118))
        );
        assert_eq!(split_row_path("news/a.txt"), None);
    }
}
