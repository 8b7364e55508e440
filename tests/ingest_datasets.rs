//! Datasets, feeds and every bad-input case of them, through the real binary on files written
//! here (Bengali text written for these tests); and, when the shared archives are beside the
//! clone (`../shared/data/news`), every one of their rows checked against an independent reading
//! of the file with the `csv` and `serde_json` crates.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod common;

use common::cli::{extract, field, khobor};

const CSV: &str = "\u{FEFF}Title,Category,Author,Date_Time,Body,URL\r\n\
রাজশাহীতে আমের বাজারে ধস,বাংলাদেশ,নিজস্ব প্রতিবেদক,2026-02-25T17:20:15+06:00,\"রাজশাহীর বাজারে আমের দাম কমেছে, বলছেন চাষিরা।\r\nদ্বিতীয় অনুচ্ছেদে তাঁরা প্রথম আলোকে বলেন, লোকসান হচ্ছে।\",https://www.prothomalo.com/bangladesh/district/aam\r\n\
সিলেটে বন্যা পরিস্থিতি,বাংলাদেশ,Unknown,2024/08/12,সিলেটের নদীগুলোর পানি বাড়ছে।,\r\n";

#[test]
fn a_csv_gives_one_article_per_row_with_its_fields() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("news.csv");
    fs::write(&path, CSV).expect("write");
    let (records, errors) = extract(&[&path], &[]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records.len(), 2);
    let first = &records[0];
    assert_eq!(field(first, "title"), Some("রাজশাহীতে আমের বাজারে ধস"));
    assert!(field(first, "path").is_some_and(|p| p.ends_with("news.csv:2")));
    assert_eq!(field(first, "published"), Some("2026-02-25T17:20:15+06:00"));
    assert_eq!(
        field(first, "url"),
        Some("https://www.prothomalo.com/bangladesh/district/aam")
    );
    assert_eq!(field(first, "publisher"), Some("Prothom Alo"));
    assert_eq!(field(first, "author"), Some("নিজস্ব প্রতিবেদক"));
    assert_eq!(field(first, "category"), Some("বাংলাদেশ"));
    assert_eq!(first["body"].as_array().map(Vec::len), Some(2));
    // The paper quoting itself is not its own source.
    assert!(
        !first["sources"]
            .as_array()
            .is_some_and(|s| s.iter().any(|s| field(s, "name") == Some("Prothom Alo")))
    );
    let second = &records[1];
    assert!(field(second, "path").is_some_and(|p| p.ends_with("news.csv:4")));
    assert_eq!(field(second, "published"), Some("2024-08-12"));
    assert_eq!(field(second, "author"), None, "Unknown is no author");
    assert_eq!(field(second, "url"), None);
}

#[test]
fn tsv_json_json_lines_and_a_csv_named_txt_all_read_by_their_content() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = |n: &str| dir.path().join(n);
    fs::write(
        p("a.tsv"),
        "headline\tcontent\tpublished\nখুলনায় নতুন সেতু\tসেতুটি আজ খুলে দেওয়া হয়।\t১৩ জুলাই ২০২৫\n",
    )
    .expect("write");
    fs::write(
        p("b.json"),
        r#"{"articles": [{"headline": "বরিশালে লঞ্চ চলাচল বন্ধ", "article": "ঝড়ের কারণে লঞ্চ চলাচল বন্ধ রয়েছে।", "paper_name": "Daily Naya Diganta", "publication_date": "2025-12-25T11:17:12Z", "url": "https://dailynayadiganta.com/x/1", "author": ["ক", "খ"]}]}"#,
    )
    .expect("write");
    fs::write(
        p("c.jsonl"),
        "{\"title\": \"চট্টগ্রাম বন্দরে জট\", \"text\": \"বন্দরে জাহাজের জট বেড়েছে।\", \"date\": \"Thu, 25 Dec 2025 17:17:12 +0600\"}\n",
    )
    .expect("write");
    fs::write(
        p("d.txt"),
        "Date,Headline,Writer,Body\n2024/08/13,কুমিল্লায় সড়ক দুর্ঘটনা,Unknown,দুর্ঘটনায় দুজন আহত হয়েছেন।\n",
    )
    .expect("write");
    let (records, errors) = extract(&[dir.path()], &[]);
    assert!(errors.is_empty(), "{errors:?}");
    let by_title = |t: &str| {
        records
            .iter()
            .find(|r| field(r, "title") == Some(t))
            .unwrap_or_else(|| panic!("{t} in {records:?}"))
    };
    assert_eq!(
        field(by_title("খুলনায় নতুন সেতু"), "published"),
        Some("2025-07-13")
    );
    let json = by_title("বরিশালে লঞ্চ চলাচল বন্ধ");
    assert_eq!(field(json, "publisher"), Some("Naya Diganta"));
    assert_eq!(field(json, "published"), Some("2025-12-25T11:17:12+00:00"));
    assert_eq!(field(json, "author"), Some("ক, খ"));
    assert!(field(json, "path").is_some_and(|p| p.ends_with("b.json:1")));
    assert_eq!(
        field(by_title("চট্টগ্রাম বন্দরে জট"), "published"),
        Some("2025-12-25T17:17:12+06:00")
    );
    let txt = by_title("কুমিল্লায় সড়ক দুর্ঘটনা");
    assert_eq!(field(txt, "published"), Some("2024-08-13"));
    assert!(field(txt, "path").is_some_and(|p| p.ends_with("d.txt:2")));
    assert_eq!(records.len(), 4);
}

#[test]
fn columns_can_be_named_on_the_command_line_and_in_the_config() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("odd.csv");
    fs::write(
        &path,
        "shironam,lekha,tarikh\nযশোরে মেলা,মেলা শুরু হয়েছে।,2024-02-21\n",
    )
    .expect("write");
    let (records, errors) = extract(
        &[&path],
        &["--columns", "title=shironam,body=lekha,date=tarikh"],
    );
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(field(&records[0], "title"), Some("যশোরে মেলা"));
    assert_eq!(field(&records[0], "published"), Some("2024-02-21"));
    let config = dir.path().join("config.toml");
    fs::write(
        &config,
        "[columns]\ntitle = \"shironam\"\nbody = \"lekha\"\n",
    )
    .expect("write");
    let config_arg = config.display().to_string();
    let (records, errors) = extract(&[&path], &["--config", &config_arg]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(field(&records[0], "title"), Some("যশোরে মেলা"));
    assert_eq!(
        field(&records[0], "published"),
        None,
        "date not mapped: tarikh is no usual name"
    );
}

#[test]
fn every_bad_input_is_one_line_naming_the_file_and_row_and_the_rest_loads() {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = |n: &str| dir.path().join(n);
    let good_row = "নাটোরে ধান কাটা শুরু,কৃষকেরা ধান কাটছেন।";
    fs::write(
        p("broken_quote.csv"),
        format!(
            "title,body\n{good_row}\n\"ভাঙা উদ্ধৃতি,শুরু হয়ে আর শেষ হয় না\n{}",
            "লাইন\n".repeat(60)
        ),
    )
    .expect("write");
    fs::write(
        p("ragged.csv"),
        format!("title,body\n{good_row}\nএক,দুই,তিন\nফেনীতে বৃষ্টি,সারা দিন বৃষ্টি হয়েছে।\n"),
    )
    .expect("write");
    fs::write(p("bad.json"), "[{\"title\": \"x\",}").expect("write");
    fs::write(
        p("one_bad_line.jsonl"),
        "{\"title\": \"পাবনায় হাট\", \"body\": \"হাট বসেছে।\"}\n{\"title\": oops}\n{\"title\": \"বগুড়ায় দই\", \"body\": \"দইয়ের চাহিদা।\"}\n",
    )
    .expect("write");
    fs::write(p("zero.csv"), "").expect("write");
    fs::write(p("no_text.csv"), "id,when,score\n1,2024-01-01,3\n").expect("write");
    fs::write(
        p("old_date.csv"),
        "title,body,date\nপুরোনো খবর,অনেক আগের কথা।,1850-01-01\n",
    )
    .expect("write");
    fs::write(
        p("empty_row.csv"),
        "title,body\n,\nনোয়াখালীতে মাছ,মাছের দাম বেড়েছে।\n",
    )
    .expect("write");
    let (records, errors) = extract(&[dir.path()], &[]);
    let shown = |name: &str| p(name).display().to_string();
    let has = |prefix: String, word: &str| {
        errors
            .iter()
            .any(|e| e.starts_with(&format!("khobor: {prefix}: ")) && e.contains(word))
    };
    assert!(
        has(format!("{}:3", shown("broken_quote.csv")), "quote"),
        "{errors:#?}"
    );
    assert!(
        has(
            format!("{}:3", shown("ragged.csv")),
            "3 cells where the header has 2"
        ),
        "{errors:#?}"
    );
    assert!(
        has(shown("bad.json"), "not valid JSON (line 1, column"),
        "{errors:#?}"
    );
    assert!(
        has(
            format!("{}:2", shown("one_bad_line.jsonl")),
            "not valid JSON"
        ),
        "{errors:#?}"
    );
    assert!(has(shown("zero.csv"), "empty"), "{errors:#?}");
    assert!(
        has(shown("no_text.csv"), "id, when, score") && has(shown("no_text.csv"), "--columns"),
        "{errors:#?}"
    );
    assert!(
        has(format!("{}:2", shown("old_date.csv")), "out of range"),
        "{errors:#?}"
    );
    assert!(
        has(
            format!("{}:2", shown("empty_row.csv")),
            "no title and no body"
        ),
        "{errors:#?}"
    );
    assert_eq!(errors.len(), 8, "{errors:#?}");
    let titles: Vec<&str> = records.iter().filter_map(|r| field(r, "title")).collect();
    for t in [
        "নাটোরে ধান কাটা শুরু",
        "ফেনীতে বৃষ্টি",
        "পাবনায় হাট",
        "বগুড়ায় দই",
        "পুরোনো খবর",
        "নোয়াখালীতে মাছ",
    ] {
        assert!(titles.contains(&t), "{t} missing from {titles:?}");
    }
    assert_eq!(records.len(), 7, "{titles:?}");
}

const RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>খবর সংগ্রহ - Jugantor</title><link>https://www.jugantor.com</link>
<item><title>রংপুরে শীতের দাপট</title><link>https://www.jugantor.com/country/1</link>
<description>&lt;p&gt;রংপুরে তাপমাত্রা নেমেছে।&lt;/p&gt;&lt;p&gt;দ্বিতীয় অনুচ্ছেদ।&lt;/p&gt;</description>
<category>সারাদেশ</category><pubDate>Thu, 25 Dec 2025 09:00:00 +0600</pubDate></item>
<item><title>দিনাজপুরে আলু চাষ</title><link>https://www.jugantor.com/country/2</link>
<description>আলু চাষে ব্যস্ত কৃষক।</description><pubDate>Fri, 26 Dec 2025 10:30:00 +0600</pubDate></item>
</channel></rss>"#;

const ATOM: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Samakal</title><id>urn:x</id><updated>2025-12-26T10:00:00+06:00</updated>
<entry><title>ময়মনসিংহে বইমেলা</title><id>urn:1</id><link href="https://samakal.com/a/1"/>
<published>2025-12-26T10:00:00+06:00</published><updated>2025-12-26T10:00:00+06:00</updated>
<author><name>প্রতিবেদক</name></author><content type="html">&lt;p&gt;বইমেলা শুরু হয়েছে।&lt;/p&gt;</content></entry></feed>"#;

#[test]
fn feeds_give_one_article_per_item_with_link_date_and_outlet() {
    let dir = tempfile::tempdir().expect("temp dir");
    fs::write(dir.path().join("jugantor.xml"), RSS).expect("write");
    fs::write(dir.path().join("samakal.atom"), ATOM).expect("write");
    let (records, errors) = extract(&[dir.path()], &[]);
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records.len(), 3);
    let first = &records[0];
    assert_eq!(field(first, "title"), Some("রংপুরে শীতের দাপট"));
    assert_eq!(field(first, "published"), Some("2025-12-25T09:00:00+06:00"));
    assert_eq!(
        field(first, "url"),
        Some("https://www.jugantor.com/country/1")
    );
    assert_eq!(field(first, "publisher"), Some("Jugantor"));
    assert_eq!(field(first, "category"), Some("সারাদেশ"));
    assert_eq!(first["body"].as_array().map(Vec::len), Some(2));
    assert!(field(first, "path").is_some_and(|p| p.ends_with("jugantor.xml:1")));
    let atom = &records[2];
    assert_eq!(field(atom, "publisher"), Some("Samakal"));
    assert_eq!(field(atom, "author"), Some("প্রতিবেদক"));
    assert_eq!(
        field(atom, "body").or(atom["body"][0].as_str()),
        Some("বইমেলা শুরু হয়েছে।")
    );
}

/// The shared archives beside the clone, when they are there.
fn shared_archives() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/news");
    if dir.is_dir() {
        Some(dir)
    } else {
        println!("skipped: {} is absent", dir.display());
        None
    }
}

/// NFC and single spaces: what khobor's cleaning does to a headline, done independently.
fn normalised(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfc()
        .filter(|c| !matches!(c, '\u{200B}' | '\u{FEFF}'))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The dataset's date as ISO 8601 by the shapes the archives use, read independently.
fn dataset_date(s: &str) -> Option<String> {
    let s = s.trim();
    if let Ok(d) = chrono::DateTime::parse_from_rfc3339(s) {
        return Some(d.to_rfc3339_opts(chrono::SecondsFormat::Secs, false));
    }
    if let Ok(d) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S") {
        return Some(d.format("%Y-%m-%dT%H:%M:%S").to_string());
    }
    chrono::NaiveDate::parse_from_str(s, "%Y/%m/%d")
        .ok()
        .map(|d| d.to_string())
}

/// One expected row: key, headline, date, url.
type Expected = (u64, String, Option<String>, Option<String>);

/// How to read one archive independently.
type Reader = Box<dyn Fn(&Path) -> Vec<Expected>>;

fn expected_csv(
    path: &Path,
    title: &str,
    body: &str,
    date: &str,
    url: Option<&str>,
) -> Vec<Expected> {
    let text = fs::read_to_string(path).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    let mut reader = csv::Reader::from_path(path).expect("opens");
    let headers = reader.headers().expect("header").clone();
    let col = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim_start_matches('\u{FEFF}') == name)
    };
    let (t, b, d) = (
        col(title).expect("title"),
        col(body).expect("body"),
        col(date).expect("date"),
    );
    let u = url.and_then(col);
    let mut out = Vec::new();
    // Each record's line, found independently: the next line (after the last record's) that
    // starts with the record's first cell and its comma (no first cell here spans lines).
    let mut line = 1;
    for record in reader.records() {
        let record = record.expect("a well-formed archive");
        let first = &record[0];
        let (plain, quoted) = (format!("{first},"), format!("\"{first}\","));
        line += 1;
        while !(lines[line - 1].starts_with(&plain) || lines[line - 1].starts_with(&quoted)) {
            line += 1;
        }
        let line = line as u64;
        if record[t].trim().is_empty() && record[b].trim().is_empty() {
            continue;
        }
        let url = u
            .map(|u| record[u].trim().to_string())
            .filter(|u| !u.is_empty());
        out.push((line, normalised(&record[t]), dataset_date(&record[d]), url));
    }
    out
}

fn expected_json(path: &Path) -> Vec<Expected> {
    let items: Vec<Value> = serde_json::from_slice(&fs::read(path).expect("reads")).expect("JSON");
    items
        .iter()
        .enumerate()
        .filter_map(|(i, item)| {
            let s = |k: &str| item.get(k).and_then(Value::as_str).map(str::trim);
            let title = s("headline").unwrap_or("");
            if title.is_empty() && s("article").unwrap_or("").is_empty() {
                return None;
            }
            let url = s("url").filter(|u| !u.is_empty()).map(str::to_string);
            Some((
                i as u64 + 1,
                normalised(title),
                s("publication_date").and_then(dataset_date),
                url,
            ))
        })
        .collect()
}

#[test]
fn the_shared_archives_load_row_for_row_as_an_independent_reader_sees_them() {
    let Some(dir) = shared_archives() else { return };
    let files: [(&str, Reader); 5] = [
        (
            "prothomalo-2024.csv",
            Box::new(|p| expected_csv(p, "Headline", "Article Body", "Date Published", None)),
        ),
        (
            "jugantor-2024.csv",
            Box::new(|p| expected_csv(p, "Headline", "Body", "Date", None)),
        ),
        (
            "prothomalo-bangladesh-2026.csv",
            Box::new(|p| expected_csv(p, "Title", "Body", "Date_Time", Some("URL"))),
        ),
        (
            "ittefaq-2026.csv",
            Box::new(|p| expected_csv(p, "Title", "Body", "Date_Time", Some("URL"))),
        ),
        ("bdnewspapers-2025.json", Box::new(expected_json)),
    ];
    let mut total = 0;
    for (name, expected) in files {
        let path = dir.join(name);
        let expected = expected(&path);
        let (records, errors) = extract(&[&path], &[]);
        let misread: Vec<&String> = errors
            .iter()
            .filter(|e| !e.contains("date `Unknown`"))
            .collect();
        assert!(misread.is_empty(), "{name}: {misread:#?}");
        assert_eq!(records.len(), expected.len(), "{name}");
        let (mut with_date, mut dated) = (0, 0);
        for (r, (key, title, date, url)) in records.iter().zip(&expected) {
            let path = field(r, "path").expect("path");
            assert!(path.ends_with(&format!("{name}:{key}")), "{path} {key}");
            assert_eq!(field(r, "title"), Some(title.as_str()), "{path}");
            if let Some(date) = date {
                with_date += 1;
                if field(r, "published") == Some(date.as_str()) {
                    dated += 1;
                } else {
                    println!("{path}: {:?} != {date}", field(r, "published"));
                }
            }
            assert_eq!(field(r, "url"), url.as_deref(), "{path}");
        }
        println!(
            "{name}: {} rows, {dated} of {with_date} dated rows dated right",
            records.len()
        );
        assert!(
            dated * 100 >= with_date * 99,
            "{name}: {dated} of {with_date}"
        );
        total += records.len();
    }
    assert_eq!(total, 2516);
    let feeds = dir.join("feeds");
    if feeds.is_dir() {
        let (records, errors) = extract(&[&feeds], &[]);
        assert!(errors.is_empty(), "{errors:#?}");
        assert_eq!(records.len(), 112);
        assert!(
            records
                .iter()
                .all(|r| field(r, "url").is_some() && field(r, "published").is_some())
        );
    }
}

#[test]
fn publisher_clause_finds_what_an_outlet_published_not_what_it_is_named_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("news.csv");
    fs::write(&path, CSV).expect("write");
    let other = dir.path().join("jugantor-2024.csv");
    fs::write(
        &other,
        "Date,Headline,Body\n2024/08/13,যশোরে প্রথম আলো উৎসব,যশোরে উৎসব হয়েছে।\n",
    )
    .expect("write");
    let search = |query: &str| -> Vec<String> {
        let out = khobor()
            .args(["search", "--no-cache", query])
            .arg(dir.path())
            .output()
            .expect("runs");
        String::from_utf8(out.stdout)
            .expect("UTF-8")
            .lines()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter_map(|r| field(&r, "title").map(str::to_string))
            .collect()
    };
    assert_eq!(
        search("publisher:\"prothom alo\""),
        ["রাজশাহীতে আমের বাজারে ধস"]
    );
    assert_eq!(search("publisher:jugantor"), ["যশোরে প্রথম আলো উৎসব"]);
    assert!(search("publisher:যুগান্তর").contains(&"যশোরে প্রথম আলো উৎসব".to_string()));
}
