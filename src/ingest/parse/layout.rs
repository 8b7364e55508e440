//! Page-layout cues from assets (boilerplate.toml, layout.toml): which lines are site chrome,
//! which start the footer, which are bylines, which name the publishing site.

use std::sync::OnceLock;

use aho_corasick::AhoCorasick;
use regex::Regex;
use serde::Deserialize;

use crate::text::fold::fold_key;

#[derive(Deserialize)]
struct BoilerplateFile {
    max_words: usize,
    exact: Vec<String>,
    prefix: Vec<String>,
    contains: Vec<String>,
    regex: Vec<String>,
    tail: Vec<String>,
}

#[derive(Deserialize)]
struct LayoutFile {
    publisher_markers: Vec<String>,
    publisher_max_words: usize,
    byline_phrases: Vec<String>,
    byline_max_words: usize,
    byline_regex: Vec<String>,
    headline_max_words: usize,
    headline_sentence_ends: Vec<String>,
    derived_title_max_chars: usize,
    publisher_labels: Vec<String>,
    author_labels: Vec<String>,
    header_max_words: usize,
}

/// Which field a labelled header line (`প্রকাশক: …`, `লেখক: …`) gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Header {
    Publisher,
    Author,
}

/// Compiled layout cues; phrases are stored as match keys.
pub(crate) struct Layout {
    max_words: usize,
    exact: Vec<String>,
    prefix: Vec<String>,
    /// Every `contains` phrase in one automaton: each short line is scanned once, not once per phrase.
    contains: AhoCorasick,
    regex: Vec<Regex>,
    tail: Vec<String>,
    publisher_markers: Vec<String>,
    publisher_max_words: usize,
    byline_phrases: Vec<String>,
    byline_max_words: usize,
    byline_regex: Vec<Regex>,
    pub(crate) headline_max_words: usize,
    pub(crate) headline_sentence_ends: Vec<String>,
    pub(crate) derived_title_max_chars: usize,
    publisher_labels: Vec<String>,
    author_labels: Vec<String>,
    header_max_words: usize,
}

pub(crate) fn layout() -> &'static Layout {
    static LAYOUT: OnceLock<Layout> = OnceLock::new();
    LAYOUT.get_or_init(|| {
        let b: BoilerplateFile = toml::from_str(include_str!("../../../assets/boilerplate.toml"))
            .unwrap_or_else(|e| panic!("assets/boilerplate.toml is invalid: {e}"));
        let l: LayoutFile = toml::from_str(include_str!("../../../assets/layout.toml"))
            .unwrap_or_else(|e| panic!("assets/layout.toml is invalid: {e}"));
        let keys = |v: Vec<String>| v.iter().map(|p| fold_key(p)).collect::<Vec<_>>();
        let regexes = |v: Vec<String>| {
            v.iter()
                .map(|r| Regex::new(r).unwrap_or_else(|e| panic!("bad layout regex {r}: {e}")))
                .collect::<Vec<_>>()
        };
        Layout {
            max_words: b.max_words,
            exact: keys(b.exact),
            prefix: keys(b.prefix),
            contains: AhoCorasick::new(keys(b.contains))
                .unwrap_or_else(|e| panic!("bad boilerplate contains list: {e}")),
            regex: regexes(b.regex),
            tail: keys(b.tail),
            publisher_markers: keys(l.publisher_markers),
            publisher_max_words: l.publisher_max_words,
            byline_phrases: keys(l.byline_phrases),
            byline_max_words: l.byline_max_words,
            byline_regex: regexes(l.byline_regex),
            headline_max_words: l.headline_max_words,
            headline_sentence_ends: l.headline_sentence_ends,
            derived_title_max_chars: l.derived_title_max_chars,
            publisher_labels: l.publisher_labels,
            author_labels: l.author_labels,
            header_max_words: l.header_max_words,
        }
    })
}

/// One line as the layout cues see it: without bullets, and keyed once.
pub(crate) struct Line<'a> {
    pub(crate) core: &'a str,
    /// The key of (the start of) the line, trailing punctuation kept.
    folded: String,
    /// Where the key proper ends in `folded` (trailing punctuation removed).
    key_end: usize,
}

impl<'a> Line<'a> {
    pub(super) fn new(raw: &'a str) -> Self {
        let core = strip_bullets(raw);
        let mut end = core.len().min(KEY_PREFIX_BYTES);
        while !core.is_char_boundary(end) {
            end -= 1;
        }
        let folded = fold_key(&core[..end]);
        let key_end = folded
            .trim_end_matches(|c: char| {
                c.is_whitespace() || matches!(c, '.' | ':' | '।' | '!' | ',')
            })
            .len();
        Line {
            core,
            folded,
            key_end,
        }
    }

    /// The key of (the start of) the line with trailing punctuation removed.
    fn key(&self) -> &str {
        &self.folded[..self.key_end]
    }

    /// The key of the whole line; short lines reuse the one already folded.
    fn full_key(&self) -> std::borrow::Cow<'_, str> {
        if self.core.len() <= KEY_PREFIX_BYTES {
            std::borrow::Cow::Borrowed(&self.folded)
        } else {
            std::borrow::Cow::Owned(fold_key(self.core))
        }
    }
}

/// The line without list bullets and the punctuation scrapers leave at its start.
pub(crate) fn strip_bullets(line: &str) -> &str {
    line.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '•' | '-' | '*' | '·' | '▪' | '►' | '»' | '–' | '—' | '|')
    })
    .trim_end()
}

/// True when `s.to_lowercase()` is `s`: only ASCII other than capitals, Bengali, the danda and
/// general punctuation (none of which has case).
fn has_no_case(s: &str) -> bool {
    s.chars().all(|c| {
        if c.is_ascii() {
            !c.is_ascii_uppercase()
        } else {
            matches!(c, '\u{0980}'..='\u{09FF}' | '\u{0964}' | '\u{0965}' | '\u{2000}'..='\u{206F}')
        }
    })
}

/// True when `s` has at most `n` words; stops counting early on long paragraphs.
pub(crate) fn at_most_words(s: &str, n: usize) -> bool {
    // `s.split_whitespace().nth(n).is_none()`, counted on UTF-8 bytes one character at a time:
    // every line is asked, and only a few lead bytes can start a whitespace character.
    let b = s.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < b.len() {
        let lead = b[i];
        let next = |k: usize| b.get(i + k).copied();
        let (space, len) = if lead < 0x80 {
            (
                matches!(lead, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '),
                1,
            )
        } else {
            let len = match lead {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            let space = match lead {
                // U+0085, U+00A0
                0xC2 => matches!(next(1), Some(0x85 | 0xA0)),
                // U+1680
                0xE1 => next(1) == Some(0x9A) && next(2) == Some(0x80),
                // U+2000..U+200A, U+2028, U+2029, U+202F; U+205F
                0xE2 => match (next(1), next(2)) {
                    (Some(0x80), Some(x)) => matches!(x, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF),
                    (Some(0x81), Some(x)) => x == 0x9F,
                    _ => false,
                },
                // U+3000
                0xE3 => next(1) == Some(0x80) && next(2) == Some(0x80),
                _ => false,
            };
            (space, len)
        };
        if !space && !in_word {
            words += 1;
            if words > n {
                return false;
            }
        }
        in_word = !space;
        i += len;
    }
    true
}

/// Whole-line and prefix patterns are short: keying the start of a long paragraph is enough.
const KEY_PREFIX_BYTES: usize = 320;

impl Layout {
    /// Site chrome to drop wherever it appears.
    pub(super) fn is_boilerplate(&self, line: &Line<'_>) -> bool {
        let (core, key) = (line.core, line.key());
        self.exact.iter().any(|e| e == key)
            || self.prefix.iter().any(|p| key.starts_with(p.as_str()))
            || (at_most_words(core, self.max_words) && {
                let full = line.full_key();
                self.contains.is_match(full.as_ref())
            })
            || self.regex.iter().any(|r| r.is_match(core))
    }

    /// The first line of the page footer.
    pub(super) fn is_tail(&self, line: &Line<'_>) -> bool {
        self.tail.iter().any(|t| line.key().starts_with(t.as_str()))
    }

    /// The byline written on this line, if the line is one.
    pub(super) fn byline(&self, line: &Line<'_>) -> Option<String> {
        let (core, key) = (line.core, line.key());
        let desk = at_most_words(core, self.byline_max_words)
            && self.byline_phrases.iter().any(|p| {
                key.strip_prefix(p.as_str())
                    .is_some_and(|r| r.is_empty() || r.starts_with([' ', ',', ':', '|']))
            });
        (desk || self.byline_regex.iter().any(|r| r.is_match(core))).then(|| core.to_string())
    }

    /// The field and value of a labelled header line: `প্রকাশক: প্রথম আলো` → the publisher,
    /// `লেখক: কামাল হোসেন` → the author (the lines `khobor fetch` writes under a headline).
    pub(super) fn header(&self, core: &str) -> Option<(Header, String)> {
        let (label, value) = core.split_once([':', 'ঃ'])?;
        let label = label.trim();
        let value = value.trim();
        let field = if self.publisher_labels.iter().any(|l| l == label) {
            Header::Publisher
        } else if self.author_labels.iter().any(|l| l == label) {
            Header::Author
        } else {
            return None;
        };
        (!value.is_empty()
            && at_most_words(value, self.header_max_words)
            && value.chars().any(char::is_alphabetic))
        .then(|| (field, value.to_string()))
    }

    /// The site name on a publisher line (`বাংলার আকাশ নিউজ ২৪ ডট কম Email:…` →
    /// `বাংলার আকাশ নিউজ ২৪`).
    pub(super) fn publisher(&self, core: &str) -> Option<String> {
        // Bengali has no case: most lines are their own lower case, and are not copied.
        let lower = if has_no_case(core) {
            std::borrow::Cow::Borrowed(core)
        } else {
            std::borrow::Cow::Owned(core.to_lowercase())
        };
        let at = self
            .publisher_markers
            .iter()
            .filter_map(|m| lower.find(m.as_str()))
            .min()?;
        // `to_lowercase` can change byte lengths only for non-ASCII capitals; stay on a boundary.
        let at = (0..=at.min(core.len()))
            .rev()
            .find(|&i| core.is_char_boundary(i))
            .unwrap_or(0);
        let name = core[..at]
            .trim()
            .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '-' | ',' | ':'));
        (!name.is_empty()
            && at_most_words(name, self.publisher_max_words)
            && name.chars().any(char::is_alphabetic)
            && !name.contains('@'))
        .then(|| name.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chrome_lines() {
        let l = layout();
        for line in [
            "Spread the love",
            "35 Time View",
            "1. admin@banglarakash.com : admin :",
            "© All rights reserved © 2019 LatestNews",
            "এছাড়া, আরও পড়ুনঃ",
            "মন্তব্যসমূহ বন্ধ করা হয়.",
            "This website uses cookies to improve your experience. Accept Read More",
            "ডিজাইন ও কারিগরি সহযোগিতায়: BDiT",
            "প্রচ্ছদ",
            "প্রচ্ছদ » আন্তর্জাতিক",
            "Home / World",
        ] {
            assert!(l.is_boilerplate(&Line::new(line)), "{line}");
        }
        for text in [
            "রাশিয়ার প্রেসিডেন্ট ভ্লাদিমির পুতিন বৈঠক করেছেন।",
            "হোমিওপ্যাথি চিকিৎসা নিয়ে বিতর্ক",
        ] {
            assert!(!l.is_boilerplate(&Line::new(text)), "{text}");
        }
    }

    #[test]
    fn word_count_agrees_with_split_whitespace() {
        let spaces = [
            ' ', '\t', '\u{85}', '\u{A0}', '\u{1680}', '\u{2003}', '\u{2028}', '\u{3000}',
        ];
        for c in ('\u{0}'..='\u{3100}').chain(['\u{FEFF}', '\u{1F600}']) {
            for sp in spaces {
                for s in [
                    format!("{c}"),
                    format!("ক{c}খ"),
                    format!("{sp}{c}{sp}গ ঘ"),
                    format!("{c}{c}{sp}{c}"),
                ] {
                    for n in 0..4 {
                        let want = s.split_whitespace().nth(n).is_none();
                        assert_eq!(at_most_words(&s, n), want, "{s:?} {n}");
                    }
                }
            }
        }
    }

    #[test]
    fn caseless_lines_are_their_own_lower_case() {
        for c in ('\u{0}'..='\u{2FFF}').filter(|&c| has_no_case(&c.to_string())) {
            assert_eq!(
                c.to_lowercase().to_string(),
                c.to_string(),
                "U+{:04X}",
                c as u32
            );
        }
        assert!(has_no_case("বাংলার আকাশ নিউজ ২৪ ডট কম email:x@y.com"));
        assert!(!has_no_case("Email:") && !has_no_case("É"));
    }

    #[test]
    fn publisher_and_byline() {
        let l = layout();
        assert_eq!(
            l.publisher("বাংলার আকাশ নিউজ ২৪ ডট কম Email:banglarakashnews24@gmail.com"),
            Some("বাংলার আকাশ নিউজ ২৪".to_string())
        );
        assert_eq!(l.byline(&Line::new("/এআই")), Some("/এআই".to_string()));
        assert_eq!(
            l.byline(&Line::new("নিজস্ব প্রতিবেদক, ঢাকা")),
            Some("নিজস্ব প্রতিবেদক, ঢাকা".to_string())
        );
        assert_eq!(l.byline(&Line::new("- / 0")), None);
        assert!(l.is_tail(&Line::new("Please Share This Post in Your Social Media")));
    }

    #[test]
    fn labelled_header_lines() {
        let l = layout();
        assert_eq!(
            l.header("প্রকাশক: প্রথম আলো"),
            Some((Header::Publisher, "প্রথম আলো".to_string()))
        );
        assert_eq!(
            l.header("লেখক: কামাল হোসেন, রফিক উদ্দিন"),
            Some((Header::Author, "কামাল হোসেন, রফিক উদ্দিন".to_string()))
        );
        assert_eq!(l.header("লেখক:"), None);
        assert_eq!(l.header("প্রকাশ: ১২ আগস্ট ২০২৪"), None);
    }
}
