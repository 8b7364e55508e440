//! Special files where khobor reads: a FIFO swapped in for an article while a load runs, and a
//! FIFO or `/dev/zero` in place of the state file, a cache file or the config. Each command must
//! finish within a deadline (it used to block forever or read until memory ran out), report the
//! file, and still load the good articles.
#![cfg(target_os = "linux")]

use std::ffi::CString;
use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const GOOD: &str = "শিরোনাম: পুতিন ও কিমের বৈঠক\n\nরাশিয়ার প্রেসিডেন্ট বৈঠক করেছেন। খবর রয়টার্সের।\n";

fn mkfifo(path: &Path) {
    let c = CString::new(path.as_os_str().as_bytes()).expect("path");
    // SAFETY: a valid NUL-terminated path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0, "mkfifo");
}

fn khobor(home: &Path) -> Command {
    let mut cmd = Command::new(assert_cmd::cargo::cargo_bin("khobor"));
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("KHOBOR_CACHE_DIR", home.join("cache"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

/// Runs `cmd`, killing it and failing the test when it has not finished after `secs` seconds.
fn run_within(cmd: &mut Command, secs: u64) -> Output {
    let mut child = cmd.spawn().expect("starts");
    let deadline = Instant::now() + Duration::from_secs(secs);
    while child.try_wait().expect("wait").is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            let out = child.wait_with_output().expect("output");
            panic!(
                "{cmd:?} still running after {secs} s; stderr: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().expect("output")
}

#[test]
fn fifo_swapped_in_during_loads_never_hangs() {
    let home = tempfile::tempdir().expect("home");
    let dir = tempfile::tempdir().expect("corpus");
    for i in 0..40 {
        fs::write(
            dir.path().join(format!("{i:02}.txt")),
            GOOD.replace("পুতিন", &format!("পুতিন {i}")),
        )
        .expect("write");
    }
    let victim = dir.path().join("20.txt");
    let fifo = dir.path().join("fifo.tmp");
    let regular = dir.path().join("regular.tmp");
    let stop = Arc::new(AtomicBool::new(false));
    // Swap the file for a FIFO and back as fast as possible, by rename (atomic), so some loads
    // find a regular file at `stat` and a FIFO at `open`.
    let swapper = {
        let (stop, victim, fifo, regular) =
            (stop.clone(), victim.clone(), fifo.clone(), regular.clone());
        std::thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                mkfifo(&fifo);
                fs::rename(&victim, &regular).expect("rename away");
                fs::rename(&fifo, &victim).expect("fifo in");
                std::thread::yield_now();
                fs::rename(&regular, &victim).expect("regular back");
            }
        })
    };
    let mut saw_fifo = 0;
    for _ in 0..100 {
        let out = run_within(
            khobor(home.path())
                .args(["--no-cache", "list"])
                .arg(dir.path()),
            10,
        );
        assert!(out.status.success(), "{out:?}");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            stdout.lines().count() >= 40,
            "the other files load: {stdout}"
        );
        if String::from_utf8_lossy(&out.stderr).contains("named pipe") {
            saw_fifo += 1;
        }
    }
    stop.store(true, Ordering::Relaxed);
    swapper.join().expect("swapper");
    eprintln!("{saw_fifo} of 100 loads met the FIFO");
}

#[test]
fn fifo_or_device_as_the_state_file_is_refused() {
    let dir = tempfile::tempdir().expect("corpus");
    fs::write(dir.path().join("a.txt"), GOOD).expect("write");
    for special in ["fifo", "/dev/zero"] {
        let home = tempfile::tempdir().expect("home");
        let state_dir = home.path().join("data").join("khobor");
        fs::create_dir_all(&state_dir).expect("mkdir");
        let state = state_dir.join("state.json");
        if special == "fifo" {
            mkfifo(&state);
        } else {
            symlink(special, &state).expect("link");
        }
        for args in [&["export"][..], &["search", "is:starred"][..]] {
            let out = run_within(khobor(home.path()).args(args).arg(dir.path()), 10);
            assert!(out.status.success(), "{special} {args:?}: {out:?}");
            let stderr = String::from_utf8_lossy(&out.stderr);
            assert!(
                stderr.contains("not a regular file"),
                "{special} {args:?}: {stderr}"
            );
        }
    }
}

#[test]
fn fifo_or_device_as_the_config_is_refused() {
    let home = tempfile::tempdir().expect("home");
    let fifo = home.path().join("config.toml");
    mkfifo(&fifo);
    for config in [fifo.as_path(), Path::new("/dev/zero")] {
        let out = run_within(
            khobor(home.path())
                .arg("--config")
                .arg(config)
                .arg("--print-config"),
            10,
        );
        assert!(!out.status.success(), "{config:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("not a regular file"),
            "{config:?}: {stderr}"
        );
    }
}

#[test]
fn fifo_or_device_as_a_cache_file_is_rebuilt_over() {
    let dir = tempfile::tempdir().expect("corpus");
    // Enough files for the caches to be used.
    for i in 0..300 {
        fs::write(
            dir.path().join(format!("{i:03}.txt")),
            GOOD.replace("পুতিন", &format!("পুতিন {i}")),
        )
        .expect("write");
    }
    for special in ["fifo", "/dev/zero"] {
        let home = tempfile::tempdir().expect("home");
        let first = run_within(khobor(home.path()).arg("list").arg(dir.path()), 60);
        assert!(first.status.success(), "{first:?}");
        let caches: Vec<_> = fs::read_dir(home.path().join("cache"))
            .expect("cache dir")
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "bin"))
            .collect();
        assert!(!caches.is_empty(), "the first run wrote caches");
        for cache in &caches {
            fs::remove_file(cache).expect("rm");
            if special == "fifo" {
                mkfifo(cache);
            } else {
                symlink(special, cache).expect("link");
            }
        }
        let out = run_within(khobor(home.path()).arg("list").arg(dir.path()), 30);
        assert!(out.status.success(), "{special}: {out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stdout).lines().count(),
            301,
            "{special}"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("not a regular file"), "{special}: {stderr}");
    }
}

#[test]
fn a_thousand_level_tree_loads_quickly() {
    let home = tempfile::tempdir().expect("home");
    let dir = tempfile::tempdir().expect("corpus");
    let mut deep = dir.path().to_path_buf();
    for _ in 0..1000 {
        deep.push("d");
    }
    fs::create_dir_all(&deep).expect("deep tree");
    fs::write(deep.join("deep.txt"), GOOD).expect("write");
    fs::write(dir.path().join("top.txt"), GOOD.replace("পুতিন", "কিম")).expect("write");
    // A loop at the bottom, back to the top.
    symlink(dir.path(), deep.join("loop")).expect("symlink");
    let started = Instant::now();
    let out = run_within(
        khobor(home.path())
            .args(["--no-cache", "list"])
            .arg(dir.path()),
        20,
    );
    let took = started.elapsed();
    assert!(out.status.success(), "{out:?}");
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        3,
        "{out:?}"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("loop"),
        "{out:?}"
    );
    // The release build takes 0.5-0.8 s here (58 s when every folder was canonicalised).
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn bad_paths_named_on_the_command_line_are_reported_not_fatal() {
    let home = tempfile::tempdir().expect("home");
    let dir = tempfile::tempdir().expect("corpus");
    let good = dir.path().join("good.txt");
    fs::write(&good, GOOD).expect("write");
    let (a, b) = (
        dir.path().join("cycle_a.txt"),
        dir.path().join("cycle_b.txt"),
    );
    symlink(&b, &a).expect("symlink");
    symlink(&a, &b).expect("symlink");
    let dangling = dir.path().join("dangling.txt");
    symlink(dir.path().join("missing.txt"), &dangling).expect("symlink");
    let out = run_within(
        khobor(home.path())
            .args(["--no-cache", "list"])
            .args([&a, &dangling, &good]),
        10,
    );
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 2, "{stderr}");
    assert!(stderr.contains("broken symbolic link"), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2);
    // A path that does not exist at all is still an error.
    let out = run_within(
        khobor(home.path())
            .args(["--no-cache", "list"])
            .arg(dir.path().join("nothing")),
        10,
    );
    assert_eq!(out.status.code(), Some(1), "{out:?}");
}
