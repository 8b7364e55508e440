//! One copy of each entity name per load.
//!
//! A corpus of 100,000 articles names the same few thousand entities over a million times.
//! Every [`Name`] of a load is looked up here and points at one shared copy: a third of the
//! memory of a loaded corpus, and, when decoding a cache, no allocation at all for a name
//! already seen (names are read borrowed from the cache buffer, see [`StoredEntity`]).

use std::hash::BuildHasher;
use std::ops::Range;
use std::sync::RwLock;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

use crate::article::{Block, Entity, EntityKind, Name, Span};

/// The shared copies; `Sync`, so the loader's workers intern in parallel. After the first few
/// hundred articles nearly every lookup finds its name and only takes a read lock — of one of
/// several shards, since with one lock the workers' lookups (millions at 100,000 articles)
/// spent their time passing its cache line back and forth.
#[derive(Debug, Default)]
pub(crate) struct NameTable([RwLock<FxHashSet<Name>>; SHARDS]);

const SHARDS: usize = 16;

impl NameTable {
    /// The shared copy of `text`.
    pub(crate) fn name(&self, text: &str) -> Name {
        let shard = &self.0[(rustc_hash::FxBuildHasher.hash_one(text) as usize) % SHARDS];
        // A poisoned lock only means another worker panicked mid-insert; the set is still a
        // valid set, so keep using it.
        let set = shard.read().unwrap_or_else(|e| e.into_inner());
        if let Some(shared) = set.get(text) {
            return shared.clone();
        }
        drop(set);
        let mut set = shard.write().unwrap_or_else(|e| e.into_inner());
        if let Some(shared) = set.get(text) {
            return shared.clone();
        }
        let name = Name::from(text);
        set.insert(name.clone());
        name
    }

    /// Points every name of `entities` at its shared copy.
    pub(crate) fn share(&self, entities: &mut [Entity]) {
        for e in entities {
            let aliases = e.aliases.iter_mut();
            for name in [&mut e.id, &mut e.name]
                .into_iter()
                .chain(e.name_en.as_mut())
                .chain(aliases)
            {
                *name = self.name(name);
            }
        }
    }
}

/// An [`Entity`] as encoded in a cache (the same fields in the same order), each name stored as
/// `N`: borrowed from the buffer (`&str`, the extraction cache) or a number in a names list
/// (`u32`, the file cache).
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct StoredEntity<N> {
    id: N,
    kind: EntityKind,
    name: N,
    name_en: Option<N>,
    /// Inline: decoding is per entity, 1.5 million times at 100,000 articles, and these lists
    /// are dropped as soon as the entity is built.
    aliases: SmallVec<[N; 4]>,
    mentions: usize,
    spans: SmallVec<[(Block, Range<usize>); 2]>,
}

impl<N> StoredEntity<N> {
    /// `entity` to be stored, each name as `store` gives it.
    pub(crate) fn store<E>(
        entity: &Entity,
        mut store: impl FnMut(&Name) -> Result<N, E>,
    ) -> Result<Self, E> {
        Ok(Self {
            id: store(&entity.id)?,
            kind: entity.kind,
            name: store(&entity.name)?,
            name_en: entity.name_en.as_ref().map(&mut store).transpose()?,
            aliases: entity
                .aliases
                .iter()
                .map(&mut store)
                .collect::<Result<_, _>>()?,
            mentions: entity.mentions,
            spans: entity
                .spans
                .iter()
                .map(|s| (s.block, s.range.clone()))
                .collect(),
        })
    }

    /// Every name it stores.
    pub(crate) fn names(&self) -> impl Iterator<Item = &N> {
        [&self.id, &self.name]
            .into_iter()
            .chain(&self.name_en)
            .chain(&self.aliases)
    }

    /// The entity, each name made by `name`. (Lists are built to their exact length: at 1.5
    /// million entities, growing them by doubling would cost 100 MB.)
    pub(crate) fn entity(&self, name: impl Fn(&N) -> Name) -> Entity {
        Entity {
            id: name(&self.id),
            kind: self.kind,
            name: name(&self.name),
            name_en: self.name_en.as_ref().map(&name),
            aliases: self.aliases.iter().map(&name).collect(),
            mentions: self.mentions,
            spans: self
                .spans
                .iter()
                .map(|(block, range)| Span {
                    block: *block,
                    range: range.clone(),
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn equal_names_share_one_copy() {
        let names = NameTable::default();
        let a = names.name("পুতিন");
        let b = names.name(&String::from("পুতিন"));
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &names.name("কিম")));
    }

    #[test]
    fn stored_entities_decode_to_the_entities_encoded() {
        let names = NameTable::default();
        let (corpus, _) =
            crate::corpus::Corpus::load(&[], &crate::extract::Extractor::new()).expect("seeds");
        let entities = &corpus.articles[0].entities;
        assert!(
            entities
                .iter()
                .any(|e| !e.spans.is_empty() && !e.aliases.is_empty())
        );
        let bytes = postcard::to_allocvec(entities).expect("encode");
        let stored: Vec<StoredEntity<&str>> = postcard::from_bytes(&bytes).expect("decode");
        let decoded: Vec<Entity> = stored.iter().map(|s| s.entity(|n| names.name(n))).collect();
        assert_eq!(&decoded, entities);
    }
}
