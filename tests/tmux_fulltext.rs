//! Full text end to end in tmux: a word found only in an article's body lists that article with
//! a snippet of the body around the match (read from the file by the worker); it opens with the
//! match below the first screen, and `n` scrolls the reader to it, then to the
//! next. Skipped without tmux (see `tests/common/tmux.rs`).
#![cfg(target_os = "linux")]

mod common;

use std::fs;

use common::tmux::{HEIGHT, Tmux, list_text, pane_text, panes, squash, tmux_ready};

/// Everything in the reader pane, rows joined, whitespace removed.
fn reader_text(screen: &[String]) -> String {
    let p = panes(screen);
    pane_text(screen, p[2], p[3])
}

const FIRST: &str = "বন্যায় নদীর পানি বাড়ছে";
const SECOND: &str = "বন্যার পানি নামছে ধীরে";

#[test]
fn a_body_word_lists_the_article_and_n_scrolls_to_its_matches() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let archive = home.path().join("archive");
    fs::create_dir_all(&archive).expect("mkdir");
    // Sixty one-row paragraphs; the flood is in the 26th and the 46th, far below the first screen.
    let body: Vec<String> = (0..60)
        .map(|i| match i {
            25 => FIRST.to_string(),
            45 => SECOND.to_string(),
            _ => "এক দুই তিন চার".to_string(),
        })
        .collect();
    let articles = [
        ("a.txt", "উত্তরাঞ্চলের খবর", body.join("\n\n")),
        ("b.txt", "বাজারের হালচাল", "চালের দাম বেড়েছে।".to_string()),
        ("c.txt", "খেলার মাঠে", "ক্রিকেট দলে নতুন মুখ।".to_string()),
    ];
    for (file, title, body) in &articles {
        fs::write(archive.join(file), format!("{title}\n\n{body}\n")).expect("write");
    }
    let dir = archive.to_string_lossy().into_owned();
    let t = Tmux::launch(home.path(), &[], &[&dir]);
    t.settle("the archive", |s| {
        s.len() == HEIGHT && s.iter().any(|l| l.contains("Articles 1/3"))
    });
    t.keys(&["/"]);
    t.type_text("বন্যা");
    // The snippet arrives after the hit: the worker reads the file for it.
    let screen = t.settle("the body hit with its snippet", |s| {
        s.len() == HEIGHT
            && s.iter().any(|l| l.contains("Articles 1/1"))
            && list_text(s).contains(&squash("বন্যায় নদীর"))
    });
    let list = list_text(&screen);
    assert!(
        list.contains(&squash("উত্তরাঞ্চলের খবর")),
        "{}",
        screen.join("\n")
    );
    t.keys(&["Enter", "Enter"]);
    let screen = t.settle("the article open", |s| {
        s.len() == HEIGHT && reader_text(s).contains(&squash("উত্তরাঞ্চলের খবর"))
    });
    assert!(
        !reader_text(&screen).contains(&squash(FIRST)),
        "the first match starts below the first screen:\n{}",
        screen.join("\n")
    );
    t.keys(&["n"]);
    let screen = t.settle("the first match", |s| {
        s.len() == HEIGHT && reader_text(s).contains(&squash(FIRST))
    });
    assert!(
        !reader_text(&screen).contains(&squash("উত্তরাঞ্চলের খবর")),
        "{}",
        screen.join("\n")
    );
    t.keys(&["n"]);
    t.settle("the second match", |s| {
        s.len() == HEIGHT && reader_text(s).contains(&squash(SECOND))
    });
}

/// A dataset's rows are searched by body too: a word only in one row's body lists that row with
/// a snippet of its body (the worker reads the row from the CSV), and Enter opens it.
#[test]
fn a_body_word_in_a_csv_row_lists_the_row_with_its_snippet_and_opens_it() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let csv = home.path().join("news.csv");
    let mut text = String::from("Title,Date_Time,Body\n");
    for n in 1..=30 {
        let body = if n == 17 {
            "উপকূলে ঝড়ের আশঙ্কা। ঘূর্ণিঝড়ে উপড়ে পড়েছে গাছপালা, বিদ্যুৎ নেই।"
        } else {
            "বাজারে চালের দাম স্থির রয়েছে।"
        };
        text.push_str(&format!(
            "জেলার খবর {n},2026-02-{:02},\"{body}\"\n",
            n % 28 + 1
        ));
    }
    fs::write(&csv, text).expect("write");
    let path = csv.display().to_string();
    let t = Tmux::launch(home.path(), &[], &[&path]);
    t.settle("the dataset", |s| {
        s.len() == HEIGHT && s.iter().any(|l| l.contains("Articles 1/30"))
    });
    t.keys(&["/"]);
    t.type_text("ঘূর্ণিঝড়");
    let screen = t.settle("the row with its snippet", |s| {
        s.len() == HEIGHT
            && s.iter().any(|l| l.contains("Articles 1/1"))
            && list_text(s).contains(&squash("ঘূর্ণিঝড়ে উপড়ে"))
    });
    assert!(
        list_text(&screen).contains(&squash("জেলার খবর 17")),
        "{}",
        screen.join("\n")
    );
    t.keys(&["Enter", "Enter"]);
    t.settle("the row open", |s| {
        s.len() == HEIGHT && reader_text(s).contains(&squash("বিদ্যুৎ নেই"))
    });
}
