//! Where the query's matches are in the open article, as reader rows, so that `n`/`N` can
//! scroll from one to the next. Measured on the same wrapped lines the reader draws.

use super::reader::{BodyMatches, ReaderView, with_plain_lines};
use super::text::{StyledText, wrap};
use crate::settings::DateDisplay;
use crate::strings::Strings;
use crate::text::width::WidthPolicy;

/// The reader rows (0 = the title's first row) on which a match in the body starts, in order,
/// each once, for a reader `width` columns wide.
pub(crate) fn match_rows(
    view: ReaderView,
    width: u16,
    policy: WidthPolicy,
    dates: DateDisplay,
    s: &Strings,
    matches: BodyMatches,
) -> Vec<usize> {
    with_plain_lines(view, policy, dates, s, |lines| {
        rows_of_matches(view, lines, width, matches)
    })
}

/// The work of [`match_rows`] over the article's unstyled `lines`.
fn rows_of_matches(
    view: ReaderView,
    lines: &[StyledText<'_>],
    width: u16,
    matches: BodyMatches,
) -> Vec<usize> {
    // Title, meta and the note come first; then a blank line and a line per paragraph.
    let head = lines.len() - 2 * view.article.body.len();
    let mut rows = Vec::new();
    let mut row = 0;
    for (i, line) in lines.iter().enumerate() {
        let wrapped = wrap(&line.clusters, width);
        let paragraph = i
            .checked_sub(head)
            .filter(|k| k % 2 == 1)
            .and_then(|k| view.article.body.get(k / 2));
        if let Some(text) = paragraph {
            // Byte offset of each cluster in the paragraph: clusters are its text in order.
            let mut offsets = Vec::with_capacity(line.clusters.len());
            let mut at = 0;
            for c in &line.clusters {
                offsets.push(at);
                at += c.text.len();
            }
            for m in matches(text) {
                let cluster = offsets.partition_point(|&o| o <= m.start).saturating_sub(1);
                let within = wrapped
                    .iter()
                    .position(|r| cluster < r.end)
                    .unwrap_or(wrapped.len().saturating_sub(1));
                rows.push(row + within);
            }
        }
        row += wrapped.len();
    }
    rows.sort_unstable();
    rows.dedup();
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Article;

    #[test]
    fn rows_of_matches_count_wrapped_lines() {
        let a = Article {
            title: "শিরোনাম".to_string(),
            // 30 columns: "এক দুই তিন" is 8 wide, so the first paragraph takes 1 row at width
            // 20; the second wraps to 2 rows with বন্যা on its second row.
            body: vec![
                "এক দুই তিন".to_string(),
                "এক দুই তিন চার পাঁচ ছয় সাত বন্যা".to_string(),
                "বন্যায় এক".to_string(),
            ],
            ..Article::default()
        };
        let view = ReaderView {
            article: &a,
            note: None,
        };
        let find = |p: &str| {
            p.match_indices("বন্যা")
                .map(|(at, s)| at..at + s.len())
                .collect()
        };
        let rows = match_rows(
            view,
            20,
            WidthPolicy::Terminal,
            DateDisplay::Gregorian,
            crate::strings::Language::En.strings(),
            &find,
        );
        // Title 0, meta ("undated") 1, blank 2, paragraph 3, blank 4, paragraph 5-6, blank 7,
        // paragraph 8.
        assert_eq!(rows, [6, 8]);
    }
}
