//! The `feed` and `fetch` commands of the binary, against a server on 127.0.0.1.

mod fetch_support;

use assert_cmd::Command;
use fetch_support::{Reply, STORY, Server, article_page};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Env {
        Env {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn khobor(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        Command::cargo_bin("khobor")
            .expect("binary")
            .env("KHOBOR_FEEDS_FILE", self.dir.path().join("feeds.toml"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("KHOBOR_CACHE_DIR", self.dir.path().join("cache"))
            .args(args)
            .assert()
    }
}

fn stdout(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stdout).into_owned()
}

fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

const TITLE: &str = "গাজীপুরে পোশাক কারখানায় আগুন, নিয়ন্ত্রণে ফায়ার সার্ভিস";

#[test]
fn subscribe_fetch_and_read_back() {
    let server = Server::start();
    let base = server.base.clone();
    server.set(
        "/rss.xml",
        Reply::xml(format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>পরীক্ষা</title>
<item><title>{TITLE}</title><link>{base}/fire</link><guid>fire-1</guid>
<pubDate>Fri, 26 Dec 2025 08:30:00 +0600</pubDate></item></channel></rss>"#
        )),
    );
    server.set("/fire", Reply::html(article_page(TITLE, STORY)));
    let env = Env::new();
    env.khobor(&[
        "feed",
        "add",
        &server.url("/rss.xml"),
        "--name",
        "পরীক্ষা",
        "--outlet",
        "Prothom Alo",
    ])
    .success();
    let bad = env.khobor(&["feed", "add", "file:///etc/passwd"]).failure();
    assert_eq!(stderr(&bad).lines().count(), 1, "{}", stderr(&bad));
    let list = env.khobor(&["feed", "list"]).success();
    assert_eq!(
        stdout(&list),
        format!("পরীক্ষা\t{}\tProthom Alo\n", server.url("/rss.xml"))
    );
    let opml = env.khobor(&["feed", "export"]).success();
    assert!(stdout(&opml).contains(&format!("xmlUrl=\"{}\"", server.url("/rss.xml"))));

    let archive = env.dir.path().join("news");
    let archive_arg = archive.to_string_lossy().into_owned();
    let fetched = env.khobor(&["fetch", "--into", &archive_arg]).success();
    assert_eq!(stdout(&fetched), "পরীক্ষা: 1 new, 0 updated, 0 unchanged\n");

    let extracted = env
        .khobor(&["extract", "--no-cache", &archive_arg])
        .success();
    let record: serde_json::Value =
        serde_json::from_str(stdout(&extracted).trim()).expect("one JSON line");
    assert_eq!(record["title"], TITLE);
    assert_eq!(record["published"], "2025-12-26T08:30:00");
    assert_eq!(record["body"], serde_json::json!(STORY));

    // A feed that is gone: one line, exit status 1, the good feed still fetched.
    env.khobor(&["feed", "add", &server.url("/gone.xml"), "--name", "gone"])
        .success();
    let partly = env.khobor(&["fetch", "--into", &archive_arg]).code(1);
    // Summaries come as feeds finish.
    let mut summaries: Vec<String> = stdout(&partly).lines().map(str::to_string).collect();
    summaries.sort();
    assert_eq!(
        summaries,
        vec!["gone: failed", "পরীক্ষা: 0 new, 0 updated, 1 unchanged"]
    );
    let err = stderr(&partly);
    assert!(
        err.contains(&format!(
            "khobor: gone: {}: HTTP status 404",
            server.url("/gone.xml")
        )),
        "{err}"
    );
    assert_eq!(
        err.lines().count(),
        2,
        "the 404 and the closing error: {err}"
    );
}

#[test]
fn opml_import_subscribes_every_outline() {
    let env = Env::new();
    let opml = env.dir.path().join("subs.opml");
    std::fs::write(
        &opml,
        r#"<?xml version="1.0"?><opml version="2.0"><body>
<outline text="বাংলা"><outline text="বিবিসি বাংলা" xmlUrl="https://feeds.bbci.co.uk/bengali/rss.xml"/>
<outline text="প্রথম আলো" xmlUrl="https://www.prothomalo.com/feed/"/>
<outline text="bad" xmlUrl="javascript:alert(1)"/></outline></body></opml>"#,
    )
    .expect("write opml");
    let opml_arg = opml.to_string_lossy().into_owned();
    let imported = env.khobor(&["feed", "import", &opml_arg]).success();
    assert!(stderr(&imported).contains("not an http(s) URL"));
    let list = env.khobor(&["feed", "list"]).success();
    assert_eq!(
        stdout(&list),
        "বিবিসি বাংলা\thttps://feeds.bbci.co.uk/bengali/rss.xml\t\nপ্রথম আলো\thttps://www.prothomalo.com/feed/\t\n"
    );
    env.khobor(&["feed", "remove", "প্রথম আলো"]).success();
    let list = env.khobor(&["feed", "list"]).success();
    assert_eq!(stdout(&list).lines().count(), 1);
}

#[test]
fn killed_mid_fetch_leaves_only_complete_articles() {
    let server = Server::start();
    let base = server.base.clone();
    let items: String = (0..30)
        .map(|i| {
            format!("<item><title>{TITLE} {i}</title><link>{base}/slow/{i}</link><guid>slow-{i}</guid></item>")
        })
        .collect();
    server.set(
        "/slow.xml",
        Reply::xml(format!(
            r#"<?xml version="1.0"?><rss version="2.0"><channel><title>ধীর</title>{items}</channel></rss>"#
        )),
    );
    server.set(
        "/slow/*",
        Reply::Slow(
            std::time::Duration::from_millis(100),
            Box::new(Reply::html(article_page(TITLE, STORY))),
        ),
    );
    let env = Env::new();
    env.khobor(&["feed", "add", &server.url("/slow.xml"), "--name", "slow"])
        .success();
    let archive = env.dir.path().join("news");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("khobor"))
        .env("KHOBOR_FEEDS_FILE", env.dir.path().join("feeds.toml"))
        .arg("fetch")
        .arg("--into")
        .arg(&archive)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn khobor fetch");
    let dir = archive.join("slow");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let count = || {
        std::fs::read_dir(&dir)
            .map(|d| {
                d.filter_map(Result::ok)
                    .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
                    .count()
            })
            .unwrap_or(0)
    };
    while count() < 3 && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().expect("kill");
    child.wait().expect("wait");
    let written = count();
    assert!(
        (3..30).contains(&written),
        "killed mid-fetch: {written} articles"
    );
    for entry in std::fs::read_dir(&dir)
        .expect("feed folder")
        .filter_map(Result::ok)
    {
        let path = entry.path();
        if path.extension().is_some_and(|x| x == "txt") {
            let text = std::fs::read_to_string(&path).expect("article");
            assert!(
                text.trim_end().ends_with(STORY[STORY.len() - 1]),
                "{}: incomplete",
                path.display()
            );
        }
    }
    // The next fetch completes the rest; the index may not have survived the kill, so the
    // files already there are written again in place, not duplicated.
    let again = env
        .khobor(&["fetch", "--into", &archive.to_string_lossy()])
        .success();
    assert!(stdout(&again).starts_with("slow: "), "{}", stdout(&again));
    assert_eq!(count(), 30);
}
