//! `/` in the reader: find words in the open article, as `less` does in a file.
//!
//! The words are matched the way the search matches bodies (inflections, Latin spellings), but
//! only in the article on screen: they replace the list query's highlights there, and `n`/`N`
//! jump between them through the same code as the query's matches ([`super::matches`]).

use super::{App, Focus};
use crate::search::Highlighter;

/// The words being found and the article they are found in.
#[derive(Debug)]
pub(super) struct Find {
    article: usize,
    highlighter: Highlighter,
}

impl App {
    /// The highlighter of the find in the open article, when one is active for it.
    pub(super) fn active_find(&self) -> Option<&Highlighter> {
        let find = self.find.as_ref()?;
        let open = self.rows.get(self.view.list.cursor)?.article;
        (find.article == open).then_some(&find.highlighter)
    }

    /// Enter at the find prompt: highlights `text` in article `article` and scrolls to its first
    /// match from the top row on; an empty text ends the find.
    pub(super) fn start_find(&mut self, article: usize, text: &str) {
        self.view.find = None;
        self.find = None;
        if text.is_empty() {
            return;
        }
        self.find = Some(Find {
            article,
            highlighter: Highlighter::for_text(text),
        });
        self.view.find = Some(text.to_string());
        self.view.focus = Focus::Reader;
        // From the row above the top, so a match on the top row counts as the first.
        let top = self.view.reader_scroll;
        self.view.reader_scroll = top.saturating_sub(1);
        let found = self.jump_to_match(true);
        if !found || self.view.reader_scroll < top {
            self.view.reader_scroll = top;
        }
        if !found {
            let s = self.options.language.strings();
            self.view.notice = Some(s.fill("status.not_found", &[("text", text)]));
        }
    }

    /// Ends the find in the open article; true when there was one.
    pub(super) fn end_find(&mut self) -> bool {
        let had = self.active_find().is_some();
        self.find = None;
        self.view.find = None;
        had
    }
}
