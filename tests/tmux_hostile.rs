//! Hostile names and input against the release binary in a real terminal (tmux): a file name
//! carrying OSC 2 must not retitle the pane; two readers at once never lose each other's marks. Skipped without tmux unless `KHOBOR_REQUIRE_TMUX=1`.
#![cfg(target_os = "linux")]

mod common;

use std::fs;

use common::tmux::{Tmux, columns, panes, tmux_ready};
use khobor::seeds::BUNDLED;

const TITLE: &str = "PWNED";

#[test]
fn hostile_file_name_leaves_the_pane_title_alone() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let dir = tempfile::tempdir().expect("corpus");
    let osc2 = format!("a_\u{1b}]2;{TITLE}\u{1b}\\");
    fs::write(dir.path().join(format!("{osc2}.txt")), b"").expect("empty file");
    fs::write(dir.path().join(format!("{osc2}\u{7}.txt")), b"").expect("empty file");
    let corpus = dir.path().to_string_lossy().into_owned();
    let t = Tmux::launch(home.path(), &[], &["--no-cache", "list", &corpus]);
    let screen = t.exited();
    let shown = screen.join("\n");
    assert!(shown.contains("khobor-exited=0"), "{shown}");
    assert!(
        shown.contains("]2;PWNED"),
        "the warning names the file: {shown}"
    );
    assert!(!t.format("#{pane_title}").contains(TITLE), "{shown}");
    // The check can fail: the same bytes printed raw do retitle the pane.
    t.run(&[
        "respawn-pane",
        "-k",
        "-t",
        "k",
        "printf 'a_\\033]2;PWNED\\033\\\\'; exec sleep 600",
    ]);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !t.format("#{pane_title}").contains(TITLE) {
        assert!(
            std::time::Instant::now() < deadline,
            "raw OSC 2 did not retitle the pane: the check above proves nothing"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
}

/// The two flag columns (`N` unread, `*` starred) of each list item, top to bottom (3-row cards
/// at 120 columns).
fn flags(screen: &[String]) -> Vec<String> {
    let p = panes(screen);
    (0..BUNDLED.len())
        .map(|i| columns(&screen[1 + 3 * i], p[0] + 1, p[0] + 3))
        .collect()
}

#[test]
fn an_instance_started_earlier_never_unstars() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("temp dir");
    let a = Tmux::launch(home.path(), &[], &[]);
    let b = Tmux::launch(home.path(), &[], &[]);
    a.main_screen();
    b.main_screen();
    // A stars three articles and quits; B, started before, knows nothing of it.
    a.keys(&["*", "j", "*", "j", "*"]);
    a.settle("three stars in A", |s| flags(s)[..3] == ["N*", "N*", "N*"]);
    a.keys(&["q"]);
    a.exited();
    // B marks the first read, then everything read: both saves merge A's stars in.
    b.keys(&["m"]);
    b.settle("the first read in B", |s| flags(s)[0].starts_with(' '));
    b.keys(&["M"]);
    let screen = b.settle("all read in B", |s| {
        flags(s).iter().all(|f| f.starts_with(' '))
    });
    assert_eq!(
        flags(&screen),
        [" *", " *", " *", "  "],
        "{}",
        screen.join("\n")
    );
    b.keys(&["q"]);
    b.exited();
    let t = Tmux::launch(home.path(), &[], &[]);
    let screen = t.main_screen();
    assert_eq!(
        flags(&screen),
        [" *", " *", " *", "  "],
        "{}",
        screen.join("\n")
    );
}

/// Unfinished escape sequences (an SGR mouse report cut short, a bracketed paste never ended)
/// used to swallow every later key; after a short silence they are dropped and `q` quits.
#[test]
fn an_unfinished_escape_sequence_never_swallows_q() {
    if !tmux_ready() {
        return;
    }
    for storm in ["\u{1b}[<35;1", "\u{1b}[200~half a paste"] {
        let t = Tmux::start();
        t.main_screen();
        t.type_text(storm);
        std::thread::sleep(std::time::Duration::from_millis(300));
        t.keys(&["q"]);
        let screen = t.exited();
        assert!(
            screen.iter().any(|l| l.contains("khobor-exited=0")),
            "{storm:?}: {}",
            screen.join("\n")
        );
    }
}

/// Skipped files are shown in the status bar and listed on stderr after quitting (the reader
/// used to say nothing of them).
#[test]
fn the_reader_reports_skipped_files() {
    if !tmux_ready() {
        return;
    }
    let home = tempfile::tempdir().expect("home");
    let dir = tempfile::tempdir().expect("corpus");
    for (i, (_, bytes)) in BUNDLED.iter().enumerate().take(2) {
        fs::write(dir.path().join(format!("good-{i}.txt")), bytes).expect("write");
    }
    fs::write(dir.path().join("empty.txt"), b"").expect("write");
    let huge = fs::File::create(dir.path().join("huge.txt")).expect("create");
    huge.set_len(17 * 1024 * 1024).expect("sparse file");
    let corpus = dir.path().to_string_lossy().into_owned();
    let t = Tmux::launch(home.path(), &[], &["--no-cache", &corpus]);
    let screen = t.settle("the skipped files in the status bar", |s| {
        s.last().is_some_and(|l| l.contains("2 file(s) skipped"))
    });
    assert!(screen[0].contains("Articles 1/2"), "{}", screen.join("\n"));
    t.keys(&["q"]);
    let shown = t.exited().join("\n");
    assert!(shown.contains("empty.txt: skipped: empty file"), "{shown}");
    assert!(shown.contains("huge.txt: skipped: too large"), "{shown}");
}

/// The pid of a child of process `parent`, from `/proc/*/stat` (field 4 is the parent pid).
fn child_of(parent: &str) -> Option<String> {
    fs::read_dir("/proc").ok()?.flatten().find_map(|entry| {
        let pid = entry.file_name().into_string().ok()?;
        let stat = fs::read_to_string(entry.path().join("stat")).ok()?;
        let after_name = &stat[stat.rfind(')')? + 1..];
        let ppid = after_name.split_whitespace().nth(1)?;
        (ppid == parent).then_some(pid)
    })
}

fn signal(pid: &str, name: &str) {
    let sent = std::process::Command::new("kill")
        .args([&format!("-{name}"), pid])
        .status()
        .is_ok_and(|s| s.success());
    assert!(sent, "kill -{name} {pid}");
}

/// An outside SIGTSTP gives the terminal back (normal screen, no mouse reporting) and SIGCONT
/// takes it again; SIGQUIT and SIGUSR1 quit with the terminal restored.
#[test]
fn stop_continue_and_quit_signals_restore_the_terminal() {
    if !tmux_ready() {
        return;
    }
    let t = Tmux::start();
    t.main_screen();
    let khobor = child_of(&t.format("#{pane_pid}")).expect("khobor runs under the shell");
    signal(&khobor, "TSTP");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while t.format("#{alternate_on}") != "0" || t.format("#{mouse_any_flag}") != "0" {
        assert!(
            std::time::Instant::now() < deadline,
            "SIGTSTP left reader mode on"
        );
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    signal(&khobor, "CONT");
    t.main_screen();
    assert_eq!(t.format("#{alternate_on}"), "1");
    for quit in ["QUIT", "USR1"] {
        let t = Tmux::start();
        t.main_screen();
        let khobor = child_of(&t.format("#{pane_pid}")).expect("khobor runs");
        signal(&khobor, quit);
        t.exited();
        assert_eq!(t.format("#{alternate_on}"), "0", "{quit}");
        assert_eq!(t.format("#{mouse_any_flag}"), "0", "{quit}");
    }
}
