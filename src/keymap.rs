//! The keymap as data: `assets/keymap.toml` maps keys to commands per mode, and the help overlay
//! and status-bar hints are generated from the same table.
//!
//! A leaf: the app looks keys up here, the help overlay and the configuration read the same
//! tables, and none of them has to import another to learn what a key does.

pub use crossterm::event::KeyCode;
use crossterm::event::{KeyEvent, KeyModifiers};
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// A command a key can be bound to in `assets/keymap.toml`. What it does depends on focus.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Serialize)]
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
    Pipe,
    /// Saves the selected article as Markdown (the reader's `s`, from every pane).
    Save,
    Fetch,
    Rescan,
    PrevMatch,
}

impl Command {
    /// The command called `name` in the keymap file (`page_down`).
    pub fn from_name(name: &str) -> Option<Self> {
        use serde::de::value::{Error, StrDeserializer};
        Self::deserialize(StrDeserializer::<Error>::new(name)).ok()
    }

    /// Its name in the keymap file.
    pub fn name(self) -> String {
        match toml::Value::try_from(self) {
            Ok(toml::Value::String(name)) => name,
            _ => format!("{self:?}"),
        }
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
    /// Typing the line a command asks for (where to save, what to pipe to): the filter's
    /// bindings edit it.
    Prompt,
    /// The saved-search picker is open: the normal bindings move in it (`j`/`k`), apply
    /// (`Enter`) and close it (`Esc`).
    Picker,
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
    pub fn embedded() -> Result<Self, Error> {
        Self::from_toml(DEFAULT)
    }

    /// Parses a keymap; unknown commands, fields or key names are errors, never ignored.
    pub fn from_toml(text: &str) -> Result<Self, Error> {
        let mut map: Keymap = toml::from_str(text).map_err(|e| Error::asset("keymap", e))?;
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
                .map_err(|e| Error::asset("keymap", e))?;
        }
        Ok(map)
    }

    /// Binds the key named `key` to `command` in `mode`'s table, taking it from whatever it was
    /// bound to there; with `command` `None` the key is only unbound. The name is kept as
    /// written, for the help overlay.
    pub fn rebind(
        &mut self,
        mode: Mode,
        key: &str,
        command: Option<Command>,
    ) -> Result<(), String> {
        let parsed = Key::parse(key)?;
        for binding in self.table_mut(mode) {
            let keep: Vec<bool> = binding.parsed.iter().map(|k| *k != parsed).collect();
            let mut keep = keep.into_iter();
            binding.keys.retain(|_| keep.next().unwrap_or(true));
            binding.parsed.retain(|k| *k != parsed);
            if Some(binding.command) == command {
                binding.keys.push(key.to_string());
                binding.parsed.push(parsed);
            }
        }
        Ok(())
    }

    /// The commands `mode`'s table binds.
    pub fn commands(&self, mode: Mode) -> impl Iterator<Item = Command> + '_ {
        self.table(mode).iter().map(|b| b.command)
    }

    fn table_mut(&mut self, mode: Mode) -> &mut Vec<Binding> {
        match mode {
            Mode::Normal | Mode::Picker => &mut self.normal,
            Mode::Filter | Mode::Prompt => &mut self.filter,
            Mode::Help => &mut self.help,
        }
    }

    pub fn table(&self, context: Mode) -> &[Binding] {
        match context {
            Mode::Normal | Mode::Picker => &self.normal,
            Mode::Filter | Mode::Prompt => &self.filter,
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
    fn rebinding_moves_a_key_between_commands_and_unbinds() {
        let mut m = Keymap::embedded().unwrap();
        let n = Mode::Normal;
        m.rebind(n, "j", Some(Command::Up)).unwrap();
        assert_eq!(
            m.lookup(n, Key::plain(KeyCode::Char('j'))),
            Some(Command::Up)
        );
        assert!(
            !m.table(n)
                .iter()
                .any(|b| b.command == Command::Down && b.keys.contains(&"j".to_string()))
        );
        m.rebind(n, "q", None).unwrap();
        assert_eq!(m.lookup(n, Key::plain(KeyCode::Char('q'))), None);
        assert!(m.rebind(n, "Hyper-x", None).is_err());
    }

    #[test]
    fn command_names_are_the_keymap_file_names() {
        assert_eq!(Command::PageDown.name(), "page_down");
        assert_eq!(Command::from_name("page_down"), Some(Command::PageDown));
        assert_eq!(Command::from_name("fly"), None);
        let m = Keymap::embedded().unwrap();
        for c in m.commands(Mode::Normal) {
            assert_eq!(Command::from_name(&c.name()), Some(c));
        }
    }

    #[test]
    fn key_names_parse() {
        assert_eq!(Key::parse("Ctrl-d").unwrap(), Key::ctrl('d'));
        assert_eq!(Key::parse("Space").unwrap(), Key::plain(KeyCode::Char(' ')));
        assert_eq!(Key::parse("-").unwrap(), Key::plain(KeyCode::Char('-')));
        assert!(Key::parse("Ctrl-").is_err());
    }
}
