//! Issue 12, item 2: the whole search index saved in the cache directory. A warm start on an
//! unchanged corpus loads it and finds exactly what a fresh build finds; an edited, added or
//! removed article changes the corpus key, so the index is built again (and saved again); a
//! damaged or truncated index file is ignored with a warning, never trusted, never a crash.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use khobor::search::{SearchIndex, corpus_key};

mod common;

use common::bodies::{
    ARTICLES, FLOOD, archive, fresh_index, load_light, scored_hits, search_titles, write,
};

const QUERIES: &[&str] = &[
    "বন্যা",
    "প্রজ্ঞাপন",
    "flood",
    "পিলখানা",
    "\"চালের দাম\"",
    "body:বাজার",
    "ত্রাণ | সরবরাহ",
    "বাজারের",
    "title:নদী",
    "মানুষ",
];

/// Every hit of every query, with its score, in rank order.
fn hits(index: &SearchIndex) -> Vec<Vec<(usize, i64)>> {
    scored_hits(index, QUERIES)
}

/// The one index file in `cache`.
fn index_file(cache: &Path) -> PathBuf {
    let files: Vec<PathBuf> = std::fs::read_dir(cache)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("index-") && n.ends_with(".bin"))
        })
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    files[0].clone()
}

#[test]
fn a_saved_index_loads_whole_and_finds_what_a_fresh_build_finds() {
    let archive = archive(ARTICLES);
    let caches = tempfile::tempdir().unwrap();
    let corpus = load_light(archive.path(), Some(caches.path()));
    let built = fresh_index(&corpus);
    let expected = hits(&built);
    let flood: BTreeSet<String> = FLOOD.iter().map(|t| t.to_string()).collect();
    let titles = |found: &[(usize, i64)]| -> BTreeSet<String> {
        found
            .iter()
            .map(|&(a, _)| corpus.articles[a].title.clone())
            .collect()
    };
    assert_eq!(
        titles(&expected[0]),
        flood,
        "the fresh build finds the bodies"
    );

    let key = corpus_key(&corpus);
    assert!(!SearchIndex::is_saved(caches.path(), &key));
    assert!(matches!(
        SearchIndex::load_saved(caches.path(), &corpus, &key),
        Ok(None)
    ));
    built.save(caches.path(), &key).unwrap();
    assert!(SearchIndex::is_saved(caches.path(), &key));

    // A later start: the same files loaded again give the same key, and the index loads whole.
    let again = load_light(archive.path(), Some(caches.path()));
    assert_eq!(corpus_key(&again), key);
    let saved = SearchIndex::load_saved(caches.path(), &corpus, &key)
        .unwrap()
        .expect("the saved index");
    assert_eq!(saved.len(), built.len());
    assert_eq!(hits(&saved), expected);
}

#[test]
fn an_edited_or_removed_article_changes_the_key_and_the_index_is_built_again() {
    let mut articles = ARTICLES.to_vec();
    articles.push((
        "d.txt",
        "খেলার মাঠে",
        "ক্রিকেট দল নির্বাচনে নতুন মুখ। প্রজ্ঞাপনের অপেক্ষা নেই।",
    ));
    let archive = archive(&articles);
    let caches = tempfile::tempdir().unwrap();
    let corpus = load_light(archive.path(), Some(caches.path()));
    let key = corpus_key(&corpus);
    fresh_index(&corpus).save(caches.path(), &key).unwrap();

    // c.txt no longer mentions Pilkhana; d.txt is removed.
    write(
        archive.path(),
        "c.txt",
        "নদীর পাড়ে মানুষ",
        "বন্যার পানি নামছে। সেনাবাহিনী ত্রাণ পাঠিয়েছে।",
    );
    std::fs::remove_file(archive.path().join("d.txt")).unwrap();
    let edited = load_light(archive.path(), Some(caches.path()));
    let edited_key = corpus_key(&edited);
    assert_ne!(edited_key, key);
    assert!(!SearchIndex::is_saved(caches.path(), &edited_key));
    assert!(matches!(
        SearchIndex::load_saved(caches.path(), &edited, &edited_key),
        Ok(None)
    ));

    // Through `khobor search`: it builds, saves, and a second run serves the same from the file.
    let cli = tempfile::tempdir().unwrap();
    for run in 0..2 {
        assert!(search_titles(archive.path(), cli.path(), &[], "পিলখানা").is_empty());
        assert_eq!(
            search_titles(archive.path(), cli.path(), &[], "সেনাবাহিনী"),
            BTreeSet::from(["নদীর পাড়ে মানুষ".to_string()]),
            "run {run}"
        );
        assert!(search_titles(archive.path(), cli.path(), &[], "ক্রিকেট").is_empty());
        index_file(cli.path());
    }
    // An article added: found at once, the saved index of the old corpus notwithstanding.
    write(archive.path(), "e.txt", "নতুন খবর", "হাওরে ধান কাটার উৎসব।");
    assert_eq!(
        search_titles(archive.path(), cli.path(), &[], "হাওরে"),
        BTreeSet::from(["নতুন খবর".to_string()])
    );
    assert_eq!(
        search_titles(archive.path(), cli.path(), &[], "বন্যা"),
        FLOOD.iter().map(|t| t.to_string()).collect()
    );
}

#[test]
fn a_damaged_or_truncated_index_file_is_ignored_and_saved_again() {
    let archive = archive(ARTICLES);
    let caches = tempfile::tempdir().unwrap();
    let corpus = load_light(archive.path(), Some(caches.path()));
    let key = corpus_key(&corpus);
    let built = fresh_index(&corpus);
    let expected = hits(&built);
    built.save(caches.path(), &key).unwrap();
    let file = index_file(caches.path());
    let good = std::fs::read(&file).unwrap();

    let mut flipped = good.clone();
    let middle = flipped.len() / 2;
    flipped[middle] ^= 0x40;
    let mut long_length = good.clone();
    // The first array's length, right after the header: far longer than the file.
    long_length[32..40].copy_from_slice(&u64::MAX.to_le_bytes());
    let damaged: [(&str, Vec<u8>); 5] = [
        ("a flipped byte", flipped),
        ("truncated", good[..good.len() * 2 / 3].to_vec()),
        ("without its checksum", good[..good.len() - 8].to_vec()),
        ("an impossible length", long_length),
        ("only a header", good[..40].to_vec()),
    ];
    for (how, bytes) in damaged {
        std::fs::write(&file, &bytes).unwrap();
        let warning = SearchIndex::load_saved(caches.path(), &corpus, &key)
            .err()
            .unwrap_or_else(|| panic!("{how}: not loaded"));
        assert!(warning.contains("unusable"), "{how}: {warning}");
    }

    // Any one byte changed, anywhere: refused, never a panic (lengths and numbers are read
    // before the checksum at the end can be checked).
    for at in (0..good.len()).step_by(7) {
        for flip in [0x01, 0x80, 0xFF] {
            let mut bytes = good.clone();
            bytes[at] ^= flip;
            std::fs::write(&file, &bytes).unwrap();
            assert!(
                !matches!(
                    SearchIndex::load_saved(caches.path(), &corpus, &key),
                    Ok(Some(_))
                ),
                "byte {at} ^ {flip:#x} accepted"
            );
        }
    }

    // `khobor search` warns, finds what a fresh build finds, and saves a good file again.
    std::fs::write(&file, &good[..good.len() / 2]).unwrap();
    let out = common::cli::khobor()
        .env("KHOBOR_CACHE_DIR", caches.path())
        .env("HOME", caches.path())
        .env("XDG_DATA_HOME", caches.path().join("data"))
        .arg("search")
        .arg("বন্যা")
        .arg(archive.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("unusable"), "{stderr}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        FLOOD.len()
    );
    let reloaded = SearchIndex::load_saved(caches.path(), &corpus, &key)
        .unwrap()
        .expect("saved again");
    assert_eq!(hits(&reloaded), expected);
}
