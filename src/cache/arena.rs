//! The file format both caches share: a header, then `key → value` entries.
//!
//! The file as opened stays in memory in one buffer laid out exactly like the file: at 100,000
//! articles decoded entries would take several times the memory, and only the entries of the
//! current corpus are ever decoded (each once, on the loader's workers). Entries added during a
//! run go straight to a temporary file beside it, not to memory: a first load of a large archive
//! would otherwise hold both caches whole (300 MB at 100,000 articles) next to the corpus.
//! Saving streams the old entries still current and the new ones into the new file.
//!
//! The file is tied to the fingerprint of the code and data this binary was built from
//! (`build.rs`), so a changed parser or gazetteer never serves stale results, and it carries a
//! checksum: a file that fails to verify is discarded and rebuilt, never trusted. It is replaced
//! atomically like the reading state.

use rustc_hash::FxHashSet as HashSet;
use std::fs::{self, File};
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

use rustc_hash::FxHashMap as HashMap;
use xxhash_rust::xxh3::Xxh3;

use crate::fsutil::{read_regular, with_suffix, write_atomic_with};

const MAGIC: &[u8; 8] = b"KHOBORC3";
const HEADER_LEN: usize = MAGIC.len() + 8 + 8;
/// Past this many entries the old ones are dropped rather than grown without bound.
const MAX_ENTRIES: usize = 2_000_000;
/// A cache file larger than this is ignored and rebuilt: far above what `MAX_ENTRIES` articles
/// take, and it keeps a file swapped for something huge from filling memory.
const MAX_ARENA_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// `kind-<fingerprint>.bin` in a cache directory: entries by key, values kept encoded.
#[derive(Debug)]
pub(super) struct Arena {
    path: PathBuf,
    kind: &'static str,
    fingerprint: u64,
    /// The file as opened: header, then entries (key length u32 LE, key, value length, value).
    bytes: Vec<u8>,
    /// Where each key's value lies in `bytes`.
    entries: HashMap<Box<[u8]>, Range<usize>>,
    /// Entries added this run, in a temporary file until saved.
    added: Option<Added>,
    /// Every entry was forgotten ([`clear`](Self::clear)) since opening or the last save.
    cleared: bool,
}

#[derive(Debug)]
struct Added {
    temp: PathBuf,
    file: BufWriter<File>,
    /// Their keys: an old entry with one of them is replaced.
    keys: HashSet<Box<[u8]>>,
    /// Reused to encode each value before its length is known.
    scratch: Vec<u8>,
}

impl Arena {
    /// `dir/kind-<fingerprint>.bin`.
    pub(super) fn file(dir: &Path, kind: &str, fingerprint: u64) -> PathBuf {
        dir.join(format!("{kind}-{fingerprint:016x}.bin"))
    }

    /// Opens `dir/kind-<fingerprint>.bin`. Returns a warning for the user when an existing file
    /// was unusable (it is ignored and will be overwritten).
    pub(super) fn open(dir: &Path, kind: &'static str, fingerprint: u64) -> (Self, Option<String>) {
        let mut arena = Self {
            path: Self::file(dir, kind, fingerprint),
            kind,
            fingerprint,
            bytes: Vec::new(),
            entries: HashMap::default(),
            added: None,
            cleared: false,
        };
        let warning = match read_regular(&arena.path, MAX_ARENA_BYTES) {
            Ok(bytes) => match index(&bytes, fingerprint) {
                Ok(entries) => {
                    arena.bytes = bytes;
                    arena.entries = entries;
                    None
                }
                Err(reason) => Some(format!(
                    "cache {} is unusable ({reason}); rebuilding it",
                    arena.path.display()
                )),
            },
            Err(e) if e.is_not_found() => None,
            Err(e) => Some(format!(
                "cache {} cannot be read ({e}); rebuilding it",
                arena.path.display()
            )),
        };
        (arena, warning)
    }

    #[cfg(test)]
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// The value stored under `key` when the cache was opened.
    pub(super) fn get(&self, key: &[u8]) -> Option<&[u8]> {
        self.entries.get(key).map(|r| &self.bytes[r.clone()])
    }

    /// Whether `key` will have a value once saved.
    pub(super) fn contains(&self, key: &[u8]) -> bool {
        self.entries.contains_key(key) || self.added.as_ref().is_some_and(|a| a.keys.contains(key))
    }

    /// Whether anything was inserted since opening or the last save.
    pub(super) fn has_additions(&self) -> bool {
        self.added.is_some()
    }

    /// Forgets every entry, those the file had and those added since: they will not be saved
    /// again, and a save with nothing added after this removes the file.
    pub(super) fn clear(&mut self) {
        self.bytes = Vec::new();
        self.entries.clear();
        self.added = None;
        self.cleared = true;
    }

    /// Entries there will be once saved.
    pub(super) fn len(&self) -> usize {
        let added = self.added.as_ref().map_or(0, |a| a.keys.len());
        let replaced = self.added.as_ref().map_or(0, |a| {
            a.keys
                .iter()
                .filter(|k| self.entries.contains_key(*k))
                .count()
        });
        self.entries.len() + added - replaced
    }

    /// Stores the value `write` encodes under `key`, replacing any earlier one when saved.
    pub(super) fn insert(
        &mut self,
        key: &[u8],
        write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
    ) -> io::Result<()> {
        let added = match &mut self.added {
            Some(a) => a,
            None => {
                if let Some(dir) = self.path.parent() {
                    fs::create_dir_all(dir)?;
                }
                // One process may hold the same cache open twice (the reader's loader and its
                // index worker both add bodies): each arena writes its own temporary file.
                static ADDING: AtomicU64 = AtomicU64::new(0);
                let n = ADDING.fetch_add(1, Ordering::Relaxed);
                let temp = with_suffix(&self.path, &format!(".new.{}.{n}", std::process::id()));
                let file = BufWriter::new(File::create(&temp)?);
                self.added.insert(Added {
                    temp,
                    file,
                    keys: HashSet::default(),
                    scratch: Vec::new(),
                })
            }
        };
        added.scratch.clear();
        write(&mut added.scratch)?;
        let too_large = || io::Error::other("cache entry too large");
        let key_len = u32::try_from(key.len()).map_err(|_| too_large())?;
        let value_len = u32::try_from(added.scratch.len()).map_err(|_| too_large())?;
        added.file.write_all(&key_len.to_le_bytes())?;
        added.file.write_all(key)?;
        added.file.write_all(&value_len.to_le_bytes())?;
        added.file.write_all(&added.scratch)?;
        added.keys.insert(key.into());
        Ok(())
    }

    /// Writes the file if anything was added: the old entries not replaced, then the new ones.
    /// Removes files of this kind left by other builds.
    pub(super) fn save(&mut self) -> io::Result<()> {
        // Dropped at the end, which removes its temporary file.
        let cleared = std::mem::take(&mut self.cleared);
        let Some(mut added) = self.added.take() else {
            return match cleared.then(|| fs::remove_file(&self.path)) {
                Some(Err(e)) if e.kind() != io::ErrorKind::NotFound => Err(e),
                _ => Ok(()),
            };
        };
        added.file.flush()?;
        let (temp, keys) = (&added.temp, &added.keys);
        {
            let keep_old = self.entries.len() + keys.len() <= MAX_ENTRIES;
            write_atomic_with(
                &self.path,
                |f| {
                    let mut out = BufWriter::new(f);
                    let mut hasher = Xxh3::new();
                    let mut emit = |out: &mut BufWriter<&mut File>, bytes: &[u8]| {
                        hasher.update(bytes);
                        out.write_all(bytes)
                    };
                    out.write_all(&[0; HEADER_LEN])?;
                    if keep_old {
                        for (key, value) in &self.entries {
                            if !keys.contains(key) {
                                let entry = value.start - 8 - key.len();
                                emit(&mut out, &self.bytes[entry..value.end])?;
                            }
                        }
                    }
                    let mut new = BufReader::new(File::open(temp)?);
                    let mut buf = vec![0; 1 << 16];
                    loop {
                        let n = new.read(&mut buf)?;
                        if n == 0 {
                            break;
                        }
                        emit(&mut out, &buf[..n])?;
                    }
                    let f = out.into_inner().map_err(io::IntoInnerError::into_error)?;
                    f.seek(SeekFrom::Start(0))?;
                    f.write_all(MAGIC)?;
                    f.write_all(&self.fingerprint.to_le_bytes())?;
                    f.write_all(&hasher.digest().to_le_bytes())
                },
                || Ok(()),
            )?;
        }
        self.remove_stale_files();
        Ok(())
    }

    /// Files of older builds are dead weight; removing them is best effort.
    fn remove_stale_files(&self) {
        let Some(dir) = self.path.parent() else {
            return;
        };
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        let prefix = format!("{}-", self.kind);
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(&prefix) && name.ends_with(".bin") && e.path() != self.path {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

impl Drop for Added {
    /// Additions never saved (a cancelled load) leave no file behind.
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.temp);
    }
}

/// Why a cache file is not used. Every reason means the same thing (rebuild); they are told
/// apart for the warning only.
#[derive(Debug, thiserror::Error)]
enum Unusable {
    #[error("not a khobor cache file")]
    Foreign,
    #[error("written by a different build")]
    OtherBuild,
    #[error("checksum mismatch")]
    Checksum,
    #[error("truncated entry")]
    Truncated,
}

/// Verifies a cache file and finds each entry's value in it (ranges into the whole file).
fn index(bytes: &[u8], fingerprint: u64) -> Result<HashMap<Box<[u8]>, Range<usize>>, Unusable> {
    if bytes.len() < HEADER_LEN || &bytes[..MAGIC.len()] != MAGIC {
        return Err(Unusable::Foreign);
    }
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(w)
    };
    if word(MAGIC.len()) != fingerprint {
        return Err(Unusable::OtherBuild);
    }
    if word(MAGIC.len() + 8) != xxhash_rust::xxh3::xxh3_64(&bytes[HEADER_LEN..]) {
        return Err(Unusable::Checksum);
    }
    let length = |at: usize| -> Result<(usize, usize), Unusable> {
        let field = bytes.get(at..at + 4).ok_or(Unusable::Truncated)?;
        let mut w = [0u8; 4];
        w.copy_from_slice(field);
        let end = at + 4 + u32::from_le_bytes(w) as usize;
        if end > bytes.len() {
            return Err(Unusable::Truncated);
        }
        Ok((at + 4, end))
    };
    let mut entries = HashMap::default();
    let mut at = HEADER_LEN;
    while at < bytes.len() {
        let (key_start, key_end) = length(at)?;
        let (value_start, value_end) = length(key_end)?;
        entries.insert(bytes[key_start..key_end].into(), value_start..value_end);
        at = value_end;
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn put(arena: &mut Arena, key: &str, value: &str) {
        arena
            .insert(key.as_bytes(), |b| {
                b.extend_from_slice(value.as_bytes());
                Ok(())
            })
            .expect("insert");
    }

    /// The reader's loader and its index worker each hold the body cache open in one process.
    #[test]
    fn two_open_arenas_of_one_process_keep_their_additions_apart() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut first, _) = Arena::open(dir.path(), "t", 1);
        let (mut second, _) = Arena::open(dir.path(), "t", 1);
        put(&mut first, "a", &"x".repeat(100_000));
        put(&mut second, "b", "y");
        first.save().expect("save");
        let (again, warning) = Arena::open(dir.path(), "t", 1);
        assert!(warning.is_none(), "{warning:?}");
        assert_eq!(again.get(b"a").map(<[u8]>::len), Some(100_000));
        second.save().expect("save");
        let (again, warning) = Arena::open(dir.path(), "t", 1);
        assert!(warning.is_none(), "{warning:?}");
        assert_eq!(again.get(b"b"), Some(&b"y"[..]));
    }

    #[test]
    fn round_trips_grows_and_drops_replaced_entries() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut arena, warning) = Arena::open(dir.path(), "t", 1);
        assert!(warning.is_none());
        put(&mut arena, "a", "1");
        put(&mut arena, "b", "");
        put(&mut arena, "a", "one");
        arena.save().expect("save");
        let (mut again, warning) = Arena::open(dir.path(), "t", 1);
        assert!(warning.is_none());
        assert_eq!(again.len(), 2);
        assert_eq!(again.get(b"a"), Some(&b"one"[..]), "the later insert wins");
        assert_eq!(again.get(b"b"), Some(&b""[..]));
        assert_eq!(again.get(b"c"), None);
        put(&mut again, "c", "3");
        again.save().expect("save");
        let (third, _) = Arena::open(dir.path(), "t", 1);
        assert_eq!(third.len(), 3);
        assert_eq!(third.get(b"a"), Some(&b"one"[..]));
        assert_eq!(third.get(b"c"), Some(&b"3"[..]));
        let leftovers: Vec<_> = fs::read_dir(dir.path()).expect("list").flatten().collect();
        assert_eq!(leftovers.len(), 1, "no temporary files left behind");
    }

    #[test]
    fn an_opened_cache_is_unaffected_when_another_run_replaces_its_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut first, _) = Arena::open(dir.path(), "t", 1);
        put(&mut first, "a", "old");
        first.save().expect("save");
        let (opened, _) = Arena::open(dir.path(), "t", 1);
        let (mut other, _) = Arena::open(dir.path(), "t", 1);
        put(&mut other, "a", "new");
        put(&mut other, "b", "2");
        other.save().expect("save");
        assert_eq!(opened.get(b"a"), Some(&b"old"[..]));
        assert_eq!(opened.get(b"b"), None);
        let (reopened, _) = Arena::open(dir.path(), "t", 1);
        assert_eq!(reopened.get(b"a"), Some(&b"new"[..]));
    }

    #[test]
    fn corrupt_truncated_or_foreign_files_are_discarded_with_a_warning() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut arena, _) = Arena::open(dir.path(), "t", 1);
        put(&mut arena, "key", "value");
        arena.save().expect("save");
        let good = fs::read(arena.path()).expect("read");
        let mut flipped = good.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 0x55;
        for (bytes, why) in [
            (flipped, "checksum"),
            (good[..good.len() - 2].to_vec(), "checksum"),
            (b"KHOB".to_vec(), "not a khobor cache"),
        ] {
            fs::write(arena.path(), &bytes).expect("corrupt");
            let (again, warning) = Arena::open(dir.path(), "t", 1);
            assert!(warning.is_some_and(|w| w.contains(why)), "{why}");
            assert_eq!(again.len(), 0);
        }
    }

    #[test]
    fn another_build_does_not_read_this_file_and_cleans_it_up() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut old, _) = Arena::open(dir.path(), "t", 1);
        put(&mut old, "a", "1");
        old.save().expect("save old");
        let (mut other_kind, _) = Arena::open(dir.path(), "u", 1);
        put(&mut other_kind, "a", "1");
        other_kind.save().expect("save other kind");
        let (mut new, warning) = Arena::open(dir.path(), "t", 2);
        assert!(warning.is_none());
        assert_eq!(new.len(), 0);
        put(&mut new, "a", "2");
        new.save().expect("save new");
        assert!(!old.path().exists(), "stale file removed");
        assert!(other_kind.path().exists(), "other kinds are left alone");
    }
}
