//! The words of each body the load reads, handed to the body cache of the full-text index.
//!
//! A light load drops every body once its entities are extracted, and the index would then
//! read every file a second time for its words; a dataset's rows cannot even be read one at a
//! time. So while the bodies are in hand (after extraction) their words go into the body cache
//! by content id, saved with the other caches at the end of the load, and the index takes them
//! from there. Only loads that use the caches do this: without a cache directory there is
//! nowhere to keep them past the load (the index then reads them itself, a dataset once).

use super::Pipeline;
use super::opening::{join_open, spawn_open};
use crate::article::ContentId;
use crate::cache::BodyCache;
use crate::load::LoadEvent;
use crate::search::body::store_bodies;

impl Pipeline<'_> {
    /// Opens the body cache beside the extraction cache, for a light load that uses the caches.
    pub(super) fn open_body_cache(&mut self, sink: &mut dyn FnMut(LoadEvent)) {
        if !self.light {
            return;
        }
        if self.body_cache.is_none()
            && self.bodies_opening.is_none()
            && let Some(dir) = &self.caching
        {
            self.bodies_opening = spawn_open(dir, BodyCache::open);
        }
        if let Some(opened) = join_open(&mut self.bodies_opening, self.progress, sink) {
            self.body_cache = Some(opened);
        }
    }

    /// Stores the words of `bodies` in the body cache, when this load keeps one.
    pub(super) fn store_bodies(
        &mut self,
        bodies: &[(ContentId, Vec<String>)],
        sink: &mut dyn FnMut(LoadEvent),
    ) {
        let Some(cache) = &mut self.body_cache else {
            return;
        };
        if let Err(e) = store_bodies(bodies, cache, false) {
            self.not_saved(sink, format!("body cache not saved: {e}"));
        }
    }
}
