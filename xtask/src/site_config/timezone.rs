//! Time zones for `broadsheet.toml`: IANA names looked up in the tz database bundled
//! into xtask (jiff's `tzdb-bundle-always`), never the machine's `/usr/share/zoneinfo`,
//! so every machine accepts the same names and computes the same offsets.

use jiff::civil::date;
use jiff::tz::{Offset, TimeZone};

/// The years [`zone_transitions`] is asked for by the site: wide enough for any
/// article's date and the site's lifetime, small enough to ship to the browser.
pub const YEARS: std::ops::RangeInclusive<i16> = 1990..=2060;

/// A time-zone name the bundled database does not know.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{name}` is not a time zone of the IANA database (e.g. UTC, Europe/Paris, America/New_York)"
)]
pub struct UnknownZone {
    /// The name as given.
    pub name: String,
}

/// The zone named `name` (`UTC`, `Europe/Paris`), from the bundled database.
pub fn lookup(name: &str) -> Result<TimeZone, UnknownZone> {
    let unknown = || UnknownZone {
        name: name.to_string(),
    };
    // jiff also accepts POSIX TZ strings in some entry points; only real names here.
    if name.trim().is_empty() || name.contains(',') {
        return Err(unknown());
    }
    jiff::tz::db().get(name).map_err(|_| unknown())
}

/// The offsets in force in zone `name` from the start of `from_year` to the end of
/// `to_year` (UTC years): pairs of (milliseconds since the Unix epoch when the offset
/// starts, offset in minutes east of UTC). The first pair is the offset in force when
/// the range starts, with the time `i64::MIN` ("since before the range"); each later
/// pair is a transition inside the range that changes the offset. UTC is one pair,
/// `(i64::MIN, 0)`.
pub fn zone_transitions(
    name: &str,
    from_year: i16,
    to_year: i16,
) -> Result<Vec<(i64, i32)>, UnknownZone> {
    let tz = lookup(name)?;
    let minutes = |o: Offset| o.seconds() / 60;
    let year_start = |y: i16| {
        date(y, 1, 1)
            .to_zoned(TimeZone::UTC)
            .map(|z| z.timestamp())
            .ok()
    };
    let (Some(start), Some(end)) = (year_start(from_year), year_start(to_year.saturating_add(1)))
    else {
        // A year outside jiff's range (-9999..=9999): no transitions known there.
        return Ok(vec![(
            i64::MIN,
            minutes(tz.to_offset(jiff::Timestamp::UNIX_EPOCH)),
        )]);
    };
    let mut out = vec![(i64::MIN, minutes(tz.to_offset(start)))];
    for t in tz.following(start) {
        if t.timestamp() >= end {
            break;
        }
        let offset = minutes(t.offset());
        if out.last().is_some_and(|&(_, last)| last != offset) {
            out.push((t.timestamp().as_millisecond(), offset));
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_looked_up_in_the_bundled_database() {
        for name in ["UTC", "Europe/Paris", "America/New_York", "Asia/Kolkata"] {
            assert!(lookup(name).is_ok(), "{name}");
        }
        for name in [
            "",
            "Mars/Olympus",
            "Europe/Pariss",
            "EST5EDT,M3.2.0,M11.1.0",
        ] {
            let e = lookup(name).unwrap_err().to_string();
            assert!(e.contains("not a time zone"), "{name}: {e}");
        }
    }

    #[test]
    fn transitions_cover_the_range() {
        assert_eq!(
            zone_transitions("UTC", *YEARS.start(), *YEARS.end()).unwrap(),
            [(i64::MIN, 0)]
        );
        // India has kept +05:30 since 1945.
        assert_eq!(
            zone_transitions("Asia/Kolkata", 1990, 2060).unwrap(),
            [(i64::MIN, 330)]
        );
        let paris = zone_transitions("Europe/Paris", 2024, 2024).unwrap();
        // Winter time on 1 January, summer time from 31 March 01:00 UTC, winter again
        // from 27 October 01:00 UTC.
        assert_eq!(
            paris,
            [
                (i64::MIN, 60),
                (1_711_846_800_000, 120),
                (1_729_990_800_000, 60)
            ]
        );
        let wide = zone_transitions("America/New_York", 1990, 2060).unwrap();
        assert_eq!(wide.len(), 1 + 71 * 2);
        assert!(wide.windows(2).all(|w| w[0].0 < w[1].0 && w[0].1 != w[1].1));
    }
}
