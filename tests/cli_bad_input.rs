//! `khobor list` / `khobor extract` on messy input: every good file loads, every bad one is
//! reported on stderr with its path and reason, the exit code is 0, and nothing is written.
//! Tests run as root in CI, where `chmod 000` does not stop a read; the unreadable cases here are
//! ones that fail for root too (a broken link, a link cycle, a named pipe, a huge file).

use std::collections::BTreeMap;
use std::fs;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

const GOOD: &str = "শিরোনাম: পুতিন ও কিমের বৈঠক\n\nপ্রকাশ: ২১ মার্চ ২০২৬, ১২:৩৫ পূর্বাহ্ন\n\nরাশিয়ার প্রেসিডেন্ট বৈঠক করেছেন। খবর রয়টার্সের।\n";

fn khobor() -> Command {
    Command::cargo_bin("khobor").expect("binary is built")
}

/// Every regular file under `dir` with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).expect("temp dir is readable").flatten() {
            let ft = e.file_type().expect("file type");
            if ft.is_dir() {
                stack.push(e.path());
            } else if ft.is_file() {
                let meta = e.metadata().expect("metadata");
                let bytes = fs::read(e.path()).unwrap_or_default();
                out.insert(e.path(), (bytes, meta.modified().expect("mtime")));
            }
        }
    }
    out
}

struct Messy {
    dir: tempfile::TempDir,
    /// File name → a word the stderr report must contain.
    bad: Vec<(&'static str, &'static str)>,
    /// Files that must load.
    good: Vec<&'static str>,
    /// `chmod 000` file: unreadable for ordinary users, readable for root.
    locked: &'static str,
}

fn messy_dir() -> Messy {
    let dir = tempfile::tempdir().expect("temp dir");
    let p = |name: &str| dir.path().join(name);
    fs::write(p("good.txt"), GOOD).expect("write");
    fs::create_dir(p("sub")).expect("mkdir");
    fs::write(p("sub/nested.txt"), GOOD.replace("রয়টার্সের", "এএফপির")).expect("write");
    let mut bad_utf8 = GOOD.as_bytes().to_vec();
    bad_utf8.insert(4, 0xFF);
    fs::write(p("bad_utf8.txt"), bad_utf8).expect("write");
    fs::write(p("empty.txt"), b"").expect("write");
    fs::write(
        p("binary.txt"),
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00binary",
    )
    .expect("write");
    fs::write(p("notes.md.bak"), b"ignored: not an article extension").expect("write");
    symlink(p("missing.txt"), p("dangling.txt")).expect("symlink");
    symlink(p("cycle_b.txt"), p("cycle_a.txt")).expect("symlink");
    symlink(p("cycle_a.txt"), p("cycle_b.txt")).expect("symlink");
    symlink(dir.path(), p("sub/loop")).expect("symlink");
    let huge = fs::File::create(p("huge.txt")).expect("create");
    huge.set_len(17 * 1024 * 1024).expect("sparse file");
    fs::write(p("locked.txt"), GOOD).expect("write");
    let mut perms = fs::metadata(p("locked.txt")).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o000);
    fs::set_permissions(p("locked.txt"), perms).expect("chmod");
    let mut bad = vec![
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("dangling.txt", "broken symbolic link"),
        ("cycle_a.txt", "symbolic link"),
        ("loop", "loop"),
        ("huge.txt", "too large"),
    ];
    let fifo_made = std::process::Command::new("mkfifo")
        .arg(p("pipe.txt"))
        .status()
        .is_ok_and(|s| s.success());
    if fifo_made {
        bad.push(("pipe.txt", "not a regular file"));
    } else {
        eprintln!("mkfifo unavailable: the named-pipe case is not exercised");
    }
    Messy {
        dir,
        bad,
        good: vec!["good.txt", "nested.txt", "bad_utf8.txt"],
        locked: "locked.txt",
    }
}

#[test]
fn extract_loads_good_files_and_reports_each_bad_one() {
    let m = messy_dir();
    let before = snapshot(m.dir.path());
    let out = khobor()
        .arg("extract")
        .arg(m.dir.path())
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("runs");
    assert!(out.status.success(), "exit status {:?}", out.status);
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 errors");
    let paths: Vec<String> = stdout
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
            v["path"].as_str().expect("path").to_string()
        })
        .collect();
    for good in &m.good {
        assert!(
            paths.iter().any(|p| p.ends_with(good)),
            "{good} loaded: {paths:?}"
        );
    }
    for (name, reason) in &m.bad {
        assert!(
            !paths.iter().any(|p| p.ends_with(name)),
            "{name} must not load"
        );
        assert!(
            stderr
                .lines()
                .any(|l| l.contains(&format!("/{name}")) && l.contains(reason)),
            "{name} reported with '{reason}' in:\n{stderr}"
        );
    }
    assert!(
        stderr
            .lines()
            .any(|l| l.contains("bad_utf8.txt") && l.contains("invalid UTF-8")),
        "lossy decode warned:\n{stderr}"
    );
    assert!(
        !stderr.contains("notes.md.bak"),
        "other extensions are ignored quietly"
    );
    // Root reads a chmod-000 file; anyone else gets it reported.
    let locked_readable = fs::File::open(m.dir.path().join(m.locked)).is_ok();
    let locked_loaded = paths.iter().any(|p| p.ends_with(m.locked));
    assert_eq!(locked_loaded, locked_readable);
    if !locked_readable {
        assert!(stderr.contains(m.locked), "{stderr}");
    }
    assert_eq!(snapshot(m.dir.path()), before, "input files untouched");
}

#[test]
fn list_on_messy_dir_exits_zero() {
    let m = messy_dir();
    khobor()
        .arg("list")
        .arg(m.dir.path())
        .timeout(std::time::Duration::from_secs(60))
        .assert()
        .success()
        .stdout(predicate::str::contains("শিরোনাম: পুতিন ও কিমের বৈঠক"))
        .stderr(predicate::str::contains("empty.txt"));
}

#[test]
fn nonexistent_path_fails_with_a_clear_message() {
    khobor()
        .args(["list", "/nonexistent/khobor-test-dir"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "/nonexistent/khobor-test-dir: no such file or directory",
        ));
    khobor()
        .args(["extract", "/nonexistent/x.txt"])
        .assert()
        .failure()
        .stdout(predicate::str::is_empty());
}

#[test]
fn no_path_uses_the_embedded_seeds_from_any_directory() {
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = khobor()
        .arg("extract")
        .current_dir(elsewhere.path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 4);
    assert!(
        lines[0]["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("seeds/000_"))
    );
    let keys: Vec<&str> = lines[0]
        .as_object()
        .expect("object")
        .keys()
        .map(String::as_str)
        .collect();
    for k in [
        "path",
        "title",
        "title_derived",
        "published",
        "publisher",
        "sources",
        "cited_media",
        "byline",
        "body",
        "entities",
    ] {
        assert!(keys.contains(&k), "field {k} in {keys:?}");
    }
    assert_eq!(lines[0]["sources"][0]["role"], "credit");
}

#[test]
fn a_file_given_explicitly_loads_whatever_its_extension() {
    let dir = tempfile::tempdir().expect("temp dir");
    let f = dir.path().join("article.text");
    fs::write(&f, GOOD).expect("write");
    khobor()
        .arg("extract")
        .arg(&f)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"name\":\"Reuters\""));
}

/// A cache directory that cannot be written costs one line per run, not one per cache and
/// chunk; the corpus still loads.
#[test]
fn an_unwritable_cache_is_reported_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..300 {
        fs::write(dir.path().join(format!("{i:03}.txt")), GOOD).expect("write");
    }
    let blocker = tempfile::NamedTempFile::new().expect("temp file");
    let out = khobor()
        .env("XDG_CONFIG_HOME", "/nonexistent-khobor-config")
        .env("KHOBOR_CACHE_DIR", blocker.path().join("cache"))
        .arg("list")
        .arg(dir.path())
        .output()
        .expect("runs");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("not saved").count(), 1, "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 301);
}
