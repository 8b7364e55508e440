//! Dates as machines write them (ISO 8601 with or without time, fraction and offset, RFC 2822,
//! `YYYY/MM/DD`): dataset cells, feeds and khobor's own `extract` output. A date line tries these
//! first after its label.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};

use super::parse_date_line;
use crate::article::Published;

/// A date read from a dataset cell or a date line: the time as written, and its offset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DateValue {
    pub(crate) published: Published,
    /// Seconds east of UTC when given; `None`: Bangladesh time.
    pub(crate) offset: Option<i32>,
}

/// Why a date cell was not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateError {
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
pub(crate) fn parse_date_value(text: &str) -> Result<DateValue, DateError> {
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

pub(super) fn in_range(v: DateValue) -> Result<DateValue, DateError> {
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
pub(super) fn parse_machine_date(text: &str) -> Option<DateValue> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn value(s: &str) -> Option<(String, Option<i32>)> {
        parse_date_value(s)
            .ok()
            .map(|v| (v.published.to_iso(), v.offset))
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
