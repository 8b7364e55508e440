//! Draws the help overlay: [`crate::view::help`]'s lines in a centred box.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use super::fit::Part;
use crate::app::App;
use crate::keymap::{Command, Mode};
use crate::view::help::{entries, overflow};
use crate::view::text::{StyledText, TextBlock, clear_overhang};

pub(super) fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.options.theme;
    let policy = app.options.policy;
    let s = app.options.language.strings();
    let texts = entries(&app.options.keymap, s, app.options.mouse);
    let lines = texts
        .iter()
        .map(|(keys, help, section)| {
            let key_style = if *section {
                theme.help_section.0
            } else {
                theme.help_key.0
            };
            let mut line = StyledText::plain(keys, key_style, policy);
            line.push(StyledText::plain(help, theme.help.0, policy));
            line
        })
        .collect();
    let [rect] = Layout::horizontal([Constraint::Max(90)])
        .flex(Flex::Center)
        .areas(area);
    let [rect] = Layout::vertical([Constraint::Max(
        u16::try_from(texts.len() + 2).unwrap_or(u16::MAX),
    )])
    .flex(Flex::Center)
    .areas(rect);
    clear_overhang(buf, rect);
    Clear.render(rect, buf);
    let keymap = &app.options.keymap;
    let scroll_keys = keymap
        .first_key(Mode::Help, Command::Down)
        .zip(keymap.first_key(Mode::Help, Command::Up));
    let scroll = scroll_keys
        .filter(|_| overflow(keymap, area.height) > 0)
        .map(|(down, up)| {
            let keys = s.fill("pane.help_scroll", &[("down", down), ("up", up)]);
            format!("({keys})")
        });
    let mut parts = vec![Part::new(s.get("pane.help"), 0)];
    if let Some(scroll) = &scroll {
        parts.push(Part::new(scroll, 1));
    }
    let inner = super::titled::framed(app, rect, buf, &parts, true);
    TextBlock {
        lines,
        scroll: app.view.help_scroll,
        wrap: false,
        fill: Style::new(),
        breaks: None,
    }
    .render(inner, buf);
}
