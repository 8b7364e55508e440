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
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;

use crate::text::fold::fold_key_with_offsets as fold;

/// What kind of medium an outlet is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutletKind {
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
    pub name: String,
    pub kind: OutletKind,
    /// Bengali spellings, suffix-free; the first is the usual one.
    pub bn: Vec<String>,
    /// Latin-script forms and acronyms.
    #[serde(default)]
    pub latin: Vec<String>,
    /// Spellings that are also ordinary words or names; see [`OutletMention::ambiguous`].
    #[serde(default)]
    pub ambiguous: Vec<String>,
}

/// The grammatical case a suffix gives an outlet name; source cues depend on it
/// (`X-এর প্রতিবেদনে` needs a genitive, `X-কে বলেছেন` an objective).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CaseSuffix {
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
pub struct OutletMention<'t> {
    pub outlet: &'t Outlet,
    /// Byte range of the name in the searched text, without any case suffix.
    pub range: Range<usize>,
    /// Byte offset where the mention ends, suffix (and its joiner) included.
    pub end: usize,
    pub suffix: CaseSuffix,
    /// The spelling is also an ordinary word (`তাস` = playing cards) and no Latin gloss stands
    /// beside it: count it as the outlet only when the context says so (a source cue).
    pub ambiguous: bool,
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
    /// A cheap pre-check on the text as written; see [`Anchors`].
    anchors: Option<Anchors>,
    /// Folded suffixes, longest first.
    suffixes: Vec<(String, CaseSuffix)>,
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
    pub fn from_toml(text: &str) -> anyhow::Result<OutletTable> {
        let file: TableFile = toml::from_str(text)?;
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
        let anchors = Anchors::new(&keys)?;
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            // Every paragraph of every file is scanned: a DFA (a few MB) is the fastest search.
            .kind(Some(AhoCorasickKind::DFA))
            .build(&keys)?;
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
            anchors,
            suffixes,
        })
    }

    /// Every outlet, in table order.
    pub fn outlets(&self) -> &[Outlet] {
        &self.outlets
    }

    /// The outlet with this canonical English name.
    pub fn get(&self, name: &str) -> Option<&Outlet> {
        self.outlets.iter().find(|o| o.name == name)
    }

    /// Every outlet mention in `text`, in text order, longest spelling first where spellings
    /// overlap (`বিবিসি নিউজ` rather than `বিবিসি`). Names must stand as whole words; a known case
    /// suffix may follow, directly or after `'`, `’`, `-` or `–`.
    pub fn find<'t>(&'t self, text: &str) -> Vec<OutletMention<'t>> {
        if self.anchors.as_ref().is_some_and(|a| a.rule_out(text)) {
            return Vec::new();
        }
        self.find_all(text)
    }

    /// [`find`](Self::find) without the pre-check.
    fn find_all<'t>(&'t self, text: &str) -> Vec<OutletMention<'t>> {
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

/// Most paragraphs name no outlet, and folding a paragraph to its key costs more than searching
/// it. So each spelling's key is cut into its runs of letters and marks (ASCII letters, Bengali
/// other than digits): when the text holds only characters that fold one-to-one (see
/// [`folds_in_place`]), every run of the key comes from the same run in the text, ASCII case
/// aside, so a text that lacks one run of every spelling cannot hold any spelling either.
/// (One run per spelling would not do: `রাশিয়া টুডে` would let every paragraph on Russia through.)
struct Anchors {
    /// Every distinct run, in one automaton.
    runs: AhoCorasick,
    /// For each run, the spellings it occurs in.
    spellings_of: Vec<Vec<usize>>,
    /// For each spelling, its runs.
    runs_of: Vec<Vec<usize>>,
}

impl Anchors {
    /// `None` when some spelling has no such run (the pre-check could then miss it).
    fn new(keys: &[String]) -> anyhow::Result<Option<Anchors>> {
        let mut ids: HashMap<&str, usize> = HashMap::default();
        let mut runs: Vec<&str> = Vec::new();
        let mut spellings_of: Vec<Vec<usize>> = Vec::new();
        let mut runs_of = Vec::with_capacity(keys.len());
        for (spelling, key) in keys.iter().enumerate() {
            let mut mine = Vec::new();
            for run in key
                .split(|c: char| !is_anchor_char(c))
                .filter(|r| !r.is_empty())
            {
                let id = *ids.entry(run).or_insert_with(|| {
                    runs.push(run);
                    spellings_of.push(Vec::new());
                    runs.len() - 1
                });
                if !mine.contains(&id) {
                    mine.push(id);
                    spellings_of[id].push(spelling);
                }
            }
            if mine.is_empty() {
                return Ok(None);
            }
            runs_of.push(mine);
        }
        let runs = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .kind(Some(AhoCorasickKind::DFA))
            .build(&runs)?;
        Ok(Some(Anchors {
            runs,
            spellings_of,
            runs_of,
        }))
    }

    /// True when `text` certainly names no outlet.
    fn rule_out(&self, text: &str) -> bool {
        if !folds_in_place(text) {
            return false;
        }
        let mut seen = vec![false; self.spellings_of.len()];
        let mut any = false;
        for m in self.runs.find_overlapping_iter(text) {
            seen[m.pattern().as_usize()] = true;
            any = true;
        }
        !any || !seen.iter().enumerate().any(|(run, &hit)| {
            hit && self.spellings_of[run]
                .iter()
                .any(|&sp| self.runs_of[sp].iter().all(|&r| seen[r]))
        })
    }
}

/// Key characters that only the same character (or, for ASCII letters, its other case) of a
/// text that [`folds_in_place`] can produce: not digits (`২` folds to `2`), spaces, dashes or
/// apostrophes (several characters fold to each).
fn is_anchor_char(c: char) -> bool {
    c.is_ascii_lowercase()
        || (('\u{0980}'..='\u{09FF}').contains(&c) && !('\u{09E6}'..='\u{09EF}').contains(&c))
}

/// True when every character of `text` takes one of the key's per-character paths that neither
/// normalise nor drop it (ASCII, Bengali but the three nukta letters, the danda, general
/// punctuation but the joiners), so a run of anchor characters in the key is the same run in
/// the text. Decided on UTF-8 bytes: it runs over every paragraph, before anything else.
fn folds_in_place(text: &str) -> bool {
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] < 0x80 {
            i += 1;
            continue;
        }
        // Every character this accepts is three bytes long (U+0800..U+FFFF).
        let (Some(&b1), Some(&b2)) = (b.get(i + 1), b.get(i + 2)) else {
            return false;
        };
        let plain = match (b[i], b1) {
            // U+0980..U+09BF
            (0xE0, 0xA6) => true,
            // U+09C0..U+09FF but ড় ঢ় য় (U+09DC, U+09DD, U+09DF)
            (0xE0, 0xA7) => !matches!(b2, 0x9C | 0x9D | 0x9F),
            // । ॥ (U+0964, U+0965)
            (0xE0, 0xA5) => matches!(b2, 0xA4 | 0xA5),
            // U+2002..U+203F but ZWNJ, ZWJ (U+200C, U+200D)
            (0xE2, 0x80) => !matches!(b2, 0x80 | 0x81 | 0x8C | 0x8D),
            // U+2040..U+206F
            (0xE2, 0x81) => b2 <= 0xAF,
            _ => false,
        };
        if !plain {
            return false;
        }
        i += 3;
    }
    true
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
    fn byte_check_agrees_with_the_char_ranges() {
        let by_chars = |t: &str| {
            t.chars().all(|c| {
                c.is_ascii()
                    || (('\u{0980}'..='\u{09FF}').contains(&c)
                        && !matches!(c, '\u{09DC}' | '\u{09DD}' | '\u{09DF}'))
                    || matches!(c, '\u{0964}' | '\u{0965}')
                    || (('\u{2002}'..='\u{206F}').contains(&c)
                        && !matches!(c, '\u{200C}' | '\u{200D}'))
            })
        };
        let probe = ('\u{0}'..='\u{3000}').chain(['\u{FEFF}', '\u{1F600}']);
        for c in probe {
            let t = format!("ক{c}a");
            assert_eq!(folds_in_place(&t), by_chars(&t), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn pre_check_never_hides_a_mention() {
        let table = OutletTable::embedded();
        for text in [
            "খবর বিবিসির।",
            "সূত্র: রয়টার্স",
            "বিবিসি\u{200C}র খবর",
            "নিউ ইয়র্ক টাইমস জানায়",
            "Reuters and bbc",
            "চ্যানেল ২৪ জানায়",
            "রাশিয়া টুডে (RT) জানায়",
        ] {
            let anchors = table.anchors.as_ref().expect("every spelling has a run");
            if anchors.rule_out(text) {
                assert!(table.find_all(text).is_empty(), "{text}");
            } else {
                assert!(!table.find(text).is_empty(), "{text}");
            }
        }
        assert!(
            table
                .anchors
                .as_ref()
                .is_some_and(|a| a.rule_out("রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন বলেন।"))
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
