//! End-to-end checks in a real terminal emulator: the release binary on the bundled seeds inside
//! tmux (`LANG=C.UTF-8`, 120×40), driven with `send-keys` and read with `capture-pane`.
//!
//! The harness is in `tests/common/tmux.rs`. Without tmux the tests are skipped with a printed reason, unless `KHOBOR_REQUIRE_TMUX=1`
//! (set by CI), which turns a missing tmux into a failure.
#![cfg(target_os = "linux")]

mod common;

use std::process::Command;

use common::tmux::{
    HEIGHT, Tmux, WIDTH, border_columns, columns, glibc, list_text, panes, side_rows, squash,
    status_line, tmux_ready,
};

/// How the titles of seeds 000–003 start (seed 003 has no headline, so its title is taken from
/// its first sentence). Only the start: a card's second title row gives way to a body snippet
/// while a query is active.
const TITLE_000_START: &str = "ইউক্রেন যুদ্ধে রাশিয়াকে নিঃশর্ত";
const TITLE_001_START: &str = "চীনে আড়াই ঘণ্টা বৈঠক";
const TITLE_002_START: &str = "পুতিনের সঙ্গে অস্ত্র আলোচনার";
const TITLE_003_START: &str = "রুশ প্রেসিডেন্ট ভ্লাদিমির পুতিন";

#[test]
fn main_screen_is_exactly_the_terminal_width_with_straight_borders() {
    if !tmux_ready() {
        return;
    }
    let t = Tmux::start();
    let screen = t.main_screen();
    for (y, row) in screen.iter().enumerate() {
        assert_eq!(glibc::str_width(row), WIDTH, "row {y}: {row:?}");
    }
    let body = &screen[..HEIGHT - 1];
    let first = border_columns(&body[0]);
    for (y, row) in body.iter().enumerate() {
        assert_eq!(
            border_columns(row),
            first,
            "borders moved on row {y}: {row:?}"
        );
    }
    let list = list_text(&screen);
    for title in [
        TITLE_000_START,
        TITLE_001_START,
        TITLE_002_START,
        TITLE_003_START,
    ] {
        assert!(
            list.contains(&squash(title)),
            "{title} not in the list:\n{}",
            screen.join("\n")
        );
    }
    let side = side_rows(&screen).join("\n");
    for outlet in ["Al Jazeera", "BBC", "TASS"] {
        assert!(side.contains(outlet), "{outlet} not in Sources:\n{side}");
    }
}

#[test]
fn typing_a_filter_leaves_only_the_matching_article() {
    if !tmux_ready() {
        return;
    }
    let t = Tmux::start();
    t.main_screen();
    t.keys(&["/"]);
    t.type_text("লাভরভ");
    t.keys(&["Enter"]);
    let screen = t.settle("the filtered list", |s| {
        s.len() == HEIGHT && status_line(s).contains("1/4")
    });
    let list = list_text(&screen);
    assert!(
        list.contains(&squash(TITLE_000_START)),
        "{}",
        screen.join("\n")
    );
    for other in [TITLE_001_START, TITLE_002_START, TITLE_003_START] {
        assert!(!list.contains(&squash(other)), "{other} still listed");
    }
    assert!(status_line(&screen).trim_start().starts_with("1/4"));
}

#[test]
fn choosing_bbc_in_sources_leaves_seeds_002_and_003() {
    if !tmux_ready() {
        return;
    }
    let t = Tmux::start();
    let screen = t.main_screen();
    let facets: Vec<String> = side_rows(&screen)
        .into_iter()
        .filter(|r| r.contains("[ ]") || r.contains("[x]"))
        .collect();
    let bbc = facets
        .iter()
        .position(|r| r.split_whitespace().any(|w| w == "BBC"))
        .unwrap_or_else(|| panic!("BBC not in the Sources panel:\n{}", screen.join("\n")));
    t.keys(&["s"]);
    for _ in 0..bbc {
        t.keys(&["j"]);
    }
    t.keys(&["Enter"]);
    let screen = t.settle("the source-filtered list", |s| {
        s.len() == HEIGHT && status_line(s).contains("source: BBC")
    });
    assert!(
        status_line(&screen).trim_start().starts_with("2/4"),
        "{}",
        status_line(&screen)
    );
    let list = list_text(&screen);
    for shown in [TITLE_002_START, TITLE_003_START] {
        assert!(
            list.contains(&squash(shown)),
            "{shown} missing:\n{}",
            screen.join("\n")
        );
    }
    for hidden in [TITLE_000_START, TITLE_001_START] {
        assert!(!list.contains(&squash(hidden)), "{hidden} still listed");
    }
}

/// Selects seed 002 in the list (wherever the sort put it) and opens it in the reader.
fn open_seed_002(t: &Tmux) -> Vec<String> {
    let screen = t.main_screen();
    let p = panes(&screen);
    let first_row = |title: &str| {
        let start = squash(&title.split_whitespace().take(2).collect::<String>());
        screen
            .iter()
            .position(|r| squash(&columns(r, p[0] + 1, p[1])).starts_with(&start))
    };
    let mut order: Vec<(usize, &str)> = [
        TITLE_000_START,
        TITLE_001_START,
        TITLE_002_START,
        TITLE_003_START,
    ]
    .into_iter()
    .map(|title| {
        let row = first_row(title).unwrap_or_else(|| panic!("{title} not listed"));
        (row, title)
    })
    .collect();
    order.sort();
    let index = order
        .iter()
        .position(|(_, title)| *title == TITLE_002_START)
        .unwrap_or_default();
    for _ in 0..index {
        t.keys(&["j"]);
    }
    t.keys(&["Enter"]);
    // The reader holds articles light: the body is read again from the file when shown, so
    // wait for its first paragraph too, not only the title.
    t.settle("seed 002 in the reader, with its body", |s| {
        let p = panes(s);
        let reader_row = |r: &String| squash(&columns(r, p[2] + 1, p[3]));
        s.len() == HEIGHT
            && reader_row(&s[1]).starts_with(&squash("পুতিনের সঙ্গে"))
            && s[2..]
                .iter()
                .any(|r| reader_row(r).starts_with(&squash("রাশিয়ার প্রেসিডেন্ট")))
    })
}

#[test]
fn scrolling_the_reader_leaves_no_stale_marks() {
    if !tmux_ready() {
        return;
    }
    let fresh = {
        let t = Tmux::start();
        open_seed_002(&t)
    };
    let t = Tmux::start();
    open_seed_002(&t);
    for i in 0..20 {
        t.keys(&["j", "j", "j"]);
        t.settle("scrolled down", |s| s.len() == HEIGHT && *s != fresh[..]);
        t.keys(&["k", "k", "k"]);
        // Waits for the exact screen of a fresh start; a stale mark anywhere never gets there,
        // and the timeout message shows the screen that was left instead.
        t.settle(
            &format!("the fresh-start screen after {} round trips", i + 1),
            |s| *s == fresh[..],
        );
    }
}

#[test]
fn quitting_restores_the_normal_screen_and_cursor() {
    if !tmux_ready() {
        return;
    }
    let t = Tmux::start();
    t.main_screen();
    assert_eq!(
        t.format("#{alternate_on}"),
        "1",
        "the reader uses the alternate screen"
    );
    t.keys(&["q"]);
    t.exited();
    assert_eq!(t.format("#{alternate_on}"), "0");
    assert_eq!(t.format("#{cursor_flag}"), "1");
    assert_eq!(
        t.format("#{mouse_any_flag}"),
        "0",
        "mouse reporting is switched off"
    );
    let screen = t.capture();
    assert!(
        screen.iter().any(|l| l.trim() == "khobor-exited=0"),
        "{screen:?}"
    );
}

/// The pid of a child of process `parent`, from `/proc/*/stat` (field 4 is the parent pid).
fn child_of(parent: &str) -> Option<String> {
    std::fs::read_dir("/proc")
        .ok()?
        .flatten()
        .find_map(|entry| {
            let pid = entry.file_name().into_string().ok()?;
            let stat = std::fs::read_to_string(entry.path().join("stat")).ok()?;
            // The command name (field 2) may hold spaces and parentheses: split after its `)`.
            let after_name = &stat[stat.rfind(')')? + 1..];
            let ppid = after_name.split_whitespace().nth(1)?;
            (ppid == parent).then_some(pid)
        })
}

#[test]
fn sigterm_restores_the_terminal() {
    if !tmux_ready() {
        return;
    }
    let t = Tmux::start();
    t.main_screen();
    let shell = t.format("#{pane_pid}");
    let khobor = child_of(&shell).expect("khobor runs under the pane's shell");
    let killed = Command::new("kill")
        .args(["-TERM", &khobor])
        .status()
        .is_ok_and(|s| s.success());
    assert!(killed, "kill -TERM {khobor}");
    t.exited();
    assert_eq!(t.format("#{alternate_on}"), "0");
    assert_eq!(t.format("#{cursor_flag}"), "1");
}

/// Issue 5's seed queries, typed into the live filter of the real binary: Latin names find the
/// Bengali text, fields and exclusions combine.
#[test]
fn latin_and_field_queries_find_the_right_seeds() {
    if !tmux_ready() {
        return;
    }
    let titles = [
        TITLE_000_START,
        TITLE_001_START,
        TITLE_002_START,
        TITLE_003_START,
    ];
    let cases: [(&str, &[usize]); 6] = [
        ("lavrov", &[0]),
        ("kirby", &[2]),
        ("trump", &[3]),
        ("shoigu", &[2]),
        ("source:tass", &[0, 1]),
        ("person:putin !trump", &[0, 1, 2]),
    ];
    let t = Tmux::start();
    t.main_screen();
    for (query, expected) in cases {
        t.keys(&["/"]);
        t.type_text(query);
        t.keys(&["Enter"]);
        let count = format!("{}/4", expected.len());
        let screen = t.settle(&format!("the list for {query:?}"), |s| {
            s.len() == HEIGHT && status_line(s).trim_start().starts_with(&count)
        });
        let list = list_text(&screen);
        for (i, title) in titles.iter().enumerate() {
            assert_eq!(
                list.contains(&squash(title)),
                expected.contains(&i),
                "{query:?}: seed {i:03} listed wrongly:\n{}",
                screen.join("\n")
            );
        }
        // Clear the filter for the next query.
        t.keys(&["/", "Escape"]);
        t.settle("the full list again", |s| {
            s.len() == HEIGHT && status_line(s).trim_start().starts_with("4/4")
        });
    }
}
