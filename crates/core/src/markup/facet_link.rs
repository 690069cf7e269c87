//! The links that narrow the feed: tag, category and source chips and sentiment badges,
//! and the markup of a card's static parts built from them.
//!
//! The app draws chips as components on the article page; on feed cards, built by the
//! dozen on every filter click, their markup is written as one string instead (one
//! `innerHTML` rather than several DOM calls per chip). Both read the same
//! [`FacetLink`], so a chip is the same wherever it appears.

use crate::feed::{Facet, FeedFilter};
use crate::i18n::Locale;
use crate::markdown::escape_html;
use crate::search::highlight;
use broadsheet_article::{title_case, Sentiment};

/// One link that narrows the feed by a facet value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FacetLink {
    /// Where it goes: `base` + `/` + the narrowed filter's query.
    pub href: String,
    /// CSS classes.
    pub class: String,
    /// Tooltip saying what following it does.
    pub title: String,
    /// `data-testid`.
    pub testid: String,
    /// The visible text.
    pub label: String,
}

impl FacetLink {
    /// The chip for `facet=value`, added to the `current` filters.
    ///
    /// ```
    /// use broadsheet_core::markup::facet_link::FacetLink;
    /// use broadsheet_core::feed::Facet;
    /// use broadsheet_core::{i18n::Locale, FeedFilter};
    /// let chip = FacetLink::chip(&Locale::default(), Facet::Tag, "DEFI", &FeedFilter::default(), "/news");
    /// assert_eq!(chip.href, "/news/?tag=DEFI");
    /// assert_eq!(chip.label, "Defi");
    /// ```
    pub fn chip(t: &Locale, facet: Facet, value: &str, current: &FeedFilter, base: &str) -> Self {
        let label = match facet {
            Facet::Tag | Facet::Category => title_case(value),
            _ => value.to_string(),
        };
        FacetLink {
            href: format!("{base}/{}", current.with(facet, value).to_query()),
            class: format!("chip chip--{}", facet.key()),
            title: t.fmt(
                "facet.show_only",
                &[
                    ("facet", t.t(&format!("facet_lower.{}", facet.key()))),
                    ("value", &label),
                ],
            ),
            testid: format!("chip-{}", facet.key()),
            label,
        }
    }

    /// The badge for a sentiment, linking to the feed narrowed to it; its icon is
    /// [`Sentiment::icon`].
    pub fn sentiment(t: &Locale, sentiment: &Sentiment, current: &FeedFilter, base: &str) -> Self {
        let label = sentiment_label(t, sentiment);
        FacetLink {
            href: format!(
                "{base}/{}",
                current.with(Facet::Sentiment, &sentiment.key()).to_query()
            ),
            class: format!("sentiment-badge sentiment-badge--{}", sentiment.as_str()),
            title: t.fmt(
                "facet.show_sentiment",
                &[("value", &sentiment_lower(t, sentiment))],
            ),
            testid: "sentiment-badge".to_string(),
            label,
        }
    }

    /// The link as HTML with its label as the text (the usual chip).
    pub fn text_markup(&self) -> String {
        self.markup(&escape_html(&self.label))
    }

    /// The link as HTML, with `inner` (already safe markup) as its content.
    pub fn markup(&self, inner: &str) -> String {
        format!(
            "<a href=\"{}\" class=\"{}\" title=\"{}\" data-testid=\"{}\">{inner}</a>",
            escape_html(&self.href),
            escape_html(&self.class),
            escape_html(&self.title),
            self.testid
        )
    }
}

/// A sentiment's name in the UI language (an unknown value as written, title-cased).
pub fn sentiment_label(t: &Locale, sentiment: &Sentiment) -> String {
    match sentiment {
        Sentiment::Other(_) => sentiment.label(),
        known => t.t(&format!("sentiment.{}", known.as_str())).to_string(),
    }
}

/// A sentiment's name inside a sentence ("Show only positive articles").
pub fn sentiment_lower(t: &Locale, sentiment: &Sentiment) -> String {
    match sentiment {
        Sentiment::Other(_) => broadsheet_article::case::to_lower(&sentiment.label()),
        known => t
            .t(&format!("sentiment.{}_lower", known.as_str()))
            .to_string(),
    }
}

/// `text` escaped, with the words matching `terms` (folded search terms) in `<mark>`.
pub fn highlighted_markup(text: &str, terms: &[String]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    for (segment, marked) in highlight(text, terms) {
        if marked {
            out.push_str("<mark class=\"search-hit\">");
            out.push_str(&escape_html(segment));
            out.push_str("</mark>");
        } else {
            out.push_str(&escape_html(segment));
        }
    }
    out
}

/// A feed card's footer: the sentiment badge and the list of tag chips.
///
/// ```
/// use broadsheet_core::markup::facet_link::card_footer_markup;
/// use broadsheet_core::{i18n::Locale, FeedFilter, Sentiment};
/// let html = card_footer_markup(&Locale::default(), &Sentiment::Positive, &["AI".into()], &FeedFilter::default(), "");
/// assert!(html.contains("href=\"/?sentiment=POSITIVE\""));
/// assert!(html.contains("<li><a href=\"/?tag=AI\""));
/// ```
pub fn card_footer_markup(
    t: &Locale,
    sentiment: &Sentiment,
    tags: &[String],
    current: &FeedFilter,
    base: &str,
) -> String {
    let badge = FacetLink::sentiment(t, sentiment, current, base);
    let mut out = badge.markup(&format!(
        "<span class=\"sentiment-badge__icon\" aria-hidden=\"true\">{}</span><span class=\"sentiment-badge__label\">{}</span>",
        sentiment.icon(),
        escape_html(&badge.label)
    ));
    out.push_str(&format!(
        "<ul class=\"card__tags\" aria-label=\"{}\">",
        escape_html(t.t("card.tags"))
    ));
    for tag in tags {
        let chip = FacetLink::chip(t, Facet::Tag, tag, current, base);
        out.push_str("<li>");
        out.push_str(&chip.text_markup());
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_values_are_escaped_everywhere() {
        let tags = vec![
            "<img src=x onerror=alert(1)>".to_string(),
            "a\"b".to_string(),
        ];
        let html = card_footer_markup(
            &crate::i18n::english(),
            &Sentiment::parse("<script>"),
            &tags,
            &FeedFilter::default(),
            "",
        );
        assert!(
            !html.contains("<img") && !html.contains("<script"),
            "{html}"
        );
        assert!(html.contains("sentiment-badge--unknown"));
        assert_eq!(html.matches("<li>").count(), 2);
        assert!(!html.contains("a\"b"));
    }

    #[test]
    fn chips_keep_the_current_filter() {
        let current = FeedFilter::default().with(Facet::Sentiment, "NEGATIVE");
        let chip = FacetLink::chip(&crate::i18n::english(), Facet::Tag, "AI", &current, "");
        assert!(chip.href.contains("sentiment=NEGATIVE") && chip.href.contains("tag=AI"));
        assert_eq!(chip.class, "chip chip--tag");
        assert_eq!(chip.title, "Show only articles with tag Ai");
    }

    #[test]
    fn highlight_marks_whole_words_and_escapes() {
        let html = highlighted_markup("Bitcoin & <b>bitcoin</b>", &["bitcoin".to_string()]);
        assert_eq!(
            html,
            "<mark class=\"search-hit\">Bitcoin</mark> &amp; &lt;b&gt;<mark class=\"search-hit\">bitcoin</mark>&lt;/b&gt;"
        );
        assert_eq!(highlighted_markup("a < b", &[]), "a &lt; b");
    }
}
