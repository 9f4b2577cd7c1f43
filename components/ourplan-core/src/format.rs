//! Dates, times, numbers and money written the way a person reads them, in English and Welsh:
//! "23 November 2026" / "23 Tachwedd 2026", "£1,234.50", "12,500".
//!
//! Formatting is done here, not with the browser's `Intl`, for two reasons: Debian's Chromium
//! has no Welsh locale data (`Intl.DateTimeFormat('cy-GB')` falls back to US English, "November
//! 23, 2026"; see ARCHITECTURE.md), and the same text must come out of native tests, the wasm
//! build and every browser. Month names live in the message catalogue (`format.month.1` to
//! `format.month.12`), so a translator reviews them with every other word.
//!
//! Every function takes what the kit stores (ISO 8601 text, JSON numbers, whole pence) and gives
//! `None` for text it cannot read, so a caller shows the stored text as it is rather than
//! inventing a date.

use crate::i18n::{Lang, t};

/// A calendar date (`YYYY-MM-DD`) as "23 November 2026" or "23 Tachwedd 2026". `None` when the
/// text is not a real date, so the caller can show it unchanged.
pub fn date(lang: Lang, iso: &str) -> Option<String> {
    let (year, month, day) = parse_date(iso)?;
    Some(t(
        lang,
        "format.date",
        &[
            ("day", &day.to_string()),
            ("month", &month_name(lang, month)),
            ("year", &year.to_string()),
        ],
    ))
}

/// The name of month `month` (1 to 12) from the catalogue.
pub fn month_name(lang: Lang, month: u32) -> String {
    t(lang, &format!("format.month.{month}"), &[])
}

/// A time of day (`HH:MM`, `HH:MM:SS`, with or without a UTC offset) as the 24-hour "14:05"
/// the person typed. The offset is left out: it is the person's own, recorded when they typed.
pub fn time(iso: &str) -> Option<String> {
    let b = iso.as_bytes();
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let hours = two_digits(&iso[0..2])?;
    let minutes = two_digits(&iso[3..5])?;
    if hours > 23 || minutes > 59 {
        return None;
    }
    let rest = &iso[5..];
    let rest_ok = rest.is_empty()
        || (rest.starts_with(':') && rest.len() >= 3 && two_digits(&rest[1..3]).is_some());
    rest_ok.then(|| format!("{hours:02}:{minutes:02}"))
}

/// A date and time (`2026-06-01T10:30:00+01:00`) as "1 June 2026 at 10:30" or
/// "1 Mehefin 2026 am 10:30".
pub fn date_time(lang: Lang, iso: &str) -> Option<String> {
    let (day, clock) = iso.split_once(['T', 't', ' '])?;
    Some(t(
        lang,
        "format.date_time",
        &[("date", &date(lang, day)?), ("time", &time(clock)?)],
    ))
}

/// A moment something was saved (RFC 3339 with the page's own offset, as the kit writes it:
/// `2026-10-14T19:05:12.000+01:00`) as the person reads it, in the time written there: "Tuesday
/// 14 October at 19:05", with the year when it is not `this_year` ("Monday 3 March 2025 at
/// 09:00"). `None` for text that is not such a moment.
pub fn moment(lang: Lang, iso: &str, this_year: Option<u32>) -> Option<String> {
    let (day_part, clock) = iso.split_once(['T', 't'])?;
    let (year, month, day) = parse_date(day_part)?;
    let time = time(clock.get(..5)?)?;
    let weekday = t(
        lang,
        &format!("format.weekday.{}", weekday(year, month, day)),
        &[],
    );
    let args = [
        ("weekday", weekday.as_str()),
        ("day", &day.to_string()),
        ("month", &month_name(lang, month)),
        ("year", &year.to_string()),
        ("time", &time),
    ];
    let key = if this_year == Some(year) {
        "format.moment"
    } else {
        "format.moment_year"
    };
    Some(t(lang, key, &args))
}

/// The day of the week, Monday 1 to Sunday 7 (Sakamoto's method, for the Gregorian calendar).
fn weekday(year: u32, month: u32, day: u32) -> u32 {
    const OFFSETS: [u32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let sunday_first = (y + y / 4 - y / 100 + y / 400 + OFFSETS[month as usize - 1] + day) % 7;
    if sunday_first == 0 { 7 } else { sunday_first }
}

/// A JSON number with its thousands grouped: `12500` → "12,500", `1234567.5` → "1,234,567.5".
/// Numbers of four digits or fewer are left alone ("1950", "2026"): they are often years or
/// codes, and read as well without a comma (CLDR's minimum grouping digits of 2). English and
/// Welsh both write a comma between thousands and a full stop before decimals.
pub fn number(n: &serde_json::Number) -> String {
    let text = n.to_string();
    // serde_json writes large or tiny floats with an exponent: leave those as they are.
    if text.contains(['e', 'E']) {
        return text;
    }
    let (sign, unsigned) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text.as_str()),
    };
    let (whole, fraction) = match unsigned.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (unsigned, None),
    };
    let whole = if whole.len() > 4 {
        group_thousands(whole)
    } else {
        whole.to_owned()
    };
    match fraction {
        Some(f) => format!("{sign}{whole}.{f}"),
        None => format!("{sign}{whole}"),
    }
}

/// Whole pence as pounds: `123450` → "£1,234.50", `-350` → "-£3.50" (the same in both languages).
pub fn money(pence: i128) -> String {
    crate::plan::format_pence(pence)
}

/// Puts a comma between each group of three digits of `digits` (ASCII digits only).
pub fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Reads `YYYY-MM-DD` strictly (a real calendar date, years 1000 to 9999).
fn parse_date(iso: &str) -> Option<(u32, u32, u32)> {
    let b = iso.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(&iso[0..4])?;
    let month = two_digits(&iso[5..7])?;
    let day = two_digits(&iso[8..10])?;
    if year < 1000 || !(1..=12).contains(&month) || day == 0 || day > days_in(year, month) {
        return None;
    }
    Some((year, month, day))
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

fn two_digits(s: &str) -> Option<u32> {
    (s.len() == 2).then(|| digits(s)).flatten()
}

fn digits(s: &str) -> Option<u32> {
    if s.is_empty() || !s.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn check_date(lang: Lang, iso: &str, expected: Option<&str>) {
        assert_eq!(date(lang, iso).as_deref(), expected, "{lang:?} {iso:?}");
    }

    #[test]
    fn dates_in_english_and_welsh() {
        check_date(Lang::En, "2026-11-23", Some("23 November 2026"));
        check_date(Lang::Cy, "2026-11-23", Some("23 Tachwedd 2026"));
        check_date(Lang::En, "2026-03-01", Some("1 March 2026"));
        check_date(Lang::Cy, "2026-03-01", Some("1 Mawrth 2026"));
        check_date(Lang::Cy, "1950-06-07", Some("7 Mehefin 1950"));
        check_date(Lang::En, "2024-02-29", Some("29 February 2024"));
        check_date(Lang::Cy, "2000-02-29", Some("29 Chwefror 2000"));
    }

    #[test]
    fn text_that_is_not_a_real_date_is_left_to_the_caller() {
        for iso in [
            "",
            "2026-13-01",
            "2026-02-29",
            "1900-02-29",
            "2026-04-31",
            "2026-11-00",
            "26-11-23",
            "2026-1-23",
            "2026/11/23",
            "2026-11-23T10:00",
            "0999-01-01",
            "20|11|2026",
            "２０２６-11-23",
        ] {
            check_date(Lang::En, iso, None);
        }
    }

    #[test]
    fn every_month_has_a_name_in_both_languages() {
        let en: Vec<String> = (1..=12).map(|m| month_name(Lang::En, m)).collect();
        let cy: Vec<String> = (1..=12).map(|m| month_name(Lang::Cy, m)).collect();
        assert_eq!(en[0], "January");
        assert_eq!(en[11], "December");
        assert_eq!(
            cy,
            [
                "Ionawr",
                "Chwefror",
                "Mawrth",
                "Ebrill",
                "Mai",
                "Mehefin",
                "Gorffennaf",
                "Awst",
                "Medi",
                "Hydref",
                "Tachwedd",
                "Rhagfyr"
            ]
        );
    }

    #[test]
    fn times_and_date_times() {
        assert_eq!(time("14:05:00+01:00").as_deref(), Some("14:05"));
        assert_eq!(time("09:30").as_deref(), Some("09:30"));
        assert_eq!(time("09:30:15Z").as_deref(), Some("09:30"));
        assert_eq!(time("24:00"), None);
        assert_eq!(time("9:30"), None);
        assert_eq!(time("half past"), None);
        assert_eq!(
            date_time(Lang::En, "2026-06-01T10:30:00+01:00").as_deref(),
            Some("1 June 2026 at 10:30")
        );
        assert_eq!(
            date_time(Lang::Cy, "2026-06-01T10:30:00+01:00").as_deref(),
            Some("1 Mehefin 2026 am 10:30")
        );
        assert_eq!(date_time(Lang::En, "2026-06-01"), None);
        assert_eq!(date_time(Lang::En, "2026-06-31T10:30:00Z"), None);
    }

    #[test]
    fn numbers_group_their_thousands_from_five_digits() {
        for (value, expected) in [
            (json!(0), "0"),
            (json!(12), "12"),
            (json!(1950), "1950"),
            (json!(-2026), "-2026"),
            (json!(12500), "12,500"),
            (json!(-12500), "-12,500"),
            (json!(1234567.5), "1,234,567.5"),
            (json!(12.25), "12.25"),
            (json!(18446744073709551615u64), "18,446,744,073,709,551,615"),
            (json!(1e300), "1e+300"),
        ] {
            let serde_json::Value::Number(n) = value else {
                unreachable!()
            };
            assert_eq!(number(&n), expected);
        }
    }

    #[test]
    fn money_is_pounds_and_pence_with_grouped_thousands() {
        assert_eq!(money(123450), "£1,234.50");
        assert_eq!(money(5), "£0.05");
        assert_eq!(money(-350), "-£3.50");
        assert_eq!(money(100_000_000), "£1,000,000.00");
        assert_eq!(group_thousands("1234567"), "1,234,567");
        assert_eq!(group_thousands("123"), "123");
    }

    #[test]
    fn moments_name_the_day_and_the_time_written() {
        let at = "2026-10-13T19:05:12.000+01:00";
        assert_eq!(
            moment(Lang::En, at, Some(2026)).as_deref(),
            Some("Tuesday 13 October at 19:05")
        );
        assert_eq!(
            moment(Lang::Cy, at, Some(2026)).as_deref(),
            Some("Dydd Mawrth 13 Hydref am 19:05")
        );
        assert_eq!(
            moment(Lang::En, "2025-03-03T09:00:00Z", Some(2026)).as_deref(),
            Some("Monday 3 March 2025 at 09:00")
        );
        assert_eq!(
            moment(Lang::En, "2024-02-29T00:00:00Z", None).as_deref(),
            Some("Thursday 29 February 2024 at 00:00")
        );
        assert_eq!(
            moment(Lang::En, "2026-12-06T23:59:00-05:00", Some(2026)).as_deref(),
            Some("Sunday 6 December at 23:59")
        );
        assert_eq!(moment(Lang::En, "yesterday", None), None);
        assert_eq!(moment(Lang::En, "2026-02-30T10:00:00Z", None), None);
    }
}
