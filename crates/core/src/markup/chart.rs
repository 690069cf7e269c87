//! The sentiment overview's markup: stacked SVG bars per day, a legend, a table of the
//! same numbers for screen readers, and the split of the top tags.
//!
//! Built as one string, so the app replaces the whole chart with a single `innerHTML`
//! write when the filter changes (hundreds of elements: one attribute call each would
//! cost a frame of their own). Every value from an article (tag names) is escaped here.

use crate::date::to_rfc3339;
use crate::feed::{Facet, FeedFilter};
use crate::i18n::Locale;
use crate::markdown::escape_html;
use crate::markup::hundredths;
use crate::stats::{Overview, Split};
use broadsheet_article::title_case;

/// Width of one day's bar in SVG units.
const BAR_W: u64 = 10;
/// Height of the plot in SVG units.
const PLOT_H: u64 = 100;

/// `n` parts of `of`, as hundredths of `scale` units (rounded to the nearest).
fn share(n: usize, of: u64, scale: u64) -> u64 {
    (n as u64 * scale * 100 * 2 + of) / (2 * of)
}

fn day_key(day: i64) -> String {
    to_rfc3339(day * 86_400_000)[..10].to_string()
}

/// "3 positive, 1 neutral, 0 negative" (and ", 2 other" when there are any).
fn summary(t: &Locale, s: &Split) -> String {
    let n = |key: &str, n: usize| t.count(key, n as u64, &[]);
    let mut parts = vec![
        n("chart.count_positive", s.positive),
        n("chart.count_neutral", s.neutral),
        n("chart.count_negative", s.negative),
    ];
    if s.other > 0 {
        parts.push(n("chart.count_other", s.other));
    }
    parts.join(t.t("chart.separator"))
}

/// The largest total among `splits`, at least 1 (the scale of a set of bars).
fn largest(splits: impl Iterator<Item = Split>) -> u64 {
    splits.map(|s| s.total()).max().unwrap_or(1).max(1) as u64
}

/// Stacked segments (class, key, count) bottom to top.
fn segments(s: &Split) -> [(&'static str, &'static str, usize); 4] {
    [
        ("positive", "POSITIVE", s.positive),
        ("neutral", "NEUTRAL", s.neutral),
        ("negative", "NEGATIVE", s.negative),
        ("unknown", "", s.other),
    ]
}

/// The chart's inner markup (what goes inside its `<details>`), or `None` when there is
/// nothing to draw. Links are `base` + `/` + the query of `filter` narrowed by the
/// clicked value; a day's bar carries its link in `data-href`, for the app to follow on
/// click or Enter.
///
/// ```
/// use broadsheet_core::markup::chart::chart_markup;
/// use broadsheet_core::stats::overview;
/// use broadsheet_core::{i18n::Locale, FeedFilter};
/// assert!(chart_markup(&Locale::default(), &overview(&[], 7, 3), "", &FeedFilter::default()).is_none());
/// ```
pub fn chart_markup(t: &Locale, o: &Overview, base: &str, filter: &FeedFilter) -> Option<String> {
    let (first_day, last_day) = (o.days.first()?, o.days.last()?);
    let link = |facet: Facet, value: &str| {
        escape_html(&format!("{base}/{}", filter.with(facet, value).to_query()))
    };
    let scale = largest(o.days.iter().map(|d| d.split));
    let width = BAR_W * o.days.len() as u64;
    let first = day_key(first_day.day);
    let last = day_key(last_day.day);
    let (first_text, last_text) = (t.calendar_day(first_day.day), t.calendar_day(last_day.day));
    let label = escape_html(&t.fmt(
        "chart.label",
        &[
            ("count", &t.number(o.in_window.total() as u64)),
            ("first", &first_text),
            ("last", &last_text),
            ("summary", &summary(t, &o.in_window)),
        ],
    ));
    let mut out = String::with_capacity(16 * 1024);
    out.push_str(&format!(
        "<summary class=\"chart__summary\">{}</summary><div class=\"chart__body\"><div class=\"chart__days\">",
        escape_html(t.t("chart.summary"))
    ));
    out.push_str(&format!(
        "<svg class=\"chart__svg\" viewBox=\"0 0 {width} {PLOT_H}\" preserveAspectRatio=\"none\" role=\"group\" aria-label=\"{label}\" data-testid=\"sentiment-chart\" data-from=\"{first}\" data-to=\"{last}\">"
    ));
    for (i, d) in o.days.iter().enumerate() {
        let total = d.split.total();
        if total == 0 {
            continue;
        }
        let key = day_key(d.day);
        let x = i as u64 * BAR_W;
        let tip = escape_html(&format!(
            "{}: {}",
            t.calendar_day(d.day),
            summary(t, &d.split)
        ));
        out.push_str(&format!(
            "<g class=\"chart__bar\" data-testid=\"chart-day\" data-day=\"{key}\" data-total=\"{total}\" data-href=\"{}\" tabindex=\"0\" role=\"link\" aria-label=\"{}\"><title>{tip}</title><rect class=\"chart__hit\" x=\"{}\" y=\"0\" width=\"{BAR_W}\" height=\"{PLOT_H}\"></rect>",
            link(Facet::Day, &key),
            escape_html(&t.fmt("chart.show_only", &[("tip", &format!("{}: {}", t.calendar_day(d.day), summary(t, &d.split)))])),
            x
        ));
        // Stacked from the foot in hundredths; the top segment ends where the day's
        // share ends, so rounding never leaves a gap or an overlap between segments.
        let (mut below, mut count) = (0u64, 0usize);
        for (class, sentiment, n) in segments(&d.split) {
            if n == 0 {
                continue;
            }
            count += n;
            let top = share(count, scale, PLOT_H);
            let h = top - below;
            below = top;
            out.push_str(&format!(
                "<rect class=\"chart__seg chart__seg--{class}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" data-sentiment=\"{sentiment}\" data-count=\"{n}\"></rect>",
                x + 1,
                hundredths(PLOT_H * 100 - top),
                BAR_W - 2,
                hundredths(h)
            ));
        }
        out.push_str("</g>");
    }
    out.push_str(&format!(
        "</svg><p class=\"chart__axis\" aria-hidden=\"true\"><span>{}</span><span>{}</span></p><ul class=\"chart__legend\" aria-label=\"{}\">",
        escape_html(&first_text),
        escape_html(&last_text),
        escape_html(t.t("chart.legend"))
    ));
    for (class, key, n) in segments(&o.all) {
        let swatch = format!(
            "<span class=\"chart__swatch chart__seg--{class}\" aria-hidden=\"true\"></span>"
        );
        if key.is_empty() {
            if n > 0 {
                out.push_str(&format!(
                    "<li class=\"chart__legend-item\">{swatch}{} {}</li>",
                    escape_html(t.t("chart.unknown")),
                    t.number(n as u64)
                ));
            }
        } else {
            out.push_str(&format!(
                "<li><a href=\"{}\" class=\"chart__legend-link\" data-testid=\"chart-legend\" data-sentiment=\"{key}\" data-count=\"{n}\">{swatch}{} {}</a></li>",
                link(Facet::Sentiment, key),
                escape_html(t.t(&format!("sentiment.{class}"))),
                t.number(n as u64)
            ));
        }
    }
    out.push_str(&format!(
        "</ul></div><table class=\"visually-hidden\" data-testid=\"chart-table\"><caption>{label}</caption><thead><tr><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr></thead><tbody>",
        escape_html(t.t("chart.day")),
        escape_html(t.t("sentiment.positive")),
        escape_html(t.t("sentiment.neutral")),
        escape_html(t.t("sentiment.negative")),
        escape_html(t.t("chart.unknown")),
    ));
    for d in o.days.iter().filter(|d| d.split.total() > 0) {
        let s = d.split;
        let n = |n: usize| t.number(n as u64);
        out.push_str(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape_html(&t.calendar_day(d.day)),
            n(s.positive),
            n(s.neutral),
            n(s.negative),
            n(s.other)
        ));
    }
    out.push_str("</tbody></table>");
    // The tag list is always there, and its room is kept for `TOP_TAGS` rows however
    // many there are (style/5-reader.css): the chart's height does not depend on the
    // filter, so cards below it never move when its bars are redrawn after them.
    out.push_str(&format!(
        "<div class=\"chart__tags\"><h2 class=\"chart__heading\">{}</h2><ul class=\"chart__tag-list\">",
        escape_html(t.t("chart.tags_heading"))
    ));
    if o.tags.is_empty() {
        out.push_str(&format!(
            "<li class=\"chart__tag chart__tag--none\">{}</li>",
            escape_html(t.t("chart.no_tags"))
        ));
    } else {
        let tag_max = largest(o.tags.iter().map(|t| t.split));
        for tag in &o.tags {
            let total = tag.split.total();
            let shown = t.number(total as u64);
            let name = escape_html(&title_case(&tag.tag));
            out.push_str(&format!(
                "<li class=\"chart__tag\" data-testid=\"chart-tag\" data-total=\"{total}\"><a href=\"{}\" class=\"chart__tag-link\" title=\"{name} ({shown})\">{name} ({shown})</a><svg class=\"chart__tag-bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"{name}: {}\">",
                link(Facet::Tag, &tag.tag),
                escape_html(&summary(t, &tag.split))
            ));
            let (mut before, mut count) = (0u64, 0usize);
            for (class, _, n) in segments(&tag.split) {
                if n == 0 {
                    continue;
                }
                count += n;
                let end = share(count, tag_max, 100);
                out.push_str(&format!(
                    "<rect class=\"chart__seg chart__seg--{class}\" x=\"{}\" y=\"0\" width=\"{}\" height=\"10\"></rect>",
                    hundredths(before),
                    hundredths(end - before)
                ));
                before = end;
            }
            out.push_str("</svg></li>");
        }
    }
    out.push_str("</ul></div></div>");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::stats::{DayBucket, TagBucket};

    fn split(positive: usize, neutral: usize, negative: usize, other: usize) -> Split {
        Split {
            positive,
            neutral,
            negative,
            other,
        }
    }

    fn sample() -> Overview {
        Overview {
            days: vec![
                DayBucket {
                    day: 20_000,
                    split: split(1, 0, 1, 0),
                },
                DayBucket {
                    day: 20_001,
                    split: Split::default(),
                },
                DayBucket {
                    day: 20_002,
                    split: split(0, 1, 0, 1),
                },
            ],
            in_window: split(1, 1, 1, 1),
            all: split(1, 1, 1, 1),
            tags: vec![TagBucket {
                tag: "<script>\"x\"".into(),
                split: split(1, 0, 0, 0),
            }],
        }
    }

    #[test]
    fn one_bar_per_day_with_articles_and_links_under_the_base() {
        let html = chart_markup(
            &crate::i18n::english(),
            &sample(),
            "/news",
            &FeedFilter::default(),
        )
        .unwrap();
        assert_eq!(html.matches("data-testid=\"chart-day\"").count(), 2);
        assert!(html.contains(
            "data-day=\"2024-10-04\" data-total=\"2\" data-href=\"/news/?day=2024-10-04\""
        ));
        assert!(html.contains("data-from=\"2024-10-04\" data-to=\"2024-10-06\""));
        assert!(html.contains("href=\"/news/?sentiment=NEGATIVE\""));
        // Stacked from the bottom: the first segment ends at the plot's foot.
        assert!(
            html.contains("x=\"1\" y=\"50\" width=\"8\" height=\"50\" data-sentiment=\"POSITIVE\"")
        );
        assert!(html.contains("Other 1</li>"));
        assert_eq!(html.matches("<tr><th scope=\"row\">").count(), 2);
    }

    #[test]
    fn lengths_have_at_most_two_decimals_and_segments_meet() {
        assert_eq!(
            [0, 5, 50, 100, 1250, 3333, 10000].map(hundredths),
            ["0", "0.05", "0.5", "1", "12.5", "33.33", "100"]
        );
        // Thirds: each rounded, and the last ends exactly at the top.
        assert_eq!([1, 2, 3].map(|n| share(n, 3, PLOT_H)), [3333, 6667, 10000]);
    }

    #[test]
    fn article_values_are_escaped() {
        let html = chart_markup(
            &crate::i18n::english(),
            &sample(),
            "",
            &FeedFilter::default(),
        )
        .unwrap();
        assert!(!html.contains("<script"));
        assert!(html.contains("&lt;script&gt;&quot;x&quot;"));
        assert!(html.contains("href=\"/?tag=%3Cscript%3E%22x%22\" class=\"chart__tag-link\""));
        assert!(html.contains("aria-label=\"&lt;script&gt;&quot;x&quot;: 1 positive"));
    }

    #[test]
    fn the_tag_list_is_there_without_tags_so_the_chart_keeps_its_height() {
        let mut o = sample();
        let with_tags =
            chart_markup(&crate::i18n::english(), &o, "", &FeedFilter::default()).unwrap();
        o.tags.clear();
        let without =
            chart_markup(&crate::i18n::english(), &o, "", &FeedFilter::default()).unwrap();
        for html in [&with_tags, &without] {
            assert_eq!(html.matches("<ul class=\"chart__tag-list\">").count(), 1);
            assert!(html.ends_with("</ul></div></div>"), "{html}");
        }
        assert!(without.contains("No tags in view") && !with_tags.contains("No tags"));
    }

    #[test]
    fn links_keep_the_active_filter() {
        let filter = FeedFilter::default().with(Facet::Sentiment, "POSITIVE");
        let html = chart_markup(&crate::i18n::english(), &sample(), "", &filter).unwrap();
        let expected = escape_html(&format!(
            "/{}",
            filter.with(Facet::Day, "2024-10-04").to_query()
        ));
        assert!(expected.contains("sentiment=POSITIVE") && expected.contains("&amp;"));
        assert!(html.contains(&format!("data-href=\"{expected}\"")));
    }
}
