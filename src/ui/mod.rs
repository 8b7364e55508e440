//! Drawing: `render(&App, &mut Frame)` is pure; it reads the app and writes the frame.
//!
//! Article text (titles, bodies, names, the query) is drawn only through [`text`], which
//! measures, wraps and writes grapheme clusters the way a real terminal shows them.

pub(crate) mod fit;
mod help;
mod list;
mod panels;
mod picker;
mod reader;
mod snippet;
mod status;
mod titled;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

use crate::app::{App, Focus, Mode};
use crate::settings::Theme;
use crate::text::width::WidthPolicy;
use crate::view::layout::{self, Screen};
use crate::view::text;

/// Draws the whole screen for `app`.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    match app.screen_at((area.width, area.height)) {
        Screen::TooSmall => too_small(app, frame, area),
        Screen::Panes(p) => {
            let buf = frame.buffer_mut();
            let focus = app.view.focus;
            list::render(app, &p, buf, focus == Focus::List);
            if !p.reader.is_empty() {
                reader::render(app, p.reader, buf, focus == Focus::Reader);
            }
            if let Some(r) = p.sources {
                panels::sources(app, r, buf, focus == Focus::Sources);
            }
            if let Some(r) = p.entities {
                panels::entities(app, r, buf, focus == Focus::Entities);
            }
            if let Some(r) = p.filter
                && let Some(cursor) = status::filter_bar(app, r, buf)
            {
                frame.set_cursor_position(cursor);
            }
            status::status_bar(app, p.status, frame.buffer_mut());
            if app.view.mode == Mode::Help {
                help::render(app, area, frame.buffer_mut());
            }
            if app.view.mode == Mode::Picker {
                picker::render(app, area, frame.buffer_mut());
            }
        }
    }
}

/// A bordered pane whose border and title show whether it has focus.
/// Blanks the rows of `inner` from `from_y` down (stale rows would otherwise survive a shorter
/// list), and when the pane has nothing to show says why on its first row.
fn finish_pane(
    buf: &mut ratatui::buffer::Buffer,
    inner: Rect,
    from_y: u16,
    empty: Option<&str>,
    style: ratatui::style::Style,
    policy: WidthPolicy,
) {
    for y in from_y..inner.bottom() {
        text::write_line(
            buf,
            inner.x,
            y,
            inner.width,
            &[],
            ratatui::style::Style::new(),
        );
    }
    if let Some(message) = empty.filter(|_| from_y < inner.bottom()) {
        let msg = text::StyledText::plain(message, style, policy);
        text::write_line(
            buf,
            inner.x,
            inner.y,
            inner.width,
            &msg.clusters,
            ratatui::style::Style::new(),
        );
    }
}

fn pane<'a>(title: impl Into<Line<'a>>, focused: bool, theme: &Theme) -> Block<'a> {
    let (border, title_style) = if focused {
        (theme.border_focused.0, theme.pane_title_focused.0)
    } else {
        (theme.border.0, theme.pane_title.0)
    };
    Block::bordered()
        .border_type(if focused {
            BorderType::Thick
        } else {
            BorderType::Plain
        })
        .border_style(border)
        .title(title.into().style(title_style))
}

fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    let msg = format!(
        "Terminal too small: {}×{}. khobor needs at least {}×{}.",
        area.width,
        area.height,
        layout::MIN_WIDTH,
        layout::MIN_HEIGHT
    );
    let y = area.height / 2;
    let rect = Rect::new(
        0,
        y.saturating_sub(1),
        area.width,
        area.height - y.saturating_sub(1),
    );
    frame.render_widget(
        Paragraph::new(msg)
            .style(app.options.theme.warning.0)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        rect,
    );
}
