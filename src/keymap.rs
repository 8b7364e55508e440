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
    /// The next row of the focused pane, or one line down in the reader and the help.
    Down,
    /// The previous row of the focused pane, or one line up in the reader and the help.
    Up,
    /// One page down in the focused pane.
    PageDown,
    /// One page up in the focused pane.
    PageUp,
    /// The first row, or the top of the open article.
    Top,
    /// The last row, or the end of the open article.
    Bottom,
    /// Opens the selected article in the reader; in a panel, toggles that row's filter.
    Activate,
    /// Toggles a panel row's filter; in the reader, a page down, or at the end of the article
    /// the next unread one.
    Toggle,
    /// Moves focus to the next pane.
    FocusNext,
    /// Moves focus to the previous pane.
    FocusPrev,
    /// Starts typing a query: the list's filter, a panel's row filter, or a find in the reader.
    StartFilter,
    /// Focuses the Sources panel; in the reader, asks where to save the article as Markdown.
    FocusSources,
    /// Focuses the Entities panel.
    FocusEntities,
    /// Switches the Entities panel between the open article and the whole corpus.
    EntityScope,
    /// Drops the query, source, entity and unread/starred filters at once.
    ClearFilters,
    /// Back to the article list (in the reader, a find ends first).
    Back,
    /// Shows or hides the help overlay.
    Help,
    /// Leaves the reader.
    Quit,
    /// Keeps the query being typed and returns to the list.
    FilterAccept,
    /// Drops the query being typed and returns to the list.
    FilterCancel,
    /// Deletes the character cluster before the cursor.
    DeleteBack,
    /// Deletes the character cluster under the cursor.
    DeleteForward,
    /// Moves the cursor one character cluster left.
    CursorLeft,
    /// Moves the cursor one character cluster right.
    CursorRight,
    /// Moves the cursor to the start of the line.
    CursorHome,
    /// Moves the cursor to the end of the line.
    CursorEnd,
    /// Erases the whole line being typed.
    ClearQuery,
    /// Moves the cursor to the start of the word.
    CursorWordLeft,
    /// Moves the cursor to the end of the word.
    CursorWordRight,
    /// Deletes back to the start of the word.
    DeleteWordBack,
    /// Deletes back to the previous space (`Ctrl-w` by default, as in readline).
    DeleteToSpaceBack,
    /// Deletes to the end of the word.
    DeleteWordForward,
    /// Deletes everything before the cursor.
    KillToStart,
    /// Deletes everything after the cursor.
    KillToEnd,
    /// From the reader: the next article in list order, opened and marked read.
    NextArticle,
    /// From the reader: the previous article in list order, opened and marked read.
    PrevArticle,
    /// The next unread article below the selection, opened and marked read.
    NextUnread,
    /// Cycles the list order (newest, oldest, outlet, title; relevance while a query is active).
    CycleSort,
    /// Puts the next saved search (`[searches]` in config.toml) in the filter.
    NextSavedSearch,
    /// Marks the selected article read, or unread again.
    ToggleRead,
    /// Stars or unstars the selected article.
    ToggleStar,
    /// Marks every listed article read.
    MarkAllRead,
    /// Lists only unread articles, or all again (the query's `is:unread`).
    FilterUnread,
    /// Lists only starred articles, or all again (the query's `is:starred`).
    FilterStarred,
    /// Opens the article's web address in the browser.
    OpenUrl,
    /// Copies the article's web address through the terminal (OSC 52).
    CopyUrl,
    /// Asks for a command and pipes the article's text to it, run without a shell.
    Pipe,
    /// Saves the selected article as Markdown (the reader's `s`, from every pane).
    Save,
    /// Fetches the subscribed feeds in the background into the list.
    Fetch,
    /// Reads the folders again (changes also show up by themselves while watching).
    Rescan,
    /// The previous match of the query or the find in the reader.
    PrevMatch,
}

impl Command {
    /// The command called `name` in the keymap file (`page_down`).
    pub(crate) fn from_name(name: &str) -> Option<Self> {
        use serde::de::value::{Error, StrDeserializer};
        Self::deserialize(StrDeserializer::<Error>::new(name)).ok()
    }

    /// Its name in the keymap file.
    pub(crate) fn name(self) -> String {
        match toml::Value::try_from(self) {
            Ok(toml::Value::String(name)) => name,
            _ => format!("{self:?}"),
        }
    }
}

/// A key press, reduced to what bindings distinguish (Shift is part of the character).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key itself: a character (already shifted) or a named key.
    pub code: KeyCode,
    /// Held with Control.
    pub ctrl: bool,
    /// Held with Alt (Meta).
    pub alt: bool,
}

impl Key {
    /// `code` with no modifier held.
    pub fn plain(code: KeyCode) -> Self {
        Self {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// `c` with Control held (`Key::ctrl('c')` is `Ctrl-c`).
    pub fn ctrl(c: char) -> Self {
        Self {
            code: KeyCode::Char(c),
            ctrl: true,
            alt: false,
        }
    }

    /// Parses a key name as written in the keymap file (`j`, `Ctrl-c`, `PageDown`, `Space`).
    pub(crate) fn parse(name: &str) -> Result<Self, String> {
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
pub(crate) struct Binding {
    pub(crate) command: Command,
    /// Key names exactly as written in the file; shown as such in the help overlay.
    pub(crate) keys: Vec<String>,
    pub(crate) help: String,
    /// Short status-bar label; bindings without one are only in the help overlay.
    pub(crate) hint: Option<String>,
    #[serde(skip)]
    parsed: Vec<Key>,
}

/// What keys mean right now: each mode has its own table of bindings.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Mode {
    /// Browsing: the list, the panels and the reader.
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
pub(crate) struct Keymap {
    pub(crate) normal: Vec<Binding>,
    pub(crate) filter: Vec<Binding>,
    pub(crate) help: Vec<Binding>,
}

const DEFAULT: &str = include_str!("../assets/keymap.toml");

impl Keymap {
    /// The keymap shipped in `assets/keymap.toml`.
    pub(crate) fn embedded() -> Result<Self, Error> {
        Self::from_toml(DEFAULT)
    }

    /// Parses a keymap; unknown commands, fields or key names are errors, never ignored.
    pub(crate) fn from_toml(text: &str) -> Result<Self, Error> {
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
    pub(crate) fn rebind(
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
    pub(crate) fn commands(&self, mode: Mode) -> impl Iterator<Item = Command> + '_ {
        self.table(mode).iter().map(|b| b.command)
    }

    fn table_mut(&mut self, mode: Mode) -> &mut Vec<Binding> {
        match mode {
            Mode::Normal | Mode::Picker => &mut self.normal,
            Mode::Filter | Mode::Prompt => &mut self.filter,
            Mode::Help => &mut self.help,
        }
    }

    pub(crate) fn table(&self, context: Mode) -> &[Binding] {
        match context {
            Mode::Normal | Mode::Picker => &self.normal,
            Mode::Filter | Mode::Prompt => &self.filter,
            Mode::Help => &self.help,
        }
    }

    /// The command bound to `key` in `context`, if any.
    pub(crate) fn lookup(&self, context: Mode, key: Key) -> Option<Command> {
        self.table(context)
            .iter()
            .find(|b| b.parsed.contains(&key))
            .map(|b| b.command)
    }

    /// The first key bound to `command` in `context`, as written in the file.
    pub(crate) fn first_key(&self, context: Mode, command: Command) -> Option<&str> {
        self.table(context)
            .iter()
            .find(|b| b.command == command)
            .and_then(|b| b.keys.first())
            .map(String::as_str)
    }

    /// `(first key, label)` for every hinted binding of `context`, in file order.
    #[cfg(test)]
    pub(crate) fn hints(&self, context: Mode) -> impl Iterator<Item = (&str, &str)> {
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
