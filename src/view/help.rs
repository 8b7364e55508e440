//! The help overlay's lines, generated from the keymap so it always tells the truth; here,
//! without the app, because the app needs their count to know how far help scrolls.

use crate::keymap::{Keymap, Mode};

const KEY_COLS: usize = 22;

const SECTIONS: [(&str, Mode); 3] = [
    ("Browsing", Mode::Normal),
    ("While filtering", Mode::Filter),
    ("In this help", Mode::Help),
];

const MOUSE: &str = "Mouse: click selects, the wheel scrolls the pane under it.";

/// `(keys, description, is_section_heading)` for every line of the overlay.
pub fn entries(keymap: &Keymap) -> Vec<(String, String, bool)> {
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
