//! Institutions and named places found by the noun that ends their name: `কুতুবদিয়া থানা`,
//! `অর্থ মন্ত্রণালয়`, `শহীদ জিয়াউর রহমান মেডিকেল কলেজ হাসপাতাল`, `জিয়ানগর বাজার`. Local
//! institutions are far too many for a gazetteer, but their names follow a few head nouns (data:
//! `assets/extract/heads.toml`).

use std::ops::Range;

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

use super::context::ContextRules;
use crate::article::EntityKind;
use crate::error::Error;
use crate::text::key::match_key;
use crate::text::token::Token;

const HEADS: &str = include_str!("../../assets/extract/heads.toml");

/// Most words before the head; longer runs are more often a phrase than a name.
const MAX_WORDS_BEFORE: usize = 5;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct HeadsFile {
    modifiers: Vec<String>,
    connectors: Vec<String>,
    not_before: Vec<String>,
    not_first: Vec<String>,
    not_endings: Vec<String>,
    titles: Vec<String>,
    group: Vec<Group>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Group {
    kind: Kind,
    before: Before,
    places: bool,
    /// A place with a genitive ending before the head belongs to the name too
    /// (`রাশিয়ার পররাষ্ট্র মন্ত্রণালয়`).
    #[serde(default)]
    genitive_places: bool,
    /// Places that, right before the head, are what the phrase names (`ঢাকা বিভাগ`).
    #[serde(default)]
    own_places: Vec<String>,
    /// Words that, when they are all that comes before the head, make a generic phrase, not a
    /// name (`ইংরেজি বিভাগ`, `জরুরি বিভাগ`: a subject's or a hospital's department).
    #[serde(default)]
    generic: Vec<String>,
    heads: Vec<String>,
}

#[derive(Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Organization,
    Place,
}

/// Which words may come before the head (see the asset's header).
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Before {
    Place,
    Name,
    Any,
}

#[derive(Debug)]
struct Head {
    words: Vec<String>,
    kind: EntityKind,
    before: Before,
    places: bool,
    genitive_places: bool,
    own_places: HashSet<String>,
    generic: HashSet<String>,
    /// The `generic` entries written `-ending`: words ending so are generic too.
    generic_endings: Vec<String>,
}

impl Head {
    fn is_generic(&self, key: &str) -> bool {
        self.generic.contains(key)
            || self
                .generic_endings
                .iter()
                .any(|e| key.len() > e.len() && key.ends_with(e.as_str()))
    }
}

/// The head nouns, looked up by their last word.
#[derive(Debug)]
pub(super) struct Heads {
    heads: Vec<Head>,
    by_last: HashMap<String, Vec<usize>>,
    modifiers: HashSet<String>,
    /// `ও` in `সড়ক পরিবহন ও সেতু মন্ত্রণালয়`: inside a name only between two of its words.
    connectors: HashSet<String>,
    /// Ordinary words that are never part of such a name (`সংশ্লিষ্ট`, `এতে`).
    not_before: HashSet<String>,
    /// Words that never begin such a name; a name found to begin with one is cut short.
    not_first: HashSet<String>,
    /// Endings a word inside such a name never has (`শাসনামলে`, `অর্থনীতিবিদরা`).
    not_endings: Vec<String>,
    /// Titles of the dead that precede a known person inside an institution's name.
    titles: HashSet<String>,
}

/// What the extractor already knows about a token before a head.
pub(super) enum Slot {
    Free,
    /// The last token of a known place's name, which starts at this token.
    PlaceFrom(usize),
    /// The same, the place inflected (`রাশিয়ার`).
    InflectedPlaceFrom(usize),
    /// The last token of a known person's name, which starts at this token.
    PersonFrom(usize),
    Taken,
}

/// A name ending in a head noun.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct HeadName {
    pub(crate) kind: EntityKind,
    pub(crate) tokens: Range<usize>,
    /// Chars of the last token's key that belong to the name (`হাসপাতালে` → `হাসপাতাল`).
    pub(crate) last_chars: usize,
    /// Known places and people that became part of the name (their first tokens).
    pub(crate) places: Vec<usize>,
}

impl Heads {
    pub(super) fn embedded() -> Result<Self, Error> {
        let f: HeadsFile = toml::from_str(HEADS).map_err(|e| Error::asset("heads.toml", e))?;
        let mut heads = Vec::new();
        let mut by_last: HashMap<String, Vec<usize>> = HashMap::default();
        for g in f.group {
            let own_places: HashSet<String> = g.own_places.iter().map(|w| match_key(w)).collect();
            let (endings, words): (Vec<&String>, Vec<&String>) =
                g.generic.iter().partition(|w| w.starts_with('-'));
            let generic: HashSet<String> = words.iter().map(|w| match_key(w)).collect();
            let generic_endings: Vec<String> = endings
                .iter()
                .map(|w| match_key(w.trim_start_matches('-')))
                .collect();
            let kind = match g.kind {
                Kind::Organization => EntityKind::Organization,
                Kind::Place => EntityKind::Place,
            };
            for h in g.heads {
                let words: Vec<String> = h.split_whitespace().map(match_key).collect();
                let Some(last) = words.last() else {
                    return Err(Error::asset("heads.toml", "an empty head"));
                };
                by_last.entry(last.clone()).or_default().push(heads.len());
                heads.push(Head {
                    words,
                    kind,
                    before: g.before,
                    places: g.places,
                    genitive_places: g.genitive_places,
                    own_places: own_places.clone(),
                    generic: generic.clone(),
                    generic_endings: generic_endings.clone(),
                });
            }
        }
        Ok(Self {
            heads,
            by_last,
            modifiers: f.modifiers.iter().map(|w| match_key(w)).collect(),
            connectors: f.connectors.iter().map(|w| match_key(w)).collect(),
            not_before: f.not_before.iter().map(|w| match_key(w)).collect(),
            not_first: f.not_first.iter().map(|w| match_key(w)).collect(),
            not_endings: f.not_endings.iter().map(|w| match_key(w)).collect(),
            titles: f.titles.iter().map(|w| match_key(w)).collect(),
        })
    }

    /// Names in one block's tokens ending in a head noun; `slot(i)` says what token `i` already is.
    ///
    /// Long because the words before a head are gathered inside the one right-to-left pass that owns `taken`.
    pub(super) fn find(
        &self,
        rules: &ContextRules,
        tokens: &[Token<'_>],
        slot: impl Fn(usize) -> Slot,
    ) -> Vec<HeadName> {
        let mut out = Vec::new();
        let mut taken = vec![false; tokens.len()];
        let free = |j: usize, taken: &[bool]| !taken[j] && matches!(slot(j), Slot::Free);
        // Right to left, so `মেডিকেল কলেজ হাসপাতাল` is seen before `মেডিকেল কলেজ` inside it.
        for i in (1..tokens.len()).rev() {
            if !free(i, &taken) {
                continue;
            }
            let Some((head, head_start, last_chars)) = self.head_at(tokens, i, |j| free(j, &taken))
            else {
                continue;
            };
            if rules.names_a_law(tokens, i) {
                continue;
            }
            let mut start = head_start;
            let mut words = 0;
            let mut named = false;
            let mut places = Vec::new();
            while start > 0 && words < MAX_WORDS_BEFORE && tokens[start].adjacent {
                let j = start - 1;
                let t = &tokens[j];
                // `সফলতম ক্লাব`: a superlative describes, it does not name.
                if taken[j]
                    || self.not_before.contains(&t.key)
                    || self.is_head_word(t, head.before == Before::Any)
                    || t.key.ends_with("তম")
                {
                    break;
                }
                match slot(j) {
                    // `ঢাকা বিভাগ`: the division itself, a place the gazetteer knows.
                    Slot::PlaceFrom(from)
                        if start == head_start && from == j && head.own_places.contains(&t.key) =>
                    {
                        named = false;
                        break;
                    }
                    // The place begins the name: `শহিদুল ইসলাম রাজারহাট থানা` is two names.
                    // Genitive only: `সচিবালয়ে স্বরাষ্ট্র মন্ত্রণালয়` is a ministry in a place.
                    Slot::PlaceFrom(from) | Slot::InflectedPlaceFrom(from)
                        if (head.places && matches!(slot(j), Slot::PlaceFrom(_)))
                            || (head.genitive_places && t.key.ends_with('র')) =>
                    {
                        places.push(from);
                        start = from;
                        named = true;
                        // `ঢাকা-চট্টগ্রাম মহাসড়ক`: a hyphen joins the place to another.
                        if !tokens[from].joined {
                            break;
                        }
                    }
                    // `ঢাকা বিভাগ`: a division, not an office.
                    Slot::PlaceFrom(_) if start == head_start => {
                        named = false;
                        break;
                    }
                    // `শহীদ জিয়াউর রহমান মেডিকেল কলেজ হাসপাতাল`: an institution named after a
                    // known person, before a head of two words or more (`ইউনূস হাসপাতালে` is a
                    // man going to hospital).
                    Slot::PersonFrom(from)
                        if head.before == Before::Name && head.words.len() > 1 =>
                    {
                        places.push(from);
                        start = from;
                        named = true;
                        while start > 0
                            && tokens[start].adjacent
                            && !taken[start - 1]
                            && matches!(slot(start - 1), Slot::Free)
                            && self.titles.contains(&tokens[start - 1].key)
                        {
                            start -= 1;
                        }
                    }
                    Slot::PlaceFrom(_)
                    | Slot::InflectedPlaceFrom(_)
                    | Slot::PersonFrom(_)
                    | Slot::Taken => break,
                    // Generic words are ordinary words where ordinary words may name
                    // (`স্বাস্থ্য ও পরিবার কল্যাণ মন্ত্রণালয়`); connectors only join those.
                    Slot::Free if self.modifiers.contains(&t.key) => {
                        start = j;
                        words += 1;
                        named |= head.before == Before::Any;
                    }
                    Slot::Free
                        if self.connectors.contains(&t.key)
                            && start < head_start
                            && head.before == Before::Any =>
                    {
                        start = j;
                        words += 1;
                    }
                    // Before a place head, no word of a person's name (`রাশেদা বেগম থানায়`).
                    Slot::Free
                        if !(head.before == Before::Place
                            && (rules.name_part(t) || rules.given_name(&t.key)))
                            && !rules.inflected_common(t)
                            && !self.inflected(t)
                            && ((rules.nameish(t, false) && !rules.ends_name(t))
                                || (head.before == Before::Any && rules.ordinary_word(t))) =>
                    {
                        start = j;
                        words += 1;
                        named = true;
                    }
                    Slot::Free => break,
                }
            }
            if !named {
                continue;
            }
            // Leading generic words belong to the phrase before (`সদর উপজেলা`), unless a place
            // follows them.
            while start < head_start
                && (self.connectors.contains(&tokens[start].key)
                    || (head.before != Before::Any
                        && self.modifiers.contains(&tokens[start].key)
                        && !places.contains(&(start + 1))
                        && !self.modifiers.contains(&tokens[start + 1].key)))
            {
                start += 1;
            }
            if self.not_first.contains(&tokens[start].key)
                || tokens[start..head_start]
                    .iter()
                    .all(|t| head.is_generic(&t.key) || self.connectors.contains(&t.key))
            {
                continue;
            }
            for t in &mut taken[start..=i] {
                *t = true;
            }
            out.push(HeadName {
                kind: head.kind,
                tokens: start..i + 1,
                last_chars,
                places,
            });
        }
        out.reverse();
        out
    }

    /// Whether some reading of a word ends in one of `not_endings`.
    fn inflected(&self, t: &Token<'_>) -> bool {
        t.stems().iter().any(|s| {
            let ending = &t.key[s.key.len()..];
            self.not_endings.iter().any(|e| e == ending)
        })
    }

    /// Whether a phrase is a description ending in a head noun (`তফসিলি ব্যাংকের`, `এডি
    /// ব্যাংকগুলোকে`): every word before the head is one of its `generic` words. The context
    /// rules' rare-word-before-a-head names find such phrases too; the heads' own scan already
    /// leaves them out.
    pub(super) fn describes(&self, tokens: &[Token<'_>]) -> bool {
        let Some(last) = tokens.len().checked_sub(1) else {
            return false;
        };
        self.head_at(tokens, last, |_| true)
            .is_some_and(|(head, start, _)| {
                start > 0
                    && tokens[..start]
                        .iter()
                        .all(|t| head.is_generic(&t.key) || self.connectors.contains(&t.key))
            })
    }

    /// Whether a word is (an inflection of) a head's last word: names do not chain
    /// (`স্টেডিয়ামে সিলেট টাইটান্স`, `রেলপথ মন্ত্রণালয় ও নৌপরিবহন মন্ত্রণালয়`), though a ministry's
    /// name may hold a place head (`সড়ক পরিবহন ও সেতু মন্ত্রণালয়`): `only_organizations`.
    fn is_head_word(&self, t: &Token<'_>, only_organizations: bool) -> bool {
        let is_head = |k: &str| {
            self.by_last.get(k).is_some_and(|hs| {
                hs.iter()
                    .any(|&h| !only_organizations || self.heads[h].kind == EntityKind::Organization)
            })
        };
        is_head(&t.key) || t.stems().iter().any(|s| is_head(s.key))
    }

    /// The longest head ending at token `i` whose other words are free: the head, its first
    /// token and the chars of token `i` it keeps.
    fn head_at(
        &self,
        tokens: &[Token<'_>],
        i: usize,
        free: impl Fn(usize) -> bool,
    ) -> Option<(&Head, usize, usize)> {
        let t = &tokens[i];
        let candidates = std::iter::once((t.key.as_str(), t.key.chars().count())).chain(
            t.stems()
                .iter()
                .map(|s| (s.key, s.chars))
                .collect::<Vec<_>>(),
        );
        let mut best: Option<(&Head, usize, usize)> = None;
        for (key, chars) in candidates {
            for &h in self.by_last.get(key).into_iter().flatten() {
                let head = &self.heads[h];
                let n = head.words.len();
                if n > i + 1 || best.is_some_and(|(b, _, _)| b.words.len() >= n) {
                    continue;
                }
                let start = i + 1 - n;
                let fits = (start..i).all(|j| {
                    free(j) && tokens[j].key == head.words[j - start] && tokens[j + 1].adjacent
                });
                if fits {
                    best = Some((head, start, chars));
                }
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::token::tokenize;

    /// Names found when the places `place_at` (first and last token) and the other names
    /// `taken_at` (tokens) are already known.
    fn names_around(
        text: &str,
        place_at: &[(usize, usize)],
        taken_at: &[usize],
    ) -> Vec<(EntityKind, String)> {
        let (Ok(heads), Ok(rules)) = (Heads::embedded(), ContextRules::embedded()) else {
            panic!("embedded assets");
        };
        let tokens = tokenize(text);
        let slot = |j: usize| match place_at.iter().find(|(_, end)| *end == j) {
            Some((from, _)) => Slot::PlaceFrom(*from),
            None if place_at.iter().any(|(f, e)| (*f..=*e).contains(&j)) => Slot::Taken,
            None if taken_at.contains(&j) => Slot::Taken,
            None => Slot::Free,
        };
        heads
            .find(&rules, &tokens, slot)
            .into_iter()
            .map(|h| {
                let last = &tokens[h.tokens.end - 1];
                let mut words: Vec<&str> = tokens[h.tokens.start..h.tokens.end - 1]
                    .iter()
                    .map(|t| t.text)
                    .collect();
                let kept: String = last.key.chars().take(h.last_chars).collect();
                let whole = last.key == kept;
                words.push(if whole { last.text } else { "" });
                let mut name = words.join(" ");
                if !whole {
                    name.push_str(&kept);
                }
                (h.kind, match_key(&name))
            })
            .collect()
    }

    fn names(text: &str, place_at: &[(usize, usize)]) -> Vec<(EntityKind, String)> {
        names_around(text, place_at, &[])
    }

    fn one(kind: EntityKind, name: &str) -> Vec<(EntityKind, String)> {
        vec![(kind, match_key(name))]
    }

    #[test]
    fn police_station_takes_the_place_before_it() {
        let got = names("তিনি কুতুবদিয়া থানায় মামলা করেন", &[(1, 1)]);
        assert_eq!(got, one(EntityKind::Organization, "কুতুবদিয়া থানা"));
    }

    #[test]
    fn police_stations_are_named_after_places_only() {
        assert!(names("রাশেদা বেগম থানায় মামলা করেন", &[]).is_empty());
        let got = names("তিনি জোরারগঞ্জ থানায় যান", &[]);
        assert_eq!(got, one(EntityKind::Organization, "জোরারগঞ্জ থানা"));
    }

    #[test]
    fn a_place_begins_the_name() {
        let got = names("শহিদুল ইসলাম রাজারহাট থানায় যান", &[(2, 2)]);
        assert_eq!(got, one(EntityKind::Organization, "রাজারহাট থানা"));
    }

    #[test]
    fn longest_head_wins() {
        let got = names("তাঁকে রংপুর মেডিকেল কলেজ হাসপাতালে নেওয়া হয়", &[(1, 1)]);
        assert_eq!(
            got,
            one(EntityKind::Organization, "রংপুর মেডিকেল কলেজ হাসপাতাল")
        );
    }

    #[test]
    fn inflected_common_words_and_superlatives_stay_out() {
        let got = names("রাজধানীর মগবাজারে মানবাধিকার কমিশন কার্যালয়ে", &[]);
        assert!(
            got.iter().all(|(_, n)| !n.starts_with(&match_key("রাজধানী"))),
            "{got:?}"
        );
        assert!(names("জার্মানির সফলতম ক্লাব বায়ার্ন", &[]).is_empty());
        assert!(names("সে সম্পর্কে কমিশন সচিবালয় থেকে", &[]).is_empty());
        let got = names("বিগত শাসনামলে স্বাস্থ্য অধিদপ্তর", &[]);
        assert_eq!(got, one(EntityKind::Organization, "স্বাস্থ্য অধিদপ্তর"));
    }

    #[test]
    fn a_word_that_only_begins_a_role_is_ordinary() {
        let got = names("‘সাধারণ বীমা করপোরেশনের’ অনুকূলে", &[]);
        assert_eq!(got, one(EntityKind::Organization, "সাধারণ বীমা করপোরেশন"));
        let got = names("প্রধান অতিথি ছিলেন অ্যাসোসিয়েশনের সভাপতি", &[]);
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn subject_and_hospital_departments_are_no_names() {
        for text in [
            "ঢাকা বিশ্ববিদ্যালয়ের ইংরেজি বিভাগের অধ্যাপক",
            "হাসপাতালের জরুরি বিভাগে নেওয়া হয়",
            "গণযোগাযোগ ও সাংবাদিকতা বিভাগের শিক্ষার্থী",
        ] {
            let got = names(text, &[]);
            assert!(
                got.iter().all(|(_, n)| !n.ends_with(&match_key("বিভাগ"))),
                "{text}: {got:?}"
            );
        }
        for text in [
            "যেকোনো তফসিলি ব্যাংকের শাখায়",
            "ফ্যাসিবাদবিরোধী আন্দোলনের নেতারা",
            "হাসপাতালের বার্ন ইউনিটে ভর্তি",
            "উচ্চ আদালতের আদেশ",
        ] {
            assert!(
                names(text, &[]).is_empty(),
                "{text}: {:?}",
                names(text, &[])
            );
        }
        let got = names("ব্যাংকের বৈদেশিক মুদ্রানীতি বিভাগ জানায়", &[]);
        assert_eq!(got, one(EntityKind::Organization, "বৈদেশিক মুদ্রানীতি বিভাগ"));
    }

    #[test]
    fn pronouns_verbs_and_counts_begin_no_name() {
        for (text, name) in [
            ("আমরা স্বরাষ্ট্র মন্ত্রণালয়কে জানিয়েছি", "স্বরাষ্ট্র মন্ত্রণালয়"),
            ("সেদিন চেম্বার আদালত শুনানি করে", "চেম্বার আদালত"),
            ("আমি চেয়েছিলাম বন মন্ত্রণালয় দায়িত্ব নিক", "বন মন্ত্রণালয়"),
            ("দায়িত্ব নেন যুব ও ক্রীড়া মন্ত্রণালয়ের", "যুব ও ক্রীড়া মন্ত্রণালয়"),
            ("এ পর্যন্ত স্বাস্থ্য অধিদপ্তর জানায়", "স্বাস্থ্য অধিদপ্তর"),
            ("ন্যাশনাল টি কোম্পানি লিমিটেডের", "ন্যাশনাল টি কোম্পানি লিমিটেড"),
        ] {
            assert_eq!(
                names(text, &[]),
                one(EntityKind::Organization, name),
                "{text}"
            );
        }
        assert!(names("২৫০ শয্যার হাসপাতালে", &[]).is_empty());
    }

    #[test]
    fn ministries_take_ordinary_words() {
        let got = names("অর্থ মন্ত্রণালয়ের এক কর্মকর্তা জানান", &[]);
        assert_eq!(got, one(EntityKind::Organization, "অর্থ মন্ত্রণালয়"));
        assert!(names("সংশ্লিষ্ট সব মন্ত্রণালয়ের কাছে", &[]).is_empty());
        let got = names("সড়ক পরিবহন ও সেতু মন্ত্রণালয় জানায়", &[]);
        assert_eq!(
            got,
            one(EntityKind::Organization, "সড়ক পরিবহন ও সেতু মন্ত্রণালয়")
        );
        assert!(names("কোনো মন্ত্রণালয় বা বিভাগ", &[]).is_empty());
        let got = names("রেলপথ মন্ত্রণালয় ও নৌপরিবহন মন্ত্রণালয়", &[]);
        assert_eq!(got.len(), 2, "{got:?}");
        let got = names("প্রাথমিক ও গণশিক্ষা মন্ত্রণালয়ের সচিব", &[]);
        assert_eq!(
            got,
            one(EntityKind::Organization, "প্রাথমিক ও গণশিক্ষা মন্ত্রণালয়")
        );
    }

    #[test]
    fn the_tagger_s_descriptions_are_recognised() {
        let heads = match Heads::embedded() {
            Ok(h) => h,
            Err(e) => panic!("{e}"),
        };
        assert!(heads.describes(&tokenize("এডি ব্যাংকগুলোকে")));
        assert!(heads.describes(&tokenize("তফসিলি ব্যাংকের")));
        assert!(!heads.describes(&tokenize("ইসলামী ব্যাংক")));
        assert!(!heads.describes(&tokenize("ব্যাংক")));
    }

    #[test]
    fn generic_words_alone_name_nothing() {
        assert!(names("তাঁকে উপজেলা স্বাস্থ্য কমপ্লেক্সে নেওয়া হয়", &[]).is_empty());
        assert!(names("পরে তিনি থানায় যান", &[]).is_empty());
        assert!(names("উপজেলা পরিষদের সভায়", &[]).is_empty());
    }

    #[test]
    fn a_place_before_a_division_is_the_division() {
        assert!(names("ঢাকা বিভাগের আট জেলায়", &[(0, 0)]).is_empty());
        let got = names("ডিএমপির তেজগাঁও বিভাগের উপকমিশনার", &[(1, 1)]);
        assert_eq!(got, one(EntityKind::Organization, "তেজগাঁও বিভাগ"));
        let got = names("আপিল বিভাগের রায়", &[]);
        assert_eq!(got, one(EntityKind::Organization, "আপিল বিভাগ"));
    }

    #[test]
    fn ordinals_and_cut_off_ministries_name_nothing() {
        assert!(names("তিনি প্রথম বিভাগ লিগে খেলেন", &[]).is_empty());
        assert!(names("দ্বিতীয় বিভাগের দলগুলো", &[]).is_empty());
        assert!(names_around("বিচার ও সংসদ বিষয়ক মন্ত্রণালয় জানায়", &[], &[2]).is_empty());
        let got = names("মহিলা ও শিশু বিষয়ক মন্ত্রণালয় জানায়", &[]);
        assert_eq!(
            got,
            one(EntityKind::Organization, "মহিলা ও শিশু বিষয়ক মন্ত্রণালয়")
        );
    }

    #[test]
    fn markets_and_roads_are_places() {
        let got = names("জিয়ানগর বাজারে আগুন লাগে", &[]);
        assert_eq!(got, one(EntityKind::Place, "জিয়ানগর বাজার"));
        let got = names("ঢাকা-চট্টগ্রাম মহাসড়কে যানজট", &[(0, 0), (1, 1)]);
        // The helper joins words with spaces.
        assert_eq!(got, one(EntityKind::Place, "ঢাকা চট্টগ্রাম মহাসড়ক"));
        let got = names("প্রাঙ্গণ ও সোহরাওয়ার্দী উদ্যানে সমাবেশ", &[]);
        assert_eq!(got, one(EntityKind::Place, "সোহরাওয়ার্দী উদ্যান"));
    }
}
