//! Saved searches: named queries in `config.toml`, like newsboat's query feeds.
//!
//! ```toml
//! [searches]
//! "Rohingya" = "rohingya !source:tass"
//! ```
//!
//! A query is checked when the configuration is read, not when it is first run: a typo in a
//! field name would otherwise quietly match nothing every day. Errors carry the byte span of the
//! offending name or query so the configuration can name `config.toml:LINE:COL`.

use std::collections::BTreeMap;
use std::ops::Range;

use toml::Spanned;

use crate::error::Error;
use crate::search::Query;

/// One named query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedSearch {
    /// What the picker lists (the key under `[searches]`).
    pub name: String,
    /// The query put in the filter, in the search language.
    pub query: String,
}

/// A saved search that cannot be used, and where it is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct SavedSearchError {
    pub(crate) span: Range<usize>,
    pub(crate) message: String,
}

/// The `[searches]` table as read (spans kept), checked, in the order the file lists them.
pub(crate) fn parse(
    table: BTreeMap<Spanned<String>, Spanned<String>>,
) -> Result<Vec<SavedSearch>, SavedSearchError> {
    let mut entries: Vec<_> = table.into_iter().collect();
    entries.sort_by_key(|(name, _)| name.span().start);
    entries
        .into_iter()
        .map(|(name, query)| {
            let at = |s: &Spanned<String>, message: String| SavedSearchError {
                span: s.span(),
                message,
            };
            if name.get_ref().trim().is_empty() {
                return Err(at(&name, "a saved search needs a name".to_string()));
            }
            let text = query.get_ref().trim();
            if text.is_empty() {
                let message = format!("saved search `{}` has an empty query", name.get_ref());
                return Err(at(&query, message));
            }
            if let Some(problem) = Query::parse(text).problems.into_iter().next() {
                let message = format!("saved search `{}`: {problem}", name.get_ref());
                return Err(at(&query, message));
            }
            Ok(SavedSearch {
                name: name.get_ref().trim().to_string(),
                query: text.to_string(),
            })
        })
        .collect()
}

/// The saved search called `name` (case-blind), or [`Error::Refused`] listing the names there
/// are.
pub(crate) fn find<'a>(searches: &'a [SavedSearch], name: &str) -> Result<&'a SavedSearch, Error> {
    let wanted = name.trim().to_lowercase();
    searches
        .iter()
        .find(|s| s.name.to_lowercase() == wanted)
        .ok_or_else(|| {
            Error::Refused(if searches.is_empty() {
                format!("no saved search `{name}`: config.toml has no [searches] table")
            } else {
                let known: Vec<&str> = searches.iter().map(|s| s.name.as_str()).collect();
                format!("no saved search `{name}` (saved: {})", known.join(", "))
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize)]
    struct File {
        searches: BTreeMap<Spanned<String>, Spanned<String>>,
    }

    fn read(text: &str) -> Result<Vec<SavedSearch>, (usize, usize, String)> {
        let file: File = toml::from_str(text).expect("valid TOML");
        parse(file.searches).map_err(|e| {
            let before = &text[..e.span.start];
            let line = before.matches('\n').count() + 1;
            let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line, column, e.message)
        })
    }

    #[test]
    fn searches_keep_the_file_order_not_the_alphabet() {
        let found = read("[searches]\nZ = \"রোহিঙ্গা\"\n\"A b\" = \" putin !source:tass \"\n")
            .expect("valid");
        let names: Vec<&str> = found.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["Z", "A b"]);
        assert_eq!(found[1].query, "putin !source:tass");
    }

    #[test]
    fn a_query_that_does_not_parse_names_its_line_and_column() {
        let text = "[searches]\nok = \"বন্যা\"\n\"Bad\" = \"colour:red বন্যা\"\n";
        let (line, column, message) = read(text).expect_err("unknown field");
        assert_eq!((line, column), (3, 9));
        assert!(
            message.contains("`Bad`") && message.contains("colour"),
            "{message}"
        );
    }

    #[test]
    fn empty_names_and_queries_are_refused_where_they_are_written() {
        let (line, column, _) = read("[searches]\n\"x\" = \"  \"\n").expect_err("empty");
        assert_eq!((line, column), (2, 7));
        let (line, column, _) = read("[searches]\n\n\" \" = \"q\"\n").expect_err("no name");
        assert_eq!((line, column), (3, 1));
    }

    #[test]
    fn find_is_case_blind_and_lists_the_names_when_it_fails() {
        let found = read("[searches]\nRohingya = \"rohingya\"\nFlood = \"বন্যা\"\n").expect("valid");
        assert_eq!(
            find(&found, "rohingya").ok().map(|s| s.query.as_str()),
            Some("rohingya")
        );
        let missing = find(&found, "nothing").expect_err("missing");
        assert!(matches!(missing, Error::Refused(_)), "{missing:?}");
        assert!(missing.to_string().contains("Rohingya, Flood"), "{missing}");
        let none = find(&[], "x").expect_err("none").to_string();
        assert!(none.contains("[searches]"), "{none}");
    }
}
