//! The help overlay, generated from the keymap so it always tells the truth.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use super::fit::Part;
use super::text::{StyledText, TextBlock, clear_overhang};
use crate::app::{App, Command, KeyContext, Keymap};
use crate::strings::{Language, Strings};

const KEY_COLS: usize = 22;

/// `(heading key in assets/ui, keymap context, its name in the language files)`.
const SECTIONS: [(&str, KeyContext, &str); 3] = [
    ("help.browsing", KeyContext::Normal, "normal"),
    ("help.filtering", KeyContext::Filter, "filter"),
    ("help.in_help", KeyContext::Help, "help"),
];

/// `(keys, description, is_section_heading)` for every line of the overlay.
fn entries(keymap: &Keymap, s: &Strings, mouse: bool) -> Vec<(String, String, bool)> {
    let mut out = Vec::new();
    for (heading, context, name) in SECTIONS {
        out.push((s.get(heading).to_string(), String::new(), true));
        for b in keymap.table(context) {
            let keys = b.keys.join(", ");
            let help = s.command_help(name, &b.command.name(), &b.help).to_string();
            out.push((format!("  {keys:<KEY_COLS$}"), help, false));
        }
        out.push((String::new(), String::new(), false));
    }
    out.push((s.get("help.queries").to_string(), String::new(), true));
    for (example, meaning) in crate::search::query::SYNTAX {
        out.push((
            format!("  {example:<KEY_COLS$}"),
            s.query_meaning(example, meaning).to_string(),
            false,
        ));
    }
    out.push((String::new(), String::new(), false));
    let mouse = if mouse {
        "help.mouse"
    } else {
        "help.mouse_off"
    };
    out.push((s.get(mouse).to_string(), String::new(), false));
    out
}

/// Rows of help that do not fit on a screen `height` rows tall: how far it can scroll.
pub fn overflow(keymap: &Keymap, height: u16) -> usize {
    entries(keymap, Language::En.strings(), true)
        .len()
        .saturating_sub(usize::from(height.saturating_sub(2)))
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
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
        .first_key(KeyContext::Help, Command::Down)
        .zip(keymap.first_key(KeyContext::Help, Command::Up));
    let scroll = scroll_keys
        .filter(|_| overflow(keymap, area.height) > 0)
        .map(|(down, up)| {
            format!(
                "({})",
                s.fill("pane.help_scroll", &[("down", down), ("up", up)])
            )
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
    }
    .render(inner, buf);
}
