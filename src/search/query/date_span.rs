//! `date:` values: a year, a month, a day or a range of them, read into an inclusive span.

use chrono::{Datelike, NaiveDate};

use crate::text::key::fold_digit;

/// Inclusive span of publication days; `None` is open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct DateSpan {
    pub(crate) from: Option<NaiveDate>,
    pub(crate) to: Option<NaiveDate>,
}

impl DateSpan {
    pub(crate) fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= day) && self.to.is_none_or(|t| day <= t)
    }
}

/// `2025`, `2025-07`, `2025-07-13`, or `A..B` with either side optional. `Ok(None)` when empty.
pub(super) fn parse_date_span(value: &str) -> Result<Option<DateSpan>, String> {
    let value: String = value.chars().map(fold_digit).collect();
    let value = value.trim_matches('"');
    if value.is_empty() {
        return Ok(None);
    }
    let bad = || format!("date:{value} is not YYYY, YYYY-MM, YYYY-MM-DD or a range A..B");
    let (from, to) = match value.split_once("..") {
        Some((a, b)) => (
            opt_bound(a, Bound::Start).ok_or_else(bad)?,
            opt_bound(b, Bound::End).ok_or_else(bad)?,
        ),
        None => (
            Some(bound(value, Bound::Start).ok_or_else(bad)?),
            Some(bound(value, Bound::End).ok_or_else(bad)?),
        ),
    };
    if from.is_none() && to.is_none() {
        return Ok(None);
    }
    Ok(Some(DateSpan { from, to }))
}

#[derive(Clone, Copy)]
enum Bound {
    Start,
    End,
}

/// An empty side is an open end (`Some(None)`); an unreadable one is `None`.
fn opt_bound(s: &str, which: Bound) -> Option<Option<NaiveDate>> {
    if s.is_empty() {
        Some(None)
    } else {
        bound(s, which).map(Some)
    }
}

/// The first or last day of a year, month or day written as `YYYY[-MM[-DD]]`.
fn bound(s: &str, which: Bound) -> Option<NaiveDate> {
    let parts: Vec<&str> = s.split(['-', '/']).collect();
    let num = |i: usize| -> Option<u32> {
        parts
            .get(i)
            .filter(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
            .and_then(|p| p.parse().ok())
    };
    let year = i32::try_from(num(0)?).ok()?;
    if parts[0].len() != 4 {
        return None;
    }
    match (parts.len(), which) {
        (1, Bound::Start) => NaiveDate::from_ymd_opt(year, 1, 1),
        (1, Bound::End) => NaiveDate::from_ymd_opt(year, 12, 31),
        (2, Bound::Start) => NaiveDate::from_ymd_opt(year, num(1)?, 1),
        (2, Bound::End) => {
            let first = NaiveDate::from_ymd_opt(year, num(1)?, 1)?;
            let next = if first.month() == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)?
            } else {
                NaiveDate::from_ymd_opt(year, first.month() + 1, 1)?
            };
            next.pred_opt()
        }
        (3, _) => NaiveDate::from_ymd_opt(year, num(1)?, num(2)?),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, d)
    }

    #[test]
    fn date_span_contains_its_ends() {
        let d = DateSpan {
            from: day(2025, 1, 1),
            to: day(2025, 6, 30),
        };
        assert!(d.contains(NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()));
        assert!(!d.contains(NaiveDate::from_ymd_opt(2025, 7, 1).unwrap()));
    }
}
