//! The words of the interface, in the reader's language (`ui.language` in `config.toml`).
//!
//! The strings are data, one file per language in `assets/ui/`, embedded in the binary. A key
//! missing from a language falls back to English, then to the key itself, so a half-translated
//! file still shows something readable; the tests keep the shipped files complete. What a key
//! does stays in `assets/keymap.toml` (in English) so the help is generated from the keymap;
//! other languages translate it by context and command name.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};
use toml::{Table, Value};

const ENGLISH: &str = include_str!("../assets/ui/en.toml");
const BENGALI: &str = include_str!("../assets/ui/bn.toml");

/// The interface language.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English, the fallback for any word a translation lacks.
    #[default]
    En,
    /// Bengali, with Bengali digits in counts.
    Bn,
}

impl Language {
    /// This language's table, parsed once per process.
    pub fn strings(self) -> &'static Strings {
        static TABLES: [OnceLock<Strings>; 2] = [OnceLock::new(), OnceLock::new()];
        let (slot, source) = match self {
            Language::En => (&TABLES[0], ENGLISH),
            Language::Bn => (&TABLES[1], BENGALI),
        };
        slot.get_or_init(|| Strings {
            language: self,
            table: flatten(source),
        })
    }
}

/// One language's strings, by dotted key (`pane.articles`, `commands.normal.down`).
#[derive(Debug)]
pub struct Strings {
    language: Language,
    table: HashMap<String, String>,
}

impl Strings {
    /// The string under `key`, else the English one, else the key (never empty-handed).
    pub(crate) fn get<'a>(&'a self, key: &'a str) -> &'a str {
        self.table
            .get(key)
            .or_else(|| Language::En.strings().table.get(key))
            .map_or(key, String::as_str)
    }

    /// [`get`](Self::get) with every `{name}` replaced by its value from `args`.
    pub(crate) fn fill(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut out = self.get(key).to_string();
        for (name, value) in args {
            out = out.replace(&format!("{{{name}}}"), value);
        }
        out
    }

    /// `n` in the language's digits: Bengali readers see `১২/১৯২১`.
    pub(crate) fn number(&self, n: usize) -> String {
        let ascii = n.to_string();
        match self.language {
            Language::En => ascii,
            Language::Bn => ascii
                .chars()
                .map(|c| {
                    c.to_digit(10)
                        .and_then(|d| char::from_u32(0x09E6 + d))
                        .unwrap_or(c)
                })
                .collect(),
        }
    }

    /// What `command` does in keymap `context` (`normal`, `filter`, `help`): the translation,
    /// or the keymap's own `english` text.
    pub(crate) fn command_help<'a>(
        &'a self,
        context: &str,
        command: &str,
        english: &'a str,
    ) -> &'a str {
        self.table
            .get(&format!("commands.{context}.{command}"))
            .map_or(english, String::as_str)
    }

    /// The status-bar label of `command` in `context`: the translation, or the keymap's `english`.
    pub(crate) fn hint<'a>(&'a self, context: &str, command: &str, english: &'a str) -> &'a str {
        self.table
            .get(&format!("hints.{context}.{command}"))
            .map_or(english, String::as_str)
    }

    /// The meaning of a query-syntax example in the help.
    pub(crate) fn query_meaning<'a>(&'a self, example: &str, english: &'a str) -> &'a str {
        self.table
            .get(&format!("queries.{example}"))
            .map_or(english, String::as_str)
    }
}

/// The file's strings by dotted key. The shipped files are checked by the tests, so a file that
/// does not parse only ever means an empty table here (every key then falls back).
fn flatten(source: &str) -> HashMap<String, String> {
    fn walk(prefix: &str, table: &Table, out: &mut HashMap<String, String>) {
        for (k, v) in table {
            let key = if prefix.is_empty() {
                k.clone()
            } else {
                format!("{prefix}.{k}")
            };
            match v {
                Value::String(s) => {
                    out.insert(key, s.clone());
                }
                Value::Table(t) => walk(&key, t, out),
                _ => {}
            }
        }
    }
    let mut out = HashMap::new();
    if let Ok(table) = source.parse::<Table>() {
        walk("", &table, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    const KEYMAP: &str = include_str!("../assets/keymap.toml");

    fn keys(lang: Language) -> BTreeSet<&'static str> {
        lang.strings().table.keys().map(String::as_str).collect()
    }

    fn placeholders(s: &str) -> BTreeSet<&str> {
        s.split('{')
            .skip(1)
            .filter_map(|p| p.split_once('}').map(|(name, _)| name))
            .collect()
    }

    /// `(context, command, help, hint)` for every binding of the shipped keymap.
    fn bindings() -> Vec<(String, String, bool)> {
        let table: Table = KEYMAP.parse().expect("keymap.toml parses");
        let mut out = Vec::new();
        for (context, list) in &table {
            for b in list.as_array().expect("a context is an array of bindings") {
                let command = b["command"].as_str().expect("a command name").to_string();
                out.push((context.clone(), command, b.get("hint").is_some()));
            }
        }
        out
    }

    #[test]
    fn the_shipped_files_parse_and_are_not_empty() {
        for source in [ENGLISH, BENGALI] {
            source.parse::<Table>().expect("parses");
        }
        assert!(keys(Language::En).len() > 40);
        assert_eq!(Language::Bn.strings().get("pane.articles"), "খবর");
    }

    #[test]
    fn both_languages_have_the_same_interface_keys_and_placeholders() {
        let interface = |lang| -> BTreeSet<&str> {
            keys(lang)
                .into_iter()
                .filter(|k| !k.starts_with("commands.") && !k.starts_with("hints."))
                .collect()
        };
        assert_eq!(interface(Language::En), interface(Language::Bn));
        for key in interface(Language::En) {
            assert_eq!(
                placeholders(Language::En.strings().get(key)),
                placeholders(Language::Bn.strings().get(key)),
                "{key}"
            );
        }
    }

    #[test]
    fn bengali_translates_every_binding_and_every_hint_of_the_keymap() {
        let bn = Language::Bn.strings();
        for (context, command, has_hint) in bindings() {
            let help = format!("commands.{context}.{command}");
            assert!(bn.table.contains_key(&help), "bn.toml lacks {help}");
            let hint = format!("hints.{context}.{command}");
            assert_eq!(bn.table.contains_key(&hint), has_hint, "bn.toml and {hint}");
        }
        let known: BTreeSet<String> = bindings()
            .into_iter()
            .map(|(c, m, _)| format!("commands.{c}.{m}"))
            .collect();
        for key in keys(Language::Bn) {
            if key.starts_with("commands.") {
                assert!(known.contains(key), "bn.toml translates unbound {key}");
            }
        }
    }

    #[test]
    fn every_query_example_of_the_help_has_a_meaning_in_each_language() {
        for lang in [Language::En, Language::Bn] {
            for (example, _) in crate::search::query::SYNTAX {
                let key = format!("queries.{example}");
                assert!(lang.strings().table.contains_key(&key), "{lang:?}: {key}");
            }
        }
        let en = Language::En.strings();
        for (example, meaning) in crate::search::query::SYNTAX {
            assert_eq!(en.query_meaning(example, "?"), *meaning, "en.toml drifted");
        }
    }

    #[test]
    fn fill_replaces_placeholders_and_numbers_take_the_language_digits() {
        let bn = Language::Bn.strings();
        let count = bn.number(1921);
        assert_eq!(count, "১৯২১");
        assert_eq!(bn.fill("status.unread", &[("count", &count)]), "১৯২১ অপঠিত");
        assert_eq!(Language::En.strings().number(1921), "1921");
    }

    #[test]
    fn missing_keys_fall_back_to_english_then_to_the_key() {
        let bn = Language::Bn.strings();
        assert_eq!(bn.get("no.such.key"), "no.such.key");
        assert_eq!(bn.command_help("normal", "no_such", "english"), "english");
        assert_eq!(
            Language::En.strings().hint("normal", "quit", "quit"),
            "quit"
        );
        assert_eq!(bn.hint("normal", "quit", "quit"), "বন্ধ");
    }
}
