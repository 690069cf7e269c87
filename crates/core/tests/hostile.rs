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

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use broadsheet_core::bundle::{build, read_file};
use broadsheet_core::limits::{MAX_FILE_BYTES, MAX_RENDER_DEPTH};
use broadsheet_core::markdown::render;
use broadsheet_core::{Article, ArticleError, Report};

use common::{assert_safe_html, check_article, check_html, check_text_field};

/// What must happen to a fixture.
enum Outcome {
    /// `bundle::read_file` refuses it; the error's line is exactly `line` and its message
    /// (the report's reason) contains `reason_contains`.
    Rejected {
        line: Option<usize>,
        reason_contains: &'static str,
    },
    /// Accepted; the rendered body contains none of `must_not_contain` and all of
    /// `must_contain`, and passes the universal oracle.
    Rendered {
        must_not_contain: &'static [&'static str],
        must_contain: &'static [&'static str],
    },
}

use Outcome::{Rejected, Rendered};

/// (file name, intent, expected outcome). The intent is also written in the file itself
/// as `intent: …` (a YAML comment on line 2 where the file has front-matter).
#[rustfmt::skip]
const CASES: &[(&str, &str, Outcome)] = &[
    // ---------------- raw HTML in markdown ----------------
    ("html-script-block.md", "a <script> block is dropped whole, the following paragraph survives",
        Rendered { must_not_contain: &["<script", "alert"], must_contain: &["<p>Safe text stays.</p>"] }),
    ("html-script-inline.md", "inline <script> tags are dropped, their text stays inert",
        Rendered { must_not_contain: &["<script", "</script"], must_contain: &["<p>before alert(1) after</p>"] }),
    ("html-img-onerror.md", "an <img onerror> is dropped, no event handler reaches the DOM",
        Rendered { must_not_contain: &["<img", "onerror"], must_contain: &["<p>Look:  done.</p>", "<p>End of story.</p>"] }),
    ("html-svg-onload.md", "<svg onload> and svg-wrapped script are dropped",
        Rendered { must_not_contain: &["<svg", "onload", "<circle", "<script"], must_contain: &["<p>inline alert(2) text</p>", "<p>Plain words.</p>"] }),
    ("html-iframe.md", "<iframe> with javascript: src and srcdoc is dropped",
        Rendered { must_not_contain: &["<iframe", "srcdoc", "javascript:"], must_contain: &["<p>frame  gone</p>"] }),
    ("html-base-href.md", "<base href> cannot retarget relative links",
        Rendered { must_not_contain: &["<base", "evil.example"], must_contain: &["<p><a href=\"/\">home</a></p>"] }),
    ("html-meta-refresh.md", "<meta http-equiv=refresh> cannot redirect the reader",
        Rendered { must_not_contain: &["<meta", "refresh", "javascript:"], must_contain: &["<p>Still here.</p>"] }),
    ("html-form-input.md", "<form>, <input> and <button formaction> never reach the page",
        Rendered { must_not_contain: &["<form", "<input", "<button", "formaction", "onfocus", "evil.example"], must_contain: &["<p>Please log in  here.</p>"] }),
    ("html-object-embed.md", "<object> and <embed> plugins are dropped",
        Rendered { must_not_contain: &["<object", "<embed", "data:", "javascript:"], must_contain: &["<p>see  this</p>"] }),
    ("html-style.md", "<style> blocks and style attributes are dropped",
        Rendered { must_not_contain: &["<style", "style=", "background", "<span", "position:fixed"], must_contain: &["<p>after red word</p>"] }),
    ("html-comment-payload.md", "HTML comments (plain and conditional) cannot hide active payloads",
        Rendered { must_not_contain: &["<!--", "<script", "<img", "onerror", "[if IE]", "alert(3)"], must_contain: &["<p>a  b</p>", "<p>c alert(4)"] }),
    ("html-mixed-case.md", "mixed-case tag and attribute names are dropped like lower-case ones",
        Rendered { must_not_contain: &["<IMG", "OnErRoR", "IfRaMe", "ScRiPt", "alert"], must_contain: &["<p>x  y</p>", "<p>Plain end.</p>"] }),
    ("html-split-tags.md", "tags split across lines are still dropped",
        Rendered { must_not_contain: &["<img", "onerror", "<a", "onclick", "<script", "alert"], must_contain: &["<p>before  after</p>", "<p>link click end</p>", "<p>Tail.</p>"] }),
    ("html-entity-encoded-tags.md", "entity-encoded tags stay escaped text and are never decoded into markup",
        Rendered { must_not_contain: &["<script", "<img"], must_contain: &["<p>&lt;script&gt;alert(1)&lt;/script&gt; and &lt;img src=x onerror=alert(2)&gt;</p>"] }),
    ("html-in-code.md", "markup inside code spans and code blocks is escaped, not executed",
        Rendered { must_not_contain: &["<script", "<img", "<iframe", "class="], must_contain: &["<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>", "<pre><code>&lt;img src=x onerror=alert(2)&gt;\n</code></pre>", "<pre><code>&lt;iframe src=javascript:alert(3)&gt;\n</code></pre>"] }),
    ("html-mxss-noscript.md", "mutation-XSS shapes (noscript/title attribute, details ontoggle) are dropped",
        Rendered { must_not_contain: &["<noscript", "<img", "<details", "ontoggle", "<math", "<style", "onerror"], must_contain: &["<p>Tail text.</p>"] }),
    ("html-unclosed-tag.md", "an unterminated tag stays escaped text",
        Rendered { must_not_contain: &["<img", "<script"], must_contain: &["<p>broken &lt;img src=x onerror=alert(1)</p>", "<p>next &lt;script src=//evil.example/x.js</p>"] }),
    ("html-anchor-tags.md", "raw <a href=javascript:> tags are dropped, their text kept",
        Rendered { must_not_contain: &["<a", "href", "onclick"], must_contain: &["<p>click me</p>", "<p>inline here too</p>"] }),
    ("html-dom-clobber-tags.md", "raw elements with id/name (DOM clobbering) never reach the page",
        Rendered { must_not_contain: &["name=", "id=", "<img", "<form", "<input"], must_contain: &["<p>clobber</p>", "<p>after</p>"] }),

    // ---------------- URL schemes in links and images ----------------
    ("url-javascript-cases.md", "javascript: links in any letter case are unlinked, text kept",
        Rendered { must_not_contain: &["<a", "href", "javascript", "JAVASCRIPT", "JaVaScRiPt"], must_contain: &["<p>one two three four five</p>"] }),
    ("url-entity-javascript.md", "entity-encoded javascript: (&#106;, &colon;, &#x3A;) never becomes a live link",
        Rendered { must_not_contain: &["<a", "href", "javascript", "colon"], must_contain: &["<p>a b c d e</p>"] }),
    ("url-percent-encoded.md", "percent-encoded javascript: schemes are unlinked",
        // Double encoding (`%253A`) is a plain relative path to the browser: harmless.
        Rendered { must_not_contain: &["href=\"javascript:", "%3A", "%6A", "%0A", "%20"], must_contain: &["<p>a b c d <a href=\"javascript%253Aalert(5)\">e</a></p>"] }),
    ("url-tab-newline.md", "tab, newline and carriage return inside the scheme do not smuggle javascript:",
        Rendered { must_not_contain: &["<a", "href", "script:"], must_contain: &["<p>a b c d e</p>"] }),
    ("url-leading-control.md", "leading spaces and control characters before javascript: are stripped before checking",
        Rendered { must_not_contain: &["<a", "href", "javascript"], must_contain: &["<p>a b c d e f</p>"] }),
    ("url-data.md", "data: links and images are dropped",
        Rendered { must_not_contain: &["<a", "<img", "data:", "DATA:"], must_contain: &["<p>a pic b</p>"] }),
    ("url-vbscript.md", "vbscript: links are dropped",
        Rendered { must_not_contain: &["<a", "<img", "vbscript", "VBScript"], must_contain: &["<p>a b i</p>"] }),
    ("url-file-ftp.md", "file: and other non-web schemes are dropped",
        Rendered { must_not_contain: &["<a", "<img", "file:", "FILE:", "ftp:", "chrome:"], must_contain: &["<p>a b c d i</p>"] }),
    ("url-reference-defs.md", "reference-style definitions go through the same URL policy",
        Rendered { must_not_contain: &["javascript", "vbscript", "data:", "<img"], must_contain: &["<p>first and second and third and <a href=\"https://example.org/fine\" rel=\"noopener noreferrer nofollow\">fourth</a></p>"] }),
    ("url-autolinks.md", "autolinks with dangerous schemes are unlinked; https and email autolinks stay",
        Rendered { must_not_contain: &["href=\"javascript:", "href=\"JAVASCRIPT:", "href=\"vbscript:", "href=\"data:", "href=\"file:"], must_contain: &["<p>javascript:alert(1) JAVASCRIPT:alert(2) vbscript:msgbox(3) data:text/html,x file:///etc/passwd <a", "<a href=\"https://example.org/ok\" rel=\"noopener noreferrer nofollow\">https://example.org/ok</a>", "<a href=\"mailto:desk@example.org\" rel=\"noopener noreferrer nofollow\">desk@example.org</a>"] }),
    ("url-protocol-relative.md", "protocol-relative //host links and images are dropped",
        Rendered { must_not_contain: &["<a", "<img", "evil.example"], must_contain: &["<p>a b c d</p>"] }),
    ("url-backslash.md", "backslash tricks that browsers turn into other hosts are dropped",
        Rendered { must_not_contain: &["<a", "evil.example"], must_contain: &["<p>a b c d e</p>"] }),
    ("url-http-image.md", "http: images are dropped to their alt text (images need https)",
        Rendered { must_not_contain: &["http://", "HTTP://"], must_contain: &["<p>insecure cat</p>", "<p><img src=\"https://images.example/cat.png\" alt=\"secure cat\" loading=\"lazy\" decoding=\"async\"></p>", "<p>HTTP CAT</p>"] }),
    ("url-link-title-quotes.md", "link and image titles with quotes cannot break out of the title attribute",
        Rendered { must_not_contain: &["\" onmouseover", "' onclick", "<script", "<img src=x"], must_contain: &["title=\"x&quot; onmouseover=&quot;alert(1)\"", "title=\"y&#39; onclick=alert(2) \"", "title=\"&quot;&gt;&lt;script&gt;alert(3)&lt;/script&gt;\""] }),
    ("url-image-alt-payload.md", "image alt text with markup or quotes is escaped",
        Rendered { must_not_contain: &["onerror=\"", "<script", "alt=\"<"], must_contain: &["<img src=\"https://example.org/a.png\" alt=\"\" ", "alt=\"\u{201c} onerror=\u{201c}alert(2)\"", "alt=\"&quot;&gt;&lt;script&gt;\""] }),
    ("url-nested-image-link.md", "a javascript: image inside a javascript: link produces neither",
        Rendered { must_not_contain: &["javascript", "vbscript", "<a"], must_contain: &["<p>inner <img src=\"https://example.org/i.png\" alt=\"ok\" loading=\"lazy\" decoding=\"async\"></p>"] }),
    ("url-unicode-lookalikes.md", "fullwidth and zero-width look-alike schemes never produce javascript: links",
        // A fullwidth colon is no scheme separator: the browser sees a relative path.
        Rendered { must_not_contain: &["href=\"javascript:", "\u{ff4a}\u{ff41}", "\u{200b}"], must_contain: &["<p>a b <a href=\"javascript\u{ff1a}alert(3)\">c</a></p>"] }),
    ("url-safe-controls.md", "safe links (https, relative, fragment, mailto) are kept with the right rel",
        Rendered { must_not_contain: &["<a href=\"other/page\" rel", "<a href=\"#top\" rel"], must_contain: &["<a href=\"https://example.org/a?b=c&amp;d=e\" rel=\"noopener noreferrer nofollow\">ext</a>", "<a href=\"other/page\">rel</a>", "<a href=\"#top\">frag</a>", "<a href=\"mailto:desk@example.org\" rel=\"noopener noreferrer nofollow\">mail</a>", "<img src=\"covers/a.jpg\" alt=\"img\" loading=\"lazy\" decoding=\"async\">"] }),
    ("url-query-payload.md", "quotes and angle brackets inside an allowed URL stay inside the attribute",
        Rendered { must_not_contain: &["<script", "\"><", "?q=\"\""], must_contain: &["<a href=\"https://example.org/?q=&quot;\" rel=\"noopener noreferrer nofollow\">", "<a href=\"https://example.org/?a=&#39;onmouseover=alert(2)&#39;\" rel=\"noopener noreferrer nofollow\">r</a>"] }),

    // ---------------- headings, footnotes, code info strings ----------------
    ("heading-attr-onmouseover.md", "heading attribute syntax {onmouseover=...} stays text, never an attribute",
        Rendered { must_not_contain: &["class=", "id=\"main\""], must_contain: &["<h1 id=\"h-title-onmouseover-alert-1\">Title {onmouseover=alert(1)}</h1>", "<h2 id=\"h-sub-main-evil-onclick-alert-2\">", "<h2 id=\"h-setext-onfocus-alert-3-autofocus\">Setext {onfocus=alert(3) autofocus}</h2>"] }),
    ("heading-dom-clobber-id.md", "{#app} cannot choose an element id (DOM clobbering); ids are generated with h-",
        Rendered { must_not_contain: &["id=\"app\"", "id=\"__proto__\"", "id=\"document\""], must_contain: &["<h1 id=\"h-intro-app\">Intro {#app}</h1>", "<h2 id=\"h-next-proto\">", "<h3 id=\"h-document\">{#document}</h3>"] }),
    ("footnote-ids.md", "footnote syntax cannot create content-chosen ids or javascript: links",
        Rendered { must_not_contain: &["id=", "footnote", "<sup", "javascript", "<script", "href"], must_contain: &["<p>Claim^1 and another[^app].</p>"] }),
    ("code-fence-info-quotes.md", "fenced code info strings with quotes never reach a class attribute",
        Rendered { must_not_contain: &["class=", "language-", "<script", "onload", "onclick"], must_contain: &["<pre><code>let a = 1;\n</code></pre>", "<pre><code>code two\n</code></pre>", "<pre><code>three\n</code></pre>"] }),
    ("markdown-tasklist.md", "task list syntax never produces <input> controls",
        Rendered { must_not_contain: &["<input", "checkbox", "disabled"], must_contain: &["<li>[ ] open item</li>", "<li>[x] done item</li>"] }),
    ("markdown-table-payload.md", "table cells with markup are escaped; alignment never becomes an inline style (the CSP forbids them)",
        Rendered { must_not_contain: &["<img", "onerror", "javascript", "<script", "style="], must_contain: &["<th>a</th>", "<td>x</td>", "<code>&lt;script&gt;</code>"] }),

    // ---------------- front-matter fields with payloads (they are just text) ----------------
    ("fm-title-script.md", "a <script> title parses as plain text and is kept verbatim",
        Rendered { must_not_contain: &["<script"], must_contain: &["<p>Body mentions the title only as text.</p>"] }),
    ("fm-title-attr-breakout.md", "a title trying to break out of an attribute is kept verbatim as text",
        Rendered { must_not_contain: &["<img"], must_contain: &["<p>Body.</p>"] }),
    ("fm-description-payload.md", "a description with markup is kept verbatim as text",
        Rendered { must_not_contain: &["<script"], must_contain: &["<p>Body.</p>"] }),
    ("fm-tags-payload.md", "tags with markup are kept verbatim as text; numeric tags become strings",
        Rendered { must_not_contain: &["<script", "<svg"], must_contain: &["<p>Body.</p>"] }),
    ("fm-source-category-payload.md", "source name/key and category with markup are kept as text; the key is slugified",
        Rendered { must_not_contain: &["<img", "<iframe"], must_contain: &["<p>Body.</p>"] }),
    ("fm-cover-javascript.md", "cover image URLs with javascript: in any form are dropped",
        Rendered { must_not_contain: &["javascript"], must_contain: &["<p>Body.</p>"] }),
    ("fm-cover-data-http.md", "data:, http: and protocol-relative cover URLs are dropped; the https one is kept",
        Rendered { must_not_contain: &["data:"], must_contain: &["<p>Body.</p>"] }),
    ("fm-lang-quotes.md", "a lang value with quotes falls back to en",
        Rendered { must_not_contain: &["onload"], must_contain: &["<p>Body.</p>"] }),
    ("fm-lang-markup.md", "a lang value with markup falls back to en (and ltr)",
        Rendered { must_not_contain: &["<script"], must_contain: &["<p>Body.</p>"] }),
    ("fm-sentiment-payload.md", "an unknown sentiment with markup maps to the neutral `unknown` class",
        Rendered { must_not_contain: &["<script"], must_contain: &["<p>Body.</p>"] }),
    ("fm-id-numeric.md", "a numeric externalId is accepted as a string id",
        Rendered { must_not_contain: &[], must_contain: &["<p>Body.</p>"] }),
    ("fm-date-unquoted.md", "an unquoted RFC 3339 publishedAt (a YAML timestamp) is accepted",
        Rendered { must_not_contain: &[], must_contain: &["<p>Body.</p>"] }),

    // ---------------- broken input ----------------
    ("broken-invalid-utf8.md", "invalid UTF-8 is reported with its byte offset",
        Rejected { line: None, reason_contains: "invalid UTF-8 at byte 71" }),
    ("broken-bom.md", "a UTF-8 BOM before the opening fence is accepted",
        Rendered { must_not_contain: &["\u{feff}"], must_contain: &["<p>BOM body text.</p>"] }),
    ("broken-crlf.md", "CRLF line endings are accepted",
        Rendered { must_not_contain: &["\r"], must_contain: &["<p>First line.\nSecond line.</p>"] }),
    ("broken-crlf-bad-date.md", "errors in CRLF files report the right line",
        Rejected { line: Some(4), reason_contains: "`publishedAt` is not an RFC 3339 date-time (expected digits at position 1): \"yesterday\"" }),
    ("broken-no-front-matter.md", "a file without front-matter is rejected on line 1",
        Rejected { line: Some(1), reason_contains: "no front-matter: the file must start with a line containing only `---`" }),
    ("broken-fence-not-first.md", "a fence that is not on the first line is not front-matter",
        Rejected { line: Some(1), reason_contains: "no front-matter" }),
    ("broken-unclosed-front-matter.md", "front-matter without a closing fence is rejected",
        Rejected { line: Some(1), reason_contains: "unclosed front-matter: no closing `---` line after the opening one on line 1" }),
    ("broken-empty-front-matter.md", "an empty front-matter block is rejected",
        Rejected { line: Some(1), reason_contains: "empty front-matter: at least `title` and `publishedAt` are required" }),
    ("broken-comment-only-front-matter.md", "front-matter with only a comment lacks the required fields",
        Rejected { line: None, reason_contains: "missing required field `title`" }),
    ("broken-root-list.md", "a front-matter that is a list, not a mapping, is rejected",
        Rejected { line: Some(3), reason_contains: "YAML: invalid type: sequence, expected struct RawFrontMatter" }),
    ("broken-root-scalar.md", "a front-matter that is a bare scalar is rejected",
        Rejected { line: Some(3), reason_contains: "YAML: invalid type: string \"just a string\", expected struct RawFrontMatter" }),
    ("yaml-syntax-unclosed-flow.md", "an unclosed flow sequence is a YAML syntax error with a line",
        Rejected { line: Some(6), reason_contains: "YAML: did not find expected ',' or ']'" }),
    ("yaml-syntax-bad-indent.md", "inconsistent indentation is a YAML syntax error with a line",
        Rejected { line: Some(7), reason_contains: "YAML: did not find expected key" }),
    ("yaml-syntax-tab-indent.md", "tab indentation is a YAML syntax error with a line",
        Rejected { line: Some(6), reason_contains: "YAML: found character that cannot start any token" }),
    ("type-tags-solo.md", "tags given as a single string is a type error on its line",
        Rejected { line: Some(5), reason_contains: "YAML: tags: invalid type: string \"solo\", expected a sequence" }),
    ("type-draft-maybe.md", "draft: maybe is a type error on its line",
        Rejected { line: Some(5), reason_contains: "YAML: draft: invalid type: string \"maybe\", expected a boolean" }),
    ("type-sentiment-list.md", "a list as sentiment is a type error on its line",
        Rejected { line: Some(5), reason_contains: "YAML: sentiment: invalid type: sequence, expected a string" }),
    ("type-title-map.md", "a mapping as title is a type error on its line",
        Rejected { line: Some(3), reason_contains: "YAML: title: invalid type: map, expected a string" }),
    ("type-score-huge.md", "a non-numeric score is a type error on its line",
        Rejected { line: Some(5), reason_contains: "YAML: score: invalid type: string \"huge\", expected f64" }),
    ("type-sticky-huge-int.md", "an integer too big for stickyWeight is reported, not wrapped",
        Rejected { line: Some(5), reason_contains: "YAML: stickyWeight: invalid type: integer `99999999999999999999999` as u128, expected i64" }),
    ("type-cover-scalar.md", "a scalar coverImage is a type error on its line",
        Rejected { line: Some(5), reason_contains: "YAML: coverImage: invalid type: string \"javascript:alert(1)\", expected struct CoverImage" }),
    ("yaml-duplicate-keys.md", "duplicate keys are rejected rather than silently overwritten",
        Rejected { line: Some(3), reason_contains: "YAML: duplicate field `title`" }),
    ("yaml-multi-document.md", "a second YAML document inside the front-matter is rejected",
        Rejected { line: None, reason_contains: "YAML: deserializing from YAML containing more than one document is not supported" }),
    ("yaml-alias-bomb.md", "a billion-laughs alias bomb in an unknown field is skipped, never expanded",
        Rendered { must_not_contain: &["lol"], must_contain: &["<p>body</p>"] }),
    ("yaml-alias-bomb-in-field.md", "an alias bomb aimed at a known field (tags) is refused",
        Rejected { line: Some(13), reason_contains: "YAML: tags: expected a string or a number" }),
    ("yaml-alias-recursive.md", "a self-referencing alias in an unknown field is skipped, never followed",
        Rendered { must_not_contain: &["loop"], must_contain: &["<p>body</p>"] }),
    ("yaml-alias-recursive-in-field.md", "a self-referencing alias aimed at tags is rejected, not followed forever",
        Rejected { line: Some(5), reason_contains: "YAML: tags: expected a string or a number" }),
    ("yaml-alias-undefined.md", "an alias to an undefined anchor is rejected",
        Rejected { line: Some(3), reason_contains: "YAML: unknown anchor" }),
    ("yaml-deep-nesting.md", "10,000 nested flow sequences in an unknown field are skipped without overflowing the stack",
        Rendered { must_not_contain: &["["], must_contain: &["<p>body</p>"] }),
    ("yaml-deep-nesting-in-field.md", "10,000 nested sequences aimed at tags are rejected without overflowing the stack",
        Rejected { line: Some(5), reason_contains: "YAML: tags: expected a string or a number" }),
    ("yaml-deep-nesting-unclosed.md", "10,000 unclosed nested flow mappings are rejected without overflowing the stack",
        Rejected { line: Some(6), reason_contains: "YAML: did not find expected node content" }),
    ("yaml-front-matter-over-64k.md", "a front-matter block over 64 KiB is rejected by size",
        // The size is where scanning stopped (just past the limit), not the whole block.
        Rejected { line: None, reason_contains: "front-matter is 65591 bytes, over the limit of 65536 bytes" }),
    ("date-feb-30.md", "an impossible calendar date (Feb 30) is rejected on its line",
        Rejected { line: Some(4), reason_contains: "`publishedAt` is not an RFC 3339 date-time (day out of range for the month): \"2026-02-30T10:00:00Z\"" }),
    ("date-hour-25.md", "an impossible time of day (25:00) is rejected on its line",
        Rejected { line: Some(4), reason_contains: "`publishedAt` is not an RFC 3339 date-time (time of day out of range): \"2026-01-16T25:00:00Z\"" }),
    ("date-updated-bad.md", "a malformed updatedAt is rejected on its own line",
        Rejected { line: Some(5), reason_contains: "`updatedAt` is not an RFC 3339 date-time (month out of range)" }),
    ("missing-title.md", "a file without title is rejected",
        Rejected { line: None, reason_contains: "missing required field `title`" }),
    ("missing-title-blank.md", "a blank title counts as missing",
        Rejected { line: None, reason_contains: "missing required field `title`" }),
    ("missing-published-at.md", "a file without publishedAt is rejected",
        Rejected { line: None, reason_contains: "missing required field `publishedAt`" }),

    // ---------------- pathological markdown (must complete; no timing asserted) ----------------
    ("patho-nested-quotes-5000.md", "5,000 nested block quotes render bounded and complete",
        Rendered { must_not_contain: &[], must_contain: &["deep quote"] }),
    ("patho-nested-lists-5000.md", "5,000 nested list levels render bounded and complete",
        Rendered { must_not_contain: &[], must_contain: &["deep item"] }),
    ("patho-nested-ordered-5000.md", "5,000 nested ordered lists render bounded and complete",
        Rendered { must_not_contain: &[], must_contain: &["deep ordinal"] }),
    ("patho-unclosed-brackets-10000.md", "10,000 unclosed [ complete and stay text",
        Rendered { must_not_contain: &["<a"], must_contain: &["<p>[[[[[[[[", "tail words</p>"] }),
    ("patho-reference-defs-5000.md", "5,000 reference definitions (some hostile) complete and follow the URL policy",
        Rendered { must_not_contain: &["javascript"], must_contain: &["<p><a href=\"/ref/0\">r0</a> r25 <a href=\"/ref/50\">r50</a>", "<a href=\"/ref/4950\">r4950</a> r4975</p>"] }),
    ("patho-emphasis-runs.md", "long runs of mismatched emphasis (*a **a) complete",
        Rendered { must_not_contain: &[], must_contain: &["<p>*a **a *a **a", "end</p>"] }),
    ("patho-duplicate-headings-5000.md", "5,000 identical headings get unique ids without quadratic blow-up",
        Rendered { must_not_contain: &["id=\"h-a-1\"", "id=\"h-a-5001\""], must_contain: &["<h1 id=\"h-a\">a</h1>\n<h1 id=\"h-a-2\">a</h1>", "<h1 id=\"h-a-5000\">a</h1>"] }),
    ("patho-nested-links-images.md", "5,000 nested image/link openers complete and stay safe",
        // Brackets past pulldown-cmark's nesting limit stay literal, inert text.
        Rendered { must_not_contain: &["<a", "<img", "href", "src="], must_contain: &["<p>[![[![", "x](javascript:alert(1))](javascript:alert(1))"] }),
    ("patho-backtick-runs.md", "long runs of unmatched backticks complete",
        Rendered { must_not_contain: &[], must_contain: &["<p><code>x ``x"] }),
    ("patho-unclosed-comment.md", "an unclosed HTML comment swallows the rest without leaking markup",
        Rendered { must_not_contain: &["<!--", "<script", "alert"], must_contain: &["<p>visible</p>"] }),
];

/// Expected article fields of accepted front-matter fixtures: (file, field, `{:?}` of
/// the value). Text payloads must be kept verbatim: they are only ever shown as text.
#[rustfmt::skip]
const FIELDS: &[(&str, &str, &str)] = &[
    ("fm-title-script.md", "title", r#""<script>alert(1)</script>""#),
    ("fm-title-attr-breakout.md", "title", r#""\"><img src=x onerror=alert(1)>""#),
    ("fm-description-payload.md", "description", r#""</title><script>alert(1)</script>""#),
    ("fm-tags-payload.md", "tags", r#"["<script>alert(1)</script>", "\"><svg onload=alert(2)>", "42"]"#),
    ("fm-source-category-payload.md", "source.name", r#""<img src=x onerror=alert(1)>""#),
    ("fm-source-category-payload.md", "source.key", r#""script-alert-2-script""#),
    ("fm-source-category-payload.md", "category", r#""<iframe src=javascript:alert(3)>""#),
    ("fm-cover-javascript.md", "cover", "None"),
    ("fm-cover-data-http.md", "cover", r#"Some([("https://images.example/full.jpg", 1600)])"#),
    ("fm-lang-quotes.md", "lang", r#""en""#),
    ("fm-lang-quotes.md", "dir", "Ltr"),
    ("fm-lang-markup.md", "lang", r#""en""#),
    ("fm-lang-markup.md", "dir", "Ltr"),
    ("fm-sentiment-payload.md", "sentiment.class", r#""unknown""#),
    ("fm-sentiment-payload.md", "sentiment.key", r#""<SCRIPT>ALERT(1)</SCRIPT>""#),
    ("fm-id-numeric.md", "id", r#""57217389""#),
    ("fm-id-numeric.md", "slug", r#""fm-id-numeric-57217389""#),
    ("fm-date-unquoted.md", "published_at", "1768577013000"),
    ("broken-bom.md", "title", r#""With BOM""#),
    ("broken-crlf.md", "title", r#""CRLF""#),
];

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
        assert_safe_html(&render(body).html, &article.id);
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
