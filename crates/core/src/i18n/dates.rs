//! Dates in the reader's language and the site's time zone.
//!
//! Patterns and month names come from the table ([`Locale`]'s `locale.*` keys), the
//! offset from the zone the build computed, so the same instant reads the same in the
//! prerendered page and in the app, whatever the reader's own clock or browser says.

use broadsheet_article::date::civil_fields;

use super::Locale;

impl Locale {
    /// The zone's offset from UTC at `ms`, in minutes.
    pub fn offset_minutes(&self, ms: i64) -> i32 {
        let after = self.zone.partition_point(|(from, _)| *from <= ms);
        match after {
            0 => self.zone.first().map_or(0, |(_, o)| *o),
            i => self.zone[i - 1].1,
        }
    }

    /// `ms` on the site's local clock: (year, month, day, hour, minute).
    fn local_fields(&self, ms: i64) -> (i64, u32, u32, u32, u32) {
        civil_fields(ms.saturating_add(i64::from(self.offset_minutes(ms)) * 60_000))
    }

    /// A calendar date such as `16 Jan 2026` (the `locale.date` pattern).
    ///
    /// ```
    /// use broadsheet_core::i18n::Locale;
    /// let mut l = Locale::default();
    /// for (k, v) in [("locale.date", "{day}. {month} {year}"), ("locale.months", "Jan.|Feb.|März|Apr.|Mai|Juni|Juli|Aug.|Sept.|Okt.|Nov.|Dez.")] {
    ///     l.messages.insert(k.into(), v.into());
    /// }
    /// assert_eq!(l.date(1_768_577_013_000), "16. Jan. 2026");
    /// l.zone = vec![(i64::MIN, 9 * 60)];
    /// assert_eq!(l.date(1_768_577_013_000), "17. Jan. 2026");
    /// ```
    pub fn date(&self, ms: i64) -> String {
        self.date_of(self.local_fields(ms))
    }

    /// The `locale.date` pattern filled with calendar fields.
    fn date_of(&self, (y, m, d, _, _): (i64, u32, u32, u32, u32)) -> String {
        let month = self
            .t("locale.months")
            .split('|')
            .nth(m as usize - 1)
            .map_or_else(|| m.to_string(), str::to_string);
        self.fmt(
            "locale.date",
            &[
                ("day", &self.digits(&d.to_string())),
                ("month", &month),
                ("year", &self.digits(&y.to_string())),
            ],
        )
    }

    /// The calendar date of a day number (days since 1970-01-01), written like
    /// [`Locale::date`] but not shifted by the zone: a day is already a calendar day.
    pub fn calendar_day(&self, day: i64) -> String {
        self.date_of(civil_fields(day.saturating_mul(86_400_000)))
    }

    /// A date and time with the zone's offset, such as `16 Jan 2026, 15:23 UTC`.
    pub fn date_time(&self, ms: i64) -> String {
        let (_, _, _, h, min) = self.local_fields(ms);
        let time = self.fmt(
            "locale.time",
            &[
                ("hour", &self.digits(&format!("{h:02}"))),
                ("minute", &self.digits(&format!("{min:02}"))),
            ],
        );
        let offset = self.offset_minutes(ms);
        let zone = match offset {
            0 => "UTC".to_string(),
            o if o % 60 == 0 => format!("UTC{}{}", sign(o), o.abs() / 60),
            o => format!("UTC{}{}:{:02}", sign(o), o.abs() / 60, o.abs() % 60),
        };
        self.fmt(
            "locale.date_time",
            &[("date", &self.date(ms)), ("time", &time), ("zone", &zone)],
        )
    }

    /// A relative phrase ("just now", "5 min ago", "3 h ago", "yesterday", "2 days
    /// ago"), falling back to the calendar date after a week, or for a date more than a
    /// minute in the future (clock skew).
    pub fn relative(&self, ms: i64, now_ms: i64) -> String {
        let diff = now_ms.saturating_sub(ms) / 1000;
        let n = |unit: i64| diff.unsigned_abs() / unit.unsigned_abs();
        match diff {
            ..=-61 => self.date(ms),
            -60..=59 => self.t("time.just_now").to_string(),
            60..=3599 => self.count("time.minutes_ago", n(60), &[]),
            3600..=86_399 => self.count("time.hours_ago", n(3600), &[]),
            86_400..=172_799 => self.t("time.yesterday").to_string(),
            172_800..=604_799 => self.count("time.days_ago", n(86_400), &[]),
            _ => self.date(ms),
        }
    }

    /// ASCII digits written in the language's digits.
    fn digits(&self, ascii: &str) -> String {
        match self.messages.get("locale.digits") {
            Some(d) if d.chars().count() == 10 => ascii
                .chars()
                .map(|c| {
                    c.to_digit(10)
                        .and_then(|i| d.chars().nth(i as usize))
                        .unwrap_or(c)
                })
                .collect(),
            _ => ascii.to_string(),
        }
    }
}

fn sign(offset: i32) -> char {
    if offset < 0 {
        '-'
    } else {
        '+'
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Locale {
        let mut l = Locale::new("en", Default::default());
        for (k, v) in [
            ("locale.plural", "one: n = 1"),
            (
                "locale.months",
                "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec",
            ),
            ("locale.date", "{day} {month} {year}"),
            ("locale.time", "{hour}:{minute}"),
            ("locale.date_time", "{date}, {time} {zone}"),
            ("time.just_now", "just now"),
            ("time.minutes_ago.other", "{n} min ago"),
            ("time.hours_ago.other", "{n} h ago"),
            ("time.yesterday", "yesterday"),
            ("time.days_ago.other", "{n} days ago"),
        ] {
            l.messages.insert(k.into(), v.into());
        }
        l
    }

    #[test]
    fn relative_phrases() {
        let l = english();
        let now = 1_000_000_000_000;
        assert_eq!(l.relative(now - 10_000, now), "just now");
        assert_eq!(l.relative(now - 5 * 60_000, now), "5 min ago");
        assert_eq!(l.relative(now - 3 * 3_600_000, now), "3 h ago");
        assert_eq!(l.relative(now - 30 * 3_600_000, now), "yesterday");
        assert_eq!(l.relative(now - 3 * 86_400_000, now), "3 days ago");
        assert_eq!(l.relative(0, now), "1 Jan 1970");
        assert_eq!(l.relative(now + 86_400_000, now), "10 Sep 2001");
    }

    #[test]
    fn zones_shift_the_clock_and_name_the_offset() {
        let mut l = english();
        let ms = 1_768_577_013_000; // 2026-01-16T15:23:33Z
        assert_eq!(l.date_time(ms), "16 Jan 2026, 15:23 UTC");
        // Berlin-like: +1 until a switch, +2 after it.
        l.zone = vec![(i64::MIN, 60), (ms + 1, 120)];
        assert_eq!(l.date_time(ms), "16 Jan 2026, 16:23 UTC+1");
        assert_eq!(l.date_time(ms + 1), "16 Jan 2026, 17:23 UTC+2");
        l.zone = vec![(i64::MIN, -(3 * 60 + 30))];
        assert_eq!(l.date_time(ms), "16 Jan 2026, 11:53 UTC-3:30");
        assert_eq!(l.offset_minutes(i64::MIN), -210);
    }
}
