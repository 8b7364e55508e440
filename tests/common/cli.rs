//! The real binary's `extract` output, read back: what the ingest tests check records against.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

/// The binary with no user configuration, so a developer's `config.toml` cannot change a test.
pub(crate) fn khobor() -> Command {
    let mut c = Command::cargo_bin("khobor").expect("binary is built");
    c.env("XDG_CONFIG_HOME", "/nonexistent-khobor-config");
    c
}

/// `khobor extract --no-cache` on `paths` (with `extra` options): the records and stderr's lines.
pub(crate) fn extract(paths: &[&Path], extra: &[&str]) -> (Vec<Value>, Vec<String>) {
    let out = khobor()
        .arg("extract")
        .arg("--no-cache")
        .args(extra)
        .args(paths)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records = String::from_utf8(out.stdout)
        .expect("UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    let errors = String::from_utf8(out.stderr)
        .expect("UTF-8")
        .lines()
        .map(str::to_string)
        .collect();
    (records, errors)
}

/// A record's string field.
pub(crate) fn field<'a>(r: &'a Value, name: &str) -> Option<&'a str> {
    r.get(name).and_then(Value::as_str)
}
