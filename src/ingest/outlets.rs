//! The outlet table (assets/outlets.toml) and a matcher that finds outlet names in text.
//!
//! One table serves the credit line, cited media and `media` entities, so every layer agrees on
//! what counts as an outlet and what its canonical name is. Matching runs on match keys
//! ([`crate::text::key`]) with dashes and spaces folded, so `আল জাজিরা`, `আল-জাজিরা`, `আল–জাজিরা`
//! and `আলজাজিরা` all meet, and names may carry a case suffix (`বিবিসির`, `সিবিএসকে`,
//! `নিউইয়র্ক টাইমসকে`, `বিএনপি'র`-style joined suffixes).

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use serde::Deserialize;

use crate::error::Error;
use crate::text::fold::fold_key_with_offsets as fold;

/// What kind of medium an outlet is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum OutletKind {
    Agency,
    Newspaper,
    Tv,
    Radio,
    Online,
    Magazine,
}

/// One news outlet or agency.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct Outlet {
    /// Canonical English name (`Al Jazeera`, `The New York Times`).
    pub(crate) name: String,
    pub(crate) kind: OutletKind,
    /// Bengali spellings, suffix-free; the first is the usual one.
    pub bn: Vec<String>,
    /// Latin-script forms and acronyms.
    #[serde(default)]
    pub(crate) latin: Vec<String>,
    /// Spellings that are also ordinary words or names; see [`OutletMention::ambiguous`].
    #[serde(default)]
    pub(crate) ambiguous: Vec<String>,
    /// Web sites of the outlet, without `www.`; subdomains count too.
    #[serde(default)]
    pub(crate) hosts: Vec<String>,
    /// Other names a dataset's publisher column gives the outlet (`Daily Naya Diganta`).
    #[serde(default)]
    pub(crate) publisher_names: Vec<String>,
}

/// The grammatical case a suffix gives an outlet name; source cues depend on it
/// (`X-এর প্রতিবেদনে` needs a genitive, `X-কে বলেছেন` an objective).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum CaseSuffix {
    /// No suffix: `বিবিসি জানিয়েছে`.
    None,
    /// `বিবিসির`, `রয়টার্সের`, `সিএনএন-এর`.
    Genitive,
    /// `বিবিসিকে`.
    Objective,
    /// `সিএনএনে`, `বিবিসিতে`.
    Locative,
    /// `বিবিসিও`, `বিবিসিই`.
    Emphatic,
}

/// One place where an outlet is named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct OutletMention<'t> {
    pub(crate) outlet: &'t Outlet,
    /// Byte range of the name in the searched text, without any case suffix.
    pub(crate) range: Range<usize>,
    /// Byte offset where the mention ends, suffix (and its joiner) included.
    pub(crate) end: usize,
    pub(crate) suffix: CaseSuffix,
    /// The spelling is also an ordinary word (`তাস` = playing cards) and no Latin gloss stands
    /// beside it: count it as the outlet only when the context says so (a source cue).
    pub(crate) ambiguous: bool,
}

#[derive(Deserialize)]
struct TableFile {
    suffixes: SuffixFile,
    outlet: Vec<Outlet>,
}

#[derive(Deserialize)]
struct SuffixFile {
    genitive: Vec<String>,
    objective: Vec<String>,
    locative: Vec<String>,
    emphatic: Vec<String>,
}

struct Pattern {
    outlet: usize,
    ambiguous: bool,
    /// All-caps acronyms (`AP`, `RT`) match only when written in capitals.
    caps_only: bool,
}

/// The outlet table with its compiled matcher. Immutable and `Send + Sync`: share one instance.
pub struct OutletTable {
    outlets: Vec<Outlet>,
    patterns: Vec<Pattern>,
    matcher: AhoCorasick,
    /// Folded suffixes, longest first.
    suffixes: Vec<(String, CaseSuffix)>,
    /// Every name and spelling of each outlet, folded, for [`OutletTable::by_publisher_name`];
    /// built on first use.
    publisher_names: OnceLock<rustc_hash::FxHashMap<String, usize>>,
}

impl std::fmt::Debug for OutletTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OutletTable")
            .field("outlets", &self.outlets.len())
            .finish_non_exhaustive()
    }
}

impl OutletTable {
    /// The table embedded from `assets/outlets.toml`, built once.
    pub fn embedded() -> &'static OutletTable {
        static TABLE: OnceLock<OutletTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            OutletTable::from_toml(include_str!("../../assets/outlets.toml"))
                .unwrap_or_else(|e| panic!("assets/outlets.toml is invalid: {e}"))
        })
    }

    /// Builds a table from TOML in the format of `assets/outlets.toml`.
    pub(crate) fn from_toml(text: &str) -> Result<OutletTable, Error> {
        let file: TableFile = toml::from_str(text).map_err(|e| Error::asset("outlets", e))?;
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        for (i, o) in file.outlet.iter().enumerate() {
            for spelling in o.bn.iter().chain(&o.latin) {
                let ambiguous = o.ambiguous.contains(spelling);
                let caps_only = spelling.len() > 1
                    && spelling
                        .chars()
                        .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
                for variant in joiner_variants(&fold(spelling).0) {
                    keys.push(variant);
                    patterns.push(Pattern {
                        outlet: i,
                        ambiguous,
                        caps_only,
                    });
                }
            }
        }
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            // Every paragraph of every file is scanned: a DFA (a few MB) is the fastest search.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&keys)
            .map_err(|e| Error::asset("outlets", e))?;
        let s = file.suffixes;
        let mut suffixes: Vec<(String, CaseSuffix)> = [
            (s.genitive, CaseSuffix::Genitive),
            (s.objective, CaseSuffix::Objective),
            (s.locative, CaseSuffix::Locative),
            (s.emphatic, CaseSuffix::Emphatic),
        ]
        .into_iter()
        .flat_map(|(list, case)| list.into_iter().map(move |x| (fold(&x).0, case)))
        .collect();
        suffixes.sort_by_key(|(x, _)| std::cmp::Reverse(x.len()));
        Ok(OutletTable {
            outlets: file.outlet,
            patterns,
            matcher,
            suffixes,
            publisher_names: OnceLock::new(),
        })
    }

    /// Every outlet, in table order.
    pub fn outlets(&self) -> &[Outlet] {
        &self.outlets
    }

    /// The outlet whose web site `host` is (`www.prothomalo.com`, `en.prothomalo.com`).
    pub(crate) fn by_host(&self, host: &str) -> Option<&Outlet> {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.outlets.iter().find(|o| {
            o.hosts.iter().any(|h| {
                host == *h
                    || host
                        .strip_suffix(h.as_str())
                        .is_some_and(|sub| sub.ends_with('.'))
            })
        })
    }

    /// The outlet a publisher cell names, by any of its names or spellings (`Daily Naya
    /// Diganta`, `প্রথম আলো`); case does not matter.
    pub(crate) fn by_publisher_name(&self, value: &str) -> Option<&Outlet> {
        let names = self.publisher_names.get_or_init(|| {
            let mut names = rustc_hash::FxHashMap::default();
            for (i, o) in self.outlets.iter().enumerate() {
                let all = std::iter::once(&o.name)
                    .chain(&o.latin)
                    .chain(&o.bn)
                    .chain(&o.publisher_names);
                for n in all {
                    names.entry(fold(n).0.to_lowercase()).or_insert(i);
                }
            }
            names
        });
        names
            .get(&fold(value.trim()).0.to_lowercase())
            .map(|&i| &self.outlets[i])
    }

    /// The outlet a dataset file is named after by its web site (`prothomalo-2024.csv`,
    /// `jugantor_articles.csv`): the file name's first word is the site's name without its
    /// domain.
    pub(crate) fn by_file_name(&self, stem: &str) -> Option<&Outlet> {
        let first = stem
            .split(|c: char| !c.is_ascii_alphanumeric())
            .next()
            .filter(|w| w.len() >= 4)?
            .to_ascii_lowercase();
        self.outlets.iter().find(|o| {
            o.hosts
                .iter()
                .any(|h| h.split('.').next().is_some_and(|label| label == first))
        })
    }

    /// The outlet with this canonical English name.
    pub(crate) fn get(&self, name: &str) -> Option<&Outlet> {
        self.outlets.iter().find(|o| o.name == name)
    }

    /// Every outlet mention in `text`, in text order, longest spelling first where spellings
    /// overlap (`বিবিসি নিউজ` rather than `বিবিসি`). Names must stand as whole words; a known case
    /// suffix may follow, directly or after `'`, `’`, `-` or `–`.
    pub(crate) fn find<'t>(&'t self, text: &str) -> Vec<OutletMention<'t>> {
        let (key, orig) = fold(text);
        let mut found: Vec<(usize, usize, usize, CaseSuffix, usize)> = Vec::new();
        for m in self.matcher.find_overlapping_iter(&key) {
            let (s, e) = (m.start(), m.end());
            let pat = &self.patterns[m.pattern().as_usize()];
            if !left_boundary(&key, s) {
                continue;
            }
            let Some((suffix, end)) = self.right_boundary(&key, e) else {
                continue;
            };
            let range = orig[s]..orig[e];
            if pat.caps_only && text[range.clone()].chars().any(char::is_lowercase) {
                continue;
            }
            found.push((s, e, end, suffix, m.pattern().as_usize()));
        }
        // Leftmost, then longest; drop anything overlapping a mention already taken.
        found.sort_by_key(|&(s, e, ..)| (s, std::cmp::Reverse(e)));
        let mut mentions: Vec<OutletMention<'t>> = Vec::new();
        let mut taken_to = 0;
        for (s, e, end, suffix, p) in found {
            if s < taken_to {
                continue;
            }
            taken_to = end;
            let pat = &self.patterns[p];
            mentions.push(OutletMention {
                outlet: &self.outlets[pat.outlet],
                range: orig[s]..orig[e],
                end: orig[end],
                suffix,
                ambiguous: pat.ambiguous,
            });
        }
        clear_glossed(text, &mut mentions);
        mentions
    }

    /// Where a name ending at `e` really ends: at a word boundary, or after a known suffix.
    fn right_boundary(&self, key: &str, e: usize) -> Option<(CaseSuffix, usize)> {
        let rest = &key[e..];
        let Some(next) = rest.chars().next() else {
            return Some((CaseSuffix::None, e));
        };
        let (joined, after_joiner) = match next {
            '-' | '\'' => (next.len_utf8(), &rest[next.len_utf8()..]),
            _ => (0, rest),
        };
        for (sfx, case) in &self.suffixes {
            if let Some(after) = after_joiner.strip_prefix(sfx.as_str())
                && !after.chars().next().is_some_and(is_word_char)
            {
                return Some((*case, e + joined + sfx.len()));
            }
        }
        if is_word_char(next) {
            return None;
        }
        // `আরটি-পিসিআর`: a joiner followed by more word is a compound, not this name.
        if joined > 0 && after_joiner.chars().next().is_some_and(is_word_char) {
            return None;
        }
        Some((CaseSuffix::None, e))
    }
}

/// An ambiguous spelling next to a Latin gloss of the same outlet (`তাস (TASS)`) is certain.
fn clear_glossed(text: &str, mentions: &mut [OutletMention<'_>]) {
    for i in 1..mentions.len() {
        let (a, b) = (&mentions[i - 1], &mentions[i]);
        let between = text[a.end..b.range.start].trim();
        if std::ptr::eq(a.outlet, b.outlet) && (between == "(" || between == "[") {
            mentions[i - 1].ambiguous = false;
            mentions[i].ambiguous = false;
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c)
}

fn left_boundary(key: &str, s: usize) -> bool {
    let mut before = key[..s].chars().rev();
    match before.next() {
        None => true,
        Some(c) if is_word_char(c) => false,
        Some('-') => !before.next().is_some_and(is_word_char),
        Some(_) => true,
    }
}

/// A spelling with spaces also matches with `-` (any dash folds to it) or nothing in their place.
fn joiner_variants(key: &str) -> Vec<String> {
    if key.contains(' ') {
        vec![key.to_string(), key.replace(' ', "-"), key.replace(' ', "")]
    } else {
        vec![key.to_string()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, String, CaseSuffix)> {
        OutletTable::embedded()
            .find(text)
            .into_iter()
            .map(|m| (m.outlet.name.clone(), text[m.range].to_string(), m.suffix))
            .collect()
    }

    #[test]
    fn spelling_variants_meet() {
        for t in ["আল জাজিরা", "আল-জাজিরা", "আলজাজিরা", "আল–জাজিরা", "আল  জাজিরা"]
        {
            let found = names(&format!("সূত্র: {t}"));
            assert_eq!(found.len(), 1, "{t}");
            assert_eq!(found[0].0, "Al Jazeera");
        }
    }

    #[test]
    fn case_suffixes_are_outside_the_range() {
        assert_eq!(
            names("খবর বিবিসির। নিউইয়র্ক টাইমসকে বলেছে; সিএনএন-এর খবরে"),
            vec![
                ("BBC".into(), "বিবিসি".into(), CaseSuffix::Genitive),
                (
                    "The New York Times".into(),
                    "নিউইয়র্ক টাইমস".into(),
                    CaseSuffix::Objective
                ),
                ("CNN".into(), "সিএনএন".into(), CaseSuffix::Genitive),
            ]
        );
    }

    #[test]
    fn longest_spelling_wins() {
        assert_eq!(
            names("সূত্র: বিবিসি নিউজ।"),
            vec![("BBC".into(), "বিবিসি নিউজ".into(), CaseSuffix::None)]
        );
    }

    #[test]
    fn whole_words_only() {
        assert!(names("আরটি-পিসিআর পরীক্ষা").is_empty());
        assert!(names("তাসখন্দ").is_empty());
        assert!(
            names("the map shows").is_empty(),
            "lower-case 'ap' is no acronym"
        );
    }

    #[test]
    fn ambiguous_spelling_cleared_by_gloss() {
        let table = OutletTable::embedded();
        let bare = table.find("তাস খেলা");
        assert!(bare[0].ambiguous);
        let glossed = table.find("রুশ সংবাদ সংস্থা তাস (TASS) জানিয়েছে");
        assert_eq!(glossed.len(), 2);
        assert!(
            glossed
                .iter()
                .all(|m| !m.ambiguous && m.outlet.name == "TASS")
        );
    }

    #[test]
    fn table_is_large_and_names_unique() {
        let table = OutletTable::embedded();
        assert!(table.outlets().len() >= 60);
        let mut names: Vec<&str> = table.outlets().iter().map(|o| o.name.as_str()).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len());
    }
}
