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
pub(crate) struct Named(pub Style);

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
pub(crate) struct Theme {
    pub(crate) border: Named,
    pub(crate) border_focused: Named,
    pub(crate) pane_title: Named,
    pub(crate) pane_title_focused: Named,
    pub(crate) date: Named,
    pub(crate) source: Named,
    pub(crate) title: Named,
    /// Patched over the title of an unread article.
    pub(crate) unread: Named,
    /// The `N` flag of an unread article in the list.
    pub(crate) unread_marker: Named,
    /// The `*` flag of a starred article.
    pub(crate) starred: Named,
    pub(crate) selected: Named,
    pub(crate) selected_unfocused: Named,
    #[serde(rename = "match")]
    pub(crate) matched: Named,
    pub(crate) reader_title: Named,
    pub(crate) meta: Named,
    pub(crate) person: Named,
    pub(crate) place: Named,
    pub(crate) organization: Named,
    pub(crate) media: Named,
    pub(crate) marked: Named,
    pub(crate) active: Named,
    pub(crate) count: Named,
    pub(crate) status: Named,
    pub(crate) status_filter: Named,
    pub(crate) hint_key: Named,
    pub(crate) filter_prompt: Named,
    pub(crate) help: Named,
    pub(crate) help_key: Named,
    pub(crate) help_section: Named,
    pub(crate) warning: Named,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    styles: Theme,
}

/// The shipped themes as TOML; the configuration picks one and overrides elements of it.
pub(crate) const DARK: &str = include_str!("../../assets/themes/dark.toml");
pub(crate) const LIGHT: &str = include_str!("../../assets/themes/light.toml");

impl Theme {
    /// The default (dark) theme shipped in `assets/themes/dark.toml`.
    pub(crate) fn embedded() -> Result<Self, Error> {
        Self::from_toml(DARK)
    }

    pub(crate) fn from_toml(text: &str) -> Result<Self, Error> {
        toml::from_str::<ThemeFile>(text)
            .map(|f| f.styles)
            .map_err(|e| Error::asset("theme", e))
    }

    /// The tint of an entity mention.
    pub(crate) fn entity(&self, kind: EntityKind) -> Style {
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
