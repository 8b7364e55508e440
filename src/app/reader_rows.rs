//! The open article's rows at the reader's width, kept between key presses. Scrolling needs how
//! many rows the article takes and drawing needs where each line breaks; both come from one
//! wrap of the article, redone only when the article, the width or a setting that changes its
//! lines changed, not on every Down and again on every frame.

use std::ops::Range;

use super::App;
use crate::article::ContentId;
use crate::settings::DateDisplay;
use crate::strings::Language;
use crate::text::width::WidthPolicy;
use crate::view::layout::Screen;
use crate::view::reader::{Breaks, breaks, note_line, row_count};

/// What the reader's breaks depend on.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Key {
    id: ContentId,
    /// A light article and its full text share their id.
    text_omitted: bool,
    paragraphs: usize,
    note: Option<String>,
    width: u16,
    policy: WidthPolicy,
    dates: DateDisplay,
    language: Language,
}

/// The breaks of the open article and what they were computed for.
#[derive(Debug, Default)]
pub(super) struct ReaderRows {
    key: Option<Key>,
    breaks: Breaks,
    rows: usize,
}

impl App {
    /// What the breaks of the open article at `width` depend on; `None` with nothing open.
    fn reader_key(&self, width: u16) -> Option<Key> {
        let view = self.reader_view()?;
        let o = &self.options;
        Some(Key {
            id: view.article.id,
            text_omitted: view.article.text_omitted,
            paragraphs: view.article.body.len(),
            note: note_line(view.note, o.language.strings()),
            width,
            policy: o.policy,
            dates: o.dates,
            language: o.language,
        })
    }

    /// Rows the selected article wraps to at the current size, wrapping it again only when
    /// the article, the width or the settings changed.
    pub(super) fn reader_rows(&mut self) -> usize {
        let Screen::Panes(panes) = self.screen() else {
            return 0;
        };
        let Some(key) = self.reader_key(panes.reader_width()) else {
            self.reader_wrap = ReaderRows::default();
            return 0;
        };
        if self.reader_wrap.key.as_ref() != Some(&key) {
            let o = &self.options;
            let wrapped = self.reader_view().map_or_else(Breaks::new, |view| {
                breaks(view, key.width, o.policy, o.dates, o.language.strings())
            });
            self.reader_wrap = ReaderRows {
                key: Some(key),
                rows: row_count(&wrapped),
                breaks: wrapped,
            };
        }
        self.reader_wrap.rows
    }

    /// Where the open article's lines break at `width`, when the app has them for that article
    /// and width (drawing wraps by itself otherwise).
    pub fn reader_breaks(&self, width: u16) -> Option<&[Vec<Range<usize>>]> {
        let kept = self.reader_wrap.key.as_ref()?;
        (Some(kept) == self.reader_key(width).as_ref())
            .then_some(self.reader_wrap.breaks.as_slice())
    }
}
