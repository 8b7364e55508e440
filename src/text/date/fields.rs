//! A date line's tokens read as fields: a time, a numeric or a named-month date, a Bengali-calendar
//! date, am/pm, and the words that may stand beside them (weekdays, noise). Every token must be
//! claimed by one of these, or the line is not a date line.

use chrono::{Datelike, NaiveDate, NaiveTime};

use super::vocab::{Keys, Tok};
use crate::article::Published;
use crate::text::bangla_calendar::BanglaDate;
use crate::text::fold::fold_key as match_key;

/// The tokens of a line and what has been read from them so far.
struct Fields<'t> {
    toks: &'t [Tok],
    /// Tokens already read as part of a field.
    used: Vec<bool>,
    date: Option<NaiveDate>,
    time: Option<(u32, u32, u32)>,
    /// `Some(true)`: pm.
    meridiem: Option<bool>,
    /// A Bengali-calendar date, used when no Gregorian one is given.
    bangla: Option<NaiveDate>,
}

/// The date and time of a line's tokens (its label already taken off), or `None` when a token
/// is not date vocabulary, a field is given twice or a value is impossible.
pub(super) fn parse_tokens(toks: &[Tok], k: &Keys) -> Option<Published> {
    let mut f = Fields {
        toks,
        used: vec![false; toks.len()],
        date: None,
        time: None,
        meridiem: None,
        bangla: None,
    };
    let mut i = 0;
    while i < toks.len() {
        if f.used[i] {
            i += 1;
            continue;
        }
        // Each reader gives `None` for "not a date line", `Some(None)` for "not mine".
        let read = match f.time(i)? {
            Some(end) => Some(end),
            None => f.numeric_date(i)?,
        };
        i = match read {
            Some(end) => end,
            None => f.word(i, k)?,
        };
    }
    f.published()
}

impl<'t> Fields<'t> {
    fn word_at(&self, i: usize) -> Option<&'t str> {
        match self.toks.get(i) {
            Some(Tok::Word(w)) => Some(w),
            _ => None,
        }
    }

    fn num_at(&self, i: usize) -> Option<(u32, usize)> {
        match self.toks.get(i) {
            Some(Tok::Num { value, digits }) => Some((*value, *digits)),
            _ => None,
        }
    }

    fn punct_at(&self, i: usize, c: char) -> bool {
        self.toks.get(i) == Some(&Tok::Punct(c))
    }

    fn take(&mut self, from: usize, to: usize) {
        self.used[from..to].iter_mut().for_each(|u| *u = true);
    }

    /// Time: H:MM or H:MM:SS (a space may follow the colon: "১৩: ২৪").
    fn time(&mut self, i: usize) -> Option<Option<usize>> {
        let (Some((h, _)), true, Some((m, 2))) = (
            self.num_at(i),
            self.punct_at(i + 1, ':'),
            self.num_at(i + 2),
        ) else {
            return Some(None);
        };
        if self.time.is_some() || h > 23 || m > 59 {
            return None;
        }
        let mut s = 0;
        let mut end = i + 3;
        if self.punct_at(end, ':') {
            let (sec, _) = self.num_at(end + 1).filter(|(v, d)| *d == 2 && *v < 60)?;
            s = sec;
            end += 2;
        }
        self.time = Some((h, m, s));
        self.take(i, end);
        Some(Some(end))
    }

    /// Numeric dates: 2023-09-05, 2024/08/12, 2024.08.12 (year first); 25/09/2023, 25-09-2023,
    /// 25.09.2023 (day first, as in Bangladesh) only when the day is over 12: `05/09/2023` could
    /// be either.
    fn numeric_date(&mut self, i: usize) -> Option<Option<usize>> {
        let (Some((a, da)), Some((b, _)), Some((c, dc))) =
            (self.num_at(i), self.num_at(i + 2), self.num_at(i + 4))
        else {
            return Some(None);
        };
        let sep = match self.toks.get(i + 1) {
            Some(Tok::Punct(s)) if matches!(s, '-' | '/' | '.') => Some(*s),
            _ => None,
        };
        if !sep.is_some_and(|s| self.punct_at(i + 3, s)) {
            return Some(None);
        }
        let d = if da == 4 {
            ymd(a, b, c)
        } else if dc == 4 && a > 12 {
            ymd(c, b, a)
        } else {
            None
        };
        if self.date.is_some() || d.is_none() {
            return None;
        }
        self.date = d;
        self.take(i, i + 5);
        Some(Some(i + 5))
    }

    /// A word or punctuation at `i`: a month with its day and year, an other-calendar date,
    /// am/pm or an ignorable word; the index after it, `None` for a word dates do not have.
    fn word(&mut self, i: usize, k: &Keys) -> Option<usize> {
        let Some(w) = self.word_at(i) else {
            if let Some(Tok::Punct(_)) = self.toks.get(i) {
                self.used[i] = true;
            }
            return Some(i + 1);
        };
        if let Some(&(_, month)) = k.months.iter().find(|(m, _)| m == w) {
            return self.month_date(i, month);
        }
        if let Some(n) = other_month_at(self, i, k) {
            let month = bangla_month(w);
            return self.other_calendar_date(i, n, month);
        }
        if k.am.iter().any(|a| a == w) {
            self.meridiem = Some(false);
        } else if k.pm.iter().any(|p| p == w) {
            self.meridiem = Some(true);
        } else if !k.ignorable.iter().any(|x| x == w) {
            return None;
        }
        self.used[i] = true;
        Some(i + 1)
    }

    /// "১৩ জুলাই ২০২৫" or "September 5, 2023": the month at `i` with its day and year.
    fn month_date(&mut self, i: usize, month: u32) -> Option<usize> {
        let before = (i > 0 && !self.used[i - 1])
            .then(|| self.num_at(i - 1))
            .flatten();
        // The number after the month, skipping one comma ("১৩ জুলাই, ২০২৫").
        let after_at = |j: usize| {
            let j = if self.punct_at(j, ',') { j + 1 } else { j };
            self.num_at(j).map(|n| (n, j))
        };
        let (day, year, span) = match (before, after_at(i + 1)) {
            (Some((d, _)), Some(((y, 4), yi))) => (d, y, (i - 1, yi + 1)),
            (_, Some(((d, _), di))) => {
                let ((y, _), yi) = after_at(di + 1).filter(|((_, dg), _)| *dg == 4)?;
                (d, y, (i, yi + 1))
            }
            _ => return None,
        };
        if self.date.is_some() {
            return None;
        }
        self.date = Some(ymd(year, month, day)?);
        self.take(span.0, span.1);
        Some(span.1)
    }

    /// "২৯ আষাঢ় ১৪৩২": the day before the `n` words of the month at `i`, the year after. Beside a
    /// Gregorian date it only repeats it; alone, a Bengali-calendar date is converted.
    fn other_calendar_date(&mut self, i: usize, n: usize, month: Option<u32>) -> Option<usize> {
        let day = (i > 0 && !self.used[i - 1])
            .then(|| self.num_at(i - 1))
            .flatten();
        if day.is_some() {
            self.used[i - 1] = true;
        }
        let mut end = i + n;
        let year = self.num_at(end);
        if year.is_some() {
            end += 1;
        }
        if let (Some((d, _)), Some((y, 4)), Some(m)) = (day, year, month) {
            self.bangla = BanglaDate {
                year: i32::try_from(y).ok()?,
                month: m,
                day: d,
            }
            .to_gregorian();
        }
        self.take(i, end);
        Some(end)
    }

    /// The date and time read, once every token was claimed.
    fn published(self) -> Option<Published> {
        // A number nothing claimed (a count, a stray year) means this is not a date line.
        if self.used.iter().any(|u| !u) {
            return None;
        }
        let date = self.date.or(self.bangla.filter(|d| ymd_ok(*d)))?;
        match self.time {
            None => Some(Published::Date(date)),
            Some((h, m, s)) => {
                let h = match self.meridiem {
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
}

/// Number of tokens of an other-calendar month name starting at `i`, if one starts there.
fn other_month_at(f: &Fields<'_>, i: usize, k: &Keys) -> Option<usize> {
    k.other_months
        .iter()
        .find(|words| {
            words
                .iter()
                .enumerate()
                .all(|(j, w)| f.word_at(i + j) == Some(w.as_str()))
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
    (1990..=2100).contains(&d.year())
}

/// A calendar date in a plausible news range.
fn ymd(y: u32, m: u32, d: u32) -> Option<NaiveDate> {
    if !(1990..=2100).contains(&y) {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)
}
