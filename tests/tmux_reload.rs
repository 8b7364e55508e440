//! The reader holds articles light and reads the one on screen again from its file, so what it
//! shows is the file as it is now: in tmux, an article edited after loading shows its new text,
//! and deleted ones leave the list.
#![cfg(target_os = "linux")]

mod common;

use std::fs;

use common::tmux::{HEIGHT, Tmux, pane_text, panes, tmux_ready};
use khobor::seeds::BUNDLED;

/// Everything in the reader pane, rows joined, whitespace removed.
fn reader_text(screen: &[String]) -> String {
    let p = panes(screen);
    pane_text(screen, p[2], p[3])
}

#[test]
fn the_reader_shows_the_file_as_it_is_now() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let corpus = home.path().join("corpus");
    fs::create_dir_all(&corpus).expect("mkdir");
    let files: Vec<_> = BUNDLED
        .iter()
        .enumerate()
        .map(|(i, (_, bytes))| {
            let path = corpus.join(format!("{i}.txt"));
            fs::write(&path, bytes).expect("write seed");
            path
        })
        .collect();
    let dir = corpus.to_string_lossy().into_owned();
    let t = Tmux::launch(home.path(), &[], &[&dir]);
    t.main_screen();
    // Each file's first long paragraph gets a marker: the body as loaded never had it.
    let marker = "সম্পাদিত:";
    for path in &files {
        let text = fs::read_to_string(path).expect("read");
        let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
        let first_paragraph = lines
            .iter()
            .position(|l| l.chars().count() > 80)
            .expect("a paragraph");
        lines[first_paragraph].insert_str(0, &format!("{marker} "));
        fs::write(path, lines.join("\n")).expect("edit");
    }
    // Whether the watcher has read the files again by then (no note: the list already holds
    // the new text) or not (the reader notes that the file changed), the new text is shown.
    t.keys(&["j"]);
    t.settle("the edited article", |s| {
        s.len() == HEIGHT && reader_text(s).contains(marker)
    });
    // Deleted files leave the list (the folder is watched).
    for path in &files {
        fs::remove_file(path).expect("delete");
    }
    t.settle("the deleted articles gone from the list", |s| {
        s.len() == HEIGHT && s[0].contains("Articles 0/0")
    });
}
