//! The help overlay's lines, generated from the keymap so it always tells the truth; here,
//! without the app, because the app needs their count to know how far help scrolls.

use crate::keymap::{Keymap, Mode};
use crate::strings::{Language, Strings};

const KEY_COLS: usize = 22;

/// `(heading key in assets/ui, keymap table, its name in the language files)`.
const SECTIONS: [(&str, Mode, &str); 3] = [
    ("help.browsing", Mode::Normal, "normal"),
    ("help.filtering", Mode::Filter, "filter"),
    ("help.in_help", Mode::Help, "help"),
];

/// `(keys, description, is_section_heading)` for every line of the overlay.
/// In the interface language `s`; `mouse` says whether the reader captures the mouse.
pub(crate) fn entries(keymap: &Keymap, s: &Strings, mouse: bool) -> Vec<(String, String, bool)> {
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
pub(crate) fn overflow(keymap: &Keymap, height: u16) -> usize {
    entries(keymap, Language::En.strings(), true)
        .len()
        .saturating_sub(usize::from(height.saturating_sub(2)))
}
