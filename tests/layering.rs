//! Dependencies run one way (`ARCHITECTURE.md`): core ← leaves (keymap, settings, view) ← app ←
//! work (what effects do) and ui (drawing) ← tui (runtime) ← cli. Each layer here names only layers below it; a `use` (or a
//! path) that breaks the rule fails with the file and line, before it can grow into an import
//! circle.

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
    "error.rs",
    "sort.rs",
    "dirs.rs",
    "seeds.rs",
    "watch",
    "export",
    "fetch",
];

/// What the core must not name: terminal crates and every layer above it.
const ABOVE_CORE: &[&str] = &[
    "ratatui",
    "crossterm",
    "crate::keymap",
    "crate::settings",
    "crate::view",
    "crate::app",
    "crate::work",
    "crate::ui",
    "crate::tui",
    "crate::config",
    "crate::cli",
];

/// The leaves the app and the drawing code share: they know the core and each other, never the
/// app or anything above it.
const LEAVES: &[&str] = &["keymap.rs", "settings", "view"];

/// What the leaves must not name.
const ABOVE_LEAVES: &[&str] = &[
    "crate::app",
    "crate::work",
    "crate::ui",
    "crate::tui",
    "crate::config",
    "crate::cli",
];

/// What the app must not name: it is state and logic, drawn by `ui` and driven by `tui`; it gets
/// keys as `keymap::Key` and geometry from `view`, never from the terminal crates.
const ABOVE_APP: &[&str] = &[
    "ratatui",
    "crossterm",
    "crate::work",
    "crate::ui",
    "crate::tui",
    "crate::config",
    "crate::cli",
];

/// What the drawing code must not name.
const ABOVE_UI: &[&str] = &["crate::work", "crate::tui", "crate::config", "crate::cli"];

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

/// The Rust files of `modules` (files or folders under `src/`), at least `min` of them.
fn files_of(modules: &[&str], min: usize) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for module in modules {
        let path = src.join(module);
        assert!(path.exists(), "module {} is missing", path.display());
        rust_files(&path, &mut files);
    }
    assert!(files.len() >= min, "found only {} files", files.len());
    files
}

fn assert_none_names(files: &[PathBuf], forbidden: &[&str]) {
    let found: Vec<String> = files
        .iter()
        .flat_map(|f| violations(f, forbidden))
        .collect();
    assert!(found.is_empty(), "layering broken:\n{}", found.join("\n"));
}

#[test]
fn the_core_imports_nothing_above_it() {
    assert_none_names(&files_of(CORE, 20), ABOVE_CORE);
}

#[test]
fn the_leaves_import_neither_the_app_nor_what_draws_it() {
    assert_none_names(&files_of(LEAVES, 5), ABOVE_LEAVES);
}

#[test]
fn the_app_imports_no_drawing_and_no_terminal() {
    assert_none_names(&files_of(&["app"], 8), ABOVE_APP);
}

#[test]
fn the_drawing_code_imports_neither_runtime_nor_configuration() {
    assert_none_names(&files_of(&["ui"], 5), ABOVE_UI);
}

/// The configuration file is read in one place: `cli` turns it into `settings::Options`.
#[test]
fn only_the_cli_reads_the_configuration() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let others: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| !f.starts_with(src.join("cli")) && !f.starts_with(src.join("config")))
        .collect();
    assert_none_names(&others, &["crate::config"]);
}

/// Library code returns `khobor::Error`, which callers can match; `anyhow` is for the command
/// line and the terminal runtime, which only report errors.
#[test]
fn anyhow_only_in_the_cli_and_the_runtime() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let library: Vec<PathBuf> = files
        .into_iter()
        .filter(|f| {
            !f.starts_with(src.join("cli"))
                && !f.starts_with(src.join("tui"))
                && *f != src.join("main.rs")
        })
        .collect();
    assert!(library.len() > 100, "found only {} files", library.len());
    assert_none_names(&library, &["anyhow"]);
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
