//! What a batch of touched paths means: which files to read, and which paths the articles listed
//! under them must be checked against (replaced by what was read, or gone). The file system as
//! it is when the batch is planned decides, not the kind of event that reported a path: events
//! are coalesced, reordered and sometimes lost (a queue overflow), while a `stat` is current.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::ingest::formats::split_row_path;
use crate::ingest::{SUPPORTED_EXTENSIONS, discover};

/// The file an article was loaded from, given its display path.
pub(crate) fn file_of(article_path: &str) -> &Path {
    // A file found in a folder has a supported extension, never a `:ROW` tail, so a tail of
    // digits means a row of a dataset.
    Path::new(split_row_path(article_path).map_or(article_path, |(file, _)| file))
}

/// What to do about one batch.
#[derive(Debug, Default, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Files to read, sorted: everything a folder walk would load at the touched paths.
    pub(crate) read: Vec<PathBuf>,
    /// The touched paths that count, files or folders, existing or not: every article at or
    /// under one of them is replaced by what `read` gives, or is gone.
    pub(crate) looked_at: Vec<PathBuf>,
    /// Problems met while looking (an unreadable new folder), one line each.
    pub(crate) problems: Vec<String>,
}

impl Plan {
    #[cfg(test)]
    pub(crate) fn is_empty(&self) -> bool {
        self.looked_at.is_empty() && self.problems.is_empty()
    }
}

/// Plans a batch of `touched` paths under `roots` (the paths the reader was opened on, spelt as
/// the user gave them). A path under a root that is itself gone is left alone: a folder that
/// disappears (an unmounted disk) keeps its articles. Hidden names and files the loader would
/// not pick up (an editor's swap file, a fetch's temp file) are left alone too.
pub(crate) fn plan(touched: &[PathBuf], roots: &[PathBuf]) -> Plan {
    let mut read = BTreeSet::new();
    let mut looked_at = Vec::new();
    let mut problems = Vec::new();
    for path in touched {
        let Some(root) = roots.iter().find(|r| path.starts_with(r)) else {
            continue;
        };
        if hidden_below(path, root) {
            continue;
        }
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => match discover(std::slice::from_ref(path)) {
                Ok((files, trouble)) => {
                    read.extend(files);
                    problems.extend(
                        trouble
                            .iter()
                            .map(|p| format!("{}: {}", p.path.display(), p.reason)),
                    );
                }
                Err(e) => {
                    problems.push(format!("{e:#}"));
                    continue;
                }
            },
            Ok(_) if path == root || readable_name(path) => {
                read.insert(path.clone());
            }
            Ok(_) => continue,
            Err(_) if root.exists() => {}
            Err(_) => continue,
        }
        looked_at.push(path.clone());
    }
    Plan {
        read: read.into_iter().collect(),
        looked_at,
        problems,
    }
}

/// Whether a folder walk would pick this file up by its name.
fn readable_name(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        SUPPORTED_EXTENSIONS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(e))
    })
}

/// Whether a name below `root` on the way to `path` is hidden (`.git`, a fetch's index file, an
/// editor's `.swp`): the loader skips those.
fn hidden_below(path: &Path, root: &Path) -> bool {
    path.strip_prefix(root).is_ok_and(|rel| {
        rel.components().any(|c| match c {
            Component::Normal(name) => name.to_str().is_none_or(|n| n.starts_with('.')),
            _ => false,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path) {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
        std::fs::write(path, "শিরোনাম\n\nঅনুচ্ছেদ।\n").expect("write");
    }

    #[test]
    fn existing_files_are_read_and_gone_ones_still_looked_at() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("news");
        let (old, new, gone) = (
            root.join("old.txt"),
            root.join("new.txt"),
            root.join("gone.txt"),
        );
        write(&old);
        write(&new);
        let touched = [gone.clone(), new.clone(), old.clone()];
        let p = plan(&touched, std::slice::from_ref(&root));
        assert_eq!(p.read, [new, old]);
        assert_eq!(p.looked_at, touched);
    }

    #[test]
    fn a_new_folder_brings_its_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("news");
        let feed = root.join("feed");
        write(&feed.join("a.txt"));
        write(&feed.join("b.txt"));
        write(&feed.join(".khobor-feed.json"));
        let p = plan(std::slice::from_ref(&feed), std::slice::from_ref(&root));
        assert_eq!(p.read, [feed.join("a.txt"), feed.join("b.txt")]);
        assert_eq!(p.looked_at, [feed]);
    }

    #[test]
    fn hidden_temporary_and_foreign_files_are_ignored() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("news");
        let touched = [
            root.join(".a.txt.swp"),
            root.join("a.txt.tmp.1234"),
            root.join(".git/x.txt"),
            root.join("image.png"),
            dir.path().join("elsewhere.txt"),
        ];
        for t in &touched {
            write(t);
        }
        let p = plan(&touched, std::slice::from_ref(&root));
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn a_root_that_is_gone_is_left_alone() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("news");
        let a = root.join("a.txt");
        write(&a);
        std::fs::remove_dir_all(&root).expect("rm");
        let p = plan(&[a, root.clone()], std::slice::from_ref(&root));
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn dataset_rows_belong_to_their_file() {
        assert_eq!(file_of("news/data.csv:118"), Path::new("news/data.csv"));
        assert_eq!(file_of("news/a.txt"), Path::new("news/a.txt"));
    }

    #[test]
    fn a_file_named_as_a_root_is_read_whatever_its_extension() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("notes.md");
        write(&file);
        let p = plan(std::slice::from_ref(&file), std::slice::from_ref(&file));
        assert_eq!(p.read, [file]);
    }
}
