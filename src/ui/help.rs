//! The help overlay, generated from the keymap so it always tells the truth.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};
use ratatui::style::Style;
use ratatui::widgets::{Clear, Widget};

use super::pane;
use super::text::{StyledText, TextBlock, clear_overhang};
use crate::app::{App, KeyContext};

const KEY_COLS: usize = 22;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let theme = &app.options.theme;
    let policy = app.options.policy;
    let sections = [
        ("Browsing", KeyContext::Normal),
        ("While filtering", KeyContext::Filter),
        ("In this help", KeyContext::Help),
    ];
    let mut texts: Vec<(String, String, bool)> = Vec::new();
    for (i, (name, context)) in sections.iter().enumerate() {
        if i > 0 {
            texts.push((String::new(), String::new(), false));
        }
        texts.push((name.to_string(), String::new(), true));
        for b in app.options.keymap.table(*context) {
            let keys = b.keys.join(", ");
            texts.push((format!("  {keys:<KEY_COLS$}"), b.help.clone(), false));
        }
    }
    texts.push((String::new(), String::new(), false));
    texts.push((
        "Mouse: click selects, the wheel scrolls the pane under it.".to_string(),
        String::new(),
        false,
    ));
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
    let block = pane(" Help: keys from assets/keymap.toml ", true, theme);
    let inner = block.inner(rect);
    block.render(rect, buf);
    TextBlock {
        lines,
        scroll: 0,
        wrap: false,
        fill: Style::new(),
    }
    .render(inner, buf);
}
