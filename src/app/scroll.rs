//! Cursors and scroll offsets: kept inside what exists and what is visible, moved by keys,
//! clicks and the wheel.

use super::{App, Focus, Mode};
use crate::view::layout::Screen;

/// A cursor in a list and the first entry shown; the list, Sources and Entities panes each
/// have one.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScrollList {
    pub cursor: usize,
    pub offset: usize,
}

impl ScrollList {
    /// Keeps the cursor on one of `len` entries and scrolls so that it lies within `rows`
    /// visible rows.
    fn keep_visible(&mut self, len: usize, rows: usize) {
        self.cursor = self.cursor.min(len.saturating_sub(1));
        let rows = rows.max(1);
        self.offset = self.offset.min(len.saturating_sub(rows));
        if self.cursor < self.offset {
            self.offset = self.cursor;
        } else if self.cursor >= self.offset + rows {
            self.offset = self.cursor + 1 - rows;
        }
    }

    /// Moves the cursor by `delta`, saturating at both ends of `len` entries; true when it moved.
    fn step(&mut self, delta: isize, len: usize) -> bool {
        let next = self
            .cursor
            .saturating_add_signed(delta)
            .min(len.saturating_sub(1));
        std::mem::replace(&mut self.cursor, next) != next
    }
}

impl App {
    /// Keeps every cursor and offset inside what exists and what is visible. Needs counts
    /// only, and wraps the open article only when it, the width or the settings changed
    /// (`reader_rows.rs`), to know how far the reader may scroll.
    pub(super) fn clamp(&mut self) {
        let rows = self.rows.len();
        let sources = self.source_items().len();
        let entities = self.entity_count();
        let screen = self.screen();
        let v = &mut self.view;
        let Screen::Panes(panes) = screen else {
            v.list.cursor = v.list.cursor.min(rows.saturating_sub(1));
            v.sources.cursor = v.sources.cursor.min(sources.saturating_sub(1));
            v.entities.cursor = v.entities.cursor.min(entities.saturating_sub(1));
            return;
        };
        v.list.keep_visible(rows, panes.list_rows());
        v.sources.keep_visible(sources, panes.sources_rows());
        v.entities.keep_visible(entities, panes.entities_rows());
        let max_scroll = self.reader_rows().saturating_sub(panes.reader_rows());
        self.view.reader_scroll = self.view.reader_scroll.min(max_scroll);
    }

    pub(super) fn page(&self) -> usize {
        let rows = match (self.screen(), self.view.focus) {
            (Screen::Panes(p), Focus::Reader) => p.reader_rows(),
            (Screen::Panes(p), Focus::Sources) => p.sources_rows(),
            (Screen::Panes(p), Focus::Entities) => p.entities_rows(),
            (Screen::Panes(p), Focus::List) => p.list_rows(),
            (Screen::TooSmall, _) => 1,
        };
        rows.saturating_sub(1).max(1)
    }

    /// Moves whatever the focused pane moves by `delta` (saturating at both ends); with help
    /// open, scrolls the help.
    pub(super) fn move_by(&mut self, delta: isize) {
        if self.view.mode == Mode::Help {
            let (_, height) = self.view.size;
            let max = crate::view::help::overflow(&self.options.keymap, height);
            let v = &mut self.view;
            v.help_scroll = v.help_scroll.saturating_add_signed(delta).min(max);
            return;
        }
        let entities = self.entity_count();
        let sources = self.source_items().len();
        let v = &mut self.view;
        match v.focus {
            Focus::List => {
                if v.list.step(delta, self.rows.len()) {
                    v.reader_scroll = 0;
                    v.entities.cursor = 0;
                }
            }
            Focus::Reader => v.reader_scroll = v.reader_scroll.saturating_add_signed(delta),
            Focus::Sources => {
                v.sources.step(delta, sources);
            }
            Focus::Entities => {
                v.entities.step(delta, entities);
            }
        }
        self.clamp();
    }

    pub(super) fn click(&mut self, x: u16, y: u16) {
        let Screen::Panes(p) = self.screen() else {
            return;
        };
        if let Some(row) = p.list_row_at(x, y) {
            self.view.focus = Focus::List;
            let target = self.view.list.offset + row;
            if target < self.rows.len() && target != self.view.list.cursor {
                self.view.list.cursor = target;
                self.view.reader_scroll = 0;
                self.view.entities.cursor = 0;
            }
        } else if p.pane_at(x, y) == Some(Focus::Reader) {
            self.view.focus = Focus::Reader;
        } else if let Some(row) = p.sources_row_at(x, y) {
            self.view.focus = Focus::Sources;
            self.view.sources.cursor = self.view.sources.offset + row;
        } else if let Some(row) = p.entities_row_at(x, y) {
            self.view.focus = Focus::Entities;
            self.view.entities.cursor = self.view.entities.offset + row;
        }
        self.clamp();
    }

    pub(super) fn wheel(&mut self, x: u16, y: u16, down: bool) {
        let Screen::Panes(p) = self.screen() else {
            return;
        };
        let Some(pane) = p.pane_at(x, y) else {
            return;
        };
        let focus = std::mem::replace(&mut self.view.focus, pane);
        let delta = if pane == Focus::Reader { 3 } else { 1 };
        self.move_by(if down { delta } else { -delta });
        self.view.focus = focus;
    }
}
