//! The Bengali calendar as Bangladesh uses it (the 2019 revision), for showing dates the way
//! Bangladeshi papers print them beside the Gregorian date (`২৯ আষাঢ় ১৪৩২`).
//!
//! The year starts on 14 April (পহেলা বৈশাখ); বৈশাখ–আশ্বিন have 31 days, কার্তিক–মাঘ and চৈত্র 30,
//! ফাল্গুন 29, or 30 when the Gregorian February it spans has 29 days. So every month starts on a
//! fixed Gregorian day, and the conversion is arithmetic, no tables of years.

use chrono::{Datelike, NaiveDate};

const MONTHS: [(&str, u32); 12] = [
    ("বৈশাখ", 31),
    ("জ্যৈষ্ঠ", 31),
    ("আষাঢ়", 31),
    ("শ্রাবণ", 31),
    ("ভাদ্র", 31),
    ("আশ্বিন", 31),
    ("কার্তিক", 30),
    ("অগ্রহায়ণ", 30),
    ("পৌষ", 30),
    ("মাঘ", 30),
    ("ফাল্গুন", 29),
    ("চৈত্র", 30),
];

/// A day in the Bengali calendar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct BanglaDate {
    pub(crate) year: i32,
    /// 1-based: 1 = বৈশাখ.
    pub(crate) month: u32,
    pub(crate) day: u32,
}

impl BanglaDate {
    pub(crate) fn from_gregorian(date: NaiveDate) -> Option<Self> {
        let new_year_in = |y: i32| NaiveDate::from_ymd_opt(y, 4, 14);
        let this_year = new_year_in(date.year())?;
        let (start, year) = if date >= this_year {
            (this_year, date.year() - 593)
        } else {
            (new_year_in(date.year() - 1)?, date.year() - 594)
        };
        // The February inside this Bengali year is in the following Gregorian year.
        let falgun_days = if is_leap(start.year() + 1) { 30 } else { 29 };
        let mut offset = u32::try_from((date - start).num_days()).ok()?;
        for (i, (_, days)) in MONTHS.iter().enumerate() {
            let days = if i == 10 { falgun_days } else { *days };
            if offset < days {
                return Some(Self {
                    year,
                    month: i as u32 + 1,
                    day: offset + 1,
                });
            }
            offset -= days;
        }
        None
    }

    /// The Gregorian day of this Bengali date; `None` for a day the month does not have.
    pub(crate) fn to_gregorian(self) -> Option<NaiveDate> {
        let start = NaiveDate::from_ymd_opt(self.year + 593, 4, 14)?;
        let falgun_days = if is_leap(start.year() + 1) { 30 } else { 29 };
        let index = usize::try_from(self.month.checked_sub(1)?).ok()?;
        let days_in = |i: usize| if i == 10 { falgun_days } else { MONTHS[i].1 };
        if index >= 12 || self.day == 0 || self.day > days_in(index) {
            return None;
        }
        let before: u32 = (0..index).map(days_in).sum();
        start.checked_add_days(chrono::Days::new(u64::from(before + self.day - 1)))
    }

    pub(crate) fn month_name(&self) -> &'static str {
        MONTHS[(self.month as usize - 1) % 12].0
    }
}

impl std::fmt::Display for BanglaDate {
    /// `২৯ আষাঢ় ১৪৩২`, in Bengali digits.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} {} {}",
            bengali_digits(&self.day.to_string()),
            self.month_name(),
            bengali_digits(&self.year.to_string())
        )
    }
}

/// ASCII digits → Bengali digits; everything else unchanged.
pub(crate) fn bengali_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0x09E6 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

fn is_leap(year: i32) -> bool {
    NaiveDate::from_ymd_opt(year, 2, 29).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bn(y: i32, m: u32, d: u32) -> String {
        let date = NaiveDate::from_ymd_opt(y, m, d).expect("valid test date");
        BanglaDate::from_gregorian(date)
            .expect("convertible")
            .to_string()
    }

    #[test]
    fn new_year_and_its_eve() {
        assert_eq!(bn(2025, 4, 14), "১ বৈশাখ ১৪৩২");
        assert_eq!(bn(2025, 4, 13), "৩০ চৈত্র ১৪৩১");
    }

    #[test]
    fn fixed_national_days() {
        // 21 February is ৮ ফাল্গুন, 16 December is ১ পৌষ, 26 March is ১২ চৈত্র (Bangladesh).
        assert_eq!(bn(2024, 2, 21), "৮ ফাল্গুন ১৪৩০");
        assert_eq!(bn(2025, 12, 16), "১ পৌষ ১৪৩২");
        assert_eq!(bn(2025, 3, 26), "১২ চৈত্র ১৪৩১");
    }

    #[test]
    fn falgun_has_thirty_days_in_leap_years() {
        assert_eq!(bn(2024, 3, 14), "৩০ ফাল্গুন ১৪৩০");
        assert_eq!(bn(2024, 3, 15), "১ চৈত্র ১৪৩০");
        assert_eq!(bn(2025, 3, 14), "২৯ ফাল্গুন ১৪৩১");
        assert_eq!(bn(2025, 3, 15), "১ চৈত্র ১৪৩১");
    }

    #[test]
    fn bengali_dates_convert_back() {
        let back = |y, m, d| {
            BanglaDate {
                year: y,
                month: m,
                day: d,
            }
            .to_gregorian()
        };
        assert_eq!(back(1432, 3, 29), NaiveDate::from_ymd_opt(2025, 7, 13));
        assert_eq!(back(1430, 11, 30), NaiveDate::from_ymd_opt(2024, 3, 14));
        assert_eq!(back(1431, 11, 30), None);
    }

    #[test]
    fn every_day_of_a_year_converts_and_is_consecutive() {
        let mut date = NaiveDate::from_ymd_opt(2023, 4, 14).expect("date");
        let mut previous = BanglaDate::from_gregorian(date).expect("first");
        for _ in 0..(366 * 2) {
            date = date.succ_opt().expect("next day");
            let next = BanglaDate::from_gregorian(date).expect("converts");
            let consecutive = (next.year == previous.year
                && next.month == previous.month
                && next.day == previous.day + 1)
                || (next.day == 1
                    && (next.month == previous.month + 1
                        || (next.month == 1 && previous.month == 12)));
            assert!(consecutive, "{previous:?} -> {next:?} at {date}");
            assert_eq!(next.to_gregorian(), Some(date));
            previous = next;
        }
    }
}
