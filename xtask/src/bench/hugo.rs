//! Debian's Hugo as the anchor of the publishing rows: a minimal site (config, a page
//! template, a list template and a front page, paginated as our lists are) written into
//! `target/bench/hugo-site/`, whose `content/` holds byte-identical copies of the same
//! generated articles.
//!
//! Our front-matter is YAML, which Hugo reads as it is. Only the dates have other names:
//! Hugo looks for `date` and `lastmod`, our files say `publishedAt` and `updatedAt`; the
//! site's config maps them (`[frontmatter]`), so the files need no rewriting. Every other
//! field (`source`, `coverImage`, `ai`, `category`, …) is a page parameter to Hugo; `tags`
//! is its default taxonomy, so Hugo writes a page per tag as we write a list per tag.

use std::path::Path;

use super::measure::ensure_apt;
use crate::util::cmd_output;

/// What Hugo is told about our front-matter, for the report.
pub const FRONT_MATTER: &str = "files copied unchanged; the site config maps publishedAt -> date and updatedAt -> lastmod ([frontmatter])";

const CONFIG: &str = r#"baseURL = "https://example.org/"
title = "Broadsheet (Hugo anchor)"
languageCode = "en"
paginate = 30
enableRobotsTXT = true

[frontmatter]
date = ["publishedAt", ":default"]
lastmod = ["updatedAt", ":default"]
"#;

const BASE_HEAD: &str = r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">"#;

const SINGLE: &str = r#"<title>{{ .Title }}</title><meta name="description" content="{{ .Description }}"><link rel="canonical" href="{{ .Permalink }}"></head>
<body><main><article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05Z07:00" }}">{{ .Date.Format "2 January 2006" }}</time> · {{ .Params.source.name }} · {{ .ReadingTime }} min</p>
<ul>{{ range .Params.tags }}<li><a href="{{ printf "tags/%s/" (urlize .) | relURL }}">{{ . }}</a></li>{{ end }}</ul>
{{ .Content }}
</article></main></body></html>
"#;

const LIST: &str = r#"<title>{{ .Title }}</title></head>
<body><main><h1>{{ .Title }}</h1><ol>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time> {{ .Description }}</li>
{{ end }}</ol>
{{ with .Paginator.Next }}<a href="{{ .URL }}">Older</a>{{ end }}</main></body></html>
"#;

const INDEX: &str = r#"<title>{{ .Site.Title }}</title></head>
<body><main><h1>{{ .Site.Title }}</h1><ol>
{{ range (.Paginate .Site.RegularPages).Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time> {{ .Description }}</li>
{{ end }}</ol>
{{ with .Paginator.Next }}<a href="{{ .URL }}">Older</a>{{ end }}</main></body></html>
"#;

/// Hugo's version line, installing Debian's `hugo` first when it is missing.
pub fn ensure() -> Result<String, String> {
    ensure_apt("hugo", "hugo", "the publishing rows' anchor")?;
    cmd_output("hugo", &["version"])
        .map(|v| v.trim().to_string())
        .ok_or_else(|| "`hugo version` failed".to_string())
}

/// Writes the site into `site` with a copy of every `*.md` of `content`; the count.
pub fn write_site(site: &Path, content: &Path) -> Result<usize, String> {
    let put = |rel: &str, text: &str| -> Result<(), String> {
        crate::util::write(&site.join(rel), text).map_err(|e| e.to_string())
    };
    put("config.toml", CONFIG)?;
    put(
        "layouts/_default/single.html",
        &format!("{BASE_HEAD}{SINGLE}"),
    )?;
    put("layouts/_default/list.html", &format!("{BASE_HEAD}{LIST}"))?;
    put("layouts/index.html", &format!("{BASE_HEAD}{INDEX}"))?;
    let dest = site.join("content");
    let _ = std::fs::remove_dir_all(&dest);
    std::fs::create_dir_all(&dest).map_err(|e| format!("creating {}: {e}", dest.display()))?;
    let entries =
        std::fs::read_dir(content).map_err(|e| format!("listing {}: {e}", content.display()))?;
    let mut count = 0;
    for entry in entries.flatten() {
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "md") {
            std::fs::copy(&path, dest.join(entry.file_name()))
                .map_err(|e| format!("copying {}: {e}", path.display()))?;
            count += 1;
        }
    }
    Ok(count)
}

/// The arguments of a build of `site` into `dest`.
pub fn args(site: &Path, dest: &Path) -> Vec<String> {
    vec![
        "--quiet".into(),
        "--source".into(),
        site.to_string_lossy().into_owned(),
        "--destination".into(),
        dest.to_string_lossy().into_owned(),
    ]
}
