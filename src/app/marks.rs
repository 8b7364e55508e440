//! Read and starred marks as filters: the `unread`/`starred` toggles bound to keys, and the
//! `is:unread`, `is:read`, `is:starred` words of the query (`!` negates), which the app takes out
//! of the query before the search engine sees it, because only the app knows the marks.

use crate::article::ContentId;
use crate::state::ReadingState;

/// Which mark an `is:` condition looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Read,
    Starred,
}

/// One `is:` condition: the mark must be `wanted` (set or unset).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkCondition {
    pub mark: Mark,
    pub wanted: bool,
}

/// The `is:` values and what they ask for.
const IS_VALUES: [(&str, Mark, bool); 4] = [
    ("unread", Mark::Read, false),
    ("read", Mark::Read, true),
    ("starred", Mark::Starred, true),
    ("unstarred", Mark::Starred, false),
];

/// The mark filters toggled by keys; both on means unread AND starred.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct MarkFilter {
    pub unread: bool,
    pub starred: bool,
}

impl MarkFilter {
    pub fn is_empty(&self) -> bool {
        !self.unread && !self.starred
    }

    /// The toggles and the query's conditions together (all must hold).
    pub fn admits(
        &self,
        conditions: &[MarkCondition],
        marks: &ReadingState,
        id: ContentId,
    ) -> bool {
        if self.is_empty() && conditions.is_empty() {
            // The common case, on every keystroke over every hit: no lookups at all.
            return true;
        }
        let read = marks.is_read(id);
        let starred = marks.is_starred(id);
        (!self.unread || !read)
            && (!self.starred || starred)
            && conditions.iter().all(|c| match c.mark {
                Mark::Read => read == c.wanted,
                Mark::Starred => starred == c.wanted,
            })
    }
}

/// Splits the `is:` words out of `query`: the text left for the search engine and the mark
/// conditions. Words inside quotes are text. An unfinished or unknown `is:` word (`is:`, `is:un`
/// while typing) is removed and constrains nothing, like the engine's own unfinished clauses.
pub fn split_query(query: &str) -> (String, Vec<MarkCondition>) {
    let mut rest = String::with_capacity(query.len());
    let mut conditions = Vec::new();
    for (start, end) in words(query) {
        let word = &query[start..end];
        let (negated, body) = match word.strip_prefix('!') {
            Some(b) => (true, b),
            None => (false, word),
        };
        let value = body
            .get(..3)
            .filter(|p| p.eq_ignore_ascii_case("is:"))
            .map(|_| &body[3..]);
        match value {
            Some(value) => {
                if let Some((_, mark, wanted)) = IS_VALUES
                    .iter()
                    .find(|(name, _, _)| name.eq_ignore_ascii_case(value))
                {
                    conditions.push(MarkCondition {
                        mark: *mark,
                        wanted: *wanted != negated,
                    });
                }
            }
            None => {
                if !rest.is_empty() {
                    rest.push(' ');
                }
                rest.push_str(word);
            }
        }
    }
    (rest, conditions)
}

/// Byte ranges of the whitespace-separated words of `s`, whitespace inside double quotes kept.
fn words(s: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        if matches!(c, '"' | '“' | '”') {
            quoted = !quoted;
        }
        if c.is_whitespace() && !quoted {
            if let Some(s) = start.take() {
                out.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(start) = start {
        out.push((start, s.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cond(mark: Mark, wanted: bool) -> MarkCondition {
        MarkCondition { mark, wanted }
    }

    #[test]
    fn is_words_leave_the_query_and_become_conditions() {
        let (rest, c) = split_query("পুতিন is:unread source:bbc !IS:starred");
        assert_eq!(rest, "পুতিন source:bbc");
        assert_eq!(c, [cond(Mark::Read, false), cond(Mark::Starred, false)]);
        let (rest, c) = split_query("is:read");
        assert_eq!((rest.as_str(), c), ("", vec![cond(Mark::Read, true)]));
    }

    #[test]
    fn unfinished_is_words_constrain_nothing_and_quotes_are_text() {
        assert_eq!(split_query("কিম is:un"), ("কিম".to_string(), Vec::new()));
        assert_eq!(split_query("কিম is:"), ("কিম".to_string(), Vec::new()));
        let (rest, c) = split_query("\"কিম is:starred\" জং");
        assert_eq!(rest, "\"কিম is:starred\" জং");
        assert!(c.is_empty());
    }

    #[test]
    fn filter_combines_toggles_and_conditions() {
        let mut marks = ReadingState::default();
        let (read, starred, both, none) = (ContentId(1), ContentId(2), ContentId(3), ContentId(4));
        marks.set_read(read, "r", true);
        marks.set_starred(starred, "s", true);
        marks.set_read(both, "b", true);
        marks.set_starred(both, "b", true);
        let shown = |f: MarkFilter, c: &[MarkCondition]| {
            [read, starred, both, none]
                .into_iter()
                .filter(|id| f.admits(c, &marks, *id))
                .collect::<Vec<_>>()
        };
        let unread = MarkFilter {
            unread: true,
            starred: false,
        };
        let starred_only = MarkFilter {
            unread: false,
            starred: true,
        };
        assert_eq!(shown(MarkFilter::default(), &[]).len(), 4);
        assert_eq!(shown(unread, &[]), [starred, none]);
        assert_eq!(shown(starred_only, &[]), [starred, both]);
        assert_eq!(
            shown(MarkFilter::default(), &[cond(Mark::Read, true)]),
            [read, both]
        );
        assert_eq!(shown(unread, &[cond(Mark::Starred, true)]), [starred]);
    }
}
