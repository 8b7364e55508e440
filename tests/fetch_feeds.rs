//! `khobor fetch` against a server on 127.0.0.1: RSS, Atom and JSON Feed items become article
//! files with the right title, date, URL, outlet and body; conditional GET; updates; charsets.

mod fetch_support;

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use fetch_support::{Reply, STORY, Server, article_page};
use khobor::fetch::http::Limits;
use khobor::fetch::run::Options;
use khobor::fetch::{Event, FeedReport, Subscription, fetch_all};
use khobor::ingest::parse_bytes;

fn sub(name: &str, url: &str, outlet: Option<&str>) -> Subscription {
    Subscription {
        name: name.into(),
        url: url.into(),
        outlet: outlet.map(str::to_string),
    }
}

/// Runs a fetch into `root`; returns the reports and the problem lines.
pub fn fetch(root: &Path, feeds: &[Subscription]) -> (Vec<FeedReport>, Vec<String>) {
    let problems = Mutex::new(Vec::new());
    let mut options = Options::new(root.to_path_buf());
    options.limits = Limits {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(2),
        max_backoff: Duration::from_millis(200),
        ..Limits::default()
    };
    let reports = fetch_all(feeds, &options, &|e| {
        if let Event::Problem { feed, url, message } = e {
            problems
                .lock()
                .expect("problems")
                .push(format!("{feed}: {url}: {message}"));
        }
    });
    (reports, problems.into_inner().expect("problems"))
}

/// The article files of one feed folder, sorted.
pub fn articles(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

fn rss(base: &str, title: &str, date: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>দৈনিক পরীক্ষা</title><link>{base}/</link>
<item><title>{title}</title><link>{base}/bangladesh/waste</link><guid isPermaLink="false">waste-1</guid>
<pubDate>{date}</pubDate><author>নিজস্ব প্রতিবেদক</author><description>মিরপুরে বর্জ্য কেন্দ্র।</description></item>
<item><title>সিলেটে বন্যার পানি কমছে</title><link>{base}/bangladesh/flood</link><guid isPermaLink="false">flood-1</guid>
<pubDate>Wed, 24 Dec 2025 09:05:00 +0600</pubDate><description>সুরমা নদীর পানি কমছে।</description></item>
</channel></rss>"#
    )
}

const WASTE: &str = "মিরপুরে নতুন বর্জ্য ব্যবস্থাপনা কেন্দ্র চালু";

fn serve_pages(server: &Server) {
    server.set("/bangladesh/waste", Reply::html(article_page(WASTE, STORY)));
    server.set(
        "/bangladesh/flood",
        Reply::html(article_page("সিলেটে বন্যার পানি কমছে", &STORY[1..])),
    );
    server.set(
        "/atom/1",
        Reply::html(article_page("রাজশাহীতে আমের বাজার", STORY)),
    );
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).expect("article file")
}

#[test]
fn rss_atom_and_json_items_become_articles() {
    let server = Server::start();
    let base = server.base.clone();
    server.set(
        "/rss.xml",
        Reply::xml(rss(&base, WASTE, "Thu, 25 Dec 2025 17:17:12 +0600")),
    );
    server.set(
        "/atom.xml",
        Reply::typed(
            format!(
                r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>পরীক্ষা অ্যাটম</title><id>urn:test:atom</id>
<updated>2025-12-24T08:00:00+06:00</updated>
<entry><title>রাজশাহীতে আমের বাজার</title><id>urn:test:atom:1</id><link rel="alternate" href="{base}/atom/1"/>
<published>2025-12-24T08:00:00+06:00</published><updated>2025-12-24T09:00:00+06:00</updated>
<author><name>রাশেদ করিম</name></author><summary>আমের দাম।</summary></entry></feed>"#
            ),
            "application/atom+xml",
        ),
    );
    let content: String = STORY.iter().map(|p| format!("<p>{p}</p>")).collect();
    let json = serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": "জেসন পরীক্ষা",
        "items": [{
            "id": "json-1",
            "url": format!("{base}/json/1"),
            "title": "খুলনায় নতুন সেতু",
            "date_published": "2025-12-23T10:00:00+06:00",
            "authors": [{"name": "খুলনা প্রতিনিধি"}],
            "content_html": content,
        }]
    });
    server.set(
        "/feed.json",
        Reply::typed(json.to_string(), "application/feed+json"),
    );
    serve_pages(&server);

    let root = tempfile::tempdir().expect("temp dir");
    let feeds = [
        sub("rss", &server.url("/rss.xml"), Some("Prothom Alo")),
        sub("atom", &server.url("/atom.xml"), None),
        sub("json", &server.url("/feed.json"), None),
    ];
    let (reports, problems) = fetch(root.path(), &feeds);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        reports.iter().map(|r| r.new).collect::<Vec<_>>(),
        vec![2, 1, 1]
    );

    let rss_files = articles(&root.path().join("rss"));
    assert_eq!(rss_files.len(), 2);
    let waste = rss_files
        .iter()
        .find(|p| text(p).starts_with(WASTE))
        .expect("the waste article");
    let written = text(waste);
    assert!(
        written.contains(&format!("\nURL: {base}/bangladesh/waste\n")),
        "{written}"
    );
    assert!(written.contains("\nপ্রকাশক: Prothom Alo\n"), "{written}");
    assert!(written.contains("\nলেখক: নিজস্ব প্রতিবেদক\n"), "{written}");
    for chrome in [
        "আরও পড়ুন",
        "শেয়ার করুন",
        "সর্বস্বত্ব",
        "প্রচ্ছদ",
        "মন্তব্য করুন",
        "রাজশাহীতে আমের দাম",
    ] {
        assert!(
            !written.contains(chrome),
            "page chrome {chrome:?} kept:\n{written}"
        );
    }
    let (article, _) = parse_bytes("waste.txt", written.as_bytes()).expect("parse");
    assert_eq!(article.title, WASTE);
    assert_eq!(
        article.published.map(|p| p.to_iso()).as_deref(),
        Some("2025-12-25T17:17:00")
    );
    assert_eq!(article.body, STORY);

    let atom = articles(&root.path().join("atom"));
    let atom_text = text(&atom[0]);
    assert!(atom_text.contains("\nপ্রকাশক: পরীক্ষা অ্যাটম\n"), "{atom_text}");
    assert!(atom_text.contains("\nলেখক: রাশেদ করিম\n"), "{atom_text}");
    let (article, _) = parse_bytes("atom.txt", atom_text.as_bytes()).expect("parse");
    assert_eq!(article.title, "রাজশাহীতে আমের বাজার");
    assert_eq!(
        article.published.map(|p| p.to_iso()).as_deref(),
        Some("2025-12-24T08:00:00")
    );
    assert_eq!(article.body, STORY);

    let json_files = articles(&root.path().join("json"));
    let (article, _) = parse_bytes("json.txt", text(&json_files[0]).as_bytes()).expect("parse");
    assert_eq!(article.title, "খুলনায় নতুন সেতু");
    assert_eq!(article.body, STORY);
    assert_eq!(server.hits("/json/1"), 0, "full content needs no page");
}

#[test]
fn unchanged_feed_costs_one_304_and_no_page() {
    let server = Server::start();
    let base = server.base.clone();
    server.set(
        "/rss.xml",
        Reply::xml(rss(&base, WASTE, "Thu, 25 Dec 2025 17:17:12 +0600")).with_etag("\"v1\""),
    );
    serve_pages(&server);
    let root = tempfile::tempdir().expect("temp dir");
    let feeds = [sub("rss", &server.url("/rss.xml"), None)];
    let (first, problems) = fetch(root.path(), &feeds);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(first[0].new, 2);
    let pages = server.hits_under("/bangladesh/");
    assert_eq!(pages, 2);
    let before: Vec<_> = articles(&root.path().join("rss"))
        .iter()
        .map(|p| {
            std::fs::metadata(p)
                .and_then(|m| m.modified())
                .expect("mtime")
        })
        .collect();

    let (second, problems) = fetch(root.path(), &feeds);
    assert!(problems.is_empty(), "{problems:?}");
    assert!(second[0].not_modified, "{:?}", second[0]);
    assert_eq!(server.hits("/rss.xml"), 2);
    assert_eq!(
        server.hits_under("/bangladesh/"),
        pages,
        "no page downloaded again"
    );
    let after: Vec<_> = articles(&root.path().join("rss"))
        .iter()
        .map(|p| {
            std::fs::metadata(p)
                .and_then(|m| m.modified())
                .expect("mtime")
        })
        .collect();
    assert_eq!(before, after);
}

#[test]
fn updated_item_replaces_its_file() {
    let server = Server::start();
    let base = server.base.clone();
    server.set(
        "/rss.xml",
        Reply::xml(rss(&base, WASTE, "Thu, 25 Dec 2025 17:17:12 +0600")),
    );
    serve_pages(&server);
    let root = tempfile::tempdir().expect("temp dir");
    let feeds = [sub("rss", &server.url("/rss.xml"), None)];
    fetch(root.path(), &feeds);
    let dir = root.path().join("rss");
    let files = articles(&dir);
    assert_eq!(files.len(), 2);

    let corrected = "মিরপুরে বর্জ্য ব্যবস্থাপনা কেন্দ্র চালু, খরচ ২০ কোটি টাকা";
    server.set(
        "/rss.xml",
        Reply::xml(rss(&base, corrected, "Thu, 25 Dec 2025 19:30:00 +0600")),
    );
    let (reports, problems) = fetch(root.path(), &feeds);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        (reports[0].updated, reports[0].unchanged, reports[0].new),
        (1, 1, 0)
    );
    assert_eq!(articles(&dir), files, "same files, none added");
    let replaced: Vec<String> = files.iter().map(|p| text(p)).collect();
    assert!(replaced.iter().any(|t| t.starts_with(corrected)));
    assert!(!replaced.iter().any(|t| t.starts_with(WASTE)));
    assert_eq!(
        server.hits("/bangladesh/flood"),
        1,
        "the unchanged item is not fetched again"
    );
}

#[test]
fn feeds_in_other_charsets_read_right() {
    let server = Server::start();
    let base = server.base.clone();
    // Bengali in UTF-16, named only by the Content-Type header.
    let utf16_doc = rss(&base, WASTE, "Thu, 25 Dec 2025 17:17:12 +0600")
        .replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"");
    let utf16: Vec<u8> = utf16_doc
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    server.set(
        "/utf16.xml",
        Reply::typed(utf16, "application/rss+xml; charset=utf-16le"),
    );
    serve_pages(&server);
    // An English feed and page in Windows-1252, named only inside the documents.
    let latin = format!(
        r#"<?xml version="1.0" encoding="windows-1252"?>
<rss version="2.0"><channel><title>Café news</title>
<item><title>Café owners in Dhaka’s Gulshan protest new fees</title><link>{base}/latin/1</link>
<guid>latin-1</guid><pubDate>Mon, 22 Dec 2025 11:00:00 +0600</pubDate></item></channel></rss>"#
    );
    let (latin_bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
    server.set(
        "/latin.xml",
        Reply::typed(latin_bytes.into_owned(), "application/rss+xml"),
    );
    let para = "Café owners in Gulshan and Banani said the Dhaka North City Corporation’s new trade licence fees would force many small cafés to close before the winter season.";
    let page = article_page("Café owners protest", &[para, para, para]).replace(
        "<meta charset=\"utf-8\">",
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\">",
    );
    let (page_bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&page);
    server.set(
        "/latin/1",
        Reply::typed(page_bytes.into_owned(), "text/html"),
    );

    let root = tempfile::tempdir().expect("temp dir");
    let feeds = [
        sub("utf16", &server.url("/utf16.xml"), None),
        sub("latin", &server.url("/latin.xml"), None),
    ];
    let (reports, problems) = fetch(root.path(), &feeds);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(reports[0].new, 2);
    let titles: Vec<String> = articles(&root.path().join("utf16"))
        .iter()
        .map(|p| text(p).lines().next().unwrap_or_default().to_string())
        .collect();
    assert!(titles.contains(&WASTE.to_string()), "{titles:?}");
    let latin_text = text(&articles(&root.path().join("latin"))[0]);
    assert!(
        latin_text.starts_with("Café owners in Dhaka’s Gulshan protest new fees\n"),
        "{latin_text}"
    );
    assert!(latin_text.contains(para), "{latin_text}");
}
