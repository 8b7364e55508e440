//! Issue 12: a quoted phrase in a body holds only where its words stand one after the other
//! (the last one may take a case ending, as in titles), whether the bodies were read from the
//! files, taken from the body cache, or held in memory.

use std::collections::BTreeSet;

mod common;

use common::bodies::search_titles as search;

/// `(file, title, body)`; no title holds a word of the phrases searched for.
const ARTICLES: &[(&str, &str, &str)] = &[
    (
        "a.txt",
        "সচিবালয়ে বৈঠক",
        "বৈঠকে প্রধান উপদেষ্টা উপস্থিত ছিলেন। পরে সংবাদ সম্মেলন হয়।",
    ),
    (
        "b.txt",
        "নদীভাঙনের খবর",
        "প্রধান সড়কটি ভেঙে গেছে। একজন উপদেষ্টা এলাকা ঘুরে দেখেছেন।",
    ),
    (
        "c.txt",
        "বিদেশ সফর",
        "সফরে প্রধান উপদেষ্টার সঙ্গে ছিলেন পররাষ্ট্রসচিব।",
    ),
    (
        "d.txt",
        "বাজেট আলোচনা",
        "উপদেষ্টা প্রধান বিষয়গুলো তুলে ধরেন। প্রধানের উপদেষ্টা কিছু বলেননি।",
    ),
];

fn archive() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (file, title, body) in ARTICLES {
        std::fs::write(dir.path().join(file), format!("{title}\n\n{body}\n")).unwrap();
    }
    dir
}

fn titles(t: &[&str]) -> BTreeSet<String> {
    t.iter().map(|t| t.to_string()).collect()
}

#[test]
fn body_phrases_are_exact_read_cached_or_in_memory() {
    let dir = archive();
    let caches = tempfile::tempdir().unwrap();
    // By hand: a and c have the words side by side (c with a case ending on the last); b has
    // both apart, d in the other order and with a case ending on the first.
    let phrase = titles(&["সচিবালয়ে বৈঠক", "বিদেশ সফর"]);
    let words = titles(&["সচিবালয়ে বৈঠক", "নদীভাঙনের খবর", "বিদেশ সফর", "বাজেট আলোচনা"]);
    for extra in [&["--no-cache"][..], &[], &[]] {
        let found = search(dir.path(), caches.path(), extra, "\"প্রধান উপদেষ্টা\"");
        assert_eq!(found, phrase, "{extra:?}");
        let found = search(dir.path(), caches.path(), extra, "প্রধান উপদেষ্টা");
        assert_eq!(found, words, "{extra:?}");
        let found = search(dir.path(), caches.path(), extra, "\"উপদেষ্টা প্রধান\"");
        assert_eq!(found, titles(&["বাজেট আলোচনা"]), "{extra:?}");
    }

    // A corpus loaded whole holds its bodies: the index splits them itself.
    let (corpus, _) = khobor::corpus::Corpus::load(
        &[dir.path().to_path_buf()],
        &khobor::extract::Extractor::new(),
    )
    .unwrap();
    let index = khobor::search::SearchIndex::new(&corpus);
    let found: BTreeSet<String> = index
        .search("\"প্রধান উপদেষ্টা\"")
        .iter()
        .map(|h| corpus.articles[h.article].title.clone())
        .collect();
    assert_eq!(found, phrase);
}
