//! Named styles for every UI element, loaded from `assets/themes/` (data, not code).

use std::str::FromStr;

use ratatui::style::{Color, Modifier, Style};
use serde::Deserialize;

use crate::article::EntityKind;
use crate::error::Error;

/// A style as written in the theme file.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct StyleSpec {
    fg: Option<String>,
    bg: Option<String>,
    #[serde(default)]
    modifiers: Vec<String>,
}

/// A parsed style; bad colour or modifier names are errors, never silently ignored.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(try_from = "StyleSpec")]
pub struct Named(pub Style);

impl TryFrom<StyleSpec> for Named {
    type Error = String;

    fn try_from(spec: StyleSpec) -> Result<Self, String> {
        let color = |c: &str| Color::from_str(c).map_err(|_| format!("unknown colour `{c}`"));
        let mut style = Style::new();
        if let Some(fg) = &spec.fg {
            style = style.fg(color(fg)?);
        }
        if let Some(bg) = &spec.bg {
            style = style.bg(color(bg)?);
        }
        for m in &spec.modifiers {
            let m = match m.as_str() {
                "bold" => Modifier::BOLD,
                "dim" => Modifier::DIM,
                "italic" => Modifier::ITALIC,
                "underlined" => Modifier::UNDERLINED,
                "reversed" => Modifier::REVERSED,
                other => return Err(format!("unknown modifier `{other}`")),
            };
            style = style.add_modifier(m);
        }
        Ok(Named(style))
    }
}

/// Every style the UI uses, by element.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub border: Named,
    pub border_focused: Named,
    pub pane_title: Named,
    pub pane_title_focused: Named,
    pub date: Named,
    pub source: Named,
    pub title: Named,
    /// Patched over the title of an unread article.
    pub unread: Named,
    /// The `N` flag of an unread article in the list.
    pub unread_marker: Named,
    /// The `*` flag of a starred article.
    pub starred: Named,
    pub selected: Named,
    pub selected_unfocused: Named,
    #[serde(rename = "match")]
    pub matched: Named,
    pub reader_title: Named,
    pub meta: Named,
    pub person: Named,
    pub place: Named,
    pub organization: Named,
    pub media: Named,
    pub marked: Named,
    pub active: Named,
    pub count: Named,
    pub status: Named,
    pub status_filter: Named,
    pub hint_key: Named,
    pub filter_prompt: Named,
    pub help: Named,
    pub help_key: Named,
    pub help_section: Named,
    pub warning: Named,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    styles: Theme,
}

/// The shipped themes as TOML; the configuration picks one and overrides elements of it.
pub const DARK: &str = include_str!("../../assets/themes/dark.toml");
pub const LIGHT: &str = include_str!("../../assets/themes/light.toml");

impl Theme {
    /// The default (dark) theme shipped in `assets/themes/dark.toml`.
    pub fn embedded() -> Result<Self, Error> {
        Self::from_toml(DARK)
    }

    pub fn from_toml(text: &str) -> Result<Self, Error> {
        toml::from_str::<ThemeFile>(text)
            .map(|f| f.styles)
            .map_err(|e| Error::asset("theme", e))
    }

    /// The tint of an entity mention.
    pub fn entity(&self, kind: EntityKind) -> Style {
        match kind {
            EntityKind::Person => self.person.0,
            EntityKind::Place => self.place.0,
            EntityKind::Organization => self.organization.0,
            EntityKind::Media => self.media.0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_theme_parses() {
        let t = Theme::embedded().unwrap();
        assert_eq!(t.matched.0.fg, Some(Color::Yellow));
    }

    #[test]
    fn bad_colours_and_unknown_elements_are_errors() {
        let good = DARK.to_string();
        assert!(Theme::from_toml(&good.replace("\"yellow\"", "\"yelow\"")).is_err());
        assert!(Theme::from_toml(&format!("{good}\n[styles.extra]\n")).is_err());
    }
}
