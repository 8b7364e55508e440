//! Date lines of Bengali and English news pages: `০১:২৮:৩১ অপরাহ্ন, রবিবার, ১৩ জুলাই ২০২৫`,
//! `প্রকাশ: ২১ মার্চ ২০২৬, ১২:৩৫ পূর্বাহ্ন`, `Update Time : Tuesday, September 5, 2023`.
//!
//! A line is a date line only when every word on it is date vocabulary (assets/dates.toml): a
//! sentence that merely contains a date (`আগামী শুক্রবার (১৫ আগস্ট)`) is an event, not a byline.
//!
//! Machine-written dates (ISO 8601 with or without time, fraction and offset, RFC 2822, as
//! datasets, feeds and khobor's own `extract` write them) are read by [`parse_date_value`],
//! which a date line tries first after its label.
//!
//! Here: the line and its label; `vocab` (the words of `assets/dates.toml`, the tokenizer),
//! `fields` (date, time and calendar fields read from the tokens), `machine` (machine shapes).

mod fields;
mod machine;
mod vocab;

use crate::article::Published;
use crate::text::fold::fold_key as match_key;
pub(crate) use machine::{DateError, DateValue, parse_date_value};
use machine::{in_range, parse_machine_date};
use vocab::{Tok, keys, tokens};

/// What a date line's label says about the date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum DateLabel {
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
    pub(crate) label: DateLabel,
    pub(crate) published: Published,
    /// Seconds east of UTC when the line gives an offset (`+06:00`, `Z`); `None`: Bangladesh time.
    pub(crate) offset: Option<i32>,
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
    let published = fields::parse_tokens(&toks, k)?;
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
