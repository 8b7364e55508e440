//! The user's configuration: `config.toml` in the XDG config directory (`--config FILE` instead).
//!
//! Every field is optional and falls back to a built-in default, but nothing in the file is ever
//! ignored: an unknown field, a bad value, an unknown style element or command, or a key name the
//! keymap cannot parse is an error naming the file, line and column. Theme and keymap overrides
//! are applied to the shipped TOML tables and then parsed by the same code that parses the
//! shipped files, so an override can never produce something the defaults could not.

use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use toml::{Spanned, Table, Value};

use crate::error::Error;
use crate::fsutil::{ReadError, read_regular};
use crate::keymap::{Command, Key, KeyCode, Keymap, Mode};
use crate::saved_search::SavedSearch;
use crate::settings::theme::{self, Named, Theme};
use crate::settings::{DateDisplay, EntityNames, Options};
use crate::strings::Language;
use crate::text::width::WidthPolicy;

/// Written in a key override to remove a key's binding.
pub(crate) const UNBIND: &str = "none";

/// The shipped colour schemes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum ThemeName {
    #[default]
    Dark,
    Light,
}

/// Key overrides per keymap table: key name → command name (or [`UNBIND`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub(crate) struct KeyOverrides {
    pub(crate) normal: BTreeMap<String, String>,
    pub(crate) filter: BTreeMap<String, String>,
    pub(crate) help: BTreeMap<String, String>,
}

impl KeyOverrides {
    fn tables(&self) -> [(Mode, &BTreeMap<String, String>); 3] {
        [
            (Mode::Normal, &self.normal),
            (Mode::Filter, &self.filter),
            (Mode::Help, &self.help),
        ]
    }
}

/// The `[ui]` table: the interface language and how entities are named.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UiSettings {
    #[serde(default)]
    pub(crate) language: Language,
    #[serde(default)]
    pub(crate) entity_names: EntityNames,
}

/// The configuration in effect: the file's values over the defaults, already validated.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Config {
    /// Read when the command line names no PATH (empty: the bundled seeds).
    pub(crate) paths: Vec<PathBuf>,
    pub(crate) width: WidthPolicy,
    pub(crate) theme: ThemeName,
    pub(crate) dates: DateDisplay,
    /// `mouse = false` leaves the mouse to the terminal, so text can be selected as usual.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) mouse: Option<bool>,
    pub(crate) ui: UiSettings,
    /// Element name → style table, replacing that element's style in the theme.
    pub(crate) styles: BTreeMap<String, Table>,
    pub(crate) keys: KeyOverrides,
    /// Dataset field → column name (`title = "Headline"`), for datasets whose columns have
    /// unusual names; see [`crate::ingest::formats::ColumnMap`].
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub(crate) columns: BTreeMap<String, String>,
    /// Named queries (`[searches]`), in the file's order.
    #[serde(
        skip_serializing_if = "Vec::is_empty",
        serialize_with = "searches_table"
    )]
    pub(crate) searches: Vec<SavedSearch>,
    /// The file this came from; `None` for the built-in defaults.
    #[serde(skip)]
    pub(crate) source: Option<PathBuf>,
}

fn searches_table<S: serde::Serializer>(searches: &[SavedSearch], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(searches.iter().map(|x| (&x.name, &x.query)))
}

/// The file as written. Spans are kept where a later check may need to point at the text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    #[serde(default)]
    paths: Vec<String>,
    width: Option<WidthPolicy>,
    theme: Option<ThemeName>,
    dates: Option<DateDisplay>,
    mouse: Option<bool>,
    #[serde(default)]
    ui: UiSettings,
    #[serde(default)]
    styles: BTreeMap<Spanned<String>, Spanned<Value>>,
    #[serde(default)]
    keys: KeysFile,
    #[serde(default)]
    columns: BTreeMap<String, String>,
    #[serde(default)]
    searches: BTreeMap<Spanned<String>, Spanned<String>>,
}

#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct KeysFile {
    #[serde(default)]
    normal: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    filter: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    help: BTreeMap<Spanned<String>, Spanned<String>>,
}

/// A config file larger than this is refused: the shipped one is a few KiB.
const MAX_CONFIG_BYTES: u64 = 1024 * 1024;

/// `$XDG_CONFIG_HOME/khobor/config.toml` (or the platform's equivalent).
pub(crate) fn default_path() -> Option<PathBuf> {
    crate::dirs::project().map(|d| d.config_dir().join("config.toml"))
}

/// Whether the `NO_COLOR` convention (no-color.org) asks for no colour: set and not empty.
pub(crate) fn no_color_requested() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

impl Config {
    /// Loads `explicit` (which must exist), else the default path when a file is there, else the
    /// built-in defaults.
    pub(crate) fn load(explicit: Option<&Path>) -> Result<Self, Error> {
        let path = match (explicit, default_path()) {
            (Some(p), _) => p.to_path_buf(),
            (None, Some(p)) => p,
            (None, None) => return Ok(Self::default()),
        };
        // A FIFO or `/dev/zero` given as the config is refused without blocking or filling memory.
        match read_regular(&path, MAX_CONFIG_BYTES) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => Self::parse(&text, &path),
                Err(e) => Err(Error::ConfigRead {
                    path,
                    reason: ReadError::Io(io::Error::new(io::ErrorKind::InvalidData, e)),
                }),
            },
            Err(e) if e.is_not_found() && explicit.is_none() => Ok(Self::default()),
            Err(reason) => Err(Error::ConfigRead { path, reason }),
        }
    }

    /// Parses and validates `text`, read from `path` (for messages and relative paths).
    pub fn parse(text: &str, path: &Path) -> Result<Self, Error> {
        let err = |span, message| Error::at(path, text, span, message);
        let file: ConfigFile =
            toml::from_str(text).map_err(|e| err(e.span(), e.message().to_string()))?;
        let theme = file.theme.unwrap_or_default();
        let elements = theme_elements();
        let mut styles = BTreeMap::new();
        for (name, value) in file.styles {
            if !elements.contains(name.get_ref()) {
                let known = elements.iter().cloned().collect::<Vec<_>>().join(", ");
                return Err(err(
                    Some(name.span()),
                    format!(
                        "unknown style element `{}` (known: {known})",
                        name.get_ref()
                    ),
                ));
            }
            let span = value.span();
            let value = value.into_inner();
            let table = match value {
                Value::Table(t) => t,
                _ => {
                    return Err(err(
                        Some(span),
                        "a style is a table such as { fg = \"red\", modifiers = [\"bold\"] }"
                            .to_string(),
                    ));
                }
            };
            Named::deserialize(Value::Table(table.clone()))
                .map_err(|e| err(Some(span.clone()), e.message().to_string()))?;
            styles.insert(name.into_inner(), table);
        }
        let keys = validate_keys(file.keys, &err)?;
        crate::ingest::formats::ColumnMap::from_pairs(
            file.columns.iter().map(|(f, c)| (f.as_str(), c.as_str())),
        )
        .map_err(|e| err(None, format!("[columns]: {e}")))?;
        let searches =
            crate::saved_search::parse(file.searches).map_err(|e| err(Some(e.span), e.message))?;
        let base = path.parent().unwrap_or(Path::new(""));
        Ok(Self {
            paths: file.paths.iter().map(|p| resolve(p, base)).collect(),
            width: file.width.unwrap_or_default(),
            theme,
            dates: file.dates.unwrap_or_default(),
            mouse: file.mouse,
            ui: file.ui,
            styles,
            keys,
            columns: file.columns,
            searches,
            source: Some(path.to_path_buf()),
        })
    }

    /// The configuration as TOML that [`Config::parse`] reads back to the same configuration.
    pub(crate) fn to_toml(&self) -> Result<String, toml::ser::Error> {
        let origin = self
            .source
            .as_ref()
            .map_or("built-in defaults".to_string(), |p| p.display().to_string());
        Ok(format!(
            "# khobor configuration in effect (from {origin})\n{}",
            toml::to_string(self)?
        ))
    }

    /// The theme this configuration asks for; with `no_color`, every colour is removed and
    /// highlights that were only a background become reverse video, so they stay visible. The
    /// styles were checked by [`Config::parse`], so an error here is the shipped theme's.
    pub(crate) fn theme(&self, no_color: bool) -> Result<Theme, Error> {
        let mut file: Table = toml::from_str(match self.theme {
            ThemeName::Dark => theme::DARK,
            ThemeName::Light => theme::LIGHT,
        })
        .map_err(|e| Error::asset("theme", e))?;
        let Some(Value::Table(styles)) = file.get_mut("styles") else {
            return Err(Error::asset("theme", "no [styles] table"));
        };
        for (name, style) in &self.styles {
            styles.insert(name.clone(), Value::Table(style.clone()));
        }
        if no_color {
            for (_, style) in styles.iter_mut() {
                if let Value::Table(style) = style {
                    strip_colour(style);
                }
            }
        }
        Theme::from_toml(&toml::to_string(&file).map_err(|e| Error::asset("theme", e))?)
    }

    /// The shipped keymap with this configuration's key overrides applied. The overrides were
    /// checked by [`Config::parse`], so an error here is the shipped keymap's.
    pub(crate) fn keymap(&self) -> Result<Keymap, Error> {
        let mut keymap = Keymap::embedded()?;
        for (mode, overrides) in self.keys.tables() {
            for (key, name) in overrides {
                let command =
                    match name.as_str() {
                        UNBIND => None,
                        _ => Some(Command::from_name(name).ok_or_else(|| {
                            Error::asset("keymap", format!("no command `{name}`"))
                        })?),
                    };
                keymap
                    .rebind(mode, key, command)
                    .map_err(|e| Error::asset("keymap", e))?;
            }
        }
        Ok(keymap)
    }

    /// Everything the reader starts with; `cli_width` (from `--width`) wins over the file.
    pub fn options(
        &self,
        cli_width: Option<WidthPolicy>,
        no_color: bool,
    ) -> Result<Options, Error> {
        Ok(Options {
            policy: cli_width.unwrap_or(self.width),
            keymap: self.keymap()?,
            theme: self.theme(no_color)?,
            dates: self.dates,
            language: self.ui.language,
            entity_names: self.ui.entity_names,
            mouse: self.mouse.unwrap_or(true),
            saved_searches: self.searches.clone(),
        })
    }
}

/// `~/x` → the home directory's `x`; a relative path is relative to the config file's directory,
/// not to wherever khobor happens to be started.
fn resolve(path: &str, base: &Path) -> PathBuf {
    let home = || directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf());
    if path == "~" {
        return home().unwrap_or_else(|| PathBuf::from(path));
    }
    match (path.strip_prefix("~/"), home()) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => base.join(path),
    }
}

/// Style element names, from the shipped dark theme (every element is required there).
fn theme_elements() -> BTreeSet<String> {
    toml::from_str::<Table>(theme::DARK)
        .ok()
        .and_then(|mut t| match t.remove("styles") {
            Some(Value::Table(s)) => Some(s.keys().cloned().collect()),
            _ => None,
        })
        .unwrap_or_default()
}

/// Command names `mode`'s table binds in the shipped keymap.
fn keymap_commands(mode: Mode) -> BTreeSet<String> {
    Keymap::embedded()
        .map(|k| k.commands(mode).map(Command::name).collect())
        .unwrap_or_default()
}

fn validate_keys(
    keys: KeysFile,
    err: &impl Fn(Option<Range<usize>>, String) -> Error,
) -> Result<KeyOverrides, Error> {
    let check = |mode: Mode, table: BTreeMap<Spanned<String>, Spanned<String>>| {
        let context = match mode {
            Mode::Normal | Mode::Picker => "normal",
            Mode::Filter | Mode::Prompt => "filter",
            Mode::Help => "help",
        };
        let commands = keymap_commands(mode);
        let mut out = BTreeMap::new();
        for (key, command) in table {
            let parsed = Key::parse(key.get_ref()).map_err(|e| err(Some(key.span()), e))?;
            if mode == Mode::Filter
                && !parsed.ctrl
                && !parsed.alt
                && matches!(parsed.code, KeyCode::Char(c) if !c.is_control())
            {
                return Err(err(
                    Some(key.span()),
                    format!(
                        "`{}` would no longer type into the filter; bind Ctrl- or Alt- keys or \
                         special keys in [keys.filter]",
                        key.get_ref()
                    ),
                ));
            }
            let name = command.get_ref();
            if name != UNBIND && !commands.contains(name) {
                let known = commands.iter().cloned().collect::<Vec<_>>().join(", ");
                return Err(err(
                    Some(command.span()),
                    format!(
                        "unknown command `{name}` for [keys.{context}] (known: {known}, or \
                         \"{UNBIND}\" to unbind)"
                    ),
                ));
            }
            out.insert(key.into_inner(), command.into_inner());
        }
        Ok(out)
    };
    Ok(KeyOverrides {
        normal: check(Mode::Normal, keys.normal)?,
        filter: check(Mode::Filter, keys.filter)?,
        help: check(Mode::Help, keys.help)?,
    })
}

/// Removes `fg` and `bg`; a style that had a background gets `reversed` instead.
fn strip_colour(style: &mut Table) {
    style.remove("fg");
    if style.remove("bg").is_some() {
        let reversed = Value::String("reversed".to_string());
        match style
            .entry("modifiers")
            .or_insert_with(|| Value::Array(Vec::new()))
        {
            Value::Array(mods) if !mods.contains(&reversed) => mods.push(reversed),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests;
