//! Arbitrary bytes against everything that reads untrusted input: decoding + cleaning + the
//! layout parser (`parse_bytes`), the dataset, feed and web page readers (`formats::load` on
//! files of every extension), `clean` on arbitrary text, the date-line parser, and the output
//! escaping. Nothing may panic; what comes out must be inert. Bounded: `PROPTEST_CASES` (default
//! 2,000 per property, a quarter of that for the file readers; a few seconds) keeps CI well
//! under a minute.
#![cfg(target_os = "linux")]

use khobor::ingest::formats;
use khobor::ingest::{clean, parse_bytes};
use khobor::text::date::parse_date_line;
use khobor::text::escape::{for_terminal, write_json_line};
use proptest::prelude::*;

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(2000)
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: cases(),
        ..ProptestConfig::default()
    }
}

/// Each case of the file readers writes a file: a quarter as many.
fn file_config() -> ProptestConfig {
    ProptestConfig {
        cases: cases().div_ceil(4),
        ..ProptestConfig::default()
    }
}

/// Bytes with the shapes real damage has: UTF-8 Bengali, BOMs, escapes, NULs, random runs.
fn input_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => "[\\u{0980}-\\u{09FF} \\n।:,0-9a-z]{0,40}".prop_map(String::into_bytes),
        1 => Just(vec![0xFF, 0xFE]),
        1 => Just(vec![0xFE, 0xFF]),
        1 => Just(b"\x1b]2;x\x07\x1b[31m".to_vec()),
        1 => Just("প্রকাশ: ২১ মার্চ ২০২৬, ১২:৩৫\n".as_bytes().to_vec()),
        2 => prop::collection::vec(any::<u8>(), 0..64),
    ];
    prop::collection::vec(piece, 0..12).prop_map(|v| v.concat())
}

/// A file's start in each format the readers tell apart, so the fuzz reaches past detection.
const STARTS: &[(&str, &str)] = &[
    ("a.csv", "title,body,date,url\n"),
    ("a.tsv", "headline\tcontent\tpublished\n"),
    ("a.txt", "\u{FEFF}Date,Headline,Body\r\n\""),
    ("a.json", "[{\"title\": \"শিরোনাম\", \"body\": \""),
    (
        "a.json",
        "{\"articles\": [{\"headline\": 1, \"text\": [\"ক\", ",
    ),
    (
        "a.jsonl",
        "{\"title\": \"ক\", \"text\": \"খ\"}\n{\"title\": ",
    ),
    (
        "a.xml",
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><title>",
    ),
    (
        "a.atom",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>",
    ),
    (
        "a.html",
        "<!DOCTYPE html><html><head><meta property=\"article:published_time\" content=\"",
    ),
    ("a.htm", "<html><body><article><h1>শিরোনাম</h1><p>"),
];

fn inert(s: &str) -> bool {
    !s.chars().any(|c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parse_bytes_never_panics_and_yields_clean_text(bytes in input_bytes()) {
        if let Ok((a, _)) = parse_bytes("fuzz.txt", &bytes) {
            prop_assert!(inert(&a.title));
            prop_assert!(!a.title.contains('\n'));
            for p in &a.body {
                prop_assert!(inert(p));
            }
        }
    }

    #[test]
    fn clean_is_inert_and_idempotent(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let text = String::from_utf8_lossy(&bytes);
        let once = clean(&text);
        prop_assert!(inert(&once));
        prop_assert_eq!(clean(&once), once.clone());
    }

    #[test]
    fn date_lines_never_panic(line in "[\\u{0980}-\\u{09FF}0-9:/,\\-. a-zA-Z]{0,60}", junk in prop::collection::vec(any::<u8>(), 0..64)) {
        let _ = parse_date_line(&line);
        let _ = parse_date_line(&String::from_utf8_lossy(&junk));
    }

    #[test]
    fn escaped_output_is_one_inert_line(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let text = String::from_utf8_lossy(&bytes);
        let shown = for_terminal(&text);
        prop_assert!(inert(&shown) && !shown.contains('\n'));
        let mut json = Vec::new();
        write_json_line(&mut json, text.as_ref()).expect("writes");
        let json = String::from_utf8(json).expect("UTF-8");
        prop_assert!(inert(json.trim_end_matches('\n')));
        let back: String = serde_json::from_str(json.trim_end()).expect("valid JSON");
        prop_assert_eq!(back, text.into_owned());
    }
}

proptest! {
    #![proptest_config(file_config())]

    #[test]
    fn file_readers_never_panic_and_yield_clean_text(
        start in 0..STARTS.len(),
        bytes in input_bytes(),
        tail in prop::collection::vec(any::<u8>(), 0..32),
    ) {
        let dir = tempfile::tempdir().expect("temp dir");
        let (name, head) = STARTS[start];
        let path = dir.path().join(name);
        std::fs::write(&path, [head.as_bytes(), &bytes, &tail].concat()).expect("write");
        if let Ok(loaded) = formats::load(&path) {
            for a in &loaded.articles {
                prop_assert!(inert(&a.title) && !a.title.contains('\n'));
                for p in &a.body {
                    prop_assert!(inert(p));
                }
                for v in [&a.url, &a.publisher, &a.author, &a.category].into_iter().flatten() {
                    prop_assert!(inert(v));
                }
            }
        }
    }
}
