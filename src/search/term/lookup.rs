//! Finding the words of a vocabulary a query word may match, before scoring them.

use std::collections::HashMap;

use memchr::memmem;

use super::{PreparedTerm, Word};

/// Every word of a vocabulary laid end to end (`\nkey\nkey…\n`, likewise skeletons and stem
/// skeletons), so that finding the words a query word may match is a few SIMD substring searches
/// over a few megabytes instead of a call per word; only those candidates are then scored.
#[derive(Debug, Default)]
pub(crate) struct VocabLookup {
    keys: Laid,
    skels: Laid,
    stems: Laid,
    /// Word ids by first char: the candidates for fuzzy matching, which is anchored there.
    by_first: HashMap<char, Vec<u32>>,
}

/// Strings joined by `\n` (with one before the first and after the last) and where each starts.
#[derive(Debug, Default)]
struct Laid {
    text: String,
    starts: Vec<u32>,
}

impl Laid {
    fn new<'a>(items: impl Iterator<Item = &'a str>) -> Laid {
        let mut laid = Laid {
            text: String::from("\n"),
            starts: Vec::new(),
        };
        for item in items {
            laid.starts.push(laid.text.len() as u32);
            laid.text.push_str(item);
            laid.text.push('\n');
        }
        laid
    }

    /// Ids of the items in which `needle` occurs (for a needle starting with `\n`, the item
    /// right after that separator), in order, each once. Occurrences may overlap: `\nab\n`
    /// occurs twice in `\nab\nab\n`, sharing the separator.
    fn find(&self, needle: &str, out: &mut Vec<u32>) {
        let mut id = 0usize;
        let skip = usize::from(needle.starts_with('\n'));
        let finder = memmem::Finder::new(needle.as_bytes());
        let text = self.text.as_bytes();
        let mut from = 0;
        while let Some(found) = text.get(from..).and_then(|rest| finder.find(rest)) {
            let at = from + found;
            from = at + 1;
            let at = (at + skip) as u32;
            while id + 1 < self.starts.len() && self.starts[id + 1] <= at {
                id += 1;
            }
            if self.starts.get(id).is_some_and(|&s| s <= at) && out.last() != Some(&(id as u32)) {
                out.push(id as u32);
            }
        }
    }
}

impl VocabLookup {
    pub(crate) fn new(words: &[Word]) -> VocabLookup {
        let mut by_first: HashMap<char, Vec<u32>> = HashMap::new();
        for (i, w) in words.iter().enumerate() {
            if let Some(c) = w.key.chars().next() {
                by_first.entry(c).or_default().push(i as u32);
            }
        }
        VocabLookup {
            keys: Laid::new(words.iter().map(|w| &*w.key)),
            skels: Laid::new(words.iter().map(|w| &*w.skel)),
            stems: Laid::new(words.iter().map(|w| w.stem.as_ref().map_or("", |(_, s)| s))),
            by_first,
        }
    }

    /// Ids of the words `term` may match (every word `match_word` accepts, and some more),
    /// sorted and unique.
    pub(crate) fn candidates(&self, term: &PreparedTerm) -> Vec<u32> {
        let mut out = Vec::new();
        if term.key.is_empty() || term.key.contains('\n') {
            return out;
        }
        self.keys.find(&term.key, &mut out);
        for spelling in &term.spellings {
            self.keys.find(&format!("\n{spelling}"), &mut out);
        }
        for s in &term.skels {
            if term.skel_prefix {
                self.skels.find(&format!("\n{s}"), &mut out);
            } else {
                self.skels.find(&format!("\n{s}\n"), &mut out);
            }
            self.stems.find(&format!("\n{s}\n"), &mut out);
        }
        if term.fuzzy
            && let Some(first) = term.key.chars().next()
            && let Some(ids) = self.by_first.get(&first)
        {
            out.extend(ids);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::key::match_key;

    #[test]
    fn lookup_candidates_cover_every_match() {
        let words: Vec<Word> = [
            "তামাম",
            "তামিম",
            "পুতিন",
            "পুতিনের",
            "বিবিসির",
            "ইউক্রেন",
            "যুক্তরাষ্ট্র",
            "lavrov",
            "কিম",
            "কমিশন",
            "ট্রাম্পের",
            "শোইগু",
            "সাগর",
            "লাভরভের",
            "putin",
        ]
        .iter()
        .map(|w| Word::new(&match_key(w)))
        .collect();
        let lookup = VocabLookup::new(&words);
        for t in [
            "পুতিন",
            "putin",
            "bbc",
            "ক্রেন",
            "রাষ্ট্র",
            "lavov",
            "lavr",
            "kim",
            "কম",
            "trump",
            "shoigu",
            "tamim",
            "p",
            "পু",
            "ন",
        ] {
            let term = PreparedTerm::new(t, false, true);
            let matcher = term.matcher(false);
            let candidates = lookup.candidates(&term);
            for (i, w) in words.iter().enumerate() {
                if matcher.match_word(w).is_some() {
                    assert!(candidates.contains(&(i as u32)), "{t} → {}", w.key);
                }
            }
        }
    }
}
