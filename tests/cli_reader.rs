//! `khobor list` in the reader's order with `--sort`, and `khobor search --saved NAME`, on the
//! bundled seeds (dates 2025-07-13, 2023-09-05 and two undated articles).

use assert_cmd::Command;
use predicates::prelude::*;

fn khobor(home: &tempfile::TempDir) -> Command {
    let mut cmd = Command::cargo_bin("khobor").expect("binary is built");
    cmd.env("HOME", home.path().join("home"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"));
    cmd
}

/// The DATE column of `khobor list`, header left out.
fn dates(out: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(out)
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

#[test]
fn list_uses_the_readers_order_unless_told_otherwise() {
    let home = tempfile::tempdir().expect("temp dir");
    let out = khobor(&home).arg("list").assert().success();
    assert_eq!(
        dates(&out.get_output().stdout),
        ["2025-07-13", "2023-09-05", "—", "—"]
    );
    let out = khobor(&home)
        .args(["list", "--sort", "oldest"])
        .assert()
        .success();
    assert_eq!(
        dates(&out.get_output().stdout),
        ["2023-09-05", "2025-07-13", "—", "—"]
    );
    khobor(&home)
        .args(["list", "--sort", "date"])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "known: newest, oldest, outlet, title",
        ));
}

#[test]
fn a_saved_search_runs_by_name_and_a_bad_one_names_its_line() {
    let home = tempfile::tempdir().expect("temp dir");
    let config = home.path().join("config").join("khobor");
    std::fs::create_dir_all(&config).expect("mkdir");
    let file = config.join("config.toml");
    std::fs::write(&file, "[searches]\n\"Lavrov\" = \"লাভরভ\"\n").expect("write");
    let out = khobor(&home)
        .args(["search", "--saved", "lavrov"])
        .assert()
        .success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert_eq!(text.lines().count(), 1, "{text}");
    assert!(text.contains("seeds/000"), "{text}");
    khobor(&home)
        .args(["search", "--saved", "nothing"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("(saved: Lavrov)"));
    std::fs::write(&file, "[searches]\nok = \"x\"\nbad = \"colour:red\"\n").expect("write");
    khobor(&home)
        .args(["search", "--saved", "ok"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("config.toml:3:7"));
}
