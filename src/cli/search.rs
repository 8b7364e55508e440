//! `khobor search QUERY [PATH]...`: the TUI's search engine for scripts, as JSON Lines.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;

use serde::Serialize;

use crate::app::MarkFilter;
use crate::search::rows::for_each_body;
use crate::search::{BodySource, Query, SNIPPET_CHARS};
use crate::sort::{SortKeys, SortMode};

/// One output line.
#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    title: &'a str,
    published: Option<String>,
    score: i64,
    /// Byte ranges into `title` (UTF-8), whole grapheme clusters.
    title_ranges: Vec<[usize; 2]>,
    /// The highlighted text of each range, for readers of the output who do not slice bytes.
    matched: Vec<&'a str>,
    /// A line of the body around the first match in it, if the body matched.
    #[serde(skip_serializing_if = "Option::is_none")]
    snippet: Option<String>,
    /// Byte ranges into `snippet` to highlight.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    snippet_ranges: Vec<[usize; 2]>,
}

/// Prints the articles under `paths` (default: the bundled seeds) matching `query`, best first,
/// at most `limit` of them. `is:unread`, `is:starred` (and `is:read`, `is:unstarred`, `!`) select
/// by the saved reading marks, as in the reader.
///
/// Long because it is the command from query to printed lines; each step is a call or a few lines.
pub(super) fn run(
    query: &str,
    paths: &[PathBuf],
    limit: Option<usize>,
    sort: SortMode,
) -> anyhow::Result<()> {
    let parsed = Query::parse(query);
    let conditions = &parsed.marks;
    let state = if conditions.is_empty() {
        Default::default()
    } else {
        super::export::load_state()
    };
    for p in &parsed.problems {
        eprintln!(
            "khobor: ignoring {}",
            crate::text::escape::for_terminal(&p.to_string())
        );
    }
    if parsed.is_empty() && conditions.is_empty() && !parsed.problems.is_empty() {
        anyhow::bail!("nothing left to search for");
    }
    let corpus = super::load(paths, true)?;
    let cache_dir = super::load_options().cache_dir;
    let (index, warnings) = crate::work::full_index(&corpus, cache_dir.as_deref(), true);
    for w in warnings {
        eprintln!("khobor: {}", crate::text::escape::for_terminal(&w));
    }
    let results = index
        .search_query(&parsed, &AtomicBool::new(false))
        .unwrap_or_default();
    // The process ends with this command: freeing the index and 100,000 light articles one
    // allocation at a time would be a sizeable part of a warm search, for nothing.
    std::mem::forget(index);
    let corpus = std::mem::ManuallyDrop::new(corpus);
    super::with_stdout(|out| {
        let mut hits: Vec<_> = results
            .iter()
            .filter(|h| {
                MarkFilter::default().admits(conditions, &state, corpus.articles[h.article].id)
            })
            .collect();
        if sort != SortMode::Relevance {
            let keys = SortKeys::new(&corpus.articles);
            let mut order: Vec<usize> = hits.iter().map(|h| h.article).collect();
            keys.sort(&mut order, sort);
            let rank: std::collections::HashMap<usize, usize> =
                order.into_iter().enumerate().map(|(r, a)| (a, r)).collect();
            hits.sort_by_key(|h| rank.get(&h.article).copied());
        }
        hits.truncate(limit.unwrap_or(usize::MAX));
        // Each dataset read once for all its rows, not once per row.
        let sources: Vec<BodySource> = hits
            .iter()
            .map(|h| &corpus.articles[h.article])
            .map(|a| (a.path.clone(), a.id))
            .collect();
        let mut snippets = vec![None; sources.len()];
        for_each_body(&sources, &mut |n, body| {
            snippets[n] = results.highlighter.snippet(&body, SNIPPET_CHARS);
        });
        for (hit, snippet) in hits.into_iter().zip(snippets) {
            let a = &corpus.articles[hit.article];
            let ranges = results.title_ranges(hit.article);
            let line = Line {
                path: &a.path,
                title: &a.title,
                published: a.published.map(|p| p.to_iso()),
                score: hit.score,
                title_ranges: ranges.iter().map(|r| [r.start, r.end]).collect(),
                matched: ranges
                    .iter()
                    .filter_map(|r| a.title.get(r.clone()))
                    .collect(),
                snippet_ranges: snippet
                    .iter()
                    .flat_map(|s| s.ranges.iter().map(|r| [r.start, r.end]))
                    .collect(),
                snippet: snippet.map(|s| s.text),
            };
            crate::text::escape::write_json_line(out, &line)?;
        }
        Ok(())
    })
}
