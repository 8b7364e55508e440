//! The network stays in `src/fetch`: no other module names the HTTP client (the feed and HTML
//! parsers are shared with the readers of files on disk), and `fetch` itself, like the core,
//! knows nothing of the terminal or the CLI.

use std::path::{Path, PathBuf};

const NETWORK: &[&str] = &["ureq"];
const ABOVE: &[&str] = &[
    "ratatui",
    "crossterm",
    "crate::app",
    "crate::ui",
    "crate::tui",
    "crate::cli",
];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).expect("src folder") {
            rust_files(&entry.expect("entry").path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

/// `file:line` of every line that names one of `words` as a path start.
fn mentions(file: &Path, words: &[&str]) -> Vec<String> {
    let text = std::fs::read_to_string(file).expect("source file");
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with("//"))
        .filter(|(_, l)| {
            words
                .iter()
                .any(|w| l.contains(&format!("{w}::")) || l.contains(&format!("use {w}")))
        })
        .map(|(i, _)| format!("{}:{}", file.display(), i + 1))
        .collect()
}

#[test]
fn only_fetch_touches_the_network() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let fetch = src.join("fetch");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.iter().any(|f| f.starts_with(&fetch)));
    let outside: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with(&fetch))
        .flat_map(|f| mentions(f, NETWORK))
        .collect();
    assert!(
        outside.is_empty(),
        "the HTTP client outside src/fetch: {outside:#?}"
    );
    let upward: Vec<String> = files
        .iter()
        .filter(|f| f.starts_with(&fetch))
        .flat_map(|f| mentions(f, ABOVE))
        .collect();
    assert!(upward.is_empty(), "src/fetch reaches up: {upward:#?}");
}
