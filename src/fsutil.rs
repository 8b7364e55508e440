//! File-system helpers shared by everything khobor persists (reading state, caches).

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// Why [`read_regular`] refused or failed to read a file.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Opening or reading failed (including: the file is not there).
    #[error("{0}")]
    Io(#[from] io::Error),
    /// A directory, FIFO, socket or device, named by kind: reading it could block or never end.
    #[error("not a regular file ({0})")]
    NotRegular(&'static str),
    /// Bigger than the caller allows for this kind of file.
    #[error("too large ({:.1} MiB; the limit is {} MiB)", *.len as f64 / MIB, *.limit as f64 / MIB)]
    TooLarge {
        /// The file's size in bytes.
        len: u64,
        /// The most this kind of file may hold, in bytes.
        limit: u64,
    },
}

const MIB: f64 = 1024.0 * 1024.0;

impl ReadError {
    /// Whether the file simply is not there (the common, silent case for optional files).
    pub(crate) fn is_not_found(&self) -> bool {
        matches!(self, ReadError::Io(e) if e.kind() == io::ErrorKind::NotFound)
    }
}

/// Reads the regular file at `path`, at most `limit` bytes, without ever blocking on it: opened
/// non-blocking (a FIFO opens at once instead of waiting for a writer, `/proc/kmsg` fails to read
/// instead of waiting for a message), then checked on the open descriptor, so a file swapped for
/// a FIFO or a device between a check and the open cannot slip through.
pub(crate) fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let (file, meta) = open_regular(path)?;
    if meta.len() > limit {
        return Err(ReadError::TooLarge {
            len: meta.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    // The file grew after the check.
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            len: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// Opens the regular file at `path` for reading without ever blocking on it (see
/// [`read_regular`]), for readers that stream: the open descriptor and its metadata.
pub(crate) fn open_regular(path: &Path) -> Result<(File, fs::Metadata), ReadError> {
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY)
        .open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular(describe(&meta.file_type())));
    }
    Ok((file, meta))
}

/// The first of the private-use characters that stand for the bytes of a file name that are
/// not UTF-8 (U+10FF00 + the byte).
pub(crate) const RAW_BYTE_BASE: u32 = 0x10_FF00;

/// A path as the text an article keeps: a UTF-8 name as it is; each byte of a name that is not
/// UTF-8 as a private-use character ([`RAW_BYTE_BASE`] + byte), so the text still names the file
/// exactly ([`text_path`] gives it back) where a lossy conversion would name another one. Such
/// characters are shown as `\xNN` (`text::escape::for_terminal`).
pub(crate) fn path_text(path: &Path) -> String {
    let bytes = path.as_os_str().as_encoded_bytes();
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_string();
    }
    let mut out = String::with_capacity(bytes.len() + 8);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for &b in chunk.invalid() {
            out.extend(char::from_u32(RAW_BYTE_BASE + u32::from(b)));
        }
    }
    out
}

/// The path an article's text names, made by [`path_text`].
pub fn text_path(text: &str) -> PathBuf {
    let raw = |c: char| (RAW_BYTE_BASE..=RAW_BYTE_BASE + 0xFF).contains(&u32::from(c));
    if !text.chars().any(raw) {
        return PathBuf::from(text);
    }
    let mut bytes = Vec::with_capacity(text.len());
    for c in text.chars() {
        if raw(c) {
            bytes.push((u32::from(c) - RAW_BYTE_BASE) as u8);
        } else {
            bytes.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
        }
    }
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

/// What kind of file a non-regular file is, for a message.
fn describe(t: &fs::FileType) -> &'static str {
    if t.is_dir() {
        "a directory"
    } else if t.is_fifo() {
        "a named pipe"
    } else if t.is_socket() {
        "a socket"
    } else if t.is_block_device() || t.is_char_device() {
        "a device"
    } else {
        "not a file"
    }
}

/// `path` with `suffix` appended to its file name (`state.json` + `.bak` → `state.json.bak`).
pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(suffix);
    PathBuf::from(s)
}

/// Replaces `path` with `bytes` so that a reader (or a crash at any instant) sees either the old
/// file or the new one, never a mix: write a temp file beside it, fsync, rename over, fsync the
/// directory. `before_rename` runs between the write and the rename (tests use it to simulate a
/// crash at the worst moment).
pub(crate) fn write_atomic(
    path: &Path,
    bytes: &[u8],
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    write_atomic_with(path, |f| f.write_all(bytes), before_rename)
}

/// [`write_atomic`] for content too large to build in memory first: `fill` writes it into the
/// temp file (and may seek in it).
pub(crate) fn write_atomic_with(
    path: &Path,
    fill: impl FnOnce(&mut File) -> io::Result<()>,
    before_rename: impl FnOnce() -> io::Result<()>,
) -> io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    if let Some(dir) = dir {
        fs::create_dir_all(dir)?;
    }
    sweep_stale_temps(path);
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

/// Removes the temp files of [`write_atomic_with`] beside `path` whose process is gone (killed
/// between creating and renaming them): nothing else would, and each can be as large as the file.
/// A temp file of a live process (or of a process whose id was reused) is left alone.
fn sweep_stale_temps(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let mut prefix = name.to_owned();
    prefix.push(".tmp.");
    let prefix = prefix.as_encoded_bytes();
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(pid) = file_name
            .as_encoded_bytes()
            .strip_prefix(prefix)
            .and_then(|p| std::str::from_utf8(p).ok())
            .and_then(|p| p.parse::<libc::pid_t>().ok())
        else {
            continue;
        };
        if pid > 0 && !process_alive(pid) {
            // Best effort: another instance may have swept it first.
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id exists (signal 0 checks without sending anything).
fn process_alive(pid: libc::pid_t) -> bool {
    // SAFETY: kill with signal 0 only checks that the process exists and may be signalled.
    let r = unsafe { libc::kill(pid, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_regular_refuses_pipes_devices_and_oversize_without_blocking() {
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("fifo");
        let c = std::ffi::CString::new(fifo.as_os_str().as_encoded_bytes()).expect("path");
        // SAFETY: a valid NUL-terminated path.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        assert!(matches!(
            read_regular(&fifo, 10),
            Err(ReadError::NotRegular("a named pipe"))
        ));
        assert!(matches!(
            read_regular(Path::new("/dev/zero"), 10),
            Err(ReadError::NotRegular("a device"))
        ));
        let big = dir.path().join("big");
        fs::write(&big, b"12345678901").expect("write");
        assert!(matches!(
            read_regular(&big, 10),
            Err(ReadError::TooLarge { len: 11, .. })
        ));
        assert_eq!(read_regular(&big, 11).expect("fits"), b"12345678901");
        assert!(read_regular(&dir.path().join("none"), 10).is_err_and(|e| e.is_not_found()));
    }

    #[test]
    fn temp_files_of_dead_processes_are_swept() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("state.json");
        let mut child = std::process::Command::new("true").spawn().expect("spawn");
        let dead = child.id();
        child.wait().expect("wait");
        let stale = with_suffix(&path, &format!(".tmp.{dead}"));
        let live = with_suffix(
            &path,
            &format!(".tmp.{}", std::os::unix::process::parent_id()),
        );
        let other = with_suffix(&path, ".tmp.notapid");
        for f in [&stale, &live, &other] {
            fs::write(f, b"partial").expect("write");
        }
        write_atomic(&path, b"new", || Ok(())).expect("write");
        assert!(!stale.exists(), "a dead process's temp file is removed");
        assert!(live.exists() && other.exists(), "others are left alone");
    }

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

    #[test]
    fn names_that_are_not_utf8_survive_as_text() {
        use std::os::unix::ffi::OsStrExt;
        let name = Path::new(std::ffi::OsStr::from_bytes(b"news/caf\xe9 \xff\xfe.txt"));
        let text = path_text(name);
        assert!(!text.contains('\u{FFFD}'));
        assert!(text.starts_with("news/caf") && text.ends_with(".txt"));
        assert_eq!(text_path(&text), name);
        assert_eq!(text_path("খবর/ক.txt"), Path::new("খবর/ক.txt"));
        assert_eq!(path_text(Path::new("খবর/ক.txt")), "খবর/ক.txt");
    }
}
