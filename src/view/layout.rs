//! Where each pane goes at a given terminal size. Pure geometry, shared by rendering and by
//! `app::update` (clicks, page sizes and scroll limits depend on it), so it takes the few facts
//! it needs as a [`LayoutInput`] rather than the app.

use ratatui::layout::{Margin, Position, Rect};

/// Which pane keys go to. Tab cycles in this order. A pane is a place on the screen, so the
/// narrow layout (one pane under the list) depends on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    /// The article list.
    #[default]
    List,
    /// The reader pane with the open article.
    Reader,
    /// The Sources panel (outlets the articles draw on).
    Sources,
    /// The Entities panel (people, places, organisations).
    Entities,
}

impl Focus {
    const ORDER: [Focus; 4] = [Focus::List, Focus::Reader, Focus::Sources, Focus::Entities];

    /// The next pane in Tab order (the previous one when not `forward`).
    pub(crate) fn cycle(self, forward: bool) -> Self {
        let i = Self::ORDER.iter().position(|f| *f == self).unwrap_or(0);
        let n = Self::ORDER.len();
        Self::ORDER[if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        }]
    }
}

/// What the layout depends on besides the terminal size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LayoutInput {
    pub(crate) focus: Focus,
    /// The query line is shown (while filtering, or when a query is set).
    pub(crate) filter_line: bool,
    /// Entries in the Sources panel, which is as tall as they need up to half the screen.
    pub(crate) sources: usize,
    /// Articles in the list, which in a narrow terminal is never taller than they need.
    pub(crate) rows: usize,
}

/// Below this the screen only says it is too small.
pub(crate) const MIN_WIDTH: u16 = 40;
pub(crate) const MIN_HEIGHT: u16 = 10;
/// From this width on, list, reader and side column stand side by side.
pub(crate) const WIDE: u16 = 100;

/// The screen at one size.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// Smaller than `MIN_WIDTH` × `MIN_HEIGHT`: only a notice is drawn.
    TooSmall,
    /// Room for the panes, placed.
    Panes(Panes),
}

/// Outer rectangles (borders included) of every pane; hidden panes are `None` or empty.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Panes {
    pub(crate) list: Rect,
    pub(crate) reader: Rect,
    pub(crate) sources: Option<Rect>,
    pub(crate) entities: Option<Rect>,
    /// The query line, while filtering or when a query is set.
    pub(crate) filter: Option<Rect>,
    pub(crate) status: Rect,
}

fn inner(r: Rect) -> Rect {
    r.inner(Margin::new(1, 1))
}

fn row_at(r: Option<Rect>, at: Position) -> Option<usize> {
    let r = inner(r?);
    r.contains(at).then(|| usize::from(at.y - r.y))
}

/// From this inner width on, a list item is one row (date, source, title); narrower, it is a
/// card of [`CARD_ROWS`] rows (two of title, one of date and source) so titles stay readable.
pub(crate) const ONE_LINE_ITEMS: u16 = 70;
pub(crate) const CARD_ROWS: u16 = 3;

impl Panes {
    /// Rows one list item takes.
    pub(crate) fn list_item_height(&self) -> u16 {
        if inner(self.list).width >= ONE_LINE_ITEMS {
            1
        } else {
            CARD_ROWS
        }
    }

    /// List items that fit.
    pub(crate) fn list_rows(&self) -> usize {
        usize::from(inner(self.list).height / self.list_item_height())
    }

    pub(crate) fn reader_rows(&self) -> usize {
        usize::from(inner(self.reader).height)
    }

    /// Columns inside the reader's border: the width articles are wrapped at.
    pub fn reader_width(&self) -> u16 {
        inner(self.reader).width
    }

    pub(crate) fn sources_rows(&self) -> usize {
        self.sources.map_or(0, |r| usize::from(inner(r).height))
    }

    pub(crate) fn entities_rows(&self) -> usize {
        self.entities.map_or(0, |r| usize::from(inner(r).height))
    }

    /// Which visible list item (0 = top) the cell at column `x`, row `y` is on.
    pub(crate) fn list_row_at(&self, x: u16, y: u16) -> Option<usize> {
        let item =
            row_at(Some(self.list), Position { x, y })? / usize::from(self.list_item_height());
        (item < self.list_rows()).then_some(item)
    }

    pub(crate) fn sources_row_at(&self, x: u16, y: u16) -> Option<usize> {
        row_at(self.sources, Position { x, y })
    }

    pub(crate) fn entities_row_at(&self, x: u16, y: u16) -> Option<usize> {
        row_at(self.entities, Position { x, y })
    }

    /// The pane (borders included) the cell at column `x`, row `y` is in.
    pub(crate) fn pane_at(&self, x: u16, y: u16) -> Option<Focus> {
        let at = Position { x, y };
        if self.list.contains(at) {
            Some(Focus::List)
        } else if self.reader.contains(at) {
            Some(Focus::Reader)
        } else if self.sources.is_some_and(|r| r.contains(at)) {
            Some(Focus::Sources)
        } else if self.entities.is_some_and(|r| r.contains(at)) {
            Some(Focus::Entities)
        } else {
            None
        }
    }
}

/// Lays out a `(columns, rows)` terminal.
pub(crate) fn screen((width, height): (u16, u16), input: LayoutInput) -> Screen {
    if width < MIN_WIDTH || height < MIN_HEIGHT {
        return Screen::TooSmall;
    }
    let area = Rect::new(0, 0, width, height);
    let status = Rect::new(0, height - 1, width, 1);
    let show_filter = input.filter_line;
    let filter = show_filter.then(|| Rect::new(0, height - 2, width, 1));
    let body_height = height - 1 - u16::from(show_filter);
    let body = Rect::new(0, 0, area.width, body_height);
    let mut panes = Panes {
        status,
        filter,
        ..Panes::default()
    };
    if width >= WIDE {
        let list_w = (width * 34 / 100).max(30);
        let side_w = (width * 22 / 100).clamp(24, 34);
        let reader_w = width - list_w - side_w;
        panes.list = Rect::new(0, 0, list_w, body.height);
        panes.reader = Rect::new(list_w, 0, reader_w, body.height);
        let wanted = u16::try_from(input.sources)
            .unwrap_or(u16::MAX)
            .saturating_add(2);
        let sources_h = wanted.clamp(3, body.height / 2);
        let side_x = list_w + reader_w;
        panes.sources = Some(Rect::new(side_x, 0, side_w, sources_h));
        panes.entities = Some(Rect::new(
            side_x,
            sources_h,
            side_w,
            body.height - sources_h,
        ));
    } else {
        let item_rows = if width - 2 >= ONE_LINE_ITEMS {
            1
        } else {
            CARD_ROWS
        };
        // Up to half the height for the list, in whole items, never more than it needs.
        let fit = ((body.height / 2).saturating_sub(2) / item_rows).max(1);
        let items = u16::try_from(input.rows).unwrap_or(u16::MAX).clamp(1, fit);
        let list_h = items * item_rows + 2;
        panes.list = Rect::new(0, 0, width, list_h);
        let bottom = Rect::new(0, list_h, width, body.height - list_h);
        match input.focus {
            Focus::Sources => panes.sources = Some(bottom),
            Focus::Entities => panes.entities = Some(bottom),
            Focus::List | Focus::Reader => panes.reader = bottom,
        }
    }
    Screen::Panes(panes)
}
