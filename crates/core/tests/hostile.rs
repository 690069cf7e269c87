//! The hostile corpus: one row per file of `tests/fixtures/hostile/`, each saying what the
//! file guards and exactly what must happen to it.
//!
//! A file is either rejected with an exact line and reason (what `cargo xtask` prints as
//! `file:line: reason`), or accepted and rendered, with the dangerous part gone and the
//! harmless text still there. Every accepted file's HTML also goes through the universal
//! oracle of `common/mod.rs`, and every text field of its article must stay text.
//!
//! No assertion here measures time: the pathological files only have to complete.

mod common;
mod hostile_table;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use broadsheet_core::bundle::{build, read_file};
use broadsheet_core::limits::{MAX_FILE_BYTES, MAX_RENDER_DEPTH};
use broadsheet_core::markdown::render;
use broadsheet_core::{Article, ArticleError, Report};

use common::{assert_safe_html, check_article, check_html, check_text_field};
use hostile_table::Outcome::{Rejected, Rendered};
use hostile_table::{CASES, FIELDS};

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(fixture_dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Reads and renders an accepted fixture.
fn accept(name: &str) -> Result<(Article, String), String> {
    let (article, text) = read_file(name, &fixture(name)).map_err(|e| format!("{e}"))?;
    let (_, body) = Article::from_file(&text, "unused").map_err(|e| format!("{e}"))?;
    Ok((article, render(body).html))
}

fn field(a: &Article, name: &str) -> String {
    match name {
        "title" => format!("{:?}", a.title),
        "description" => format!("{:?}", a.description),
        "category" => format!("{:?}", a.category),
        "source.name" => format!("{:?}", a.source.name),
        "source.key" => format!("{:?}", a.source.key),
        "tags" => format!("{:?}", a.tags),
        "cover" => format!("{:?}", a.cover.as_ref().map(|c| &c.variants)),
        "lang" => format!("{:?}", a.lang),
        "dir" => format!("{:?}", a.dir),
        "sentiment.class" => format!("{:?}", a.sentiment.as_str()),
        "sentiment.key" => format!("{:?}", a.sentiment.key()),
        "id" => format!("{:?}", a.id),
        "slug" => format!("{:?}", a.slug),
        "published_at" => format!("{}", a.published_at),
        other => panic!("unknown field {other}"),
    }
}

#[test]
fn every_fixture_is_listed_and_every_row_has_a_fixture() {
    let on_disk: BTreeSet<String> = std::fs::read_dir(fixture_dir())
        .expect("fixture folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    let mut listed = BTreeSet::new();
    for (name, intent, _) in CASES {
        assert!(listed.insert(name.to_string()), "{name} is listed twice");
        assert!(!intent.trim().is_empty(), "{name} has no intent");
    }
    let unlisted: Vec<_> = on_disk.difference(&listed).collect();
    let missing: Vec<_> = listed.difference(&on_disk).collect();
    assert!(
        unlisted.is_empty(),
        "fixtures without a row (silently untested): {unlisted:?}"
    );
    assert!(missing.is_empty(), "rows without a fixture: {missing:?}");
    assert!(CASES.len() >= 64, "the corpus needs at least 64 files");
    for (name, _, _) in FIELDS {
        assert!(listed.contains(*name), "FIELDS names unlisted {name}");
    }
}

#[test]
fn every_fixture_states_the_intent_of_its_row() {
    for (name, intent, _) in CASES {
        let text = String::from_utf8_lossy(&fixture(name)).into_owned();
        assert!(
            text.contains(&format!("intent: {intent}")),
            "{name}: the file does not state the row's intent {intent:?}"
        );
    }
}

#[test]
fn every_fixture_has_its_expected_outcome() {
    let mut failures = Vec::new();
    for (name, intent, outcome) in CASES {
        let mut fail = |why: String| failures.push(format!("{name} ({intent}): {why}"));
        match (outcome, read_file(name, &fixture(name))) {
            (
                Rejected {
                    line,
                    reason_contains,
                },
                Err(err),
            ) => {
                let report = Report::from_error(name, &err);
                if err.line() != *line {
                    fail(format!("line {:?}, want {line:?}: {err}", err.line()));
                }
                if report.line != line.unwrap_or(0) {
                    fail(format!("report line {}, want {line:?}", report.line));
                }
                if !report.reason.contains(reason_contains) {
                    fail(format!(
                        "reason {:?} lacks {reason_contains:?}",
                        report.reason
                    ));
                }
                let shown = report.to_string();
                let prefix = match line {
                    Some(l) => format!("{name}:{l}: "),
                    None => format!("{name}: "),
                };
                if !shown.starts_with(&prefix) {
                    fail(format!("report {shown:?} does not start with {prefix:?}"));
                }
            }
            (Rejected { .. }, Ok(_)) => fail("accepted, want rejected".into()),
            (Rendered { .. }, Err(err)) => fail(format!("rejected, want rendered: {err}")),
            (
                Rendered {
                    must_not_contain,
                    must_contain,
                },
                Ok(_),
            ) => {
                let (article, html) = match accept(name) {
                    Ok(x) => x,
                    Err(e) => {
                        fail(e);
                        continue;
                    }
                };
                if let Err(why) = check_html(&html) {
                    fail(format!("universal oracle: {why}"));
                }
                for bad in *must_not_contain {
                    if html.contains(bad) {
                        fail(format!("HTML contains {bad:?}"));
                    }
                }
                for good in *must_contain {
                    if !html.contains(good) {
                        let shown: String = html.chars().take(600).collect();
                        fail(format!("HTML lacks {good:?}; got {shown:?}"));
                    }
                }
                if let Err(why) = check_article(&article) {
                    fail(format!("article fields: {why}"));
                }
                // Front-matter text with markup never reaches the body HTML unescaped.
                for (field, value) in common::text_fields(&article) {
                    if common::appears_unescaped(value, &html) {
                        fail(format!("{field} {value:?} appears unescaped in the body"));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn front_matter_payloads_stay_verbatim_text() {
    for (name, name_of_field, want) in FIELDS {
        let (article, _) = accept(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            field(&article, name_of_field),
            *want,
            "{name}: {name_of_field}"
        );
    }
    // Each payload stays text however it is shown: escaped, or even rendered as markdown.
    for (name, _, _) in FIELDS {
        let (article, _) = accept(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        for (f, value) in common::text_fields(&article) {
            check_text_field(value).unwrap_or_else(|e| panic!("{name}: {f}: {e}"));
        }
    }
}

/// `bundle::build` over the whole corpus reports exactly the rejected rows, with the same
/// `file:line: reason`, and keeps every rendered row.
#[test]
fn the_bundler_reports_exactly_the_rejected_rows() {
    let files: Vec<(String, Vec<u8>)> = CASES
        .iter()
        .map(|(name, _, _)| (name.to_string(), fixture(name)))
        .collect();
    let bundle = build(files);
    let mut want_rejected: Vec<(String, usize, &str)> = CASES
        .iter()
        .filter_map(|(name, _, outcome)| match outcome {
            Rejected {
                line,
                reason_contains,
            } => Some((name.to_string(), line.unwrap_or(0), *reason_contains)),
            Rendered { .. } => None,
        })
        .collect();
    want_rejected.sort();
    let got: Vec<&Report> = bundle.meta.rejected.iter().collect();
    assert_eq!(
        got.len(),
        want_rejected.len(),
        "{:#?}",
        got.iter().map(|r| r.to_string()).collect::<Vec<_>>()
    );
    for (report, (file, line, reason)) in got.iter().zip(&want_rejected) {
        assert_eq!(&report.file, file);
        assert_eq!(report.line, *line, "{report}");
        assert!(report.reason.contains(reason), "{report}");
    }
    let rendered = CASES
        .iter()
        .filter(|(_, _, o)| matches!(o, Rendered { .. }))
        .count();
    assert_eq!(bundle.articles.len(), rendered);
    assert_eq!(bundle.drafts, 0);
    for (article, body) in &bundle.articles {
        assert_safe_html(&render(body.body().expect("read whole")).html, &article.id);
    }
}

#[test]
fn nesting_is_flattened_to_the_render_depth() {
    for (name, open, close) in [
        (
            "patho-nested-quotes-5000.md",
            "<blockquote>",
            "</blockquote>",
        ),
        ("patho-nested-lists-5000.md", "<ul>", "</ul>"),
        ("patho-nested-ordered-5000.md", "<ol", "</ol>"),
    ] {
        let (_, html) = accept(name).unwrap_or_else(|e| panic!("{name}: {e}"));
        let opened = html.matches(open).count();
        assert!(
            (1..=MAX_RENDER_DEPTH).contains(&opened),
            "{name}: {opened} {open}"
        );
        assert_eq!(opened, html.matches(close).count(), "{name}: balanced");
    }
}

/// Generated at test time rather than committed: a body that takes the file over the limit.
#[test]
fn a_file_over_the_size_limit_is_rejected() {
    let head = format!(
        "---\n# intent: a file over 256 KiB is rejected by size\n{}---\n",
        common::VALID_FRONT_MATTER
    );
    let fill = |total: usize| {
        let mut text = head.clone().into_bytes();
        let body = b"word ".iter().copied().cycle();
        text.extend(body.take(total - head.len()));
        text
    };
    let at_limit = fill(MAX_FILE_BYTES);
    let (_, text) =
        read_file("at-limit.md", &at_limit).expect("a file of exactly 256 KiB is accepted");
    let (_, body) = Article::from_file(&text, "at-limit").expect("parses");
    assert_safe_html(&render(body).html, "at-limit.md");

    let over = fill(MAX_FILE_BYTES + 1);
    let err = read_file("huge-body.md", &over).expect_err("over 256 KiB is refused");
    assert_eq!(
        err,
        ArticleError::TooLarge {
            what: "file",
            size: MAX_FILE_BYTES + 1,
            limit: MAX_FILE_BYTES
        }
    );
    assert_eq!(
        Report::from_error("huge-body.md", &err).to_string(),
        "huge-body.md: file is 262145 bytes, over the limit of 262144 bytes"
    );
    let bundle = build([("huge-body.md".to_string(), over)]);
    assert_eq!(bundle.meta.rejected.len(), 1);
    assert!(bundle.articles.is_empty());
}

/// The oracle itself must have teeth: each of these would be a hole if the renderer ever
/// emitted it, and each must be caught.
#[test]
fn the_oracle_catches_unsafe_html() {
    #[rustfmt::skip]
    let bad: &[(&str, &str)] = &[
        ("script element", "<p>a</p><script>alert(1)</script>"),
        ("upper-case script", "<SCRIPT>alert(1)</SCRIPT>"),
        ("unknown element", "<p><marquee>x</marquee></p>"),
        ("event handler", "<p onclick=\"alert(1)\">x</p>"),
        ("event handler on an allowed tag", "<a href=\"/x\" onmouseover=\"alert(1)\">x</a>"),
        ("unquoted attribute", "<a href=/x>x</a>"),
        ("single-quoted attribute", "<a href='/x'>x</a>"),
        ("javascript href", "<a href=\"javascript:alert(1)\">x</a>"),
        ("entity-hidden javascript href", "<a href=\"&#106;avascript:alert(1)\">x</a>"),
        ("protocol-relative href", "<a href=\"//evil.example\" rel=\"noopener noreferrer nofollow\">x</a>"),
        ("http image", "<img src=\"http://i.example/a.png\" alt=\"\">"),
        ("data image", "<img src=\"data:image/png;base64,AA\" alt=\"\">"),
        ("external link without rel", "<a href=\"https://x.example\">x</a>"),
        ("content-chosen id", "<h1 id=\"app\">x</h1>"),
        ("class from content", "<pre><code class=\"language-js\">x</code></pre>"),
        ("style beyond alignment", "<td style=\"background:url(x)\">x</td>"),
        ("raw < in text", "<p>a <b</p>"),
        ("comment", "<p>a</p><!-- x -->"),
        ("form", "<form action=\"/x\"></form>"),
        ("svg", "<svg></svg>"),
        ("unterminated tag", "<p>x</p><img src=\"/a.png\""),
    ];
    for (why, html) in bad {
        assert!(
            check_html(html).is_err(),
            "the oracle missed: {why}: {html}"
        );
    }
    let good = "<h2 id=\"h-x-2\">x</h2>\n<p><a href=\"https://x.example/?a=1&amp;b=2\" title=\"&quot;q&quot; onclick=x\" rel=\"noopener noreferrer nofollow\">x</a> <img src=\"covers/a.jpg\" alt=\"a &amp; b\" loading=\"lazy\" decoding=\"async\"><br /></p>\n<table><thead><tr><th>a</th></tr></thead></table><ol start=\"3\">\n<li>x</li>\n</ol>\n<hr />\n";
    check_html(good).unwrap_or_else(|e| panic!("the oracle refused safe HTML: {e}"));
}

/// The linear-time heading-id dedup (see `patho-duplicate-headings-5000.md`) must give
/// the same ids as the first-free-suffix rule, also when a real heading already took a
/// generated suffix.
#[test]
fn heading_ids_stay_unique_when_generated_suffixes_collide() {
    let ids = |md: &str| -> Vec<String> { render(md).headings.into_iter().map(|h| h.id).collect() };
    assert_eq!(
        ids("# a\n# a 2\n# a\n# a\n"),
        ["h-a", "h-a-2", "h-a-3", "h-a-4"]
    );
    assert_eq!(
        ids("# a\n# a\n# a 2\n# a 2\n"),
        ["h-a", "h-a-2", "h-a-2-2", "h-a-2-3"]
    );
    assert_eq!(
        ids("# a 3\n# a\n# a\n# a\n"),
        ["h-a-3", "h-a", "h-a-2", "h-a-4"]
    );
    assert_eq!(
        ids("#\n# section 2\n#\n"),
        ["h-section-1", "h-section-2", "h-section-3"]
    );
}
