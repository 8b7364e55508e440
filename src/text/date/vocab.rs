//! The date vocabulary of `assets/dates.toml` as match keys, and a date line cut into words,
//! numbers and punctuation.

use std::sync::{LazyLock, OnceLock};

use serde::Deserialize;

use super::DateLabel;
use crate::text::fold::fold_key as match_key;

#[derive(Deserialize)]
struct Vocab {
    months: Vec<Vec<String>>,
    weekdays: Vec<String>,
    am: Vec<String>,
    pm: Vec<String>,
    other_calendar_months: Vec<String>,
    noise: Vec<String>,
    published: Vec<String>,
    updated: Vec<String>,
}

/// The vocabulary with every entry turned into its match key; labels longest first.
pub(super) struct Keys {
    pub(super) months: Vec<(String, u32)>,
    pub(super) ignorable: Vec<String>,
    pub(super) am: Vec<String>,
    pub(super) pm: Vec<String>,
    pub(super) other_months: Vec<Vec<String>>,
    pub(super) labels: Vec<(Vec<String>, DateLabel)>,
}

pub(super) fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let v: Vocab = toml::from_str(include_str!("../../../assets/dates.toml"))
            .unwrap_or_else(|e| panic!("assets/dates.toml is invalid: {e}"));
        let months = v
            .months
            .iter()
            .zip(1..)
            .flat_map(|(names, m)| names.iter().map(move |n| (match_key(n), m)))
            .collect();
        let mut labels: Vec<(Vec<String>, DateLabel)> = v
            .published
            .iter()
            .map(|l| (words(&match_key(l)), DateLabel::Published))
            .chain(
                v.updated
                    .iter()
                    .map(|l| (words(&match_key(l)), DateLabel::Updated)),
            )
            .collect();
        labels.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        Keys {
            months,
            ignorable: v
                .weekdays
                .iter()
                .chain(&v.noise)
                .map(|w| match_key(w))
                .collect(),
            am: v.am.iter().map(|w| match_key(w)).collect(),
            pm: v.pm.iter().map(|w| match_key(w)).collect(),
            other_months: v
                .other_calendar_months
                .iter()
                .map(|m| words(&match_key(m)))
                .collect(),
            labels,
        }
    })
}

fn words(key: &str) -> Vec<String> {
    tokens(key)
        .into_iter()
        .filter_map(|t| match t {
            Tok::Word(w) => Some(w),
            _ => None,
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    Num { value: u32, digits: usize },
    Word(String),
    Punct(char),
}

/// Letters with their marks form words, digit runs numbers; everything else is punctuation.
/// Expects a match key (digits already ASCII).
pub(super) fn tokens(key: &str) -> Vec<Tok> {
    let key = key.replace("a.m.", "am").replace("p.m.", "pm");
    let mut out = Vec::new();
    let mut chars = key.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_ascii_digit() {
            let mut value: u32 = 0;
            let mut digits = 0;
            while let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                value = value.saturating_mul(10).saturating_add(d);
                digits += 1;
                chars.next();
            }
            out.push(Tok::Num { value, digits });
        } else if is_word_char(c) {
            let mut w = String::new();
            while let Some(&d) = chars.peek() {
                if !is_word_char(d) || d.is_ascii_digit() {
                    break;
                }
                w.push(d);
                chars.next();
            }
            out.push(Tok::Word(w));
        } else {
            if !c.is_whitespace() {
                out.push(Tok::Punct(c));
            }
            chars.next();
        }
    }
    out
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '\'';
    }
    match (c as usize).checked_sub(0x0980) {
        Some(i) if i < 0x80 => BENGALI_WORD_CHARS[i],
        _ => is_word_char_by_tables(c),
    }
}

/// [`is_word_char`] for the Bengali block, looked up once instead of in Unicode's tables for
/// every character of every short line.
static BENGALI_WORD_CHARS: LazyLock<[bool; 0x80]> = LazyLock::new(|| {
    let mut t = [false; 0x80];
    for (i, w) in t.iter_mut().enumerate() {
        *w = char::from_u32(0x0980 + i as u32).is_some_and(is_word_char_by_tables);
    }
    t
});

fn is_word_char_by_tables(c: char) -> bool {
    c.is_alphanumeric() || unicode_normalization::char::is_combining_mark(c) || c == '\''
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_char_table_agrees_with_unicode() {
        for c in ('\u{0}'..='\u{0AFF}').chain(['\u{200C}', '\u{2019}']) {
            assert_eq!(
                is_word_char(c),
                is_word_char_by_tables(c),
                "U+{:04X}",
                c as u32
            );
        }
    }
}
