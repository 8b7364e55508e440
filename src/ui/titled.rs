//! Pane frames whose titles go through the text layer and fit by priority.
//!
//! ratatui draws a block title with `unicode-width`, which gives the Bengali vowel sign া no
//! column while terminals give it one, so a Bengali title (`খবর`, `সূত্র`) would push the border
//! out of line in tmux. The title is written here cluster by cluster instead, like article text,
//! and the parts that do not fit are dropped whole, least useful first ([`super::fit`]).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use super::fit::{Part, fit};
use crate::app::App;
use crate::view::text::{StyledText, write_line};

/// Draws a pane's border with `parts` as its title; returns the area inside.
pub(super) fn framed(
    app: &App,
    area: Rect,
    buf: &mut Buffer,
    parts: &[Part],
    focused: bool,
) -> Rect {
    let theme = &app.options.theme;
    let block = super::pane("", focused, theme);
    let inner = block.inner(area);
    block.render(area, buf);
    // Two corners and a space each side of the title.
    let room = usize::from(area.width.saturating_sub(4));
    let text = fit(parts, " ", room);
    if !text.is_empty() {
        let style = if focused {
            theme.pane_title_focused.0
        } else {
            theme.pane_title.0
        };
        let padded = format!(" {text} ");
        let label = StyledText::plain(&padded, style, app.options.policy);
        let width = u16::try_from(label.width()).unwrap_or(u16::MAX);
        let width = width.min(area.width.saturating_sub(2));
        write_line(buf, area.x + 1, area.y, width, &label.clusters, style);
    }
    inner
}
