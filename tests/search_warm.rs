//! Issue 12: the reader and `khobor search` take body words from the body cache, so a warm start
//! answers body queries without reading the article files. Driven through the reader's own
//! effect code ([`Headless`]) and the binary.

use std::collections::BTreeSet;
use std::path::Path;

use assert_cmd::Command;
use khobor::app::{Action, App, Key, Options};
use khobor::article::Article;
use khobor::corpus::Corpus;
use khobor::extract::Extractor;
use khobor::keymap::KeyCode;
use khobor::load::LoadOptions;
use khobor::text::width::WidthPolicy;
use khobor::work::Headless;

/// `(file, title, body)`: the body words searched for are in no title.
const ARTICLES: &[(&str, &str, &str)] = &[
    (
        "a.txt",
        "উত্তরাঞ্চলের খবর",
        "টানা বৃষ্টিতে বন্যায় হাজারো মানুষ পানিবন্দি। সরকার প্রজ্ঞাপন জারি করেছে।",
    ),
    (
        "b.txt",
        "বাজারের হালচাল",
        "চালের দাম বেড়েছে। ব্যবসায়ীরা বলছেন সরবরাহ কম।",
    ),
    (
        "c.txt",
        "নদীর পাড়ে মানুষ",
        "বন্যার পানি নামছে। পিলখানা থেকে ত্রাণ পাঠানো হয়েছে।",
    ),
];

/// The titles whose bodies hold a form of বন্যা, by hand.
const FLOOD: &[&str] = &["উত্তরাঞ্চলের খবর", "নদীর পাড়ে মানুষ"];

fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (file, title, body) in ARTICLES {
        std::fs::write(dir.path().join(file), format!("{title}\n\n{body}\n")).unwrap();
    }
    dir
}

/// The archive loaded light, as the reader loads it.
fn load(dir: &Path) -> Vec<Article> {
    let options = LoadOptions {
        cache_dir: None,
        light: true,
    };
    let articles = Corpus::load_with(&[dir.to_path_buf()], &Extractor::new(), &options)
        .unwrap()
        .0
        .articles;
    assert!(articles.iter().all(|a| a.body.is_empty()), "loaded light");
    articles
}

/// The titles listed for `query` typed into a reader over `articles` with the body cache in
/// `cache`.
fn found(articles: &[Article], cache: Option<&Path>, query: &str) -> BTreeSet<String> {
    let options = Options::embedded(WidthPolicy::Terminal).unwrap();
    let app = App::streaming(options, (120, 40));
    let mut app = Headless::loaded_with_cache(app, articles.to_vec(), cache.map(Into::into));
    for c in format!("/{query}").chars() {
        app.apply(Action::Key(Key::plain(KeyCode::Char(c))));
    }
    app.rows()
        .iter()
        .map(|r| app.corpus().articles[r.article].title.clone())
        .collect()
}

fn flood() -> BTreeSet<String> {
    FLOOD.iter().map(|t| t.to_string()).collect()
}

#[test]
fn a_warm_reader_answers_body_queries_from_the_cache() {
    let dir = archive();
    let caches = tempfile::tempdir().unwrap();
    let articles = load(dir.path());
    assert_eq!(found(&articles, Some(caches.path()), "বন্যা"), flood());
    assert_eq!(
        found(&articles, Some(caches.path()), "পিলখানা"),
        BTreeSet::from(["নদীর পাড়ে মানুষ".to_string()])
    );

    // With the files gone only the cache can know what the bodies held.
    for (file, _, _) in ARTICLES {
        std::fs::remove_file(dir.path().join(file)).unwrap();
    }
    assert!(
        found(&articles, None, "বন্যা").is_empty(),
        "without a cache the bodies are read from the (removed) files"
    );
    assert_eq!(found(&articles, Some(caches.path()), "বন্যা"), flood());
    assert_eq!(
        found(&articles, Some(caches.path()), "সরবরাহ"),
        BTreeSet::from(["বাজারের হালচাল".to_string()])
    );
}

fn body_caches(dir: &Path) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().starts_with("bodies-"))
            .count()
    })
}

/// The paths `khobor search` prints for `query`, with its caches in `cache`.
fn search(dir: &Path, cache: &Path, extra: &[&str], query: &str) -> BTreeSet<String> {
    let out = Command::cargo_bin("khobor")
        .unwrap()
        .env("KHOBOR_CACHE_DIR", cache)
        .env("HOME", cache)
        .env("XDG_DATA_HOME", cache.join("data"))
        .args(extra)
        .arg("search")
        .arg(query)
        .arg(dir)
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["title"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn khobor_search_keeps_the_body_cache_unless_told_not_to() {
    let dir = archive();
    let caches = tempfile::tempdir().unwrap();
    assert_eq!(search(dir.path(), caches.path(), &[], "বন্যা"), flood());
    assert_eq!(body_caches(caches.path()), 1);
    assert_eq!(search(dir.path(), caches.path(), &[], "বন্যা"), flood());

    let none = tempfile::tempdir().unwrap();
    let found = search(dir.path(), none.path(), &["--no-cache"], "বন্যা");
    assert_eq!(found, flood());
    assert_eq!(body_caches(none.path()), 0);
}
