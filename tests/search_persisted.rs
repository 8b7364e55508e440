//! Issue 12, item 2: the body index persisted in the cache directory. A warm start takes every
//! body's words from the cache and reads no article file; an edited article is read again (and
//! only it), a removed one is gone from the results, and what is found is the same as when every
//! body is read from its file.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use khobor::article::ContentId;
use khobor::cache::BodyCache;
use khobor::corpus::Corpus;
use khobor::search::SearchIndex;
use khobor::search::body::read_body;

mod common;

use common::bodies::{ARTICLES, FLOOD, archive, load_light, write};

/// One more article for these tests: its body words are in no other article.
const CRICKET: (&str, &str, &str) = (
    "d.txt",
    "খেলার মাঠে",
    "ক্রিকেট দল নির্বাচনে নতুন মুখ। প্রজ্ঞাপনের অপেক্ষা নেই।",
);

/// The shared archive and [`CRICKET`].
fn articles() -> Vec<(&'static str, &'static str, &'static str)> {
    ARTICLES.iter().copied().chain([CRICKET]).collect()
}

const QUERIES: &[&str] = &[
    "বন্যা",
    "প্রজ্ঞাপন",
    "flood",
    "পিলখানা",
    "\"চালের দাম\"",
    "body:নির্বাচন",
    "ত্রাণ | সরবরাহ",
];

/// The titles each query finds, in rank order.
fn found(index: &SearchIndex, corpus: &Corpus) -> Vec<Vec<String>> {
    QUERIES
        .iter()
        .map(|q| {
            index
                .search(q)
                .iter()
                .map(|h| corpus.articles[h.article].title.clone())
                .collect()
        })
        .collect()
}

/// Builds the body index with `cache`, counting the bodies read from files.
fn build(corpus: &Corpus, cache: &mut BodyCache) -> (SearchIndex, BTreeSet<String>) {
    let titles = SearchIndex::new(corpus);
    let read = Mutex::new(BTreeSet::new());
    let reader = |path: &str, id: ContentId| {
        read.lock().unwrap().insert(path.to_string());
        read_body(path, id)
    };
    let never = AtomicBool::new(false);
    let index = titles
        .with_bodies_cached(&titles.bodies_to_read(corpus), reader, cache, &never)
        .unwrap()
        .unwrap();
    (index, read.into_inner().unwrap())
}

fn file_names(paths: &BTreeSet<String>) -> Vec<String> {
    paths
        .iter()
        .filter_map(|p| Some(Path::new(p).file_name()?.to_str()?.to_string()))
        .collect()
}

#[test]
fn a_warm_start_reads_no_body_and_finds_the_same() {
    let archive = archive(&articles());
    let caches = tempfile::tempdir().unwrap();
    let corpus = load_light(archive.path(), Some(caches.path()));
    assert!(corpus.articles.iter().all(|a| a.body.is_empty()), "light");

    let titles = SearchIndex::new(&corpus);
    let never = AtomicBool::new(false);
    let uncached = titles
        .with_bodies_read(&titles.bodies_to_read(&corpus), read_body, &never)
        .unwrap();
    let expected = found(&uncached, &corpus);
    // What the bodies hold, by hand: the engine must find it, not only agree with itself.
    let flood: BTreeSet<String> = FLOOD.iter().map(|t| t.to_string()).collect();
    assert_eq!(expected[0].iter().cloned().collect::<BTreeSet<_>>(), flood);
    assert_eq!(expected[2].iter().cloned().collect::<BTreeSet<_>>(), flood);
    assert_eq!(expected[3], ["নদীর পাড়ে মানুষ"]);
    assert_eq!(expected[4], ["বাজারের হালচাল"]);
    assert_eq!(expected[5], ["খেলার মাঠে"]);
    assert_eq!(expected[6].len(), 2);

    let (mut cache, warning) = BodyCache::open(caches.path());
    assert!(warning.is_none());
    let (cold, read) = build(&corpus, &mut cache);
    assert_eq!(
        read.len(),
        articles().len(),
        "a cold start reads every body"
    );
    assert_eq!(found(&cold, &corpus), expected);
    cache.save().unwrap();

    let (mut cache, warning) = BodyCache::open(caches.path());
    assert!(warning.is_none());
    let (warm, read) = build(&corpus, &mut cache);
    assert!(read.is_empty(), "a warm start read {read:?}");
    assert!(!cache.has_additions());
    assert_eq!(found(&warm, &corpus), expected);
}

#[test]
fn an_edited_article_is_read_again_and_a_removed_one_is_gone() {
    let archive = archive(&articles());
    let caches = tempfile::tempdir().unwrap();
    let corpus = load_light(archive.path(), Some(caches.path()));
    let (mut cache, _) = BodyCache::open(caches.path());
    build(&corpus, &mut cache);
    cache.save().unwrap();

    // c.txt no longer mentions Pilkhana; d.txt is removed.
    write(
        archive.path(),
        "c.txt",
        "নদীর পাড়ে মানুষ",
        "বন্যার পানি নামছে। সেনাবাহিনী ত্রাণ পাঠিয়েছে।",
    );
    std::fs::remove_file(archive.path().join("d.txt")).unwrap();
    let corpus = load_light(archive.path(), Some(caches.path()));
    let (mut cache, _) = BodyCache::open(caches.path());
    let (index, read) = build(&corpus, &mut cache);
    assert_eq!(file_names(&read), ["c.txt"]);
    let titles = |q: &str| -> BTreeSet<String> {
        index
            .search(q)
            .iter()
            .map(|h| corpus.articles[h.article].title.clone())
            .collect()
    };
    assert!(titles("পিলখানা").is_empty());
    assert_eq!(titles("সেনাবাহিনী"), BTreeSet::from(["নদীর পাড়ে মানুষ".into()]));
    assert_eq!(titles("প্রজ্ঞাপন"), BTreeSet::from(["উত্তরাঞ্চলের খবর".into()]));
    assert!(titles("ক্রিকেট").is_empty());
    assert_eq!(titles("বন্যা").len(), 2);
}

#[test]
fn the_runtime_entry_point_saves_and_then_serves_from_the_cache() {
    let archive = archive(&articles());
    let caches = tempfile::tempdir().unwrap();
    let corpus = load_light(archive.path(), Some(caches.path()));
    let titles = SearchIndex::new(&corpus);
    let sources = titles.bodies_to_read(&corpus);
    let never = AtomicBool::new(false);
    let reads = Mutex::new(0);
    let reader = |path: &str, id: ContentId| {
        *reads.lock().unwrap() += 1;
        read_body(path, id)
    };
    for expected_reads in [articles().len(), articles().len()] {
        let (index, warning) = titles
            .with_bodies_persisted(&sources, reader, Some(caches.path()), None, &never)
            .unwrap();
        assert_eq!(warning, None);
        assert_eq!(*reads.lock().unwrap(), expected_reads);
        assert_eq!(index.search("পিলখানা").len(), 1);
    }
    // Stopped: no index.
    let stop = AtomicBool::new(true);
    assert!(
        titles
            .with_bodies_persisted(&sources, reader, Some(caches.path()), None, &stop)
            .is_none()
    );
}
