//! Date lines of Bengali and English news pages: `০১:২৮:৩১ অপরাহ্ন, রবিবার, ১৩ জুলাই ২০২৫`,
//! `প্রকাশ: ২১ মার্চ ২০২৬, ১২:৩৫ পূর্বাহ্ন`, `Update Time : Tuesday, September 5, 2023`.
//!
//! A line is a date line only when every word on it is date vocabulary (assets/dates.toml): a
//! sentence that merely contains a date (`আগামী শুক্রবার (১৫ আগস্ট)`) is an event, not a byline.
//!
//! Machine-written dates (ISO 8601 with or without time, fraction and offset, RFC 2822, as
//! datasets, feeds and khobor's own `extract` write them) are read by [`parse_date_value`],
//! which a date line tries first after its label.

use std::sync::{LazyLock, OnceLock};

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use crate::article::Published;
use crate::text::bangla_calendar::BanglaDate;
use crate::text::fold::fold_key as match_key;

/// What a date line's label says about the date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum DateLabel {
    /// `প্রকাশ:`, `Published` — the publication time.
    Published,
    /// `আপডেট সময়`, `Update Time` — the last update; second best.
    Updated,
    /// A date standing alone: a byline date after the headline, or a page-print date before it.
    Bare,
}

/// A parsed date line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateLine {
    pub label: DateLabel,
    pub published: Published,
    /// Seconds east of UTC when the line gives an offset (`+06:00`, `Z`); `None`: Bangladesh time.
    pub offset: Option<i32>,
}

/// A date read from a dataset cell or a date line: the time as written, and its offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateValue {
    pub published: Published,
    /// Seconds east of UTC when given; `None`: Bangladesh time.
    pub offset: Option<i32>,
}

/// Why a date cell was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateError {
    /// It reads as a date, but not one between 1990 and 2100.
    OutOfRange,
    /// It does not read as a date at all.
    Unreadable,
}

/// Offsets chrono accepts for `%:z`: "Z" is written out first.
const DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%:z",
    "%Y-%m-%d %H:%M:%S%.f%:z",
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%d %H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M%:z",
    "%Y-%m-%d %H:%M%:z",
];
const NAIVE_DATETIME_FORMATS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
];
const DATE_FORMATS: &[&str] = &["%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d"];

/// Reads a date as datasets and feeds write it: the machine shapes above, else anything a date
/// line may say (`১৩ জুলাই ২০২৫`, `২৯ আষাঢ় ১৪৩২`, `13/08/2024`). Bengali digits are read as ASCII.
pub fn parse_date_value(text: &str) -> Result<DateValue, DateError> {
    let text = text.trim();
    if let Some(v) = parse_machine_date(text) {
        return in_range(v);
    }
    if let Some(d) = parse_date_line(text) {
        return Ok(DateValue {
            published: d.published,
            offset: d.offset,
        });
    }
    // A well-formed date outside the plausible range: say so rather than "unreadable".
    let ascii = ascii_digits(text);
    let wide = NaiveDateTime::parse_from_str(&ascii, "%Y-%m-%d %H:%M:%S")
        .map(|d| d.date())
        .or_else(|_| NaiveDate::parse_from_str(ascii.get(..10).unwrap_or(&ascii), "%Y-%m-%d"));
    if wide.is_ok() {
        return Err(DateError::OutOfRange);
    }
    Err(DateError::Unreadable)
}

fn in_range(v: DateValue) -> Result<DateValue, DateError> {
    use chrono::Datelike;
    if (1990..=2100).contains(&v.published.date().year()) {
        Ok(v)
    } else {
        Err(DateError::OutOfRange)
    }
}

fn ascii_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{09E6}'..='\u{09EF}' => char::from(b'0' + (c as u32 - 0x09E6) as u8),
            c => c,
        })
        .collect()
}

/// ISO 8601 (with `T` or a space, seconds, fraction and offset optional), `YYYY/MM/DD`,
/// `YYYY.MM.DD` and RFC 2822. Not range-checked.
fn parse_machine_date(text: &str) -> Option<DateValue> {
    if !text.starts_with(|c: char| c.is_ascii_digit() || ('\u{09E6}'..='\u{09EF}').contains(&c))
        && !text.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        return None;
    }
    let ascii = ascii_digits(text);
    let zoned = |dt: DateTime<FixedOffset>| DateValue {
        published: Published::DateTime(dt.naive_local()),
        offset: Some(dt.offset().local_minus_utc()),
    };
    if ascii.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return DateTime::parse_from_rfc2822(&ascii).ok().map(zoned);
    }
    let utc = ascii.strip_suffix(['Z', 'z']).map(|s| format!("{s}+00:00"));
    let zoned_text = utc.as_deref().unwrap_or(&ascii);
    if let Some(dt) = DATETIME_FORMATS
        .iter()
        .find_map(|f| DateTime::parse_from_str(zoned_text, f).ok())
    {
        return Some(zoned(dt));
    }
    if let Some(dt) = NAIVE_DATETIME_FORMATS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&ascii, f).ok())
    {
        return Some(DateValue {
            published: Published::DateTime(dt),
            offset: None,
        });
    }
    DATE_FORMATS
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(&ascii, f).ok())
        .map(|d| DateValue {
            published: Published::Date(d),
            offset: None,
        })
}

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
struct Keys {
    months: Vec<(String, u32)>,
    ignorable: Vec<String>,
    am: Vec<String>,
    pm: Vec<String>,
    other_months: Vec<Vec<String>>,
    labels: Vec<(Vec<String>, DateLabel)>,
}

fn keys() -> &'static Keys {
    static KEYS: OnceLock<Keys> = OnceLock::new();
    KEYS.get_or_init(|| {
        let v: Vocab = toml::from_str(include_str!("../../assets/dates.toml"))
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
enum Tok {
    Num { value: u32, digits: usize },
    Word(String),
    Punct(char),
}

/// Letters with their marks form words, digit runs numbers; everything else is punctuation.
/// Expects a match key (digits already ASCII).
fn tokens(key: &str) -> Vec<Tok> {
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

/// Parses a whole line (label, date, time, weekday, other-calendar dates) or returns `None`.
/// When the whole line does not parse, segments separated by `|` are tried in turn
/// (`প্রকাশ: … | আপডেট: …`), the first date wins.
pub fn parse_date_line(line: &str) -> Option<DateLine> {
    // Most short lines are not date lines; a date needs digits.
    if !line
        .chars()
        .any(|c| c.is_ascii_digit() || ('\u{09E6}'..='\u{09EF}').contains(&c))
    {
        return None;
    }
    parse_segment(line).or_else(|| line.split('|').find_map(parse_segment))
}

fn parse_segment(segment: &str) -> Option<DateLine> {
    let k = keys();
    let mut toks = tokens(&match_key(segment));
    // Leading bullets and list markers ("-", "•", "1.") carry no meaning.
    while matches!(toks.first(), Some(Tok::Punct(_))) {
        toks.remove(0);
    }
    let mut label = DateLabel::Bare;
    for (words, l) in &k.labels {
        let n = words.len();
        if toks.len() >= n
            && toks[..n]
                .iter()
                .zip(words)
                .all(|(t, w)| matches!(t, Tok::Word(x) if x == w))
        {
            label = *l;
            toks.drain(..n);
            break;
        }
    }
    if let Some(v) = machine_date_after_label(segment, label).and_then(|v| in_range(v).ok()) {
        return Some(DateLine {
            label,
            published: v.published,
            offset: v.offset,
        });
    }
    let published = parse_tokens(&toks, k)?;
    Some(DateLine {
        label,
        published,
        offset: None,
    })
}

/// The machine-written date of a line: the whole line, or what follows its label
/// (`প্রকাশ: 2026-02-25T17:20:15+06:00`, `Published: Thu, 25 Dec 2025 17:17:12 +0600`).
fn machine_date_after_label(segment: &str, label: DateLabel) -> Option<DateValue> {
    let trimmed = segment.trim();
    if let Some(v) = parse_machine_date(trimmed) {
        return Some(v);
    }
    if label == DateLabel::Bare {
        return None;
    }
    let after_colon = trimmed.split_once(':').map(|(_, rest)| rest.trim());
    let from_digit = trimmed
        .find(|c: char| c.is_ascii_digit() || ('\u{09E6}'..='\u{09EF}').contains(&c))
        .map(|i| &trimmed[i..]);
    [after_colon, from_digit]
        .into_iter()
        .flatten()
        .find_map(parse_machine_date)
}

fn word_at(toks: &[Tok], i: usize) -> Option<&str> {
    match toks.get(i) {
        Some(Tok::Word(w)) => Some(w),
        _ => None,
    }
}

fn num_at(toks: &[Tok], i: usize) -> Option<(u32, usize)> {
    match toks.get(i) {
        Some(Tok::Num { value, digits }) => Some((*value, *digits)),
        _ => None,
    }
}

fn punct_at(toks: &[Tok], i: usize, c: char) -> bool {
    toks.get(i) == Some(&Tok::Punct(c))
}

fn parse_tokens(toks: &[Tok], k: &Keys) -> Option<Published> {
    let mut used = vec![false; toks.len()];
    let mut date: Option<NaiveDate> = None;
    let mut time: Option<(u32, u32, u32)> = None;
    let mut meridiem: Option<bool> = None; // Some(true) = pm
    let mut bangla: Option<NaiveDate> = None;
    let mut i = 0;
    while i < toks.len() {
        if used[i] {
            i += 1;
            continue;
        }
        // Time: H:MM or H:MM:SS (a space may follow the colon: "১৩: ২৪").
        if let (Some((h, _)), true, Some((m, 2))) = (
            num_at(toks, i),
            punct_at(toks, i + 1, ':'),
            num_at(toks, i + 2),
        ) {
            if time.is_some() || h > 23 || m > 59 {
                return None;
            }
            let mut s = 0;
            let mut end = i + 3;
            if punct_at(toks, end, ':') {
                let (sec, _) = num_at(toks, end + 1).filter(|(v, d)| *d == 2 && *v < 60)?;
                s = sec;
                end += 2;
            }
            time = Some((h, m, s));
            used[i..end].iter_mut().for_each(|u| *u = true);
            i = end;
            continue;
        }
        // Numeric dates: 2023-09-05, 2024/08/12, 2024.08.12 (year first); 25/09/2023, 25-09-2023,
        // 25.09.2023 (day first, as in Bangladesh) only when the day is over 12: `05/09/2023` could
        // be either.
        if let (Some((a, da)), Some((b, _)), Some((c, dc))) =
            (num_at(toks, i), num_at(toks, i + 2), num_at(toks, i + 4))
        {
            let sep = match toks.get(i + 1) {
                Some(Tok::Punct(s)) if matches!(s, '-' | '/' | '.') => Some(*s),
                _ => None,
            };
            if sep.is_some_and(|s| punct_at(toks, i + 3, s)) {
                let d = if da == 4 {
                    ymd(a, b, c)
                } else if dc == 4 && a > 12 {
                    ymd(c, b, a)
                } else {
                    None
                };
                if date.is_some() || d.is_none() {
                    return None;
                }
                date = d;
                used[i..i + 5].iter_mut().for_each(|u| *u = true);
                i += 5;
                continue;
            }
        }
        if let Some(w) = word_at(toks, i) {
            if let Some(&(_, month)) = k.months.iter().find(|(m, _)| m == w) {
                // "১৩ জুলাই ২০২৫" or "September 5, 2023".
                let before = (i > 0 && !used[i - 1])
                    .then(|| num_at(toks, i - 1))
                    .flatten();
                // The number after the month, skipping one comma ("১৩ জুলাই, ২০২৫").
                let after_at = |j: usize| {
                    let j = if punct_at(toks, j, ',') { j + 1 } else { j };
                    num_at(toks, j).map(|n| (n, j))
                };
                let (day, year, span) = match (before, after_at(i + 1)) {
                    (Some((d, _)), Some(((y, 4), yi))) => (d, y, (i - 1, yi + 1)),
                    (_, Some(((d, _), di))) => {
                        let ((y, _), yi) = after_at(di + 1).filter(|((_, dg), _)| *dg == 4)?;
                        (d, y, (i, yi + 1))
                    }
                    _ => return None,
                };
                if date.is_some() {
                    return None;
                }
                date = Some(ymd(year, month, day)?);
                used[span.0..span.1].iter_mut().for_each(|u| *u = true);
                i = span.1;
                continue;
            }
            if let Some(n) = other_month_at(toks, i, k) {
                // "২৯ আষাঢ় ১৪৩২": the day before and the year after. Beside a Gregorian date
                // it only repeats it; alone, a Bengali-calendar date is converted.
                let day = (i > 0 && !used[i - 1])
                    .then(|| num_at(toks, i - 1))
                    .flatten();
                if day.is_some() {
                    used[i - 1] = true;
                }
                let mut end = i + n;
                let year = num_at(toks, end);
                if year.is_some() {
                    end += 1;
                }
                if let (Some((d, _)), Some((y, 4)), Some(m)) = (day, year, bangla_month(w)) {
                    bangla = BanglaDate {
                        year: i32::try_from(y).ok()?,
                        month: m,
                        day: d,
                    }
                    .to_gregorian();
                }
                used[i..end].iter_mut().for_each(|u| *u = true);
                i = end;
                continue;
            }
            if k.am.iter().any(|a| a == w) {
                meridiem = Some(false);
            } else if k.pm.iter().any(|p| p == w) {
                meridiem = Some(true);
            } else if !k.ignorable.iter().any(|x| x == w) {
                return None;
            }
            used[i] = true;
        } else if let Some(Tok::Punct(_)) = toks.get(i) {
            used[i] = true;
        }
        i += 1;
    }
    // A number nothing claimed (a count, a stray year) means this is not a date line.
    if used.iter().any(|u| !u) {
        return None;
    }
    let date = date.or(bangla.filter(|d| ymd_ok(*d)))?;
    match time {
        None => Some(Published::Date(date)),
        Some((h, m, s)) => {
            let h = match meridiem {
                Some(true) if h < 12 => h + 12,
                Some(false) if h == 12 => 0,
                _ => h,
            };
            Some(Published::DateTime(
                date.and_time(NaiveTime::from_hms_opt(h, m, s)?),
            ))
        }
    }
}

/// Number of tokens of an other-calendar month name starting at `i`, if one starts there.
fn other_month_at(toks: &[Tok], i: usize, k: &Keys) -> Option<usize> {
    k.other_months
        .iter()
        .find(|words| {
            words
                .iter()
                .enumerate()
                .all(|(j, w)| word_at(toks, i + j) == Some(w.as_str()))
        })
        .map(Vec::len)
}

/// The Bengali-calendar month (1 = বৈশাখ) whose name has this match key.
fn bangla_month(key: &str) -> Option<u32> {
    (1..=12).find(|&month| {
        let name = BanglaDate {
            year: 0,
            month,
            day: 1,
        }
        .month_name();
        match_key(name) == key
    })
}

fn ymd_ok(d: NaiveDate) -> bool {
    use chrono::Datelike;
    (1990..=2100).contains(&d.year())
}

/// A calendar date in a plausible news range.
fn ymd(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1990..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
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

    fn parse(s: &str) -> Option<(DateLabel, String)> {
        parse_date_line(s).map(|d| (d.label, d.published.to_iso()))
    }

    #[test]
    fn bengali_update_line_with_pm_time() {
        assert_eq!(
            parse("- আপডেট সময় ০১:২৮:৩১ অপরাহ্ন, রবিবার, ১৩ জুলাই ২০২৫"),
            Some((DateLabel::Updated, "2025-07-13T13:28:31".into()))
        );
    }

    #[test]
    fn english_update_line_date_only() {
        assert_eq!(
            parse("  • Update Time : Tuesday, September 5, 2023,"),
            Some((DateLabel::Updated, "2023-09-05".into()))
        );
    }

    #[test]
    fn published_label_and_twelve_am_is_midnight() {
        assert_eq!(
            parse("প্রকাশ: ২১ মার্চ ২০২৬, ১২:৩৫ পূর্বাহ্ন"),
            Some((DateLabel::Published, "2026-03-21T00:35:00".into()))
        );
    }

    #[test]
    fn twenty_four_hour_time_with_space_after_colon() {
        assert_eq!(
            parse("প্রকাশিত: ০৩ জানুয়ারী ২০২৪, ১৩: ২৪"),
            Some((DateLabel::Published, "2024-01-03T13:24:00".into()))
        );
    }

    #[test]
    fn bare_page_print_date_with_am() {
        assert_eq!(
            parse("October 18, 2025, 3:57 am"),
            Some((DateLabel::Bare, "2025-10-18T03:57:00".into()))
        );
    }

    #[test]
    fn other_calendar_and_segments() {
        assert_eq!(
            parse("রবিবার, ১৩ জুলাই ২০২৫, ২৯ আষাঢ় ১৪৩২ বঙ্গাব্দ"),
            Some((DateLabel::Bare, "2025-07-13".into()))
        );
        assert_eq!(
            parse("নিজস্ব প্রতিবেদক | প্রকাশ: 2024-01-03 ১১:৫৮ এএম"),
            Some((DateLabel::Published, "2024-01-03T11:58:00".into()))
        );
    }

    #[test]
    fn date_and_time_split_by_a_bar() {
        assert_eq!(
            parse("১৩ জুলাই, ২০২৫"),
            Some((DateLabel::Bare, "2025-07-13".into()))
        );
        assert_eq!(
            parse("০৩ জানুয়ারি ২০২৪ | ১৩:২৪"),
            Some((DateLabel::Bare, "2024-01-03T13:24:00".into()))
        );
    }

    #[test]
    fn sentences_and_partial_dates_are_not_date_lines() {
        assert_eq!(parse("আগামী শুক্রবার (১৫ আগস্ট) বৈঠক হবে।"), None);
        assert_eq!(parse("১৫ আগস্ট"), None);
        assert_eq!(parse("35 Time View"), None);
        assert_eq!(parse("৩১ ফেব্রুয়ারি ২০২৪"), None);
    }

    fn value(s: &str) -> Option<(String, Option<i32>)> {
        parse_date_value(s)
            .ok()
            .map(|v| (v.published.to_iso(), v.offset))
    }

    #[test]
    fn machine_shapes_in_date_lines_keep_their_offset() {
        let six = Some(6 * 3600);
        for (line, iso, offset) in [
            (
                "প্রকাশ: 2026-02-25T17:20:15+06:00",
                "2026-02-25T17:20:15",
                six,
            ),
            ("প্রকাশ: ২০২৬-০২-২৫T১৭:২০:১৫", "2026-02-25T17:20:15", None),
            (
                "প্রকাশ: 2026-02-25 17:20:15+06:00",
                "2026-02-25T17:20:15",
                six,
            ),
            (
                "Published: Thu, 25 Dec 2025 17:17:12 +0600",
                "2025-12-25T17:17:12",
                six,
            ),
            ("2025-12-25T11:17:12.250Z", "2025-12-25T11:17:12", Some(0)),
            ("প্রকাশ: 2024/08/12", "2024-08-12", None),
            ("প্রকাশ: 2024.08.12", "2024-08-12", None),
        ] {
            let d = parse_date_line(line).unwrap_or_else(|| panic!("{line}"));
            assert_eq!(
                (d.published.to_iso(), d.offset),
                (iso.to_string(), offset),
                "{line}"
            );
        }
    }

    #[test]
    fn day_first_only_when_the_day_is_over_twelve() {
        assert_eq!(parse("২৫/০৯/২০২৩").map(|d| d.1), Some("2023-09-25".into()));
        assert_eq!(parse("05/09/2023"), None);
        assert_eq!(parse("13.08.2024").map(|d| d.1), Some("2024-08-13".into()));
    }

    #[test]
    fn a_bengali_calendar_date_alone_is_converted() {
        assert_eq!(
            parse("২৯ আষাঢ় ১৪৩২ বঙ্গাব্দ").map(|d| d.1),
            Some("2025-07-13".into())
        );
    }

    #[test]
    fn dataset_cells_in_every_shape() {
        assert_eq!(
            value("2024-01-01 17:09:52"),
            Some(("2024-01-01T17:09:52".into(), None))
        );
        assert_eq!(value("2024/08/13"), Some(("2024-08-13".into(), None)));
        assert_eq!(
            value("2026-02-26T02:43:51+06:00"),
            Some(("2026-02-26T02:43:51".into(), Some(21600)))
        );
        assert_eq!(value("১৩ জুলাই ২০২৫"), Some(("2025-07-13".into(), None)));
        assert_eq!(parse_date_value("1850-01-01"), Err(DateError::OutOfRange));
        assert_eq!(
            parse_date_value("2400-01-01 10:00:00"),
            Err(DateError::OutOfRange)
        );
        assert_eq!(parse_date_value("গতকাল"), Err(DateError::Unreadable));
    }
}
