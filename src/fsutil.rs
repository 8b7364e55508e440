//! File-system helpers shared by everything khobor persists (reading state, caches).

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// `path` with `suffix` appended to its file name (`state.json` + `.bak` → `state.json.bak`).
pub fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Replaces `path` with `bytes` so that a reader (or a crash at any instant) sees either the old
/// file or the new one, never a mix: write a temp file beside it, fsync, rename over, fsync the
/// directory. `before_rename` runs between the write and the rename (tests use it to simulate a
/// crash at the worst moment).
pub fn write_atomic(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes), before_rename)
}

/// [`write_atomic`] for content too large to build in memory first: `fill` writes it into the
/// temp file (and may seek in it).
pub fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir {
        fs::create_dir_all(dir)?;
    }
    let temp = with_suffix(path, &format!(".tmp.{}", std::process::id()));
    let written = (|| {
        let mut f = File::create(&temp)?;
        fill(&mut f)?;
        f.sync_all()?;
        before_rename()?;
        fs::rename(&temp, path)
    })();
    if written.is_err() {
        // Best effort: a leftover temp file is harmless, it is never read.
        let _ = fs::remove_file(&temp);
        return written;
    }
    if let Some(dir) = dir {
        // Persist the rename itself; not every platform lets a directory be opened.
        if let Ok(d) = File::open(dir) {
            d.sync_all()?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_file_or_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sub").join("f.json");
        write_atomic(&path, b"old", || Ok(())).expect("first write");
        let crashed = write_atomic(&path, b"new", || Err(io::Error::other("killed")));
        assert!(crashed.is_err());
        assert_eq!(fs::read(&path).expect("read"), b"old");
        write_atomic(&path, b"new", || Ok(())).expect("second write");
        assert_eq!(fs::read(&path).expect("read"), b"new");
        let leftovers = fs::read_dir(path.parent().expect("parent"))
            .expect("list")
            .count();
        assert_eq!(leftovers, 1, "no temp files left behind");
    }
}
