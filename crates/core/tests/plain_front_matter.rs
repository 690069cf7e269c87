//! The fast front-matter reader against serde_yaml on every real and hostile file in the
//! repository: where it reads a file, it must read exactly what serde_yaml reads; and it
//! must read the sample articles, or the fast path would never be taken.

use broadsheet_core::frontmatter::{parse_plain as parse, split, RawFrontMatter};

fn front_matters(dir: &str) -> Vec<(String, String)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("folder exists") {
        let path = entry.expect("readable entry").path();
        if path.extension().is_none_or(|e| e != "md") {
            continue;
        }
        let bytes = std::fs::read(&path).expect("readable file");
        let Ok(text) = String::from_utf8(bytes) else {
            continue;
        };
        if let Ok(parts) = split(&text) {
            out.push((path.display().to_string(), parts.front_matter.to_string()));
        }
    }
    out
}

#[test]
fn agrees_with_serde_yaml_wherever_it_reads_a_file() {
    let mut read = 0;
    let dirs = [
        "../../content",
        "tests/fixtures/hostile",
        "../../e2e/fixtures/hostile",
        "../../e2e/fixtures/daily",
    ];
    for dir in dirs {
        for (name, fm) in front_matters(dir) {
            if let Some(fast) = parse(&fm) {
                read += 1;
                let slow: Option<RawFrontMatter> = serde_yaml::from_str(&fm).ok();
                assert_eq!(slow.as_ref(), Some(&fast), "{name}");
            }
        }
    }
    assert!(read >= 24, "only {read} files took the fast path");
}

#[test]
fn reads_every_sample_article() {
    let declined: Vec<String> = front_matters("../../content")
        .into_iter()
        .filter(|(_, fm)| parse(fm).is_none())
        .map(|(name, _)| name)
        .collect();
    assert!(declined.is_empty(), "left to serde_yaml: {declined:?}");
}
