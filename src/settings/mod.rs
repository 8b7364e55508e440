//! What the user chooses before the reader starts: keymap, theme, how to measure text and how
//! to show dates.
//!
//! A leaf, so that the app, the drawing code and the configuration file all depend on it and
//! not on each other; only `cli` reads the configuration file and turns it into [`Options`].

pub(crate) mod theme;

use serde::{Deserialize, Serialize};

use crate::keymap::Keymap;
use crate::saved_search::SavedSearch;
use crate::strings::Language;
use crate::text::width::WidthPolicy;
pub(crate) use theme::Theme;

/// How dates are shown in the reader.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateDisplay {
    /// `2025-07-13`.
    #[default]
    Gregorian,
    /// The Gregorian date with the Bengali calendar date beside it: `2025-07-13 (২৯ আষাঢ় ১৪৩২)`.
    Bengali,
}

/// How entity names are shown in the panels and the status line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityNames {
    /// The English name where the gazetteer knows one (`Vladimir Putin`), else the Bengali.
    #[default]
    English,
    /// Always the Bengali name as the articles write it (`ভ্লাদিমির পুতিন`).
    Bengali,
}

/// Settings the app is started with.
#[derive(Clone, Debug)]
pub struct Options {
    /// How wide a Bengali cluster is taken to be, so the layout agrees with the terminal.
    pub policy: WidthPolicy,
    pub(crate) keymap: Keymap,
    pub(crate) theme: Theme,
    /// Whether the reader shows the Bengali calendar date beside the Gregorian one.
    pub dates: DateDisplay,
    /// The language of the interface's own words (panes, status line, help).
    pub language: Language,
    /// Whether entities are named in English where the gazetteer knows how.
    pub entity_names: EntityNames,
    /// Whether the terminal reports the mouse (`mouse = false` leaves selection to the terminal).
    pub(crate) mouse: bool,
    /// The `[searches]` of `config.toml`, in file order, for the picker and `F`.
    pub saved_searches: Vec<SavedSearch>,
}

impl Options {
    /// The shipped keymap and theme with the given width policy.
    pub fn embedded(policy: WidthPolicy) -> Result<Self, crate::error::Error> {
        Ok(Self {
            policy,
            keymap: Keymap::embedded()?,
            theme: Theme::embedded()?,
            dates: DateDisplay::default(),
            language: Language::default(),
            entity_names: EntityNames::default(),
            mouse: true,
            saved_searches: Vec::new(),
        })
    }
}
