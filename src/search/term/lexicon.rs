//! The search lexicon (case endings, letter names, English topic words) and an indexed word
//! prepared with its skeleton, stem and char mask.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

use crate::search::translit::Shape;
use crate::text::key::match_key;
use crate::text::skeleton::skeleton;

#[derive(Deserialize)]
struct LexiconFile {
    suffixes: Vec<String>,
    letter_names: HashMap<char, String>,
}

#[derive(Deserialize)]
struct TopicsFile {
    topics: HashMap<String, Vec<String>>,
}

#[derive(Deserialize)]
struct PeopleFile {
    entry: Vec<Person>,
}

#[derive(Deserialize)]
struct Person {
    en: String,
    bn: Vec<String>,
}

/// Latin name words shorter than this are not paired with a Bengali word: too many ordinary
/// words share them.
const NAME_WORD_MIN: usize = 3;

/// Each word of a person's English name in `assets/gazetteer/people.toml` with the Bengali word
/// in the same place of a Bengali form of as many words, when the two have the same consonants
/// but the vowels rules of `translit` do not accept the pair: `tarique` → তারেক (Tarique Rahman,
/// তারেক রহমান), a spelling by native pronunciation (i is not e). The gazetteer vouches for the
/// vowels; the consonants must still agree, so a form in another word order pairs nothing.
/// Pairs the rules accept (`putin`, পুতিন) are left to them and keep their tier.
fn name_spellings(people: &PeopleFile) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for person in &people.entry {
        let en: Vec<String> = person.en.split_whitespace().map(match_key).collect();
        for form in &person.bn {
            let bn: Vec<String> = form.split_whitespace().map(match_key).collect();
            if bn.len() != en.len() {
                continue;
            }
            for (latin, bengali) in en.iter().zip(bn) {
                let plain =
                    latin.len() >= NAME_WORD_MIN && latin.chars().all(|c| c.is_ascii_lowercase());
                if plain
                    && skeleton(latin) == skeleton(&bengali)
                    && !Shape::of(latin).spells(&Shape::of(&bengali), false)
                {
                    let spellings = out.entry(latin.clone()).or_default();
                    if !spellings.contains(&bengali) {
                        spellings.push(bengali);
                    }
                }
            }
        }
    }
    out
}

/// Suffixes and letter names from `assets/search.toml`, and English topic words with their
/// Bengali words from `assets/topics.toml`, as match keys.
pub(crate) struct Lexicon {
    /// Longest first.
    suffixes: Vec<String>,
    letter_names: HashMap<char, String>,
    topics: HashMap<String, Vec<String>>,
    names: HashMap<String, Vec<String>>,
}

pub(crate) static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let file: LexiconFile = toml::from_str(include_str!("../../../assets/search.toml"))
        .expect("assets/search.toml is embedded and tested");
    let mut suffixes: Vec<String> = file.suffixes.iter().map(|s| match_key(s)).collect();
    suffixes.sort_by_key(|s| std::cmp::Reverse(s.len()));
    let topics: TopicsFile = toml::from_str(include_str!("../../../assets/topics.toml"))
        .expect("assets/topics.toml is embedded and tested");
    let people: PeopleFile = toml::from_str(include_str!("../../../assets/gazetteer/people.toml"))
        .expect("assets/gazetteer/people.toml is embedded and tested");
    Lexicon {
        suffixes,
        letter_names: file
            .letter_names
            .into_iter()
            .map(|(c, n)| (c, match_key(&n)))
            .collect(),
        topics: topics
            .topics
            .into_iter()
            .map(|(en, bn)| (match_key(&en), bn.iter().map(|w| match_key(w)).collect()))
            .collect(),
        names: name_spellings(&people),
    }
});

impl Lexicon {
    /// True when `rest` (what follows a stem in a word) is a case or number ending, possibly
    /// attached with an apostrophe or hyphen (`বিএনপি'র`, `এক্স-এ`).
    pub(super) fn is_suffix(&self, rest: &str) -> bool {
        let rest = rest.trim_start_matches(['\'', '’', '-', '–']);
        // Most words go on far longer than any ending: answer those without comparing (a
        // one-letter query tests tens of thousands of words).
        let longest = self.suffixes.first().map_or(0, String::len);
        rest.len() <= longest && self.suffixes.iter().any(|s| s == rest)
    }

    /// The stem of `word` when it ends in a known suffix and at least two letters remain.
    pub(crate) fn stem<'w>(&self, word: &'w str) -> Option<&'w str> {
        self.suffixes.iter().find_map(|s| {
            let stem = word.strip_suffix(s.as_str())?;
            let stem = stem.trim_end_matches(['\'', '’', '-', '–']);
            (stem.chars().filter(|c| c.is_alphabetic()).count() >= 2).then_some(stem)
        })
    }

    /// `bbc` → বিবিসি.
    pub(super) fn spell_letters(&self, latin: &str) -> Option<String> {
        latin
            .chars()
            .map(|c| self.letter_names.get(&c).map(String::as_str))
            .collect()
    }

    /// `flood` → বন্যা: the Bengali words for an English topic word.
    pub(super) fn topic(&self, latin: &str) -> &[String] {
        self.topics.get(latin).map_or(&[], Vec::as_slice)
    }

    /// `tarique` → তারেক: the Bengali words the gazetteer pairs with a Latin name word.
    pub(super) fn name(&self, latin: &str) -> &[String] {
        self.names.get(latin).map_or(&[], Vec::as_slice)
    }
}

/// A compact over-approximation of the chars in a text: if a query has a char the word lacks,
/// the word cannot match fuzzily. Checked before running the fuzzy matcher.
pub(crate) fn char_mask(s: &str) -> u64 {
    s.chars().fold(0, |m, c| {
        m | 1 << ((c as u32).wrapping_mul(0x9E37_79B1) >> 26)
    })
}

/// An indexed word (a title word or one word of a name), with everything matching needs.
#[derive(Debug)]
pub(crate) struct Word {
    pub(crate) key: Box<str>,
    pub(crate) skel: Box<str>,
    /// Skeleton of the word without its case ending, and the stem's length in bytes.
    pub(crate) stem: Option<(usize, Box<str>)>,
    pub(crate) mask: u64,
}

impl Word {
    pub(crate) fn new(key: &str) -> Word {
        let mut word = Word {
            key: key.into(),
            skel: skeleton(key).into_boxed_str(),
            stem: None,
            mask: char_mask(key),
        };
        word.restem();
        word
    }

    /// Gives a word whose stem was dropped ([`keep_stem_if`](Self::keep_stem_if)) the stem the
    /// suffix rules find again, for a vocabulary whose words changed: what attests a stem may
    /// have come with them.
    pub(crate) fn restem(&mut self) {
        if self.stem.is_none() {
            self.stem = LEXICON
                .stem(&self.key)
                .map(|stem| (stem.len(), skeleton(stem).into_boxed_str()));
        }
    }

    /// Drops the stem unless `attested` says it occurs as a word of its own: real words end in
    /// what looks like a suffix (সাগর is not সাগ + র), so a stem counts only with evidence
    /// (`BENGALI.md` §4).
    pub(crate) fn keep_stem_if(&mut self, attested: impl Fn(&str) -> bool) {
        if let Some((len, _)) = &self.stem
            && !attested(&self.key[..*len])
        {
            self.stem = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lexicon_loads() {
        assert!(LEXICON.suffixes.len() > 10);
        assert_eq!(LEXICON.spell_letters("bbc").as_deref(), Some("বিবিসি"));
        assert_eq!(LEXICON.stem("পুতিনের"), Some("পুতিন"));
        assert_eq!(LEXICON.stem("বিএনপি'র"), Some("বিএনপি"));
    }

    #[test]
    fn the_gazetteer_pairs_name_words_with_the_same_consonants() {
        assert_eq!(LEXICON.name("tarique"), [match_key("তারেক")]);
        // The rules already accept পুতিন for putin: no pair, the match keeps its tier.
        assert!(LEXICON.name("putin").is_empty());
        // Leo XIV is লিও চতুর্দশ: another order, other consonants, no pair.
        assert!(LEXICON.name("leo").iter().all(|w| *w != match_key("চতুর্দশ")));
        assert!(
            LEXICON
                .name("banerjee")
                .iter()
                .all(|w| *w != match_key("বন্দ্যোপাধ্যায়"))
        );
    }
}
