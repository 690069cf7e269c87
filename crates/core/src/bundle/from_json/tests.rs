use std::path::Path;

use super::*;
use crate::bundle::{build, Bundle, ListFile, ListFileData};

/// The sample site plus files that exercise every optional field: a rejected file (a
/// report with a slug), a lone tag (a list of one, whose sidecar has no neighbours).
fn sample_bundle() -> Bundle {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../content");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&path).unwrap())
        })
        .filter(|(name, _)| name.ends_with(".md"))
        .collect();
    files.sort();
    files.push((
        "broken.md".into(),
        b"---\ntitle: Broken \"quote\"\npublishedAt: never\n---\n".to_vec(),
    ));
    build(files)
}

#[test]
fn every_file_of_the_sample_reads_back_as_written() {
    let b = sample_bundle();
    assert!(!b.meta.rejected.is_empty());
    let meta = serde_json::to_string(&b.meta).unwrap();
    assert_eq!(FeedMeta::from_json(&meta), Ok(b.meta.clone()));

    let mut heads = 0;
    for (dir, members) in b.list_members() {
        for (file, (path, bytes)) in std::iter::once(ListFile::Head)
            .chain((0..).map(ListFile::Page))
            .zip(b.list_json(&dir, &members).unwrap())
        {
            let text = std::str::from_utf8(&bytes).unwrap();
            match file {
                ListFile::Head => {
                    let theirs: ListHead = serde_json::from_str(text).unwrap();
                    assert_eq!(ListHead::from_json(text), Ok(theirs), "{path}");
                    heads += 1;
                }
                ListFile::Page(_) => {
                    let theirs: ListPage = serde_json::from_str(text).unwrap();
                    assert_eq!(ListPage::from_json(text), Ok(theirs), "{path}");
                }
            }
        }
    }
    assert!(heads > 10);

    for (path, sidecar) in b.sidecars() {
        let text = serde_json::to_string(&sidecar).unwrap();
        assert_eq!(ArticleSidecar::from_json(&text), Ok(sidecar), "{path}");
    }
    for (path, bucket) in b.id_buckets() {
        let text = serde_json::to_string(&bucket).unwrap();
        assert_eq!(id_bucket_from_json(&text), Ok(bucket), "{path}");
    }
    // The built lists (the type form of the same files) agree too.
    for list in b.lists() {
        for (path, data) in list.files() {
            let text = serde_json::to_string(&data).unwrap();
            match data {
                ListFileData::Head(h) => {
                    assert_eq!(ListHead::from_json(&text).as_ref(), Ok(h), "{path}")
                }
                ListFileData::Page(p) => {
                    assert_eq!(ListPage::from_json(&text).as_ref(), Ok(p), "{path}")
                }
            }
        }
    }
}

#[test]
fn sidecars_without_neighbours_and_unknown_fields_read() {
    let text = r#"{"fallback_id":"x","prev":null,"related":[],"added_later":{"a":[1.5]}}"#;
    assert_eq!(
        ArticleSidecar::from_json(text),
        Ok(ArticleSidecar {
            fallback_id: "x".into(),
            ..Default::default()
        })
    );
}

#[test]
fn wrong_shapes_are_errors() {
    assert_eq!(
        FeedMeta::from_json(r#"{"version":3,"total":1,"page_size":24}"#),
        Err(JsonError::MissingField("rejected"))
    );
    assert!(ListPage::from_json(r#"{"version":"3","entries":[]}"#).is_err());
    assert!(ListPage::from_json(r#"{"version":3,"entries":[{"slug":"a","fm":"b"}]}"#).is_err());
    assert!(id_bucket_from_json(r#"{"ab":1}"#).is_err());
    assert!(ListHead::from_json("<!doctype html>").is_err());
}
