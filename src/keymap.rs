//! The keymap as data: `assets/keymap.toml` maps keys to commands per mode, and the help overlay
//! and status-bar hints are generated from the same table.
//!
//! A leaf: the app looks keys up here, the help overlay and the configuration read the same
//! tables, and none of them has to import another to learn what a key does.

pub use crossterm::event::KeyCode;
use crossterm::event::{KeyEvent, KeyModifiers};
use serde::Deserialize;

/// A command a key can be bound to in `assets/keymap.toml`. What it does depends on focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Down,
    Up,
    PageDown,
    PageUp,
    Top,
    Bottom,
    Activate,
    Toggle,
    FocusNext,
    FocusPrev,
    StartFilter,
    FocusSources,
    FocusEntities,
    EntityScope,
    ClearFilters,
    Back,
    Help,
    Quit,
    FilterAccept,
    FilterCancel,
    DeleteBack,
    DeleteForward,
    CursorLeft,
    CursorRight,
    CursorHome,
    CursorEnd,
    ClearQuery,
    CursorWordLeft,
    CursorWordRight,
    DeleteWordBack,
    DeleteToSpaceBack,
    DeleteWordForward,
    KillToStart,
    KillToEnd,
    /// From the reader: the next article in list order, opened and marked read.
    NextArticle,
    PrevArticle,
    /// The next unread article below the selection, opened and marked read.
    NextUnread,
    /// Cycles the list order (newest, oldest, outlet, title; relevance while a query is active).
    CycleSort,
    /// Puts the next saved search (`[searches]` in config.toml) in the filter.
    NextSavedSearch,
    ToggleRead,
    ToggleStar,
    MarkAllRead,
    FilterUnread,
    FilterStarred,
    OpenUrl,
    CopyUrl,
}

impl Command {
    /// The name the keymap file uses (`next_unread`): the variant in snake case, as serde
    /// reads it.
    pub fn name(self) -> String {
        let mut out = String::new();
        for (i, c) in format!("{self:?}").chars().enumerate() {
            if c.is_ascii_uppercase() && i > 0 {
                out.push('_');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }
}

/// A key press, reduced to what bindings distinguish (Shift is part of the character).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub fn plain(code: KeyCode) -> Self {
        Self {
            code,
            ctrl: false,
            alt: false,
        }
    }

    pub fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Parses a key name as written in the keymap file (`j`, `Ctrl-c`, `PageDown`, `Space`).
    pub fn parse(name: &str) -> Result<Self, String> {
        let (mut ctrl, mut alt, mut rest) = (false, false, name);
        loop {
            if let Some(r) = rest.strip_prefix("Ctrl-").filter(|r| !r.is_empty()) {
                (ctrl, rest) = (true, r);
            } else if let Some(r) = rest.strip_prefix("Alt-").filter(|r| !r.is_empty()) {
                (alt, rest) = (true, r);
            } else {
                break;
            }
        }
        let code = match rest {
            "Space" => KeyCode::Char(' '),
            "Enter" => KeyCode::Enter,
            "Esc" => KeyCode::Esc,
            "Tab" => KeyCode::Tab,
            "BackTab" => KeyCode::BackTab,
            "Backspace" => KeyCode::Backspace,
            "Delete" => KeyCode::Delete,
            "Up" => KeyCode::Up,
            "Down" => KeyCode::Down,
            "Left" => KeyCode::Left,
            "Right" => KeyCode::Right,
            "Home" => KeyCode::Home,
            "End" => KeyCode::End,
            "PageUp" => KeyCode::PageUp,
            "PageDown" => KeyCode::PageDown,
            _ => {
                let mut chars = rest.chars();
                match (chars.next(), chars.next()) {
                    (Some(c), None) => KeyCode::Char(c),
                    _ => return Err(format!("unknown key name `{name}`")),
                }
            }
        };
        Ok(Self { code, ctrl, alt })
    }
}

impl From<KeyEvent> for Key {
    fn from(e: KeyEvent) -> Self {
        Self {
            code: e.code,
            ctrl: e.modifiers.contains(KeyModifiers::CONTROL),
            alt: e.modifiers.contains(KeyModifiers::ALT),
        }
    }
}

/// One row of the keymap: a command, the keys bound to it, and how help and hints describe it.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Binding {
    pub command: Command,
    /// Key names exactly as written in the file; shown as such in the help overlay.
    pub keys: Vec<String>,
    pub help: String,
    /// Short status-bar label; bindings without one are only in the help overlay.
    pub hint: Option<String>,
    #[serde(skip)]
    parsed: Vec<Key>,
}

/// What keys mean right now: each mode has its own table of bindings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    #[default]
    Normal,
    /// Typing a filter query.
    Filter,
    /// The help overlay is open.
    Help,
}

/// The three tables of bindings.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keymap {
    pub normal: Vec<Binding>,
    pub filter: Vec<Binding>,
    pub help: Vec<Binding>,
}

const DEFAULT: &str = include_str!("../assets/keymap.toml");

impl Keymap {
    /// The keymap shipped in `assets/keymap.toml`.
    pub fn embedded() -> anyhow::Result<Self> {
        Self::from_toml(DEFAULT)
    }

    /// Parses a keymap; unknown commands, fields or key names are errors, never ignored.
    pub fn from_toml(text: &str) -> anyhow::Result<Self> {
        let mut map: Keymap = toml::from_str(text)?;
        for b in map
            .normal
            .iter_mut()
            .chain(map.filter.iter_mut())
            .chain(map.help.iter_mut())
        {
            b.parsed = b
                .keys
                .iter()
                .map(|k| Key::parse(k))
                .collect::<Result<_, _>>()
                .map_err(anyhow::Error::msg)?;
        }
        Ok(map)
    }

    pub fn table(&self, context: Mode) -> &[Binding] {
        match context {
            Mode::Normal => &self.normal,
            Mode::Filter => &self.filter,
            Mode::Help => &self.help,
        }
    }

    /// The command bound to `key` in `context`, if any.
    pub fn lookup(&self, context: Mode, key: Key) -> Option<Command> {
        self.table(context)
            .iter()
            .find(|b| b.parsed.contains(&key))
            .map(|b| b.command)
    }

    /// The first key bound to `command` in `context`, as written in the file.
    pub fn first_key(&self, context: Mode, command: Command) -> Option<&str> {
        self.table(context)
            .iter()
            .find(|b| b.command == command)
            .and_then(|b| b.keys.first())
            .map(String::as_str)
    }

    /// `(first key, label)` for every hinted binding of `context`, in file order.
    pub fn hints(&self, context: Mode) -> impl Iterator<Item = (&str, &str)> {
        self.table(context)
            .iter()
            .filter_map(|b| Some((b.keys.first()?.as_str(), b.hint.as_deref()?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_keymap_parses_and_binds_the_issue_keys() {
        let m = Keymap::embedded().unwrap();
        let n = Mode::Normal;
        assert_eq!(
            m.lookup(n, Key::plain(KeyCode::Char('j'))),
            Some(Command::Down)
        );
        assert_eq!(m.lookup(n, Key::plain(KeyCode::Down)), Some(Command::Down));
        assert_eq!(
            m.lookup(n, Key::plain(KeyCode::Char('G'))),
            Some(Command::Bottom)
        );
        assert_eq!(m.lookup(n, Key::ctrl('c')), Some(Command::Quit));
        assert_eq!(
            m.lookup(n, Key::plain(KeyCode::BackTab)),
            Some(Command::FocusPrev)
        );
        assert_eq!(
            m.lookup(Mode::Filter, Key::plain(KeyCode::Char('q'))),
            None,
            "q types a q while filtering"
        );
        assert!(m.hints(n).any(|(k, l)| k == "/" && l == "filter"));
    }

    #[test]
    fn bad_keymaps_are_errors() {
        let bad_key = "normal = [{ command = \"down\", keys = [\"Hyper-x\"], help = \"\" }]\nfilter = []\nhelp = []";
        assert!(Keymap::from_toml(bad_key).is_err());
        let bad_command =
            "normal = [{ command = \"fly\", keys = [\"x\"], help = \"\" }]\nfilter = []\nhelp = []";
        assert!(Keymap::from_toml(bad_command).is_err());
    }

    #[test]
    fn key_names_parse() {
        assert_eq!(Key::parse("Ctrl-d").unwrap(), Key::ctrl('d'));
        assert_eq!(Key::parse("Space").unwrap(), Key::plain(KeyCode::Char(' ')));
        assert_eq!(Key::parse("-").unwrap(), Key::plain(KeyCode::Char('-')));
        assert!(Key::parse("Ctrl-").is_err());
    }
}
