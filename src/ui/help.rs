//! The help overlay, generated from the keymap so it always tells the truth.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use super::pane;
use super::text::{StyledText, TextBlock, clear_overhang};
use crate::app::{App, Command, KeyContext, Keymap};

const KEY_COLS: usize = 22;

const SECTIONS: [(&str, KeyContext); 3] = [
    ("Browsing", KeyContext::Normal),
    ("While filtering", KeyContext::Filter),
    ("In this help", KeyContext::Help),
];

const MOUSE: &str = "Mouse: click selects, the wheel scrolls the pane under it.";

/// `(keys, description, is_section_heading)` for every line of the overlay.
fn entries(keymap: &Keymap) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    for (name, context) in SECTIONS {
        out.push((name.to_string(), String::new(), true));
        for b in keymap.table(context) {
            let keys = b.keys.join(", ");
            out.push((format!("  {keys:<KEY_COLS$}"), b.help.clone(), false));
        }
        out.push((String::new(), String::new(), false));
    }
    out.push(("Filter queries".to_string(), String::new(), true));
    for (example, meaning) in crate::search::query::SYNTAX {
        out.push((
            format!("  {example:<KEY_COLS$}"),
            (*meaning).to_string(),
            false,
        ));
    }
    out.push((String::new(), String::new(), false));
    out.push((MOUSE.to_string(), String::new(), false));
    out
}

/// Rows of help that do not fit on a screen `height` rows tall: how far it can scroll.
pub fn overflow(keymap: &Keymap, height: u16) -> usize {
    entries(keymap)
        .len()
        .saturating_sub(usize::from(height.saturating_sub(2)))
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.options.theme;
    let policy = app.options.policy;
    let texts = entries(&app.options.keymap);
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
        .first_key(KeyContext::Help, Command::Down)
        .zip(keymap.first_key(KeyContext::Help, Command::Up));
    let title = match scroll_keys {
        Some((down, up)) if overflow(keymap, area.height) > 0 => {
            format!(" Help: keys in effect ({down}/{up} scroll) ")
        }
        _ => " Help: keys in effect ".to_string(),
    };
    let block = pane(title, true, theme);
    let inner = block.inner(rect);
    block.render(rect, buf);
    TextBlock {
        lines,
        scroll: app.view.help_scroll,
        wrap: false,
        fill: Style::new(),
    }
    .render(inner, buf);
}
