//! Hostile file names, folder names and file contents against the CLI: nothing that reaches
//! stderr or stdout can drive the terminal (escape sequences, C1 controls, bidi overrides) or
//! forge a line of its own (newline, CR), and JSON output escapes what serde_json lets through.
#![cfg(target_os = "linux")]

use std::fs;
use std::os::unix::fs::symlink;
use std::path::Path;

use assert_cmd::Command;

const GOOD: &str = "শিরোনাম: পুতিন ও কিমের বৈঠক\n\nরাশিয়ার প্রেসিডেন্ট বৈঠক করেছেন। খবর রয়টার্সের।\n";

/// Names that once reached the terminal raw: OSC 2 (title), OSC 8 (link), OSC 52 (clipboard),
/// DCS, BEL, 8-bit CSI/OSC, a right-to-left override, a forged line, a carriage return.
const HOSTILE: [&str; 9] = [
    "a_\u{1b}]2;PWNED\u{1b}\\",
    "b_\u{1b}]8;;http:x\u{7}link",
    "c_\u{1b}]52;c;SGVsbG8=\u{7}",
    "d_\u{1b}P1$r\u{1b}\\",
    "e_\u{9b}31m\u{9d}0;T\u{7}",
    "f_\u{202e}txt.exe",
    "g_\nkhobor: forged line",
    "h_\rkhobor: overwritten",
    "i_\u{61c}\u{e0041}",
];

/// Characters that must never appear raw in output meant for a terminal.
fn raw_control(s: &str) -> Option<char> {
    s.chars().find(|&c| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{61c}')
            || ('\u{e0000}'..='\u{e007f}').contains(&c)
    })
}

fn khobor(home: &Path) -> Command {
    let mut cmd = Command::cargo_bin("khobor").expect("binary is built");
    cmd.env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("KHOBOR_CACHE_DIR", home.join("cache"));
    cmd
}

/// For each hostile name: an empty file (a warning), a good file inside a folder of that name
/// (a loaded article), and a broken link (a warning).
fn hostile_tree(dir: &Path) {
    for name in HOSTILE {
        fs::write(dir.join(format!("{name}.txt")), b"").expect("empty file");
        fs::create_dir(dir.join(name)).expect("folder");
        fs::write(dir.join(name).join("good.txt"), GOOD).expect("article");
        symlink(dir.join("missing"), dir.join(format!("{name}_link.txt"))).expect("link");
    }
}

#[test]
fn warnings_about_hostile_names_are_escaped_one_line_each() {
    let home = tempfile::tempdir().expect("home");
    let dir = tempfile::tempdir().expect("corpus");
    hostile_tree(dir.path());
    for command in ["list", "extract", "export", "entities"] {
        let out = khobor(home.path())
            .args(["--no-cache", command])
            .arg(dir.path())
            .output()
            .expect("runs");
        assert!(out.status.success(), "{command}: {out:?}");
        let stderr = String::from_utf8(out.stderr).expect("UTF-8 stderr");
        assert_eq!(raw_control(&stderr), None, "{command}: {stderr:?}");
        let lines: Vec<&str> = stderr.lines().collect();
        // One empty file and one broken link per name, nothing else, each on its own line.
        assert_eq!(lines.len(), 2 * HOSTILE.len(), "{command}: {stderr}");
        assert!(lines.iter().all(|l| l.starts_with("khobor: ")), "{stderr}");
        assert!(stderr.contains("a_\\x1b]2;PWNED\\x1b\\"), "{stderr}");
        assert!(stderr.contains("g_\\nkhobor: forged line"), "{stderr}");
        let stdout = String::from_utf8(out.stdout).expect("UTF-8 stdout");
        assert_eq!(raw_control(&stdout), None, "{command}: {stdout:?}");
    }
}

#[test]
fn json_paths_escape_c1_bidi_and_separators() {
    let home = tempfile::tempdir().expect("home");
    let dir = tempfile::tempdir().expect("corpus");
    hostile_tree(dir.path());
    let sep = dir.path().join("j_\u{2028}\u{2029}");
    fs::create_dir(&sep).expect("folder");
    fs::write(sep.join("good.txt"), GOOD).expect("article");
    for args in [&["extract"][..], &["export"][..], &["search", "পুতিন"][..]] {
        let out = khobor(home.path())
            .arg("--no-cache")
            .args(args)
            .arg(dir.path())
            .output()
            .expect("runs");
        assert!(out.status.success(), "{args:?}: {out:?}");
        let stdout = String::from_utf8(out.stdout).expect("UTF-8");
        assert!(
            !stdout.contains([
                '\u{9b}', '\u{9d}', '\u{202e}', '\u{2028}', '\u{2029}', '\u{61c}'
            ]),
            "{args:?}: {stdout:?}"
        );
        assert!(stdout.contains("\\u202e"), "{args:?}: {stdout}");
        let paths: Vec<String> = stdout
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).expect("valid JSON");
                v["path"].as_str().expect("path").to_string()
            })
            .collect();
        // The escapes decode to the real names.
        assert_eq!(paths.len(), HOSTILE.len() + 1, "{args:?}: {stdout}");
        assert!(paths.iter().any(|p| p.contains("f_\u{202e}txt.exe")));
        assert!(paths.iter().any(|p| p.contains("j_\u{2028}\u{2029}")));
    }
}

#[test]
fn config_errors_are_escaped_and_cut() {
    let home = tempfile::tempdir().expect("home");
    let config = home.path().join("hostile.toml");
    // Under the 1 MiB cap on config files, so it is parsed and its line echoed.
    let huge = "x".repeat(900_000);
    fs::write(
        &config,
        format!("# \u{1b}]2;PWNED\u{7}\nwidth = \"{huge}\"\n"),
    )
    .expect("config");
    let out = khobor(home.path())
        .arg("--config")
        .arg(&config)
        .arg("--print-config")
        .output()
        .expect("runs");
    assert!(!out.status.success());
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert_eq!(raw_control(&stderr), None, "{stderr:?}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.len() < 3000, "{} bytes of stderr", stderr.len());
    assert!(stderr.contains("hostile.toml:1:"), "{stderr}");
}
