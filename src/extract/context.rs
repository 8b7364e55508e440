//! Names the gazetteer does not know, found from the words around them: titles and roles before
//! a person, reporting verbs after, `শহর`/`অঞ্চল`/`জেলা` next to a place. The trigger words are data
//! (`assets/extract/context.toml`); `assets/extract/common_words.txt` (frequent non-entity words of
//! the NER corpora's train split) tells where a name ends.

use rustc_hash::FxHashSet as HashSet;
use std::ops::Range;

use serde::Deserialize;

use crate::article::EntityKind;
use crate::error::Error;
use crate::text::key::match_key;
use crate::text::suffix::{self, Strength};
use crate::text::token::Token;

const CONTEXT: &str = include_str!("../../assets/extract/context.toml");
const COMMON_WORDS: &str = include_str!("../../assets/extract/common_words.txt");
/// Name parts: the NER corpora's list and the team's own list of Bangladeshi name words, read as one
/// set here and by the tagger's features.
pub(super) const NAME_PARTS: [&str; 2] = [
    include_str!("../../assets/extract/name_parts.txt"),
    include_str!("../../assets/extract/name_words.txt"),
];
const PERSON_WORDS: &str = include_str!("../../assets/extract/person_words.txt");

mod people;
mod words;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ContextFile {
    person_before: Vec<String>,
    person_before_weak: Vec<String>,
    person_after: Vec<String>,
    person_addressees: Vec<String>,
    place_after: Vec<String>,
    place_before: Vec<String>,
    stop: Vec<String>,
    quantifiers: Vec<String>,
    light_verbs: Vec<String>,
    laws: Vec<String>,
    org_heads: Vec<String>,
    admin_words: Vec<String>,
    directions: Vec<String>,
    name_particles: Vec<String>,
    initials: Vec<String>,
    role_endings: Vec<String>,
    alias_words: Vec<String>,
    middle_names: Vec<String>,
    genitive_lookalikes: Vec<String>,
    adjective_endings: Vec<String>,
}

/// A name found from context, in one block's tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Found {
    pub(crate) kind: EntityKind,
    /// Tokens of the name, the last one possibly inflected.
    pub(crate) tokens: Range<usize>,
    /// Chars of the last token's key that belong to the name.
    pub(crate) last_chars: usize,
    /// Another name of the person found just before (`… ওরফে বাবু`): its index in the same list.
    pub(crate) alias_of: Option<usize>,
}

#[derive(Debug)]
pub(super) struct ContextRules {
    person_before: Triggers,
    person_before_weak: Triggers,
    person_after: Triggers,
    /// Whom a person speaks to between the name and the verb (`জাগো নিউজকে`, `সাংবাদিকদের`).
    person_addressees: Triggers,
    place_after: Triggers,
    place_before: Triggers,
    quantifiers: HashSet<String>,
    light_verbs: HashSet<String>,
    /// `আইন`, `অধ্যাদেশ`: after an institution's name they make it a law's title.
    laws: HashSet<String>,
    org_heads: HashSet<String>,
    admin_words: HashSet<String>,
    /// `পূর্ব`, `পশ্চিম` …: the first word of many villages' names (`পশ্চিম দেবত্তর`).
    directions: HashSet<String>,
    /// Words that begin a Bangladeshi name and belong to it (`মো.`, `সৈয়দ`, `আবু`).
    name_particles: HashSet<String>,
    /// Bengali-written initials (`এ কে এম`): part of a name only before a longer word.
    initials: HashSet<String>,
    /// Endings of compound role nouns (`দোকানমালিক`, `নৈশপ্রহরী`): such a word is a title, never a name.
    role_endings: Vec<String>,
    /// Words between two names of one person (`ওরফে`).
    alias_words: HashSet<String>,
    /// Middle names (`কুমার`, `রঞ্জন`): the word before one is a given name even when it is
    /// also a common word (`প্রদীপ কুমার সাহা`, `বিধান রঞ্জন রায়`).
    middle_names: HashSet<String>,
    /// Given names that read as a name part plus the genitive `-র` (`মনির`, not `মনি`'s).
    genitive_lookalikes: HashSet<String>,
    /// Endings of compound adjectives (`পাড়ঘেঁষা`, `ভূমিকম্পপ্রবণ`): such a word is never a name.
    adjective_endings: Vec<String>,
    /// Words mostly seen inside people's names in the NER corpora, as written: kept whole at the
    /// end of a name even when they end like a case suffix (`তাহের`).
    person_words: HashSet<String>,
    /// Words that are almost always part of a person's name in the NER corpora.
    name_parts: HashSet<String>,
    /// Words that end a name candidate: stop words, common words, and every trigger word.
    not_name: HashSet<String>,
    /// Stop words and every trigger word: what may not precede an institution's head noun even
    /// where ordinary words may (`অর্থ মন্ত্রণালয়` but not `সভাপতি মন্ত্রণালয়`).
    not_ordinary: HashSet<String>,
}

/// Most words a context-found name may have; longer names (`লুইজ ইনাসিও লুলা দা সিলভা`) are rare
/// enough to belong in the gazetteer, and long runs are more often a phrase than a name.
const MAX_NAME_TOKENS: usize = 4;

/// Whether `t` as written, or one of its stems, is in `set` (`উপজেলার` for `উপজেলা`).
pub(in crate::extract) fn reads_as(t: &Token<'_>, set: &HashSet<String>) -> bool {
    set.contains(&t.key) || t.stems().iter().any(|s| set.contains(s.key))
}

fn keys(words: &[String]) -> HashSet<String> {
    words.iter().map(|w| match_key(w)).collect()
}

/// Trigger words and phrases. A phrase (`সংসদ সদস্য`) matches only as a whole, so its last word
/// alone (`সদস্য`) triggers nothing.
#[derive(Debug, Default)]
struct Triggers {
    words: HashSet<String>,
    phrases: Vec<Vec<String>>,
}

impl Triggers {
    fn new(list: &[String]) -> Self {
        let mut t = Triggers::default();
        for item in list {
            let words: Vec<String> = item.split_whitespace().map(match_key).collect();
            match words.len() {
                0 => {}
                1 => {
                    t.words.extend(words);
                }
                _ => t.phrases.push(words),
            }
        }
        t
    }

    /// Whether a trigger ends at token `i`: called for every token, so the word test comes first
    /// and the phrases stop at the first that fits.
    fn ends_at(&self, tokens: &[Token<'_>], i: usize) -> bool {
        self.words.contains(&tokens[i].key)
            || self.phrases.iter().any(|p| phrase_ends_at(p, tokens, i))
    }

    /// How many tokens the longest trigger ending at token `i` has.
    fn length_ending_at(&self, tokens: &[Token<'_>], i: usize) -> Option<usize> {
        let phrase = self
            .phrases
            .iter()
            .filter(|p| phrase_ends_at(p, tokens, i))
            .map(Vec::len)
            .max();
        phrase.or_else(|| self.words.contains(&tokens[i].key).then_some(1))
    }

    /// Every word of every trigger: none of them is part of a name.
    fn all_words(&self) -> impl Iterator<Item = &String> {
        self.words.iter().chain(self.phrases.iter().flatten())
    }

    /// The words that end a trigger. A phrase's earlier words are ordinary words elsewhere:
    /// `সাধারণ` of `সাধারণ সম্পাদক` begins `সাধারণ বীমা করপোরেশন`.
    fn last_words(&self) -> impl Iterator<Item = &String> {
        self.words
            .iter()
            .chain(self.phrases.iter().filter_map(|p| p.last()))
    }
}

/// Whether the words of `phrase` (match keys) end at token `i`.
fn phrase_ends_at(phrase: &[String], tokens: &[Token<'_>], i: usize) -> bool {
    phrase.len() <= i + 1
        && phrase
            .iter()
            .rev()
            .zip(tokens[..=i].iter().rev())
            .all(|(w, t)| *w == t.key)
}

fn word_list(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| match_key(l.trim()))
}

impl ContextRules {
    pub(super) fn embedded() -> Result<Self, Error> {
        let f: ContextFile =
            toml::from_str(CONTEXT).map_err(|e| Error::asset("context.toml", e))?;
        let person_before = Triggers::new(&f.person_before);
        let person_before_weak = Triggers::new(&f.person_before_weak);
        let person_after = Triggers::new(&f.person_after);
        let person_addressees = Triggers::new(&f.person_addressees);
        let place_after = Triggers::new(&f.place_after);
        let place_before = Triggers::new(&f.place_before);
        let mut not_ordinary = keys(&f.stop);
        not_ordinary.extend(keys(&f.alias_words));
        not_ordinary.extend(keys(&f.quantifiers));
        not_ordinary.extend(keys(&f.light_verbs));
        let triggers = [
            &person_before,
            &person_before_weak,
            &person_after,
            &place_after,
            &place_before,
        ];
        let mut not_name = not_ordinary.clone();
        for set in triggers {
            not_ordinary.extend(set.last_words().cloned());
            not_name.extend(set.all_words().cloned());
        }
        not_name.extend(word_list(COMMON_WORDS));
        Ok(Self {
            person_before,
            person_before_weak,
            person_after,
            person_addressees,
            place_after,
            place_before,
            quantifiers: keys(&f.quantifiers),
            light_verbs: keys(&f.light_verbs),
            laws: keys(&f.laws),
            org_heads: keys(&f.org_heads),
            admin_words: keys(&f.admin_words),
            directions: keys(&f.directions),
            name_particles: keys(&f.name_particles),
            initials: keys(&f.initials),
            role_endings: f.role_endings.iter().map(|w| match_key(w)).collect(),
            alias_words: keys(&f.alias_words),
            middle_names: keys(&f.middle_names),
            genitive_lookalikes: keys(&f.genitive_lookalikes),
            adjective_endings: f.adjective_endings.iter().map(|w| match_key(w)).collect(),
            person_words: word_list(PERSON_WORDS).collect(),
            name_parts: NAME_PARTS.iter().flat_map(|l| word_list(l)).collect(),
            not_name,
            not_ordinary,
        })
    }

    /// Names found in one block. `covered[i]` marks tokens already matched by the gazetteer,
    /// `person[i]` those of a known person's name; `bare` holds every token key of the article, so a weak ending is stripped from an unknown
    /// name only when the stem also occurs on its own; `describes` says which phrases ending in
    /// an institution noun are descriptions (the head nouns' rules, `heads.toml`).
    ///
    /// Long because the trigger rules run in one pass in the order they apply, sharing `taken`.
    pub(super) fn find(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        covered: &[bool],
        person: &[bool],
        bare: &HashSet<&str>,
        describes: &dyn Fn(&[Token<'_>]) -> bool,
    ) -> Vec<Found> {
        let mut out: Vec<Found> = Vec::new();
        let mut taken = vec![false; tokens.len()];
        let nameish: Vec<bool> = (0..tokens.len())
            .map(|j| {
                self.nameish(&tokens[j], covered[j])
                    || self.given_before_middle(tokens, covered, j)
                    || self.surname_after_middle(tokens, covered, j)
            })
            .collect();
        let ok = |j: usize, taken: &[bool]| !taken[j] && nameish[j];
        for (i, t) in tokens.iter().enumerate() {
            let weak = self.person_before_weak.ends_at(tokens, i) || self.is_role(t);
            if (weak || self.person_before.ends_at(tokens, i)) && !self.counted(tokens, i) {
                let gap_after = |k: usize| {
                    tokens
                        .get(k + 1)
                        .map_or("", |n| text[tokens[k].range.end..n.range.start].trim())
                };
                // `সিনিয়র সচিব (প্রশাসন) কামরুল হাসান`, `জেনারেল (অব.) …`: a bracketed qualifier
                // after the title (one or two words, perhaps abbreviated) comes before the name.
                let closes = |k: usize| matches!(gap_after(k), ")" | ".)");
                let first = if gap_after(i) == "(" {
                    (i + 1..(i + 3).min(tokens.len()))
                        .find(|&k| closes(k))
                        .map_or(i + 1, |k| k + 1)
                } else {
                    i + 1
                };
                let mut end = first;
                // `উপজেলা নির্বাহী কর্মকর্তা (ইউএনও) মো. …`: the name follows the bracketed title.
                let after_bracket = end < tokens.len() && closes(end - 1);
                let particles = self.leading_particles(tokens, first);
                while end < tokens.len()
                    && end - first < MAX_NAME_TOKENS + particles
                    && (tokens[end].adjacent || (end == first && after_bracket))
                    // `বাবা-মাকে`: a word hyphened to the title is part of a phrase with it.
                    && !(end == first && tokens[end].joined)
                    && !(tokens[end].joined && suffix::is_detached_suffix(&tokens[end].key))
                    // `জেনারেল এম এ বারী`: leading initials are the name's even when they spell a
                    // common word.
                    && !taken[end]
                    && (nameish[end] || end < first + particles)
                    // `জিয়াউল করিম রসায়নে স্নাতক`: a word in the locative goes on past the name.
                    && !(end > first && self.locative_lead(&tokens[end]))
                {
                    end += 1;
                    if self.ends_name(&tokens[end - 1]) {
                        break;
                    }
                }
                // `নেতা এইচ এম এরশাদ`: words running into a known name are its initials or given
                // names, not a second person.
                let runs_into_known = tokens.get(end).is_some_and(|n| n.adjacent && person[end]);
                let words = end - first - particles.min(end - first);
                // After a qualifier (`পরিদর্শক (নিরস্ত্র) পদমর্যাদার`) any title is weak.
                let enough = (!weak && first == i + 1)
                    || words >= 2
                    || (words == 1 && self.name_word(&tokens[end - 1]));
                if end > first && !runs_into_known && enough {
                    self.push(
                        &mut out,
                        &mut taken,
                        tokens,
                        first..end,
                        EntityKind::Person,
                        bare,
                        false,
                    );
                }
            }
            if i >= 2 && self.person_after.ends_at(tokens, i) {
                let mut start = i;
                while start > 0
                    && i - start < MAX_NAME_TOKENS - 1
                    && tokens[start].adjacent
                    && ok(start - 1, &taken)
                {
                    start -= 1;
                }
                // One bare word before a verb is too often a noun; two or more read as a name.
                if i - start >= 2 {
                    self.push(
                        &mut out,
                        &mut taken,
                        tokens,
                        start..i,
                        EntityKind::Person,
                        bare,
                        false,
                    );
                }
            }
            if i >= 1 && t.adjacent && ok(i - 1, &taken) && self.place_after.ends_at(tokens, i) {
                let mut start = i - 1;
                if start > 0 && tokens[start].adjacent && ok(start - 1, &taken) {
                    start -= 1;
                }
                // `পশ্চিম দেবত্তর গ্রামের`: a direction word is part of a village's or union's name.
                if start > 0
                    && tokens[start].adjacent
                    && !taken[start - 1]
                    && self.admin_word(t)
                    && self.directions.contains(&tokens[start - 1].key)
                {
                    start -= 1;
                }
                self.push(
                    &mut out,
                    &mut taken,
                    tokens,
                    start..i,
                    EntityKind::Place,
                    bare,
                    false,
                );
            }
            if i + 1 < tokens.len()
                && self.place_before.ends_at(tokens, i)
                && tokens[i + 1].adjacent
                && ok(i + 1, &taken)
            {
                self.push(
                    &mut out,
                    &mut taken,
                    tokens,
                    i + 1..i + 2,
                    EntityKind::Place,
                    bare,
                    true,
                );
            }
        }
        self.aged_names(text, tokens, &nameish, bare, &mut out, &mut taken);
        let before = out.len();
        self.organisations(tokens, covered, &nameish, bare, &mut out, &mut taken);
        // `এডি ব্যাংকগুলোকে`: what the head nouns' own rules call a description names nothing;
        // its words stay taken.
        let organisations = out.split_off(before);
        out.extend(
            organisations
                .into_iter()
                .filter(|f| !describes(&tokens[f.tokens.clone()])),
        );
        self.particle_names(tokens, &nameish, bare, &mut out, &mut taken);
        self.name_runs(tokens, &nameish, bare, &mut out, &mut taken);
        out.retain(|f| !self.initials_only(tokens, f));
        self.aliases(tokens, &nameish, bare, &mut out, &mut taken);
        out
    }

    /// One to three rare words before an organisation head noun: `অগ্রণী ব্যাংকের` → `অগ্রণী ব্যাংক`.
    fn organisations(
        &self,
        tokens: &[Token<'_>],
        covered: &[bool],
        nameish: &[bool],
        bare: &HashSet<&str>,
        out: &mut Vec<Found>,
        taken: &mut [bool],
    ) {
        for i in 1..tokens.len() {
            let t = &tokens[i];
            if !nameish[i - 1] || taken[i - 1] {
                continue;
            }
            let head = reads_as(t, &self.org_heads);
            if !head || covered[i] || taken[i] || !t.adjacent || self.names_a_law(tokens, i) {
                continue;
            }
            let mut start = i;
            while start > 0
                && i - start < MAX_NAME_TOKENS - 1
                && tokens[start].adjacent
                && !taken[start - 1]
                && nameish[start - 1]
            {
                start -= 1;
            }
            if start < i {
                self.push(
                    out,
                    taken,
                    tokens,
                    start..i + 1,
                    EntityKind::Organization,
                    bare,
                    true,
                );
            }
        }
    }

    /// `দুই নেতা`, `উভয় দেশের পররাষ্ট্রমন্ত্রী`: a counted role introduces no name.
    fn counted(&self, tokens: &[Token<'_>], i: usize) -> bool {
        i > 0 && self.quantifiers.contains(&tokens[i - 1].key)
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
        &self,
        out: &mut Vec<Found>,
        taken: &mut [bool],
        tokens: &[Token<'_>],
        range: Range<usize>,
        kind: EntityKind,
        bare: &HashSet<&str>,
        locative: bool,
    ) {
        if let Some(next) = tokens.get(range.end)
            && self.light_verbs.contains(&next.key)
        {
            return;
        }
        // `অঙ্গরাজ্যের আটলান্টা`, `মিরসরাইয়ের বারইয়ারহাট`: a word with a case ending before the last
        // belongs to the phrase before the name.
        let mut range = range;
        while range.len() > 1
            && (self.ends_name(&tokens[range.start]) || self.locative_lead(&tokens[range.start]))
        {
            range.start += 1;
        }
        let last_chars = self.name_chars(&tokens[range.end - 1], kind, bare, locative);
        for j in range.clone() {
            taken[j] = true;
        }
        out.push(Found {
            kind,
            tokens: range,
            last_chars,
            alias_of: None,
        });
    }

    /// Chars of a name's last word that belong to the name.
    pub(super) fn name_chars(
        &self,
        last: &Token<'_>,
        kind: EntityKind,
        bare: &HashSet<&str>,
        locative: bool,
    ) -> usize {
        // `স্মিরনভও`: an independent ও at a word's end is the particle "also", never a name's.
        let chars = last.key.chars().count();
        if chars > 2 && last.key.ends_with('\u{0993}') {
            return chars - 1;
        }
        // A stem seen bare in the article wins; otherwise a strong suffix is stripped; a weak one
        // only where a locative is expected (`শহর ওনসানে`). `ব্যাংকের` is `ব্যাংক` + `-ের`, not
        // `ব্যাংকে` + `-র`, so strong readings come before longer weak ones.
        let stems = last.stems();
        // `আবু তাহের`: a name word that merely ends like a case suffix stays whole.
        let whole_name_word = kind == EntityKind::Person && self.person_words.contains(&last.key);
        let chosen = stems
            .iter()
            .find(|s| bare.contains(s.key))
            .or_else(|| {
                // `প্রণব মুখার্জির`: the stem is a known name word and the whole word is not.
                (kind == EntityKind::Person && !whole_name_word)
                    .then(|| stems.iter().find(|s| self.name_parts.contains(s.key)))
                    .flatten()
            })
            .or_else(|| {
                (!whole_name_word)
                    .then(|| stems.iter().find(|s| s.strength == Strength::Strong))
                    .flatten()
            })
            .or_else(|| stems.iter().find(|_| locative));
        chosen.map_or(last.key.chars().count(), |s| s.chars)
    }
}

#[cfg(test)]
mod tests;
