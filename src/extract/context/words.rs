//! What kind of word a token is: common, a name part, a role, a verb, an ending that closes a name.

use super::*;

impl ContextRules {
    /// Whether a token is a Bangladeshi administrative unit word (`ইউনিয়ন`, `উপজেলার`), after
    /// which a local place name counts.
    pub(in crate::extract) fn admin_word(&self, t: &Token<'_>) -> bool {
        reads_as(t, &self.admin_words)
    }

    /// Whether a token may be an ordinary word inside an institution's name (`অর্থ` in `অর্থ
    /// মন্ত্রণালয়`): Bengali letters, no stop, trigger or role word, no verb, no case ending.
    pub(in crate::extract) fn ordinary_word(&self, t: &Token<'_>) -> bool {
        self.plain_word(t) && !self.ends_name(t)
    }

    /// A Bengali word of two letters or more that is no stop word, role or finite verb.
    pub(super) fn plain_word(&self, t: &Token<'_>) -> bool {
        t.key.chars().count() >= 2
            && t.key
                .starts_with(|c| ('\u{0985}'..='\u{09B9}').contains(&c))
            && !self.not_ordinary.contains(&t.key)
            && !self.is_role(t)
            && !is_finite_verb(&t.key)
    }

    /// Whether a word is a known common word (stop, trigger or frequent non-entity word).
    pub(in crate::extract) fn common(&self, key: &str) -> bool {
        self.not_name.contains(key)
    }

    /// Whether a token is a word almost always seen inside people's names (`খান`, `রহমান`).
    pub(in crate::extract) fn name_part(&self, t: &Token<'_>) -> bool {
        reads_as(t, &self.name_parts)
    }

    /// Whether a word is a given name or name part of the NER corpora.
    pub(in crate::extract) fn given_name(&self, key: &str) -> bool {
        self.person_words.contains(key) || self.name_parts.contains(key)
    }

    /// Whether some reading of a token is a common word with an ending (`রাজধানীর`, `ভবনেই`,
    /// `সম্পর্কে`): such a word belongs to the phrase around a name, not to the name.
    pub(in crate::extract) fn inflected_common(&self, t: &Token<'_>) -> bool {
        t.stems().iter().any(|s| self.not_name.contains(s.key))
    }

    /// Whether a token could be part of a name: Bengali letters, not a known common word (in any
    /// inflection), not an adjective in `-ীয়` (key form: ী + য + nukta), not already part of a gazetteer match.
    pub(in crate::extract) fn nameish(&self, t: &Token<'_>, covered: bool) -> bool {
        if covered || self.not_name.contains(&t.key) {
            return false;
        }
        let mut chars = t.key.chars();
        let Some(first) = chars.next() else {
            return false;
        };
        if !('\u{0985}'..='\u{09B9}').contains(&first) || t.key.chars().count() < 2 {
            return false;
        }
        if t.key.ends_with("\u{09C0}\u{09AF}\u{09BC}") || self.is_role(t) || is_finite_verb(&t.key)
        {
            return false;
        }
        let adjective = |k: &str| {
            self.adjective_endings
                .iter()
                .any(|e| k.len() > e.len() && k.ends_with(e.as_str()))
        };
        if !self.given_name(&t.key)
            && (adjective(&t.key) || t.stems().iter().any(|s| adjective(s.key)))
        {
            return false;
        }
        // `মিছিলটি`, `মামলাটির`: a common noun with a classifier.
        for classifier in ["টি", "টির", "টিকে", "টা", "টিও", "টিই"]
        {
            if let Some(noun) = t.key.strip_suffix(classifier)
                && self.not_name.contains(noun)
            {
                return false;
            }
        }
        !t.stems()
            .iter()
            .any(|s| s.strength == Strength::Strong && self.not_name.contains(s.key))
    }

    /// A word with a strong case ending (`আহমেদের`) or the particle ও is the last word of its name.
    /// Names that merely end like a suffix (`কাদের`, `জুবায়ের রহমান`) are known name words and do
    /// not count, unless their stem is a name word too (`রহমানের`: the corpora list the inflected
    /// form because it is mostly inside a name).
    pub(in crate::extract) fn ends_name(&self, t: &Token<'_>) -> bool {
        if self.middle_names.contains(&t.key) {
            return false;
        }
        let known = |k: &str| self.name_parts.contains(k) || self.person_words.contains(k);
        // `খালেদ মাহমুদ সুজনও সৌম্য`: the particle ও ("also") right after a consonant closes the
        // name; the next word begins another. Foreign names end in a vowel and ও (`ফুমিও কিশিদা`,
        // `ইয়াও ওয়েন`), which is no particle.
        if let Some(before) = t.key.strip_suffix('\u{0993}')
            && !known(&t.key)
            && before.chars().count() > 1
            && before.ends_with(|c: char| {
                ('\u{0995}'..='\u{09B9}').contains(&c) || matches!(c, '\u{09BC}' | '\u{09CE}')
            })
        {
            return true;
        }
        let stems = t.stems();
        // `মোহাম্মদ আলীর নানা অনিয়ম`: the genitive `-র` (the suffix rules take it after a vowel
        // only), when it leaves a word almost always seen inside names (not merely a known name:
        // `সুগার` is sugar), even where the corpora list the inflected form too.
        if !self.genitive_lookalikes.contains(&t.key)
            && stems
                .iter()
                .any(|s| &t.key[s.key.len()..] == "র" && self.name_parts.contains(s.key))
        {
            return true;
        }
        let mut strong = stems.iter().filter(|s| s.strength == Strength::Strong);
        if known(&t.key) {
            strong.any(|s| known(s.key))
        } else {
            strong.next().is_some()
        }
    }

    /// Whether an institution's name ending at token `i` is the start of a law's title
    /// (`ব্যাংক কোম্পানি আইন`): right before a law word.
    pub(in crate::extract) fn names_a_law(&self, tokens: &[Token<'_>], i: usize) -> bool {
        tokens
            .get(i + 1)
            .is_some_and(|n| n.adjacent && !n.joined && reads_as(n, &self.laws))
    }

    /// A first word in the locative (`ভিডিওতে রিকি পন্টিং`, `স্ট্যাটাসে আসিফ মাহমুদ`) belongs to the
    /// phrase before the name: `-তে` on any word that is no known name word, `-এ`/`-য়` on a common
    /// word (Arabic-style given names end in `-এ` too: `ফজলে`, `হোসনে`).
    pub(in crate::extract) fn locative_lead(&self, t: &Token<'_>) -> bool {
        if self.name_word(t) || self.middle_names.contains(&t.key) {
            return false;
        }
        (t.key.ends_with("তে") && t.key.chars().count() > 3)
            || ((t.key.ends_with('ে') || t.key.ends_with("য\u{9bc}")) && self.inflected_common(t))
    }

    /// Whether a word (or its stem) is mostly seen in people's names.
    pub(in crate::extract) fn name_word(&self, t: &Token<'_>) -> bool {
        let known = |k: &str| self.person_words.contains(k) || self.name_parts.contains(k);
        known(&t.key) || t.stems().iter().any(|s| known(s.key))
    }

    /// Whether a token is a compound role noun (`দোকানমালিক`, `নৈশপ্রহরী`).
    pub(super) fn is_role(&self, t: &Token<'_>) -> bool {
        let stems = t.stems();
        std::iter::once(t.key.as_str())
            .chain(stems.iter().map(|s| s.key))
            .any(|k| {
                self.role_endings
                    .iter()
                    .any(|e| k.ends_with(e.as_str()) && k.len() > e.len())
            })
    }
}

/// Finite verb forms (`বানিয়েছে`, `দিচ্ছেন`): never part of a name.
pub(super) fn is_finite_verb(key: &str) -> bool {
    [
        "েছে",
        "েছেন",
        "েছিল",
        "েছিলেন",
        "েছিলাম",
        "চ্ছে",
        "চ্ছেন",
        "ছিলেন",
    ]
    .iter()
    .any(|e| key.ends_with(e) && key.chars().count() > e.chars().count() + 1)
}
