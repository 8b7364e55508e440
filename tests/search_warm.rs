//! Issue 12: the reader and `khobor search` take body words from the cache directory (the saved
//! index, or the body cache before it is saved), so a warm start answers body queries without
//! reading the article files. Driven through the reader's own
//! effect code ([`Headless`]) and the binary.

use std::collections::BTreeSet;
use std::path::Path;

use khobor::app::{Action, App, Key, Options};
use khobor::article::Article;
use khobor::keymap::KeyCode;
use khobor::text::width::WidthPolicy;
use khobor::work::Headless;

mod common;

use common::bodies::{ARTICLES, FLOOD, archive, search_titles as search};

/// The archive loaded light, as the reader loads it.
fn load(dir: &Path) -> Vec<Article> {
    let articles = common::bodies::load_light(dir, None).articles;
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
    let dir = archive(ARTICLES);
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

/// How many cache files of `kind` (`bodies`, `index`) are in `dir`.
fn cache_files(dir: &Path, kind: &str) -> usize {
    std::fs::read_dir(dir).map_or(0, |entries| {
        entries
            .filter_map(Result::ok)
            .filter(|e| {
                e.file_name()
                    .to_string_lossy()
                    .starts_with(&format!("{kind}-"))
            })
            .count()
    })
}

/// The saved index holds every body, so no body cache is kept beside it.
#[test]
fn khobor_search_keeps_its_index_unless_told_not_to() {
    let dir = archive(ARTICLES);
    let caches = tempfile::tempdir().unwrap();
    assert_eq!(search(dir.path(), caches.path(), &[], "বন্যা"), flood());
    assert_eq!(cache_files(caches.path(), "index"), 1);
    assert_eq!(cache_files(caches.path(), "bodies"), 0);
    assert_eq!(search(dir.path(), caches.path(), &[], "বন্যা"), flood());

    let none = tempfile::tempdir().unwrap();
    let found = search(dir.path(), none.path(), &["--no-cache"], "বন্যা");
    assert_eq!(found, flood());
    assert_eq!(cache_files(none.path(), "bodies"), 0);
    assert_eq!(cache_files(none.path(), "index"), 0);
}
