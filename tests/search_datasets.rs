//! Issue 12, full text over datasets: a word only in the body of a CSV row or a JSON Lines
//! object is found, by `khobor search` and through the reader's own effect code ([`Headless`]),
//! with and without the caches. A row cannot be read again on its own, so either the loader hands
//! its words to the body cache or the index reads each dataset file once.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use khobor::app::{Action, App, Key, Options};
use khobor::article::Article;
use khobor::cache::BodyCache;
use khobor::keymap::KeyCode;
use khobor::text::width::WidthPolicy;
use khobor::work::Headless;

mod common;

/// CSV rows `(title, body)`: the words searched for are in no title. The second body holds a
/// line break inside its quotes.
const CSV_ROWS: &[(&str, &str)] = &[
    (
        "উত্তরাঞ্চলের খবর",
        "টানা বৃষ্টিতে বন্যায় হাজারো মানুষ পানিবন্দি। সরকার প্রজ্ঞাপন জারি করেছে।",
    ),
    ("বাজারের হালচাল", "চালের দাম বেড়েছে।\nব্যবসায়ীরা বলছেন সরবরাহ কম।"),
    (
        "পাহাড়ি জনপদ",
        "ভোরে মৃদু ভূমিকম্প অনুভূত হয়েছে। কোথাও ক্ষয়ক্ষতির খবর নেই।",
    ),
];

/// JSON Lines objects `(headline, article)`.
const JSONL_ROWS: &[(&str, &str)] = &[
    ("নদীর পাড়ে মানুষ", "বন্যার পানি নামছে। পিলখানা থেকে ত্রাণ পাঠানো হয়েছে।"),
    (
        "শহরের যানজট",
        "সকাল থেকে সড়কে দীর্ঘ সারি। ভূমিকম্পের মহড়াও হয়েছে আজ।",
    ),
];

/// `(query, titles whose bodies hold it)`, by hand.
const EXPECTED: &[(&str, &[&str])] = &[
    ("বন্যা", &["উত্তরাঞ্চলের খবর", "নদীর পাড়ে মানুষ"]),
    ("প্রজ্ঞাপন", &["উত্তরাঞ্চলের খবর"]),
    ("সরবরাহ", &["বাজারের হালচাল"]),
    ("ভূমিকম্প", &["পাহাড়ি জনপদ", "শহরের যানজট"]),
    ("পিলখানা", &["নদীর পাড়ে মানুষ"]),
];

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// A folder with `news.csv` and `more.jsonl`; each body padded with `filler` (words that are
/// searched for nowhere) so a test can make the datasets large enough to be cached.
fn archive(filler: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut csv = String::from("title,body\r\n");
    for (title, body) in CSV_ROWS {
        csv.push_str(&format!(
            "{},{}\r\n",
            csv_field(title),
            csv_field(&format!("{body}\n{filler}"))
        ));
    }
    std::fs::write(dir.path().join("news.csv"), csv).unwrap();
    let mut jsonl = String::new();
    for (title, body) in JSONL_ROWS {
        let line = serde_json::json!({ "headline": title, "article": format!("{body}\n{filler}") });
        jsonl.push_str(&format!("{line}\n"));
    }
    std::fs::write(dir.path().join("more.jsonl"), jsonl).unwrap();
    dir
}

fn expected(query: &str) -> BTreeSet<String> {
    let (_, titles) = EXPECTED.iter().find(|(q, _)| *q == query).unwrap();
    titles.iter().map(|t| t.to_string()).collect()
}

/// The archive loaded light, as the reader loads it, with the caches in `cache`.
fn load(dir: &Path, cache: Option<&Path>) -> Vec<Article> {
    let articles = common::bodies::load_light(dir, cache).articles;
    assert_eq!(articles.len(), CSV_ROWS.len() + JSONL_ROWS.len());
    assert!(articles.iter().all(|a| a.body.is_empty()), "loaded light");
    articles
}

/// The titles listed for `query` typed into a reader over `articles`, the body cache in `cache`.
fn found(articles: &[Article], cache: Option<PathBuf>, query: &str) -> BTreeSet<String> {
    let options = Options::embedded(WidthPolicy::Terminal).unwrap();
    let app = App::streaming(options, (120, 40));
    let mut app = Headless::loaded_with_cache(app, articles.to_vec(), cache);
    for c in format!("/{query}").chars() {
        app.apply(Action::Key(Key::plain(KeyCode::Char(c))));
    }
    app.rows()
        .iter()
        .map(|r| app.corpus().articles[r.article].title.clone())
        .collect()
}

/// The titles `khobor search` prints for `query` over `dir`, and the snippets it shows.
fn search(dir: &Path, cache: &Path, extra: &[&str], query: &str) -> (BTreeSet<String>, usize) {
    let lines = common::bodies::search_lines(dir, cache, extra, query);
    let snippets = lines.iter().filter(|v| v["snippet"].is_string()).count();
    let titles = lines
        .iter()
        .map(|v| v["title"].as_str().expect("a title").to_string())
        .collect();
    (titles, snippets)
}

#[test]
fn khobor_search_finds_words_only_in_dataset_bodies() {
    let dir = archive("");
    let caches = tempfile::tempdir().unwrap();
    for (query, _) in EXPECTED {
        for extra in [&["--no-cache"][..], &[], &[]] {
            let (titles, snippets) = search(dir.path(), caches.path(), extra, query);
            assert_eq!(titles, expected(query), "{query} {extra:?}");
            assert_eq!(snippets, titles.len(), "a snippet for each: {query}");
        }
    }
}

#[test]
fn the_reader_finds_words_only_in_dataset_bodies_without_a_cache() {
    let dir = archive("");
    let articles = load(dir.path(), None);
    for (query, _) in EXPECTED {
        assert_eq!(found(&articles, None, query), expected(query), "{query}");
    }
    // Without the files nothing can tell what the rows held.
    std::fs::remove_file(dir.path().join("news.csv")).unwrap();
    std::fs::remove_file(dir.path().join("more.jsonl")).unwrap();
    assert!(found(&articles, None, "বন্যা").is_empty());
}

/// A load that uses the caches hands every row's words to the body cache, so the index never
/// reads the datasets again: it still finds body words after the files are gone.
#[test]
fn the_loader_stores_dataset_bodies_in_the_body_cache() {
    // Over a megabyte in all, so that the load uses the caches.
    let filler = "দিনভর আলোচনা চলেছে। ".repeat(5_000);
    let dir = archive(&filler);
    let caches = tempfile::tempdir().unwrap();
    let articles = load(dir.path(), Some(caches.path()));
    let (stored, _) = BodyCache::open(caches.path());
    assert!(articles.iter().all(|a| stored.contains(a.id)));

    std::fs::remove_file(dir.path().join("news.csv")).unwrap();
    std::fs::remove_file(dir.path().join("more.jsonl")).unwrap();
    for (query, _) in EXPECTED {
        let cache = Some(caches.path().to_path_buf());
        assert_eq!(found(&articles, cache, query), expected(query), "{query}");
    }
    assert!(found(&articles, None, "বন্যা").is_empty());
}
