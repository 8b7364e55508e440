//! Bengali case, plural and emphatic suffixes on names, and the rules that keep them from eating
//! a name's own ending.
//!
//! Works on match keys (see [`super::key`]): য় is `য` + nukta there, so the suffix table below is
//! written in that decomposed form by [`match_key`] at first use.

use std::sync::LazyLock;

use smallvec::{SmallVec, smallvec};

use super::key::match_key;

/// What the stem must end with for a suffix to attach (Bengali allomorphy: `ভারতের` but
/// `রাশিয়ার`; `ভারতে` but `দিল্লিতে`, `ঢাকায়`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum After {
    Consonant,
    Vowel,
    Any,
}

/// How much evidence stripping needs. `Strong` suffixes (`-এর`, `-কে`, `-দের`) are rarely the end
/// of a name; `Weak` ones (`-র`, `-ে`, `-য়`, `-তে`, `-রা`) often are (`কাতার`, `চোয়ে`), so an
/// unknown name loses them only with other evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Strength {
    Strong,
    Weak,
}

/// `(suffix, what it follows, strength)`, longest first within each family.
const CASE: &[(&str, After, Strength)] = &[
    ("গুলোর", After::Any, Strength::Strong),
    ("গুলোকে", After::Any, Strength::Strong),
    ("গুলো", After::Any, Strength::Strong),
    ("দের", After::Any, Strength::Strong),
    ("য়ের", After::Vowel, Strength::Strong),
    ("েরা", After::Consonant, Strength::Weak),
    ("ের", After::Consonant, Strength::Strong),
    ("কে", After::Any, Strength::Strong),
    ("সহ", After::Any, Strength::Strong),
    ("য়ে", After::Vowel, Strength::Weak),
    ("তে", After::Vowel, Strength::Weak),
    ("রা", After::Vowel, Strength::Weak),
    ("য়", After::Vowel, Strength::Weak),
    ("র", After::Vowel, Strength::Weak),
    ("ে", After::Consonant, Strength::Weak),
];

/// Emphatic particles, which may follow a case suffix (`ভারতেরও`, `রাশিয়াই`).
const EMPHATIC: &[&str] = &["ও", "ই"];

/// Suffixes written apart after a hyphen or apostrophe (`বিএনপি'র`, `এক্স-এ`, `হুই-ও`).
const DETACHED: &[&str] = &[
    "এর",
    "র",
    "এ",
    "কে",
    "ও",
    "ই",
    "তে",
    "য়ে",
    "য়ের",
    "রা",
    "দের",
    "সহ",
    "য়",
];

/// A suffix with its letters and chars, so a stem's counts are the word's minus the suffix's.
struct Suffix {
    key: String,
    letters: usize,
    chars: usize,
}

impl Suffix {
    fn new(s: &str) -> Self {
        let key = match_key(s);
        Suffix {
            letters: letters(&key),
            chars: key.chars().count(),
            key,
        }
    }
}

struct Tables {
    case: Vec<(Suffix, After, Strength)>,
    emphatic: Vec<Suffix>,
    detached: Vec<String>,
    /// The last char of every case suffix and emphatic particle: a word ending otherwise has no
    /// stems, which most words show at a glance.
    last_chars: Vec<char>,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let case: Vec<(Suffix, After, Strength)> = CASE
        .iter()
        .map(|(s, a, st)| (Suffix::new(s), *a, *st))
        .collect();
    let emphatic: Vec<Suffix> = EMPHATIC.iter().map(|s| Suffix::new(s)).collect();
    let mut last_chars: Vec<char> = case
        .iter()
        .map(|(s, ..)| s)
        .chain(&emphatic)
        .filter_map(|s| s.key.chars().next_back())
        .collect();
    last_chars.sort_unstable();
    last_chars.dedup();
    Tables {
        case,
        emphatic,
        detached: DETACHED.iter().map(|s| match_key(s)).collect(),
        last_chars,
    }
});

/// The stems of one word: a handful at most, kept off the heap (every word of every article is
/// looked at several times).
pub(crate) type Stems<'a> = SmallVec<[Stem<'a>; 4]>;

/// A way to read a word as stem + suffix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stem<'a> {
    /// The stem's key (a prefix of the word's key).
    pub key: &'a str,
    /// Chars of the key that the stem keeps (for mapping back to the text).
    pub(crate) chars: usize,
    pub(crate) strength: Strength,
}

/// A stem as a cut of its word's key, so a word can keep its stems next to its key (see
/// [`crate::text::token::Token::stems`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Cut {
    /// Bytes of the key the stem keeps.
    len: usize,
    chars: usize,
    letters: usize,
    strength: Strength,
}

/// The cuts of one word, longest stem first.
pub(crate) type Cuts = SmallVec<[Cut; 4]>;

/// Every stem of `key` with at least one letter, as cuts. The stems of at least `n` letters
/// are these with fewer letters left out, in the same order ([`stems_from_cuts`]): a shorter
/// minimum only lets in stems with fewer letters (a stem never has more letters than the base
/// it is cut from), and every stem of `n` letters or more is found and ordered as before.
pub(crate) fn cuts(key: &str) -> Cuts {
    cut_stems(key, 1)
}

/// The stems of `key` with at least `min_letters` letters, from its [`cuts`].
pub(crate) fn stems_from_cuts<'a>(key: &'a str, cuts: &[Cut], min_letters: usize) -> Stems<'a> {
    cuts.iter()
        .filter(|c| c.letters >= min_letters.max(1))
        .map(|c| Stem {
            key: &key[..c.len],
            chars: c.chars,
            strength: c.strength,
        })
        .collect()
}

/// Stems of a word's key, longest stem first (shortest suffix first), each with a suffix that fits
/// the stem's ending. The word itself is not included. Stems keep at least two letters.
pub fn stems(key: &str) -> Stems<'_> {
    stems_of_at_least(key, 2)
}

/// Like [`stems`], with stems of at least `min_letters` letters. The last word of a multi-word
/// name may be a single syllable (`সু চির` → `সু চি`): the name as a whole is the evidence.
pub(crate) fn stems_of_at_least(key: &str, min_letters: usize) -> Stems<'_> {
    stems_from_cuts(key, &cut_stems(key, min_letters), min_letters)
}

/// The work of [`stems_of_at_least`], as cuts. Every stem is a prefix of the key, so stems are
/// told apart by their length, and their letters and chars are the key's minus the suffixes'.
fn cut_stems(key: &str, min_letters: usize) -> Cuts {
    let t = &*TABLES;
    let mut out = Cuts::new();
    if !key
        .chars()
        .next_back()
        .is_some_and(|c| t.last_chars.contains(&c))
    {
        return out;
    }
    let min = min_letters.max(1);
    let (key_letters, key_chars) = (letters(key), key.chars().count());
    let mut bases: SmallVec<[(&str, usize, usize, Strength); 3]> =
        smallvec![(key, key_letters, key_chars, Strength::Strong)];
    for e in &t.emphatic {
        if let Some(base) = key.strip_suffix(e.key.as_str()) {
            let (letters, chars) = (key_letters - e.letters, key_chars - e.chars);
            if letters >= min {
                push(&mut out, base.len(), chars, letters, Strength::Weak);
                bases.push((base, letters, chars, Strength::Weak));
            }
        }
    }
    for (base, base_letters, base_chars, base_strength) in bases {
        for (suffix, after, strength) in &t.case {
            let Some(stem) = cut_suffix(base, &suffix.key) else {
                continue;
            };
            let letters = base_letters - suffix.letters;
            if letters < min || !fits(stem, *after) {
                continue;
            }
            let s = if *strength == Strength::Weak || base_strength == Strength::Weak {
                Strength::Weak
            } else {
                Strength::Strong
            };
            push(&mut out, stem.len(), base_chars - suffix.chars, letters, s);
        }
    }
    out.sort_by_key(|c| std::cmp::Reverse(c.chars));
    out
}

/// `base` without `suffix`, if it ends with it; the last byte is compared first, since most
/// words end otherwise (this runs for every suffix on every word).
fn cut_suffix<'a>(base: &'a str, suffix: &str) -> Option<&'a str> {
    if !suffix.is_empty() && base.as_bytes().last() != suffix.as_bytes().last() {
        return None;
    }
    base.strip_suffix(suffix)
}

fn push(out: &mut Cuts, len: usize, chars: usize, letters: usize, strength: Strength) {
    if out.iter().any(|c| c.len == len) {
        return;
    }
    out.push(Cut {
        len,
        chars,
        letters,
        strength,
    });
}

/// True when `key` is a suffix written apart from its word (`'র`, `-এর`, `-ও`).
pub fn is_detached_suffix(key: &str) -> bool {
    TABLES.detached.iter().any(|d| d == key)
}

/// Letters in a key (vowel signs and marks do not count): `কে` has one.
fn letters(key: &str) -> usize {
    key.chars().filter(|c| is_letter(*c)).count()
}

/// Bengali and ASCII are decided without Unicode table lookups (this runs on every word).
fn is_letter(c: char) -> bool {
    match c {
        '\u{0985}'..='\u{09B9}' | '\u{09CE}' | '\u{09DC}'..='\u{09E1}' => true,
        _ if c.is_ascii() => c.is_ascii_alphabetic(),
        _ => !is_bengali(c) && c.is_alphabetic(),
    }
}

fn is_bengali(c: char) -> bool {
    ('\u{0980}'..='\u{09FF}').contains(&c)
}

fn is_consonant(c: char) -> bool {
    matches!(
        c,
        '\u{0995}'..='\u{09B9}' | '\u{09CE}' | '\u{09DC}' | '\u{09DD}' | '\u{09DF}'
    )
}

/// Whether the stem's last sound suits the suffix. A nukta belongs to the consonant before it;
/// anusvara (`হংকং`) takes the vowel-side forms `-য়ের`, `-য়ে`.
fn fits(stem: &str, after: After) -> bool {
    let mut rev = stem.chars().rev();
    let Some(mut last) = rev.next() else {
        return false;
    };
    if last == '\u{09BC}' {
        match rev.next() {
            Some(c) => last = c,
            None => return false,
        }
    }
    let consonant = is_consonant(last) || last == '\u{09CE}';
    let vowel = matches!(last, '\u{0985}'..='\u{0994}' | '\u{09BE}'..='\u{09CC}' | '\u{0982}')
        || last.is_ascii_alphanumeric();
    match after {
        After::Consonant => consonant,
        After::Vowel => vowel,
        After::Any => consonant || vowel || last.is_alphanumeric(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem_keys(word: &str) -> Vec<String> {
        let key = match_key(word);
        stems(&key).into_iter().map(|s| s.key.to_string()).collect()
    }

    fn has(word: &str, stem: &str) -> bool {
        stem_keys(word).contains(&match_key(stem))
    }

    #[test]
    fn each_case_suffix() {
        for (word, stem) in [
            ("ভারতের", "ভারত"),
            ("রাশিয়ার", "রাশিয়া"),
            ("রাশিয়াকে", "রাশিয়া"),
            ("ঢাকায়", "ঢাকা"),
            ("রাশিয়ায়ে", "রাশিয়া"),
            ("হংকংয়ের", "হংকং"),
            ("দিল্লিতে", "দিল্লি"),
            ("ভারতে", "ভারত"),
            ("নেতারা", "নেতা"),
            ("শিক্ষকেরা", "শিক্ষক"),
            ("বাঙালিদের", "বাঙালি"),
            ("দেশগুলো", "দেশ"),
            ("দেশগুলোর", "দেশ"),
            ("দেশগুলোকে", "দেশ"),
            ("যুক্তরাষ্ট্রসহ", "যুক্তরাষ্ট্র"),
            ("উনও", "উন"),
            ("রাশিয়াই", "রাশিয়া"),
            ("ভারতেরও", "ভারত"),
        ] {
            assert!(
                has(word, stem),
                "{word} should yield {stem}: {:?}",
                stem_keys(word)
            );
        }
    }

    #[test]
    fn allomorphy_blocks_wrong_stems() {
        // -র only after a vowel: চাদর is not চাদ + র.
        assert!(!has("চাদর", "চাদ"));
        // -ের only after a consonant: রাশিয়ার is not রাশিয় + ার.
        assert!(!has("ভারতে", "ভারত্"));
        assert!(!has("দিল্লিে", "দিল্লি"));
    }

    #[test]
    fn stems_keep_two_letters() {
        assert!(stem_keys("কে").is_empty());
        assert!(!has("এর", "এ"));
    }

    #[test]
    fn one_letter_stems_only_on_request() {
        let key = match_key("চির");
        assert!(stems(&key).is_empty());
        let short: Vec<&str> = stems_of_at_least(&key, 1).iter().map(|s| s.key).collect();
        assert_eq!(short, [match_key("চি")]);
    }

    #[test]
    fn weak_suffixes_are_marked() {
        let key = match_key("কাতার");
        let s = stems(&key);
        assert!(s.iter().all(|s| s.strength == Strength::Weak), "{s:?}");
        let key = match_key("ভারতের");
        assert!(stems(&key).iter().any(|s| s.strength == Strength::Strong));
    }

    /// The straightforward way: strip every suffix and count what is left.
    fn reference_stems(key: &str, min_letters: usize) -> Vec<Stem<'_>> {
        let t = &*TABLES;
        let long_enough = |stem: &str| letters(stem) >= min_letters.max(1);
        fn push<'a>(out: &mut Vec<Stem<'a>>, stem: &'a str, strength: Strength) {
            if !out.iter().any(|s| s.key == stem) {
                out.push(Stem {
                    key: stem,
                    chars: stem.chars().count(),
                    strength,
                });
            }
        }
        let mut out: Vec<Stem<'_>> = Vec::new();
        let mut bases = vec![(key, Strength::Strong)];
        for e in &t.emphatic {
            if let Some(base) = key.strip_suffix(e.key.as_str())
                && long_enough(base)
            {
                push(&mut out, base, Strength::Weak);
                bases.push((base, Strength::Weak));
            }
        }
        for (base, base_strength) in bases {
            for (suffix, after, strength) in &t.case {
                let Some(stem) = base.strip_suffix(suffix.key.as_str()) else {
                    continue;
                };
                if !long_enough(stem) || !fits(stem, *after) {
                    continue;
                }
                let weak = *strength == Strength::Weak || base_strength == Strength::Weak;
                let s = if weak {
                    Strength::Weak
                } else {
                    Strength::Strong
                };
                push(&mut out, stem, s);
            }
        }
        out.sort_by_key(|s| std::cmp::Reverse(s.chars));
        out
    }

    #[test]
    fn cut_stems_are_the_stems() {
        let mut words: Vec<String> = [
            "ভারতেরও",
            "রাশিয়াই",
            "চির",
            "কে",
            "সুচিরও",
            "দেশগুলোকে",
            "উনও",
            "ইও",
            "কাতার",
            "BBC",
            "হংকংয়ের",
            "শিক্ষকেরা",
            "যুক্তরাষ্ট্রসহ",
            "রাশিয়ায়ে",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        // Short and long stems with every suffix, emphatic or not.
        for stem in ["ক", "কা", "ভারত", "দিল্লি", "হংকং", "চোয়", "a1", ""]
        {
            for (suffix, ..) in &TABLES.case {
                for e in ["", "ও", "ই"] {
                    words.push(format!("{stem}{}{e}", suffix.key));
                }
            }
        }
        for word in &words {
            let key = match_key(word);
            let cuts = cuts(&key);
            for min in 0..4 {
                let want = reference_stems(&key, min);
                assert_eq!(stems_of_at_least(&key, min).to_vec(), want, "{word} {min}");
                assert_eq!(
                    stems_from_cuts(&key, &cuts, min).to_vec(),
                    want,
                    "{word} {min}"
                );
            }
        }
    }

    #[test]
    fn detached_suffixes() {
        for s in ["র", "এর", "ও", "এ", "কে"] {
            assert!(is_detached_suffix(&match_key(s)), "{s}");
        }
        assert!(!is_detached_suffix(&match_key("আরৌরি")));
    }
}
