//! Extraction results by content hash: a renamed, moved or copied file, or a second corpus
//! holding the same text, skips extraction.

use std::io;
use std::path::Path;

use super::EXTRACTION_FINGERPRINT;
use super::arena::Arena;
use crate::article::{ContentId, Entity};
use crate::names::{NameTable, StoredEntity};

/// Entities by content id, kept encoded (postcard) until an article of the corpus asks.
#[derive(Debug)]
pub(crate) struct ExtractCache {
    arena: Arena,
}

impl ExtractCache {
    /// Opens the cache in `dir` for this build. Returns a warning for the user when an existing
    /// cache file was unusable (it is ignored and will be overwritten).
    pub(crate) fn open(dir: &Path) -> (Self, Option<String>) {
        Self::open_with_fingerprint(dir, EXTRACTION_FINGERPRINT)
    }

    fn open_with_fingerprint(dir: &Path, fingerprint: u64) -> (Self, Option<String>) {
        let (arena, warning) = Arena::open(dir, "extract", fingerprint);
        (Self { arena }, warning)
    }

    /// The cached entities of an article, their names shared through `names`. An entry that
    /// does not decode (the file verified, so only a bug could cause it) is treated as missing:
    /// extraction runs again.
    pub(crate) fn get(&self, id: ContentId, names: &NameTable) -> Option<Vec<Entity>> {
        let stored: Vec<StoredEntity<&str>> =
            postcard::from_bytes(self.arena.get(&id.0.to_le_bytes())?).ok()?;
        Some(stored.iter().map(|e| e.entity(|n| names.name(n))).collect())
    }

    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.arena.len()
    }

    pub(crate) fn insert(&mut self, id: ContentId, entities: &[Entity]) -> io::Result<()> {
        self.arena.insert(&id.0.to_le_bytes(), |buf| {
            postcard::to_io(entities, buf)
                .map(|_| ())
                .map_err(io::Error::other)
        })
    }

    /// Writes the cache if anything was added, and removes cache files of other builds.
    pub(crate) fn save(&mut self) -> io::Result<()> {
        self.arena.save()
    }
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
        let names = NameTable::default();
        assert_eq!(again.get(ContentId(42), &names), Some(vec![putin()]));
        assert_eq!(again.get(ContentId(43), &names), Some(Vec::new()));
        assert_eq!(again.get(ContentId(44), &names), None);
    }
}
