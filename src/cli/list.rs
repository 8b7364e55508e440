//! `khobor list`: a table of date, publisher, source and title, aligned by terminal display width.

use std::path::PathBuf;

use crate::article::{Article, SourceRole};
use crate::sort::{SortKeys, SortMode};
use crate::text::escape::for_terminal;
use crate::text::width::{pad, truncate, width};

/// The source column never takes more than this; long lists of outlets are cut with `…`.
const SOURCE_MAX_COLS: usize = 24;
const NO_VALUE: &str = "—";

/// The publisher column never takes more than this.
const PUBLISHER_MAX_COLS: usize = 20;

/// The four cells of one row.
fn cells(a: &Article) -> [String; 4] {
    let date = a
        .published
        .map(|p| p.date().format("%Y-%m-%d").to_string())
        .unwrap_or_else(|| NO_VALUE.to_string());
    let credited: Vec<&str> = a
        .sources
        .iter()
        .filter(|s| s.role == SourceRole::Credit)
        .map(|s| s.name.as_str())
        .collect();
    let names: Vec<&str> = if credited.is_empty() {
        a.sources.iter().map(|s| s.name.as_str()).collect()
    } else {
        credited
    };
    let source = if names.is_empty() {
        NO_VALUE.to_string()
    } else {
        truncate(&for_terminal(&names.join(", ")), SOURCE_MAX_COLS)
    };
    let publisher = a.publisher.as_deref().map_or_else(
        || NO_VALUE.to_string(),
        |p| truncate(&for_terminal(p), PUBLISHER_MAX_COLS),
    );
    // Titles read back from a cache never passed `clean` in this process.
    [date, publisher, source, for_terminal(&a.title).into_owned()]
}

/// The table as lines: a header, then one row per article; columns padded to the widest cell
/// as a terminal measures it (Bengali া takes a column even though `unicode-width` says 0).
pub(super) fn table(articles: &[Article]) -> Vec<String> {
    let header = ["DATE", "PUBLISHER", "SOURCE", "TITLE"].map(String::from);
    let rows: Vec<[String; 4]> = std::iter::once(header)
        .chain(articles.iter().map(cells))
        .collect();
    let w = |c: usize| rows.iter().map(|r| width(&r[c])).max().unwrap_or(0);
    let (w0, w1, w2) = (w(0), w(1), w(2));
    rows.iter()
        .map(|[d, p, s, t]| format!("{}  {}  {}  {}", pad(d, w0), pad(p, w1), pad(s, w2), t))
        .collect()
}

/// `articles` in `sort`'s order (relevance means nothing without a query: newest first).
pub(super) fn sorted(articles: Vec<Article>, sort: SortMode) -> Vec<Article> {
    let order = SortKeys::new(&articles).order(sort);
    let mut slots: Vec<Option<Article>> = articles.into_iter().map(Some).collect();
    order
        .into_iter()
        .filter_map(|i| slots.get_mut(i).and_then(Option::take))
        .collect()
}

pub(super) fn run(paths: &[PathBuf], sort: SortMode) -> anyhow::Result<()> {
    let corpus = super::load(paths, true)?;
    let articles = sorted(corpus.articles, sort);
    super::with_stdout(|out| {
        for line in table(&articles) {
            writeln!(out, "{line}")?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seeds::BUNDLED;

    #[test]
    fn title_column_starts_at_the_same_terminal_column() {
        let articles: Vec<Article> = BUNDLED
            .iter()
            .filter_map(|(p, b)| crate::ingest::parse_bytes(p, b).ok().map(|(a, _)| a))
            .collect();
        let lines = table(&articles);
        assert_eq!(lines.len(), articles.len() + 1);
        let starts: Vec<usize> = lines
            .iter()
            .zip(std::iter::once("TITLE").chain(articles.iter().map(|a| a.title.as_str())))
            .map(|(line, title)| {
                let at = line.rfind(title).expect("title in row");
                width(&line[..at])
            })
            .collect();
        assert!(starts.windows(2).all(|w| w[0] == w[1]), "{starts:?}");
    }
}
