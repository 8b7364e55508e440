//! What a batch of touched paths means for the articles loaded: which files to read (new or
//! changed) and which files' articles are gone. The file system as it is when the batch is
//! planned decides, not the kind of event that reported the path: events are coalesced, reordered
//! and sometimes lost (a queue overflow), while a `stat` is always current.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::ingest::formats::split_row_path;
use crate::ingest::{SUPPORTED_EXTENSIONS, discover};

/// The files behind the articles loaded, to tell a new file from a changed one and to find the
/// files under a folder that was removed.
#[derive(Debug, Default, Clone)]
pub struct Known {
    files: BTreeSet<PathBuf>,
}

impl Known {
    /// The files of articles with these display paths (a dataset row `news.csv:118` is its file).
    pub fn from_articles<'a>(paths: impl IntoIterator<Item = &'a str>) -> Self {
        let mut known = Known::default();
        known.extend(paths);
        known
    }

    pub fn extend<'a>(&mut self, paths: impl IntoIterator<Item = &'a str>) {
        self.files
            .extend(paths.into_iter().map(|p| file_of(p).to_path_buf()));
    }

    pub fn remove(&mut self, file: &Path) {
        self.files.remove(file);
    }

    pub fn contains(&self, file: &Path) -> bool {
        self.files.contains(file)
    }

    /// Known files at `path` or below it.
    fn under<'a>(&'a self, path: &'a Path) -> impl Iterator<Item = &'a PathBuf> {
        self.files
            .range(path.to_path_buf()..)
            .take_while(move |f| f.starts_with(path))
    }
}

/// The file an article was loaded from, given its display path.
pub fn file_of(article_path: &str) -> &Path {
    // A file found in a folder has a supported extension, never a `:ROW` tail, so a tail of
    // digits means a row of a dataset.
    Path::new(split_row_path(article_path).map_or(article_path, |(file, _)| file))
}

/// What to do about one batch.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Plan {
    /// Files to read, in a stable order: new ones, and changed ones whose articles are replaced.
    pub read: Vec<PathBuf>,
    /// Of `read`, how many were loaded before.
    pub changed: usize,
    /// Files whose articles are gone (deleted, or moved out of every watched folder).
    pub removed: Vec<PathBuf>,
    /// Problems met while looking (an unreadable new folder), one line each.
    pub problems: Vec<String>,
}

impl Plan {
    pub fn is_empty(&self) -> bool {
        self.read.is_empty() && self.removed.is_empty() && self.problems.is_empty()
    }
}

/// Plans a batch: `touched` paths (files or folders, existing or not) under `roots` (the paths
/// the reader was opened on, spelt as the user gave them). Removals under a root that is itself
/// gone are not planned: a folder that disappears (an unmounted disk) keeps its articles.
pub fn plan(touched: &[PathBuf], roots: &[PathBuf], known: &Known) -> Plan {
    let mut read = BTreeSet::new();
    let mut removed = BTreeSet::new();
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
                Err(e) => problems.push(format!("{e:#}")),
            },
            Ok(_) if path == root || readable_name(path) => {
                read.insert(path.clone());
            }
            Ok(_) => {}
            Err(_) if root.exists() => removed.extend(known.under(path).cloned()),
            Err(_) => {}
        }
    }
    let read: Vec<PathBuf> = read.into_iter().collect();
    let changed = read.iter().filter(|f| known.contains(f)).count();
    Plan {
        read,
        changed,
        removed: removed.into_iter().collect(),
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
    fn new_changed_and_removed_files_are_told_apart_by_the_file_system() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("news");
        let (old, new, gone) = (
            root.join("old.txt"),
            root.join("new.txt"),
            root.join("gone.txt"),
        );
        write(&old);
        write(&new);
        let known =
            Known::from_articles([old.to_str().expect("utf-8"), gone.to_str().expect("utf-8")]);
        let p = plan(
            &[gone.clone(), new.clone(), old.clone()],
            std::slice::from_ref(&root),
            &known,
        );
        assert_eq!(p.read, [new, old]);
        assert_eq!(p.changed, 1);
        assert_eq!(p.removed, [gone]);
    }

    #[test]
    fn a_new_folder_brings_its_files_and_a_removed_one_takes_them() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("news");
        let feed = root.join("feed");
        write(&feed.join("a.txt"));
        write(&feed.join("b.txt"));
        write(&feed.join(".khobor-feed.json"));
        let p = plan(
            std::slice::from_ref(&feed),
            std::slice::from_ref(&root),
            &Known::default(),
        );
        assert_eq!(p.read, [feed.join("a.txt"), feed.join("b.txt")]);
        std::fs::remove_dir_all(&feed).expect("rm");
        let known = Known::from_articles(p.read.iter().map(|f| f.to_str().expect("utf-8")));
        let other = root.join("feedx/c.txt");
        let mut known = known;
        known.extend([other.to_str().expect("utf-8")]);
        let p = plan(&[feed.clone()], std::slice::from_ref(&root), &known);
        assert_eq!(p.removed, [feed.join("a.txt"), feed.join("b.txt")]);
        assert!(p.read.is_empty());
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
        let p = plan(&touched, std::slice::from_ref(&root), &Known::default());
        assert!(p.is_empty(), "{p:?}");
    }

    #[test]
    fn a_root_that_is_gone_keeps_its_articles() {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("news");
        let a = root.join("a.txt");
        write(&a);
        let known = Known::from_articles([a.to_str().expect("utf-8")]);
        std::fs::remove_dir_all(&root).expect("rm");
        let p = plan(
            &[a.clone(), root.clone()],
            std::slice::from_ref(&root),
            &known,
        );
        assert!(p.removed.is_empty(), "{p:?}");
    }

    #[test]
    fn dataset_rows_belong_to_their_file() {
        assert_eq!(file_of("news/data.csv:118"), Path::new("news/data.csv"));
        assert_eq!(file_of("news/a.txt"), Path::new("news/a.txt"));
        let known = Known::from_articles(["d/x.csv:2", "d/x.csv:3"]);
        assert!(known.contains(Path::new("d/x.csv")));
    }

    #[test]
    fn a_file_named_as_a_root_is_read_whatever_its_extension() {
        let dir = tempfile::tempdir().expect("temp dir");
        let file = dir.path().join("notes.md");
        write(&file);
        let p = plan(
            std::slice::from_ref(&file),
            std::slice::from_ref(&file),
            &Known::default(),
        );
        assert_eq!(p.read, [file]);
    }
}
