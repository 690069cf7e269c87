//! RFC 3339 timestamps to Unix milliseconds and back to words people read.
//!
//! Hand-written rather than a date crate because the app only needs parsing and calendar
//! fields (the words people read are the UI table's, `broadsheet_core::i18n`), and this
//! keeps the Wasm small.

/// Parses an RFC 3339 date-time (`2026-01-16T15:23:33.000Z`, `…+02:00`) into Unix ms.
///
/// ```
/// assert_eq!(broadsheet_article::date::parse_rfc3339("1970-01-01T00:00:01Z"), Ok(1000));
/// ```
pub fn parse_rfc3339(s: &str) -> Result<i64, String> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Result<i64, String> {
        let part = b.get(from..from + len).ok_or("too short")?;
        if !part.iter().all(u8::is_ascii_digit) {
            return Err(format!("expected digits at position {}", from + 1));
        }
        Ok(part
            .iter()
            .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0')))
    };
    let expect = |at: usize, chars: &[u8]| -> Result<(), String> {
        match b.get(at) {
            Some(c) if chars.contains(c) => Ok(()),
            _ => Err(format!(
                "expected '{}' at position {}",
                chars[0] as char,
                at + 1
            )),
        }
    };
    let year = num(0, 4)?;
    expect(4, b"-")?;
    let month = num(5, 2)?;
    expect(7, b"-")?;
    let day = num(8, 2)?;
    expect(10, b"Tt ")?;
    let hour = num(11, 2)?;
    expect(13, b":")?;
    let minute = num(14, 2)?;
    expect(16, b":")?;
    let second = num(17, 2)?;
    let mut i = 19;
    let mut millis = 0;
    if b.get(i) == Some(&b'.') {
        i += 1;
        let start = i;
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            if i - start < 3 {
                millis = millis * 10 + i64::from(b[i] - b'0');
            }
            i += 1;
        }
        if i == start {
            return Err("empty fraction of a second".into());
        }
        for _ in (i - start).min(3)..3 {
            millis *= 10;
        }
    }
    let offset_minutes = match b.get(i) {
        Some(b'Z' | b'z') => {
            i += 1;
            0
        }
        Some(sign @ (b'+' | b'-')) => {
            let h = num(i + 1, 2)?;
            expect(i + 3, b":")?;
            let m = num(i + 4, 2)?;
            if h > 23 || m > 59 {
                return Err("time-zone offset out of range".into());
            }
            let total = h * 60 + m;
            i += 6;
            if *sign == b'-' {
                -total
            } else {
                total
            }
        }
        _ => return Err("missing time-zone (`Z` or `+hh:mm`)".into()),
    };
    if i != b.len() {
        return Err("unexpected text after the time-zone".into());
    }
    if !(1..=12).contains(&month) {
        return Err("month out of range".into());
    }
    if day < 1 || day > days_in_month(year, month) {
        return Err("day out of range for the month".into());
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err("time of day out of range".into());
    }
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second.min(59) - offset_minutes * 60;
    Ok(secs * 1000 + millis)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if is_leap(y) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// (year, month, day) for days since 1970-01-01.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

/// Month names of RFC 2822 dates (the reader's own are the UI table's).
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// The calendar fields of a timestamp in UTC: (year, month 1-12, day 1-31, hour, minute).
/// Callers shift `ms` by a zone's offset first to read a local clock.
pub fn civil_fields(ms: i64) -> (i64, u32, u32, u32, u32) {
    let secs = ms.div_euclid(1000);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let tod = secs.rem_euclid(86_400);
    (
        y,
        m as u32,
        d as u32,
        (tod / 3600) as u32,
        ((tod % 3600) / 60) as u32,
    )
}

/// The day number (days since 1970-01-01, UTC) of a timestamp.
pub fn day_number(ms: i64) -> i64 {
    ms.div_euclid(86_400_000)
}

/// Canonical RFC 3339 text (`2026-01-16T15:23:33Z`) for a timestamp, used in `datetime`
/// attributes and feeds so they never carry the author's original spelling.
pub fn to_rfc3339(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let tod = secs.rem_euclid(86_400);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        tod / 3600,
        (tod % 3600) / 60,
        tod % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_valid_forms() {
        let cases: &[(&str, i64)] = &[
            ("1970-01-01T00:00:00Z", 0),
            ("1970-01-01T00:00:00.5Z", 500),
            ("1970-01-01T00:00:00.123456Z", 123),
            ("1970-01-01T01:00:00+01:00", 0),
            ("1969-12-31T23:00:00-01:00", 0),
            ("2026-01-16T15:23:33.000Z", 1_768_577_013_000),
            ("2024-02-29t00:00:00z", 1_709_164_800_000),
            ("2026-01-16 15:23:33Z", 1_768_577_013_000),
        ];
        for (s, want) in cases {
            assert_eq!(parse_rfc3339(s), Ok(*want), "{s}");
        }
    }

    #[test]
    fn rejects_impossible_or_partial_dates() {
        for s in [
            "",
            "2026-01-16",
            "2026-02-30T00:00:00Z",
            "2025-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-16T24:00:00Z",
            "2026-01-16T15:23:33",
            "2026-01-16T15:23:33Zjunk",
            "yesterday",
            "2026-01-16T15:23:33.Z",
            "2026-01-16T15:23:33+25:00",
        ] {
            assert!(parse_rfc3339(s).is_err(), "{s} should be rejected");
        }
    }

    #[test]
    fn round_trips_through_canonical_text() {
        let ms = parse_rfc3339("2026-11-27T08:05:09Z").unwrap();
        assert_eq!(to_rfc3339(ms), "2026-11-27T08:05:09Z");
        assert_eq!(civil_fields(ms), (2026, 11, 27, 8, 5));
    }
}

/// RFC 2822 date for RSS (`Fri, 16 Jan 2026 15:23:33 +0000`).
pub fn to_rfc2822(ms: i64) -> String {
    const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
    let secs = ms.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    let tod = secs.rem_euclid(86_400);
    format!(
        "{}, {d:02} {} {y} {:02}:{:02}:{:02} +0000",
        DAYS[days.rem_euclid(7) as usize],
        MONTHS[(m - 1) as usize],
        tod / 3600,
        (tod % 3600) / 60,
        tod % 60
    )
}

#[cfg(test)]
mod rfc2822_tests {
    #[test]
    fn rss_dates_have_the_right_weekday() {
        let ms = super::parse_rfc3339("2026-01-16T15:23:33Z").unwrap();
        assert_eq!(super::to_rfc2822(ms), "Fri, 16 Jan 2026 15:23:33 +0000");
        assert_eq!(super::to_rfc2822(0), "Thu, 01 Jan 1970 00:00:00 +0000");
    }
}
