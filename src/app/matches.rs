//! `n`/`N`: the reader scrolls to the query's next or previous match in the open article.

use super::App;
use crate::view::layout::Screen;
use crate::view::matches::match_rows;

impl App {
    /// Scrolls the reader so that the next (`forward`) or previous match below or above the
    /// top row is at the top, as far as the article scrolls; nothing when there is none. Returns
    /// whether the open article shows any match of the query at all (`n` falls back to the next
    /// unread article when it does not).
    pub(super) fn jump_to_match(&mut self, forward: bool) -> bool {
        let (Screen::Panes(panes), Some(view)) = (self.screen(), self.reader_view()) else {
            return false;
        };
        let rows = match_rows(
            view,
            panes.reader_width(),
            self.options.policy,
            self.options.dates,
            self.options.language.strings(),
            &|p| self.body_ranges(p),
        );
        if rows.is_empty() {
            return false;
        }
        let top = self.view.reader_scroll;
        let target = if forward {
            rows.into_iter().find(|&r| r > top)
        } else {
            rows.into_iter().rev().find(|&r| r < top)
        };
        if let Some(row) = target {
            self.view.reader_scroll = row;
            self.clamp();
        }
        true
    }
}
