//! The real RSS files in ../shared/data/news/feeds, served from 127.0.0.1 with their links
//! pointed at the test server, fetch end to end: every item becomes one article.

mod fetch_support;

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

use fetch_support::{Reply, Server, article_page};
use khobor::fetch::run::Options;
use khobor::fetch::{Event, Subscription, fetch_all};
use khobor::ingest::parse_bytes;

fn feeds_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/news/feeds");
    dir.is_dir().then_some(dir)
}

/// The `<link>` of every `<item>`, read without the feed parser.
fn item_links(xml: &str) -> HashSet<String> {
    xml.split("<item>")
        .skip(1)
        .filter_map(|item| {
            let start = item.find("<link>")? + "<link>".len();
            let end = item[start..].find("</link>")? + start;
            Some(item[start..end].trim().to_string())
        })
        .collect()
}

#[test]
fn real_rss_files_fetch_end_to_end() {
    let Some(dir) = feeds_dir() else {
        eprintln!("skipped: ../shared/data/news/feeds is absent (CI has it)");
        return;
    };
    let server = Server::start();
    let paragraph = "The city corporation said the work would be finished before the monsoon, and residents of the area were asked to use the temporary road in the meantime.";
    server.set(
        "/ext/*",
        Reply::html(article_page(
            "Test page",
            &[paragraph, paragraph, paragraph],
        )),
    );
    let mut feeds = Vec::new();
    let mut expected = Vec::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("feeds dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "xml"))
        .collect();
    files.sort();
    assert!(!files.is_empty());
    for path in &files {
        let name = path
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let xml = std::fs::read_to_string(path).expect("feed file");
        let served = xml.replace("https://", &format!("{}/ext/", server.base));
        expected.push((name.clone(), item_links(&xml).len()));
        server.set(&format!("/{name}.xml"), Reply::xml(served));
        feeds.push(Subscription {
            name: name.clone(),
            url: server.url(&format!("/{name}.xml")),
            outlet: None,
        });
    }
    let root = tempfile::tempdir().expect("temp dir");
    let problems = Mutex::new(Vec::new());
    let reports = fetch_all(&feeds, &Options::new(root.path().to_path_buf()), &|e| {
        if let Event::Problem { feed, url, message } = e {
            problems
                .lock()
                .expect("problems")
                .push(format!("{feed}: {url}: {message}"));
        }
    });
    let problems = problems.into_inner().expect("problems");
    assert!(problems.is_empty(), "{problems:#?}");
    for ((name, links), report) in expected.iter().zip(&reports) {
        assert_eq!(report.new, *links, "{name}: {report:?}");
        let written: Vec<PathBuf> = std::fs::read_dir(root.path().join(name))
            .expect("feed folder")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        assert_eq!(written.len(), *links, "{name}");
        for file in written {
            let bytes = std::fs::read(&file).expect("article");
            let (article, _) = parse_bytes("a.txt", &bytes).expect("parse");
            assert!(!article.title.is_empty(), "{}", file.display());
            assert!(article.published.is_some(), "{}", file.display());
            assert_eq!(article.body, vec![paragraph; 3], "{}", file.display());
        }
    }
}
