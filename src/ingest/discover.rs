//! Finding article files under the paths the user gave, in a deterministic order.

use rustc_hash::FxHashSet as HashSet;
use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::ingest::FileProblem;

/// File extensions read from directories (see [`crate::ingest::formats`]). A file named
/// explicitly is read whatever its name.
pub(crate) const SUPPORTED_EXTENSIONS: &[&str] = crate::ingest::formats::EXTENSIONS;

/// Files under `paths` (files or directories, recursive), in a deterministic order: the paths
/// in the order given, each directory's entries sorted by name, every file once. Hidden entries
/// (`.git`) are skipped. A PATH that does not exist is an error ([`require_paths`]); problems
/// inside directories (unreadable directories, broken links, symlink loops) are reported, not
/// fatal, and so are the same problems with a PATH itself.
pub fn discover(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<FileProblem>), Error> {
    require_paths(paths)?;
    let mut walk = Walk::default();
    for p in paths {
        match std::fs::metadata(p) {
            Err(e) => walk.unreadable(p, &e),
            Ok(m) if m.is_dir() => walk.dir(p, &m),
            Ok(m) => walk.file(p, &m),
        }
    }
    Ok((walk.files, walk.problems))
}

/// Fails with [`Error::MissingPath`] for the first of `paths` that does not exist (a broken
/// symlink exists: it is reported as a problem of its own when loading). Anything else wrong
/// with a PATH is a problem of that PATH, not an error.
pub(crate) fn require_paths(paths: &[PathBuf]) -> Result<(), Error> {
    for p in paths {
        if let Err(e) = std::fs::metadata(p)
            && e.kind() == std::io::ErrorKind::NotFound
            && !is_symlink(p)
        {
            return Err(Error::MissingPath { path: p.clone() });
        }
    }
    Ok(())
}

#[derive(Default)]
struct Walk {
    files: Vec<PathBuf>,
    problems: Vec<FileProblem>,
    /// Device and inode of each file taken, so a file reached twice (two PATHs, a symlink, a
    /// hard link) loads once. From what the directory listing already says (a plain file's
    /// inode, on its directory's device), not a `realpath` or even a `stat` per file: at
    /// 100,000 files that is most of the time to the first titles.
    seen_files: HashSet<(u64, u64)>,
    /// Device and inode of each directory entered.
    seen_dirs: HashSet<(u64, u64)>,
    /// Device and inode (and path) of the directories being walked, to tell a loop from a
    /// second route. Identities, not canonical paths: canonicalising every folder cost the cube
    /// of the tree's depth in `readlink` calls.
    stack: Vec<((u64, u64), PathBuf)>,
}

impl Walk {
    fn file(&mut self, path: &Path, meta: &std::fs::Metadata) {
        use std::os::unix::fs::MetadataExt;
        self.take(path, (meta.dev(), meta.ino()));
    }

    fn take(&mut self, path: &Path, identity: (u64, u64)) {
        if self.seen_files.insert(identity) {
            self.files.push(path.to_path_buf());
        }
    }

    fn unreadable(&mut self, path: &Path, e: &std::io::Error) {
        let reason = if is_symlink(path) && e.kind() == std::io::ErrorKind::NotFound {
            format!("skipped: broken symbolic link ({e})")
        } else {
            format!("skipped: cannot read ({e})")
        };
        self.problems.push(FileProblem::new(path, reason));
    }

    fn dir(&mut self, dir: &Path, meta: &std::fs::Metadata) {
        use std::os::unix::fs::MetadataExt;
        let identity = (meta.dev(), meta.ino());
        if let Some((_, ancestor)) = self.stack.iter().find(|(id, _)| *id == identity) {
            self.problems.push(FileProblem::new(
                dir,
                format!(
                    "skipped: symbolic link loop (leads back to {})",
                    ancestor.display()
                ),
            ));
            return;
        }
        // Reached before by another route (a symlink to a sibling): its files are already in.
        if !self.seen_dirs.insert(identity) {
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                self.problems.push(FileProblem::new(
                    dir,
                    format!("skipped: cannot read directory ({e})"),
                ));
                return;
            }
        };
        let device = meta.dev();
        // Name, and for a plain file (not a link) its inode: no `stat` needed for it.
        let mut names: Vec<(std::ffi::OsString, Option<u64>)> = Vec::new();
        for entry in entries {
            match entry {
                Ok(e) => {
                    use std::os::unix::fs::DirEntryExt;
                    let plain = e.file_type().is_ok_and(|t| t.is_file());
                    names.push((e.file_name(), plain.then(|| e.ino())));
                }
                Err(e) => self.problems.push(FileProblem::new(
                    dir,
                    format!("some entries could not be listed ({e})"),
                )),
            }
        }
        names.sort();
        self.stack.push((identity, dir.to_path_buf()));
        for (name, plain_file) in names {
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = dir.join(&name);
            if let Some(ino) = plain_file {
                if has_supported_extension(&path) {
                    self.take(&path, (device, ino));
                }
                continue;
            }
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => self.dir(&path, &m),
                Ok(m) if has_supported_extension(&path) => {
                    if m.is_file() {
                        self.file(&path, &m);
                    } else {
                        // A pipe or device named like an article: opening it could block forever.
                        self.problems
                            .push(FileProblem::new(&path, "skipped: not a regular file"));
                    }
                }
                Ok(_) => {}
                Err(e) => self.unreadable(&path, &e),
            }
        }
        self.stack.pop();
    }
}

fn is_symlink(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink())
}

fn has_supported_extension(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        SUPPORTED_EXTENSIONS
            .iter()
            .any(|s| s.eq_ignore_ascii_case(e))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_reached_twice_is_taken_once_in_name_order() {
        let dir = tempfile::tempdir().expect("temp dir");
        let p = |name: &str| dir.path().join(name);
        std::fs::create_dir(p("sub")).expect("mkdir");
        for name in ["b.txt", "a.txt", "sub/c.txt", "notes.md", ".hidden.txt"] {
            std::fs::write(p(name), name).expect("write");
        }
        std::fs::hard_link(p("a.txt"), p("sub/hard.txt")).expect("hard link");
        std::os::unix::fs::symlink(p("b.txt"), p("sub/soft.txt")).expect("symlink");
        let (files, problems) =
            discover(&[dir.path().to_path_buf(), p("sub/c.txt")]).expect("walks");
        assert!(problems.is_empty(), "{problems:?}");
        let names: Vec<String> = files
            .iter()
            .map(|f| {
                f.strip_prefix(dir.path())
                    .expect("inside")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["a.txt", "b.txt", "sub/c.txt"]);
    }
}
