//! Bangladeshi personal names the gazetteer cannot know: names led by particles (`মো.`, `সৈয়দ`,
//! `এ কে এম`), names followed by an age in brackets (`আবদুল করিম (৪৫)`), and second names after
//! `ওরফে`.

use rustc_hash::FxHashSet as HashSet;

use super::{ContextRules, Found, MAX_NAME_TOKENS};
use crate::article::EntityKind;
use crate::text::suffix;
use crate::text::token::Token;

impl ContextRules {
    fn is_particle(&self, t: &Token<'_>) -> bool {
        self.name_particles.contains(&t.key) || self.initials.contains(&t.key)
    }

    /// Particles and initials at the start of a name from `at`: they do not count towards the
    /// name's length limit (`এ কে এম শামসুল হক`).
    pub(super) fn leading_particles(&self, tokens: &[Token<'_>], at: usize) -> usize {
        tokens[at.min(tokens.len())..]
            .iter()
            .enumerate()
            .take_while(|(n, t)| (*n == 0 || t.adjacent) && self.is_particle(t))
            .count()
    }

    /// A name made only of particles and initials (`এম`, `মো.`) names no one.
    pub(super) fn initials_only(&self, tokens: &[Token<'_>], f: &Found) -> bool {
        f.kind == EntityKind::Person && tokens[f.tokens.clone()].iter().all(|t| self.is_particle(t))
    }

    /// Where a name that starts at `start` ends: adjacent name-like words, at most
    /// [`MAX_NAME_TOKENS`] beyond its particles, up to the first word with a strong case ending.
    fn name_end(
        &self,
        tokens: &[Token<'_>],
        nameish: &[bool],
        taken: &[bool],
        start: usize,
    ) -> usize {
        let lead = self.leading_particles(tokens, start);
        let limit = MAX_NAME_TOKENS + lead;
        let mut end = start;
        while end < tokens.len()
            && end - start < limit
            && (end == start || tokens[end].adjacent)
            && !taken[end]
            && (nameish[end] || end < start + lead)
            && !(end > start && self.locative_lead(&tokens[end]))
            && !(end > start && tokens[end].joined && suffix::is_detached_suffix(&tokens[end].key))
        {
            end += 1;
            if self.ends_name(&tokens[end - 1]) {
                break;
            }
        }
        end
    }

    /// `মো. আবদুল করিম`, `সৈয়দ রেফাত আহমেদ`, `এ কে এম শামসুল হক`: a particle or two or more
    /// initials, then at least one name word.
    pub(super) fn particle_names(
        &self,
        tokens: &[Token<'_>],
        nameish: &[bool],
        bare: &HashSet<&str>,
        out: &mut Vec<Found>,
        taken: &mut [bool],
    ) {
        let mut i = 0;
        while i < tokens.len() {
            let lead = self.leading_particles(tokens, i);
            let particles = tokens[i..i + lead]
                .iter()
                .filter(|t| self.name_particles.contains(&t.key))
                .count();
            let starts = lead > 0
                && (particles > 0 || lead >= 2)
                && (i == 0
                    || !tokens[i].adjacent
                    || taken[i - 1]
                    || !self.name_word(&tokens[i - 1]));
            if !starts || taken[i] {
                i += 1;
                continue;
            }
            let end = self.name_end(tokens, nameish, taken, i);
            if end > i + lead {
                self.push(out, taken, tokens, i..end, EntityKind::Person, bare, false);
                i = end;
            } else {
                i += 1;
            }
        }
    }

    /// `আবদুল করিম (৪৫)`: one to four name words right before an age in brackets.
    pub(super) fn aged_names(
        &self,
        text: &str,
        tokens: &[Token<'_>],
        nameish: &[bool],
        bare: &HashSet<&str>,
        out: &mut Vec<Found>,
        taken: &mut [bool],
    ) {
        for (n, age) in tokens.iter().enumerate().skip(1) {
            let digits = age
                .text
                .chars()
                .all(|c| c.is_ascii_digit() || ('০'..='৯').contains(&c));
            let prev_end = tokens[n - 1].range.end;
            if !digits
                || age.text.chars().count() > 3
                || text[prev_end..age.range.start].trim() != "("
                || !text[age.range.end..].trim_start().starts_with(')')
            {
                continue;
            }
            let last = n - 1;
            let mut start = last + 1;
            while start > 0
                && last + 1 - start < MAX_NAME_TOKENS + 1
                && !taken[start - 1]
                && nameish[start - 1]
                && (start == last + 1 || tokens[start].adjacent)
            {
                start -= 1;
            }
            if start <= last {
                self.push(
                    out,
                    taken,
                    tokens,
                    start..last + 1,
                    EntityKind::Person,
                    bare,
                    false,
                );
            }
        }
    }

    /// `আবুল কালাম ওরফে বাবু`: the words after `ওরফে` are another name of the person before it.
    pub(super) fn aliases(
        &self,
        tokens: &[Token<'_>],
        nameish: &[bool],
        bare: &HashSet<&str>,
        out: &mut Vec<Found>,
        taken: &mut [bool],
    ) {
        let people: Vec<(usize, usize)> = out
            .iter()
            .enumerate()
            .filter(|(_, f)| f.kind == EntityKind::Person)
            .map(|(k, f)| (k, f.tokens.end))
            .collect();
        for (k, end) in people {
            let Some(word) = tokens.get(end) else {
                continue;
            };
            if !self.alias_words.contains(&word.key) || end + 1 >= tokens.len() {
                continue;
            }
            let stop = self.name_end(tokens, nameish, taken, end + 1);
            if stop > end + 1 {
                let before = out.len();
                self.push(
                    out,
                    taken,
                    tokens,
                    end + 1..stop,
                    EntityKind::Person,
                    bare,
                    false,
                );
                if let Some(f) = out.get_mut(before) {
                    f.alias_of = Some(k);
                }
            }
        }
    }

    /// `প্রদীপ কুমার`: token `j` is a plain word right before a middle name, so a given name.
    pub(in crate::extract) fn given_before_middle(
        &self,
        tokens: &[Token<'_>],
        covered: &[bool],
        j: usize,
    ) -> bool {
        let t = &tokens[j];
        tokens.get(j + 1).is_some_and(|next| {
            next.adjacent
                && !next.joined
                && !covered[j]
                && self.middle_names.contains(&next.key)
                && self.ordinary_word(t)
                && !self.inflected_common(t)
                && !self.not_ordinary.contains(&t.key)
        })
    }

    /// `সুবল চন্দ্র সরকার`: token `j` is a surname after a middle name, even one that is also a
    /// common word (`সরকার`, government): any plain word but a stop word, role or verb, or a common
    /// word with an ending (`অশ্বিনী কুমার নামে`, `কুমার হলে`).
    pub(super) fn surname_after_middle(
        &self,
        tokens: &[Token<'_>],
        covered: &[bool],
        j: usize,
    ) -> bool {
        j > 0
            && !covered[j]
            && tokens[j].adjacent
            && self.middle_names.contains(&tokens[j - 1].key)
            && self.plain_word(&tokens[j])
            && !self.inflected_common(&tokens[j])
    }

    /// Two or more adjacent words that are each typically part of a person's name
    /// (`শফিকুল আলম`, `মির্জা আব্বাস`) make a name even without a title before it.
    pub(super) fn name_runs(
        &self,
        tokens: &[Token<'_>],
        nameish: &[bool],
        bare: &HashSet<&str>,
        out: &mut Vec<Found>,
        taken: &mut [bool],
    ) {
        // `প্রদীপ কুমার সাহা`: a given name before a middle name begins the run.
        let begins = |i: usize| {
            self.name_part(&tokens[i])
                || tokens
                    .get(i + 1)
                    .is_some_and(|n| n.adjacent && self.middle_names.contains(&n.key))
        };
        let mut i = 0;
        while i < tokens.len() {
            if taken[i] || !nameish[i] || !begins(i) {
                i += 1;
                continue;
            }
            let mut end = i + 1;
            while end < tokens.len()
                && end - i < MAX_NAME_TOKENS
                && tokens[end].adjacent
                && !taken[end]
                && !(tokens[end].joined && suffix::is_detached_suffix(&tokens[end].key))
                && nameish[end]
                // After a middle name comes the surname (`সুবল চন্দ্র সরকার`).
                && (self.name_part(&tokens[end]) || self.middle_names.contains(&tokens[end - 1].key))
                && !self.ends_name(&tokens[end - 1])
            {
                end += 1;
            }
            if end - i >= 2 && self.nickname_at(tokens, nameish, taken, bare, end) {
                end += 1;
            }
            if end - i >= 2 {
                self.push(out, taken, tokens, i..end, EntityKind::Person, bare, false);
            }
            i = end;
        }
    }

    /// `আলমগীর হোসেন বকুল, …`, `তোফাজ্জল হোসেন তপু ও …`: token `j`, right after a run of name words, is
    /// the nickname many Bangladeshi names end in when it is the last word before a pause (a
    /// punctuation mark, `ও`, `এবং`, the end of the block). Before anything else (`রহমান গতকাল`,
    /// `রহমান সরকারের সিদ্ধান্ত`) the word is left out, and so is a word that reads as inflected: its
    /// stem stands alone in the article (`লাকীকে`), or it ends like a verb or a plural (`লেখেন`,
    /// `শান্তরা`) and is no known name word.
    fn nickname_at(
        &self,
        tokens: &[Token<'_>],
        nameish: &[bool],
        taken: &[bool],
        bare: &HashSet<&str>,
        j: usize,
    ) -> bool {
        let Some(t) = tokens.get(j) else {
            return false;
        };
        let inflected = t.stems().iter().any(|s| bare.contains(s.key))
            || (!self.given_name(&t.key) && (t.key.ends_with("েন") || t.key.ends_with("রা")));
        let pause = tokens
            .get(j + 1)
            .is_none_or(|n| !n.adjacent || matches!(n.key.as_str(), "ও" | "এবং"));
        pause
            && t.adjacent
            && !taken[j]
            && nameish[j]
            && !(t.joined && suffix::is_detached_suffix(&t.key))
            && !self.ends_name(&tokens[j - 1])
            && !self.ends_name(t)
            && !self.inflected_common(t)
            && !inflected
    }

    /// `শরিফুল ইসলাম জাগো নিউজকে বলেন`, `দীপক সরকার আরও বলেন`: two or three name-like words before
    /// whom a person spoke to and a reporting verb. Run after the tagger over the words nothing
    /// else claimed, so a title or a longer name found otherwise keeps its own reading (a title the
    /// lists lack, `ডিআইজি`, is name-like to these rules).
    pub(in crate::extract) fn addressed_names(
        &self,
        tokens: &[Token<'_>],
        covered: &[bool],
        bare: &HashSet<&str>,
    ) -> Vec<Found> {
        let mut out = Vec::new();
        let mut taken = covered.to_vec();
        let nameish = |j: usize, taken: &[bool]| {
            !taken[j]
                && (self.nameish(&tokens[j], false)
                    || self.given_before_middle(tokens, covered, j)
                    || self.surname_after_middle(tokens, covered, j))
        };
        for i in 2..tokens.len() {
            if !self.person_after.ends_at(tokens, i) {
                continue;
            }
            let Some(n) = self.person_addressees.length_ending_at(tokens, i - 1) else {
                continue;
            };
            if n >= i || !tokens[i - n..=i].iter().all(|t| t.adjacent) {
                continue;
            }
            let end = i - n;
            let mut start = end;
            while start > 0
                && end - start < MAX_NAME_TOKENS - 1
                && tokens[start].adjacent
                && nameish(start - 1, &taken)
            {
                start -= 1;
            }
            // A run cut by the length limit may be the end of a longer name.
            let cut = start > 0 && tokens[start].adjacent && nameish(start - 1, &taken);
            // `প্রচারকালে মাহিয়া মাহি`: a common word with a case ending is no name's first word.
            if end - start > 2 && self.inflected_common(&tokens[start]) {
                start += 1;
            }
            if end - start >= 2 && !cut {
                self.push(
                    &mut out,
                    &mut taken,
                    tokens,
                    start..end,
                    EntityKind::Person,
                    bare,
                    false,
                );
            }
        }
        out
    }
}
