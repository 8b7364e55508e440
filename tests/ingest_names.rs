//! File names that are not UTF-8: the article loads, names its file exactly (it can be read
//! again in full, light or not), and its name is shown escaped, never as raw bytes or as the
//! name of another file.
#![cfg(unix)]

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::PathBuf;

use khobor::corpus::Corpus;
use khobor::extract::Extractor;
use khobor::load::LoadOptions;
use khobor::text::escape::for_terminal;

#[test]
fn a_file_named_in_latin1_loads_reloads_and_shows_escaped() {
    let dir = tempfile::tempdir().expect("temp dir");
    let name = OsStr::from_bytes(b"caf\xe9 \xff.txt");
    let path = dir.path().join(name);
    std::fs::write(
        &path,
        "সিলেটে বন্যা পরিস্থিতি\n\nসিলেটের নদীগুলোর পানি বাড়ছে। নিচু এলাকা প্লাবিত।\n",
    )
    .expect("write");
    // A file whose lossy name exists too must not be read in its place.
    std::fs::write(
        dir.path().join("caf\u{FFFD} \u{FFFD}.txt"),
        "অন্য শিরোনাম\n\nঅন্য লেখা।\n",
    )
    .expect("write");
    let extractor = Extractor::new();
    let options = LoadOptions::default().light(true);
    let (corpus, report) =
        Corpus::load_with(&[PathBuf::from(&path)], &extractor, &options).expect("loads");
    assert!(report.problems.is_empty(), "{:?}", report.problems);
    let article = &corpus.articles[0];
    assert_eq!(article.title, "সিলেটে বন্যা পরিস্থিতি");
    assert_eq!(khobor::fsutil::text_path(&article.path), path);
    let again = khobor::reload::reload(&article.path, article.id, &extractor).expect("reloads");
    assert!(!again.changed);
    assert_eq!(again.article.body.len(), 1);
    let shown = for_terminal(&article.path);
    assert!(shown.ends_with("caf\\xe9 \\xff.txt"), "{shown}");
}
