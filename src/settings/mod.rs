//! What the user chooses before the reader starts: keymap, theme, how to measure text and how
//! to show dates.
//!
//! A leaf, so that the app, the drawing code and the configuration file all depend on it and
//! not on each other; only `cli` reads the configuration file and turns it into [`Options`].

pub mod theme;

use serde::{Deserialize, Serialize};

use crate::keymap::Keymap;
use crate::text::width::WidthPolicy;
pub use theme::Theme;

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

/// Settings the app is started with.
#[derive(Clone, Debug)]
pub struct Options {
    pub policy: WidthPolicy,
    pub keymap: Keymap,
    pub theme: Theme,
    pub dates: DateDisplay,
}

impl Options {
    /// The shipped keymap and theme with the given width policy.
    pub fn embedded(policy: WidthPolicy) -> anyhow::Result<Self> {
        Ok(Self {
            policy,
            keymap: Keymap::embedded()?,
            theme: Theme::embedded()?,
            dates: DateDisplay::default(),
        })
    }
}
