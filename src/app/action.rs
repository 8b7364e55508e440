//! What can happen to the app (actions) and what the app asks the runtime to do (effects).

use serde::Deserialize;

use super::keymap::Key;
use crate::state::ReadingState;

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
    ToggleRead,
    ToggleStar,
    MarkAllRead,
    FilterUnread,
    FilterStarred,
}

/// Everything `update` reacts to; the runtime turns terminal events into these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    /// A key press, resolved through the keymap of the current mode.
    Key(Key),
    /// A command directly (tests, scripted input).
    Command(Command),
    /// Text pasted into the terminal (bracketed paste): goes into the query while filtering.
    Paste(String),
    /// The terminal now has this many columns and rows.
    Resize(u16, u16),
    /// Left click at a screen cell.
    Click { x: u16, y: u16 },
    /// Mouse wheel over a screen cell; `down` scrolls towards the end.
    Wheel { x: u16, y: u16, down: bool },
    /// The process was asked to stop (SIGTERM, SIGHUP).
    Terminate,
    /// The marks were saved; this is the state on disk now (ours merged with any written by
    /// another khobor since), which the app adopts.
    MarksSaved(ReadingState),
    /// Something to tell the user in the status bar (a failed save, a state file moved aside).
    Notice(String),
}

/// What the runtime must do after an update; `update` itself never does I/O.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Visible state changed: draw a frame.
    Redraw,
    /// Leave the event loop and restore the terminal.
    Quit,
    /// The marks changed: save them, then report back with [`Action::MarksSaved`] or
    /// [`Action::Notice`].
    SaveMarks,
}
