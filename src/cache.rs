//! On-disk cache of extraction results, so a second start on a large corpus skips extraction.
//!
//! Keyed by the article's content hash; the whole file is tied to the fingerprint of the
//! extraction code and data this binary was built from (`build.rs`), so a changed gazetteer or
//! rule never serves stale entities. The file carries a checksum: a cache that fails to verify
//! or decode is discarded and rebuilt, never trusted. Written atomically like the reading state.

use std::fs;
use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap as HashMap;

use crate::article::{ContentId, Entity};
use crate::fsutil::write_atomic;

include!(concat!(env!("OUT_DIR"), "/fingerprint.rs"));

const MAGIC: &[u8; 8] = b"KHOBORX2";
const HEADER_LEN: usize = MAGIC.len() + 8 + 8;
/// Each entry: content id (16 bytes), length of the encoded entities (4 bytes), then the bytes.
const ENTRY_HEADER: usize = 16 + 4;
/// Past this many articles the cache is dropped and rebuilt rather than grown without bound.
const MAX_ENTRIES: usize = 2_000_000;

/// Extraction results by content id, kept encoded (postcard) in one arena laid out exactly like
/// the file: at 100,000 articles the decoded entities would take several times the memory, only
/// the articles of the current corpus are ever decoded (each once, on the loader's workers), and
/// saving writes the arena as it is instead of building a second copy of it.
#[derive(Debug)]
pub struct ExtractCache {
    path: PathBuf,
    fingerprint: u64,
    /// The header (filled in on save), then entries: id, length, encoded entities.
    arena: Vec<u8>,
    /// Where each entry's encoded entities lie in the arena.
    entries: HashMap<ContentId, Range<usize>>,
    /// Entries replaced by a later insert of the same id; dropped when saving.
    dead: usize,
    dirty: bool,
}

impl ExtractCache {
    /// `$XDG_CACHE_HOME/khobor` (or the platform's equivalent).
    pub fn default_dir() -> Option<PathBuf> {
        directories::ProjectDirs::from("", "", "khobor").map(|d| d.cache_dir().to_path_buf())
    }

    /// Opens the cache in `dir` for this build. Returns a warning for the user when an existing
    /// cache file was unusable (it is ignored and will be overwritten).
    pub fn open(dir: &Path) -> (Self, Option<String>) {
        Self::open_with_fingerprint(dir, EXTRACTION_FINGERPRINT)
    }

    fn open_with_fingerprint(dir: &Path, fingerprint: u64) -> (Self, Option<String>) {
        let path = dir.join(format!("extract-{fingerprint:016x}.bin"));
        let mut cache = Self {
            path,
            fingerprint,
            arena: vec![0; HEADER_LEN],
            entries: HashMap::default(),
            dead: 0,
            dirty: false,
        };
        let warning = match fs::read(&cache.path) {
            Ok(bytes) => match index(&bytes, fingerprint) {
                Ok(entries) => {
                    cache.arena = bytes;
                    cache.entries = entries;
                    None
                }
                Err(reason) => Some(format!(
                    "extraction cache {} is unusable ({reason}); rebuilding it",
                    cache.path.display()
                )),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => Some(format!(
                "extraction cache {} cannot be read ({e}); rebuilding it",
                cache.path.display()
            )),
        };
        (cache, warning)
    }

    /// The cached entities of an article. An entry that does not decode (the file verified, so
    /// only a bug could cause it) is treated as missing: extraction runs again.
    pub fn get(&self, id: ContentId) -> Option<Vec<Entity>> {
        let range = self.entries.get(&id)?;
        postcard::from_bytes(&self.arena[range.clone()]).ok()
    }

    pub fn contains(&self, id: ContentId) -> bool {
        self.entries.contains_key(&id)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn insert(&mut self, id: ContentId, entities: &[Entity]) -> io::Result<()> {
        let entry = self.arena.len();
        self.arena.extend_from_slice(&id.0.to_le_bytes());
        self.arena.extend_from_slice(&[0; 4]);
        let start = self.arena.len();
        if let Err(e) = postcard::to_io(entities, &mut self.arena) {
            self.arena.truncate(entry);
            return Err(io::Error::other(e));
        }
        let Ok(len) = u32::try_from(self.arena.len() - start) else {
            self.arena.truncate(entry);
            return Err(io::Error::other("entities too large to cache"));
        };
        self.arena[start - 4..start].copy_from_slice(&len.to_le_bytes());
        if let Some(old) = self.entries.insert(id, start..self.arena.len()) {
            self.dead += ENTRY_HEADER + old.len();
        }
        self.dirty = true;
        Ok(())
    }

    /// Writes the cache if anything was added, and removes cache files of other builds.
    pub fn save(&mut self) -> io::Result<()> {
        if !self.dirty {
            return Ok(());
        }
        if self.entries.len() > MAX_ENTRIES {
            self.entries.clear();
            self.arena.truncate(HEADER_LEN);
            self.dead = 0;
        }
        if self.dead > 0 {
            self.compact();
        }
        let checksum = xxhash_rust::xxh3::xxh3_64(&self.arena[HEADER_LEN..]);
        self.arena[..MAGIC.len()].copy_from_slice(MAGIC);
        self.arena[MAGIC.len()..MAGIC.len() + 8].copy_from_slice(&self.fingerprint.to_le_bytes());
        self.arena[MAGIC.len() + 8..HEADER_LEN].copy_from_slice(&checksum.to_le_bytes());
        write_atomic(&self.path, &self.arena, || Ok(()))?;
        self.dirty = false;
        self.remove_stale_files();
        Ok(())
    }

    /// Rewrites the arena with live entries only, in their order.
    fn compact(&mut self) {
        let mut live: Vec<(ContentId, Range<usize>)> = self
            .entries
            .iter()
            .map(|(id, r)| (*id, r.clone()))
            .collect();
        live.sort_unstable_by_key(|(_, r)| r.start);
        let mut arena = Vec::with_capacity(self.arena.len() - self.dead);
        arena.extend_from_slice(&self.arena[..HEADER_LEN]);
        for (id, r) in live {
            arena.extend_from_slice(&self.arena[r.start - ENTRY_HEADER..r.end]);
            self.entries.insert(id, arena.len() - r.len()..arena.len());
        }
        self.arena = arena;
        self.dead = 0;
    }

    /// Caches of older builds are dead weight; removing them is best effort.
    fn remove_stale_files(&self) {
        let Some(dir) = self.path.parent() else {
            return;
        };
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for e in entries.flatten() {
            let name = e.file_name();
            let name = name.to_string_lossy();
            if name.starts_with("extract-") && name.ends_with(".bin") && e.path() != self.path {
                let _ = fs::remove_file(e.path());
            }
        }
    }
}

/// Verifies a cache file and finds each entry's bytes in it (ranges into the whole file).
fn index(bytes: &[u8], fingerprint: u64) -> Result<HashMap<ContentId, Range<usize>>, String> {
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
    let mut entries = HashMap::default();
    let mut at = HEADER_LEN;
    while at < bytes.len() {
        let head = bytes
            .get(at..at + ENTRY_HEADER)
            .ok_or("truncated entry header")?;
        let mut id = [0u8; 16];
        id.copy_from_slice(&head[..16]);
        let mut len = [0u8; 4];
        len.copy_from_slice(&head[16..]);
        let start = at + ENTRY_HEADER;
        let end = start + u32::from_le_bytes(len) as usize;
        if end > bytes.len() {
            return Err("truncated entry".into());
        }
        entries.insert(ContentId(u128::from_le_bytes(id)), start..end);
        at = end;
    }
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::{Block, EntityKind, Span};

    fn putin() -> Entity {
        Entity {
            id: "gaz:putin".into(),
            kind: EntityKind::Person,
            name: "ভ্লাদিমির পুতিন".into(),
            name_en: Some("Vladimir Putin".into()),
            aliases: vec!["ভ্লাদিমির পুতিন".into(), "পুতিন".into()],
            mentions: 2,
            spans: vec![
                Span {
                    block: Block::Title,
                    range: 0..15,
                },
                Span {
                    block: Block::Body(3),
                    range: 40..52,
                },
            ],
        }
    }

    #[test]
    fn round_trips_entities() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut cache, warning) = ExtractCache::open_with_fingerprint(dir.path(), 1);
        assert!(warning.is_none());
        cache.insert(ContentId(42), &[putin()]).expect("insert");
        cache.insert(ContentId(43), &[]).expect("insert");
        cache.save().expect("save");
        let (again, warning) = ExtractCache::open_with_fingerprint(dir.path(), 1);
        assert!(warning.is_none());
        assert_eq!(again.len(), 2);
        assert_eq!(again.get(ContentId(42)), Some(vec![putin()]));
        assert_eq!(again.get(ContentId(43)), Some(Vec::new()));
        assert_eq!(again.get(ContentId(44)), None);
    }

    #[test]
    fn grows_across_saves_and_drops_replaced_entries() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut cache, _) = ExtractCache::open_with_fingerprint(dir.path(), 1);
        cache.insert(ContentId(1), &[putin()]).expect("insert");
        cache.insert(ContentId(2), &[]).expect("insert");
        cache.insert(ContentId(1), &[]).expect("replace");
        cache.save().expect("save");
        let size = fs::metadata(&cache.path).expect("stat").len();
        let (mut again, warning) = ExtractCache::open_with_fingerprint(dir.path(), 1);
        assert!(warning.is_none());
        assert_eq!(
            again.get(ContentId(1)),
            Some(Vec::new()),
            "the later insert wins"
        );
        again.insert(ContentId(3), &[putin()]).expect("insert");
        again.save().expect("save");
        assert!(fs::metadata(&again.path).expect("stat").len() > size);
        let (third, warning) = ExtractCache::open_with_fingerprint(dir.path(), 1);
        assert!(warning.is_none());
        assert_eq!(third.len(), 3);
        assert_eq!(third.get(ContentId(2)), Some(Vec::new()));
        assert_eq!(third.get(ContentId(3)), Some(vec![putin()]));
    }

    #[test]
    fn corrupt_cache_is_discarded_with_a_warning() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut cache, _) = ExtractCache::open_with_fingerprint(dir.path(), 1);
        cache.insert(ContentId(42), &[putin()]).expect("insert");
        cache.save().expect("save");
        let mut bytes = fs::read(&cache.path).expect("read");
        let last = bytes.len() - 1;
        bytes[last] ^= 0x55;
        fs::write(&cache.path, &bytes).expect("corrupt");
        let (again, warning) = ExtractCache::open_with_fingerprint(dir.path(), 1);
        assert!(warning.is_some_and(|w| w.contains("checksum")));
        assert!(again.is_empty());
    }

    #[test]
    fn truncated_or_foreign_files_are_discarded() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (cache, _) = ExtractCache::open_with_fingerprint(dir.path(), 1);
        fs::write(&cache.path, b"KHOB").expect("write");
        let (again, warning) = ExtractCache::open_with_fingerprint(dir.path(), 1);
        assert!(warning.is_some());
        assert!(again.is_empty());
    }

    #[test]
    fn another_build_does_not_read_this_cache_and_cleans_it_up() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut old, _) = ExtractCache::open_with_fingerprint(dir.path(), 1);
        old.insert(ContentId(1), &[putin()]).expect("insert");
        old.save().expect("save old");
        let (mut new, warning) = ExtractCache::open_with_fingerprint(dir.path(), 2);
        assert!(warning.is_none());
        assert!(new.is_empty());
        new.insert(ContentId(1), &[]).expect("insert");
        new.save().expect("save new");
        assert!(!old.path.exists(), "stale cache removed");
    }
}
