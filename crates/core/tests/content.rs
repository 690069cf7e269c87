//! Every sample article in `content/` must parse; a failure prints a fix-it hint.

use broadsheet_core::bundle::build;

#[test]
fn every_content_file_parses() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("content/ exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            let bytes = std::fs::read(&path).expect("readable file");
            files.push((
                format!(
                    "content/{}",
                    path.file_name().unwrap_or_default().to_string_lossy()
                ),
                bytes,
            ));
        }
    }
    assert!(
        files.len() >= 24,
        "the sample set needs at least 24 articles"
    );
    let bundle = build(files);
    let problems: Vec<String> = bundle.meta.rejected.iter().map(|r| {
        format!("{r}\n  fix: edit the file so its front-matter has a `title` and an RFC 3339 `publishedAt` such as '2026-01-16T15:23:33Z'")
    }).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(bundle.drafts, 1, "the sample set ships exactly one draft");
    let a = &bundle.articles;
    assert!(a
        .iter()
        .any(|(x, _)| x.dir == broadsheet_core::TextDirection::Rtl));
    assert!(a[0].0.is_pinned(), "a pinned article leads the feed");
}
