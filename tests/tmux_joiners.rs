//! Zero-width joiners in tmux (issue 14 item 14): a joiner before a letter or an emoji makes tmux
//! 3.3a draw the next character inside the previous cell, which shifted rows by 1–4 columns and
//! left stale glyphs. Rows must stay exactly the terminal's width with straight borders, while a
//! joiner that shapes a Bengali word (র‍্যাব) is drawn as written.
#![cfg(target_os = "linux")]

mod common;

use std::fs;

use common::tmux::{
    HEIGHT, Tmux, WIDTH, border_columns, glibc, list_text, pane_text, panes, squash, tmux_ready,
};

const RAB: &str = "র\u{200D}্যাব";
const TITLE: &str = "র\u{200D}্যাবের অভিযানে ক্\u{200D}ষতি 👩\u{200D}👩\u{200D}👧 পরিবার";
const BODY: &[&str] = &[
    "ক\u{200D}খ গ\u{200D}\u{200D}ঘ চ\u{200D}া ছ\u{200D} জ a\u{200D}ঝ ❤\u{FE0F}\u{200D}🔥 \
     👩\u{200D}👩\u{200D}👧\u{200D}👦 র\u{200D}্যাবের সদস্যরা অভিযান চালায়।",
    "র\u{200D}্যাব জানায়, 👨\u{200D}👩\u{200D}👧 পরিবারের সদস্যরা নিরাপদে আছেন এবং ক্\u{200D}ষতিগ্রস্ত এলাকায় \
     ত্রাণ পৌঁছেছে।",
];

fn assert_straight(screen: &[String], what: &str) {
    for (y, row) in screen.iter().enumerate() {
        assert_eq!(glibc::str_width(row), WIDTH, "{what}, row {y}: {row:?}");
    }
    let body = &screen[..HEIGHT - 1];
    let first = border_columns(&body[0]);
    for (y, row) in body.iter().enumerate() {
        assert_eq!(
            border_columns(row),
            first,
            "{what}: borders moved on row {y}: {row:?}"
        );
    }
}

#[test]
fn joiner_sequences_keep_rows_the_terminal_width() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let corpus = home.path().join("corpus");
    fs::create_dir_all(&corpus).expect("mkdir");
    let text = format!("{TITLE}\nপ্রকাশ: ১২ আগস্ট ২০২৪\n\n{}\n", BODY.join("\n\n"));
    fs::write(corpus.join("joiners.txt"), text).expect("write");
    let dir = corpus.to_string_lossy().into_owned();
    let t = Tmux::launch(home.path(), &[], &[&dir]);
    let screen = t.settle("the list", |s| {
        s.len() == HEIGHT && s.iter().any(|l| l.contains("Articles 1/1"))
    });
    assert_straight(&screen, "the list");
    assert!(
        list_text(&screen).contains(&squash(RAB)),
        "র‍্যাব lost its joiner:\n{}",
        screen.join("\n")
    );
    t.keys(&["Enter"]);
    let screen = t.settle("the article in the reader", |s| {
        let p = panes(s);
        s.len() == HEIGHT && pane_text(s, p[2], p[3]).contains(&squash("ত্রাণ"))
    });
    assert_straight(&screen, "the reader");
    let p = panes(&screen);
    assert!(pane_text(&screen, p[2], p[3]).contains(&squash(RAB)));
}
