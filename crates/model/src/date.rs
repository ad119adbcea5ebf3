//! Calendar dates: ISO 8601 in data, 和暦 (Japanese era) on paper.

use std::borrow::Cow;
use std::fmt;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer, Serialize, Serializer, de};

/// A calendar date without time or zone, written `YYYY-MM-DD` (ISO 8601).
///
/// The type is deliberately small: documents need dates, ordering, whole years
/// between two dates and the Japanese era, and nothing that depends on a clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

/// Why a text is not a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not of the form `YYYY-MM-DD`.
    Format,
    /// The form is right but the day does not exist (e.g. `2025-02-30`).
    NoSuchDay,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Format => f.write_str("expected a date as YYYY-MM-DD"),
            Self::NoSuchDay => f.write_str("no such day in the calendar"),
        }
    }
}

impl std::error::Error for DateError {}

impl Date {
    /// Creates a date, checking that the day exists.
    pub fn new(year: i32, month: u8, day: u8) -> Result<Self, DateError> {
        // Year 0 is accepted, as JSON Schema's `date` format accepts it.
        if !(0..=9999).contains(&year) || !(1..=12).contains(&month) {
            return Err(DateError::NoSuchDay);
        }
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::NoSuchDay);
        }
        Ok(Self { year, month, day })
    }

    /// Parses exactly `YYYY-MM-DD`.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(DateError::Format);
        }
        let digits = |range: std::ops::Range<usize>| -> Result<u32, DateError> {
            bytes[range].iter().try_fold(0u32, |acc, &b| {
                if b.is_ascii_digit() { Ok(acc * 10 + u32::from(b - b'0')) } else { Err(DateError::Format) }
            })
        };
        let year = i32::try_from(digits(0..4)?).map_err(|_| DateError::Format)?;
        let month = u8::try_from(digits(5..7)?).map_err(|_| DateError::Format)?;
        let day = u8::try_from(digits(8..10)?).map_err(|_| DateError::Format)?;
        Self::new(year, month, day)
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// Whole years from `self` (a birthday) to `on`; `None` if `on` is earlier.
    ///
    /// A person born on 29 February becomes a year older on 1 March in common
    /// years, as Japanese law counts age (年齢計算ニ関スル法律) in practice.
    pub fn years_until(self, on: Date) -> Option<u32> {
        if on < self {
            return None;
        }
        let mut years = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            years -= 1;
        }
        u32::try_from(years).ok()
    }

    /// Days since 0000-03-01 in the proleptic Gregorian calendar; only differences matter.
    pub fn day_number(self) -> i64 {
        let (y, m) = if self.month <= 2 {
            (i64::from(self.year) - 1, i64::from(self.month) + 12)
        } else {
            (i64::from(self.year), i64::from(self.month))
        };
        365 * y + y.div_euclid(4) - y.div_euclid(100)
            + y.div_euclid(400)
            + (153 * (m - 3) + 2) / 5
            + i64::from(self.day)
    }

    /// Days from `self` to `other` (negative if `other` is earlier).
    pub fn days_until(self, other: Date) -> i64 {
        other.day_number() - self.day_number()
    }

    /// The same day `years` later, or the last day of February for 29 February.
    #[must_use]
    pub fn add_years(self, years: i32) -> Date {
        let year = (self.year + years).clamp(0, 9999);
        let day = self.day.min(days_in_month(year, self.month));
        Date { year, month: self.month, day }
    }

    /// The same day `months` later (the month's last day where it is shorter).
    #[must_use]
    pub fn add_months(self, months: i32) -> Date {
        let index = self.year * 12 + i32::from(self.month) - 1 + months;
        let year = index.div_euclid(12).clamp(0, 9999);
        let month = u8::try_from(index.rem_euclid(12) + 1).unwrap_or(1);
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// The Japanese era of this date, if it is in 明治 or later.
    pub fn era(self) -> Option<EraDate> {
        ERAS.iter().find(|era| self >= era.start).map(|era| EraDate {
            era: era.era,
            year: u32::try_from(self.year - era.start.year + 1).unwrap_or(1),
            month: self.month,
            day: self.day,
        })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = DateError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A Japanese era (元号).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Era {
    Meiji,
    Taisho,
    Showa,
    Heisei,
    Reiwa,
}

impl Era {
    /// The era's name in kanji, e.g. 令和.
    pub fn kanji(self) -> &'static str {
        match self {
            Self::Meiji => "明治",
            Self::Taisho => "大正",
            Self::Showa => "昭和",
            Self::Heisei => "平成",
            Self::Reiwa => "令和",
        }
    }

    /// The era's name in Latin letters, e.g. Reiwa.
    pub fn romaji(self) -> &'static str {
        match self {
            Self::Meiji => "Meiji",
            Self::Taisho => "Taisho",
            Self::Showa => "Showa",
            Self::Heisei => "Heisei",
            Self::Reiwa => "Reiwa",
        }
    }
}

struct EraStart {
    era: Era,
    start: Date,
}

/// Newest first, so the first era whose start is not after a date is its era.
const ERAS: [EraStart; 5] = [
    EraStart { era: Era::Reiwa, start: Date { year: 2019, month: 5, day: 1 } },
    EraStart { era: Era::Heisei, start: Date { year: 1989, month: 1, day: 8 } },
    EraStart { era: Era::Showa, start: Date { year: 1926, month: 12, day: 25 } },
    EraStart { era: Era::Taisho, start: Date { year: 1912, month: 7, day: 30 } },
    EraStart { era: Era::Meiji, start: Date { year: 1868, month: 10, day: 23 } },
];

/// A date in the Japanese calendar (和暦), e.g. 令和7年4月1日.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EraDate {
    pub era: Era,
    /// Year of the era, 1 for the first year (元年).
    pub year: u32,
    pub month: u8,
    pub day: u8,
}

impl EraDate {
    /// 令和7年4月1日, with 元年 for the first year.
    pub fn to_japanese(self) -> String {
        let year = if self.year == 1 { "元".to_owned() } else { self.year.to_string() };
        format!("{}{}年{}月{}日", self.era.kanji(), year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Date;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date as YYYY-MM-DD")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Date, E> {
                Date::parse(v).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

impl JsonSchema for Date {
    fn schema_name() -> Cow<'static, str> {
        "Date".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "日付 / Date",
            "description": "ISO 8601 の暦日 (YYYY-MM-DD)。用紙には和暦で印字します。/ A calendar date (ISO 8601), printed in the Japanese era on paper.",
            "type": "string",
            "format": "date",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        Date::parse(s).expect("valid date in test")
    }

    #[test]
    fn parses_only_real_days() {
        assert_eq!(d("2024-02-29").day(), 29);
        assert_eq!(Date::parse("2025-02-29"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2025-13-01"), Err(DateError::NoSuchDay));
        assert_eq!(Date::parse("2025-1-01"), Err(DateError::Format));
        assert_eq!(Date::parse("２０２５-01-01"), Err(DateError::Format));
        assert_eq!(Date::parse("2025-01-01T00:00"), Err(DateError::Format));
    }

    #[test]
    fn era_boundaries() {
        assert_eq!(d("2019-04-30").era().map(EraDate::to_japanese).as_deref(), Some("平成31年4月30日"));
        assert_eq!(d("2019-05-01").era().map(EraDate::to_japanese).as_deref(), Some("令和元年5月1日"));
        assert_eq!(d("2025-04-01").era().map(EraDate::to_japanese).as_deref(), Some("令和7年4月1日"));
        assert_eq!(d("1989-01-07").era().map(EraDate::to_japanese).as_deref(), Some("昭和64年1月7日"));
        assert_eq!(d("1989-01-08").era().map(EraDate::to_japanese).as_deref(), Some("平成元年1月8日"));
        assert_eq!(d("1800-01-01").era(), None);
        assert_eq!(d("0000-01-01").era(), None, "year 0 parses (as JSON Schema allows) and has no era");
    }

    #[test]
    fn age_in_whole_years() {
        let birth = d("2018-06-15");
        assert_eq!(birth.years_until(d("2025-06-14")), Some(6));
        assert_eq!(birth.years_until(d("2025-06-15")), Some(7));
        assert_eq!(birth.years_until(d("2018-06-14")), None);
        assert_eq!(d("2020-02-29").years_until(d("2021-02-28")), Some(0));
        assert_eq!(d("2020-02-29").years_until(d("2021-03-01")), Some(1));
    }

    #[test]
    fn day_arithmetic() {
        assert_eq!(d("2024-01-01").days_until(d("2025-01-01")), 366);
        assert_eq!(d("2025-03-01").days_until(d("2025-02-28")), -1);
        assert_eq!(d("2024-02-29").add_years(1), d("2025-02-28"));
        assert_eq!(d("2025-08-31").add_months(6), d("2026-02-28"));
        assert_eq!(d("2025-01-31").add_months(-2), d("2024-11-30"));
    }

    #[test]
    fn round_trips_as_text() {
        let date = d("2026-04-01");
        let json = serde_json::to_string(&date).expect("serialise");
        assert_eq!(json, "\"2026-04-01\"");
        assert_eq!(serde_json::from_str::<Date>(&json).expect("parse"), date);
    }
}
