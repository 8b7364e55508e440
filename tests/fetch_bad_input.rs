//! Bad feeds and pages: each costs one problem line naming the feed and URL, nothing is
//! written for it, and the other feeds are still fetched.

mod fetch_support;

use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fetch_support::{Reply, STORY, Server, article_page};
use khobor::fetch::http::Limits;
use khobor::fetch::run::Options;
use khobor::fetch::{Event, FeedReport, Subscription, fetch_all};

fn sub(name: &str, url: &str) -> Subscription {
    Subscription {
        name: name.into(),
        url: url.into(),
        outlet: None,
    }
}

fn fetch(root: &Path, feeds: &[Subscription]) -> (Vec<FeedReport>, Vec<String>) {
    let problems = Mutex::new(Vec::new());
    let mut options = Options::new(root.to_path_buf());
    options.limits = Limits {
        connect_timeout: Duration::from_secs(1),
        total_timeout: Duration::from_secs(1),
        max_backoff: Duration::from_millis(100),
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

fn good_rss(base: &str, items: &[(&str, Option<&str>)]) -> String {
    let items: String = items
        .iter()
        .map(|(title, link)| {
            let link = link.map(|l| format!("<link>{base}{l}</link>")).unwrap_or_default();
            format!("<item><title>{title}</title>{link}<guid>{title}</guid><description>সংক্ষেপ।</description></item>")
        })
        .collect();
    format!(
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>ভালো</title>{items}</channel></rss>"#
    )
}

fn dirs(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root)
        .expect("root")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn each_bad_feed_is_one_line_and_the_rest_is_fetched() {
    let server = Server::start();
    let base = server.base.clone();
    server.set(
        "/good.xml",
        Reply::xml(good_rss(
            &base,
            &[
                ("ঢাকায় নতুন মেট্রোরেল স্টেশন", Some("/a/metro")),
                ("মেনু ছাড়া কিছু নেই", Some("/a/empty")),
                ("লিংকহীন খবর", None),
            ],
        )),
    );
    server.set(
        "/a/metro",
        Reply::html(article_page("ঢাকায় নতুন মেট্রোরেল স্টেশন", STORY)),
    );
    server.set(
        "/a/empty",
        Reply::html("<html><body><nav><a href='/'>প্রচ্ছদ</a></nav></body></html>"),
    );
    server.set(
        "/malformed.xml",
        Reply::xml("<rss version=\"2.0\"><channel><item><title>ভাঙা</item>"),
    );
    server.set("/page.xml", Reply::html(article_page("এটি ফিড নয়", STORY)));
    server.set("/e500.xml", Reply::Status(500));
    server.set("/loop.xml", Reply::Redirect(format!("{base}/loop.xml")));
    server.set("/slow.xml", Reply::Stall(Duration::from_secs(5)));
    server.set("/huge.xml", Reply::Huge(50 * 1024 * 1024));

    let root = tempfile::tempdir().expect("temp dir");
    let archive = root.path().join("news");
    let feeds = [
        sub("good", &server.url("/good.xml")),
        sub("malformed", &server.url("/malformed.xml")),
        sub("html", &server.url("/page.xml")),
        sub("missing", &server.url("/nothing-here.xml")),
        sub("e500", &server.url("/e500.xml")),
        sub("loop", &server.url("/loop.xml")),
        sub("slow", &server.url("/slow.xml")),
        sub("huge", &server.url("/huge.xml")),
        sub("ftp", "ftp://127.0.0.1/feed.xml"),
        sub("../escape", &server.url("/good.xml")),
    ];
    let started = Instant::now();
    let (reports, problems) = fetch(&archive, &feeds);
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "{:?}",
        started.elapsed()
    );

    let line = |feed: &str| -> String {
        let found: Vec<&String> = problems
            .iter()
            .filter(|p| p.starts_with(&format!("{feed}: ")))
            .collect();
        assert_eq!(found.len(), 1, "one line for {feed}: {problems:#?}");
        found[0].clone()
    };
    let expect = [
        ("malformed", "/malformed.xml", "not a feed"),
        ("html", "/page.xml", "HTML page"),
        ("missing", "/nothing-here.xml", "404"),
        ("e500", "/e500.xml", "500"),
        ("loop", "/loop.xml", "redirects"),
        ("slow", "/slow.xml", "within 1 s"),
        ("huge", "/huge.xml", "cut at the cap"),
        ("ftp", "ftp://127.0.0.1/feed.xml", "not an http(s) URL"),
        ("../escape", "/good.xml", "not usable as a folder name"),
    ];
    for (feed, url, why) in expect {
        let l = line(feed);
        assert!(l.contains(url) && l.contains(why), "{feed}: {l}");
        let r = reports.iter().find(|r| r.name == feed).expect("report");
        assert!(r.failed, "{r:?}");
    }
    let good_lines: Vec<&String> = problems
        .iter()
        .filter(|p| p.starts_with("good: "))
        .collect();
    assert_eq!(good_lines.len(), 2, "{problems:#?}");
    assert!(
        good_lines
            .iter()
            .any(|l| l.contains("/a/empty") && l.contains("no article"))
    );
    assert!(
        good_lines
            .iter()
            .any(|l| l.contains("লিংকহীন খবর") && l.contains("no link"))
    );

    let good = reports.iter().find(|r| r.name == "good").expect("good");
    assert_eq!((good.new, good.item_problems), (1, 2));
    assert_eq!(
        dirs(&archive),
        vec!["good"],
        "nothing written for the bad feeds"
    );
    assert_eq!(
        dirs(root.path()),
        vec!["news"],
        "nothing written outside the archive"
    );
    assert_eq!(
        server.hits("/loop.xml"),
        6,
        "the first request and five redirects"
    );
}

#[test]
fn busy_server_is_retried_after_its_retry_after() {
    let server = Server::start();
    let base = server.base.clone();
    server.set(
        "/busy.xml",
        Reply::Busy {
            times: 1,
            status: 503,
            secs: 1,
            then: Box::new(Reply::xml(good_rss(&base, &[("খবর", Some("/a/1"))]))),
        },
    );
    server.set(
        "/limited.xml",
        Reply::Busy {
            times: 10,
            status: 429,
            secs: 1,
            then: Box::new(Reply::Status(200)),
        },
    );
    server.set("/a/1", Reply::html(article_page("খবর", STORY)));
    let root = tempfile::tempdir().expect("temp dir");
    let feeds = [
        sub("busy", &server.url("/busy.xml")),
        sub("limited", &server.url("/limited.xml")),
    ];
    let (reports, problems) = fetch(root.path(), &feeds);
    assert_eq!(reports[0].new, 1, "{problems:?}");
    assert_eq!(server.hits("/busy.xml"), 2);
    assert!(reports[1].failed);
    assert_eq!(
        server.hits("/limited.xml"),
        3,
        "the first try and two retries"
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("429"), "{problems:?}");
}

#[test]
fn no_network_is_one_line_per_feed_and_the_archive_is_untouched() {
    // A port that was just free: nothing listens there.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("free port")
        .port();
    let root = tempfile::tempdir().expect("temp dir");
    let kept = root.path().join("a").join("old.txt");
    std::fs::create_dir_all(kept.parent().expect("dir")).expect("mkdir");
    std::fs::write(&kept, "পুরোনো খবর\n\nআগের লেখা।\n").expect("write");
    let feeds = [
        sub("a", &format!("http://127.0.0.1:{port}/a.xml")),
        sub("b", &format!("http://127.0.0.1:{port}/b.xml")),
    ];
    let (reports, problems) = fetch(root.path(), &feeds);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(reports.iter().all(|r| r.failed));
    assert_eq!(dirs(root.path()), vec!["a"]);
    assert_eq!(
        std::fs::read_dir(root.path().join("a")).expect("a").count(),
        1,
        "no index or article added"
    );
    assert_eq!(
        std::fs::read_to_string(&kept).expect("kept"),
        "পুরোনো খবর\n\nআগের লেখা।\n"
    );
}
