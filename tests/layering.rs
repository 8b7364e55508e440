//! Dependencies run one way (`ARCHITECTURE.md`): the core never reaches up into the terminal
//! crates, the app state, the drawing code, the runtime, the configuration file or the CLI. A
//! `use` (or a path) that breaks the rule fails here with the file and line, before it can grow
//! into an import circle.

use std::path::{Path, PathBuf};

/// The core modules, as files or folders under `src/`.
const CORE: &[&str] = &[
    "article.rs",
    "names.rs",
    "corpus.rs",
    "text",
    "ingest",
    "extract",
    "search",
    "load",
    "cache",
    "state.rs",
    "reload.rs",
    "fsutil.rs",
    "sort.rs",
    "seeds.rs",
];

/// What the core must not name: terminal crates and every layer above it.
const ABOVE_CORE: &[&str] = &[
    "ratatui",
    "crossterm",
    "crate::app",
    "crate::ui",
    "crate::tui",
    "crate::config",
    "crate::cli",
];

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
            .map(|e| e.expect("directory entry").path())
            .collect();
        entries.sort();
        for e in entries {
            rust_files(&e, out);
        }
    } else if path.extension().is_some_and(|x| x == "rs") {
        out.push(path.to_path_buf());
    }
}

/// Lines of code that name a forbidden module; comments are skipped, since a doc comment may
/// well explain why the core does not know about the terminal.
fn violations(file: &Path, forbidden: &[&str]) -> Vec<String> {
    let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim_start().starts_with("//"))
        .filter_map(|(i, line)| {
            let hit = forbidden.iter().find(|f| {
                line.match_indices(**f).any(|(at, _)| {
                    let after = line[at + f.len()..].chars().next();
                    !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
                })
            })?;
            Some(format!("{}:{}: names {hit}", file.display(), i + 1))
        })
        .collect()
}

#[test]
fn the_core_imports_nothing_above_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for module in CORE {
        let path = src.join(module);
        assert!(path.exists(), "core module {} is missing", path.display());
        rust_files(&path, &mut files);
    }
    assert!(files.len() > 20, "found only {} core files", files.len());
    let found: Vec<String> = files
        .iter()
        .flat_map(|f| violations(f, ABOVE_CORE))
        .collect();
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

#[test]
fn the_check_sees_an_import_and_ignores_comments() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("bad.rs");
    std::fs::write(
        &file,
        "//! knows nothing of crate::ui\nuse crate::ui::layout;\nuse crate::uikit;\nuse ratatui::Frame;\n",
    )
    .expect("write");
    let found = violations(&file, ABOVE_CORE);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(found[0].ends_with(":2: names crate::ui"), "{found:?}");
    assert!(found[1].ends_with(":4: names ratatui"), "{found:?}");
}
