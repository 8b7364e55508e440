//! The acceptance criteria of the ingest issue, pinned on the four bundled seeds.

use khobor::article::{Article, SourceRole};
use khobor::ingest::parse_bytes;
use khobor::seeds::BUNDLED;

fn seed(prefix: &str) -> Article {
    let (path, bytes) = BUNDLED
        .iter()
        .find(|(p, _)| p.starts_with(&format!("seeds/{prefix}")))
        .expect("seed is bundled");
    let (article, warnings) = parse_bytes(path, bytes).expect("seed parses");
    assert!(warnings.is_empty(), "{warnings:?}");
    article
}

fn sources(a: &Article) -> Vec<(&str, SourceRole)> {
    a.sources
        .iter()
        .map(|s| (s.name.as_str(), s.role))
        .collect()
}

fn body_contains(a: &Article, needle: &str) -> bool {
    a.body.iter().any(|p| p.contains(needle))
}

#[test]
fn seed_000_update_time_and_credit_plus_agencies() {
    let a = seed("000");
    assert_eq!(a.title, "ইউক্রেন যুদ্ধে রাশিয়াকে নিঃশর্ত সমর্থনের বার্তা কিম জং উনের");
    assert!(!a.title_derived);
    assert_eq!(
        a.published.map(|p| p.to_iso()).as_deref(),
        Some("2025-07-13T13:28:31")
    );
    assert_eq!(
        sources(&a),
        [
            ("Al Jazeera", SourceRole::Credit),
            ("KCNA", SourceRole::Attributed),
            ("TASS", SourceRole::Attributed)
        ]
    );
    assert_eq!(a.sources[0].name_bn, "আল জাজিরা");
    assert!(a.cited_media.is_empty());
    assert!(
        !body_contains(&a, "আপডেট সময়"),
        "the date line is not body text"
    );
    assert!(!a.body.iter().any(|p| p == "- / 0"));
}

#[test]
fn seed_001_no_date_and_footer_chrome_removed() {
    let a = seed("001");
    assert_eq!(a.title, "চীনে আড়াই ঘণ্টা বৈঠক করলেন পুতিন ও কিম");
    assert_eq!(a.published, None);
    assert_eq!(sources(&a), [("TASS", SourceRole::Attributed)]);
    for chrome in [
        "আরও পড়ুনঃ",
        "মন্তব্যসমূহ বন্ধ করা হয়",
        "This website uses cookies",
    ] {
        assert!(!body_contains(&a, chrome), "{chrome}");
    }
    assert!(
        body_contains(&a, "প্রায় ৪ হাজার ৭০০ জন হতাহত"),
        "last paragraph kept"
    );
}

#[test]
fn seed_002_headline_below_chrome_and_print_date_ignored() {
    let a = seed("002");
    assert_eq!(a.title, "পুতিনের সঙ্গে অস্ত্র আলোচনার জন্য রাশিয়ায় যাচ্ছেন কিম");
    assert_eq!(
        a.published.map(|p| p.to_iso()).as_deref(),
        Some("2023-09-05")
    );
    assert_eq!(a.publisher.as_deref(), Some("বাংলার আকাশ নিউজ ২৪"));
    assert_eq!(
        sources(&a),
        [
            ("BBC", SourceRole::Credit),
            ("CBS", SourceRole::Attributed),
            ("The New York Times", SourceRole::Attributed)
        ]
    );
    for chrome in [
        "Spread the love",
        "Leave a Reply",
        "All rights reserved",
        "Time View",
        "@",
    ] {
        assert!(!body_contains(&a, chrome), "{chrome}");
    }
    assert!(
        body_contains(&a, "খবর বিবিসির"),
        "the credit sentence stays"
    );
}

#[test]
fn seed_003_derived_title_event_date_and_byline() {
    let a = seed("003");
    assert!(a.title_derived);
    let stem = a.title.trim_end_matches('…');
    assert!(
        a.body[0].starts_with(stem),
        "title comes from the first sentence"
    );
    assert!(
        a.body[0][stem.len()..].starts_with([' ', '।']),
        "cut at a word boundary: {}",
        a.title
    );
    assert_eq!(
        a.published, None,
        "১৫ আগস্ট is an event, not the publication date"
    );
    assert_eq!(sources(&a), [("BBC", SourceRole::Credit)]);
    assert_eq!(a.byline, ["/এআই"]);
    assert!(!body_contains(&a, "/এআই"));
}

#[test]
fn seeds_agree_with_the_gold_files() {
    let gold_dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/eval/seeds-gold");
    let Ok(entries) = std::fs::read_dir(&gold_dir) else {
        eprintln!(
            "skipped: {} is not present in this checkout",
            gold_dir.display()
        );
        return;
    };
    let mut checked = 0;
    for entry in entries.flatten() {
        let text = std::fs::read_to_string(entry.path()).expect("gold is readable");
        let gold: serde_json::Value = serde_json::from_str(&text).expect("gold is JSON");
        let file = gold["file"].as_str().expect("gold names its file");
        let a = seed(&file[..3]);
        if let Some(title) = gold["title"].as_str() {
            assert_eq!(a.title, title, "{file}");
        }
        assert_eq!(
            a.published.map(|p| p.to_iso()),
            gold["published"].as_str().map(str::to_string),
            "{file}"
        );
        let mut want: Vec<&str> = gold["sources"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(gold["cited_media"].as_array().into_iter().flatten())
            .filter_map(|s| s["name"].as_str())
            .collect();
        let mut got: Vec<&str> = a
            .sources
            .iter()
            .map(|s| s.name.as_str())
            .chain(a.cited_media.iter().map(|m| m.name.as_str()))
            .collect();
        want.sort_unstable();
        got.sort_unstable();
        assert_eq!(got, want, "{file}");
        checked += 1;
    }
    assert_eq!(checked, BUNDLED.len());
}
