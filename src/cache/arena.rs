//! The file format both caches share: a header, then `key → value` entries, kept in memory in
//! one buffer laid out exactly like the file.
//!
//! At 100,000 articles a decoded cache would take several times the memory; only the entries
//! of the current corpus are ever decoded (each once, on the loader's workers), and saving
//! writes the buffer as it is instead of building a second copy of it. The file is tied to the
//! fingerprint of the code and data this binary was built from (`build.rs`), so a changed parser
//! or gazetteer never serves stale results, and it carries a checksum: a file that fails to
//! verify is discarded and rebuilt, never trusted. Written atomically like the reading state.

use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap as HashMap;

use crate::fsutil::write_atomic;

const MAGIC: &[u8; 8] = b"KHOBORC3";
const HEADER_LEN: usize = MAGIC.len() + 8 + 8;
/// Past this many entries the file is dropped and rebuilt rather than grown without bound.
const MAX_ENTRIES: usize = 2_000_000;

/// `kind-<fingerprint>.bin` in a cache directory: entries by key, values kept encoded.
#[derive(Debug)]
pub(super) struct Arena {
    path: PathBuf,
    kind: &'static str,
    fingerprint: u64,
    /// The header (filled in on save), then entries: key length (u32 LE), key, value length,
    /// value.
    bytes: Vec<u8>,
    /// Where each key's value lies in `bytes`.
    entries: HashMap<Box<[u8]>, Range<usize>>,
    /// Bytes of entries replaced by a later insert of the same key; dropped when saving.
    dead: usize,
    dirty: bool,
}

impl Arena {
    /// Opens `dir/kind-<fingerprint>.bin`. Returns a warning for the user when an existing file
    /// was unusable (it is ignored and will be overwritten).
    pub fn open(dir: &Path, kind: &'static str, fingerprint: u64) -> (Self, Option<String>) {
        let mut arena = Self {
            path: dir.join(format!("{kind}-{fingerprint:016x}.bin")),
            kind,
            fingerprint,
            bytes: vec![0; HEADER_LEN],
            entries: HashMap::default(),
            dead: 0,
            dirty: false,
        };
        let warning = match fs::read(&arena.path) {
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
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => Some(format!(
                "cache {} cannot be read ({e}); rebuilding it",
                arena.path.display()
            )),
        };
        (arena, warning)
    }

    #[cfg(test)]
    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn get(&self, key: &[u8]) -> Option<&[u8]> {
        self.entries.get(key).map(|r| &self.bytes[r.clone()])
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Stores the value `write` appends to the buffer under `key`, replacing any earlier one.
    pub fn insert(
        &mut self,
        key: &[u8],
        write: impl FnOnce(&mut Vec<u8>) -> io::Result<()>,
    ) -> io::Result<()> {
        let entry = self.bytes.len();
        let too_large = || io::Error::other("cache entry too large");
        let key_len = u32::try_from(key.len()).map_err(|_| too_large())?;
        self.bytes.extend_from_slice(&key_len.to_le_bytes());
        self.bytes.extend_from_slice(key);
        self.bytes.extend_from_slice(&[0; 4]);
        let start = self.bytes.len();
        let written = write(&mut self.bytes)
            .and_then(|()| u32::try_from(self.bytes.len() - start).map_err(|_| too_large()));
        let len = match written {
            Ok(len) => len,
            Err(e) => {
                self.bytes.truncate(entry);
                return Err(e);
            }
        };
        self.bytes[start - 4..start].copy_from_slice(&len.to_le_bytes());
        if let Some(old) = self.entries.insert(key.into(), start..self.bytes.len()) {
            self.dead += 8 + key.len() + old.len();
        }
        self.dirty = true;
        Ok(())
    }

    /// Writes the file if anything was added, and removes files of this kind left by other
    /// builds.
    pub fn save(&mut self) -> io::Result<()> {
        if !self.dirty {
            return Ok(());
        }
        if self.entries.len() > MAX_ENTRIES {
            self.entries.clear();
            self.bytes.truncate(HEADER_LEN);
            self.dead = 0;
        }
        if self.dead > 0 {
            self.compact();
        }
        let checksum = xxhash_rust::xxh3::xxh3_64(&self.bytes[HEADER_LEN..]);
        self.bytes[..MAGIC.len()].copy_from_slice(MAGIC);
        self.bytes[MAGIC.len()..MAGIC.len() + 8].copy_from_slice(&self.fingerprint.to_le_bytes());
        self.bytes[MAGIC.len() + 8..HEADER_LEN].copy_from_slice(&checksum.to_le_bytes());
        write_atomic(&self.path, &self.bytes, || Ok(()))?;
        self.dirty = false;
        self.remove_stale_files();
        Ok(())
    }

    /// Rewrites the buffer with live entries only, in their order.
    fn compact(&mut self) {
        let mut live: Vec<(Box<[u8]>, Range<usize>)> = self
            .entries
            .iter()
            .map(|(k, r)| (k.clone(), r.clone()))
            .collect();
        live.sort_unstable_by_key(|(_, r)| r.start);
        let mut bytes = Vec::with_capacity(self.bytes.len() - self.dead);
        bytes.extend_from_slice(&self.bytes[..HEADER_LEN]);
        for (key, r) in live {
            let entry = r.start - 8 - key.len();
            bytes.extend_from_slice(&self.bytes[entry..r.end]);
            self.entries.insert(key, bytes.len() - r.len()..bytes.len());
        }
        self.bytes = bytes;
        self.dead = 0;
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

/// Verifies a cache file and finds each entry's value in it (ranges into the whole file).
fn index(bytes: &[u8], fingerprint: u64) -> Result<HashMap<Box<[u8]>, Range<usize>>, String> {
    if bytes.len() < HEADER_LEN || &bytes[..MAGIC.len()] != MAGIC {
        return Err("not a khobor cache file".into());
    }
    let word = |at: usize| {
        let mut w = [0u8; 8];
        w.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(w)
    };
    if word(MAGIC.len()) != fingerprint {
        return Err("written by a different build".into());
    }
    if word(MAGIC.len() + 8) != xxhash_rust::xxh3::xxh3_64(&bytes[HEADER_LEN..]) {
        return Err("checksum mismatch".into());
    }
    let length = |at: usize| -> Result<(usize, usize), String> {
        let field = bytes.get(at..at + 4).ok_or("truncated entry")?;
        let mut w = [0u8; 4];
        w.copy_from_slice(field);
        let end = at + 4 + u32::from_le_bytes(w) as usize;
        if end > bytes.len() {
            return Err("truncated entry".into());
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

    #[test]
    fn round_trips_grows_and_drops_replaced_entries() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut arena, warning) = Arena::open(dir.path(), "t", 1);
        assert!(warning.is_none());
        put(&mut arena, "a", "1");
        put(&mut arena, "b", "");
        put(&mut arena, "a", "one");
        arena.save().expect("save");
        let size = fs::metadata(arena.path()).expect("stat").len();
        let (mut again, warning) = Arena::open(dir.path(), "t", 1);
        assert!(warning.is_none());
        assert_eq!(again.len(), 2);
        assert_eq!(again.get(b"a"), Some(&b"one"[..]), "the later insert wins");
        assert_eq!(again.get(b"b"), Some(&b""[..]));
        assert_eq!(again.get(b"c"), None);
        put(&mut again, "c", "3");
        again.save().expect("save");
        assert!(fs::metadata(again.path()).expect("stat").len() > size);
        let (third, _) = Arena::open(dir.path(), "t", 1);
        assert_eq!(third.len(), 3);
        assert_eq!(third.get(b"c"), Some(&b"3"[..]));
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
