//! The reader while its world changes, in tmux: files added, edited and removed in the folder it
//! shows; `R` fetching feeds from a server on 127.0.0.1 in the background; `s` saving and `|`
//! piping the open article.
#![cfg(target_os = "linux")]

mod common;
mod fetch_support;

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::tmux::{
    HEIGHT, Tmux, list_text, pane_text, panes, squash, status_counts, status_line, tmux_ready,
};
use fetch_support::{Reply, STORY, Server, article_page};
use khobor::fetch::{Subscription, Subscriptions};
use khobor::seeds::BUNDLED;

fn reader_text(screen: &[String]) -> String {
    let p = panes(screen);
    pane_text(screen, p[2], p[3])
}

/// The four seeds as files in `dir`.
fn seed_folder(dir: &Path) -> Vec<PathBuf> {
    fs::create_dir_all(dir).expect("mkdir");
    BUNDLED
        .iter()
        .enumerate()
        .map(|(i, (_, bytes))| {
            let path = dir.join(format!("{i}.txt"));
            fs::write(&path, bytes).expect("write seed");
            path
        })
        .collect()
}

const NEW_TITLE: &str = "নদীভাঙনে ঘরছাড়া শতাধিক পরিবার";

#[test]
fn files_added_changed_and_removed_show_up_while_reading() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let corpus = home.path().join("corpus");
    let files = seed_folder(&corpus);
    let t = Tmux::launch(home.path(), &[], &[&corpus.to_string_lossy()]);
    t.main_screen();
    // Written the way editors and fetchers do: a temp file renamed into place.
    let temp = corpus.join(".new.txt.swp");
    fs::write(
        &temp,
        format!(
            "{NEW_TITLE}\nপ্রকাশ: ১২ আগস্ট ২০৩০\n\n{}\n",
            STORY.join("\n\n")
        ),
    )
    .expect("write");
    fs::rename(&temp, corpus.join("new.txt")).expect("rename");
    // Within 2 s (the acceptance bound), newest first: at the top.
    let screen = t.wait("the new file in the list", 2, |s| {
        s.len() == HEIGHT
            && status_counts(s) == Some((5, 5))
            && list_text(s).contains(&squash(NEW_TITLE))
    });
    assert!(
        status_line(&screen).contains("1 new"),
        "{}",
        status_line(&screen)
    );
    // Open it (the selection stayed on the article it was on), then edit it on disk: the reader
    // shows the new text with a note.
    t.keys(&["g", "Enter"]);
    t.settle("the new article open", |s| {
        s.len() == HEIGHT && reader_text(s).contains(&squash(STORY[0]))
    });
    let marker = "সংশোধিত:";
    fs::write(
        corpus.join("new.txt"),
        format!("{NEW_TITLE}\nপ্রকাশ: ১২ আগস্ট ২০৩০\n\n{marker} {}\n", STORY[0]),
    )
    .expect("edit");
    let screen = t.settle("the edited article with a note", |s| {
        s.len() == HEIGHT && reader_text(s).contains(marker)
    });
    assert!(
        status_line(&screen).contains("open article changed"),
        "{}",
        status_line(&screen)
    );
    // A removed file leaves the list.
    fs::remove_file(&files[0]).expect("remove");
    t.wait("a removed file gone from the list", 5, |s| {
        s.len() == HEIGHT && status_counts(s) == Some((4, 4))
    });
    // The whole folder going away is reported once, and the articles stay.
    fs::remove_dir_all(&corpus).expect("remove the folder");
    let screen = t.wait("the folder reported gone", 5, |s| {
        s.len() == HEIGHT && status_line(s).contains("is gone")
    });
    assert_eq!(status_counts(&screen), Some((4, 4)));
}

fn rss(base: &str, items: usize) -> String {
    let items: String = (0..items)
        .map(|i| {
            format!(
                "<item><title>দূর থেকে আসা খবর {i}</title><link>{base}/story/{i}</link>\
                 <guid isPermaLink=\"false\">story-{i}</guid>\
                 <pubDate>Wed, 24 Dec 2031 09:{i:02}:00 +0600</pubDate></item>"
            )
        })
        .collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>দৈনিক পরীক্ষা</title><link>{base}/</link>{items}</channel></rss>"#
    )
}

/// Every file under `root`, hidden ones included.
fn all_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out
}

#[test]
fn r_fetches_in_the_background_and_quitting_leaves_whole_files() {
    if !tmux_ready() {
        return;
    }
    let server = Server::start();
    server.set("/feed.xml", Reply::xml(rss(&server.base, 12)));
    let page = Reply::html(article_page("দূর থেকে আসা খবর", STORY));
    server.set(
        "/story/*",
        Reply::Slow(Duration::from_millis(400), Box::new(page)),
    );
    let home = tempfile::tempdir().expect("temp dir");
    let feeds = home.path().join("config/khobor/feeds.toml");
    Subscriptions {
        feeds: vec![Subscription {
            name: "test".into(),
            url: server.url("/feed.xml"),
            outlet: None,
        }],
    }
    .save(&feeds)
    .expect("subscribe");
    let t = Tmux::launch(home.path(), &[], &[]);
    t.main_screen();
    t.keys(&["R"]);
    // Articles arrive one by one while the fetch goes on; the list stays usable meanwhile.
    t.wait("the first fetched articles", 10, |s| {
        s.len() == HEIGHT && status_counts(s).is_some_and(|(_, total)| total >= 6)
    });
    t.keys(&["g", "Enter"]);
    t.settle("a fetched article open", |s| {
        s.len() == HEIGHT
            && reader_text(s).contains(&squash("দূর থেকে আসা খবর"))
            && reader_text(s).contains(&squash(STORY[0]))
    });
    t.keys(&["q"]);
    t.exited();
    let archive = home.path().join("data/khobor/news");
    let files = all_files(&archive);
    let articles: Vec<&PathBuf> = files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    assert!(
        articles.len() >= 2 && articles.len() < 12,
        "quit mid-fetch: {articles:?}"
    );
    assert!(
        files.iter().all(|p| !p.to_string_lossy().contains(".tmp.")),
        "{files:?}"
    );
    for p in articles {
        let text = fs::read_to_string(p).expect("read");
        assert!(
            text.trim_end().ends_with(STORY[STORY.len() - 1]),
            "{} is not whole:\n{text}",
            p.display()
        );
    }
}

#[test]
fn s_saves_and_pipe_runs_a_command_with_the_terminal_restored() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let downloads = home.path().join("downloads");
    let t = Tmux::launch(
        home.path(),
        &[("XDG_DOWNLOAD_DIR", &downloads.to_string_lossy())],
        &[],
    );
    t.main_screen();
    t.keys(&["Enter"]);
    let screen = t.settle("an article open", |s| {
        s.len() == HEIGHT && reader_text(s).len() > 200
    });
    t.keys(&["s"]);
    t.settle("the save prompt with the download folder", |s| {
        s.len() == HEIGHT
            && s.iter()
                .any(|l| l.contains("save to:") && l.contains("downloads"))
    });
    t.keys(&["Enter"]);
    t.settle("saved", |s| {
        s.len() == HEIGHT && status_line(s).contains("saved to")
    });
    let saved: Vec<PathBuf> = fs::read_dir(&downloads)
        .expect("the folder was made")
        .flatten()
        .map(|e| e.path())
        .collect();
    assert_eq!(saved.len(), 1, "{saved:?}");
    let md = fs::read_to_string(&saved[0]).expect("read");
    assert!(md.starts_with("# "), "{md}");
    let out = home.path().join("piped.txt");
    t.keys(&["|"]);
    t.type_text(&format!("tee '{}'", out.display()));
    t.keys(&["Enter"]);
    t.settle("piped", |s| {
        s.len() == HEIGHT && status_line(s).contains("piped to")
    });
    let piped = fs::read_to_string(&out).expect("the command wrote its input");
    let title = md
        .lines()
        .next()
        .unwrap_or_default()
        .trim_start_matches("# ");
    assert!(
        piped.starts_with(title.split(' ').next().unwrap_or(title)),
        "{piped}"
    );
    assert_eq!(t.format("#{alternate_on}"), "1", "the reader is back");
    // The prompt offers the last command again; Ctrl-u clears it.
    t.keys(&["|", "C-u"]);
    t.type_text("khobor-no-such-command --x");
    t.keys(&["Enter"]);
    let after = t.settle("the error in the status line", |s| {
        s.len() == HEIGHT && status_line(s).contains("command not found")
    });
    assert_eq!(t.format("#{alternate_on}"), "1");
    assert_eq!(panes(&after), panes(&screen), "the screen is whole again");
}

/// With `ui.language = "bn"` the runtime's notices are Bengali too: `S` saves from the list,
/// `r` over the bundled seeds says they do not change.
#[test]
fn the_runtime_notices_follow_the_interface_language() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let config = home.path().join("config/khobor");
    fs::create_dir_all(&config).expect("config dir");
    fs::write(config.join("config.toml"), "[ui]\nlanguage = \"bn\"\n").expect("config");
    let downloads = home.path().join("downloads");
    let t = Tmux::launch(
        home.path(),
        &[("XDG_DOWNLOAD_DIR", &downloads.to_string_lossy())],
        &[],
    );
    t.settle("the list", |s| {
        s.len() == HEIGHT && status_line(s).contains("অপঠিত")
    });
    t.keys(&["S"]);
    t.settle("the save prompt", |s| {
        s.len() == HEIGHT && s.iter().any(|l| l.contains("যেখানে রাখবেন"))
    });
    t.keys(&["Enter"]);
    t.settle("saved, in Bengali", |s| {
        s.len() == HEIGHT && status_line(s).contains("রাখা হলো")
    });
    assert_eq!(fs::read_dir(&downloads).expect("saved").count(), 1);
    t.keys(&["r"]);
    t.settle("the seeds do not change, in Bengali", |s| {
        s.len() == HEIGHT && status_line(s).contains("বদলায় না")
    });
}
