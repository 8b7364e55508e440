//! The words of each article body by content hash, for the full-text index: a warm start rebuilds
//! the body index from these lists instead of reading, cleaning and splitting every file again.
//!
//! Keyed by [`ContentId`], so an added or edited article misses (and is read once, then stored),
//! a removed one is simply not asked for, and everything else is served from here. Words are
//! stored once, in a list of their own (under the empty key), and each body refers to them by
//! number: 100,000 bodies hold about 15 million (word, count) pairs over a few hundred thousand
//! distinct words. The list is only ever appended to, so numbers in entries kept from earlier
//! runs stay right.

use std::io;
use std::path::Path;

use rustc_hash::FxHashMap;

use super::EXTRACTION_FINGERPRINT;
use super::arena::Arena;
use crate::article::ContentId;

/// The key the words list is stored under: no content id is empty.
const WORDS_KEY: &[u8] = b"";

/// One body's words: how many words it has in all, each distinct word's number and count, and
/// every word in order (for exact phrases).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct NumberedBody {
    pub(crate) length: u32,
    pub(crate) words: Vec<(u32, u8)>,
    /// The body's words in order, by number, each as an unsigned LEB128 varint: about 1.5 bytes
    /// a word, since the common words were numbered first.
    pub(crate) sequence: Vec<u8>,
}

/// Body word lists by content id, persisted in the cache directory or held only in memory.
#[derive(Debug, Default)]
pub struct BodyCache {
    arena: Option<Arena>,
    /// Every word any stored body refers to, by number.
    words: Vec<Box<str>>,
    numbers: FxHashMap<Box<str>, u32>,
    /// Bodies handed over during this run ([`hold`](Self::hold)), served before any save: the
    /// rows of a dataset read once for the index, which no later read could find one by one.
    held: FxHashMap<ContentId, NumberedBody>,
}

impl BodyCache {
    /// Opens the cache in `dir` for this build; a warning for the user when an existing file
    /// was unusable (it is then rebuilt).
    pub fn open(dir: &Path) -> (Self, Option<String>) {
        Self::open_with_fingerprint(dir, EXTRACTION_FINGERPRINT)
    }

    fn open_with_fingerprint(dir: &Path, fingerprint: u64) -> (Self, Option<String>) {
        let (mut arena, mut warning) = Arena::open(dir, "bodies", fingerprint);
        let words = match arena.get(WORDS_KEY) {
            None if arena.len() == 0 => Some(Vec::new()),
            None => None,
            Some(bytes) => postcard::from_bytes::<Vec<&str>>(bytes)
                .ok()
                .map(|words| words.into_iter().map(Box::from).collect()),
        };
        let words: Vec<Box<str>> = words.unwrap_or_else(|| {
            warning.get_or_insert_with(|| {
                "the body cache's words list is unusable; rebuilding it".into()
            });
            arena.clear();
            Vec::new()
        });
        let numbers = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u32))
            .collect();
        let cache = Self {
            arena: Some(arena),
            words,
            numbers,
            held: FxHashMap::default(),
        };
        (cache, warning)
    }

    /// Forgets every body and word, stored or added: the search index about to be saved holds
    /// them. The next save keeps only what is stored after this, and removes the file when
    /// nothing is.
    pub(crate) fn clear(&mut self) {
        if let Some(arena) = &mut self.arena {
            arena.clear();
        }
        self.words.clear();
        self.numbers.clear();
        self.held.clear();
    }

    /// A cache that keeps nothing beyond this run.
    pub(crate) fn in_memory() -> Self {
        Self::default()
    }

    /// The words bodies refer to, by number.
    pub(crate) fn words(&self) -> &[Box<str>] {
        &self.words
    }

    /// The number of `word`, appending it when new.
    pub(crate) fn number(&mut self, word: &str) -> u32 {
        if let Some(&n) = self.numbers.get(word) {
            return n;
        }
        let n = self.words.len() as u32;
        self.words.push(word.into());
        self.numbers.insert(word.into(), n);
        n
    }

    /// The stored words of the body with content `id`; `None` when not stored, or when the
    /// entry does not decode or names a word the list does not have.
    pub(crate) fn get(&self, id: ContentId) -> Option<NumberedBody> {
        if let Some(held) = self.held.get(&id) {
            return Some(held.clone());
        }
        let bytes = self.arena.as_ref()?.get(&id.0.to_le_bytes())?;
        let (length, words, sequence): (u32, Vec<(u32, u8)>, Vec<u8>) =
            postcard::from_bytes(bytes).ok()?;
        let known = self.words.len() as u32;
        words
            .iter()
            .all(|&(n, _)| n < known)
            .then_some(NumberedBody {
                length,
                words,
                sequence,
            })
    }

    /// Stores `body` (numbered by this cache) as the words of content `id`.
    pub(crate) fn insert(&mut self, id: ContentId, body: &NumberedBody) -> io::Result<()> {
        let Some(arena) = &mut self.arena else {
            return Ok(());
        };
        arena.insert(&id.0.to_le_bytes(), |buf| {
            postcard::to_io(&(body.length, &body.words, &body.sequence), buf)
                .map(|_| ())
                .map_err(io::Error::other)
        })
    }

    /// Whether the words of content `id` are stored, or will be once saved: the loader asks
    /// before splitting a body it has in hand.
    pub fn contains(&self, id: ContentId) -> bool {
        self.held.contains_key(&id)
            || self
                .arena
                .as_ref()
                .is_some_and(|a| a.contains(&id.0.to_le_bytes()))
    }

    /// Stores `body` like [`insert`](Self::insert) and serves it from memory at once, before
    /// any save.
    pub(crate) fn hold(&mut self, id: ContentId, body: NumberedBody) -> io::Result<()> {
        self.insert(id, &body)?;
        self.held.insert(id, body);
        Ok(())
    }

    /// Whether bodies were stored since opening or the last save.
    pub fn has_additions(&self) -> bool {
        self.arena.as_ref().is_some_and(Arena::has_additions)
    }

    /// Writes the file when anything was added (atomically, with the words list).
    pub fn save(&mut self) -> io::Result<()> {
        let Some(arena) = &mut self.arena else {
            return Ok(());
        };
        if arena.has_additions() {
            let words: Vec<&str> = self.words.iter().map(|w| &**w).collect();
            arena.insert(WORDS_KEY, |buf| {
                postcard::to_io(&words, buf)
                    .map(|_| ())
                    .map_err(io::Error::other)
            })?;
        }
        arena.save()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(cache: &mut BodyCache, words: &[(&str, u8)]) -> NumberedBody {
        NumberedBody {
            length: words.iter().map(|&(_, n)| u32::from(n)).sum(),
            words: words.iter().map(|&(w, n)| (cache.number(w), n)).collect(),
            sequence: vec![0, 1, 0],
        }
    }

    #[test]
    fn bodies_are_served_by_content_id_after_a_save() {
        let dir = tempfile::tempdir().unwrap();
        let (mut cache, warning) = BodyCache::open(dir.path());
        assert!(warning.is_none());
        let a = body(&mut cache, &[("নির্বাচন", 2), ("কমিশন", 1)]);
        let b = body(&mut cache, &[("বন্যা", 3), ("নির্বাচন", 1)]);
        cache.insert(ContentId(1), &a).unwrap();
        cache.insert(ContentId(2), &b).unwrap();
        assert_eq!(cache.get(ContentId(1)), None, "not served before a save");
        cache.save().unwrap();

        let (reopened, warning) = BodyCache::open(dir.path());
        assert!(warning.is_none());
        let spelled = |n: NumberedBody| -> Vec<(String, u8)> {
            n.words
                .iter()
                .map(|&(w, c)| (reopened.words()[w as usize].to_string(), c))
                .collect()
        };
        assert_eq!(
            spelled(reopened.get(ContentId(2)).unwrap()),
            [("বন্যা".to_string(), 3), ("নির্বাচন".to_string(), 1)]
        );
        assert_eq!(reopened.get(ContentId(1)).unwrap().length, 3);
        assert_eq!(reopened.get(ContentId(3)), None);
    }

    #[test]
    fn entries_kept_from_an_earlier_run_keep_their_words_when_more_are_added() {
        let dir = tempfile::tempdir().unwrap();
        let (mut cache, _) = BodyCache::open(dir.path());
        let a = body(&mut cache, &[("ঢাকা", 1)]);
        cache.insert(ContentId(1), &a).unwrap();
        cache.save().unwrap();
        let (mut cache, _) = BodyCache::open(dir.path());
        let b = body(&mut cache, &[("খুলনা", 1), ("ঢাকা", 4)]);
        cache.insert(ContentId(2), &b).unwrap();
        cache.save().unwrap();
        let (cache, _) = BodyCache::open(dir.path());
        let first = cache.get(ContentId(1)).unwrap();
        assert_eq!(&*cache.words()[first.words[0].0 as usize], "ঢাকা");
        let second = cache.get(ContentId(2)).unwrap();
        assert_eq!(second.words[1], (first.words[0].0, 4));
    }

    #[test]
    fn a_cleared_cache_keeps_only_what_is_stored_after_and_removes_its_file_when_nothing_is() {
        let dir = tempfile::tempdir().unwrap();
        let (mut cache, _) = BodyCache::open(dir.path());
        let a = body(&mut cache, &[("ঢাকা", 1)]);
        cache.insert(ContentId(1), &a).unwrap();
        cache.save().unwrap();
        let (mut cache, _) = BodyCache::open(dir.path());
        let unsaved = body(&mut cache, &[("রাজশাহী", 1)]);
        cache.insert(ContentId(3), &unsaved).unwrap();
        cache.clear();
        let b = body(&mut cache, &[("খুলনা", 2)]);
        cache.insert(ContentId(2), &b).unwrap();
        cache.save().unwrap();
        let (mut cache, _) = BodyCache::open(dir.path());
        assert!(!cache.contains(ContentId(1)) && !cache.contains(ContentId(3)));
        let kept = cache.get(ContentId(2)).unwrap();
        assert_eq!(kept.words.len(), 1);
        assert_eq!(&*cache.words()[kept.words[0].0 as usize], "খুলনা");
        assert_eq!(
            cache.words().len(),
            1,
            "the words of forgotten bodies are gone"
        );

        cache.clear();
        cache.save().unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn another_build_does_not_read_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let (mut cache, _) = BodyCache::open_with_fingerprint(dir.path(), 1);
        let a = body(&mut cache, &[("ঢাকা", 1)]);
        cache.insert(ContentId(1), &a).unwrap();
        cache.save().unwrap();
        let (other, _) = BodyCache::open_with_fingerprint(dir.path(), 2);
        assert_eq!(other.get(ContentId(1)), None);
        assert!(other.words().is_empty());
    }
}
