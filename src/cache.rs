//! On-disk cache of extraction results, so a second start on a large corpus skips extraction.
//!
//! Keyed by the article's content hash; the whole file is tied to the fingerprint of the
//! extraction code and data this binary was built from (`build.rs`), so a changed gazetteer or
//! rule never serves stale entities. The file carries a checksum: a cache that fails to verify
//! or decode is discarded and rebuilt, never trusted. Written atomically like the reading state.

use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::article::{ContentId, Entity};
use crate::fsutil::write_atomic;

include!(concat!(env!("OUT_DIR"), "/fingerprint.rs"));

const MAGIC: &[u8; 8] = b"KHOBORX1";
const HEADER_LEN: usize = MAGIC.len() + 8 + 8;
/// Past this many articles the cache is dropped and rebuilt rather than grown without bound.
const MAX_ENTRIES: usize = 2_000_000;

/// Extraction results by content id.
#[derive(Debug, Default)]
pub struct ExtractCache {
    path: PathBuf,
    fingerprint: u64,
    entries: HashMap<ContentId, Vec<Entity>>,
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
            ..Self::default()
        };
        let warning = match fs::read(&cache.path) {
            Ok(bytes) => match decode(&bytes, fingerprint) {
                Ok(entries) => {
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

    pub fn get(&self, id: ContentId) -> Option<&[Entity]> {
        self.entries.get(&id).map(Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn insert(&mut self, id: ContentId, entities: Vec<Entity>) {
        self.entries.insert(id, entities);
        self.dirty = true;
    }

    /// Writes the cache if anything was added, and removes cache files of other builds.
    pub fn save(&self) -> io::Result<()> {
        if !self.dirty {
            return Ok(());
        }
        let bytes = encode(&self.entries, self.fingerprint)?;
        write_atomic(&self.path, &bytes, || Ok(()))?;
        self.remove_stale_files();
        Ok(())
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

fn encode(entries: &HashMap<ContentId, Vec<Entity>>, fingerprint: u64) -> io::Result<Vec<u8>> {
    let list: Vec<(u128, &Vec<Entity>)> = if entries.len() > MAX_ENTRIES {
        Vec::new()
    } else {
        entries.iter().map(|(id, e)| (id.0, e)).collect()
    };
    let payload = postcard::to_stdvec(&list).map_err(io::Error::other)?;
    let mut bytes = Vec::with_capacity(HEADER_LEN + payload.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&fingerprint.to_le_bytes());
    bytes.extend_from_slice(&xxhash_rust::xxh3::xxh3_64(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    Ok(bytes)
}

fn decode(bytes: &[u8], fingerprint: u64) -> Result<HashMap<ContentId, Vec<Entity>>, String> {
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
    let payload = &bytes[HEADER_LEN..];
    if word(MAGIC.len() + 8) != xxhash_rust::xxh3::xxh3_64(payload) {
        return Err("checksum mismatch".into());
    }
    let list: Vec<(u128, Vec<Entity>)> =
        postcard::from_bytes(payload).map_err(|e| e.to_string())?;
    Ok(list.into_iter().map(|(id, e)| (ContentId(id), e)).collect())
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
        cache.insert(ContentId(42), vec![putin()]);
        cache.insert(ContentId(43), Vec::new());
        cache.save().expect("save");
        let (again, warning) = ExtractCache::open_with_fingerprint(dir.path(), 1);
        assert!(warning.is_none());
        assert_eq!(again.len(), 2);
        assert_eq!(again.get(ContentId(42)), Some(&[putin()][..]));
        assert_eq!(again.get(ContentId(43)), Some(&[][..]));
        assert_eq!(again.get(ContentId(44)), None);
    }

    #[test]
    fn corrupt_cache_is_discarded_with_a_warning() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut cache, _) = ExtractCache::open_with_fingerprint(dir.path(), 1);
        cache.insert(ContentId(42), vec![putin()]);
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
        old.insert(ContentId(1), vec![putin()]);
        old.save().expect("save old");
        let (mut new, warning) = ExtractCache::open_with_fingerprint(dir.path(), 2);
        assert!(warning.is_none());
        assert!(new.is_empty());
        new.insert(ContentId(1), Vec::new());
        new.save().expect("save new");
        assert!(!old.path.exists(), "stale cache removed");
    }
}
