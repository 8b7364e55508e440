//! Configuration and reading state from the command line: `--print-config`, config errors with
//! file and line, `export` with marks, `completions`. Every run gets its own temporary HOME and
//! XDG directories, so the real user's files are never read or written.

use std::fs;
use std::path::PathBuf;

use assert_cmd::Command;
use khobor::article::ContentId;
use khobor::seeds::BUNDLED;
use khobor::state::{ReadingState, StateStore};
use predicates::prelude::*;

/// A private home: `config` and `data` are the XDG directories khobor sees.
struct Home {
    dir: tempfile::TempDir,
}

impl Home {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn khobor(&self) -> Command {
        let mut cmd = Command::cargo_bin("khobor").expect("binary is built");
        cmd.env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_DATA_HOME", self.path("data"))
            .env_remove("NO_COLOR")
            .env_remove("KHOBOR_NEWS_DIR");
        cmd
    }

    /// Writes the default-location config file.
    fn config(&self, text: &str) -> PathBuf {
        let path = self.path("config/khobor/config.toml");
        fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        fs::write(&path, text).expect("write config");
        path
    }

    fn store(&self) -> StateStore {
        StateStore::new(self.path("data/khobor/state.json"))
    }

    /// The seeds as files in `dir`, named `name(i)`; returns their content ids in seed order.
    fn seed_files(&self, dir: &str, name: impl Fn(usize) -> String) -> Vec<ContentId> {
        let dir = self.path(dir);
        fs::create_dir_all(&dir).expect("mkdir");
        BUNDLED
            .iter()
            .enumerate()
            .map(|(i, (p, bytes))| {
                fs::write(dir.join(name(i)), bytes).expect("write seed");
                khobor::ingest::parse_bytes(p, bytes)
                    .expect("seed parses")
                    .0
                    .id
            })
            .collect()
    }
}

fn stdout_of(cmd: &mut Command) -> String {
    let out = cmd.output().expect("khobor runs");
    assert!(
        out.status.success(),
        "failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

fn json_lines(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

#[test]
fn print_config_without_a_file_shows_the_defaults_as_toml() {
    let home = Home::new();
    let text = stdout_of(home.khobor().arg("--print-config"));
    let value: toml::Table = toml::from_str(&text).expect("valid TOML");
    assert_eq!(value["width"].as_str(), Some("terminal"));
    assert_eq!(value["theme"].as_str(), Some("dark"));
    assert_eq!(value["dates"].as_str(), Some("gregorian"));
    assert!(text.contains("built-in defaults"), "{text}");
    let text = stdout_of(
        home.khobor()
            .args(["--print-config", "--width", "grapheme"]),
    );
    let value: toml::Table = toml::from_str(&text).expect("valid TOML");
    assert_eq!(value["width"].as_str(), Some("grapheme"), "--width wins");
}

#[test]
fn print_config_reads_the_xdg_file_and_its_output_reads_back() {
    let home = Home::new();
    let path = home.config(
        "theme = \"light\"\ndates = \"bengali\"\npaths = [\"news\"]\n\
         [styles]\nmatch = { fg = \"red\" }\n[keys.normal]\nx = \"quit\"\n",
    );
    let text = stdout_of(home.khobor().arg("--print-config"));
    assert!(text.contains(&path.display().to_string()), "{text}");
    let value: toml::Table = toml::from_str(&text).expect("valid TOML");
    assert_eq!(value["theme"].as_str(), Some("light"));
    assert_eq!(value["keys"]["normal"]["x"].as_str(), Some("quit"));
    let news = home.path("config/khobor/news");
    assert_eq!(
        value["paths"][0].as_str(),
        news.to_str(),
        "relative to the config file"
    );
    // The printed config is itself a config that means the same thing.
    let copy = home.path("copy.toml");
    fs::write(&copy, &text).expect("write");
    let again = stdout_of(
        home.khobor()
            .arg("--config")
            .arg(&copy)
            .arg("--print-config"),
    );
    let body = |t: &str| t.lines().skip(1).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&again), body(&text));
}

#[test]
fn a_tilde_in_configured_paths_is_the_home_directory() {
    let home = Home::new();
    home.config("paths = [\"~/news\", \"~\"]\n");
    let text = stdout_of(home.khobor().arg("--print-config"));
    let value: toml::Table = toml::from_str(&text).expect("valid TOML");
    let paths: Vec<&str> = value["paths"]
        .as_array()
        .expect("paths")
        .iter()
        .filter_map(|p| p.as_str())
        .collect();
    let news = home.path("home/news");
    let dir = home.path("home");
    assert_eq!(
        paths,
        [news.to_str(), dir.to_str()].map(Option::unwrap_or_default)
    );
}

#[test]
fn config_errors_name_the_file_and_line() {
    let home = Home::new();
    let path = home.config("theme = \"dark\"\n\n[styles]\nborder = { fg = \"chartreuse\" }\n");
    home.khobor()
        .arg("--print-config")
        .assert()
        .failure()
        .stderr(predicate::str::contains(format!("{}:4:", path.display())))
        .stderr(predicate::str::contains("chartreuse"));
    // Not only the reader: every command that reads the config refuses a broken one.
    home.khobor()
        .arg("list")
        .assert()
        .failure()
        .stderr(predicate::str::contains("config.toml:4:"));
    let other = home.path("other.toml");
    fs::write(&other, "width = \"terminal\"\nsort = \"newest\"\n").expect("write");
    home.khobor()
        .args(["--config".as_ref(), other.as_os_str(), "list".as_ref()])
        .assert()
        .failure()
        .stderr(predicate::str::contains(
            "other.toml:2:1: unknown field `sort`",
        ));
}

#[test]
fn a_missing_explicit_config_is_an_error() {
    let home = Home::new();
    home.khobor()
        .args(["--config", "/nonexistent/khobor.toml", "--print-config"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("/nonexistent/khobor.toml"));
}

#[test]
fn configured_paths_are_read_when_none_are_given() {
    let home = Home::new();
    home.seed_files("config/khobor/news", |i| format!("{i}.txt"));
    home.config("paths = [\"news\"]\n");
    let lines = json_lines(&stdout_of(home.khobor().arg("extract")));
    assert_eq!(lines.len(), BUNDLED.len());
    assert!(
        lines.iter().all(|l| l["path"]
            .as_str()
            .is_some_and(|p| p.contains("config/khobor/news"))),
        "{lines:?}"
    );
}

#[test]
fn the_fetched_archive_is_read_when_no_paths_are_given_or_configured() {
    let home = Home::new();
    let in_archive = |lines: &[serde_json::Value]| {
        lines.iter().all(|l| {
            l["path"]
                .as_str()
                .is_some_and(|p| p.contains("data/khobor/news"))
        })
    };
    let archive = home.path("data/khobor/news");
    fs::create_dir_all(&archive).expect("mkdir");
    let lines = json_lines(&stdout_of(home.khobor().arg("extract")));
    assert_eq!(lines.len(), BUNDLED.len(), "an empty archive: the seeds");
    assert!(!in_archive(&lines), "{lines:?}");
    home.seed_files("data/khobor/news/feed", |i| format!("{i}.txt"));
    let lines = json_lines(&stdout_of(home.khobor().arg("extract")));
    assert_eq!(lines.len(), BUNDLED.len());
    assert!(in_archive(&lines), "{lines:?}");
    home.seed_files("config/khobor/mine", |i| format!("{i}.txt"));
    home.config("paths = [\"mine\"]\n");
    let lines = json_lines(&stdout_of(home.khobor().arg("extract")));
    assert!(
        !in_archive(&lines),
        "configured paths come first: {lines:?}"
    );
}

#[test]
fn export_prints_marks_and_selects_starred_or_unread() {
    let home = Home::new();
    let ids = home.seed_files("corpus", |i| format!("seed-{i}.txt"));
    let mut state = ReadingState::default();
    state.set_read(ids[0], "corpus/seed-0.txt", true);
    state.set_starred(ids[1], "corpus/seed-1.txt", true);
    state.set_read(ids[1], "corpus/seed-1.txt", true);
    home.store().save(&state).expect("save state");
    let corpus = home.path("corpus");

    let all = json_lines(&stdout_of(home.khobor().arg("export").arg(&corpus)));
    assert_eq!(all.len(), BUNDLED.len());
    let marks = |id: ContentId| {
        let line = all
            .iter()
            .find(|l| l["id"].as_str() == Some(&id.to_string()))
            .expect("every article is exported");
        (line["read"].as_bool(), line["starred"].as_bool())
    };
    assert_eq!(marks(ids[0]), (Some(true), Some(false)));
    assert_eq!(marks(ids[1]), (Some(true), Some(true)));
    assert_eq!(marks(ids[2]), (Some(false), Some(false)));
    assert!(all[0]["title"].is_string() && all[0]["entities"].is_array());

    let starred = json_lines(&stdout_of(
        home.khobor().args(["export", "--starred"]).arg(&corpus),
    ));
    assert_eq!(starred.len(), 1);
    assert_eq!(starred[0]["id"].as_str(), Some(ids[1].to_string().as_str()));

    let unread = json_lines(&stdout_of(
        home.khobor().args(["export", "--unread"]).arg(&corpus),
    ));
    assert_eq!(unread.len(), BUNDLED.len() - 2);
    assert!(unread.iter().all(|l| l["read"] == false));

    home.khobor()
        .args(["export", "--starred", "--unread"])
        .assert()
        .failure();
}

#[test]
fn search_selects_by_saved_marks() {
    let home = Home::new();
    let ids = home.seed_files("corpus", |i| format!("seed-{i}.txt"));
    let mut state = ReadingState::default();
    state.set_starred(ids[2], "corpus/seed-2.txt", true);
    state.set_read(ids[0], "corpus/seed-0.txt", true);
    home.store().save(&state).expect("save state");
    let corpus = home.path("corpus");
    let paths = |query: &str| -> Vec<String> {
        json_lines(&stdout_of(
            home.khobor().args(["search", query]).arg(&corpus),
        ))
        .iter()
        .filter_map(|l| l["path"].as_str().map(str::to_string))
        .collect()
    };
    let starred = paths("is:starred");
    assert_eq!(starred.len(), 1);
    assert!(starred[0].ends_with("seed-2.txt"), "{starred:?}");
    let unread = paths("!is:read");
    assert_eq!(unread.len(), BUNDLED.len() - 1);
    assert!(unread.iter().all(|p| !p.ends_with("seed-0.txt")));
    assert_eq!(paths("is:starred is:read"), Vec::<String>::new());
}

#[test]
fn renamed_files_keep_their_marks() {
    let home = Home::new();
    let ids = home.seed_files("before", |i| format!("{i}.txt"));
    let mut state = ReadingState::default();
    state.set_starred(ids[3], "before/3.txt", true);
    home.store().save(&state).expect("save state");
    home.seed_files("after/moved", |i| format!("renamed-{i}.txt"));
    let starred = json_lines(&stdout_of(
        home.khobor()
            .args(["export", "--starred"])
            .arg(home.path("after")),
    ));
    assert_eq!(starred.len(), 1);
    assert!(
        starred[0]["path"]
            .as_str()
            .is_some_and(|p| p.ends_with("renamed-3.txt")),
        "{starred:?}"
    );
}

#[test]
fn export_reports_a_corrupt_state_file_and_leaves_it_alone() {
    let home = Home::new();
    let state = home.path("data/khobor/state.json");
    fs::create_dir_all(state.parent().expect("parent")).expect("mkdir");
    fs::write(&state, "{\"version\": 1, \"arti").expect("write");
    let out = home.khobor().arg("export").output().expect("runs");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("state.json"));
    let lines = json_lines(&String::from_utf8_lossy(&out.stdout));
    assert_eq!(lines.len(), BUNDLED.len());
    assert!(lines.iter().all(|l| l["read"] == false));
    assert_eq!(
        fs::read_to_string(&state).expect("still there"),
        "{\"version\": 1, \"arti"
    );
}

#[test]
fn completions_are_printed_for_each_shell_even_with_a_broken_config() {
    let home = Home::new();
    home.config("this is not toml");
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef khobor"),
        ("fish", "complete -c khobor"),
    ] {
        let text = stdout_of(home.khobor().args(["completions", shell]));
        assert!(text.contains(marker), "{shell}: {text}");
        assert!(text.contains("export"), "{shell} completes subcommands");
        assert!(text.contains("print-config"), "{shell} completes options");
    }
    home.khobor()
        .args(["completions", "cmd.exe"])
        .assert()
        .failure();
}
