//! The bilingual gazetteer: known people, places and organisations with their Bengali spellings,
//! loaded from `assets/gazetteer/` and indexed by match key for whole-word, suffix-aware lookup.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use serde::Deserialize;

use crate::article::EntityKind;
use crate::error::Error;
use crate::text::key::match_key;
use crate::text::token::{Token, is_word_char};

const TERRITORIES: &str = include_str!("../../assets/gazetteer/territories.json");
const TERRITORY_OVERLAY: &str = include_str!("../../assets/gazetteer/territory_overlay.toml");
const BD_ADMIN: &str = include_str!("../../assets/gazetteer/bd_admin.tsv");
const CURATED: &[(&str, &str)] = &[
    (
        "people.toml",
        include_str!("../../assets/gazetteer/people.toml"),
    ),
    (
        "organizations.toml",
        include_str!("../../assets/gazetteer/organizations.toml"),
    ),
    (
        "places.toml",
        include_str!("../../assets/gazetteer/places.toml"),
    ),
];

/// One known entity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Entry {
    /// Stable id (without the `gaz:` prefix).
    pub(crate) id: String,
    pub(crate) kind: EntityKind,
    pub(crate) en: String,
    /// The usual Bengali name, used when the article only shows an adjective form.
    pub(crate) canonical: String,
}

/// How a written form refers to its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Form {
    /// A name of the entity (`ভ্লাদিমির পুতিন`, `পুতিন`).
    Name,
    /// A bare name that is ambiguous alone (`কিম`): counts only next to a full name.
    Short,
    /// A demonym or adjective (`রুশ`, `মার্কিন`): points to the place, is not its name.
    Adjective,
    /// A local unit's name that is also an ordinary word or shared by many units (`তালা`, union
    /// names): a place only right before an administrative word (`তালা উপজেলার`).
    Local,
}

/// A gazetteer hit in a token sequence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Hit {
    pub(crate) entry: usize,
    pub(crate) form: Form,
    /// Tokens `[start, end)` that the name covers.
    pub(crate) tokens: std::ops::Range<usize>,
    /// Chars of the last token's key that belong to the name (the rest is a suffix).
    pub(crate) last_chars: usize,
    /// Whether the last token carried a suffix.
    pub(crate) stripped: bool,
}

/// The known names by match key, built once from the embedded files and shared by the
/// extractor and the tagger's features.
#[derive(Debug)]
pub struct Gazetteer {
    pub(crate) entries: Vec<Entry>,
    ids: HashSet<String>,
    /// Key of a form (token keys joined by one space) → entry and form.
    forms: HashMap<String, (usize, Form)>,
    /// Keys of the first token of every form, to skip positions cheaply.
    first_tokens: HashSet<String>,
    /// Keys of the first `k` tokens of every form of more than `k` tokens: a name can run on
    /// past a word only where the words so far begin some form.
    heads: HashSet<String>,
    /// Those of `heads` that a form follows with a comma or bracket (`আইন, বিচার ও সংসদ বিষয়ক
    /// মন্ত্রণালয়`, `আমার বাংলাদেশ (এবি) পার্টি`): only after them may a name run across
    /// punctuation (tokens do not say which mark it was).
    gap_heads: HashSet<String>,
    max_tokens: usize,
    /// Words never read as a name with its suffix cut off (the entries' `not` lists).
    not_stripped: HashSet<String>,
}

#[derive(Deserialize)]
struct CuratedFile {
    kind: EntityKind,
    entry: Vec<CuratedEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CuratedEntry {
    id: String,
    en: String,
    bn: Vec<String>,
    #[serde(default)]
    short: Vec<String>,
    #[serde(default)]
    adj: Vec<String>,
    /// Inflected words that read as this name with a suffix but are another word's inflection
    /// (`ব্যাংককে` is "to a bank", not Bangkok + locative).
    #[serde(default)]
    not: Vec<String>,
}

#[derive(Deserialize)]
struct Territory {
    code: String,
    en: String,
    bn: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Overlay {
    skip: Vec<String>,
    territory: Vec<OverlayEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverlayEntry {
    code: String,
    en: Option<String>,
    kind: Option<EntityKind>,
    #[serde(default)]
    add: Vec<String>,
    #[serde(default)]
    adj: Vec<String>,
    #[serde(default)]
    remove: Vec<String>,
}

/// The key under which a written form is indexed: its tokens' keys joined by single spaces, so
/// `আল-জাজিরা`, `আল জাজিরা` and `আল  জাজিরা` meet.
pub(crate) fn form_key(form: &str) -> String {
    // The tokens' keys without building tokens: a token is a maximal run of word characters.
    let mut key = String::with_capacity(form.len());
    let words = form
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty());
    for (i, word) in words.enumerate() {
        if i > 0 {
            key.push(' ');
        }
        key.push_str(&match_key(word));
    }
    key
}

impl Gazetteer {
    /// Builds the gazetteer from the embedded assets. The assets are part of the binary and are
    /// checked by tests, so an error here (naming the file, and the line where there are lines)
    /// is a build defect.
    pub fn embedded() -> Result<Self, Error> {
        let mut g = Gazetteer {
            entries: Vec::new(),
            ids: HashSet::default(),
            forms: HashMap::default(),
            first_tokens: HashSet::default(),
            heads: HashSet::default(),
            gap_heads: HashSet::default(),
            max_tokens: 1,
            not_stripped: HashSet::default(),
        };
        for (name, text) in CURATED {
            let file: CuratedFile = toml::from_str(text).map_err(|e| Error::asset(name, e))?;
            for e in file.entry {
                let canonical = e.bn.first().cloned().unwrap_or_default();
                let idx = g.push_entry(&e.id, file.kind, &e.en, &canonical)?;
                g.add_forms(idx, &e.bn, Form::Name);
                g.add_forms(idx, &e.short, Form::Short);
                g.add_forms(idx, &e.adj, Form::Adjective);
                g.not_stripped.extend(e.not.iter().map(|w| match_key(w)));
            }
        }
        let overlay: Overlay = toml::from_str(TERRITORY_OVERLAY)
            .map_err(|e| Error::asset("territory_overlay.toml", e))?;
        let territories: Vec<Territory> =
            serde_json::from_str(TERRITORIES).map_err(|e| Error::asset("territories.json", e))?;
        for t in territories {
            if overlay.skip.contains(&t.code) {
                continue;
            }
            let ov = overlay.territory.iter().find(|o| o.code == t.code);
            let mut names: Vec<String> = t.bn.clone();
            let (mut en, mut kind, mut adj) = (t.en.clone(), EntityKind::Place, Vec::new());
            if let Some(o) = ov {
                names.retain(|n| !o.remove.contains(n));
                names.extend(o.add.iter().cloned());
                en = o.en.clone().unwrap_or(en);
                kind = o.kind.unwrap_or(kind);
                adj.clone_from(&o.adj);
            }
            let canonical = names.first().cloned().unwrap_or_default();
            let idx = g.push_entry(&t.code.to_lowercase(), kind, &en, &canonical)?;
            g.add_forms(idx, &names, Form::Name);
            g.add_forms(idx, &adj, Form::Adjective);
        }
        g.add_bd_admin()?;
        Ok(g)
    }

    /// Upazilas and unions of Bangladesh (`bd_admin.tsv`, made by `tools/gazetteer/bd_admin.py`),
    /// after the curated places so a district keeps its own id.
    fn add_bd_admin(&mut self) -> Result<(), Error> {
        let bad =
            |n: usize, what: String| Error::asset("bd_admin.tsv", format!("line {n}: {what}"));
        for (n, line) in BD_ADMIN.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let [_, id, en, bn, usage] = cols[..] else {
                return Err(bad(n + 1, "expected 5 columns".into()));
            };
            let form = match usage {
                "name" => Form::Name,
                "local" => Form::Local,
                other => return Err(bad(n + 1, format!("use {other:?}"))),
            };
            let idx = self.push_entry(id, EntityKind::Place, en, bn)?;
            self.add_forms(idx, &[bn.to_string()], form);
        }
        Ok(())
    }

    fn push_entry(
        &mut self,
        id: &str,
        kind: EntityKind,
        en: &str,
        canonical: &str,
    ) -> Result<usize, Error> {
        if !self.ids.insert(id.to_string()) {
            return Err(Error::asset("gazetteer", format!("id {id} is used twice")));
        }
        self.entries.push(Entry {
            id: id.to_string(),
            kind,
            en: en.to_string(),
            canonical: canonical.to_string(),
        });
        Ok(self.entries.len() - 1)
    }

    /// Indexes forms; a form already taken by an earlier entry keeps its first owner (files are
    /// loaded most specific first: people, organisations, places, then countries).
    fn add_forms(&mut self, entry: usize, forms: &[String], form: Form) {
        for f in forms {
            let key = form_key(f);
            if key.is_empty() {
                continue;
            }
            let n = key.split(' ').count();
            self.max_tokens = self.max_tokens.max(n);
            if let Some(first) = key.split(' ').next() {
                self.first_tokens.insert(first.to_string());
            }
            for (at, _) in key.match_indices(' ') {
                self.heads.insert(key[..at].to_string());
            }
            for (at, _) in f.match_indices([',', '(', ')']) {
                self.gap_heads.insert(form_key(&f[..at]));
            }
            self.forms.entry(key).or_insert((entry, form));
        }
    }

    /// The entry a whole form (suffix-free) names, if any.
    #[cfg(test)]
    pub(crate) fn lookup(&self, form: &str) -> Option<(usize, Form)> {
        self.forms.get(&form_key(form)).copied()
    }

    /// The longest gazetteer name starting at token `i`, if any. Only the last token may carry a
    /// suffix, and only when the full word is not itself a name (so `কাতার` stays `কাতার`).
    pub(crate) fn match_at(&self, tokens: &[Token<'_>], i: usize) -> Option<Hit> {
        let first = &tokens[i];
        let first_known = self.first_tokens.contains(&first.key)
            || first
                .stems()
                .iter()
                .any(|s| self.first_tokens.contains(s.key));
        if !first_known {
            return None;
        }
        // Every token but the last is matched as written, so a form of `len` tokens needs the
        // first `len - 1` to be one of the heads.
        let mut key = first.key.clone();
        let mut run = 1;
        while run < self.max_tokens
            && i + run < tokens.len()
            && (tokens[i + run].adjacent || self.gap_heads.contains(&key))
            && self.heads.contains(&key)
        {
            key.push(' ');
            key.push_str(&tokens[i + run].key);
            run += 1;
        }
        for len in (1..=run).rev() {
            key.clear();
            for (n, t) in tokens[i..i + len - 1].iter().enumerate() {
                if n > 0 {
                    key.push(' ');
                }
                key.push_str(&t.key);
            }
            if len > 1 {
                key.push(' ');
            }
            let prefix_len = key.len();
            let last = &tokens[i + len - 1];
            key.push_str(&last.key);
            if let Some(&(entry, form)) = self.forms.get(&key) {
                return Some(Hit {
                    entry,
                    form,
                    tokens: i..i + len,
                    last_chars: last.key.chars().count(),
                    stripped: false,
                });
            }
            if self.not_stripped.contains(&last.key) {
                continue;
            }
            let min_letters = if len > 1 { 1 } else { 2 };
            for stem in last.stems_of_at_least(min_letters) {
                key.truncate(prefix_len);
                key.push_str(stem.key);
                if let Some(&(entry, form)) = self.forms.get(&key) {
                    return Some(Hit {
                        entry,
                        form,
                        tokens: i..i + len,
                        last_chars: stem.chars,
                        stripped: true,
                    });
                }
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    fn gaz() -> Gazetteer {
        match Gazetteer::embedded() {
            Ok(g) => g,
            Err(e) => panic!("{e}"),
        }
    }

    #[test]
    fn assets_load_with_hundreds_of_entries() {
        let g = gaz();
        assert!(g.entries.len() >= 500, "{}", g.entries.len());
        for kind in [
            EntityKind::Person,
            EntityKind::Place,
            EntityKind::Organization,
        ] {
            assert!(g.entries.iter().any(|e| e.kind == kind));
        }
    }

    #[test]
    fn form_key_joins_the_token_keys() {
        for form in [
            "আল-জাজিরা",
            "আল  জাজিরা",
            " কিম জং উন, ",
            "র\u{200D}্যাব",
            "\u{200C} ক",
            "BBC ২০২৫",
        ] {
            let keys: Vec<String> = tokenize(form).into_iter().map(|t| t.key).collect();
            assert_eq!(form_key(form), keys.join(" "), "{form:?}");
        }
    }

    #[test]
    fn both_ya_encodings_find_russia() {
        let g = gaz();
        let a = g.lookup("রাশিয়া").map(|(e, _)| g.entries[e].en.clone());
        let b = g
            .lookup("রাশি\u{09DF}া")
            .map(|(e, _)| g.entries[e].en.clone());
        assert_eq!(a.as_deref(), Some("Russia"));
        assert_eq!(a, b);
    }

    #[test]
    fn to_a_bank_is_not_bangkok() {
        let g = gaz();
        let en_at = |text: &str, i: usize| {
            let tokens = tokenize(text);
            g.match_at(&tokens, i)
                .map(|h| g.entries[h.entry].en.clone())
        };
        assert_eq!(en_at("সব ব্যাংককে নির্দেশ", 1), None);
        assert_eq!(en_at("ব্যাংককের রাস্তায়", 0).as_deref(), Some("Bangkok"));
    }

    #[test]
    fn adjectives_point_to_places() {
        let g = gaz();
        for (adj, en) in [
            ("রুশ", "Russia"),
            ("মার্কিন", "United States"),
            ("চীনা", "China"),
        ] {
            let (e, form) = g.lookup(adj).unwrap_or_else(|| panic!("{adj} missing"));
            assert_eq!(g.entries[e].en, en);
            assert_eq!(form, Form::Adjective);
        }
    }

    fn first_hit(g: &Gazetteer, text: &str) -> Option<(String, String)> {
        let tokens = tokenize(text);
        (0..tokens.len()).find_map(|i| {
            g.match_at(&tokens, i).map(|h| {
                let last = &tokens[h.tokens.end - 1];
                (
                    g.entries[h.entry].en.clone(),
                    last.key.chars().take(h.last_chars).collect(),
                )
            })
        })
    }

    #[test]
    fn over_strip_guards_keep_name_endings() {
        let g = gaz();
        for (text, en, stem) in [
            ("কাতার", "Qatar", "কাতার"),
            ("কাতারের", "Qatar", "কাতার"),
            ("জার্মানি", "Germany", "জার্মানি"),
            ("জার্মানির", "Germany", "জার্মানি"),
            ("আগারগাঁও", "Agargaon", "আগারগাঁও"),
            ("আগারগাঁওয়ে", "Agargaon", "আগারগাঁও"),
            ("ইতালি", "Italy", "ইতালি"),
            ("ইতালিতে", "Italy", "ইতালি"),
        ] {
            let got = first_hit(&g, text);
            assert_eq!(got, Some((en.to_string(), stem.to_string())), "{text}");
        }
    }

    #[test]
    fn longest_name_wins_and_punctuation_splits() {
        let g = gaz();
        assert_eq!(
            first_hit(&g, "উত্তর কোরিয়ার").map(|h| h.0),
            Some("North Korea".into())
        );
        let tokens = tokenize("রাশিয়া, চীন");
        let hit = g.match_at(&tokens, 0).map(|h| h.tokens);
        assert_eq!(hit, Some(0..1));
        // A comma inside a known name, and only there.
        let tokens = tokenize("আইন, বিচার ও সংসদ বিষয়ক মন্ত্রণালয়ের সচিব");
        let hit = g.match_at(&tokens, 0).map(|h| h.tokens);
        assert_eq!(hit, Some(0..6));
        let tokens = tokenize("স্থানীয় সরকার বিভাগ, পল্লী উন্নয়ন ও সমবায় মন্ত্রণালয়");
        let hit = g.match_at(&tokens, 0).map(|h| h.tokens);
        assert_eq!(hit, Some(0..3));
        // An acronym in brackets inside a known name.
        let tokens = tokenize("নেতারা আমার বাংলাদেশ (এবি) পার্টির");
        let hit = g.match_at(&tokens, 1).map(|h| h.tokens);
        assert_eq!(hit, Some(1..5));
    }
}
