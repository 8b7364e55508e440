//! Entities (people, places, organisations, media) and alias resolution.
//!
//! STUB: the entity issue replaces the body; the signatures are the contract other layers use.

use crate::article::{Article, Entity};

/// Holds the gazetteer and rules; built once, shared across threads (`Send + Sync`).
#[derive(Debug, Default)]
pub struct Extractor {}

impl Extractor {
    /// Loads the embedded gazetteer from `assets/`.
    pub fn new() -> Self {
        Self {}
    }

    /// Entities mentioned in one article, most mentioned first.
    pub fn extract(&self, _article: &Article) -> Vec<Entity> {
        Vec::new()
    }
}
