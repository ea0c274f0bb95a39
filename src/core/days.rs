//! Calendar days in the visitor's own time zone, without a date library.
//!
//! Records remember *which day* something happened as the visitor lived it, not as UTC saw it:
//! a plan started at 23:30 and looked at 00:10 is one day further on, and a daylight-saving
//! change moves no day. The web layer reads the year, month and day from the local fields of a
//! JS `Date` and hands them to [`LocalDay::from_ymd`]; from then on a day is just a number, so
//! "how many days since" is a subtraction.

use crate::prelude::*;

use super::json::{FromJson, Invalid, ToJson, Value};
use super::num::push_uint;

/// Milliseconds in a day of UTC time, for relating a record's `at` to its local day.
pub const MS_PER_DAY: i64 = 86_400_000;

/// A day in the visitor's local calendar: days since 1970-01-01 (which is day 0).
///
/// Stored as a plain number in JSON, so it is small and sorts naturally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LocalDay(pub i32);

impl FromJson for LocalDay {
    fn from_json(v: &Value) -> Result<Self, Invalid> {
        i32::from_json(v).map(LocalDay)
    }
}

impl ToJson for LocalDay {
    fn write_json(&self, out: &mut String) {
        self.0.write_json(out);
    }
}

/// Years a day may be built from: wide enough for any real visit, narrow enough that no
/// arithmetic below can overflow.
const YEARS: (i32, i32) = (-9_999, 9_999);

impl LocalDay {
    /// The day for a calendar date, or `None` if there is no such date (month 13, 31 April,
    /// 29 February of a common year) or the year is beyond ±9999.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<LocalDay> {
        if year < YEARS.0 || year > YEARS.1 || !(1..=12).contains(&month) {
            return None;
        }
        if day < 1 || day > days_in_month(year, month) {
            return None;
        }
        // Howard Hinnant's days_from_civil, on a year that starts in March.
        let (m, d) = (i64::from(month), i64::from(day));
        let y = i64::from(year) - i64::from(month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        i32::try_from(era * 146_097 + doe - 719_468)
            .ok()
            .map(LocalDay)
    }

    /// The calendar date of this day: (year, month 1-12, day 1-31).
    pub fn to_ymd(self) -> (i32, u32, u32) {
        // Hinnant's civil_from_days; i64 keeps every i32 day in range.
        let z = i64::from(self.0) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        (y as i32, m as u32, d as u32)
    }

    /// The date as `2026-11-23`, for exports and `<time datetime>`.
    pub fn to_iso(self) -> String {
        let (y, m, d) = self.to_ymd();
        let mut out = String::with_capacity(10);
        if y < 0 {
            out.push('-');
        }
        push_padded(&mut out, u64::from(y.unsigned_abs()), 4);
        out.push('-');
        push_padded(&mut out, u64::from(m), 2);
        out.push('-');
        push_padded(&mut out, u64::from(d), 2);
        out
    }

    /// The day `n` days later (earlier for negative `n`), saturating rather than wrapping.
    pub fn plus(self, n: i32) -> LocalDay {
        LocalDay(self.0.saturating_add(n))
    }

    /// Whole days from `earlier` to `self` (negative if `earlier` is later).
    pub fn since(self, earlier: LocalDay) -> i64 {
        i64::from(self.0) - i64::from(earlier.0)
    }

    /// The UTC day a time falls on. A local day is at most one day away from it (time zones
    /// span −12 to +14 hours), which is how stored records are checked for sense.
    pub fn utc_of_ms(at_ms: i64) -> i64 {
        at_ms.div_euclid(MS_PER_DAY)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// `n` in decimal, with leading zeros to `width` digits ("05").
pub(crate) fn push_padded(out: &mut String, n: u64, width: usize) {
    let mut digits = String::new();
    push_uint(&mut digits, n);
    for _ in digits.len()..width {
        out.push('0');
    }
    out.push_str(&digits);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> LocalDay {
        LocalDay::from_ymd(y, m, d).unwrap_or_else(|| panic!("{y}-{m}-{d} should exist"))
    }

    #[test]
    fn the_epoch_and_known_dates() {
        assert_eq!(day(1970, 1, 1), LocalDay(0));
        assert_eq!(day(1969, 12, 31), LocalDay(-1));
        assert_eq!(day(2000, 3, 1), LocalDay(11_017));
        assert_eq!(day(2026, 11, 23), LocalDay(20_780));
        assert_eq!(day(2026, 11, 23).to_iso(), "2026-11-23");
        assert_eq!(LocalDay(0).to_iso(), "1970-01-01");
    }

    #[test]
    fn month_and_year_boundaries_are_one_day_apart() {
        assert_eq!(day(2026, 1, 31).plus(1), day(2026, 2, 1));
        assert_eq!(day(2026, 2, 28).plus(1), day(2026, 3, 1));
        assert_eq!(day(2024, 2, 28).plus(1), day(2024, 2, 29));
        assert_eq!(day(2024, 2, 29).plus(1), day(2024, 3, 1));
        assert_eq!(day(2026, 12, 31).plus(1), day(2027, 1, 1));
        assert_eq!(day(2027, 1, 1).since(day(2026, 12, 31)), 1);
        assert_eq!(day(2027, 1, 1).since(day(2026, 1, 1)), 365);
        assert_eq!(day(2025, 1, 1).since(day(2024, 1, 1)), 366);
    }

    #[test]
    fn impossible_dates_are_refused() {
        assert_eq!(LocalDay::from_ymd(2026, 2, 29), None);
        assert_eq!(
            LocalDay::from_ymd(1900, 2, 29),
            None,
            "1900 was not a leap year"
        );
        assert!(LocalDay::from_ymd(2000, 2, 29).is_some(), "2000 was");
        assert_eq!(LocalDay::from_ymd(2026, 4, 31), None);
        assert_eq!(LocalDay::from_ymd(2026, 0, 1), None);
        assert_eq!(LocalDay::from_ymd(2026, 13, 1), None);
        assert_eq!(LocalDay::from_ymd(2026, 1, 0), None);
        assert_eq!(LocalDay::from_ymd(i32::MAX, 1, 1), None);
        assert_eq!(LocalDay::from_ymd(i32::MIN, 1, 1), None);
    }

    #[test]
    fn every_day_round_trips_through_its_date() {
        let mut d = day(1999, 12, 25);
        let end = day(2033, 1, 10);
        let mut prev = d.to_ymd();
        while d < end {
            d = d.plus(1);
            let ymd = d.to_ymd();
            assert_eq!(LocalDay::from_ymd(ymd.0, ymd.1, ymd.2), Some(d));
            assert!(ymd > prev, "{ymd:?} after {prev:?}");
            prev = ymd;
        }
    }

    #[test]
    fn any_number_is_some_date_without_panicking() {
        for n in [i32::MIN, -1_000_000, -1, 0, 1, 2_932_896, i32::MAX] {
            let (y, m, d) = LocalDay(n).to_ymd();
            assert!(
                (1..=12).contains(&m) && (1..=31).contains(&d),
                "{n}: {y}-{m}-{d}"
            );
            let _ = LocalDay(n).to_iso();
        }
        assert_eq!(LocalDay(i32::MAX).plus(5), LocalDay(i32::MAX));
        assert_eq!(day(-1, 12, 31).to_iso(), "-0001-12-31");
    }

    #[test]
    fn late_evening_and_just_after_midnight_are_consecutive_days() {
        // The web layer reads the local date fields; 23:30 on the 23rd and 00:10 on the 24th
        // are one day apart whatever the UTC offset.
        let evening = day(2026, 11, 23);
        let after_midnight = day(2026, 11, 24);
        assert_eq!(after_midnight.since(evening), 1);
        // A day spanning a daylight-saving change is still one day.
        assert_eq!(day(2026, 3, 30).since(day(2026, 3, 29)), 1);
    }

    #[test]
    fn utc_day_of_a_time() {
        assert_eq!(LocalDay::utc_of_ms(0), 0);
        assert_eq!(LocalDay::utc_of_ms(-1), -1);
        assert_eq!(LocalDay::utc_of_ms(MS_PER_DAY * 20_780 + 5), 20_780);
    }
}
