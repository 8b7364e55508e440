//! Issue 12, item 2: the saved index updated incrementally. After files are added, edited and
//! removed, the index built from the saved one finds exactly what a fresh build finds (every
//! hit and score), reads only the files added or changed, and a damaged saved index is refused
//! (the full build then runs). Beside the saved index the body cache keeps only the bodies the
//! index dropped.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::AtomicBool;

use khobor::article::ContentId;
use khobor::cache::BodyCache;
use khobor::corpus::Corpus;
use khobor::search::body::read_body;
use khobor::search::{SearchIndex, Updated, corpus_key};

mod common;

use common::bodies::{archive, fresh_index, load_light, scored_hits, search_titles, write};

const ARTICLES: &[(&str, &str, &str)] = &[
    (
        "a.txt",
        "উত্তরাঞ্চলের খবর",
        "টানা বৃষ্টিতে বন্যায় হাজারো মানুষ পানিবন্দি। সরকার প্রজ্ঞাপন জারি করেছে।",
    ),
    (
        "b.txt",
        "বাজারের হালচাল",
        "চালের দাম বেড়েছে। ব্যবসায়ীরা বলছেন সরবরাহ কম। নির্বাচনের আগে বাজার চড়া।",
    ),
    (
        "c.txt",
        "নদীর পাড়ে মানুষ",
        "বন্যার পানি নামছে। পিলখানা থেকে ত্রাণ পাঠানো হয়েছে।",
    ),
    (
        "d.txt",
        "খেলার মাঠে",
        "ক্রিকেট দল নির্বাচনে নতুন মুখ। প্রজ্ঞাপনের অপেক্ষা নেই।",
    ),
];

const QUERIES: &[&str] = &[
    "বন্যা",
    "প্রজ্ঞাপন",
    "flood",
    "পিলখানা",
    "\"চালের দাম\"",
    "\"নতুন মুখ\"",
    "body:বাজার",
    "ত্রাণ | সরবরাহ",
    "নির্বাচন",
    "নির্বাচনে",
    "হাওর",
    "ধান",
    "ক্রিকেট",
    "title:নদী",
    "মানুষ",
];

/// Every hit of every query, with its score, in rank order.
fn hits(index: &SearchIndex) -> Vec<Vec<(usize, i64)>> {
    scored_hits(index, QUERIES)
}

/// `corpus` indexed from the index saved in `saved`, with the body cache in `bodies` (saved
/// afterwards, as the runtime does), and the file names its reads asked for.
fn updated_with(
    corpus: &Corpus,
    saved: &Path,
    bodies: &Path,
) -> Result<Option<(SearchIndex, Updated, BTreeSet<String>)>, String> {
    let titles = SearchIndex::new(corpus);
    let sources = titles.bodies_to_read(corpus);
    let read_paths = Mutex::new(BTreeSet::new());
    let read = |path: &str, id: ContentId| {
        let name = Path::new(path).file_name().unwrap().to_string_lossy();
        read_paths.lock().unwrap().insert(name.to_string());
        read_body(path, id)
    };
    let (mut cache, _) = BodyCache::open(bodies);
    let key = corpus_key(corpus);
    let never = AtomicBool::new(false);
    let found = titles.with_bodies_updated(&sources, &key, saved, read, &mut cache, &never)?;
    cache.save().unwrap();
    Ok(found.map(|(index, counts)| (index, counts, read_paths.into_inner().unwrap())))
}

/// [`updated_with`] an empty body cache.
fn updated(
    corpus: &Corpus,
    saved: &Path,
) -> Result<Option<(SearchIndex, Updated, BTreeSet<String>)>, String> {
    updated_with(corpus, saved, tempfile::tempdir().unwrap().path())
}

fn names(files: &[&str]) -> BTreeSet<String> {
    files.iter().map(|f| f.to_string()).collect()
}

#[test]
fn an_updated_index_finds_what_a_fresh_build_finds_and_reads_only_the_changed_files() {
    let archive = archive(ARTICLES);
    let caches = tempfile::tempdir().unwrap();
    let corpus = load_light(archive.path(), None);
    assert!(matches!(updated(&corpus, caches.path()), Ok(None)));
    fresh_index(&corpus)
        .save(caches.path(), &corpus_key(&corpus))
        .unwrap();

    // Unchanged: every body from the saved index, no file read.
    let (index, counts, read) = updated(&corpus, caches.path()).unwrap().unwrap();
    assert_eq!((counts.kept, counts.read, counts.dropped), (4, 0, 0));
    assert!(read.is_empty(), "{read:?}");
    assert_eq!(hits(&index), hits(&fresh_index(&corpus)));

    // c.txt edited, d.txt removed, bb.txt added between b.txt and c.txt; the new body holds
    // নির্বাচন itself, which makes it a stem the old bodies' নির্বাচনে and নির্বাচনের count with.
    write(
        archive.path(),
        "c.txt",
        "নদীর পাড়ে মানুষ",
        "বন্যার পানি নামছে। সেনাবাহিনী ত্রাণ পাঠিয়েছে। হাওরে ধান ডুবেছে।",
    );
    std::fs::remove_file(archive.path().join("d.txt")).unwrap();
    write(
        archive.path(),
        "bb.txt",
        "নতুন খবর",
        "হাওরে ধান কাটার উৎসব। নির্বাচন কমিশন প্রজ্ঞাপন দিয়েছে।",
    );
    let changed = load_light(archive.path(), None);
    let expected = hits(&fresh_index(&changed));
    assert!(!expected[10].is_empty(), "হাওর is found");
    let (index, counts, read) = updated(&changed, caches.path()).unwrap().unwrap();
    assert_eq!(read, names(&["bb.txt", "c.txt"]));
    assert_eq!((counts.kept, counts.read, counts.dropped), (2, 2, 2));
    assert_eq!(hits(&index), expected);

    // The updated index saved and loaded back, then updated again (its word numbers now have
    // gaps where the removed bodies' words were): still what a fresh build finds.
    let key = corpus_key(&changed);
    index.save(caches.path(), &key).unwrap();
    let loaded = SearchIndex::load_saved(caches.path(), &changed, &key)
        .unwrap()
        .unwrap();
    assert_eq!(hits(&loaded), expected);
    write(
        archive.path(),
        "a0.txt",
        "প্রথম পাতা",
        "ক্রিকেট দল নির্বাচনে নতুন মুখ। বন্যা পরিস্থিতির উন্নতি।",
    );
    std::fs::remove_file(archive.path().join("b.txt")).unwrap();
    let again = load_light(archive.path(), None);
    let bodies = tempfile::tempdir().unwrap();
    let (index, counts, read) = updated_with(&again, caches.path(), bodies.path())
        .unwrap()
        .unwrap();
    assert_eq!(read, names(&["a0.txt"]));
    assert_eq!((counts.kept, counts.read, counts.dropped), (3, 1, 1));
    assert_eq!(hits(&index), hits(&fresh_index(&again)));

    // The body dropped (b.txt) is kept in the body cache, alone: b.txt back as it was is taken
    // from there, not read.
    index.save(caches.path(), &corpus_key(&again)).unwrap();
    let (cache, _) = BodyCache::open(bodies.path());
    write(archive.path(), "b.txt", ARTICLES[1].1, ARTICLES[1].2);
    let back = load_light(archive.path(), None);
    let b_id = back
        .articles
        .iter()
        .find(|a| a.path.ends_with("/b.txt"))
        .unwrap()
        .id;
    assert!(cache.contains(b_id));
    drop(cache);
    let (index, counts, read) = updated_with(&back, caches.path(), bodies.path())
        .unwrap()
        .unwrap();
    assert!(read.is_empty(), "{read:?}");
    assert_eq!((counts.kept, counts.read, counts.dropped), (4, 1, 0));
    assert_eq!(hits(&index), hits(&fresh_index(&back)));
    assert_eq!(std::fs::read_dir(bodies.path()).unwrap().count(), 0);
}

#[test]
fn a_damaged_saved_index_is_refused_and_the_index_is_built_in_full() {
    let archive = archive(ARTICLES);
    let caches = tempfile::tempdir().unwrap();
    let corpus = load_light(archive.path(), None);
    fresh_index(&corpus)
        .save(caches.path(), &corpus_key(&corpus))
        .unwrap();
    let file = std::fs::read_dir(caches.path())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .find(|p| p.to_string_lossy().ends_with(".bin"))
        .unwrap();
    let good = std::fs::read(&file).unwrap();
    write(archive.path(), "e.txt", "নতুন খবর", "হাওরে ধান কাটার উৎসব।");
    let changed = load_light(archive.path(), None);
    // A byte of the title keys (never read by an update, but under the checksum) and one of
    // the bodies, near the front.
    for at in [good.len() - 20, 100] {
        let mut bytes = good.clone();
        bytes[at] ^= 0x10;
        std::fs::write(&file, &bytes).unwrap();
        let warning = updated(&changed, caches.path())
            .err()
            .unwrap_or_else(|| panic!("byte {at}: accepted"));
        assert!(warning.contains("unusable"), "{warning}");

        // The runtime's entry point warns and builds the whole index instead.
        std::fs::write(&file, &bytes).unwrap();
        let titles = SearchIndex::new(&changed);
        let sources = titles.bodies_to_read(&changed);
        let key = corpus_key(&changed);
        let never = AtomicBool::new(false);
        let (index, warning) = titles
            .with_bodies_persisted(&sources, read_body, Some(caches.path()), Some(&key), &never)
            .unwrap();
        assert!(warning.is_some_and(|w| w.contains("unusable")));
        assert_eq!(hits(&index), hits(&fresh_index(&changed)));
    }
}

#[test]
fn khobor_search_updates_its_index_and_keeps_only_dropped_bodies_beside_it() {
    let archive = archive(ARTICLES);
    let cli = tempfile::tempdir().unwrap();
    let cache_files = |prefix: &str| -> usize {
        std::fs::read_dir(cli.path())
            .unwrap()
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().to_string();
                name.starts_with(prefix) && name.ends_with(".bin")
            })
            .count()
    };
    assert_eq!(
        search_titles(archive.path(), cli.path(), &[], "পিলখানা"),
        names(&["নদীর পাড়ে মানুষ"])
    );
    assert_eq!((cache_files("index-"), cache_files("bodies-")), (1, 0));

    // c.txt removed: its body is kept in a body cache of its own, beside the updated index.
    let c = std::fs::read(archive.path().join("c.txt")).unwrap();
    write(archive.path(), "e.txt", "নতুন খবর", "হাওরে ধান কাটার উৎসব।");
    std::fs::remove_file(archive.path().join("c.txt")).unwrap();
    for run in 0..2 {
        assert_eq!(
            search_titles(archive.path(), cli.path(), &[], "হাওরে"),
            names(&["নতুন খবর"]),
            "run {run}"
        );
        assert!(search_titles(archive.path(), cli.path(), &[], "পিলখানা").is_empty());
        assert_eq!(
            search_titles(archive.path(), cli.path(), &[], "নির্বাচন"),
            names(&["বাজারের হালচাল", "খেলার মাঠে"])
        );
        assert_eq!((cache_files("index-"), cache_files("bodies-")), (1, 1));
    }
    // Back: taken from there (and found), and no body is left outside the index.
    std::fs::write(archive.path().join("c.txt"), c).unwrap();
    assert_eq!(
        search_titles(archive.path(), cli.path(), &[], "পিলখানা"),
        names(&["নদীর পাড়ে মানুষ"])
    );
    assert_eq!((cache_files("index-"), cache_files("bodies-")), (1, 0));
}
