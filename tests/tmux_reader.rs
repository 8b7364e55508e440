//! The reader day to day, in a real terminal (tmux, 120×40): an archive opens on its newest
//! article, the filter edits by words, panels survive resizes, `J` moves on from the reader, and
//! the Bengali interface keeps its borders where glibc's `wcwidth` puts them.
#![cfg(target_os = "linux")]

mod common;

use common::tmux::{
    HEIGHT, Tmux, WIDTH, border_columns, glibc, list_text, pane_text, panes, side_rows, squash,
    status_line, tmux_ready,
};

const TITLE_000: &str = "ইউক্রেন যুদ্ধে রাশিয়াকে নিঃশর্ত সমর্থনের বার্তা কিম জং উনের";
const TITLE_002: &str = "পুতিনের সঙ্গে অস্ত্র আলোচনার জন্য রাশিয়ায় যাচ্ছেন কিম";

fn bengali_digits(n: u32) -> String {
    n.to_string()
        .chars()
        .map(|c| {
            c.to_digit(10)
                .and_then(|d| char::from_u32(0x09E6 + d))
                .unwrap_or(c)
        })
        .collect()
}

#[test]
fn an_archive_opens_on_its_newest_article_at_the_top() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let news = home.path().join("news");
    std::fs::create_dir_all(&news).expect("mkdir");
    // The first file by path is undated; the newest is the last one written.
    std::fs::write(news.join("000.txt"), "তারিখহীন খবর\n\nএকটি অনুচ্ছেদ।\n").expect("write");
    for day in 1..=28 {
        let text = format!(
            "খবর নম্বর {day}\n\nপ্রকাশ: {} জানুয়ারি ২০২৪, ১০:০০\n\nএকটি অনুচ্ছেদ।\n",
            bengali_digits(day)
        );
        std::fs::write(news.join(format!("{day:03}.txt")), text).expect("write");
    }
    let dir = news.to_string_lossy().into_owned();
    let t = Tmux::launch(home.path(), &[], &["--no-cache", &dir]);
    let screen = t.settle("the archive", |s| {
        s.len() == HEIGHT && status_line(s).trim_start().starts_with("29/29")
    });
    assert!(
        screen[0].contains("Articles 1/29 · newest"),
        "{}",
        screen.join("\n")
    );
    let list = list_text(&screen);
    let newest = list.find(&squash("খবর নম্বর 28"));
    let older = list.find(&squash("খবর নম্বর 27"));
    assert!(
        newest.is_some() && newest < older,
        "the newest is not first:\n{}",
        screen.join("\n")
    );
}

#[test]
fn alt_b_alt_d_and_ctrl_w_edit_a_bengali_query_by_words() {
    if !tmux_ready() {
        return;
    }
    let t = Tmux::start();
    t.main_screen();
    t.keys(&["/"]);
    t.type_text("পুতিন কিম");
    t.keys(&["M-b", "M-d"]);
    let query = |s: &[String]| -> String { status_line(s).to_string() };
    let screen = t.settle("Alt-b Alt-d", |s| {
        query(s).contains("/পুতিন") && !query(s).contains("কিম")
    });
    assert!(
        !query(&screen).contains("bd"),
        "letters were typed: {}",
        query(&screen)
    );
    t.type_text("লাভরভ বৈঠক");
    t.keys(&["C-w"]);
    let screen = t.settle("Ctrl-w", |s| {
        query(s).contains("লাভরভ") && !query(s).contains("বৈঠক")
    });
    assert!(query(&screen).contains("/পুতিন লাভরভ"), "{}", query(&screen));
}

#[test]
fn resizing_120_80_120_keeps_the_panels_top_entries_visible() {
    if !tmux_ready() {
        return;
    }
    let t = Tmux::start();
    let screen = t.main_screen();
    let facets = |s: &[String]| -> Vec<String> {
        side_rows(s)
            .into_iter()
            .filter(|r| r.contains("[ ]") || r.contains("[x]"))
            .map(|r| r.trim().to_string())
            .collect()
    };
    let before = facets(&screen);
    let bbc = before
        .iter()
        .position(|r| r.split_whitespace().any(|w| w == "BBC"))
        .unwrap_or_else(|| panic!("BBC not in Sources:\n{}", screen.join("\n")));
    t.keys(&["s"]);
    for _ in 0..bbc {
        t.keys(&["j"]);
    }
    t.keys(&["Enter"]);
    t.settle("BBC selected", |s| {
        s.len() == HEIGHT && status_line(s).contains("source: BBC")
    });
    t.run(&["resize-window", "-t", "k", "-x", "80", "-y", "24"]);
    t.settle("80x24", |s| s.len() == 24);
    t.run(&[
        "resize-window",
        "-t",
        "k",
        "-x",
        &WIDTH.to_string(),
        "-y",
        &HEIGHT.to_string(),
    ]);
    let screen = t.settle("back at 120x40", |s| {
        s.len() == HEIGHT && status_line(s).contains("source: BBC")
    });
    let after = facets(&screen);
    // Only the names: the checkbox and the marker of the article on screen change.
    let name = |r: &String| squash(&r.replace('•', "").replace("[x]", "").replace("[ ]", ""));
    assert_eq!(
        after.first().map(name),
        before.first().map(name),
        "the first source is hidden:\n{}",
        screen.join("\n")
    );
}

#[test]
fn capital_j_opens_the_next_article_from_the_reader() {
    if !tmux_ready() {
        return;
    }
    let t = Tmux::start();
    t.main_screen();
    t.keys(&["Enter"]);
    let reader = |s: &[String]| {
        let p = panes(s);
        pane_text(s, p[2], p[3])
    };
    t.settle("the newest article open", |s| {
        s.len() == HEIGHT && reader(s).contains(&squash(TITLE_000))
    });
    t.keys(&["J"]);
    let screen = t.settle("the next article open", |s| {
        s.len() == HEIGHT && reader(s).contains(&squash(TITLE_002))
    });
    assert!(screen[0].contains("Articles 2/4"), "{}", screen.join("\n"));
}

#[test]
fn the_bengali_interface_has_straight_borders() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let config = home.path().join("config").join("khobor");
    std::fs::create_dir_all(&config).expect("mkdir");
    std::fs::write(
        config.join("config.toml"),
        "[ui]\nlanguage = \"bn\"\nentity_names = \"bengali\"\n",
    )
    .expect("write config");
    let t = Tmux::launch(home.path(), &[], &[]);
    t.settle("the Bengali interface", |s| {
        s.len() == HEIGHT && s[0].contains("খবর ১/৪")
    });
    t.keys(&["Enter"]);
    let screen = t.settle("the reader open", |s| {
        s.len() == HEIGHT && s[0].contains("পাঠ") && status_line(s).contains("অপঠিত")
    });
    for (y, row) in screen.iter().enumerate() {
        assert_eq!(glibc::str_width(row), WIDTH, "row {y}: {row:?}");
    }
    let body = &screen[..HEIGHT - 1];
    let first = border_columns(&body[1]);
    for (y, row) in body.iter().enumerate().skip(1) {
        assert_eq!(
            border_columns(row),
            first,
            "borders moved on row {y}: {row:?}"
        );
    }
    let corners = border_columns(&body[0]);
    assert_eq!(
        corners, first,
        "a Bengali title moved the top border: {:?}",
        body[0]
    );
}
