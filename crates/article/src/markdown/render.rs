//! Markdown to safe HTML: the event rewrite described in the module docs of `markdown`,
//! headings for a table of contents, and the word count for reading time.

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Parser, Tag, TagEnd,
};

use std::collections::{HashMap, HashSet};

use crate::limits::MAX_RENDER_DEPTH;
use crate::markdown::options::OPTIONS;
use crate::markdown::words::count_words;
use crate::slug::slugify;
use crate::url::{check, SafeUrl, UrlUse};

/// A heading of the rendered body, for a table of contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1..=6.
    pub level: u8,
    /// The generated, safe `id` (`h-…`).
    pub id: String,
    /// Plain text of the heading.
    pub text: String,
}

/// The result of rendering a body.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Rendered {
    /// Safe HTML.
    pub html: String,
    /// Headings in document order.
    pub headings: Vec<Heading>,
    /// Words of text, for reading time.
    pub words: usize,
}

impl Rendered {
    /// Minutes to read at 220 words per minute, at least one.
    pub fn reading_minutes(&self) -> usize {
        self.words.div_ceil(220).max(1)
    }
}

/// Fewest sections (level-2 headings) for which a table of contents is worth showing.
pub const MIN_SECTIONS: usize = 3;

/// The headings a table of contents lists: levels 2 and 3, when the article has at
/// least [`MIN_SECTIONS`] sections; `None` for shorter articles.
///
/// ```
/// use broadsheet_article::markdown::{contents, render};
/// assert!(contents(&render("## a\n## b\n").headings).is_none());
/// assert_eq!(contents(&render("# t\n## a\n### a1\n## b\n## c\n").headings).map(|h| h.len()), Some(4));
/// ```
pub fn contents(headings: &[Heading]) -> Option<Vec<Heading>> {
    let sections: Vec<Heading> = headings
        .iter()
        .filter(|h| h.level == 2 || h.level == 3)
        .cloned()
        .collect();
    (sections.iter().filter(|h| h.level == 2).count() >= MIN_SECTIONS).then_some(sections)
}

/// Escapes text for use inside a double-quoted HTML attribute or element content.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn is_callout_heading(text: &str) -> bool {
    let t = crate::case::to_lower(text.trim());
    t.starts_with("impact on") && t.contains("market")
}

fn level_num(level: HeadingLevel) -> u8 {
    level as u8
}

/// Collects the plain text from `events[start+1..]` up to the matching end of the
/// element opened at `start`; returns the text and the index of that end event.
fn inner_text(events: &[Event<'_>], start: usize) -> (String, usize) {
    let mut depth = 0usize;
    let mut text = String::new();
    for (i, ev) in events.iter().enumerate().skip(start) {
        match ev {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return (text, i);
                }
            }
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    (text, events.len().saturating_sub(1))
}

/// Moves event `i` out (the loop never looks back), leaving a placeholder, so that
/// owned text is not copied a second time.
fn take<'a>(events: &mut [Event<'a>], i: usize) -> Event<'a> {
    std::mem::replace(&mut events[i], Event::SoftBreak)
}

fn is_container(tag: &Tag<'_>) -> bool {
    matches!(tag, Tag::BlockQuote(_) | Tag::List(_) | Tag::Item)
}

fn is_container_end(tag: &TagEnd) -> bool {
    matches!(tag, TagEnd::BlockQuote(_) | TagEnd::List(_) | TagEnd::Item)
}

/// Renders untrusted markdown to safe HTML.
///
/// ```
/// let r = broadsheet_article::markdown::render("## Hi\n\n[x](javascript:alert(1)) <script>bad()</script>");
/// assert_eq!(r.html, "<h2 id=\"h-hi\">Hi</h2>\n<p>x bad()</p>\n");
/// ```
pub fn render(body: &str) -> Rendered {
    let mut events: Vec<Event<'_>> = Parser::new_ext(body, OPTIONS).collect();
    let mut out: Vec<Event<'_>> = Vec::with_capacity(events.len());
    let mut headings: Vec<Heading> = Vec::new();
    let mut words = 0usize;
    let mut containers: Vec<bool> = Vec::new();
    // How many entries of `containers` are `true`, kept as a counter: counting them per
    // container made a body of deeply nested quotes or lists quadratic.
    let mut kept_depth = 0usize;
    // Heading ids already given, and per base the next suffix to try: re-scanning every
    // heading for every candidate made repeated headings cubic in their number.
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut next_dup: HashMap<String, usize> = HashMap::new();
    let mut links: Vec<bool> = Vec::new();
    let mut callout_level: Option<u8> = None;
    let mut i = 0;
    while i < events.len() {
        match &events[i] {
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Start(Tag::Heading { level, .. }) => {
                let (text, _) = inner_text(&events, i);
                let n = level_num(*level);
                if let Some(open) = callout_level {
                    if n <= open {
                        out.push(Event::Html("</section>\n".into()));
                        callout_level = None;
                    }
                }
                if callout_level.is_none() && is_callout_heading(&text) {
                    out.push(Event::Html(
                        "<section class=\"article-callout\" data-testid=\"impact-callout\">\n"
                            .into(),
                    ));
                    callout_level = Some(n);
                }
                let base = match slugify(&text) {
                    s if s.is_empty() => format!("h-section-{}", headings.len() + 1),
                    s => format!("h-{}", s.chars().take(64).collect::<String>()),
                };
                let mut id = base.clone();
                if used_ids.contains(&id) {
                    // Suffixes below the stored one were all taken, and ids are never
                    // released, so resuming there gives the first free `base-n`.
                    let n_dup = next_dup.entry(base.clone()).or_insert(2);
                    loop {
                        id = format!("{base}-{n_dup}");
                        *n_dup += 1;
                        if !used_ids.contains(&id) {
                            break;
                        }
                    }
                }
                used_ids.insert(id.clone());
                headings.push(Heading {
                    level: n,
                    id: id.clone(),
                    text: text.trim().to_string(),
                });
                out.push(Event::Start(Tag::Heading {
                    level: *level,
                    id: Some(CowStr::from(id)),
                    classes: Vec::new(),
                    attrs: Vec::new(),
                }));
            }
            // Column alignment would be written as `style="text-align: …"`, which the
            // site's CSP (no inline styles) blocks and reports; plain cells instead.
            Event::Start(Tag::Table(aligns)) => {
                out.push(Event::Start(Tag::Table(vec![
                    Alignment::None;
                    aligns.len()
                ])));
            }
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(_))) => {
                out.push(Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)));
            }
            Event::Start(tag) if is_container(tag) => {
                let keep = kept_depth < MAX_RENDER_DEPTH;
                containers.push(keep);
                if keep {
                    kept_depth += 1;
                    out.push(take(&mut events, i));
                }
            }
            Event::End(tag) if is_container_end(tag) => {
                if containers.pop().unwrap_or(false) {
                    kept_depth -= 1;
                    out.push(take(&mut events, i));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let dest = if *link_type == LinkType::Email {
                    format!("mailto:{dest_url}")
                } else {
                    dest_url.to_string()
                };
                match check(&dest, UrlUse::Link) {
                    Some(url) => {
                        let mut tag = format!("<a href=\"{}\"", escape_html(url.as_str()));
                        if !title.is_empty() {
                            tag.push_str(&format!(" title=\"{}\"", escape_html(title)));
                        }
                        if matches!(url, SafeUrl::External(_)) {
                            tag.push_str(" rel=\"noopener noreferrer nofollow\"");
                        }
                        tag.push('>');
                        out.push(Event::Html(tag.into()));
                        links.push(true);
                    }
                    None => links.push(false),
                }
            }
            Event::End(TagEnd::Link) => {
                if links.pop().unwrap_or(false) {
                    out.push(Event::Html("</a>".into()));
                }
            }
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let (alt, end) = inner_text(&events, i);
                words += count_words(&alt);
                match check(dest_url, UrlUse::Image) {
                    Some(url) => {
                        let mut tag = format!(
                            "<img src=\"{}\" alt=\"{}\" loading=\"lazy\" decoding=\"async\"",
                            escape_html(url.as_str()),
                            escape_html(&alt)
                        );
                        if !title.is_empty() {
                            tag.push_str(&format!(" title=\"{}\"", escape_html(title)));
                        }
                        tag.push('>');
                        out.push(Event::Html(tag.into()));
                    }
                    None => out.push(Event::Text(alt.into())),
                }
                i = end;
            }
            Event::Text(t) => {
                words += count_words(t);
                out.push(take(&mut events, i));
            }
            Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
            Event::InlineMath(t) | Event::DisplayMath(t) => out.push(Event::Code(t.clone())),
            _ => out.push(take(&mut events, i)),
        }
        i += 1;
    }
    if callout_level.is_some() {
        out.push(Event::Html("</section>\n".into()));
    }
    let mut html = String::with_capacity(body.len() + body.len() / 4);
    pulldown_cmark::html::push_html(&mut html, out.into_iter());
    Rendered {
        html,
        headings,
        words,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (intent, markdown, exact expected HTML)
    #[test]
    fn rendering_snapshots() {
        let cases: &[(&str, &str, &str)] = &[
            ("paragraph", "Hello *world*", "<p>Hello <em>world</em></p>\n"),
            (
                "external link gets rel",
                "[a](https://x.example)",
                "<p><a href=\"https://x.example\" rel=\"noopener noreferrer nofollow\">a</a></p>\n",
            ),
            ("relative link has no rel", "[a](other/page)", "<p><a href=\"other/page\">a</a></p>\n"),
            ("javascript link keeps text only", "[a](javascript:alert(1))", "<p>a</p>\n"),
            ("script block dropped", "<script>alert(1)</script>\n\ntext", "<p>text</p>\n"),
            ("inline html dropped", "a <img src=x onerror=alert(1)> b", "<p>a  b</p>\n"),
            ("http image becomes alt", "![alt text](http://x.example/i.png)", "<p>alt text</p>\n"),
            (
                "https image kept",
                "![a & b](https://x.example/i.png)",
                "<p><img src=\"https://x.example/i.png\" alt=\"a &amp; b\" loading=\"lazy\" decoding=\"async\"></p>\n",
            ),
            ("heading attributes are text", "# T {#app onclick=x}", "<h1 id=\"h-t-app-onclick-x\">T {#app onclick=x}</h1>\n"),
            ("fence info not a class", "```js\" onload=x\ncode\n```", "<pre><code>code\n</code></pre>\n"),
            ("footnote syntax is a plain reference link", "a[^app]\n\n[^app]: b", "<p>a<a href=\"b\">^app</a></p>\n"),
            ("email autolink", "<desk@example.org>", "<p><a href=\"mailto:desk@example.org\" rel=\"noopener noreferrer nofollow\">desk@example.org</a></p>\n"),
            ("javascript autolink dropped", "<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n"),
        ];
        for (intent, md, want) in cases {
            assert_eq!(render(md).html, *want, "{intent}");
        }
    }

    #[test]
    fn heading_ids_are_prefixed_and_unique() {
        let r = render("## Overview\n\n## Overview\n\n## مرحبا\n");
        let ids: Vec<&str> = r.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["h-overview", "h-overview-2", "h-section-3"]);
    }

    #[test]
    fn impact_section_becomes_a_callout() {
        let r = render("## Details\n\ntext\n\n## Impact on the crypto market\n\n- a\n- b\n");
        assert!(r.html.contains("<section class=\"article-callout\" data-testid=\"impact-callout\">\n<h2 id=\"h-impact-on-the-crypto-market\">"));
        assert!(r.html.trim_end().ends_with("</section>"));
        let plain = render("## Details\n\ntext\n");
        assert!(!plain.html.contains("<section"));
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let md = ">".repeat(5_000) + " deep";
        let html = render(&md).html;
        assert_eq!(html.matches("<blockquote>").count(), MAX_RENDER_DEPTH);
        assert_eq!(html.matches("</blockquote>").count(), MAX_RENDER_DEPTH);
    }

    #[test]
    fn reading_time_counts_words() {
        let r = render(&"word ".repeat(441));
        assert_eq!(r.reading_minutes(), 3);
    }
}
