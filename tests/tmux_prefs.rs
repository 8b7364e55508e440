//! Reading marks and colours end to end, in tmux: marks survive quitting and restarting, and
//! renaming the files; an unusable state file is moved aside with a message and the reader
//! starts anyway; `NO_COLOR=1` leaves no colour escape sequence on the screen. Every session runs
//! with its own HOME and XDG directories (see `Tmux::launch`).
#![cfg(target_os = "linux")]

mod common;

use std::fs;
use std::path::Path;

use common::tmux::{Tmux, columns, panes, status_line, tmux_ready};
use khobor::seeds::BUNDLED;
use khobor::state::{ReadingState, StateStore};

/// The two flag columns (`N` unread, `*` starred) of each list item, top to bottom. At 120
/// columns the list shows 3-row cards whose first row starts with the flags.
fn flags(screen: &[String]) -> Vec<String> {
    let p = panes(screen);
    (0..BUNDLED.len())
        .map(|i| columns(&screen[1 + 3 * i], p[0] + 1, p[0] + 3))
        .collect()
}

fn state_file(home: &Path) -> std::path::PathBuf {
    home.join("data/khobor/state.json")
}

/// The seeds as files `dir/name(i)`.
fn write_seeds(dir: &Path, name: impl Fn(usize) -> String) {
    fs::create_dir_all(dir).expect("mkdir");
    for (i, (_, bytes)) in BUNDLED.iter().enumerate() {
        fs::write(dir.join(name(i)), bytes).expect("write seed");
    }
}

#[test]
fn marks_survive_quitting_and_restarting() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let before = {
        let t = Tmux::launch(home.path(), &[], &[]);
        let screen = t.main_screen();
        assert_eq!(
            flags(&screen),
            ["N ", "N ", "N ", "N "],
            "all unread at first"
        );
        assert!(status_line(&screen).contains("4 unread"));
        t.keys(&["*", "j", "m"]);
        let screen = t.settle("the marks on screen", |s| {
            status_line(s).contains("3 unread")
        });
        let marked = flags(&screen);
        assert_eq!(marked, ["N*", "  ", "N ", "N "]);
        t.keys(&["q"]);
        t.exited();
        marked
    };
    assert!(state_file(home.path()).exists());
    let t = Tmux::launch(home.path(), &[], &[]);
    let screen = t.main_screen();
    assert_eq!(flags(&screen), before, "{}", screen.join("\n"));
    assert!(status_line(&screen).contains("3 unread"));
}

#[test]
fn two_readers_at_once_keep_each_others_marks() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let a = Tmux::launch(home.path(), &[], &[]);
    let b = Tmux::launch(home.path(), &[], &[]);
    a.main_screen();
    b.main_screen();
    // Both loaded the same empty state; each marks a different article and saves.
    a.keys(&["*"]);
    a.settle("the star in the first reader", |s| flags(s)[0] == "N*");
    b.keys(&["j", "m"]);
    let screen = b.settle("the read mark in the second reader", |s| {
        flags(s)[1] == "  "
    });
    // The second reader's save merged the first one's star in, and shows it.
    assert_eq!(flags(&screen)[0], "N*", "{}", screen.join("\n"));
    a.keys(&["q"]);
    b.keys(&["q"]);
    a.exited();
    b.exited();
    let t = Tmux::launch(home.path(), &[], &[]);
    let screen = t.main_screen();
    assert_eq!(flags(&screen), ["N*", "  ", "N ", "N "]);
}

#[test]
fn a_renamed_file_keeps_its_marks() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let first = home.path().join("first");
    write_seeds(&first, |i| format!("article-{i}.txt"));
    {
        let t = Tmux::launch(home.path(), &[], &[first.to_str().expect("UTF-8 path")]);
        t.main_screen();
        t.keys(&["*"]);
        t.settle("the star", |s| flags(s)[0] == "N*");
        t.keys(&["q"]);
        t.exited();
    }
    let moved = home.path().join("elsewhere/deeper");
    fs::create_dir_all(&moved).expect("mkdir");
    for (i, _) in BUNDLED.iter().enumerate() {
        fs::rename(
            first.join(format!("article-{i}.txt")),
            moved.join(format!("renamed-{i}.txt")),
        )
        .expect("rename");
    }
    let t = Tmux::launch(home.path(), &[], &[moved.to_str().expect("UTF-8 path")]);
    let screen = t.main_screen();
    assert_eq!(
        flags(&screen),
        ["N*", "N ", "N ", "N "],
        "{}",
        screen.join("\n")
    );
}

#[test]
fn an_unusable_state_file_is_moved_aside_and_the_reader_starts() {
    if !tmux_ready() {
        return;
    }
    // A valid file cut short (as by a full disk without atomic writes), and plain garbage.
    let valid = {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = StateStore::new(dir.path().join("state.json"));
        let mut s = ReadingState::default();
        s.set_read(khobor::article::ContentId(1), "x.txt", true);
        store.save(&s).expect("save");
        fs::read(store.path()).expect("read")
    };
    let truncated = valid[..valid.len() / 2].to_vec();
    for bad in [truncated, b"\x00\xffnot json at all".to_vec()] {
        let home = tempfile::tempdir().expect("temp dir");
        let state = state_file(home.path());
        fs::create_dir_all(state.parent().expect("parent")).expect("mkdir");
        fs::write(&state, &bad).expect("write");
        let t = Tmux::launch(home.path(), &[], &[]);
        let screen = t.settle("the reader with a notice", |s| {
            s.iter().any(|l| l.contains("Articles 1/4")) && status_line(s).contains("unusable")
        });
        assert!(status_line(&screen).contains("4 unread"));
        let aside: Vec<_> = fs::read_dir(state.parent().expect("parent"))
            .expect("list")
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains(".corrupt-"))
            .collect();
        assert_eq!(aside.len(), 1, "the bad file is kept for inspection");
        assert_eq!(fs::read(aside[0].path()).expect("read"), bad);
        // Marks work again right away, in a fresh file.
        t.keys(&["*"]);
        t.settle("the star", |s| flags(s)[0] == "N*");
        t.keys(&["q"]);
        let after = t.exited();
        assert!(
            after
                .iter()
                .any(|l| l.contains("khobor: reading state") && l.contains("unusable")),
            "the message stays readable after quitting:\n{}",
            after.join("\n")
        );
        let saved = StateStore::new(state).load();
        assert!(saved.warning.is_none());
        assert_eq!(saved.state.len(), 1);
    }
}

/// SGR parameters of every `ESC [ … m` sequence in `text`.
fn sgr_params(text: &str) -> Vec<u32> {
    let mut out = Vec::new();
    for chunk in text.split("\x1b[").skip(1) {
        let Some(end) = chunk.find(|c: char| ('\x40'..='\x7e').contains(&c)) else {
            continue;
        };
        if chunk[end..].starts_with('m') {
            out.extend(
                chunk[..end]
                    .split([';', ':'])
                    .filter_map(|p| p.parse::<u32>().ok()),
            );
        }
    }
    out
}

/// Foreground or background colours, basic, bright, 256 or RGB (`38;…`, `48;…`).
fn is_colour(param: u32) -> bool {
    matches!(param, 30..=38 | 40..=48 | 90..=97 | 100..=107)
}

#[test]
fn no_color_leaves_no_colour_escape_sequence() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    // The check can fail: without NO_COLOR the same screen is coloured.
    let coloured = Tmux::launch(home.path(), &[], &[]);
    coloured.main_screen();
    let params = sgr_params(&coloured.capture_escapes());
    assert!(params.iter().any(|p| is_colour(*p)), "{params:?}");
    drop(coloured);

    let plain = Tmux::launch(home.path(), &[("NO_COLOR", "1")], &[]);
    plain.main_screen();
    // Also with the help overlay and a filter open: every screen element.
    for keys in [&["?"][..], &["?", "/"][..]] {
        plain.keys(keys);
        let screen = plain.capture_escapes();
        let colours: Vec<u32> = sgr_params(&screen)
            .into_iter()
            .filter(|p| is_colour(*p))
            .collect();
        assert!(colours.is_empty(), "colour codes {colours:?} in:\n{screen}");
    }
    // The selection is still visible, as reverse video.
    assert!(sgr_params(&plain.capture_escapes()).contains(&7));
}
