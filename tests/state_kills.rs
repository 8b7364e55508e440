//! `kill -9` during saves of a 1 MB reading state: after every kill `state.json` and its backup
//! `state.json.bak` are whole, valid states (the backup used to be written with a plain copy and
//! was left empty), and the next save removes the temp files the killed processes left behind.
//!
//! The saving process is this test binary itself, re-run on the ignored test `saver`.
#![cfg(target_os = "linux")]

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use khobor::article::ContentId;
use khobor::state::{ReadingState, StateStore};

const DIR_ENV: &str = "KHOBOR_TEST_SAVER_DIR";
const ARTICLES: u128 = 5_000;

fn state_with(round: u128) -> ReadingState {
    let mut state = ReadingState::default();
    for id in 0..ARTICLES {
        let path =
            format!("/archive/2026/03/{id:06}-a-long-enough-file-name-for-a-real-archive.txt");
        state.set_read(ContentId(id), &path, (id + round).is_multiple_of(3));
        state.set_starred(ContentId(id), &path, (id + round).is_multiple_of(7));
    }
    state
}

/// Saves changing states until killed; run only by [`kill_9_during_saves_leaves_valid_files`].
#[test]
#[ignore = "the child process of kill_9_during_saves_leaves_valid_files"]
fn saver() {
    let Some(dir) = std::env::var_os(DIR_ENV) else {
        return;
    };
    let store = StateStore::new(Path::new(&dir).join("state.json"));
    for round in 1.. {
        store.save(&state_with(round)).expect("save");
    }
}

fn valid_state(path: &Path) -> bool {
    let Ok(bytes) = fs::read(path) else {
        return false;
    };
    let aside = tempfile::tempdir().expect("temp dir");
    let copy = aside.path().join("state.json");
    fs::write(&copy, bytes).expect("copy");
    let outcome = StateStore::new(copy).peek();
    outcome.warning.is_none() && outcome.state.len() == ARTICLES as usize
}

#[test]
fn kill_9_during_saves_leaves_valid_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = StateStore::new(dir.path().join("state.json"));
    store.save(&state_with(0)).expect("first save");
    store
        .save(&state_with(0))
        .expect("second save, making the backup");
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let kills = 30;
    for kill in 0..kills {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let mut child = Command::new(std::env::current_exe().expect("test binary"))
            .args(["--ignored", "--exact", "saver", "--test-threads=1"])
            .env(DIR_ENV, dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn saver");
        std::thread::sleep(Duration::from_millis(50 + seed % 750));
        child.kill().expect("SIGKILL");
        child.wait().expect("reap");
        assert!(
            valid_state(store.path()),
            "state.json damaged after kill {kill}"
        );
        assert!(
            valid_state(&dir.path().join("state.json.bak")),
            "state.json.bak damaged after kill {kill}"
        );
    }
    store.save(&state_with(1)).expect("save after the kills");
    let mut names: Vec<String> = fs::read_dir(dir.path())
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["state.json", "state.json.bak", "state.json.lock"],
        "temp files of killed savers are swept"
    );
}
