//! One-word person names found from context or by the tagger. In real news most of them are a
//! piece of a longer name (`আবুল` of `আবুল কালাম আজাদ`, `খান` of `আবু সাঈদ খান`) or a word the tagger
//! took for a name (`থাকাকালে`, `নোবেলজয়ী`, `কর্তৃক`); only a few are a person named by one word
//! (`রোনালদো`, `মুশফিক`). So a one-word name joins the one full name of the article that holds it,
//! and otherwise stays only when it can stand alone (data: `assets/extract/lone.toml`). One-word
//! organisations and places are rarer still outside the gazetteer: acronyms (`বিএসইসি`) and a few
//! names (`আনসার`); a group of people (`মুসলিম`), an institution noun alone (`বিশ্ববিদ্যালয়`), a
//! common word or a pair of them (`আইন-আদালত`) is left out.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;

use super::context::{ContextRules, reads_as};
use super::gazetteer::{Entry, form_key};
use super::resolve::{Mention, Target};
use crate::article::EntityKind;
use crate::error::Error;
use crate::text::key::match_key;
use crate::text::token::tokenize;

const LONE: &str = include_str!("../../assets/extract/lone.toml");

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LoneFile {
    never_alone: Vec<String>,
    endings: Vec<String>,
    not_one_word: Vec<String>,
}

#[derive(Debug)]
pub(super) struct LoneRules {
    never_alone: HashSet<String>,
    endings: Vec<String>,
    not_one_word: HashSet<String>,
}

impl LoneRules {
    pub(super) fn embedded() -> Result<Self, Error> {
        let f: LoneFile = toml::from_str(LONE).map_err(|e| Error::asset("lone.toml", e))?;
        Ok(Self {
            never_alone: f.never_alone.iter().map(|w| match_key(w)).collect(),
            endings: f.endings.iter().map(|w| match_key(w)).collect(),
            not_one_word: f.not_one_word.iter().map(|w| match_key(w)).collect(),
        })
    }

    /// Whether a one-word organisation or place found outside the gazetteer names nothing.
    fn names_nothing(&self, rules: &ContextRules, key: &str) -> bool {
        if self.not_one_word.contains(key) || rules.common(key) {
            return true;
        }
        let generic = |part: &str| {
            tokenize(part).iter().any(|t| {
                reads_as(t, &self.not_one_word) || rules.common(&t.key) || rules.inflected_common(t)
            })
        };
        // `আইন-আদালত`: a pair is generic when both its words are.
        key.split(['-', '–']).all(generic)
    }

    /// Whether a one-word name found `count` times in the article may stand for a person alone.
    fn stands_alone(&self, rules: &ContextRules, key: &str, count: usize) -> bool {
        if self.never_alone.contains(key) || rules.common(key) {
            return false;
        }
        let chars = key.chars().count();
        if self
            .endings
            .iter()
            .any(|e| key.ends_with(e.as_str()) && chars > e.chars().count() + 1)
        {
            return false;
        }
        if tokenize(key).iter().any(|t| rules.inflected_common(t)) {
            return false;
        }
        // Said once and no known given name: more often a word the tagger mistook.
        count >= 2 || rules.given_name(key)
    }
}

/// Removes the mentions of one-word organisations and places found outside the gazetteer that
/// name nothing (see the module doc).
pub(super) fn drop_generic(lone: &LoneRules, rules: &ContextRules, mentions: &mut Vec<Mention>) {
    mentions.retain(|m| match &m.target {
        Target::Found(EntityKind::Organization | EntityKind::Place, key) if !key.contains(' ') => {
            !lone.names_nothing(rules, key)
        }
        _ => true,
    });
}

/// Retargets or removes the mentions of one-word person names (see the module doc).
pub(super) fn settle(
    lone: &LoneRules,
    rules: &ContextRules,
    entries: &[Entry],
    mentions: &mut Vec<Mention>,
) {
    let one_word = |t: &Target| match t {
        Target::Found(EntityKind::Person, key) if !key.contains(' ') => Some(key.clone()),
        _ => None,
    };
    let mut counts: HashMap<String, usize> = HashMap::default();
    for m in mentions.iter() {
        if let Some(key) = one_word(&m.target) {
            *counts.entry(key).or_default() += 1;
        }
    }
    if counts.is_empty() {
        return;
    }
    // Every word of every full person name of the article, with the names holding it.
    let mut holders: HashMap<String, Vec<Target>> = HashMap::default();
    for m in mentions.iter() {
        let is_person = match &m.target {
            Target::Found(kind, _) => *kind == EntityKind::Person,
            Target::Known(e) => entries
                .get(*e)
                .is_some_and(|e| e.kind == EntityKind::Person),
            Target::Outlet(_) => false,
        };
        let key = form_key(&m.surface);
        if !is_person || !key.contains(' ') {
            continue;
        }
        for word in key.split(' ') {
            let list = holders.entry(word.to_string()).or_default();
            if !list.contains(&m.target) {
                list.push(m.target.clone());
            }
        }
    }
    let mut verdict: HashMap<String, Option<Target>> = HashMap::default();
    for (key, count) in counts {
        let settled = match holders.get(&key).map(Vec::as_slice) {
            Some([one]) => Some(one.clone()),
            Some(_) => None,
            None if lone.stands_alone(rules, &key, count) => {
                Some(Target::Found(EntityKind::Person, key.clone()))
            }
            None => None,
        };
        verdict.insert(key, settled);
    }
    mentions.retain_mut(|m| {
        let Some(key) = one_word(&m.target) else {
            return true;
        };
        match verdict.get(&key) {
            Some(Some(target)) => {
                m.target = target.clone();
                true
            }
            _ => false,
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, Span};
    use crate::extract::gazetteer::Form;

    fn rules() -> (LoneRules, ContextRules) {
        match (LoneRules::embedded(), ContextRules::embedded()) {
            (Ok(l), Ok(r)) => (l, r),
            (Err(e), _) | (_, Err(e)) => panic!("{e}"),
        }
    }

    fn person(surface: &str) -> Mention {
        Mention {
            target: Target::Found(EntityKind::Person, form_key(surface)),
            form: Form::Name,
            span: Span {
                block: Block::Body(0),
                range: 0..surface.len(),
            },
            surface: surface.to_string(),
            gloss: None,
        }
    }

    fn targets(mentions: &[Mention]) -> Vec<String> {
        mentions
            .iter()
            .map(|m| match &m.target {
                Target::Found(_, key) => key.clone(),
                other => format!("{other:?}"),
            })
            .collect()
    }

    #[test]
    fn groups_institution_nouns_and_common_words_are_no_one_word_names() {
        let (lone, rules) = rules();
        for word in ["মুসলিম", "বিশ্ববিদ্যালয়", "সরকার", "আইন-আদালত", "অফিস-আদালত"]
        {
            assert!(lone.names_nothing(&rules, &match_key(word)), "{word}");
        }
        for word in ["বিএসইসি", "আনসার", "ইনস্টাগ্রাম", "কুশিয়ারা"]
        {
            assert!(!lone.names_nothing(&rules, &match_key(word)), "{word}");
        }
    }

    #[test]
    fn surnames_honorifics_and_marked_words_never_stand_alone() {
        let (lone, rules) = rules();
        for word in ["খান", "চৌধুরী", "সাহেব", "থাকাকালে", "নির্বিকারভাবে", "অবসরপ্রাপ্ত"]
        {
            assert!(
                !lone.stands_alone(&rules, &match_key(word), 3),
                "{word} stood alone"
            );
        }
    }

    #[test]
    fn a_given_name_stands_alone_and_an_unknown_word_needs_two_mentions() {
        let (lone, rules) = rules();
        assert!(lone.stands_alone(&rules, &match_key("মুশফিক"), 1));
        assert!(!lone.stands_alone(&rules, &match_key("জেলমে"), 1));
        assert!(lone.stands_alone(&rules, &match_key("জেলমে"), 2));
    }

    #[test]
    fn a_lone_word_joins_the_one_full_name_holding_it() {
        let (lone, rules) = rules();
        let mut mentions = vec![
            person("আবুল কালাম আজাদ"),
            person("আবুল"),
            person("খান"),
            person("থাকাকালে"),
        ];
        settle(&lone, &rules, &[], &mut mentions);
        let full = form_key("আবুল কালাম আজাদ");
        assert_eq!(targets(&mentions), vec![full.clone(), full]);
    }

    #[test]
    fn a_lone_word_held_by_two_full_names_is_left_out() {
        let (lone, rules) = rules();
        let mut mentions = vec![person("আবুল কালাম আজাদ"), person("আবুল হোসেন"), person("আবুল")];
        settle(&lone, &rules, &[], &mut mentions);
        assert_eq!(
            targets(&mentions),
            vec![form_key("আবুল কালাম আজাদ"), form_key("আবুল হোসেন")]
        );
    }
}
