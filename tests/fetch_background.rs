//! The reader's background fetch (`R`) against a server on 127.0.0.1: files are reported as they
//! land with a progress count, and a stopped run begins no file after `stop` returns.

mod fetch_support;

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use fetch_support::{Reply, STORY, Server, article_page};
use khobor::fetch::Subscription;
use khobor::fetch::background::{FetchEvent, spawn};
use khobor::fetch::run::Options;
use khobor::ingest::parse_bytes;

fn rss(base: &str, items: usize) -> String {
    let items: String = (0..items)
        .map(|i| {
            format!(
                "<item><title>পরীক্ষার খবর {i}</title><link>{base}/story/{i}</link>\
                 <guid isPermaLink=\"false\">story-{i}</guid>\
                 <pubDate>Wed, 24 Dec 2025 09:{i:02}:00 +0600</pubDate></item>"
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>দৈনিক পরীক্ষা</title><link>{base}/</link>{items}</channel></rss>"#
    )
}

fn serve(server: &Server, items: usize, page_delay: Duration) {
    server.set("/feed.xml", Reply::xml(rss(&server.base, items)));
    let page = Reply::html(article_page("পরীক্ষার খবর", STORY));
    server.set("/story/*", Reply::Slow(page_delay, Box::new(page)));
}

fn subscription(server: &Server) -> Vec<Subscription> {
    vec![Subscription {
        name: "test".into(),
        url: server.url("/feed.xml"),
        outlet: None,
    }]
}

/// Every file in the archive, hidden ones included.
fn all_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn assert_whole(path: &Path) {
    let bytes = std::fs::read(path).expect("read");
    let (article, _) = parse_bytes(&path.to_string_lossy(), &bytes).expect("an article");
    assert!(article.title.starts_with("পরীক্ষার খবর"), "{}", article.title);
    assert_eq!(article.body, STORY, "{}", path.display());
}

#[test]
fn files_are_reported_as_they_land_then_the_run_finishes() {
    let server = Server::start();
    serve(&server, 3, Duration::ZERO);
    let root = tempfile::tempdir().expect("temp dir");
    let (tx, rx) = mpsc::channel();
    spawn(
        subscription(&server),
        Options::new(root.path().to_path_buf()),
        move |e| tx.send(e).is_ok(),
    )
    .expect("thread");
    let events: Vec<FetchEvent> = rx.iter().collect();
    let wrote: Vec<&PathBuf> = events
        .iter()
        .filter_map(|e| match e {
            FetchEvent::Wrote(p) => Some(p),
            _ => None,
        })
        .collect();
    assert_eq!(wrote.len(), 3, "{events:?}");
    for p in &wrote {
        assert_whole(p);
    }
    match events.last() {
        Some(FetchEvent::Finished(p)) => {
            assert_eq!((p.feeds, p.feeds_done, p.written), (1, 1, 3));
            assert_eq!(p.to_string(), "1/1 feeds, 3 new article(s)");
        }
        other => panic!("the last event is {other:?}"),
    }
}

#[test]
fn a_stopped_run_writes_nothing_more_and_leaves_only_whole_files() {
    let server = Server::start();
    serve(&server, 20, Duration::from_millis(150));
    let root = tempfile::tempdir().expect("temp dir");
    let (tx, rx) = mpsc::channel();
    let handle = spawn(
        subscription(&server),
        Options::new(root.path().to_path_buf()),
        move |e| tx.send(e).is_ok(),
    )
    .expect("thread");
    let first = rx
        .iter()
        .find(|e| matches!(e, FetchEvent::Wrote(_)))
        .expect("a first article");
    handle.stop();
    let at_stop: Vec<PathBuf> = all_files(root.path())
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    assert!(!at_stop.is_empty() && at_stop.len() < 20, "{at_stop:?}");
    // The run ends at the next item boundary.
    let rest: Vec<FetchEvent> = rx.iter().collect();
    assert!(
        matches!(rest.last(), Some(FetchEvent::Finished(_))),
        "{rest:?}"
    );
    std::thread::sleep(Duration::from_millis(400));
    let after = all_files(root.path());
    let articles: Vec<&PathBuf> = after
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    assert_eq!(articles, at_stop.iter().collect::<Vec<_>>(), "{first:?}");
    assert!(
        after.iter().all(|p| !p.to_string_lossy().contains(".tmp.")),
        "{after:?}"
    );
    for p in articles {
        assert_whole(p);
    }
}
